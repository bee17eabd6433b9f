/*
 * fs_em.h
 *		Fellegi-Sunter record-linkage model and its EM estimation, as a pure
 *		C core (no PostgreSQL headers).
 *
 * A comparison pattern is a uint32 of 4-bit levels: field i sits in bits
 * 4i..4i+3, level 0 is the strongest agreement, level nlevels-1 is
 * "different", and the level FS_LEVEL_MISSING (15) means the field could not
 * be compared and contributes nothing.  This is the layout of the SQL type
 * link_gamma, but nothing here depends on it: any number of fields up to
 * FS_MAX_FIELDS with up to FS_MAX_LEVELS levels each can be estimated.
 */
#ifndef FS_EM_H
#define FS_EM_H

#include <stdbool.h>
#include <stdint.h>

#define FS_MAX_FIELDS		8
#define FS_MAX_LEVELS		15
#define FS_LEVEL_MISSING	15

/*
 * Probabilities are kept inside [FS_PROB_FLOOR, 1 - FS_PROB_FLOOR]: a level
 * never seen among the matches (or the non-matches) would otherwise get
 * m = 0 (or u = 0), an infinite weight, and EM could never move it again.
 */
#define FS_PROB_FLOOR		1e-6

/* The level of field f in pattern p. */
static inline int
fs_level(uint32_t p, int f)
{
	return (int) ((p >> (4 * f)) & 0xF);
}

typedef struct FsModel
{
	int			nfields;
	int			nlevels[FS_MAX_FIELDS];
	double		lambda;			/* prior probability that a pair matches */
	double		m[FS_MAX_FIELDS][FS_MAX_LEVELS];	/* P(level | match) */
	double		u[FS_MAX_FIELDS][FS_MAX_LEVELS];	/* P(level | non-match) */
	bool		fix_u;			/* EM keeps u as given (estimated elsewhere) */
	bool		fix_lambda;		/* EM keeps lambda as given */
} FsModel;

typedef struct FsEmResult
{
	int			iterations;		/* EM iterations run */
	bool		converged;		/* largest change fell below tolerance */
	double		max_change;		/* largest parameter change of the last step */
	double		loglik;			/* log-likelihood of the final model */
	double		pairs;			/* total count */
	int			patterns;		/* distinct patterns */
	bool		swapped;		/* classes were relabelled at the end */
} FsEmResult;

/* Checks a pattern against the shape of the model: 0 if fine, else the
 * 1-based number of the first field whose level is out of range. */
extern int	fs_pattern_check(const FsModel *model, uint32_t pattern);

/* Starting values from the data (see fs_em.c); with fix_u set, u is kept. */
extern void fs_em_start(FsModel *model, const uint32_t *patterns,
						const double *counts, int npatterns);

/* u as the level frequencies of the patterns (e.g. of random pairs). */
extern void fs_u_from_patterns(FsModel *model, const uint32_t *patterns,
							   const double *counts, int npatterns);

/* EM from the values in *model; returns false only for bad arguments. */
extern bool fs_em_run(FsModel *model, const uint32_t *patterns,
					  const double *counts, int npatterns,
					  int max_iter, double tolerance, FsEmResult *result);

/* log2 Bayes factor of the pattern's levels (no prior). */
extern double fs_bayes_log2(const FsModel *model, uint32_t pattern);

/* Match weight: log2(lambda / (1 - lambda)) + fs_bayes_log2. */
extern double fs_match_weight(const FsModel *model, uint32_t pattern);

/*
 * The match weight term by term: returns the prior log2(lambda/(1-lambda))
 * and sets terms[f] to log2(m/u) of field f's level (0 for a missing level
 * or one out of range).  fs_match_weight is prior + ((0 + terms[0]) +
 * terms[1]) + ..., in that order, so a caller summing the same way gets the
 * same double.
 */
extern double fs_weight_terms(const FsModel *model, uint32_t pattern, double *terms);

/* Probability from a match weight: 2^w / (1 + 2^w), without overflow. */
extern double fs_weight_to_probability(double weight);

/*
 * Term-frequency adjustment (log2) for an exact agreement on a value whose
 * relative frequency is tf: log2(u_exact) - log2(max(tf, tf_min)).  A rare
 * value (tf < u_exact) raises the weight, a common one lowers it.
 */
extern double fs_tf_adjustment(double u_exact, double tf, double tf_min);

#endif							/* FS_EM_H */
