/*
 * risk_agg.c
 *		The risk_profile aggregate: the risk_state type (the exact
 *		accumulator of risk_acc.c as a fixed-size SQL type with text and
 *		binary I/O), its transition, inverse and combine functions (which
 *		update the state in place inside an aggregate, never allocating per
 *		row), and the final function that turns a state into a risk_summary
 *		with small-cell suppression (migrisk.min_cell_size).
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

#include "compat.h"
#include "migrisk.h"
#include "risk.h"

#define RISK_STATE_FORMAT 1
#define RISK_SUMMARY_NATTS 17

StaticAssertDecl(sizeof(risk_acc) == 3720, "risk_state INTERNALLENGTH in src/sql/30_risk.sql");

PG_FUNCTION_INFO_V1(risk_state_in);
Datum
risk_state_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	risk_acc   *a = palloc(sizeof(risk_acc));
	const char *bad = risk_acc_parse(s, strlen(s), a);

	if (bad != NULL)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type risk_state: \"%s\"", s),
				 errdetail("%c%s.", pg_toupper((unsigned char) bad[0]), bad + 1),
				 errhint("A risk_state is written by risk_profile_state(); store and reload its text unchanged.")));
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(risk_state_out);
Datum
risk_state_out(PG_FUNCTION_ARGS)
{
	risk_acc   *a = PG_GETARG_RISKSTATE_P(0);
	char	   *buf = palloc(RISK_ACC_TEXT_MAX);

	risk_acc_format(a, buf, RISK_ACC_TEXT_MAX);
	PG_RETURN_CSTRING(buf);
}

static void
risk_send_i128(StringInfo buf, risk_i128 v)
{
	pq_sendint64(buf, (int64) (v >> 64));
	pq_sendint64(buf, (int64) (uint64) v);
}

static risk_i128
risk_get_i128(StringInfo buf)
{
	uint64		hi = (uint64) pq_getmsgint64(buf);
	uint64		lo = (uint64) pq_getmsgint64(buf);

	return (risk_i128) (((unsigned __int128) hi << 64) | lo);
}

/*
 * Binary form: format byte; fingerprint, model mask, n (int8); the seven
 * 128-bit totals (two int8 each, high first); the number of indicator
 * entries (int2) and per entry: bit (int2), unknown n (int8), yes, unknown
 * and unknown-squared sums (128-bit).
 */
PG_FUNCTION_INFO_V1(risk_state_send);
Datum
risk_state_send(PG_FUNCTION_ARGS)
{
	risk_acc   *a = PG_GETARG_RISKSTATE_P(0);
	StringInfoData buf;
	int			i,
				k = 0;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, RISK_STATE_FORMAT);
	pq_sendint64(&buf, (int64) a->fingerprint);
	pq_sendint64(&buf, (int64) a->model_mask);
	pq_sendint64(&buf, a->n);
	risk_send_i128(&buf, a->sw);
	risk_send_i128(&buf, a->sw2);
	risk_send_i128(&buf, a->s_any);
	risk_send_i128(&buf, a->s_score);
	risk_send_i128(&buf, a->s_score2);
	risk_send_i128(&buf, a->s_high);
	risk_send_i128(&buf, a->s_cover);
	for (i = 0; i < RISK_NBITS; i++)
		if (a->unk_n[i] || a->yes_w[i] || a->unk_w[i] || a->unk_w2[i])
			k++;
	pq_sendint16(&buf, k);
	for (i = 0; i < RISK_NBITS; i++)
	{
		if (!(a->unk_n[i] || a->yes_w[i] || a->unk_w[i] || a->unk_w2[i]))
			continue;
		pq_sendint16(&buf, i);
		pq_sendint64(&buf, a->unk_n[i]);
		risk_send_i128(&buf, a->yes_w[i]);
		risk_send_i128(&buf, a->unk_w[i]);
		risk_send_i128(&buf, a->unk_w2[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(risk_state_recv);
Datum
risk_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	risk_acc   *a = palloc0(sizeof(risk_acc));
	int			fmt = pq_getmsgbyte(buf);
	int			k,
				j,
				last = -1;
	const char *bad;

	if (fmt != RISK_STATE_FORMAT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary risk_state: unknown format %d", fmt)));
	a->fingerprint = (uint64) pq_getmsgint64(buf);
	a->model_mask = (uint64) pq_getmsgint64(buf);
	a->n = pq_getmsgint64(buf);
	a->sw = risk_get_i128(buf);
	a->sw2 = risk_get_i128(buf);
	a->s_any = risk_get_i128(buf);
	a->s_score = risk_get_i128(buf);
	a->s_score2 = risk_get_i128(buf);
	a->s_high = risk_get_i128(buf);
	a->s_cover = risk_get_i128(buf);
	k = pq_getmsgint(buf, 2);
	if (k < 0 || k > RISK_NBITS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary risk_state: %d indicator entries", k)));
	for (j = 0; j < k; j++)
	{
		int			bit = (int16) pq_getmsgint(buf, 2);

		if (bit <= last || bit >= RISK_NBITS)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary risk_state: indicator bit %d out of order or range", bit)));
		last = bit;
		a->unk_n[bit] = pq_getmsgint64(buf);
		a->yes_w[bit] = risk_get_i128(buf);
		a->unk_w[bit] = risk_get_i128(buf);
		a->unk_w2[bit] = risk_get_i128(buf);
	}
	pq_getmsgend(buf);
	if ((bad = risk_acc_check(a)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary risk_state: %s", bad)));
	PG_RETURN_POINTER(a);
}

/* --- transition functions --- */

static inline risk_acc *
risk_state_arg(FunctionCallInfo fcinfo, const char *fn)
{
	/* a plain aggregate, tested inline; the window and others by the call */
	if (!(likely(fcinfo->context != NULL && IsA(fcinfo->context, AggState))) &&
		!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in non-aggregate context", fn)));
	/* the state is ours to update in place: it lives in the aggregate context */
	return PG_GETARG_RISKSTATE_P(0);
}

static pg_noinline void
risk_acc_report(risk_acc_status st, double w)
{
	switch (st)
	{
		case RISK_ACC_OK:
			return;
		case RISK_ACC_BAD_WEIGHT:
			if (w > RISK_WEIGHT_MAX && !isinf(w))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("risk_profile weight out of range: %g", w),
						 errhint("Weights can be at most 2^38 (about 2.7e11).")));
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid risk_profile weight: %g", w),
					 errhint("Weights must be finite and not negative; a NULL weight skips the row.")));
			break;
		case RISK_ACC_OVERFLOW:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("risk_profile sums out of range"),
					 errhint("Split the group or scale the weights down.")));
			break;
		case RISK_ACC_MODEL_MISMATCH:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot combine risk states of different models"),
					 errdetail("A group's records and partial states must all use the same model, with the same weights."),
					 errhint("Group by the model, or rebuild partials made before the model changed.")));
			break;
		case RISK_ACC_UNDERFLOW:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("risk_profile: inverse transition removes a record that was never added"),
					 errdetail("The state would hold sums that no set of records has."),
					 errhint("_risk_profile_minvfunc undoes _risk_profile_sfunc with the same arguments; use it only as risk_profile's inverse transition.")));
			break;
	}
}

/*
 * The model of this row: named by the fourth argument, or "default" (each
 * compared with the cached name, a few bytes; risk.h).
 */
static inline const risk_model *
risk_agg_model(FunctionCallInfo fcinfo)
{
	if (PG_NARGS() >= 4)
	{
		text	   *name = PG_GETARG_TEXT_PP(3);

		return risk_model_lookup(fcinfo, VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));
	}
	return risk_model_lookup(fcinfo, "default", 7);
}

/*
 * (state, flags [, weight [, model]]): strict, so NULL rows never get here.
 * The state lives in the aggregate's context and is updated in place.
 */
PG_FUNCTION_INFO_V1(risk_profile_sfunc);
Datum
risk_profile_sfunc(PG_FUNCTION_ARGS)
{
	risk_acc   *a = risk_state_arg(fcinfo, "risk_profile_sfunc");
	double		w = PG_NARGS() >= 3 ? PG_GETARG_FLOAT8(2) : 1.0;
	risk_acc_status st;

	st = risk_acc_add(a, risk_agg_model(fcinfo), &risk_shared.memo, PG_GETARG_RISKFLAGS(1), w);
	if (unlikely(st != RISK_ACC_OK))
		risk_acc_report(st, w);
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(risk_profile_minvfunc);
Datum
risk_profile_minvfunc(PG_FUNCTION_ARGS)
{
	risk_acc   *a = risk_state_arg(fcinfo, "risk_profile_minvfunc");
	double		w = PG_NARGS() >= 3 ? PG_GETARG_FLOAT8(2) : 1.0;
	risk_acc_status st;

	st = risk_acc_remove(a, risk_agg_model(fcinfo), &risk_shared.memo, PG_GETARG_RISKFLAGS(1), w);
	if (unlikely(st != RISK_ACC_OK))
		risk_acc_report(st, w);
	PG_RETURN_POINTER(a);
}

/* combine (parallel query) and the sfunc of risk_profile_union */
PG_FUNCTION_INFO_V1(risk_state_combine);
Datum
risk_state_combine(PG_FUNCTION_ARGS)
{
	risk_acc   *a = risk_state_arg(fcinfo, "risk_state_combine");
	risk_acc   *b = PG_GETARG_RISKSTATE_P(1);

	risk_acc_report(risk_acc_combine(a, b), 0);
	PG_RETURN_POINTER(a);
}

/* --- the summary --- */

/* an estimate is NULL when undefined (no weight, suppressed) or NaN */
static inline bool
risk_f8_null(double v, bool valid)
{
	return !valid || isnan(v);
}

static Datum
risk_f8(double v, bool valid, bool *isnull)
{
	*isnull = risk_f8_null(v, valid);
	return Float8GetDatum(*isnull ? 0 : v);
}

/*
 * A one-dimensional int8 or float8 array (elements of 8 bytes, passed by
 * value) from n values and null flags: what construct_md_array builds, to
 * the byte, without its per-element copying (a summary builds four).
 */
static Datum
risk_array8(const void *vals, const bool *nulls, int n, Oid elemtype)
{
	const char *src = vals;
	ArrayType  *r;
	bits8	   *bitmap;
	char	   *dst;
	int			i,
				nnull = 0;
	int32		dataoffset;
	Size		header,
				nbytes;

	StaticAssertStmt(FLOAT8PASSBYVAL, "int8 and float8 passed by value");
	if (n == 0)
		return PointerGetDatum(construct_empty_array(elemtype));
	for (i = 0; i < n; i++)
		nnull += nulls[i];
	dataoffset = nnull > 0 ? ARR_OVERHEAD_WITHNULLS(1, n) : 0;
	header = nnull > 0 ? (Size) dataoffset : ARR_OVERHEAD_NONULLS(1);
	nbytes = header + (Size) 8 * (n - nnull);
	r = (ArrayType *) palloc0(nbytes);
	SET_VARSIZE(r, nbytes);
	r->ndim = 1;
	r->dataoffset = dataoffset;
	r->elemtype = elemtype;
	ARR_DIMS(r)[0] = n;
	ARR_LBOUND(r)[0] = 1;
	bitmap = ARR_NULLBITMAP(r);
	dst = (char *) r + header;
	for (i = 0; i < n; i++)
	{
		if (nulls[i])
			continue;
		memcpy(dst, src + (Size) 8 * i, 8);
		dst += 8;
		if (bitmap)
			bitmap[i / 8] |= (bits8) (1 << (i % 8));
	}
	return PointerGetDatum(r);
}

/*
 * The blessed row type of risk_summary, built once per call site in its
 * memory context (a moving window calls the final function for every
 * row); the codes array comes from the registry's cache (risk_registry.c).
 */
static TupleDesc
risk_summary_desc(FunctionCallInfo fcinfo)
{
	TupleDesc	td;
	MemoryContext old;

	if (likely(fcinfo->flinfo->fn_extra != NULL))
		return (TupleDesc) fcinfo->flinfo->fn_extra;
	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "risk_state_summary: return type must be a row type");
	if (td->natts != RISK_SUMMARY_NATTS)
		elog(ERROR, "risk_state_summary: risk_summary has %d fields, expected %d",
			 td->natts, RISK_SUMMARY_NATTS);
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	td = BlessTupleDesc(CreateTupleDescCopy(td));
	MemoryContextSwitchTo(old);
	fcinfo->flinfo->fn_extra = td;
	return td;
}

PG_FUNCTION_INFO_V1(risk_state_summary);
Datum
risk_state_summary(PG_FUNCTION_ARGS)
{
	risk_acc   *a = PG_GETARG_RISKSTATE_P(0);
	TupleDesc	td;
	Datum		v[RISK_SUMMARY_NATTS];
	bool		nul[RISK_SUMMARY_NATTS];
	risk_summary_num s;
	int			min = migrisk_min_cell_size;
	bool		suppressed = min > 0 && a->n < min;
	int			i;

	td = risk_summary_desc(fcinfo);
	for (i = 0; i < RISK_SUMMARY_NATTS; i++)
	{
		v[i] = (Datum) 0;
		nul[i] = true;
	}
	v[11] = BoolGetDatum(suppressed);
	nul[11] = false;
	if (!suppressed)
	{
		Datum		codes = risk_registered_codes(fcinfo);
		uint64		reg = risk_shared.registered;
		int			k = 0;
		int64		kn[RISK_NBITS];
		double		pv[RISK_NBITS],
					lo[RISK_NBITS],
					hi[RISK_NBITS];
		bool		knn[RISK_NBITS],
					pvn[RISK_NBITS],
					lon[RISK_NBITS],
					hin[RISK_NBITS];

		risk_acc_summarize(a, &s);
		v[0] = Int64GetDatum(s.n);
		nul[0] = false;
		v[1] = Float8GetDatum(s.weighted_n);
		nul[1] = false;
		v[2] = risk_f8(s.effective_n, s.effective_n_valid, &nul[2]);
		v[3] = risk_f8(s.any.value, s.any.valid, &nul[3]);
		v[4] = risk_f8(s.any.lo, s.any.valid, &nul[4]);
		v[5] = risk_f8(s.any.hi, s.any.valid, &nul[5]);
		v[6] = risk_f8(s.score.value, s.score.valid, &nul[6]);
		v[7] = risk_f8(s.score.lo, s.score.valid, &nul[7]);
		v[8] = risk_f8(s.score.hi, s.score.valid, &nul[8]);
		v[9] = risk_f8(s.high_share.value, s.high_share.valid, &nul[9]);
		v[10] = risk_f8(s.coverage.value, s.coverage.valid, &nul[10]);

		for (i = 0; i < RISK_NBITS; i++)
		{
			risk_indicator_est e;
			bool		small;

			if (!(reg & (UINT64CONST(1) << i)))
				continue;
			risk_acc_indicator(a, i, &e);
			small = min > 0 && e.known_n < min;
			kn[k] = e.known_n;
			knn[k] = small;
			pv[k] = e.prevalence.value;
			lo[k] = e.prevalence.lo;
			hi[k] = e.prevalence.hi;
			pvn[k] = risk_f8_null(pv[k], e.prevalence.valid && !small);
			lon[k] = risk_f8_null(lo[k], e.prevalence.valid && !small);
			hin[k] = risk_f8_null(hi[k], e.prevalence.valid && !small);
			k++;
		}
		v[12] = codes;
		v[13] = risk_array8(kn, knn, k, INT8OID);
		v[14] = risk_array8(pv, pvn, k, FLOAT8OID);
		v[15] = risk_array8(lo, lon, k, FLOAT8OID);
		v[16] = risk_array8(hi, hin, k, FLOAT8OID);
		for (i = 12; i < 17; i++)
			nul[i] = false;
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, v, nul)));
}
