/*
 * link_names.c
 *		SQL glue of the name and string-similarity cores: name_normalize,
 *		name_phonetic, jaro_winkler, damerau_levenshtein.  Text arguments are
 *		read in place (PG_GETARG_TEXT_PP), never copied.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "compat.h"
#include "name_normalize.h"
#include "name_phonetic.h"
#include "strsim.h"

PG_FUNCTION_INFO_V1(name_normalize_sql);

/* name_normalize(text): the normal form, NULL when nothing is left */
Datum
name_normalize_sql(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	char		buf[NAME_NORMALIZE_BUFSIZE];
	size_t		n = name_normalize(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), buf);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf, (int) n));
}

PG_FUNCTION_INFO_V1(name_phonetic_sql);

/* name_phonetic(text): the Spanish phonetic key, NULL when empty */
Datum
name_phonetic_sql(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	char		buf[NAME_PHONETIC_BUFSIZE];
	size_t		n = name_phonetic(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), buf);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf, (int) n));
}

static void
strsim_too_long(const char *fn)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("%s argument exceeds the maximum length of %d characters",
					fn, STRSIM_MAX_CHARS),
			 errhint("Compare normalised names (migrisk.name_normalize), or left(x, %d).",
					 STRSIM_MAX_CHARS)));
}

PG_FUNCTION_INFO_V1(jaro_winkler);

/* jaro_winkler(a, b): NULL when either is empty (nothing to compare) */
Datum
jaro_winkler(PG_FUNCTION_ARGS)
{
	text	   *a = PG_GETARG_TEXT_PP(0);
	text	   *b = PG_GETARG_TEXT_PP(1);
	size_t		la = VARSIZE_ANY_EXHDR(a),
				lb = VARSIZE_ANY_EXHDR(b);
	double		r;

	if (la == 0 || lb == 0)
		PG_RETURN_NULL();
	r = strsim_jaro_winkler(VARDATA_ANY(a), la, VARDATA_ANY(b), lb);
	if (r < 0)
		strsim_too_long("jaro_winkler");
	PG_RETURN_FLOAT8(r);
}

static Datum
migrisk_dl_common(FunctionCallInfo fcinfo, int max)
{
	text	   *a = PG_GETARG_TEXT_PP(0);
	text	   *b = PG_GETARG_TEXT_PP(1);
	int			r = strsim_damerau_levenshtein(VARDATA_ANY(a), VARSIZE_ANY_EXHDR(a),
											   VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b),
											   max);

	if (r < 0)
		strsim_too_long("damerau_levenshtein");
	PG_RETURN_INT32(r);
}

PG_FUNCTION_INFO_V1(damerau_levenshtein);

Datum
damerau_levenshtein(PG_FUNCTION_ARGS)
{
	return migrisk_dl_common(fcinfo, -1);
}

PG_FUNCTION_INFO_V1(damerau_levenshtein_max);

/* with a bound: exact up to max, max + 1 beyond it */
Datum
damerau_levenshtein_max(PG_FUNCTION_ARGS)
{
	int32		max = PG_GETARG_INT32(2);

	if (max < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("damerau_levenshtein maximum must not be negative: %d", max)));
	if (max > STRSIM_MAX_CHARS)
		max = STRSIM_MAX_CHARS;	/* no distance can exceed it */
	return migrisk_dl_common(fcinfo, max);
}
