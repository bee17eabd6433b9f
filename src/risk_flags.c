/*
 * risk_flags.c
 *		The risk_flags type: text and binary I/O, comparison, hashing, the
 *		Kleene set operators, constructors from text[] and from booleans,
 *		and has_flag / flag_count / to_codes.  Codes are resolved through
 *		the registry cached for the backend (risk_registry.c).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "compat.h"
#include "risk.h"

#define RISK_FLAGS_FORMAT 1

static Datum
risk_flags_datum(risk_flags f)
{
	risk_flags *r = palloc(sizeof(risk_flags));

	*r = f;
	return PointerGetDatum(r);
}

PG_FUNCTION_INFO_V1(risk_flags_in);
Datum
risk_flags_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	const risk_codetab *tab = risk_registry(fcinfo);
	risk_flags	f;
	risk_parse_error e;
	risk_parse_status st = risk_flags_parse(s, strlen(s), tab, &f, &e);

	switch (st)
	{
		case RISK_PARSE_OK:
			break;
		case RISK_PARSE_UNKNOWN_CODE:
			ereturn(fcinfo->context, (Datum) 0,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type risk_flags: \"%s\"", s),
					 errdetail("Indicator code \"%.*s\" is not registered.", (int) e.len, s + e.pos),
					 errhint("SELECT code FROM %s.indicator lists the valid codes; #N names bit N.",
							 risk_ext_schema(fcinfo))));
		case RISK_PARSE_BIT_RANGE:
			ereturn(fcinfo->context, (Datum) 0,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("indicator bit out of range in risk_flags: \"%s\"", s),
					 errdetail("\"%.*s\": %s.", (int) e.len, s + e.pos, e.detail),
					 errhint("Use #0 to #63, or an indicator code.")));
		default:
			ereturn(fcinfo->context, (Datum) 0,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type risk_flags: \"%s\"", s),
					 errdetail("At character %d: %s.", (int) e.pos + 1, e.detail),
					 errhint("Write {code,...} for indicators present (others no), -code for no, ?code for unknown, and a lone ? to make unlisted indicators unknown.")));
	}
	PG_RETURN_DATUM(risk_flags_datum(f));
}

PG_FUNCTION_INFO_V1(risk_flags_out);
Datum
risk_flags_out(PG_FUNCTION_ARGS)
{
	risk_flags	f = PG_GETARG_RISKFLAGS(0);
	const risk_codetab *tab = risk_registry(fcinfo);
	size_t		need = risk_flags_format(f, tab, NULL, 0);
	char	   *buf = palloc(need + 1);

	risk_flags_format(f, tab, buf, need + 1);
	PG_RETURN_CSTRING(buf);
}

/* binary: a format byte, then the yes and known sets as int8 */
PG_FUNCTION_INFO_V1(risk_flags_recv);
Datum
risk_flags_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	risk_flags	f;
	int			fmt = pq_getmsgbyte(buf);

	if (fmt != RISK_FLAGS_FORMAT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary risk_flags: unknown format %d", fmt)));
	f.yes = (uint64) pq_getmsgint64(buf);
	f.known = (uint64) pq_getmsgint64(buf);
	pq_getmsgend(buf);
	if (!risk_flags_valid(f))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary risk_flags: an indicator is yes but not known")));
	PG_RETURN_DATUM(risk_flags_datum(f));
}

PG_FUNCTION_INFO_V1(risk_flags_send);
Datum
risk_flags_send(PG_FUNCTION_ARGS)
{
	risk_flags	f = PG_GETARG_RISKFLAGS(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, RISK_FLAGS_FORMAT);
	pq_sendint64(&buf, (int64) f.yes);
	pq_sendint64(&buf, (int64) f.known);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

#define RISK_CMP_FN(name, expr) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	int			c = risk_flags_cmp(PG_GETARG_RISKFLAGS(0), PG_GETARG_RISKFLAGS(1)); \
	PG_RETURN_BOOL(expr); \
}

RISK_CMP_FN(risk_flags_eq, c == 0)
RISK_CMP_FN(risk_flags_ne, c != 0)
RISK_CMP_FN(risk_flags_lt, c < 0)
RISK_CMP_FN(risk_flags_le, c <= 0)
RISK_CMP_FN(risk_flags_gt, c > 0)
RISK_CMP_FN(risk_flags_ge, c >= 0)

PG_FUNCTION_INFO_V1(risk_flags_cmp_fn);
Datum
risk_flags_cmp_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(risk_flags_cmp(PG_GETARG_RISKFLAGS(0), PG_GETARG_RISKFLAGS(1)));
}

PG_FUNCTION_INFO_V1(risk_flags_hash_fn);
Datum
risk_flags_hash_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) risk_flags_hash(PG_GETARG_RISKFLAGS(0)));
}

PG_FUNCTION_INFO_V1(risk_flags_hash_extended);
Datum
risk_flags_hash_extended(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64((int64) risk_flags_hash64(PG_GETARG_RISKFLAGS(0), (uint64) PG_GETARG_INT64(1)));
}

PG_FUNCTION_INFO_V1(risk_flags_or_fn);
Datum
risk_flags_or_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(risk_flags_datum(risk_flags_or(PG_GETARG_RISKFLAGS(0), PG_GETARG_RISKFLAGS(1))));
}

PG_FUNCTION_INFO_V1(risk_flags_and_fn);
Datum
risk_flags_and_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(risk_flags_datum(risk_flags_and(PG_GETARG_RISKFLAGS(0), PG_GETARG_RISKFLAGS(1))));
}

PG_FUNCTION_INFO_V1(risk_flags_minus_fn);
Datum
risk_flags_minus_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(risk_flags_datum(risk_flags_minus(PG_GETARG_RISKFLAGS(0), PG_GETARG_RISKFLAGS(1))));
}

PG_FUNCTION_INFO_V1(risk_flags_contains_fn);
Datum
risk_flags_contains_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(risk_flags_contains(PG_GETARG_RISKFLAGS(0), PG_GETARG_RISKFLAGS(1)));
}

PG_FUNCTION_INFO_V1(risk_flags_contained_fn);
Datum
risk_flags_contained_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(risk_flags_contains(PG_GETARG_RISKFLAGS(1), PG_GETARG_RISKFLAGS(0)));
}

PG_FUNCTION_INFO_V1(risk_flags_overlaps_fn);
Datum
risk_flags_overlaps_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(risk_flags_overlaps(PG_GETARG_RISKFLAGS(0), PG_GETARG_RISKFLAGS(1)));
}

/* risk_flags(codes text[]): listed indicators yes, every other no */
PG_FUNCTION_INFO_V1(risk_flags_from_codes);
Datum
risk_flags_from_codes(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;
	risk_flags	f = {0, ~UINT64CONST(0)};

	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	for (i = 0; i < n; i++)
	{
		text	   *t;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("indicator codes must not be NULL"),
					 errhint("Use risk_flags(codes, states) to mark indicators unknown.")));
		t = DatumGetTextPP(elems[i]);
		f.yes |= UINT64CONST(1) << risk_code_bit(fcinfo, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), false);
	}
	PG_RETURN_DATUM(risk_flags_datum(f));
}

/*
 * risk_flags(codes text[], states boolean[]): codes[i] is yes, no or (NULL)
 * unknown as states[i] says; indicators not listed are unknown.
 */
PG_FUNCTION_INFO_V1(risk_flags_from_states);
Datum
risk_flags_from_states(PG_FUNCTION_ARGS)
{
	ArrayType  *ca = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *sa = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *codes,
			   *states;
	bool	   *cnull,
			   *snull;
	int			nc,
				ns,
				i;
	uint64		yes = 0,
				no = 0,
				unk = 0;
	risk_flags	f;

	deconstruct_array(ca, TEXTOID, -1, false, TYPALIGN_INT, &codes, &cnull, &nc);
	deconstruct_array(sa, BOOLOID, 1, true, TYPALIGN_CHAR, &states, &snull, &ns);
	if (nc != ns)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("risk_flags: %d codes but %d states", nc, ns),
				 errhint("Give one state (true, false or NULL for unknown) per code.")));
	for (i = 0; i < nc; i++)
	{
		text	   *t;
		uint64		m;
		uint64	   *target;

		if (cnull[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("indicator codes must not be NULL")));
		t = DatumGetTextPP(codes[i]);
		m = UINT64CONST(1) << risk_code_bit(fcinfo, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), false);
		target = snull[i] ? &unk : DatumGetBool(states[i]) ? &yes : &no;
		if (((yes | no | unk) & m) && !(*target & m))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("risk_flags: indicator \"%s\" is given two different states",
							text_to_cstring(t))));
		*target |= m;
	}
	f.yes = yes;
	f.known = yes | no;
	PG_RETURN_DATUM(risk_flags_datum(f));
}

/* has_flag(flags, code): true, false, or NULL when unknown */
PG_FUNCTION_INFO_V1(risk_has_flag);
Datum
risk_has_flag(PG_FUNCTION_ARGS)
{
	risk_flags	f = PG_GETARG_RISKFLAGS(0);
	text	   *t = PG_GETARG_TEXT_PP(1);
	uint64		m = UINT64CONST(1) << risk_code_bit(fcinfo, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), false);

	if (!(f.known & m))
		PG_RETURN_NULL();
	PG_RETURN_BOOL((f.yes & m) != 0);
}

PG_FUNCTION_INFO_V1(risk_flag_count);
Datum
risk_flag_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(risk_popcount(PG_GETARG_RISKFLAGS(0).yes));
}

/* number of registered indicators whose state is unknown */
PG_FUNCTION_INFO_V1(risk_unknown_count);
Datum
risk_unknown_count(PG_FUNCTION_ARGS)
{
	risk_flags	f = PG_GETARG_RISKFLAGS(0);

	PG_RETURN_INT32(risk_popcount(~f.known & risk_registered(fcinfo)));
}

static Datum
risk_codes_array(FunctionCallInfo fcinfo, uint64 bits)
{
	const risk_codetab *tab = risk_registry(fcinfo);
	Datum		elems[RISK_NBITS];
	int			n = 0;

	while (bits)
	{
		int			i = __builtin_ctzll(bits);

		elems[n++] = CStringGetTextDatum(tab->name[i] ? tab->name[i] : psprintf("#%d", i));
		bits &= bits - 1;
	}
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/* to_codes(flags): the codes of the indicators present, by bit */
PG_FUNCTION_INFO_V1(risk_to_codes);
Datum
risk_to_codes(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(risk_codes_array(fcinfo, PG_GETARG_RISKFLAGS(0).yes));
}

/* unknown_codes(flags): the registered indicators whose state is unknown */
PG_FUNCTION_INFO_V1(risk_unknown_codes);
Datum
risk_unknown_codes(PG_FUNCTION_ARGS)
{
	risk_flags	f = PG_GETARG_RISKFLAGS(0);

	PG_RETURN_DATUM(risk_codes_array(fcinfo, ~f.known & risk_registered(fcinfo)));
}

/*
 * risk_flags(yes bigint, known bigint): from bit masks (bit i = the
 * indicator with that bit); yes outside known is an error.
 */
PG_FUNCTION_INFO_V1(risk_flags_from_bits);
Datum
risk_flags_from_bits(PG_FUNCTION_ARGS)
{
	risk_flags	f;

	f.yes = (uint64) PG_GETARG_INT64(0);
	f.known = (uint64) PG_GETARG_INT64(1);
	if (!risk_flags_valid(f))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("risk_flags: yes mask %lld has bits outside known mask %lld",
						(long long) f.yes, (long long) f.known),
				 errhint("Every indicator that is yes must also be known; -1 marks every indicator known.")));
	PG_RETURN_DATUM(risk_flags_datum(f));
}

PG_FUNCTION_INFO_V1(risk_yes_bits);
Datum
risk_yes_bits(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64((int64) PG_GETARG_RISKFLAGS(0).yes);
}

PG_FUNCTION_INFO_V1(risk_known_bits);
Datum
risk_known_bits(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64((int64) PG_GETARG_RISKFLAGS(0).known);
}
