/*
 * compat.h
 *		The differences between the PostgreSQL majors migrisk builds
 *		against (15, 17 and 18 are tested), in one place.  Include it after
 *		postgres.h in every glue file.
 */
#ifndef MIGRISK_COMPAT_H
#define MIGRISK_COMPAT_H

#if PG_VERSION_NUM < 150000
#error "migrisk needs PostgreSQL 15 or later"
#endif

/* 16 moved the varlena macros out of postgres.h */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * Soft input errors came in 16: an input function called with an
 * ErrorSaveContext (pg_input_is_valid, COPY ... ON_ERROR) records its error
 * there instead of raising it.  Before 16 every error is raised, so the same
 * code serves 15.
 */
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#else
/* the context is evaluated (and dropped), so that no variable goes unused */
#define errsave(context, ...) \
	do { \
		(void) (context); \
		ereport(ERROR, __VA_ARGS__); \
	} while (0)
#define ereturn(context, dummy_value, ...) \
	do { \
		(void) (context); \
		ereport(ERROR, __VA_ARGS__); \
		return dummy_value; \
	} while (0)
#define SOFT_ERROR_OCCURRED(escontext)	((void) (escontext), false)
#endif

/*
 * 18 replaced pg_attribute_noreturn(), written after a declaration, by
 * pg_noreturn, written before it; gcc and clang take the attribute before.
 */
#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

/* 16: get_guc_variables() returns the count through its argument */
#if PG_VERSION_NUM >= 160000
#define migrisk_guc_variables(n)	get_guc_variables(n)
#else
#define migrisk_guc_variables(n)	(*(n) = GetNumConfigOptions(), get_guc_variables())
#endif

#endif							/* MIGRISK_COMPAT_H */
