/*
 * compare.h
 *		Comparison of two person records into a link_gamma vector, and the
 *		blocking keys of one record (pure C).
 */
#ifndef COMPARE_H
#define COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "link_gamma.h"

/* one record as it comes from SQL; NULL pointer or length 0 = missing */
typedef struct
{
	const char *given;
	size_t		given_len;
	const char *surname1;
	size_t		surname1_len;
	const char *surname2;
	size_t		surname2_len;
	int			has_dob;
	int32_t		dob;			/* days since 2000-01-01 (PostgreSQL date) */
	const char *sex;
	size_t		sex_len;
	const char *nationality;
	size_t		nationality_len;
} compare_person;

/* Jaro-Winkler thresholds of the jw92 and jw85 levels */
#define COMPARE_JW_HIGH		0.92
#define COMPARE_JW_LOW		0.85

/* level of two birth dates (days since 2000-01-01) */
extern int	compare_dob_level(int32_t a, int32_t b);

/*
 * level of two names already normalised (0..4 = exact, phonetic, jw92,
 * jw85, different); both must be non-empty.
 */
extern int	compare_name_level(const char *a, size_t la, const char *b, size_t lb);

extern link_gamma_t compare_persons(const compare_person *a, const compare_person *b);

/*
 * A memo of phonetic keys shared by many calls (one query): opaque, of
 * compare_cache_size() bytes, zeroed by compare_cache_init.  Results are
 * the same with or without it.
 */
typedef struct compare_cache compare_cache;
extern size_t compare_cache_size(void);
extern void compare_cache_init(compare_cache *c);
extern link_gamma_t compare_persons_cached(const compare_person *a, const compare_person *b,
										   compare_cache *cache);

/*
 * with a date: S and D 4 surname words each, G 3 given words, N 3 x 4 x 2
 * decades, F 2 decades (37); without: N 2 x 2 x 14 decades, F 14 (70)
 */
#define COMPARE_MAX_KEYS		72
/* longest key, bytes, with its NUL; the phonetic parts are cut to fit */
#define COMPARE_KEY_SIZE		96

/* blocking keys of one record; returns how many were written */
extern int	compare_blocking_keys(const compare_person *p,
								  char keys[COMPARE_MAX_KEYS][COMPARE_KEY_SIZE]);

#endif							/* COMPARE_H */
