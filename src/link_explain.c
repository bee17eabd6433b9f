/*
 * link_explain.c
 *		migrisk.match_weight_waterfall(gamma, model [, surname1_tf,
 *		surname2_tf, given_tf]): the match weight of a pair as the terms
 *		that make it, one row each -- the prior log2(lambda / (1 - lambda)),
 *		then every field of the model with log2(m/u) of its level (0 when
 *		missing), then the term-frequency adjustments match_weight adds --
 *		with the running total.  The running total is summed in the order
 *		match_weight sums (link_model.c, fs_weight_terms in fs_em.h), so the
 *		last row's cumulative is match_weight's double exactly.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "compat.h"
#include "fs_em.h"
#include "link_gamma.h"
#include "link_model.h"

static void
put_row(ReturnSetInfo *rsinfo, int32 step, const char *field, const char *level,
		const double *m, const double *u, double term, double cumulative)
{
	Datum		values[8];
	bool		nulls[8] = {false, false, level == NULL, m == NULL, u == NULL, false, false, false};

	values[0] = Int32GetDatum(step);
	values[1] = CStringGetTextDatum(field);
	values[2] = level ? CStringGetTextDatum(level) : (Datum) 0;
	values[3] = m ? Float8GetDatum(*m) : (Datum) 0;
	values[4] = u ? Float8GetDatum(*u) : (Datum) 0;
	values[5] = Float8GetDatum(term);
	values[6] = Float8GetDatum(cumulative);
	values[7] = Float8GetDatum(fs_weight_to_probability(cumulative));
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

PG_FUNCTION_INFO_V1(match_weight_waterfall);

Datum
match_weight_waterfall(PG_FUNCTION_ARGS)
{
	static const int tf_field[3] = {LINK_GAMMA_SURNAME1, LINK_GAMMA_SURNAME2, LINK_GAMMA_GIVEN};
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	link_gamma_t g;
	LinkModel  *pm;
	double		terms[FS_MAX_FIELDS];
	double		prior,
				b = 0.0,
				w;
	int32		step = 0;
	int			f,
				k;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		return (Datum) 0;
	g = DatumGetUInt32(PG_GETARG_DATUM(0));
	pm = link_model_get(fcinfo, 1);
	prior = fs_weight_terms(&pm->model, g | pm->absent, terms);
	put_row(rsinfo, step++, "prior", NULL, NULL, NULL, prior, prior + b);
	for (f = 0; f < pm->model.nfields; f++)
	{
		int			l = link_gamma_get(g, f);
		bool		known = l != LINK_GAMMA_MISSING && l < pm->model.nlevels[f];

		if (((pm->absent >> (4 * f)) & 0xF) != 0)
			continue;			/* not in the model: no term */
		b += terms[f];
		put_row(rsinfo, step++, link_gamma_field_name(f),
				known ? link_gamma_level_name(f, l) : "missing",
				known ? &pm->model.m[f][l] : NULL, known ? &pm->model.u[f][l] : NULL,
				terms[f], prior + b);
	}
	w = prior + b;
	for (k = 0; k < 3 && PG_NARGS() > 2 + k; k++)
	{
		double		tf,
					adj;
		char		name[64];

		f = tf_field[k];
		if (PG_ARGISNULL(2 + k) || ((pm->absent >> (4 * f)) & 0xF) != 0 ||
			link_gamma_get(g, f) != 0)
			continue;
		tf = PG_GETARG_FLOAT8(2 + k);
		if (!(tf > 0.0 && tf <= 1.0))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("match_weight_waterfall: term frequency %s of %s is outside (0, 1]",
							float8out_internal(tf), link_gamma_field_name(f)),
					 errhint("Pass the share of records carrying the name, from a frequency table (count / total).")));
		adj = fs_tf_adjustment(pm->model.u[f][0], tf, pm->tf_minimum);
		w += adj;
		snprintf(name, sizeof(name), "%s_tf", link_gamma_field_name(f));
		put_row(rsinfo, step++, name, "exact", NULL, &tf, adj, w);
	}
	return (Datum) 0;
}
