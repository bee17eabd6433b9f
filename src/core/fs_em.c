/*
 * fs_em.c
 *		Fellegi-Sunter model arithmetic and EM estimation over a table of
 *		distinct comparison patterns with counts.
 *
 * fastLink's observation (Enamorado, Fifield and Imai 2019) is that under
 * conditional independence the likelihood only depends on how many pairs
 * show each comparison pattern, so EM runs over the distinct patterns (a few
 * hundred or thousand) instead of the pairs (millions): the cost of an
 * iteration is independent of the number of pairs.  Missing levels are
 * treated as missing at random: a field that could not be compared is left
 * out of both the likelihood and the update of its own m and u.
 *
 * Starting values (fs_em_start):
 *   u  the marginal frequency of each level among all pairs, since nearly
 *      every candidate pair is a non-match;
 *   m  most mass on the strongest level: m0 = max(0.9, (1 + u0) / 2), the
 *      rest halving level by level down to "different";
 *   lambda  the share of pairs that agree at level 0 on every compared field
 *      but at most one, kept inside [0.001, 0.5].
 * These starting values make the class called "match" the one that agrees
 * more, so EM does not have to guess which of its two classes is which; if
 * it still ends with the classes swapped (the "match" class agreeing less at
 * level 0 than the other on the whole), the two are relabelled.
 *
 * With u fixed (fix_u; Splink's default, u estimated from random pairs,
 * where nearly every pair is a non-match), EM estimates only m and lambda:
 * this keeps EM from splitting the candidate pairs along some other line
 * (pairs that share a common name but not a birth date, say), which
 * blocking makes likely because it selects pairs that agree on its keys.
 *
 * Every M step keeps each field's sign constraint (sign_constraint below).
 *
 * Convergence: the largest absolute change of any m, u or lambda in one
 * iteration falls below the tolerance, or max_iter iterations ran.
 *
 * Patterns never seen, levels never seen: a level with no pair among the
 * matches would get m = 0 and an infinite negative weight, and a level never
 * seen among non-matches would get u = 0; every probability is clamped into
 * [FS_PROB_FLOOR, 1 - FS_PROB_FLOOR] and its field renormalised after each
 * M step, so every possible pattern, seen or not, has a finite weight.
 */
#include "fs_em.h"

#include <math.h>
#include <string.h>

#define FS_LAMBDA_FLOOR 1e-12

int
fs_pattern_check(const FsModel *model, uint32_t pattern)
{
	int			f;

	for (f = 0; f < FS_MAX_FIELDS; f++)
	{
		int			l = fs_level(pattern, f);

		if (l == FS_LEVEL_MISSING)
			continue;
		if (f >= model->nfields || l >= model->nlevels[f])
			return f + 1;
	}
	return 0;
}

static double
clamp(double x, double lo, double hi)
{
	if (!(x >= lo))				/* also catches NaN */
		return lo;
	if (x > hi)
		return hi;
	return x;
}

/* Clamp every level's probability into the floor and make them sum to 1. */
static void
normalise_field(double *p, int n)
{
	double		sum = 0.0;
	int			l;

	for (l = 0; l < n; l++)
	{
		p[l] = clamp(p[l], FS_PROB_FLOOR, 1.0 - FS_PROB_FLOOR);
		sum += p[l];
	}
	for (l = 0; l < n; l++)
		p[l] /= sum;
}

void
fs_em_start(FsModel *model, const uint32_t *patterns, const double *counts,
			int npatterns)
{
	double		freq[FS_MAX_FIELDS][FS_MAX_LEVELS];
	double		seen[FS_MAX_FIELDS];
	double		total = 0.0,
				strong = 0.0;
	int			i,
				f,
				l;

	memset(freq, 0, sizeof(freq));
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < npatterns; i++)
	{
		int			compared = 0,
					agree = 0;

		for (f = 0; f < model->nfields; f++)
		{
			l = fs_level(patterns[i], f);
			if (l == FS_LEVEL_MISSING || l >= model->nlevels[f])
				continue;
			freq[f][l] += counts[i];
			seen[f] += counts[i];
			compared++;
			if (l == 0)
				agree++;
		}
		total += counts[i];
		if (compared > 0 && agree >= compared - 1 && agree >= 1)
			strong += counts[i];
	}

	for (f = 0; f < model->nfields; f++)
	{
		int			n = model->nlevels[f];
		double		u0,
					rest,
					half;

		if (!model->fix_u)
		{
			for (l = 0; l < n; l++)
				model->u[f][l] = seen[f] > 0 ? freq[f][l] / seen[f] : 1.0 / n;
			normalise_field(model->u[f], n);
		}

		u0 = model->u[f][0];
		model->m[f][0] = u0 > 0.8 ? (1.0 + u0) / 2.0 : 0.9;
		rest = 1.0 - model->m[f][0];
		/* halving shares over levels 1..n-1: 1/2, 1/4, ..., scaled to rest */
		half = 0.0;
		for (l = 1; l < n; l++)
			half += ldexp(1.0, -l);
		for (l = 1; l < n; l++)
			model->m[f][l] = half > 0 ? rest * ldexp(1.0, -l) / half : 0.0;
		normalise_field(model->m[f], n);
	}
	if (!model->fix_lambda)
		model->lambda = clamp(total > 0 ? strong / total : 0.01, 0.001, 0.5);
}

void
fs_u_from_patterns(FsModel *model, const uint32_t *patterns,
				   const double *counts, int npatterns)
{
	double		freq[FS_MAX_FIELDS][FS_MAX_LEVELS];
	double		seen[FS_MAX_FIELDS];
	int			i,
				f,
				l;

	memset(freq, 0, sizeof(freq));
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < npatterns; i++)
		for (f = 0; f < model->nfields; f++)
		{
			l = fs_level(patterns[i], f);
			if (l == FS_LEVEL_MISSING || l >= model->nlevels[f])
				continue;
			freq[f][l] += counts[i];
			seen[f] += counts[i];
		}
	for (f = 0; f < model->nfields; f++)
	{
		int			n = model->nlevels[f];

		for (l = 0; l < n; l++)
			model->u[f][l] = seen[f] > 0 ? freq[f][l] / seen[f] : 1.0 / n;
		normalise_field(model->u[f], n);
	}
}

/*
 * The sign constraint: exact agreement (level 0) never counts against a
 * match and "different" (the last level) never counts for one, i.e.
 * m0 >= u0 and m_last <= u_last.  Without it EM on blocked candidate
 * pairs can settle on another split than match / non-match: blocking keeps
 * pairs that differ in birth date only when their names agree, so "dob
 * different" becomes a mark of the name-sharing class and EM calls that
 * class the matches (namesakes together with true matches).  When an M step
 * breaks the constraint, m of the offending level is set to u (the level
 * becomes neutral) and m renormalised, which pushes the next E step back
 * toward the match / non-match split.  The true model of any sensible
 * comparison satisfies the constraint, so it does not bias a good fit.
 */
static void
sign_constraint(double *m, const double *u, int n)
{
	int			fixed[2] = {-1, -1};
	double		rest = 0.0,
				target;
	int			l;

	if (m[n - 1] > u[n - 1])
		fixed[0] = n - 1;
	if (m[0] < u[0])
		fixed[1] = 0;
	if (fixed[0] < 0 && fixed[1] < 0)
		return;
	/* the offending levels take u's value; the others share what is left */
	target = 1.0;
	for (l = 0; l < n; l++)
	{
		if (l == fixed[0] || l == fixed[1])
			target -= u[l];
		else
			rest += m[l];
	}
	for (l = 0; l < n; l++)
	{
		if (l == fixed[0] || l == fixed[1])
			m[l] = u[l];
		else if (rest > 0.0 && target > 0.0)
			m[l] *= target / rest;
	}
}

/* log P(pattern | match) and log P(pattern | non-match), natural logs */
static void
pattern_logs(const FsModel *model, uint32_t p, double *lm, double *lu)
{
	double		a = 0.0,
				b = 0.0;
	int			f;

	for (f = 0; f < model->nfields; f++)
	{
		int			l = fs_level(p, f);

		if (l == FS_LEVEL_MISSING || l >= model->nlevels[f])
			continue;
		a += log(model->m[f][l]);
		b += log(model->u[f][l]);
	}
	*lm = a;
	*lu = b;
}

bool
fs_em_run(FsModel *model, const uint32_t *patterns, const double *counts,
		  int npatterns, int max_iter, double tolerance, FsEmResult *result)
{
	double		sm[FS_MAX_FIELDS][FS_MAX_LEVELS];
	double		su[FS_MAX_FIELDS][FS_MAX_LEVELS];
	double		total = 0.0;
	int			it,
				i,
				f,
				l;

	memset(result, 0, sizeof(*result));
	if (model->nfields < 1 || model->nfields > FS_MAX_FIELDS ||
		max_iter < 0 || !(tolerance >= 0.0) || npatterns < 0)
		return false;
	for (f = 0; f < model->nfields; f++)
		if (model->nlevels[f] < 2 || model->nlevels[f] > FS_MAX_LEVELS)
			return false;
	for (i = 0; i < npatterns; i++)
	{
		if (!(counts[i] >= 0.0))
			return false;
		total += counts[i];
	}
	result->pairs = total;
	result->patterns = npatterns;
	if (total <= 0.0)
		return true;			/* nothing to learn from: keep the model */

	model->lambda = clamp(model->lambda, FS_LAMBDA_FLOOR, 1.0 - FS_LAMBDA_FLOOR);
	for (it = 0; it < max_iter; it++)
	{
		double		gsum = 0.0,
					change = 0.0,
					newlambda;

		memset(sm, 0, sizeof(sm));
		memset(su, 0, sizeof(su));

		/* E step: posterior match probability g of each pattern */
		for (i = 0; i < npatterns; i++)
		{
			double		lm,
						lu,
						g,
						c = counts[i];

			if (c == 0.0)
				continue;
			pattern_logs(model, patterns[i], &lm, &lu);
			g = 1.0 / (1.0 + exp(log1p(-model->lambda) + lu -
								 log(model->lambda) - lm));
			gsum += c * g;
			for (f = 0; f < model->nfields; f++)
			{
				l = fs_level(patterns[i], f);
				if (l == FS_LEVEL_MISSING || l >= model->nlevels[f])
					continue;
				sm[f][l] += c * g;
				su[f][l] += c * (1.0 - g);
			}
		}

		/* M step */
		newlambda = model->fix_lambda ? model->lambda :
			clamp(gsum / total, FS_LAMBDA_FLOOR, 1.0 - FS_LAMBDA_FLOOR);
		change = fabs(newlambda - model->lambda);
		model->lambda = newlambda;
		for (f = 0; f < model->nfields; f++)
		{
			int			n = model->nlevels[f];
			double		tm = 0.0,
						tu = 0.0,
						nm[FS_MAX_LEVELS],
						nu[FS_MAX_LEVELS];

			for (l = 0; l < n; l++)
			{
				tm += sm[f][l];
				tu += su[f][l];
			}
			for (l = 0; l < n; l++)
			{
				nm[l] = tm > 0.0 ? sm[f][l] / tm : model->m[f][l];
				nu[l] = tu > 0.0 && !model->fix_u ? su[f][l] / tu : model->u[f][l];
			}
			normalise_field(nm, n);
			normalise_field(nu, n);
			sign_constraint(nm, nu, n);
			for (l = 0; l < n; l++)
			{
				change = fmax(change, fabs(nm[l] - model->m[f][l]));
				change = fmax(change, fabs(nu[l] - model->u[f][l]));
				model->m[f][l] = nm[l];
				model->u[f][l] = nu[l];
			}
		}
		result->iterations = it + 1;
		result->max_change = change;
		if (change < tolerance)
		{
			result->converged = true;
			break;
		}
	}

	/* relabel if the "match" class is the one that agrees less */
	{
		double		d = 0.0;

		for (f = 0; f < model->nfields; f++)
			d += model->m[f][0] - model->u[f][0];
		if (d < 0.0 && !model->fix_u)
		{
			for (f = 0; f < model->nfields; f++)
				for (l = 0; l < model->nlevels[f]; l++)
				{
					double		t = model->m[f][l];

					model->m[f][l] = model->u[f][l];
					model->u[f][l] = t;
				}
			model->lambda = 1.0 - model->lambda;
			result->swapped = true;
		}
	}

	/* log-likelihood of the final model */
	result->loglik = 0.0;
	for (i = 0; i < npatterns; i++)
	{
		double		lm,
					lu,
					a,
					b,
					hi;

		if (counts[i] == 0.0)
			continue;
		pattern_logs(model, patterns[i], &lm, &lu);
		a = log(model->lambda) + lm;
		b = log1p(-model->lambda) + lu;
		hi = fmax(a, b);
		result->loglik += counts[i] * (hi + log(exp(a - hi) + exp(b - hi)));
	}
	return true;
}

double
fs_weight_terms(const FsModel *model, uint32_t pattern, double *terms)
{
	int			f;

	for (f = 0; f < model->nfields; f++)
	{
		int			l = fs_level(pattern, f);

		terms[f] = (l == FS_LEVEL_MISSING || l >= model->nlevels[f]) ? 0.0 :
			log2(model->m[f][l]) - log2(model->u[f][l]);
	}
	return log2(model->lambda) - log2(1.0 - model->lambda);
}

double
fs_bayes_log2(const FsModel *model, uint32_t pattern)
{
	double		terms[FS_MAX_FIELDS];
	double		w = 0.0;
	int			f;

	(void) fs_weight_terms(model, pattern, terms);
	for (f = 0; f < model->nfields; f++)
		w += terms[f];
	return w;
}

double
fs_match_weight(const FsModel *model, uint32_t pattern)
{
	return log2(model->lambda) - log2(1.0 - model->lambda) +
		fs_bayes_log2(model, pattern);
}

double
fs_weight_to_probability(double weight)
{
	if (isnan(weight))
		return weight;
	if (weight >= 0.0)
		return 1.0 / (1.0 + exp2(-weight));
	else
	{
		double		e = exp2(weight);

		return e / (1.0 + e);
	}
}

double
fs_tf_adjustment(double u_exact, double tf, double tf_min)
{
	double		t = tf > tf_min ? tf : tf_min;

	if (!(u_exact > 0.0) || !(t > 0.0))
		return 0.0;
	return log2(u_exact) - log2(t);
}
