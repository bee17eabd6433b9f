/*
 * test_fs_em.c
 *		EM recovers known m, u and lambda from patterns generated with them;
 *		weights and probabilities against hand computation.
 */
#include <stdint.h>
#include <stdlib.h>

#include "fs_em.h"
#include "unit.h"

/* The truth: 5 fields shaped like given, surname1, dob, sex, nationality. */
static const int nlev[5] = {3, 4, 3, 2, 2};
static const double true_m[5][4] = {
	{0.85, 0.10, 0.05},
	{0.80, 0.10, 0.06, 0.04},
	{0.90, 0.07, 0.03},
	{0.97, 0.03},
	{0.95, 0.05},
};
static const double true_u[5][4] = {
	{0.02, 0.08, 0.90},
	{0.01, 0.04, 0.15, 0.80},
	{0.005, 0.095, 0.90},
	{0.50, 0.50},
	{0.70, 0.30},
};
static const double true_lambda = 0.08;

static void
set_shape(FsModel *m)
{
	int			f;

	memset(m, 0, sizeof(*m));
	m->nfields = 5;
	for (f = 0; f < 5; f++)
		m->nlevels[f] = nlev[f];
}

/* every pattern of the 3*4*3*2*2 = 144, with its exact expected count */
static int
exact_patterns(uint32_t *pat, double *cnt, double n)
{
	int			k = 0,
				a,
				b,
				c,
				d,
				e;

	for (a = 0; a < 3; a++)
		for (b = 0; b < 4; b++)
			for (c = 0; c < 3; c++)
				for (d = 0; d < 2; d++)
					for (e = 0; e < 2; e++)
					{
						double		pm = true_m[0][a] * true_m[1][b] * true_m[2][c] * true_m[3][d] * true_m[4][e];
						double		pu = true_u[0][a] * true_u[1][b] * true_u[2][c] * true_u[3][d] * true_u[4][e];

						pat[k] = a | b << 4 | c << 8 | d << 12 | e << 16 | 0xFFFu << 20;
						cnt[k] = n * (true_lambda * pm + (1 - true_lambda) * pu);
						k++;
					}
	return k;
}

static uint64_t rng = 88172645463325252ULL;

static double
unif(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (rng >> 11) * (1.0 / 9007199254740992.0);
}

static int
draw(const double *p, int n)
{
	double		r = unif();
	int			l;

	for (l = 0; l < n - 1; l++)
	{
		if (r < p[l])
			return l;
		r -= p[l];
	}
	return n - 1;
}

static double
max_error(const FsModel *m)
{
	double		e = fabs(m->lambda - true_lambda);
	int			f,
				l;

	for (f = 0; f < 5; f++)
		for (l = 0; l < nlev[f]; l++)
		{
			e = fmax(e, fabs(m->m[f][l] - true_m[f][l]));
			e = fmax(e, fabs(m->u[f][l] - true_u[f][l]));
		}
	return e;
}

int
main(void)
{
	FsModel		model;
	FsEmResult	res;
	uint32_t	pat[4096];
	double		cnt[4096];
	int			np,
				i,
				f;

	/* 1. exact expected counts: EM must land on the truth */
	np = exact_patterns(pat, cnt, 1e6);
	set_shape(&model);
	fs_em_start(&model, pat, cnt, np);
	CHECK(model.lambda >= 0.001 && model.lambda <= 0.5, "starting lambda inside [0.001, 0.5]");
	CHECK(model.m[3][0] > model.u[3][0], "starting m favours agreement");
	CHECK(fs_em_run(&model, pat, cnt, np, 5000, 1e-10, &res), "EM runs on exact counts");
	CHECK(res.converged, "EM converges on exact counts");
	CHECK(!res.swapped, "no relabelling needed from data-driven start");
	CHECK(res.patterns == 144 && fabs(res.pairs - 1e6) < 1e-6, "pairs and patterns reported");
	CHECK_NEAR(max_error(&model), 0.0, 1e-4, "exact counts: every m, u, lambda within 1e-4");

	/* 2. 200,000 sampled pairs: within sampling error (a binomial standard
	 * error of m at p = 0.5 over 16,000 matches is 0.004; allow 0.02) */
	{
		int			n = 200000;
		int			k;

		np = 0;
		for (k = 0; k < n; k++)
		{
			int			match = unif() < true_lambda;
			uint32_t	p = 0xFFFu << 20;

			for (f = 0; f < 5; f++)
				p |= (uint32_t) draw(match ? true_m[f] : true_u[f], nlev[f]) << (4 * f);
			/* 10% of dates of birth missing at random */
			if (unif() < 0.1)
				p |= 0xFu << 8;
			for (i = 0; i < np; i++)
				if (pat[i] == p)
					break;
			if (i == np)
			{
				pat[np] = p;
				cnt[np++] = 0;
			}
			cnt[i] += 1;
		}
		set_shape(&model);
		fs_em_start(&model, pat, cnt, np);
		CHECK(fs_em_run(&model, pat, cnt, np, 5000, 1e-8, &res), "EM runs on sampled pairs");
		CHECK(res.converged, "EM converges on sampled pairs");
		CHECK(res.patterns == np && res.pairs == n, "sampled pairs counted");
		CHECK_NEAR(max_error(&model), 0.0, 0.02, "sampled: every m, u, lambda within 0.02");
		CHECK_NEAR(model.lambda, true_lambda, 0.005, "sampled: lambda within 0.005");
	}

	/* 2b. fixed lambda and fixed u are kept; the sign constraint holds */
	np = exact_patterns(pat, cnt, 1e6);
	set_shape(&model);
	model.lambda = 0.05;
	model.fix_lambda = true;
	fs_em_start(&model, pat, cnt, np);
	CHECK(model.lambda == 0.05, "fs_em_start leaves a fixed lambda");
	CHECK(fs_em_run(&model, pat, cnt, np, 5000, 1e-10, &res) && model.lambda == 0.05,
		  "EM keeps a fixed lambda");
	{
		bool		ok = true;

		for (f = 0; f < 5; f++)
			ok = ok && model.m[f][0] >= model.u[f][0] &&
				model.m[f][nlev[f] - 1] <= model.u[f][nlev[f] - 1];
		CHECK(ok, "sign constraint: m0 >= u0 and m_last <= u_last in every field");
	}
	set_shape(&model);
	for (f = 0; f < 5; f++)
		for (i = 0; i < nlev[f]; i++)
			model.u[f][i] = true_u[f][i];
	model.fix_u = true;
	fs_em_start(&model, pat, cnt, np);
	CHECK(fs_em_run(&model, pat, cnt, np, 5000, 1e-10, &res) && res.converged, "EM with fixed u converges");
	CHECK_NEAR(max_error(&model), 0.0, 1e-4, "fixed true u: m and lambda found within 1e-4");
	{
		FsModel		um;

		set_shape(&um);
		fs_u_from_patterns(&um, pat, cnt, np);
		/* marginal of level 0 of sex: lambda m0 + (1 - lambda) u0 = 0.08 * 0.97 + 0.92 * 0.5 */
		CHECK_NEAR(um.u[3][0], 0.08 * 0.97 + 0.92 * 0.5, 1e-9, "u from patterns is the level frequency");
	}

	/* 3. a level never seen stays finite (clamped, not zero) */
	{
		uint32_t	p2[2] = {0x00000u | 0xFFFu << 20, 0x11211u | 0xFFFu << 20};
		double		c2[2] = {100, 900};
		uint32_t	unseen = 0x00300u | 0xFFFu << 20;	/* dob = 3 never seen */
		set_shape(&model);
		fs_em_start(&model, p2, c2, 2);
		CHECK(fs_em_run(&model, p2, c2, 2, 1000, 1e-9, &res), "EM runs on two patterns");
		CHECK(model.m[1][3] >= FS_PROB_FLOOR * 0.99 && model.u[1][3] >= FS_PROB_FLOOR * 0.99,
			  "unseen level clamped to the floor");
		CHECK(isfinite(fs_match_weight(&model, unseen)), "weight of an unseen pattern is finite");
		CHECK_NEAR(model.lambda, 0.1, 1e-6, "two clean patterns: lambda = 100/1000");
	}

	/* 4. weights by hand: lambda = 0.2, one field m = (0.9, 0.1), u = (0.25, 0.75) */
	{
		FsModel		h;

		memset(&h, 0, sizeof(h));
		h.nfields = 2;
		h.nlevels[0] = 2;
		h.nlevels[1] = 2;
		h.lambda = 0.2;
		h.m[0][0] = 0.9;
		h.m[0][1] = 0.1;
		h.u[0][0] = 0.25;
		h.u[0][1] = 0.75;
		h.m[1][0] = 0.5;
		h.m[1][1] = 0.5;
		h.u[1][0] = 0.125;
		h.u[1][1] = 0.875;
		/* log2(0.2/0.8) + log2(0.9/0.25) + log2(0.5/0.125) = -2 + 1.84799690655 + 2 */
		CHECK_NEAR(fs_match_weight(&h, 0xFFFFFF00u), log2(3.6), 1e-12, "weight agree/agree");
		/* field 1 missing: -2 + log2(0.1/0.75) */
		CHECK_NEAR(fs_match_weight(&h, 0xFFFFFFF1u), -2 + log2(0.1 / 0.75), 1e-12, "weight with a missing field");
		CHECK_NEAR(fs_bayes_log2(&h, 0xFFFFFFFFu), 0.0, 0.0, "all missing: Bayes factor 1");
		/* probability = 0.2*0.9*0.5 / (0.2*0.9*0.5 + 0.8*0.25*0.125) = 0.09/0.115 */
		CHECK_NEAR(fs_weight_to_probability(fs_match_weight(&h, 0xFFFFFF00u)), 0.09 / 0.115, 1e-12,
				   "probability by Bayes' rule");
		CHECK_NEAR(fs_weight_to_probability(0.0), 0.5, 0.0, "weight 0 is probability 1/2");
		CHECK_NEAR(fs_weight_to_probability(-2000.0), 0.0, 1e-300, "very negative weight: 0, no NaN");
		CHECK_NEAR(fs_weight_to_probability(2000.0), 1.0, 0.0, "very positive weight: 1, no overflow");
		{
			/* the terms, summed as match_weight sums, give the same double */
			double		terms[FS_MAX_FIELDS];
			double		prior;
			uint32_t	p;
			bool		exact = true;

			for (p = 0; p < 4; p++)
			{
				uint32_t	pat = 0xFFFFFF00u | (p & 1) | ((p >> 1) << 4);

				prior = fs_weight_terms(&h, pat, terms);
				exact = exact && prior + (0.0 + terms[0] + terms[1]) == fs_match_weight(&h, pat);
			}
			CHECK(exact, "weight terms add up to the match weight exactly");
			prior = fs_weight_terms(&h, 0xFFFFFFF1u, terms);
			CHECK(prior == -2.0 && terms[1] == 0.0 && terms[0] == log2(0.1) - log2(0.75),
				  "terms: prior -2, missing field 0, the other log2(m/u)");
		}
		CHECK(fs_pattern_check(&h, 0xFFFFFF11u) == 0, "pattern fits");
		CHECK(fs_pattern_check(&h, 0xFFFFFF21u) == 2, "field 2 level 2 out of range");
		CHECK(fs_pattern_check(&h, 0xFFFFF011u) == 3, "field 3 not in the model");
	}

	/* 5. term frequencies: u_exact = 0.01; a surname carried by 10% of
	 * records is weaker evidence by log2(0.01/0.1), a rare one floored */
	CHECK_NEAR(fs_tf_adjustment(0.01, 0.1, 0.001), log2(0.1), 1e-12, "common surname lowers the weight");
	CHECK_NEAR(fs_tf_adjustment(0.01, 0.00001, 0.001), log2(10.0), 1e-12, "rare surname floored at tf_min");
	CHECK_NEAR(fs_tf_adjustment(0.01, 0.01, 0.001), 0.0, 1e-12, "average surname: no adjustment");

	/* 6. bad arguments */
	set_shape(&model);
	model.nlevels[0] = 1;
	CHECK(!fs_em_run(&model, pat, cnt, 1, 10, 1e-6, &res), "a field of one level is refused");
	set_shape(&model);
	CHECK(!fs_em_run(&model, pat, cnt, 1, 10, -1.0, &res), "negative tolerance refused");
	{
		double		neg = -1.0;

		CHECK(!fs_em_run(&model, pat, &neg, 1, 10, 1e-6, &res), "negative count refused");
	}
	CHECK(fs_em_run(&model, pat, cnt, 0, 10, 1e-6, &res) && res.iterations == 0,
		  "no pairs: nothing estimated");
	return unit_done();
}
