/*
 * risk_acc.c
 *		Scoring models, the exact fixed-point accumulator behind the
 *		risk_profile aggregate (add, exact inverse, combine, consistency
 *		check, text form), and the estimates drawn from it: Kish effective
 *		n, Wilson score interval, normal interval of the mean score.
 *
 * Why fixed point: a moving window removes records with the inverse
 * transition, and parallel workers and stored partials sum in other orders.
 * Floating-point sums would make each of those differ in the last bits from
 * the plain aggregate.  Here each record contributes integers that depend
 * only on the record (its weight and score rounded to multiples of 2^-24),
 * and 128-bit integer addition is associative and exactly invertible.
 */
#include "risk_core.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define RISK_FIX_SCALE 16777216.0	/* 2^RISK_FIX_BITS */
/* every sum stays below 2^124, so sums of sums never wrap */
#define RISK_SUM_LIMIT (((risk_i128) 1) << 124)

/* --- models --- */

static uint64_t
risk_fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		h ^= c[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/*
 * Table of the weight sums of every byte value, so that a score takes one
 * lookup per byte of the mask instead of a loop over the bits present,
 * whose varying trip count the processor mispredicts on real data.  Every
 * score, in the scalar functions and in the aggregate, is computed this
 * way, so they agree to the bit.
 */
static void
risk_model_byte_sums(risk_model *m)
{
	int			k,
				v,
				j;

	m->nbytes = 0;
	for (k = 0; k < 8; k++)
	{
		if ((m->mask >> (8 * k)) & 0xff)
			m->nbytes = k + 1;
		for (v = 0; v < 256; v++)
		{
			double		s = 0;

			for (j = 0; j < 8; j++)
				if ((v >> j) & 1)
					s += m->weight[8 * k + j];
			m->byte_sum[k][v] = s;
		}
	}
}

const char *
risk_model_finish(risk_model *m)
{
	uint64_t	h = UINT64_C(0xcbf29ce484222325);
	double		total = 0;
	int			i;
	int32_t		kind = (int32_t) m->kind;

	if (m->kind != RISK_MODEL_ANY && m->kind != RISK_MODEL_ADDITIVE &&
		m->kind != RISK_MODEL_LOGISTIC)
		return "model kind must be any, additive or logistic";
	if (m->mask == 0)
		return "model has no indicators";
	if (!isfinite(m->intercept))
		return "model intercept must be finite";
	if (!isfinite(m->medium_threshold) || !isfinite(m->high_threshold))
		return "model thresholds must be finite";
	if (m->medium_threshold > m->high_threshold)
		return "model medium threshold exceeds its high threshold";
	for (i = 0; i < RISK_NBITS; i++)
	{
		if (!(m->mask & (UINT64_C(1) << i)))
		{
			m->weight[i] = 0;
			continue;
		}
		if (!isfinite(m->weight[i]))
			return "model weights must be finite";
		if (m->kind == RISK_MODEL_ADDITIVE && m->weight[i] < 0)
			return "additive model weights must not be negative";
		total += m->weight[i];
	}
	if (!isfinite(total))
		return "model weights sum to an infinite value";
	m->weight_total = total;
	risk_model_byte_sums(m);
	h = risk_fnv(h, &kind, sizeof(kind));
	h = risk_fnv(h, &m->mask, sizeof(m->mask));
	h = risk_fnv(h, m->weight, sizeof(m->weight));
	h = risk_fnv(h, &m->intercept, sizeof(m->intercept));
	h = risk_fnv(h, &m->medium_threshold, sizeof(m->medium_threshold));
	h = risk_fnv(h, &m->high_threshold, sizeof(m->high_threshold));
	m->fingerprint = h ? h : 1;
	return NULL;
}

/* unknown indicators count as absent: a score says what was observed */
static inline double
risk_weight_sum(const risk_model *m, uint64_t present)
{
	double		s = m->byte_sum[0][present & 0xff];
	int			k;

	for (k = 1; k < m->nbytes; k++)
		s += m->byte_sum[k][(present >> (8 * k)) & 0xff];
	return s;
}

static inline double
risk_score_inline(const risk_model *m, risk_flags f)
{
	uint64_t	present = f.yes & m->mask;
	double		s;

	if (m->kind == RISK_MODEL_ANY)
		return present ? 1.0 : 0.0;
	s = risk_weight_sum(m, present);
	if (m->kind == RISK_MODEL_ADDITIVE)
	{
		if (m->weight_total <= 0)
			return 0.0;
		s = s / m->weight_total;
		return s > 1.0 ? 1.0 : s;
	}
	return 1.0 / (1.0 + exp(-(m->intercept + s)));
}

double
risk_model_score(const risk_model *m, risk_flags f)
{
	return risk_score_inline(m, f);
}

int
risk_model_level(const risk_model *m, double score)
{
	if (score >= m->high_threshold)
		return 2;
	if (score >= m->medium_threshold)
		return 1;
	return 0;
}

/* --- fixed point --- */

/* x >= 0; rounds half up, the same way for every call */
static inline risk_i128
risk_fix(double x)
{
	double		v = x * RISK_FIX_SCALE;

	if (v < 4.0e18)
		return (risk_i128) (uint64_t) (int64_t) (v + 0.5);	/* zero-extends */
	/* beyond 2^53 every double is an integer: the conversion is exact */
	return (risk_i128) v;
}

/*
 * Most sums fit in 64 bits, where the hardware conversion gives the same
 * correctly rounded double as the library's 128-bit one, at a fraction of
 * its cost (a summary converts a few hundred sums).
 */
static inline double
risk_i128_to_double(risk_i128 v)
{
	if (v >= INT64_MIN && v <= INT64_MAX)
		return (double) (int64_t) v;
	return (double) v;
}

double
risk_fix_to_double(risk_i128 v)
{
	return risk_i128_to_double(v) / RISK_FIX_SCALE;
}

void
risk_acc_init(risk_acc *a)
{
	memset(a, 0, sizeof(*a));
}

typedef struct risk_contrib
{
	risk_i128	w;
	risk_i128	w2;
	risk_i128	ws;
	risk_i128	ws2;
	bool		any;
	bool		high;
	bool		cover;
} risk_contrib;

/*
 * The score by way of the memo, for a logistic model: it saves exp().  An
 * additive score (a few byte sums and a division) costs less than a slot
 * that is not in the L1 cache and a mispredicted hit test, which is what a
 * table of a few thousand patterns gives: computed, risk_profile over 10M
 * rows of 3,359 patterns takes about 8% less time.
 */
static inline double
risk_memo_score(const risk_model *m, risk_memo *memo, risk_flags f)
{
	uint64_t	present = f.yes & m->mask;
	risk_memo_slot *slot;

	if (memo == NULL || m->kind != RISK_MODEL_LOGISTIC)
		return risk_score_inline(m, f);
	slot = &memo->slot[((present ^ m->fingerprint) * UINT64_C(0x9e3779b97f4a7c15)) >> (64 - RISK_MEMO_BITS)];
	if (slot->fingerprint != m->fingerprint || slot->present != present)
	{
		/* the score depends only on the model's indicators present */
		slot->score = risk_score_inline(m, f);
		slot->present = present;
		slot->fingerprint = m->fingerprint;
	}
	return slot->score;
}

static inline risk_acc_status
risk_contribution(const risk_model *m, risk_memo *memo, risk_flags f, double w,
				  risk_contrib *c)
{
	double		s;

	if (!(w >= 0 && w <= RISK_WEIGHT_MAX))	/* also rejects NaN */
		return RISK_ACC_BAD_WEIGHT;
	s = risk_memo_score(m, memo, f);
	c->w = risk_fix(w);
	c->w2 = risk_fix(w * w);
	c->ws = risk_fix(w * s);
	c->ws2 = risk_fix(w * s * s);
	c->any = (f.yes & m->mask) != 0;
	c->high = s >= m->high_threshold;
	c->cover = (f.known & m->mask) == m->mask;
	return RISK_ACC_OK;
}

/*
 * Sums below 2^123 cannot pass their limit by one record (every
 * contribution is below 2^101), so the exact test is left for the rare
 * state near it.
 */
#define RISK_SAFE_SUM (((risk_i128) 1) << 123)

/*
 * Scores lie in [0, 1] and weights below 2^38, so every contribution but
 * w^2 is below 2^62 and fits the 64-bit add.
 */
risk_acc_status
risk_acc_add(risk_acc *a, const risk_model *m, risk_memo *memo, risk_flags f, double w)
{
	risk_contrib c;
	risk_acc_status st;
	uint64_t	cw,
				bits;

	if ((st = risk_contribution(m, memo, f, w, &c)) != RISK_ACC_OK)
		return st;
	if (a->fingerprint != m->fingerprint)
	{
		if (a->n != 0 || a->fingerprint != 0)
			return RISK_ACC_MODEL_MISMATCH;
		a->fingerprint = m->fingerprint;
		a->model_mask = m->mask;
	}
	if (__builtin_expect(a->sw >= RISK_SAFE_SUM || a->sw2 >= RISK_SAFE_SUM ||
						 a->n == INT64_MAX, 0) &&
		(a->sw > RISK_SUM_LIMIT - c.w || a->sw2 > RISK_SUM_LIMIT - c.w2 ||
		 a->n == INT64_MAX))
		return RISK_ACC_OVERFLOW;
	cw = (uint64_t) c.w;
	a->n++;
	risk_add_u64(&a->sw, cw);
	risk_add_fix(&a->sw2, c.w2);
	risk_add_u64(&a->s_score, (uint64_t) c.ws);
	risk_add_u64(&a->s_score2, (uint64_t) c.ws2);
	/* branch-free: these tests are unpredictable on real data */
	risk_add_u64(&a->s_any, cw & -(uint64_t) c.any);
	risk_add_u64(&a->s_high, cw & -(uint64_t) c.high);
	risk_add_u64(&a->s_cover, cw & -(uint64_t) c.cover);
	bits = f.yes;
	while (bits)
	{
		risk_add_u64(&a->yes_w[__builtin_ctzll(bits)], cw);
		bits &= bits - 1;
	}
	bits = ~f.known;
	while (bits)
	{
		int			i = __builtin_ctzll(bits);

		a->unk_n[i]++;
		risk_add_u64(&a->unk_w[i], cw);
		risk_add_fix(&a->unk_w2[i], c.w2);
		bits &= bits - 1;
	}
	return RISK_ACC_OK;
}

/* take one record's contribution out of a state (sign -1) or put it back (+1) */
static void
risk_acc_shift(risk_acc *a, const risk_contrib *c, risk_flags f, int sign)
{
	uint64_t	bits;

	a->n += sign;
	a->sw += sign * c->w;
	a->sw2 += sign * c->w2;
	a->s_score += sign * c->ws;
	a->s_score2 += sign * c->ws2;
	if (c->any)
		a->s_any += sign * c->w;
	if (c->high)
		a->s_high += sign * c->w;
	if (c->cover)
		a->s_cover += sign * c->w;
	bits = f.yes;
	while (bits)
	{
		int			i = __builtin_ctzll(bits);

		a->yes_w[i] += sign * c->w;
		bits &= bits - 1;
	}
	bits = ~f.known;
	while (bits)
	{
		int			i = __builtin_ctzll(bits);

		a->unk_n[i] += sign;
		a->unk_w[i] += sign * c->w;
		a->unk_w2[i] += sign * c->w2;
		bits &= bits - 1;
	}
}

/*
 * The inverse of risk_acc_add.  Removing a record that was never added
 * (any aggregate can call the inverse transition) would leave sums that
 * no set of records has, and a state whose text risk_acc_parse rejects:
 * the result is checked as text input checks it, and on failure the state
 * is left as it was.
 */
risk_acc_status
risk_acc_remove(risk_acc *a, const risk_model *m, risk_memo *memo, risk_flags f, double w)
{
	risk_contrib c;
	risk_acc_status st;

	if ((st = risk_contribution(m, memo, f, w, &c)) != RISK_ACC_OK)
		return st;
	if (a->fingerprint != m->fingerprint)
		return RISK_ACC_MODEL_MISMATCH;
	if (a->n <= 0 || a->sw < c.w || a->sw2 < c.w2)
		return RISK_ACC_UNDERFLOW;
	risk_acc_shift(a, &c, f, -1);
	if (risk_acc_check(a) != NULL)
	{
		risk_acc_shift(a, &c, f, 1);
		return RISK_ACC_UNDERFLOW;
	}
	return RISK_ACC_OK;
}

risk_acc_status
risk_acc_combine(risk_acc *a, const risk_acc *b)
{
	int			i;

	if (b->n == 0)
		return RISK_ACC_OK;
	if (a->n == 0)
	{
		memcpy(a, b, sizeof(*a));
		return RISK_ACC_OK;
	}
	if (a->fingerprint != b->fingerprint)
		return RISK_ACC_MODEL_MISMATCH;
	if (a->sw > RISK_SUM_LIMIT - b->sw || a->sw2 > RISK_SUM_LIMIT - b->sw2 ||
		a->n > INT64_MAX - b->n)
		return RISK_ACC_OVERFLOW;
	a->n += b->n;
	a->sw += b->sw;
	a->sw2 += b->sw2;
	a->s_any += b->s_any;
	a->s_score += b->s_score;
	a->s_score2 += b->s_score2;
	a->s_high += b->s_high;
	a->s_cover += b->s_cover;
	for (i = 0; i < RISK_NBITS; i++)
	{
		a->unk_n[i] += b->unk_n[i];
		a->yes_w[i] += b->yes_w[i];
		a->unk_w[i] += b->unk_w[i];
		a->unk_w2[i] += b->unk_w2[i];
	}
	return RISK_ACC_OK;
}

/*
 * The relations every state built by add/combine satisfies; input and
 * receive functions check them so that no hostile state reaches the
 * summary (whose arithmetic relies on them).
 */
const char *
risk_acc_check(const risk_acc *a)
{
	int			i;

	if (a->n < 0)
		return "negative record count";
	if (a->sw < 0 || a->sw2 < 0 || a->s_any < 0 || a->s_score < 0 ||
		a->s_score2 < 0 || a->s_high < 0 || a->s_cover < 0)
		return "negative sum";
	if (a->sw > RISK_SUM_LIMIT || a->sw2 > RISK_SUM_LIMIT)
		return "sum out of range";
	if (a->s_any > a->sw || a->s_score > a->sw || a->s_score2 > a->s_score ||
		a->s_high > a->sw || a->s_cover > a->sw)
		return "a partial sum exceeds the sum of weights";
	if (a->fingerprint == 0 && (a->n != 0 || a->model_mask != 0))
		return "records without a model";
	if (a->n == 0 && (a->sw != 0 || a->sw2 != 0 || a->s_any != 0 ||
					  a->s_score != 0 || a->s_high != 0 || a->s_cover != 0))
		return "sums without records";
	for (i = 0; i < RISK_NBITS; i++)
	{
		if (a->unk_n[i] < 0 || a->unk_n[i] > a->n)
			return "indicator count out of range";
		if (a->yes_w[i] < 0 || a->unk_w[i] < 0 || a->unk_w2[i] < 0)
			return "negative indicator sum";
		if (a->yes_w[i] > a->sw - a->unk_w[i])
			return "indicator sums exceed the sum of weights";
		if (a->unk_w2[i] > a->sw2)
			return "indicator sum of squares exceeds the total";
		if ((a->model_mask & (UINT64_C(1) << i)) && a->s_cover > a->sw - a->unk_w[i])
			return "coverage exceeds a model indicator's known weight";
	}
	return NULL;
}

/* --- text form of a state --- */

static size_t
risk_i128_text(risk_i128 v, char *out)
{
	char		tmp[48];
	size_t		n = 0,
				k;
	bool		neg = v < 0;
	unsigned __int128 u = neg ? (unsigned __int128) (-(v + 1)) + 1 : (unsigned __int128) v;

	do
	{
		tmp[n++] = (char) ('0' + (int) (u % 10));
		u /= 10;
	} while (u);
	k = 0;
	if (neg)
		out[k++] = '-';
	while (n)
		out[k++] = tmp[--n];
	out[k] = '\0';
	return k;
}

typedef struct risk_out
{
	char	   *buf;
	size_t		cap;
	size_t		len;
} risk_out;

static void
risk_emit(risk_out *o, const char *s)
{
	for (; *s; s++)
	{
		if (o->len + 1 < o->cap)
			o->buf[o->len] = *s;
		o->len++;
	}
}

static void
risk_emit_i(risk_out *o, char sep, risk_i128 v)
{
	char		t[50];

	t[0] = sep;
	risk_i128_text(v, t + 1);
	risk_emit(o, t);
}

/*
 * Format: "1:<fingerprint hex>:<mask hex>:n:w:w2:any:score:score2:high:cover"
 * then, for each indicator bit with a non-zero entry, in increasing order,
 * ";bit:unknown_n:yes_w:unknown_w:unknown_w2".  Sums are the exact integers
 * (units of 2^-24).
 */
size_t
risk_acc_format(const risk_acc *a, char *buf, size_t cap)
{
	risk_out	o = {buf, cap, 0};
	char		t[64];
	int			i;

	snprintf(t, sizeof(t), "1:%016llx:%016llx",
			 (unsigned long long) a->fingerprint, (unsigned long long) a->model_mask);
	risk_emit(&o, t);
	risk_emit_i(&o, ':', a->n);
	risk_emit_i(&o, ':', a->sw);
	risk_emit_i(&o, ':', a->sw2);
	risk_emit_i(&o, ':', a->s_any);
	risk_emit_i(&o, ':', a->s_score);
	risk_emit_i(&o, ':', a->s_score2);
	risk_emit_i(&o, ':', a->s_high);
	risk_emit_i(&o, ':', a->s_cover);
	for (i = 0; i < RISK_NBITS; i++)
	{
		if (a->unk_n[i] == 0 && a->yes_w[i] == 0 && a->unk_w[i] == 0 && a->unk_w2[i] == 0)
			continue;
		risk_emit_i(&o, ';', i);
		risk_emit_i(&o, ':', a->unk_n[i]);
		risk_emit_i(&o, ':', a->yes_w[i]);
		risk_emit_i(&o, ':', a->unk_w[i]);
		risk_emit_i(&o, ':', a->unk_w2[i]);
	}
	if (cap > 0)
		buf[o.len < cap ? o.len : cap - 1] = '\0';
	return o.len;
}


/* a non-negative decimal integer below 2^125 */
static bool
risk_read_u(risk_in *in, risk_i128 *v)
{
	risk_i128	x = 0;
	size_t		start = in->i;

	while (in->i < in->len && in->s[in->i] >= '0' && in->s[in->i] <= '9')
	{
		if (x > RISK_SUM_LIMIT / 5)
			return false;		/* x * 10 would pass 2^125 */
		x = x * 10 + (in->s[in->i] - '0');
		in->i++;
	}
	if (in->i == start || in->i - start > 40)
		return false;
	/* canonical: no leading zeros */
	if (in->s[start] == '0' && in->i - start > 1)
		return false;
	*v = x;
	return true;
}

static bool
risk_read_hex16(risk_in *in, uint64_t *v)
{
	uint64_t	x = 0;
	int			k;

	if (in->len - in->i < 16)
		return false;
	for (k = 0; k < 16; k++)
	{
		char		c = in->s[in->i++];
		int			d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else
			return false;
		x = (x << 4) | (uint64_t) d;
	}
	*v = x;
	return true;
}

const char *
risk_acc_parse(const char *s, size_t len, risk_acc *out)
{
	risk_in		in = {s, len, 0};
	risk_i128	v[8];
	int			k,
				last = -1;
	const char *bad;

	risk_acc_init(out);
	if (!risk_take(&in, '1') || !risk_take(&in, ':'))
		return "expected format version \"1:\"";
	if (!risk_read_hex16(&in, &out->fingerprint) || !risk_take(&in, ':') ||
		!risk_read_hex16(&in, &out->model_mask))
		return "expected the model fingerprint and mask as 16 hexadecimal digits each";
	for (k = 0; k < 8; k++)
	{
		if (!risk_take(&in, ':') || !risk_read_u(&in, &v[k]))
			return "expected eight non-negative integer totals";
	}
	if (v[0] > INT64_MAX)
		return "record count out of range";
	out->n = (int64_t) v[0];
	out->sw = v[1];
	out->sw2 = v[2];
	out->s_any = v[3];
	out->s_score = v[4];
	out->s_score2 = v[5];
	out->s_high = v[6];
	out->s_cover = v[7];
	while (in.i < in.len)
	{
		risk_i128	b,
					e[4];

		if (!risk_take(&in, ';') || !risk_read_u(&in, &b))
			return "expected \";bit\" after the totals";
		if (b >= RISK_NBITS || (int) b <= last)
			return "indicator bits must be 0..63 in increasing order";
		last = (int) b;
		for (k = 0; k < 4; k++)
		{
			if (!risk_take(&in, ':') || !risk_read_u(&in, &e[k]))
				return "expected four non-negative integers per indicator";
		}
		if (e[0] > INT64_MAX)
			return "indicator count out of range";
		out->unk_n[last] = (int64_t) e[0];
		out->yes_w[last] = e[1];
		out->unk_w[last] = e[2];
		out->unk_w2[last] = e[3];
	}
	if ((bad = risk_acc_check(out)) != NULL)
		return bad;
	return NULL;
}

/* --- estimates --- */

double
risk_kish_n(double sw, double sw2)
{
	if (!(sw2 > 0))
		return NAN;
	return sw * sw / sw2;
}

void
risk_wilson(double p, double n, double z, double *lo, double *hi)
{
	double		z2n,
				denom,
				center,
				half;

	if (!(n > 0) || !(p >= 0 && p <= 1))
	{
		*lo = *hi = NAN;
		return;
	}
	z2n = z * z / n;
	denom = 1 + z2n;
	center = (p + z2n / 2) / denom;
	half = z * sqrt(p * (1 - p) / n + z2n / (4 * n)) / denom;
	*lo = center - half;
	*hi = center + half;
	if (*lo < 0)
		*lo = 0;
	if (*hi > 1)
		*hi = 1;
}

static double
risk_ratio(risk_i128 num, risk_i128 den)
{
	return risk_i128_to_double(num) / risk_i128_to_double(den);
}

static void
risk_share(risk_i128 num, risk_i128 den, risk_estimate *e)
{
	e->valid = den > 0;
	e->value = e->valid ? risk_ratio(num, den) : NAN;
	e->lo = e->hi = NAN;
}

void
risk_acc_summarize(const risk_acc *a, risk_summary_num *s)
{
	double		neff;

	memset(s, 0, sizeof(*s));
	s->n = a->n;
	s->weighted_n = risk_fix_to_double(a->sw);
	neff = risk_kish_n(risk_fix_to_double(a->sw), risk_fix_to_double(a->sw2));
	s->effective_n_valid = a->sw > 0 && a->sw2 > 0;
	s->effective_n = s->effective_n_valid ? neff : NAN;

	risk_share(a->s_any, a->sw, &s->any);
	if (s->any.valid && s->effective_n_valid)
		risk_wilson(s->any.value, neff, RISK_Z95, &s->any.lo, &s->any.hi);

	risk_share(a->s_score, a->sw, &s->score);
	if (s->score.valid && s->effective_n_valid)
	{
		double		mean = s->score.value;
		double		var = risk_ratio(a->s_score2, a->sw) - mean * mean;
		double		se = sqrt((var > 0 ? var : 0) / neff);

		s->score.lo = mean - RISK_Z95 * se;
		s->score.hi = mean + RISK_Z95 * se;
		if (s->score.lo < 0)
			s->score.lo = 0;
		if (s->score.hi > 1)
			s->score.hi = 1;
	}
	risk_share(a->s_high, a->sw, &s->high_share);
	risk_share(a->s_cover, a->sw, &s->coverage);
}

void
risk_acc_indicator(const risk_acc *a, int bit, risk_indicator_est *e)
{
	risk_i128	kw = a->sw - a->unk_w[bit];
	risk_i128	kw2 = a->sw2 - a->unk_w2[bit];

	memset(e, 0, sizeof(*e));
	e->known_n = a->n - a->unk_n[bit];
	e->known_w = risk_fix_to_double(kw);
	risk_share(a->yes_w[bit], kw, &e->prevalence);
	e->effective_n = kw2 > 0 ? risk_kish_n(e->known_w, risk_fix_to_double(kw2)) : NAN;
	if (e->prevalence.valid && kw2 > 0)
		risk_wilson(e->prevalence.value, e->effective_n, RISK_Z95,
					&e->prevalence.lo, &e->prevalence.hi);
}
