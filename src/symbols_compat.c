/*
 * symbols_compat.c
 *		The C symbols that migrisk 0.1.0 and 0.2.0 named, kept as aliases
 *		of the functions that now carry the SQL names.
 *
 * Why they stay: a function's C symbol is stored in pg_proc.prosrc.  The
 * released install scripts (releases/migrisk--0.1.0.sql, 0.2.0) and the
 * update scripts (migrisk--0.1.0--0.2.0.sql and the top of
 * migrisk--0.2.0--0.3.0.sql) create functions AS 'MODULE_PATHNAME',
 * 'migrisk_...', and CREATE FUNCTION looks the symbol up in this library.
 * So an old version must keep installing (CREATE EXTENSION migrisk VERSION
 * '0.2.0', test/shell/upgrade.sh), a database still at 0.1.0 or 0.2.0 must
 * keep working with this library until ALTER EXTENSION UPDATE, and
 * pg_restore of such a database must find every function.  The end of
 * migrisk--0.2.0--0.3.0.sql re-points the updated functions to the new
 * symbols, so a database at 0.3.0 calls none of these.
 *
 * The scheme of the new names (sql/c_symbols.sql checks it): the C symbol
 * is the SQL name, an internal function's leading underscore dropped
 * (_link_em_trans: link_em_trans); NAME_sql where a pure core of
 * src/core/ already holds NAME (name_normalize, name_phonetic,
 * compare_persons, place_key); version() keeps migrisk_version.
 *
 * Each alias is a V1 function that hands its call, fcinfo and all, to the
 * new one: the same arguments, flinfo (and so fn_extra caches),
 * resultinfo for the set-returning ones, and aggregate context.
 *
 * The serial and deserial functions of 0.1.0 and 0.2.0's link_em state
 * (migrisk_link_em_serial, migrisk_link_em_deserial) have no 0.3.0
 * function to forward to; they stay in link_em_state.c.
 */
#include "postgres.h"

#include "fmgr.h"

#define MIGRISK_SYMBOL_ALIAS(old_name, new_name) \
	extern PGDLLEXPORT Datum new_name(PG_FUNCTION_ARGS); \
	PG_FUNCTION_INFO_V1(old_name); \
	Datum \
	old_name(PG_FUNCTION_ARGS) \
	{ \
		return new_name(fcinfo); \
	}

/* 0.1.0 */
MIGRISK_SYMBOL_ALIAS(migrisk_name_normalize, name_normalize_sql)
MIGRISK_SYMBOL_ALIAS(migrisk_name_phonetic, name_phonetic_sql)
MIGRISK_SYMBOL_ALIAS(migrisk_jaro_winkler, jaro_winkler)
MIGRISK_SYMBOL_ALIAS(migrisk_damerau_levenshtein, damerau_levenshtein)
MIGRISK_SYMBOL_ALIAS(migrisk_damerau_levenshtein_max, damerau_levenshtein_max)
MIGRISK_SYMBOL_ALIAS(migrisk_compare_persons, compare_persons_sql)
MIGRISK_SYMBOL_ALIAS(migrisk_blocking_keys, blocking_keys)
MIGRISK_SYMBOL_ALIAS(migrisk_link_clusters, link_clusters)
MIGRISK_SYMBOL_ALIAS(migrisk_with_plausibility, with_plausibility)
MIGRISK_SYMBOL_ALIAS(migrisk_link_em_trans, link_em_trans)
MIGRISK_SYMBOL_ALIAS(migrisk_link_em_combine, link_em_combine)
MIGRISK_SYMBOL_ALIAS(migrisk_link_em_final, link_em_final)
MIGRISK_SYMBOL_ALIAS(migrisk_link_u_final, link_u_final)
MIGRISK_SYMBOL_ALIAS(migrisk_link_em_fit, link_em_fit)
MIGRISK_SYMBOL_ALIAS(migrisk_match_weight, match_weight)
MIGRISK_SYMBOL_ALIAS(migrisk_match_probability, match_probability)

/* 0.2.0 */
MIGRISK_SYMBOL_ALIAS(migrisk_place_key, place_key_sql)
MIGRISK_SYMBOL_ALIAS(migrisk_return_plausibility, return_plausibility)

/* the top of migrisk--0.2.0--0.3.0.sql */
MIGRISK_SYMBOL_ALIAS(migrisk_config_changed, config_changed)
MIGRISK_SYMBOL_ALIAS(migrisk_given_name_equivalents, given_name_equivalents)
