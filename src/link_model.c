/*
 * link_model.c
 *		The Fellegi-Sunter model as jsonb, as link_em returns it:
 *
 *   {"lambda": 0.01,
 *    "fields": {"given": {"levels": [...], "m": [...], "u": [...]}, ...},
 *    "tf_minimum": 0.001,
 *    "em": {"pairs": ..., "patterns": ..., "iterations": ..., ...}}
 *
 *		Written here (link_model_to_jsonb) and read here (link_model_get):
 *		only "lambda" and "fields" (with "m" and "u") are read, a field absent
 *		from "fields" carries no weight, and a parsed model is cached in
 *		fn_extra, keyed by the jsonb bytes, so scoring millions of pairs
 *		parses once.  The scores that read it: match_weight,
 *		match_probability (with term-frequency adjustment) and
 *		with_plausibility.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "compat.h"
#include "fs_em.h"
#include "link_gamma.h"
#include "link_model.h"

#define LINK_TF_MINIMUM_DEFAULT		0.001

/* the model's shape: the fields and level counts of link_gamma */
void
link_model_shape(FsModel *m)
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
Datum
link_model_to_jsonb(const FsModel *model, const bool *seen, const FsEmResult *res,
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

/* ------------------------------------------------------------------ */
/* Reading a model                                                     */
/* ------------------------------------------------------------------ */


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

static LinkModel *
parse_model(MemoryContext cxt, Jsonb *jb)
{
	Size		len = VARSIZE(jb);
	LinkModel *pm = MemoryContextAllocZero(cxt, offsetof(LinkModel, bytes) + len);
	JsonbValue *v;
	bool		ok;
	int			f;

	link_model_shape(&pm->model);
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

LinkModel *
link_model_get(FunctionCallInfo fcinfo, int argno)
{
	Jsonb	   *jb = PG_GETARG_JSONB_P(argno);
	LinkModel *pm = (LinkModel *) fcinfo->flinfo->fn_extra;

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
	LinkModel *pm = link_model_get(fcinfo, 1);
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

PG_FUNCTION_INFO_V1(match_weight);

/* match_weight(gamma, model [, surname1_tf [, surname2_tf [, given_tf]]]); not STRICT in
 * the frequencies, so arguments 0 and 1 are checked here */
Datum
match_weight(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(model_weight(fcinfo));
}

PG_FUNCTION_INFO_V1(match_probability);

Datum
match_probability(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(fs_weight_to_probability(model_weight(fcinfo)));
}

PG_FUNCTION_INFO_V1(with_plausibility);

/* with_plausibility(gamma, level int): sets (or, for NULL, clears) the
 * plausibility field of a comparison vector */
Datum
with_plausibility(PG_FUNCTION_ARGS)
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

