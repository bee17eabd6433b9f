/*
 * link_gamma_io.c
 *		SQL type migrisk.link_gamma: a comparison vector packed in four bytes
 *		and passed by value.  Text and binary I/O, the btree and hash support
 *		functions, and the per-field accessors level() and level_index().
 *		The field and level names live in src/core/link_gamma.c.
 */
#include "postgres.h"

#include "fmgr.h"
#include "common/hashfn.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "compat.h"
#include "link_gamma.h"

#define DatumGetLinkGamma(d)	((link_gamma_t) DatumGetUInt32(d))
#define LinkGammaGetDatum(g)	UInt32GetDatum(g)
#define PG_GETARG_LINK_GAMMA(n) DatumGetLinkGamma(PG_GETARG_DATUM(n))
#define PG_RETURN_LINK_GAMMA(g) return LinkGammaGetDatum(g)

/* "given, surname1, ..." for hints */
static char *
link_gamma_field_list(void)
{
	StringInfoData s;
	int			f;

	initStringInfo(&s);
	for (f = 0; f < LINK_GAMMA_NFIELDS; f++)
		appendStringInfo(&s, "%s%s", f ? ", " : "", link_gamma_field_name(f));
	return s.data;
}

/* "exact, phonetic, ..., missing" for hints */
static char *
link_gamma_level_list(int field)
{
	StringInfoData s;
	int			l;

	initStringInfo(&s);
	for (l = 0; l < link_gamma_level_count(field); l++)
		appendStringInfo(&s, "%s, ", link_gamma_level_name(field, l));
	appendStringInfoString(&s, link_gamma_level_name(field, LINK_GAMMA_MISSING));
	return s.data;
}

static int
link_gamma_field_arg(text *t)
{
	int			f = link_gamma_field_index(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));

	if (f < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown link_gamma field: \"%s\"", text_to_cstring(t)),
				 errhint("Valid fields are: %s.", link_gamma_field_list())));
	return f;
}

PG_FUNCTION_INFO_V1(link_gamma_in);

Datum
link_gamma_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	link_gamma_t g;
	link_gamma_error err;

	if (link_gamma_parse(str, strlen(str), &g, &err) == LINK_GAMMA_OK)
		PG_RETURN_LINK_GAMMA(g);

	switch (err.status)
	{
		case LINK_GAMMA_ERR_FIELD:
			ereturn(fcinfo->context, (Datum) 0,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type link_gamma: \"%s\"", str),
					 errdetail("Unknown field \"%.*s\".", (int) err.len, str + err.pos),
					 errhint("Valid fields are: %s.", link_gamma_field_list())));
		case LINK_GAMMA_ERR_LEVEL:
			ereturn(fcinfo->context, (Datum) 0,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type link_gamma: \"%s\"", str),
					 errdetail("Unknown level \"%.*s\" for field \"%s\".",
							   (int) err.len, str + err.pos,
							   link_gamma_field_name(err.field)),
					 errhint("Valid levels of %s are: %s.",
							 link_gamma_field_name(err.field),
							 link_gamma_level_list(err.field))));
		case LINK_GAMMA_ERR_DUPLICATE:
			ereturn(fcinfo->context, (Datum) 0,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type link_gamma: \"%s\"", str),
					 errdetail("Field \"%s\" is given more than once.",
							   link_gamma_field_name(err.field))));
		default:
			ereturn(fcinfo->context, (Datum) 0,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type link_gamma: \"%s\"", str),
					 err.pos >= strlen(str) ?
					 errdetail("Expected field=level pairs separated by commas; the input ends too early.") :
					 errdetail("Expected field=level pairs separated by commas; problem at byte %d.",
							   (int) err.pos + 1),
					 errhint("Example: given=exact,surname1=swapped,dob=transposed.")));
	}
	PG_RETURN_NULL();			/* not reached */
}

PG_FUNCTION_INFO_V1(link_gamma_out);

Datum
link_gamma_out(PG_FUNCTION_ARGS)
{
	link_gamma_t g = PG_GETARG_LINK_GAMMA(0);
	char	   *buf = palloc(LINK_GAMMA_TEXT_MAX);
	size_t		n = link_gamma_format(g, buf, LINK_GAMMA_TEXT_MAX);

	Assert(n < LINK_GAMMA_TEXT_MAX);
	(void) n;
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(link_gamma_recv);

Datum
link_gamma_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	uint32		g = (uint32) pq_getmsgint(buf, 4);

	if (!link_gamma_valid(g))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external link_gamma value: 0x%08X", g),
				 errdetail("Each of the %d four-bit fields must hold a defined level or 15 (missing), and bits 28 to 31 must be zero.",
						   LINK_GAMMA_NFIELDS)));
	PG_RETURN_LINK_GAMMA((link_gamma_t) g);
}

PG_FUNCTION_INFO_V1(link_gamma_send);

Datum
link_gamma_send(PG_FUNCTION_ARGS)
{
	link_gamma_t g = PG_GETARG_LINK_GAMMA(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, (uint32) g);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* btree order: the packed value, i.e. lexicographic from the last field */
#define LINK_GAMMA_CMP_FN(fname, op) \
PG_FUNCTION_INFO_V1(fname); \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_LINK_GAMMA(0) op PG_GETARG_LINK_GAMMA(1)); \
}

LINK_GAMMA_CMP_FN(link_gamma_eq, ==)
LINK_GAMMA_CMP_FN(link_gamma_ne, !=)
LINK_GAMMA_CMP_FN(link_gamma_lt, <)
LINK_GAMMA_CMP_FN(link_gamma_le, <=)
LINK_GAMMA_CMP_FN(link_gamma_gt, >)
LINK_GAMMA_CMP_FN(link_gamma_ge, >=)

PG_FUNCTION_INFO_V1(link_gamma_cmp);

Datum
link_gamma_cmp(PG_FUNCTION_ARGS)
{
	link_gamma_t a = PG_GETARG_LINK_GAMMA(0);
	link_gamma_t b = PG_GETARG_LINK_GAMMA(1);

	PG_RETURN_INT32(a < b ? -1 : (a > b ? 1 : 0));
}

PG_FUNCTION_INFO_V1(link_gamma_hash);

Datum
link_gamma_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) PG_GETARG_LINK_GAMMA(0));
}

PG_FUNCTION_INFO_V1(link_gamma_hash_extended);

Datum
link_gamma_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) PG_GETARG_LINK_GAMMA(0),
								PG_GETARG_INT64(1));
}

PG_FUNCTION_INFO_V1(link_gamma_level);

/* level(gamma, field): the level name, NULL when the field is missing */
Datum
link_gamma_level(PG_FUNCTION_ARGS)
{
	link_gamma_t g = PG_GETARG_LINK_GAMMA(0);
	int			f = link_gamma_field_arg(PG_GETARG_TEXT_PP(1));
	int			l = link_gamma_get(g, f);

	if (l == LINK_GAMMA_MISSING)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(link_gamma_level_name(f, l)));
}

PG_FUNCTION_INFO_V1(link_gamma_level_idx);

/* level_index(gamma, field): 0 = strongest agreement, NULL when missing */
Datum
link_gamma_level_idx(PG_FUNCTION_ARGS)
{
	link_gamma_t g = PG_GETARG_LINK_GAMMA(0);
	int			f = link_gamma_field_arg(PG_GETARG_TEXT_PP(1));
	int			l = link_gamma_get(g, f);

	if (l == LINK_GAMMA_MISSING)
		PG_RETURN_NULL();
	PG_RETURN_INT32(l);
}

PG_FUNCTION_INFO_V1(link_gamma_levels);

/*
 * link_gamma_levels(): one row per (field, level) in the order of the packed
 * vector, so that SQL code (the EM estimation, reports) can enumerate the
 * levels without copying the tables.
 */
Datum
link_gamma_levels(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			f;

	InitMaterializedSRF(fcinfo, 0);
	for (f = 0; f < LINK_GAMMA_NFIELDS; f++)
	{
		int			l;

		for (l = 0; l < link_gamma_level_count(f); l++)
		{
			Datum		values[5];
			bool		nulls[5] = {false, false, false, false, false};

			values[0] = Int32GetDatum(f);
			values[1] = CStringGetTextDatum(link_gamma_field_name(f));
			values[2] = Int32GetDatum(l);
			values[3] = CStringGetTextDatum(link_gamma_level_name(f, l));
			values[4] = Int32GetDatum(link_gamma_level_count(f));
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	return (Datum) 0;
}
