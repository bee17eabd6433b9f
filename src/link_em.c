/*
 * link_em.c
 *		The Fellegi-Sunter model in SQL: the link_em aggregate (EM over the
 *		counts of distinct comparison patterns), the model as jsonb, and
 *		match_weight / match_probability with term-frequency adjustment.
 *
 * The aggregate's transition only counts, in a link_em_state
 * (link_em_state.c) updated in place, so no row allocates.  EM runs once,
 * in the final function, over the distinct patterns in increasing order
 * (fs_em.c), so serial, parallel and distributed runs give the same model
 * to the bit.  Partial states combine by adding counts.
 *
 * The model is jsonb (docs/reference.md):
 *   {"lambda": 0.01,
 *    "fields": {"given": {"levels": [...], "m": [...], "u": [...]}, ...},
 *    "tf_minimum": 0.001,
 *    "em": {"pairs": ..., "patterns": ..., "iterations": ..., ...}}
 * Only "lambda" and "fields" (with "m" and "u") are read; a field absent
 * from "fields" carries no weight.  Parsed models are cached in fn_extra,
 * keyed by the jsonb bytes, so scoring millions of pairs parses once.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "compat.h"
#include "migrisk.h"
#include "fs_em.h"
#include "link_em_state.h"
#include "link_gamma.h"

#define LINK_TF_MINIMUM_DEFAULT		0.001

PG_FUNCTION_INFO_V1(migrisk_link_em_trans);

/*
 * _link_em_trans(link_em_state, link_gamma [, max_iter int [, tolerance
 * float8]]): counts the pattern in the state, updated in place.
 */
Datum
migrisk_link_em_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	LinkEmState *st;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("_link_em_trans called in non-aggregate context")));
	if (PG_ARGISNULL(0))
	{
		int32		max_iter = LINK_EM_DEFAULT_MAX_ITER;
		double		tolerance = LINK_EM_DEFAULT_TOLERANCE;

		if (PG_NARGS() > 2 && !PG_ARGISNULL(2))
			max_iter = PG_GETARG_INT32(2);
		if (PG_NARGS() > 3 && !PG_ARGISNULL(3))
			tolerance = PG_GETARG_FLOAT8(3);
		link_em_check_options(max_iter, tolerance);
		st = link_em_state_new(aggcxt, max_iter, tolerance);
	}
	else
		st = link_em_state_for_update(PG_GETARG_DATUM(0), aggcxt);
	if (!PG_ARGISNULL(1))
		link_em_state_add(st, (uint32) DatumGetUInt32(PG_GETARG_DATUM(1)), 1);
	PG_RETURN_DATUM(EOHPGetRWDatum(&st->hdr));
}

PG_FUNCTION_INFO_V1(migrisk_link_em_combine);

/*
 * _link_em_combine(link_em_state, link_em_state): adds the second state's
 * counts to the first; the combine function of link_em and link_u, and the
 * transition of the roll-up aggregates over stored states.
 */
Datum
migrisk_link_em_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	LinkEmState *a,
			   *b;
	uint32		i;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("_link_em_combine called in non-aggregate context")));
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = link_em_state_for_read(PG_GETARG_DATUM(1));
	if (PG_ARGISNULL(0))
		a = link_em_state_new(aggcxt, b->max_iter, b->tolerance);
	else
		a = link_em_state_for_update(PG_GETARG_DATUM(0), aggcxt);
	if (a->max_iter != b->max_iter || a->tolerance != b->tolerance)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("link_em: cannot combine states with different options (max_iter %d and %d, tolerance %s and %s)",
						a->max_iter, b->max_iter,
						float8out_internal(a->tolerance), float8out_internal(b->tolerance)),
				 errhint("Make the partial states with the same max_iter and tolerance.")));
	for (i = 0; i < b->cap; i++)
		if (b->counts[i] > 0)	/* empty slots count 0 */
			link_em_state_add(a, b->keys[i], b->counts[i]);
	PG_RETURN_DATUM(EOHPGetRWDatum(&a->hdr));
}

/* the model's shape: the fields and level counts of link_gamma */
static void
model_shape(FsModel *m)
{
	int			f;

	memset(m, 0, sizeof(*m));
	m->nfields = LINK_GAMMA_NFIELDS;
	for (f = 0; f < LINK_GAMMA_NFIELDS; f++)
		m->nlevels[f] = link_gamma_level_count(f);
}

static void
append_float(StringInfo s, double x)
{
	char	   *t = float8out_internal(x);

	appendStringInfoString(s, t);
	pfree(t);
}

/* The model as jsonb text; fields not in seen[] are left out. */
static Datum
model_to_jsonb(const FsModel *model, const bool *seen, const FsEmResult *res,
			   int32 max_iter, double tolerance)
{
	StringInfoData s;
	bool		first = true;
	int			f,
				l,
				k;

	initStringInfo(&s);
	appendStringInfoString(&s, "{\"lambda\": ");
	append_float(&s, model->lambda);
	appendStringInfoString(&s, ", \"fields\": {");
	for (f = 0; f < LINK_GAMMA_NFIELDS; f++)
	{
		if (!seen[f])
			continue;			/* never compared: nothing was learnt */
		appendStringInfo(&s, "%s\"%s\": {\"levels\": [", first ? "" : ", ",
						 link_gamma_field_name(f));
		first = false;
		for (l = 0; l < model->nlevels[f]; l++)
			appendStringInfo(&s, "%s\"%s\"", l ? ", " : "", link_gamma_level_name(f, l));
		for (k = 0; k < 2; k++)
		{
			appendStringInfoString(&s, k == 0 ? "], \"m\": [" : "], \"u\": [");
			for (l = 0; l < model->nlevels[f]; l++)
			{
				if (l)
					appendStringInfoString(&s, ", ");
				append_float(&s, k == 0 ? model->m[f][l] : model->u[f][l]);
			}
		}
		appendStringInfoString(&s, "]}");
	}
	appendStringInfo(&s, "}, \"tf_minimum\": ");
	append_float(&s, LINK_TF_MINIMUM_DEFAULT);
	appendStringInfo(&s, ", \"em\": {\"pairs\": %.0f, \"patterns\": %d, \"iterations\": %d, \"converged\": %s, \"fixed_u\": %s, \"max_change\": ",
					 res->pairs, res->patterns, res->iterations,
					 res->converged ? "true" : "false",
					 model->fix_u ? "true" : "false");
	append_float(&s, res->max_change);
	appendStringInfoString(&s, ", \"loglik\": ");
	append_float(&s, res->loglik);
	appendStringInfo(&s, ", \"max_iter\": %d, \"tolerance\": ", max_iter);
	append_float(&s, tolerance);
	appendStringInfoString(&s, "}}");
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(s.data));
}

/* runs EM on the patterns; u fixed when model->fix_u */
static Datum
fit_patterns(FsModel *model, uint32 *pat, double *cnt, int np,
			 int32 max_iter, double tolerance, bool keep_u_start, bool fix_u)
{
	FsEmResult	res;
	bool		seen[LINK_GAMMA_NFIELDS];
	int			f,
				i,
				nseen = 0;

	memset(seen, 0, sizeof(seen));
	for (i = 0; i < np; i++)
		for (f = 0; f < LINK_GAMMA_NFIELDS; f++)
			if (fs_level(pat[i], f) != FS_LEVEL_MISSING)
				seen[f] = true;
	for (f = 0; f < LINK_GAMMA_NFIELDS; f++)
		nseen += seen[f];

	model->fix_u = keep_u_start;	/* fs_em_start leaves u alone */
	fs_em_start(model, pat, cnt, np);
	model->fix_u = fix_u;
	if (!fs_em_run(model, pat, cnt, np, max_iter, tolerance, &res))
		elog(ERROR, "link_em: invalid EM arguments");
	if (!res.converged)
		ereport(NOTICE,
				(errmsg("link_em: EM did not converge in %d iterations (largest change %s)",
						res.iterations, float8out_internal(res.max_change)),
				 errhint("Raise max_iter or the tolerance: link_em(gamma, max_iter, tolerance).")));
	if (nseen < 3)
		ereport(WARNING,
				(errmsg("link_em: only %d field%s compared; EM cannot tell matches from non-matches with fewer than 3",
						nseen, nseen == 1 ? "" : "s")));
	return model_to_jsonb(model, seen, &res, max_iter, tolerance);
}

PG_FUNCTION_INFO_V1(migrisk_link_em_final);

Datum
migrisk_link_em_final(PG_FUNCTION_ARGS)
{
	LinkEmState *st;
	FsModel		model;
	uint32	   *pat;
	double	   *cnt;
	int			np;

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("_link_em_final called in non-aggregate context")));
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = link_em_state_for_read(PG_GETARG_DATUM(0));
	if (st->used == 0)
		PG_RETURN_NULL();		/* only NULL gammas */
	np = link_em_state_patterns(st, &pat, &cnt);
	model_shape(&model);
	PG_RETURN_DATUM(fit_patterns(&model, pat, cnt, np, st->max_iter, st->tolerance, false, false));
}

PG_FUNCTION_INFO_V1(migrisk_link_u_final);

/* link_u: u as the level frequencies of (random) pairs; m and lambda are
 * only starting values */
Datum
migrisk_link_u_final(PG_FUNCTION_ARGS)
{
	LinkEmState *st;
	FsModel		model;
	FsEmResult	res;
	uint32	   *pat;
	double	   *cnt;
	bool		seen[LINK_GAMMA_NFIELDS];
	int			np,
				i,
				f;

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("_link_u_final called in non-aggregate context")));
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = link_em_state_for_read(PG_GETARG_DATUM(0));
	if (st->used == 0)
		PG_RETURN_NULL();
	np = link_em_state_patterns(st, &pat, &cnt);
	model_shape(&model);
	memset(seen, 0, sizeof(seen));
	memset(&res, 0, sizeof(res));
	for (i = 0; i < np; i++)
	{
		res.pairs += cnt[i];
		for (f = 0; f < LINK_GAMMA_NFIELDS; f++)
			if (fs_level(pat[i], f) != FS_LEVEL_MISSING)
				seen[f] = true;
	}
	res.patterns = np;
	res.converged = true;
	fs_u_from_patterns(&model, pat, cnt, np);
	model.fix_u = true;
	fs_em_start(&model, pat, cnt, np);
	PG_RETURN_DATUM(model_to_jsonb(&model, seen, &res, 0, LINK_EM_DEFAULT_TOLERANCE));
}

/* ------------------------------------------------------------------ */
/* Reading a model                                                     */
/* ------------------------------------------------------------------ */

typedef struct ParsedModel
{
	FsModel		model;
	uint32		absent;			/* nibble mask: fields not in the model */
	double		tf_minimum;
	Size		len;			/* the jsonb the model was parsed from */
	char		bytes[FLEXIBLE_ARRAY_MEMBER];
} ParsedModel;

static double
json_number(JsonbValue *v, const char *what, bool *ok)
{
	*ok = v != NULL && v->type == jbvNumeric;
	if (!*ok)
		return 0.0;
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(v->val.numeric)));
}

pg_noreturn static void
model_error(const char *detail, const char *arg)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid link model: %s%s%s", detail, arg ? " " : "", arg ? arg : ""),
			 errhint("A link model is jsonb {\"lambda\": p, \"fields\": {\"<field>\": {\"m\": [...], \"u\": [...]}, ...}} as link_em returns it; see migrisk.link_gamma_levels() for the fields and their level counts.")));
}

static void
parse_probs(JsonbContainer *fc, const char *key, const char *field, int n, double *out)
{
	JsonbValue *v = getKeyJsonValueFromContainer(fc, key, strlen(key), NULL);
	int			l;
	char		where[128];

	snprintf(where, sizeof(where), "\"%s\" of field \"%s\"", key, field);
	if (v == NULL || v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data))
		model_error("missing array", where);
	if ((int) JsonContainerSize(v->val.binary.data) != n)
	{
		char		msg[256];

		snprintf(msg, sizeof(msg), "%s has %u levels, the field has %d",
				 where, JsonContainerSize(v->val.binary.data), n);
		model_error(msg, NULL);
	}
	for (l = 0; l < n; l++)
	{
		JsonbValue *e = getIthJsonbValueFromContainer(v->val.binary.data, l);
		bool		ok;
		double		p = json_number(e, where, &ok);

		if (!ok || !(p > 0.0 && p <= 1.0))
			model_error("every probability must be a number in (0, 1]:", where);
		out[l] = p;
	}
}

static ParsedModel *
parse_model(MemoryContext cxt, Jsonb *jb)
{
	Size		len = VARSIZE(jb);
	ParsedModel *pm = MemoryContextAllocZero(cxt, offsetof(ParsedModel, bytes) + len);
	JsonbValue *v;
	bool		ok;
	int			f;

	model_shape(&pm->model);
	pm->len = len;
	memcpy(pm->bytes, jb, len);
	pm->absent = 0;
	pm->tf_minimum = LINK_TF_MINIMUM_DEFAULT;

	if (!JB_ROOT_IS_OBJECT(jb))
		model_error("not a json object", NULL);
	v = getKeyJsonValueFromContainer(&jb->root, "lambda", 6, NULL);
	pm->model.lambda = json_number(v, "lambda", &ok);
	if (!ok || !(pm->model.lambda > 0.0 && pm->model.lambda < 1.0))
		model_error("\"lambda\" must be a number in (0, 1)", NULL);
	v = getKeyJsonValueFromContainer(&jb->root, "tf_minimum", 10, NULL);
	if (v != NULL)
	{
		pm->tf_minimum = json_number(v, "tf_minimum", &ok);
		if (!ok || !(pm->tf_minimum > 0.0 && pm->tf_minimum <= 1.0))
			model_error("\"tf_minimum\" must be a number in (0, 1]", NULL);
	}
	v = getKeyJsonValueFromContainer(&jb->root, "fields", 6, NULL);
	if (v == NULL || v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
		model_error("\"fields\" must be an object", NULL);

	/* unknown field names are errors: a typo must not silently drop a field */
	{
		JsonbIterator *it = JsonbIteratorInit(v->val.binary.data);
		JsonbValue	k;
		JsonbIteratorToken tok;

		while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
		{
			if (tok == WJB_KEY &&
				link_gamma_field_index(k.val.string.val, k.val.string.len) < 0)
			{
				char	   *name = pnstrdup(k.val.string.val, k.val.string.len);

				model_error("unknown field", quote_literal_cstr(name));
			}
		}
	}
	for (f = 0; f < LINK_GAMMA_NFIELDS; f++)
	{
		const char *name = link_gamma_field_name(f);
		JsonbValue *fv = getKeyJsonValueFromContainer(v->val.binary.data, name, strlen(name), NULL);

		if (fv == NULL)
		{
			pm->absent |= 0xFu << (4 * f);
			continue;
		}
		if (fv->type != jbvBinary || !JsonContainerIsObject(fv->val.binary.data))
			model_error("not an object: field", name);
		parse_probs(fv->val.binary.data, "m", name, pm->model.nlevels[f], pm->model.m[f]);
		parse_probs(fv->val.binary.data, "u", name, pm->model.nlevels[f], pm->model.u[f]);
	}
	return pm;
}

static ParsedModel *
get_model(FunctionCallInfo fcinfo, int argno)
{
	Jsonb	   *jb = PG_GETARG_JSONB_P(argno);
	ParsedModel *pm = (ParsedModel *) fcinfo->flinfo->fn_extra;

	if (pm != NULL && pm->len == VARSIZE(jb) && memcmp(pm->bytes, jb, pm->len) == 0)
		return pm;
	/*
	 * Forget the old model before parsing the new one: parsing can raise an
	 * error, and a caller that catches it (a PL/pgSQL exception block) calls
	 * again through the same FmgrInfo.
	 */
	fcinfo->flinfo->fn_extra = NULL;
	if (pm != NULL)
		pfree(pm);
	pm = parse_model(fcinfo->flinfo->fn_mcxt, jb);
	fcinfo->flinfo->fn_extra = pm;
	return pm;
}

/*
 * weight of gamma under the model, with optional term frequencies of
 * surname1, surname2 and (fifth argument) the given name
 */
static double
model_weight(FunctionCallInfo fcinfo)
{
	static const int tf_field[3] = {LINK_GAMMA_SURNAME1, LINK_GAMMA_SURNAME2, LINK_GAMMA_GIVEN};
	link_gamma_t g = DatumGetUInt32(PG_GETARG_DATUM(0));
	ParsedModel *pm = get_model(fcinfo, 1);
	double		w;
	int			k;

	w = fs_match_weight(&pm->model, g | pm->absent);
	for (k = 0; k < 3 && PG_NARGS() > 2 + k; k++)
	{
		int			f = tf_field[k];
		double		tf;

		if (PG_ARGISNULL(2 + k) || ((pm->absent >> (4 * f)) & 0xF) != 0 ||
			link_gamma_get(g, f) != 0)
			continue;
		tf = PG_GETARG_FLOAT8(2 + k);
		if (!(tf > 0.0 && tf <= 1.0))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("term frequency %s is outside (0, 1]", float8out_internal(tf)),
					 errhint("Pass the share of records carrying the name, from a frequency table (count / total).")));
		w += fs_tf_adjustment(pm->model.u[f][0], tf, pm->tf_minimum);
	}
	return w;
}

PG_FUNCTION_INFO_V1(migrisk_match_weight);

/* match_weight(gamma, model [, surname1_tf [, surname2_tf [, given_tf]]]); not STRICT in
 * the frequencies, so arguments 0 and 1 are checked here */
Datum
migrisk_match_weight(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(model_weight(fcinfo));
}

PG_FUNCTION_INFO_V1(migrisk_match_probability);

Datum
migrisk_match_probability(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(fs_weight_to_probability(model_weight(fcinfo)));
}

PG_FUNCTION_INFO_V1(migrisk_with_plausibility);

/* with_plausibility(gamma, level int): sets (or, for NULL, clears) the
 * plausibility field of a comparison vector */
Datum
migrisk_with_plausibility(PG_FUNCTION_ARGS)
{
	link_gamma_t g;
	int32		level;
	int			n = link_gamma_level_count(LINK_GAMMA_PLAUSIBILITY);

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	g = DatumGetUInt32(PG_GETARG_DATUM(0));
	level = PG_ARGISNULL(1) ? LINK_GAMMA_MISSING : PG_GETARG_INT32(1);
	if (level != LINK_GAMMA_MISSING && (level < 0 || level >= n))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("plausibility level %d is out of range", level),
				 errhint("Levels are 0 (fits) to %d (different), or NULL for missing.", n - 1)));
	PG_RETURN_DATUM(UInt32GetDatum(link_gamma_set(g, LINK_GAMMA_PLAUSIBILITY, level)));
}

PG_FUNCTION_INFO_V1(migrisk_link_em_fit);

/*
 * link_em_fit(patterns link_gamma[], counts float8[], u_model jsonb,
 *			   max_iter int, tolerance float8): EM over a pattern table; with
 * u_model, u is fixed at its u for the fields it has and EM estimates only
 * m and lambda.
 */
Datum
migrisk_link_em_fit(PG_FUNCTION_ARGS)
{
	ArrayType  *pa,
			   *ca;
	int32		max_iter = PG_ARGISNULL(3) ? LINK_EM_DEFAULT_MAX_ITER : PG_GETARG_INT32(3);
	double		tolerance = PG_ARGISNULL(4) ? LINK_EM_DEFAULT_TOLERANCE : PG_GETARG_FLOAT8(4);
	bool		fix_u = PG_NARGS() > 5 && !PG_ARGISNULL(5) ? PG_GETARG_BOOL(5) : true;
	bool		fix_lambda = PG_NARGS() > 6 && !PG_ARGISNULL(6);
	FsModel		model;
	Datum	   *pd,
			   *cd;
	bool	   *pn,
			   *cn;
	int			np,
				nc,
				i,
				f;
	uint32	   *pat;
	double	   *cnt;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	link_em_check_options(max_iter, tolerance);
	pa = PG_GETARG_ARRAYTYPE_P(0);
	ca = PG_GETARG_ARRAYTYPE_P(1);
	deconstruct_array(pa, ARR_ELEMTYPE(pa), 4, true, TYPALIGN_INT, &pd, &pn, &np);
	deconstruct_array(ca, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &cd, &cn, &nc);
	if (np != nc)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("link_em_fit: %d patterns but %d counts", np, nc)));
	pat = palloc(sizeof(uint32) * Max(np, 1));
	cnt = palloc(sizeof(double) * Max(np, 1));
	for (i = 0; i < np; i++)
	{
		if (pn[i] || cn[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("link_em_fit: NULL pattern or count at position %d", i + 1)));
		pat[i] = DatumGetUInt32(pd[i]);
		cnt[i] = DatumGetFloat8(cd[i]);
		if (!(cnt[i] >= 0.0) || isinf(cnt[i]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("link_em_fit: count %s at position %d is not a finite count",
							float8out_internal(cnt[i]), i + 1)));
	}
	if (np == 0)
		PG_RETURN_NULL();
	model_shape(&model);
	if (!PG_ARGISNULL(2))
	{
		ParsedModel *um = get_model(fcinfo, 2);

		for (f = 0; f < LINK_GAMMA_NFIELDS; f++)
			if (((um->absent >> (4 * f)) & 0xF) == 0)
				memcpy(model.u[f], um->model.u[f], sizeof(model.u[f]));
		/* fields the u model lacks: u from the candidate pairs' marginals */
		if (um->absent != 0)
		{
			FsModel		marg;

			model_shape(&marg);
			fs_u_from_patterns(&marg, pat, cnt, np);
			for (f = 0; f < LINK_GAMMA_NFIELDS; f++)
				if (((um->absent >> (4 * f)) & 0xF) != 0)
					memcpy(model.u[f], marg.u[f], sizeof(model.u[f]));
		}
	}
	if (fix_lambda)
	{
		double		lambda = PG_GETARG_FLOAT8(6);

		if (!(lambda > 0.0 && lambda < 1.0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("link_em_fit: lambda %s is outside (0, 1)", float8out_internal(lambda))));
		model.lambda = lambda;
		model.fix_lambda = true;
	}
	PG_RETURN_DATUM(fit_patterns(&model, pat, cnt, np, max_iter, tolerance,
								 !PG_ARGISNULL(2), !PG_ARGISNULL(2) && fix_u));
}
