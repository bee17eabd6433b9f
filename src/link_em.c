/*
 * link_em.c
 *		The Fellegi-Sunter model estimated in SQL: the link_em and link_u
 *		aggregates (EM over the counts of distinct comparison patterns) and
 *		link_em_fit.  The model's jsonb form and the scores that read it are
 *		in link_model.c.
 *
 * The aggregate's transition only counts, in a link_em_state
 * (link_em_state.c) updated in place, so no row allocates.  EM runs once,
 * in the final function, over the distinct patterns in increasing order
 * (fs_em.c), so serial, parallel and distributed runs give the same model
 * to the bit.  Partial states combine by adding counts.
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
#include "link_model.h"
#include "link_gamma.h"

PG_FUNCTION_INFO_V1(link_em_trans);

/*
 * _link_em_trans(link_em_state, link_gamma [, max_iter int [, tolerance
 * float8]]): counts the pattern in the state, updated in place.
 */
Datum
link_em_trans(PG_FUNCTION_ARGS)
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

PG_FUNCTION_INFO_V1(link_em_combine);

/*
 * _link_em_combine(link_em_state, link_em_state): adds the second state's
 * counts to the first; the combine function of link_em and link_u, and the
 * transition of the roll-up aggregates over stored states.
 */
Datum
link_em_combine(PG_FUNCTION_ARGS)
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
	return link_model_to_jsonb(model, seen, &res, max_iter, tolerance);
}

PG_FUNCTION_INFO_V1(link_em_final);

Datum
link_em_final(PG_FUNCTION_ARGS)
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
	link_model_shape(&model);
	PG_RETURN_DATUM(fit_patterns(&model, pat, cnt, np, st->max_iter, st->tolerance, false, false));
}

PG_FUNCTION_INFO_V1(link_u_final);

/* link_u: u as the level frequencies of (random) pairs; m and lambda are
 * only starting values */
Datum
link_u_final(PG_FUNCTION_ARGS)
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
	link_model_shape(&model);
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
	PG_RETURN_DATUM(link_model_to_jsonb(&model, seen, &res, 0, LINK_EM_DEFAULT_TOLERANCE));
}

/* a pattern and its count, sorted by pattern (then count) for link_em_fit */
typedef struct EmFitRow
{
	uint32		pattern;
	double		count;
} EmFitRow;

static int
em_fit_row_cmp(const void *a, const void *b)
{
	const EmFitRow *x = a;
	const EmFitRow *y = b;

	if (x->pattern != y->pattern)
		return x->pattern < y->pattern ? -1 : 1;
	return x->count < y->count ? -1 : x->count > y->count;
}

PG_FUNCTION_INFO_V1(link_em_fit);

/*
 * link_em_fit(patterns link_gamma[], counts float8[], u_model jsonb,
 *			   max_iter int, tolerance float8): EM over a pattern table; with
 * u_model, u is fixed at its u for the fields it has and EM estimates only
 * m and lambda.
 */
Datum
link_em_fit(PG_FUNCTION_ARGS)
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
	EmFitRow   *rows;
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
	rows = palloc(sizeof(EmFitRow) * Max(np, 1));
	for (i = 0; i < np; i++)
	{
		if (pn[i] || cn[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("link_em_fit: NULL pattern or count at position %d", i + 1)));
		rows[i].pattern = DatumGetUInt32(pd[i]);
		rows[i].count = DatumGetFloat8(cd[i]);
		if (!(rows[i].count >= 0.0) || isinf(rows[i].count))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("link_em_fit: count %s at position %d is not a finite count",
							float8out_internal(rows[i].count), i + 1)));
	}
	/*
	 * EM sums over the patterns in pattern order, as link_em does: the
	 * model does not depend on the order of the arrays (array_agg over a
	 * GROUP BY gives the groups in the order the plan made them).
	 */
	qsort(rows, np, sizeof(EmFitRow), em_fit_row_cmp);
	pat = palloc(sizeof(uint32) * Max(np, 1));
	cnt = palloc(sizeof(double) * Max(np, 1));
	for (i = 0; i < np; i++)
	{
		pat[i] = rows[i].pattern;
		cnt[i] = rows[i].count;
	}
	if (np == 0)
		PG_RETURN_NULL();
	link_model_shape(&model);
	if (!PG_ARGISNULL(2))
	{
		LinkModel *um = link_model_get(fcinfo, 2);

		for (f = 0; f < LINK_GAMMA_NFIELDS; f++)
			if (((um->absent >> (4 * f)) & 0xF) == 0)
				memcpy(model.u[f], um->model.u[f], sizeof(model.u[f]));
		/* fields the u model lacks: u from the candidate pairs' marginals */
		if (um->absent != 0)
		{
			FsModel		marg;

			link_model_shape(&marg);
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
