/*
 * risk_design.c
 *		The risk_profile_design aggregate: the risk_design_state type (the
 *		per-PSU totals of src/core/risk_design.c in a varlena, with exact
 *		text and binary I/O), its transition function (updates the state in
 *		place; allocates only when the state must grow, doubling), combine
 *		and domain-padding functions, and the final function that turns a
 *		state into a risk_design_summary with small-cell suppression.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "compat.h"
#include "migrisk.h"
#include "risk.h"
#include "risk_design.h"

#define RD_SUMMARY_NATTS 28

static inline rd_state *
rd_arg(FunctionCallInfo fcinfo, int n)
{
	return (rd_state *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n));
}

static rd_state *
rd_new(uint32 cap, uint64 bits)
{
	size_t		sz = rd_size(cap, (uint32) pg_popcount64(bits));
	rd_state   *s = palloc0(sz);

	rd_init(s, cap, bits);
	SET_VARSIZE(s, sz);
	return s;
}

/* a copy of s with room for extra more PSUs and more_bits; current context */
static pg_noinline rd_state *
rd_regrow(const rd_state *s, uint32 extra, uint64 more_bits)
{
	uint32		cap;
	uint64		bits;
	size_t		sz = rd_grow_size(s, extra, more_bits, &cap, &bits);
	rd_state   *n;

	if (sz == (size_t) -1 || sz > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("risk_profile_design: too many PSUs in one state (%u)", s->npsu),
				 errhint("A state holds at most about a million PSUs with few indicators; split the query by stratum.")));
	n = palloc0(sz);
	rd_grow(n, s, cap, bits);
	SET_VARSIZE(n, sz);
	return n;
}

/* --- I/O --- */

PG_FUNCTION_INFO_V1(risk_design_state_in);
Datum
risk_design_state_in(PG_FUNCTION_ARGS)
{
	char	   *txt = PG_GETARG_CSTRING(0);
	size_t		len = strlen(txt);
	uint32		npsu,
				cap = 8;
	uint64		bits;
	const char *bad;
	rd_state   *s = NULL;

	bad = rd_parse_counts(txt, len, &npsu, &bits);
	if (bad == NULL)
	{
		while (cap < npsu)
			cap *= 2;
		if (rd_size(cap, (uint32) pg_popcount64(bits)) > MaxAllocSize)
			bad = "too many PSUs";
		else
		{
			s = rd_new(cap, 0);
			s = rd_regrow(s, 0, bits);	/* the layout for the bits */
			bad = rd_parse(txt, len, s);
		}
	}
	/* soft on 16+: pg_input_is_valid and COPY ... ON_ERROR see the error */
	if (bad != NULL)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type risk_design_state: \"%.200s%s\"", txt,
						len > 200 ? "..." : ""),
				 errdetail("%c%s.", pg_toupper((unsigned char) bad[0]), bad + 1),
				 errhint("A risk_design_state is written by risk_profile_design_state(); store and reload its text unchanged.")));
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(risk_design_state_out);
Datum
risk_design_state_out(PG_FUNCTION_ARGS)
{
	rd_state   *s = rd_arg(fcinfo, 0);
	uint32	   *order = palloc(sizeof(uint32) * (s->npsu + 1));
	size_t		cap = rd_format_len(s);
	char	   *buf = palloc(cap);

	rd_sorted(s, order);
	rd_format(s, order, buf, cap);
	PG_RETURN_CSTRING(buf);
}

static void
rd_send_i128(StringInfo buf, risk_i128 v)
{
	pq_sendint64(buf, (int64) (v >> 64));
	pq_sendint64(buf, (int64) (uint64) v);
}

static risk_i128
rd_get_i128(StringInfo buf)
{
	uint64		hi = (uint64) pq_getmsgint64(buf);
	uint64		lo = (uint64) pq_getmsgint64(buf);

	return (risk_i128) (((unsigned __int128) hi << 64) | lo);
}

/*
 * Binary form: format byte; fingerprint, model mask, indicator bits, rows,
 * n (int8); Σw, Σw (2^-24), Σw² (2^-24) (128-bit: two int8, high first);
 * the PSU count (int4), then per PSU in (stratum, PSU) order: stratum,
 * PSU (int8), sampling fraction (float8), n (int8), Σw, Σw_any (128-bit),
 * and per tracked indicator Σw_yes, Σw_unknown (128-bit), unknown n (int8).
 */
PG_FUNCTION_INFO_V1(risk_design_state_send);
Datum
risk_design_state_send(PG_FUNCTION_ARGS)
{
	rd_state   *s = rd_arg(fcinfo, 0);
	uint32	   *order = palloc(sizeof(uint32) * (s->npsu + 1));
	StringInfoData buf;
	uint32		i,
				k;

	rd_sorted(s, order);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, RD_FORMAT);
	pq_sendint64(&buf, (int64) s->fingerprint);
	pq_sendint64(&buf, (int64) s->model_mask);
	pq_sendint64(&buf, (int64) s->bits);
	pq_sendint64(&buf, s->nrows);
	pq_sendint64(&buf, s->n);
	rd_send_i128(&buf, s->sw);
	rd_send_i128(&buf, s->sw24);
	rd_send_i128(&buf, s->sw2_24);
	pq_sendint32(&buf, s->npsu);
	for (i = 0; i < s->npsu; i++)
	{
		rd_psu	   *e = rd_entry(s, order[i]);
		rd_bit	   *b = rd_bits_of(e);

		pq_sendint64(&buf, e->stratum);
		pq_sendint64(&buf, e->psu);
		pq_sendfloat8(&buf, e->fraction);
		pq_sendint64(&buf, e->n);
		rd_send_i128(&buf, e->w);
		rd_send_i128(&buf, e->w_any);
		for (k = 0; k < s->nbits; k++)
		{
			rd_send_i128(&buf, b[k].yes_w);
			rd_send_i128(&buf, b[k].unk_w);
			pq_sendint64(&buf, b[k].unk_n);
		}
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static pg_noreturn void
rd_bad_binary(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary risk_design_state: %s", what)));
}

PG_FUNCTION_INFO_V1(risk_design_state_recv);
Datum
risk_design_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			fmt = pq_getmsgbyte(buf);
	uint64		fp,
				mask,
				bits;
	int64		nrows,
				n,
				ps = 0,
				pp = 0;
	risk_i128	sw,
				sw24,
				sw2;
	uint32		npsu,
				cap = 8,
				i,
				k;
	rd_state   *s;
	const char *bad;

	if (fmt != RD_FORMAT)
		rd_bad_binary(psprintf("unknown format %d", fmt));
	fp = (uint64) pq_getmsgint64(buf);
	mask = (uint64) pq_getmsgint64(buf);
	bits = (uint64) pq_getmsgint64(buf);
	nrows = pq_getmsgint64(buf);
	n = pq_getmsgint64(buf);
	sw = rd_get_i128(buf);
	sw24 = rd_get_i128(buf);
	sw2 = rd_get_i128(buf);
	npsu = (uint32) pq_getmsgint(buf, 4);
	/* never trust a count: each PSU takes at least 64 bytes of the message */
	if ((uint64) npsu * 64 > (uint64) (buf->len - buf->cursor))
		rd_bad_binary(psprintf("%u PSUs in %d bytes", npsu, buf->len - buf->cursor));
	while (cap < npsu)
		cap *= 2;
	s = rd_new(cap, bits);
	s->fingerprint = fp;
	s->model_mask = mask;
	s->nrows = nrows;
	s->n = n;
	s->sw = sw;
	s->sw24 = sw24;
	s->sw2_24 = sw2;
	for (i = 0; i < npsu; i++)
	{
		int64		stratum = pq_getmsgint64(buf);
		int64		psu = pq_getmsgint64(buf);
		double		fraction = pq_getmsgfloat8(buf);
		rd_psu	   *e;
		rd_bit	   *b;

		if (i > 0 && (stratum < ps || (stratum == ps && psu <= pp)))
			rd_bad_binary("PSUs out of (stratum, PSU) order");
		ps = stratum;
		pp = psu;
		if (!(fraction >= 0 && fraction <= 1))
			rd_bad_binary("sampling fraction out of range");
		if ((e = rd_append(s, stratum, psu, fraction)) == NULL)
			rd_bad_binary(psprintf("PSU " INT64_FORMAT " listed in two strata", psu));
		e->n = pq_getmsgint64(buf);
		e->w = rd_get_i128(buf);
		e->w_any = rd_get_i128(buf);
		b = rd_bits_of(e);
		for (k = 0; k < s->nbits; k++)
		{
			b[k].yes_w = rd_get_i128(buf);
			b[k].unk_w = rd_get_i128(buf);
			b[k].unk_n = pq_getmsgint64(buf);
		}
	}
	pq_getmsgend(buf);
	if ((bad = rd_check(s)) != NULL)
		rd_bad_binary(bad);
	PG_RETURN_POINTER(s);
}

/* --- transition --- */

static pg_noreturn pg_noinline void
rd_null_arg(const char *what, bool have_s, int64 stratum, bool have_p, int64 psu)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("risk_profile_design: %s is NULL", what),
			 have_s && have_p ?
			 errdetail("The row's stratum is " INT64_FORMAT " and its PSU " INT64_FORMAT ".", stratum, psu) :
			 have_s ? errdetail("The row's stratum is " INT64_FORMAT ".", stratum) :
			 have_p ? errdetail("The row's PSU is " INT64_FORMAT ".", psu) : 0,
			 errhint("Every sampled record needs its weight, stratum and PSU (one stratum for an unstratified design); "
					 "a record outside the estimate's domain keeps them and has NULL flags.")));
}

static pg_noreturn pg_noinline void
rd_report(rd_status st, double w, int64 stratum, int64 psu, double fraction, const rd_clash *c)
{
	switch (st)
	{
		case RD_BAD_WEIGHT:
			if (w > 0 && !isinf(w))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("risk_profile_design weight out of range: %g", w),
						 errdetail("Stratum " INT64_FORMAT ", PSU " INT64_FORMAT ".", stratum, psu),
						 errhint("Weights must lie between 2^-30 (about 9.3e-10) and 2^38 (about 2.7e11).")));
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid risk_profile_design weight: %g", w),
					 errdetail("Stratum " INT64_FORMAT ", PSU " INT64_FORMAT ".", stratum, psu),
					 errhint("A design weight is the inverse of the record's selection probability: positive and finite. "
							 "Leave out records that were not sampled.")));
			break;
		case RD_BAD_FPC:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("risk_profile_design sampling fraction out of range: %g", fraction),
					 errdetail("Stratum " INT64_FORMAT ", PSU " INT64_FORMAT ".", stratum, psu),
					 errhint("fpc is the share of the stratum's PSUs that were sampled, n_h / N_h, in (0, 1].")));
			break;
		case RD_TWO_STRATA:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("PSU " INT64_FORMAT " is in two strata: " INT64_FORMAT " and " INT64_FORMAT,
							c->psu, c->stratum, stratum),
					 errhint("PSU numbers must be unique across strata; number PSUs within strata as, e.g., stratum * 100000 + psu.")));
			break;
		case RD_FPC_DIFFERS:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("PSU " INT64_FORMAT " has two sampling fractions: %.15g and %.15g",
							c->psu, c->fraction, fraction),
					 errdetail("Stratum " INT64_FORMAT ".", stratum),
					 errhint("The sampling fraction belongs to the stratum: give every record of a stratum the same fpc.")));
			break;
		case RD_MODEL_MISMATCH:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot combine risk design states of different models"),
					 errdetail("A group's records and partial states must all use the same model, with the same weights.")));
			break;
		case RD_OVERFLOW:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("risk_profile_design sums out of range"),
					 errhint("Split the group or scale the weights down.")));
			break;
		default:
			elog(ERROR, "risk_profile_design: unexpected state status %d", (int) st);
	}
	pg_unreachable();
}

/*
 * The row's model: taken from the state when the state already holds the
 * model named the same way (no catalog access, whatever fn_extra holds),
 * else looked up (cached per call site by risk_model_lookup).
 */
static inline void
rd_row_model(FunctionCallInfo fcinfo, rd_state *s, int model_arg, uint64 *fp, uint64 *mask)
{
	const char *name = "default";
	int			len = 7;
	int			key = 0;		/* name_len meaning "default" */
	const risk_model *m;

	if (model_arg >= 0)
	{
		text	   *t = PG_GETARG_TEXT_PP(model_arg);

		name = VARDATA_ANY(t);
		len = VARSIZE_ANY_EXHDR(t);
		key = len;
	}
	if (likely(s->fingerprint != 0 && s->name_len == key &&
			   (model_arg < 0 || memcmp(s->name, name, len) == 0)))
	{
		*fp = s->fingerprint;
		*mask = s->model_mask;
		return;
	}
	m = risk_model_lookup(fcinfo, name, len);
	*fp = m->fingerprint;
	*mask = m->mask;
	if ((s->fingerprint == 0 || s->fingerprint == m->fingerprint) &&
		(model_arg < 0 || (len > 0 && len < (int) sizeof(s->name))))
	{
		s->name_len = key;
		if (model_arg >= 0)
			memcpy(s->name, name, len);
	}
}

/*
 * (state, flags, weight, stratum, psu [, fpc] [, model]): not strict, so
 * that NULL design variables are errors; NULL flags put the row outside
 * the domain (its PSU still counts).
 */
static inline Datum
rd_sfunc(FunctionCallInfo fcinfo, int fpc_arg, int model_arg)
{
	rd_state   *s;
	bool		in_domain = !PG_ARGISNULL(1);
	risk_flags	f = {0, 0};
	double		w,
				fraction = 0;
	int64		stratum,
				psu;
	uint64		fp = 0,
				mask = 0;
	rd_status	st;
	rd_clash	clash;

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("risk_profile_design transition function called in non-aggregate context")));
	if (PG_ARGISNULL(0))
		elog(ERROR, "risk_profile_design: NULL state");
	s = (rd_state *) PG_GETARG_POINTER(0);
	if (unlikely(PG_ARGISNULL(2) || PG_ARGISNULL(3) || PG_ARGISNULL(4) ||
				 (fpc_arg >= 0 && PG_ARGISNULL(fpc_arg)) ||
				 (model_arg >= 0 && PG_ARGISNULL(model_arg))))
	{
		bool		hs = !PG_ARGISNULL(3),
					hp = !PG_ARGISNULL(4);
		int64		sv = hs ? PG_GETARG_INT64(3) : 0,
					pv = hp ? PG_GETARG_INT64(4) : 0;

		rd_null_arg(!hs ? "the stratum" : !hp ? "the PSU" : PG_ARGISNULL(2) ? "the weight" :
					(fpc_arg >= 0 && PG_ARGISNULL(fpc_arg)) ? "the sampling fraction (fpc)" : "the model",
					hs, sv, hp, pv);
	}
	w = PG_GETARG_FLOAT8(2);
	stratum = PG_GETARG_INT64(3);
	psu = PG_GETARG_INT64(4);
	if (fpc_arg >= 0)
	{
		fraction = PG_GETARG_FLOAT8(fpc_arg);
		if (!(fraction > 0 && fraction <= 1))
			rd_report(RD_BAD_FPC, w, stratum, psu, fraction, NULL);
	}
	if (in_domain)
	{
		f = PG_GETARG_RISKFLAGS(1);
		rd_row_model(fcinfo, s, model_arg, &fp, &mask);
	}
	for (;;)
	{
		st = rd_add(s, stratum, psu, fraction, in_domain, f, fp, mask, w, &clash);
		if (likely(st == RD_OK))
			break;
		if (st != RD_GROW)
			rd_report(st, w, stratum, psu, fraction, &clash);
		s = rd_regrow(s, s->npsu >= s->cap ? 1 : 0, in_domain ? f.known : 0);
	}
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(risk_design_sfunc);
Datum
risk_design_sfunc(PG_FUNCTION_ARGS)
{
	return rd_sfunc(fcinfo, -1, -1);
}

PG_FUNCTION_INFO_V1(risk_design_sfunc_fpc);
Datum
risk_design_sfunc_fpc(PG_FUNCTION_ARGS)
{
	return rd_sfunc(fcinfo, 5, -1);
}

PG_FUNCTION_INFO_V1(risk_design_sfunc_model);
Datum
risk_design_sfunc_model(PG_FUNCTION_ARGS)
{
	return rd_sfunc(fcinfo, -1, 5);
}

PG_FUNCTION_INFO_V1(risk_design_sfunc_fpc_model);
Datum
risk_design_sfunc_fpc_model(PG_FUNCTION_ARGS)
{
	return rd_sfunc(fcinfo, 5, 6);
}

static rd_state *
rd_merge(rd_state *a, const rd_state *b, bool frame_only)
{
	rd_clash	clash;
	rd_status	st;

	for (;;)
	{
		st = rd_combine(a, b, frame_only, &clash);
		if (st == RD_OK)
			return a;
		if (st != RD_GROW)
			rd_report(st, 0, clash.stratum, clash.psu, clash.fraction, &clash);
		a = rd_regrow(a, b->npsu, frame_only ? 0 : b->bits);
	}
}

/* combine (parallel query, Citus) and the transition of risk_design_union */
PG_FUNCTION_INFO_V1(risk_design_combine);
Datum
risk_design_combine(PG_FUNCTION_ARGS)
{
	rd_state   *a;

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("risk_design_combine called in non-aggregate context")));
	a = rd_arg(fcinfo, 0);
	PG_RETURN_POINTER(rd_merge(a, rd_arg(fcinfo, 1), false));
}

/*
 * risk_design_domain(domain, design): the domain's state with every PSU of
 * the design it lacks, empty: what a GROUP BY group needs to be estimated
 * over the whole design.
 */
PG_FUNCTION_INFO_V1(risk_design_domain);
Datum
risk_design_domain(PG_FUNCTION_ARGS)
{
	rd_state   *d = rd_arg(fcinfo, 0);
	rd_state   *a = rd_regrow(d, 0, 0);	/* a copy we may change */

	PG_RETURN_POINTER(rd_merge(a, rd_arg(fcinfo, 1), true));
}

/* --- the summary --- */

static Datum
rd_f8(double v, bool ok, bool *isnull)
{
	*isnull = !ok || isnan(v) || isinf(v);
	return Float8GetDatum(*isnull ? 0 : v);
}

static Datum
rd_array(Datum *v, bool *nulls, int n, Oid type)
{
	int			dims[1] = {n};
	int			lbs[1] = {1};

	if (n == 0)
		return PointerGetDatum(construct_empty_array(type));
	if (type == INT4OID)
		return PointerGetDatum(construct_md_array(v, nulls, 1, dims, lbs, INT4OID, 4, true, TYPALIGN_INT));
	return PointerGetDatum(construct_md_array(v, nulls, 1, dims, lbs, type, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

static rd_lonely
rd_lonely_of(text *t)
{
	char	   *s = text_to_cstring(t);

	if (strcmp(s, "fail") == 0)
		return RD_LONELY_FAIL;
	if (strcmp(s, "remove") == 0)
		return RD_LONELY_REMOVE;
	if (strcmp(s, "certainty") == 0)
		return RD_LONELY_CERTAINTY;
	if (strcmp(s, "adjust") == 0)
		return RD_LONELY_ADJUST;
	if (strcmp(s, "average") == 0)
		return RD_LONELY_AVERAGE;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown lonely PSU policy: \"%s\"", s),
			 errhint("Use fail, remove, certainty, adjust or average (as the R survey package's survey.lonely.psu).")));
	return RD_LONELY_FAIL;
}

static const char *const rd_lonely_names[] = {"fail", "remove", "certainty", "adjust", "average"};

static Datum
rd_summary(FunctionCallInfo fcinfo, rd_state *s, rd_lonely lonely)
{
	TupleDesc	td;
	Datum		v[RD_SUMMARY_NATTS];
	bool		nul[RD_SUMMARY_NATTS];
	uint32	   *order = palloc(sizeof(uint32) * (s->npsu + 1));
	rd_design	d;
	rd_est		e;
	int			min = migrisk_min_cell_size;
	bool		suppressed = min > 0 && s->n < min;
	int			i;

	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "risk_design_state_summary: return type must be a row type");
	if (td->natts != RD_SUMMARY_NATTS)
		elog(ERROR, "risk_design_state_summary: risk_design_summary has %d fields, expected %d",
			 td->natts, RD_SUMMARY_NATTS);
	td = BlessTupleDesc(td);
	for (i = 0; i < RD_SUMMARY_NATTS; i++)
	{
		v[i] = (Datum) 0;
		nul[i] = true;
	}
	rd_sorted(s, order);
	rd_design_info(s, order, &d);
	if (d.fpc_differs)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("stratum " INT64_FORMAT " has PSUs with different sampling fractions", d.fpc_stratum),
				 errhint("The sampling fraction belongs to the stratum: give every record of a stratum the same fpc.")));
	if (lonely == RD_LONELY_FAIL && d.lonely > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("stratum " INT64_FORMAT " has only one PSU", d.lonely_stratum),
				 errdetail("%d strata have a single PSU; a variance needs two PSUs in every stratum.", d.lonely),
				 errhint("Merge the stratum with a similar one, or choose a policy: "
						 "risk_design_state_summary(risk_profile_design_state(...), 'adjust') "
						 "(also remove, certainty, average; see the survey chapter of the documentation).")));
	v[7] = BoolGetDatum(suppressed);
	nul[7] = false;
	v[6] = CStringGetTextDatum(rd_lonely_names[lonely]);
	nul[6] = false;
	if (!suppressed)
	{
		const risk_codetab *tab = risk_registry(fcinfo);
		uint64		reg = risk_registered(fcinfo);
		int			k = 0,
					nreg = pg_popcount64(reg);
		Datum	   *codes = palloc(sizeof(Datum) * (nreg + 1));
		Datum	   *a[10];
		bool	   *an[10];
		int			j;

		v[0] = Int64GetDatum(s->n);
		v[1] = Int64GetDatum(s->nrows);
		v[3] = rd_f8(d.kish_n, true, &nul[3]);
		v[4] = Int32GetDatum(d.npsu);
		v[5] = Int32GetDatum(d.nstrata);
		nul[0] = nul[1] = nul[4] = nul[5] = false;

		rd_estimate(s, order, -1, lonely, &e);
		v[2] = Float8GetDatum(e.weighted_n);
		nul[2] = false;
		v[8] = rd_f8(e.estimate, true, &nul[8]);
		v[9] = rd_f8(e.se, true, &nul[9]);
		v[10] = rd_f8(e.deff, true, &nul[10]);
		v[11] = Int32GetDatum(e.df);
		nul[11] = e.n == 0;
		v[12] = rd_f8(e.effective_n, true, &nul[12]);
		v[13] = rd_f8(e.ci_low, true, &nul[13]);
		v[14] = rd_f8(e.ci_high, true, &nul[14]);
		v[15] = rd_f8(e.wilson_low, true, &nul[15]);
		v[16] = rd_f8(e.wilson_high, true, &nul[16]);

		for (j = 0; j < 10; j++)
		{
			a[j] = palloc(sizeof(Datum) * (nreg + 1));
			an[j] = palloc(sizeof(bool) * (nreg + 1));
		}
		for (i = 0; i < RISK_NBITS; i++)
		{
			bool		small;

			if (!(reg & (UINT64CONST(1) << i)))
				continue;
			codes[k] = CStringGetTextDatum(tab->name[i]);
			rd_estimate(s, order, i, lonely, &e);
			small = min > 0 && e.n < min;
			a[0][k] = Int64GetDatum(e.n);
			an[0][k] = small;
			a[1][k] = rd_f8(e.estimate, !small, &an[1][k]);
			a[2][k] = rd_f8(e.se, !small, &an[2][k]);
			a[3][k] = rd_f8(e.deff, !small, &an[3][k]);
			a[4][k] = Int32GetDatum(e.df);
			an[4][k] = small || e.n == 0;
			a[5][k] = rd_f8(e.effective_n, !small, &an[5][k]);
			a[6][k] = rd_f8(e.ci_low, !small, &an[6][k]);
			a[7][k] = rd_f8(e.ci_high, !small, &an[7][k]);
			a[8][k] = rd_f8(e.wilson_low, !small, &an[8][k]);
			a[9][k] = rd_f8(e.wilson_high, !small, &an[9][k]);
			k++;
		}
		v[17] = PointerGetDatum(construct_array(codes, k, TEXTOID, -1, false, TYPALIGN_INT));
		v[18] = rd_array(a[0], an[0], k, INT8OID);
		v[19] = rd_array(a[1], an[1], k, FLOAT8OID);
		v[20] = rd_array(a[2], an[2], k, FLOAT8OID);
		v[21] = rd_array(a[3], an[3], k, FLOAT8OID);
		v[22] = rd_array(a[4], an[4], k, INT4OID);
		v[23] = rd_array(a[5], an[5], k, FLOAT8OID);
		v[24] = rd_array(a[6], an[6], k, FLOAT8OID);
		v[25] = rd_array(a[7], an[7], k, FLOAT8OID);
		v[26] = rd_array(a[8], an[8], k, FLOAT8OID);
		v[27] = rd_array(a[9], an[9], k, FLOAT8OID);
		for (i = 17; i < RD_SUMMARY_NATTS; i++)
			nul[i] = false;
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, v, nul)));
}

PG_FUNCTION_INFO_V1(risk_design_state_summary);
Datum
risk_design_state_summary(PG_FUNCTION_ARGS)
{
	rd_lonely	lonely = PG_NARGS() > 1 ? rd_lonely_of(PG_GETARG_TEXT_PP(1)) : RD_LONELY_FAIL;

	return rd_summary(fcinfo, rd_arg(fcinfo, 0), lonely);
}
