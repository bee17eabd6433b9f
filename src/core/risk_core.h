/*
 * risk_core.h
 *		The pure C core of migrisk's trafficking-risk scoring: indicator
 *		sets with three-valued entries (risk_flags), their text form, the
 *		per-record score of a model, the exact fixed-point accumulator behind
 *		the risk_profile aggregate, and the interval arithmetic (Kish
 *		effective n, Wilson score interval).  No PostgreSQL headers: the glue
 *		in src/risk_*.c wraps it, test/unit/test_risk.c and
 *		test/fuzz/fuzz_risk_flags.c exercise it alone.
 */
#ifndef MIGRISK_RISK_CORE_H
#define MIGRISK_RISK_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RISK_NBITS 64
#define RISK_CODE_MAXLEN 63

/*
 * One record's indicators: bit i of yes is set when indicator i was
 * observed, bit i of known when it was recorded at all (yes or no).
 * Invariant: yes is a subset of known.  An unset known bit is "unknown":
 * a CTDC blank, a skipped survey question.
 */
typedef struct risk_flags
{
	uint64_t	yes;
	uint64_t	known;
} risk_flags;

/* the registry's code -> bit mapping, as the parser and printer need it */
typedef struct risk_codetab
{
	const char *name[RISK_NBITS];	/* NULL where no indicator uses the bit */
} risk_codetab;

/* bit of a code (exactly len bytes), or -1 */
int			risk_codetab_lookup(const risk_codetab *tab, const char *code, size_t len);

/* --- set algebra (three-valued, Kleene logic per indicator) --- */
bool		risk_flags_valid(risk_flags f);
risk_flags	risk_flags_or(risk_flags a, risk_flags b);
risk_flags	risk_flags_and(risk_flags a, risk_flags b);
risk_flags	risk_flags_minus(risk_flags a, risk_flags b);
int			risk_flags_cmp(risk_flags a, risk_flags b);
bool		risk_flags_contains(risk_flags a, risk_flags b);	/* a @> b */
bool		risk_flags_overlaps(risk_flags a, risk_flags b);	/* a && b */
uint32_t	risk_flags_hash(risk_flags f);
uint64_t	risk_flags_hash64(risk_flags f, uint64_t seed);
int			risk_popcount(uint64_t x);

/* --- text form --- */
typedef enum risk_parse_status
{
	RISK_PARSE_OK = 0,
	RISK_PARSE_SYNTAX,			/* malformed: detail says what */
	RISK_PARSE_UNKNOWN_CODE,	/* token names no registered indicator */
	RISK_PARSE_BIT_RANGE,		/* #N with N outside 0..63 */
	RISK_PARSE_CONFLICT			/* the same indicator given two states */
} risk_parse_status;

typedef struct risk_parse_error
{
	risk_parse_status status;
	size_t		pos;			/* byte offset of the offending token */
	size_t		len;			/* its length */
	const char *detail;			/* static text */
} risk_parse_error;

/*
 * Parse the text form (docs/reference.md):
 *   {}                      every indicator no
 *   {held,freight_train}    those yes, every other indicator no
 *   {held,-debt,?smuggler}  held yes, debt no, smuggler unknown, others no
 *   {?,held,-debt}          held yes, debt no, every other indicator unknown
 * A token is a registered code or #N (bit N, 0..63).  Blanks around tokens
 * are allowed.  s need not be NUL-terminated.
 */
risk_parse_status risk_flags_parse(const char *s, size_t len, const risk_codetab *tab,
								   risk_flags *out, risk_parse_error *err);

/*
 * Canonical text (the shorter of the two forms; ties print the "others no"
 * form).  Writes at most cap bytes including the NUL; returns the length
 * the full text needs (excluding NUL), like snprintf.
 */
size_t		risk_flags_format(risk_flags f, const risk_codetab *tab, char *buf, size_t cap);

/* largest text risk_flags_format can produce */
#define RISK_FLAGS_TEXT_MAX (3 + RISK_NBITS * (RISK_CODE_MAXLEN + 2) + 2)

/* --- models --- */
typedef enum risk_model_kind
{
	RISK_MODEL_ANY = 1,			/* 1 if any model indicator is yes */
	RISK_MODEL_ADDITIVE = 2,	/* sum of weights present / sum of all */
	RISK_MODEL_LOGISTIC = 3		/* 1/(1+exp(-(b0 + sum of weights present))) */
} risk_model_kind;

typedef struct risk_model
{
	risk_model_kind kind;
	uint64_t	mask;			/* the model's indicators */
	double		weight[RISK_NBITS];	/* used where mask has the bit */
	double		intercept;
	double		weight_total;	/* sum of the mask's weights (finish) */
	double		medium_threshold;
	double		high_threshold;
	uint64_t	fingerprint;	/* risk_model_finish computes it; never 0 */
	/* derived by risk_model_finish: sums of weights by byte of the flags */
	int			nbytes;			/* bytes of the mask up to its highest bit */
	double		byte_sum[8][256];	/* [k][v]: weights of the bits v has in byte k */
} risk_model;

/* check a model and compute its fingerprint; NULL or a static message */
const char *risk_model_finish(risk_model *m);
double		risk_model_score(const risk_model *m, risk_flags f);
/* 0 low, 1 medium, 2 high */
int			risk_model_level(const risk_model *m, double score);

/* --- the exact accumulator --- */

/*
 * Weights and score contributions are rounded, per record, to multiples of
 * 2^-RISK_FIX_BITS and summed in 128-bit integers.  Each record's
 * contribution is a deterministic function of (flags, weight), so adding
 * and removing a record, or summing in any order or split (parallel
 * workers, stored partials), gives bit-identical sums.
 */
#define RISK_FIX_BITS 24
#define RISK_WEIGHT_MAX 274877906944.0	/* 2^38: w * 2^24 fits in int64 */

/*
 * 8-byte aligned so that a risk_acc can live in a PostgreSQL datum (which
 * is only MAXALIGNed); PostgreSQL's own int128 typedef does the same.
 */
typedef __int128 risk_i128 __attribute__((aligned(8)));

/*
 * Adding v < 2^64 to a 128-bit sum: one 64-bit add, and a carry into the
 * high word that is rare enough to predict.  The compiler's add-with-carry
 * to memory costs several times more, and the per-indicator loop does it
 * for every indicator present.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
typedef uint64_t risk_u64_alias __attribute__((may_alias));

static inline void
risk_add_u64(risk_i128 *p, uint64_t v)
{
	risk_u64_alias *q = (risk_u64_alias *) p;
	uint64_t	lo = q[0] + v;

	q[0] = lo;
	if (__builtin_expect(lo < v, 0))
		q[1]++;
}
#else
static inline void
risk_add_u64(risk_i128 *p, uint64_t v)
{
	*p += v;
}
#endif

/* adds a contribution that may reach 2^64: w^2 of a weight of 2^20 or more */
static inline void
risk_add_fix(risk_i128 *p, risk_i128 v)
{
	if (__builtin_expect(v < (((risk_i128) 1) << 64), 1))
		risk_add_u64(p, (uint64_t) v);
	else
		*p += v;
}

/* a cursor over the text form of a state, for the parsers of risk_acc.c
 * and risk_design.c */
typedef struct risk_in
{
	const char *s;
	size_t		len;
	size_t		i;
} risk_in;

static inline bool
risk_take(risk_in *in, char c)
{
	if (in->i < in->len && in->s[in->i] == c)
	{
		in->i++;
		return true;
	}
	return false;
}

typedef struct risk_acc
{
	uint64_t	fingerprint;	/* model of the records; 0 while empty */
	uint64_t	model_mask;		/* its indicators (for the record) */
	int64_t		n;				/* records added */
	risk_i128	sw;				/* sum w */
	risk_i128	sw2;			/* sum w^2 */
	risk_i128	s_any;			/* sum w over records with any model indicator yes */
	risk_i128	s_score;		/* sum w * score */
	risk_i128	s_score2;		/* sum w * score^2 */
	risk_i128	s_high;			/* sum w over records with score >= high threshold */
	risk_i128	s_cover;		/* sum w over records with every model indicator known */
	int64_t		unk_n[RISK_NBITS];	/* records with the indicator unknown */
	risk_i128	yes_w[RISK_NBITS];	/* sum w where yes */
	risk_i128	unk_w[RISK_NBITS];	/* sum w where unknown */
	risk_i128	unk_w2[RISK_NBITS];	/* sum w^2 where unknown */
} risk_acc;

typedef enum risk_acc_status
{
	RISK_ACC_OK = 0,
	RISK_ACC_BAD_WEIGHT,		/* negative, NaN, infinite or > RISK_WEIGHT_MAX */
	RISK_ACC_OVERFLOW,			/* sums would leave their range */
	RISK_ACC_MODEL_MISMATCH,	/* states of different models */
	RISK_ACC_UNDERFLOW			/* removing what was never added */
} risk_acc_status;

/*
 * A cache of scores by (model, indicators present), so a scan over records
 * that repeat the same flag patterns computes each logistic score (an
 * exp()) once.  "any" and additive scores are cheaper than a lookup that
 * misses the L1 cache and do not use it.  4096 slots (128
 * kB) hold a few thousand patterns.  Zeroed memory is an empty memo.
 * Optional: pass NULL.
 */
#define RISK_MEMO_BITS 12
#define RISK_MEMO_SLOTS (1 << RISK_MEMO_BITS)
typedef struct risk_memo_slot
{
	uint64_t	fingerprint;
	uint64_t	present;
	double		score;
	double		pad;
} risk_memo_slot;

typedef struct risk_memo
{
	risk_memo_slot slot[RISK_MEMO_SLOTS];
} risk_memo;

void		risk_acc_init(risk_acc *a);
risk_acc_status risk_acc_add(risk_acc *a, const risk_model *m, risk_memo *memo,
							 risk_flags f, double w);
risk_acc_status risk_acc_remove(risk_acc *a, const risk_model *m, risk_memo *memo,
								risk_flags f, double w);
risk_acc_status risk_acc_combine(risk_acc *a, const risk_acc *b);
/* NULL when the state is consistent, else a static description */
const char *risk_acc_check(const risk_acc *a);

/* text form of a state: exact, round-trips */
size_t		risk_acc_format(const risk_acc *a, char *buf, size_t cap);
#define RISK_ACC_TEXT_MAX 16384
/* NULL on success, else a static description of what is wrong */
const char *risk_acc_parse(const char *s, size_t len, risk_acc *out);

double		risk_fix_to_double(risk_i128 v);

/* --- the summary --- */
#define RISK_Z95 1.959963984540054

typedef struct risk_estimate
{
	double		value;
	double		lo;
	double		hi;
	bool		valid;			/* false: undefined (no weight) */
} risk_estimate;

typedef struct risk_summary_num
{
	int64_t		n;
	double		weighted_n;
	double		effective_n;
	bool		effective_n_valid;
	risk_estimate any;			/* with Wilson interval */
	risk_estimate score;		/* with normal interval on the effective n */
	risk_estimate high_share;
	risk_estimate coverage;
} risk_summary_num;

double		risk_kish_n(double sw, double sw2);
/* Wilson score interval for proportion p on (effective) size n, quantile z */
void		risk_wilson(double p, double n, double z, double *lo, double *hi);
void		risk_acc_summarize(const risk_acc *a, risk_summary_num *s);

/* per-indicator: prevalence among records where it is known */
typedef struct risk_indicator_est
{
	int64_t		known_n;
	double		known_w;
	double		effective_n;
	risk_estimate prevalence;
} risk_indicator_est;

void		risk_acc_indicator(const risk_acc *a, int bit, risk_indicator_est *e);

#endif							/* MIGRISK_RISK_CORE_H */
