/*
 * risk_design.c
 *		The state of risk_profile_design (per-PSU exact totals in one
 *		block: header, open-addressing index by PSU, dense entries), its
 *		growth, combination, check and text form, the design-based
 *		estimates drawn from it, and the beta and Student t quantiles the
 *		Korn-Graubard interval needs.
 *
 * Exactness: every record adds integers that depend on the record alone
 * (its weight rounded to a multiple of 2^-48), so serial, parallel and
 * rolled-up states hold the same integers; the estimates are computed from
 * the entries in (stratum, PSU) order, so they are the same to the bit.
 */
#include "risk_design.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RD_SCALE 281474976710656.0	/* 2^48 */
#define RD_SCALE24 16777216.0		/* 2^24, as risk_acc.c */
#define RD_LIMIT (((risk_i128) 1) << 124)
#define likely_small(c) __builtin_expect((c) < (((risk_i128) 1) << 64), 1)

/* --- layout --- */

static inline size_t
rd_stride(uint32_t nbits)
{
	return sizeof(rd_psu) + (size_t) nbits * sizeof(rd_bit);
}

static inline int32_t *
rd_index(const rd_state *s)
{
	return (int32_t *) ((char *) s + RD_HEADER_SIZE);
}

size_t
rd_size(uint32_t cap, uint32_t nbits)
{
	return RD_HEADER_SIZE + sizeof(int32_t) * 2 * (size_t) cap + (size_t) cap * rd_stride(nbits);
}

static void
rd_set_bits(rd_state *s, uint64_t bits)
{
	int			i,
				k = 0;

	s->bits = bits;
	for (i = 0; i < RISK_NBITS; i++)
		s->slot_of_bit[i] = (bits >> i) & 1 ? (uint8_t) k++ : 255;
	s->nbits = (uint32_t) k;
	s->stride = (uint32_t) rd_stride((uint32_t) k);
}

void
rd_init(rd_state *s, uint32_t cap, uint64_t bits)
{
	int32_t		vl = s->vl_len_;
	uint32_t	i;
	int32_t    *ix;

	memset(s, 0, RD_HEADER_SIZE);
	s->vl_len_ = vl;
	s->format = RD_FORMAT;
	s->cap = cap;
	s->nslots = 2 * cap;
	s->last = -1;
	s->name_len = -1;
	rd_set_bits(s, bits);
	ix = rd_index(s);
	for (i = 0; i < s->nslots; i++)
		ix[i] = -1;
}

static inline uint32_t
rd_hash(int64_t psu, uint32_t nslots)
{
	uint64_t	h = (uint64_t) psu * UINT64_C(0x9e3779b97f4a7c15);

	h ^= h >> 29;
	return (uint32_t) (h & (nslots - 1));
}

/* entry of psu or -1; *slot: where it is or would go */
static inline int32_t
rd_find(const rd_state *s, int64_t psu, uint32_t *slot)
{
	const int32_t *ix = rd_index(s);
	uint32_t	h;

	if (s->nslots == 0)
	{
		*slot = 0;
		return -1;
	}
	h = rd_hash(psu, s->nslots);
	for (;;)
	{
		int32_t		e = ix[h];

		if (e < 0)
		{
			*slot = h;
			return -1;
		}
		if (rd_entry(s, (uint32_t) e)->psu == psu)
		{
			*slot = h;
			return e;
		}
		h = (h + 1) & (s->nslots - 1);
	}
}

/* a new, empty entry (room checked by the caller) */
static rd_psu *
rd_insert(rd_state *s, uint32_t slot, int64_t psu, int64_t stratum, double fraction)
{
	uint32_t	i = s->npsu++;
	rd_psu	   *e = rd_entry(s, i);

	memset(e, 0, s->stride);
	e->psu = psu;
	e->stratum = stratum;
	e->fraction = fraction;
	rd_index(s)[slot] = (int32_t) i;
	return e;
}

rd_psu *
rd_append(rd_state *s, int64_t stratum, int64_t psu, double fraction)
{
	uint32_t	slot;

	if (s->npsu >= s->cap || rd_find(s, psu, &slot) >= 0)
		return NULL;
	return rd_insert(s, slot, psu, stratum, fraction);
}

size_t
rd_grow_size(const rd_state *s, uint32_t extra, uint64_t more_bits,
			 uint32_t *cap, uint64_t *bits)
{
	uint64_t	need = (uint64_t) s->npsu + extra;
	uint64_t	c = s->cap < 8 ? 8 : s->cap;

	while (c < need)
		c *= 2;
	if (c > (UINT32_C(1) << 28))
		return (size_t) -1;
	*cap = (uint32_t) c;
	*bits = s->bits | more_bits;
	return rd_size(*cap, (uint32_t) __builtin_popcountll(*bits));
}

/* dst's tracked bits include src's; src's records are unknown on the others */
static void
rd_add_entry(const rd_state *dst, rd_psu *de, const rd_state *src, const rd_psu *se)
{
	rd_bit	   *db = rd_bits_of(de);
	const rd_bit *sb = rd_bits_of((rd_psu *) se);
	uint64_t	bits = dst->bits;

	de->n += se->n;
	de->w += se->w;
	de->w_any += se->w_any;
	while (bits)
	{
		int			i = __builtin_ctzll(bits);
		rd_bit	   *d = &db[dst->slot_of_bit[i]];

		if (src->slot_of_bit[i] != 255)
		{
			const rd_bit *b = &sb[src->slot_of_bit[i]];

			d->yes_w += b->yes_w;
			d->unk_w += b->unk_w;
			d->unk_n += b->unk_n;
		}
		else
		{
			d->unk_w += se->w;
			d->unk_n += se->n;
		}
		bits &= bits - 1;
	}
}

void
rd_grow(rd_state *dst, const rd_state *src, uint32_t cap, uint64_t bits)
{
	uint32_t	i;
	size_t		keep = offsetof(rd_state, slot_of_bit) - offsetof(rd_state, fingerprint);

	rd_init(dst, cap, bits | src->bits);
	memcpy(&dst->fingerprint, &src->fingerprint, keep);
	dst->bits = bits | src->bits;
	for (i = 0; i < src->npsu; i++)
	{
		const rd_psu *se = rd_entry(src, i);
		uint32_t	slot;

		(void) rd_find(dst, se->psu, &slot);
		rd_add_entry(dst, rd_insert(dst, slot, se->psu, se->stratum, se->fraction), src, se);
	}
	dst->last = -1;
}

/* --- adding --- */

static inline risk_i128
rd_fix48(double w)
{
	double		v = w * RD_SCALE;

	if (v < 4.0e18)
		return (risk_i128) (uint64_t) (int64_t) (v + 0.5);
	return (risk_i128) v;		/* an integer already */
}

/* exactly risk_acc.c's rounding, so kish_n equals risk_profile's */
static inline risk_i128
rd_fix24(double x)
{
	double		v = x * RD_SCALE24;

	if (v < 4.0e18)
		return (risk_i128) (uint64_t) (int64_t) (v + 0.5);
	return (risk_i128) v;
}


rd_status
rd_add(rd_state *s, int64_t stratum, int64_t psu, double fraction,
	   bool in_domain, risk_flags f, uint64_t fingerprint, uint64_t model_mask,
	   double w, rd_clash *clash)
{
	int32_t		ei;
	uint32_t	slot = 0;
	rd_psu	   *e;
	risk_i128	c,
				c24 = 0,
				c2 = 0;
	uint64_t	bits;
	rd_bit	   *eb;

	if (!(w >= RD_WEIGHT_MIN && w <= RISK_WEIGHT_MAX))
		return RD_BAD_WEIGHT;
	if (!(fraction == 0 || (fraction > 0 && fraction <= 1)))
		return RD_BAD_FPC;
	ei = s->last;
	if (ei < 0 || (uint32_t) ei >= s->npsu || rd_entry(s, (uint32_t) ei)->psu != psu)
		ei = rd_find(s, psu, &slot);
	if (ei >= 0)
	{
		e = rd_entry(s, (uint32_t) ei);
		if (e->stratum != stratum || e->fraction != fraction)
		{
			clash->psu = psu;
			clash->stratum = e->stratum;
			clash->fraction = e->fraction;
			return e->stratum != stratum ? RD_TWO_STRATA : RD_FPC_DIFFERS;
		}
	}
	else if (s->npsu >= s->cap)
		return RD_GROW;
	if (in_domain)
	{
		if (f.known & ~s->bits)
			return RD_GROW;
		if (s->fingerprint != fingerprint)
		{
			if (s->fingerprint != 0)
				return RD_MODEL_MISMATCH;
		}
		c = rd_fix48(w);
		c24 = rd_fix24(w);
		c2 = rd_fix24(w * w);
		if (s->sw > RD_LIMIT - c || s->sw2_24 > RD_LIMIT - c2 || s->n == INT64_MAX)
			return RD_OVERFLOW;
	}
	else
		c = 0;
	if (s->nrows == INT64_MAX)
		return RD_OVERFLOW;

	/* every check passed: now change the state */
	if (ei < 0)
	{
		e = rd_insert(s, slot, psu, stratum, fraction);
		ei = (int32_t) (s->npsu - 1);
	}
	else
		e = rd_entry(s, (uint32_t) ei);
	s->last = ei;
	s->nrows++;
	if (!in_domain)
		return RD_OK;
	if (s->fingerprint == 0)
	{
		s->fingerprint = fingerprint;
		s->model_mask = model_mask;
	}
	s->n++;
	risk_add_fix(&s->sw, c);
	risk_add_fix(&s->sw24, c24);
	risk_add_fix(&s->sw2_24, c2);
	e->n++;
	eb = rd_bits_of(e);
	if (likely_small(c))
	{
		uint64_t	cw = (uint64_t) c;

		risk_add_u64(&e->w, cw);
		risk_add_u64(&e->w_any, cw & -(uint64_t) ((f.yes & model_mask) != 0));
		bits = f.yes;
		while (bits)
		{
			risk_add_u64(&eb[s->slot_of_bit[__builtin_ctzll(bits)]].yes_w, cw);
			bits &= bits - 1;
		}
		bits = s->bits & ~f.known;
		while (bits)
		{
			rd_bit	   *b = &eb[s->slot_of_bit[__builtin_ctzll(bits)]];

			risk_add_u64(&b->unk_w, cw);
			b->unk_n++;
			bits &= bits - 1;
		}
		return RD_OK;
	}
	/* weights of 2^16 or more: full 128-bit adds */
	e->w += c;
	if (f.yes & model_mask)
		e->w_any += c;
	bits = f.yes;
	while (bits)
	{
		eb[s->slot_of_bit[__builtin_ctzll(bits)]].yes_w += c;
		bits &= bits - 1;
	}
	bits = s->bits & ~f.known;
	while (bits)
	{
		rd_bit	   *b = &eb[s->slot_of_bit[__builtin_ctzll(bits)]];

		b->unk_w += c;
		b->unk_n++;
		bits &= bits - 1;
	}
	return RD_OK;
}

rd_status
rd_combine(rd_state *a, const rd_state *b, bool frame_only, rd_clash *clash)
{
	uint32_t	i,
				missing = 0;

	if (!frame_only)
	{
		if (b->bits & ~a->bits)
			return RD_GROW;
		if (b->fingerprint != 0 && a->fingerprint != 0 && a->fingerprint != b->fingerprint)
			return RD_MODEL_MISMATCH;
		if (a->sw > RD_LIMIT - b->sw || a->sw2_24 > RD_LIMIT - b->sw2_24 ||
			a->n > INT64_MAX - b->n || a->nrows > INT64_MAX - b->nrows)
			return RD_OVERFLOW;
	}
	for (i = 0; i < b->npsu; i++)
	{
		const rd_psu *be = rd_entry(b, i);
		uint32_t	slot;
		int32_t		ei = rd_find(a, be->psu, &slot);

		if (ei < 0)
			missing++;
		else
		{
			const rd_psu *ae = rd_entry(a, (uint32_t) ei);

			if (ae->stratum != be->stratum || ae->fraction != be->fraction)
			{
				clash->psu = be->psu;
				clash->stratum = be->stratum;
				clash->fraction = be->fraction;
				return ae->stratum != be->stratum ? RD_TWO_STRATA : RD_FPC_DIFFERS;
			}
		}
	}
	if ((uint64_t) a->npsu + missing > a->cap)
		return RD_GROW;
	for (i = 0; i < b->npsu; i++)
	{
		const rd_psu *be = rd_entry(b, i);
		uint32_t	slot;
		int32_t		ei = rd_find(a, be->psu, &slot);
		rd_psu	   *ae;

		if (ei < 0)
		{
			ae = rd_insert(a, slot, be->psu, be->stratum, be->fraction);
			/* a's records so far know nothing of this PSU: all zero */
		}
		else
			ae = rd_entry(a, (uint32_t) ei);
		if (!frame_only)
			rd_add_entry(a, ae, b, be);
	}
	a->last = -1;
	if (frame_only)
		return RD_OK;
	if (a->fingerprint == 0 && b->fingerprint != 0)
	{
		a->fingerprint = b->fingerprint;
		a->model_mask = b->model_mask;
		a->name_len = -1;
	}
	a->nrows += b->nrows;
	a->n += b->n;
	a->sw += b->sw;
	a->sw24 += b->sw24;
	a->sw2_24 += b->sw2_24;
	return RD_OK;
}

/* --- consistency --- */

const char *
rd_check(const rd_state *s)
{
	uint32_t	i,
				k;
	int64_t		n = 0;
	risk_i128	w = 0;

	if (s->format != RD_FORMAT)
		return "unknown format";
	if (s->nbits != (uint32_t) __builtin_popcountll(s->bits) || s->stride != rd_stride(s->nbits))
		return "inconsistent layout";
	if (s->npsu > s->cap || s->nslots != 2 * s->cap)
		return "inconsistent layout";
	if (s->fingerprint == 0 && (s->n != 0 || s->model_mask != 0))
		return "records without a model";
	if (s->n < 0 || s->nrows < s->n)
		return "record count out of range";
	if (s->sw < 0 || s->sw > RD_LIMIT || s->sw24 < 0 || s->sw2_24 < 0 || s->sw2_24 > RD_LIMIT)
		return "sum out of range";
	if (s->n == 0 && (s->sw != 0 || s->sw24 != 0 || s->sw2_24 != 0))
		return "sums without records";
	if ((int64_t) s->npsu > s->nrows)
		return "more PSUs than rows";
	for (i = 0; i < s->npsu; i++)
	{
		rd_psu	   *e = rd_entry(s, i);
		rd_bit	   *b = rd_bits_of(e);

		if (!(e->fraction >= 0 && e->fraction <= 1))
			return "sampling fraction out of range";
		if (e->n < 0 || e->w < 0 || e->w_any < 0 || e->w_any > e->w)
			return "PSU sum out of range";
		if ((e->n == 0) != (e->w == 0))
			return "PSU weight without records";
		if (e->w > s->sw)
			return "PSU sum exceeds the total";
		n += e->n;
		w += e->w;
		for (k = 0; k < s->nbits; k++)
		{
			if (b[k].unk_n < 0 || b[k].unk_n > e->n || b[k].unk_w < 0 ||
				b[k].unk_w > e->w || b[k].yes_w < 0 || b[k].yes_w > e->w - b[k].unk_w)
				return "indicator sum out of range";
			if ((b[k].unk_n == e->n) != (b[k].unk_w == e->w))
				return "indicator unknown weight without records";
		}
	}
	if (n != s->n || w != s->sw)
		return "PSU totals do not add up to the state's totals";
	return NULL;
}

/* --- canonical order --- */

static const rd_state *rd_sort_state;

static int
rd_cmp(const void *x, const void *y)
{
	const rd_psu *a = rd_entry(rd_sort_state, *(const uint32_t *) x);
	const rd_psu *b = rd_entry(rd_sort_state, *(const uint32_t *) y);

	if (a->stratum != b->stratum)
		return a->stratum < b->stratum ? -1 : 1;
	if (a->psu != b->psu)
		return a->psu < b->psu ? -1 : 1;
	return 0;
}

void
rd_sorted(const rd_state *s, uint32_t *order)
{
	uint32_t	i;

	for (i = 0; i < s->npsu; i++)
		order[i] = i;
	/* backends are single-threaded; the static is set for this call only */
	rd_sort_state = s;
	qsort(order, s->npsu, sizeof(uint32_t), rd_cmp);
	rd_sort_state = NULL;
}

/* --- text form --- */

static size_t
rd_i128_text(risk_i128 v, char *out)
{
	char		tmp[48];
	size_t		n = 0,
				k = 0;
	bool		neg = v < 0;
	unsigned __int128 u = neg ? (unsigned __int128) (-(v + 1)) + 1 : (unsigned __int128) v;

	do
	{
		tmp[n++] = (char) ('0' + (int) (u % 10));
		u /= 10;
	} while (u);
	if (neg)
		out[k++] = '-';
	while (n)
		out[k++] = tmp[--n];
	out[k] = '\0';
	return k;
}

/* an upper bound of the text's length */
size_t
rd_format_len(const rd_state *s)
{
	return 128 + 5 * 42 + (size_t) s->npsu * (4 * 22 + 2 * 42 + 26 + (size_t) s->nbits * (2 * 42 + 22));
}

typedef struct rd_out
{
	char	   *p;
	char	   *end;
} rd_out;

static void
rd_put(rd_out *o, char sep, risk_i128 v)
{
	char		t[50];
	size_t		n;

	t[0] = sep;
	n = 1 + rd_i128_text(v, t + 1);
	if (o->p + n < o->end)
	{
		memcpy(o->p, t, n);
		o->p += n;
	}
}

/*
 * "1:<fingerprint>:<model mask>:<indicator bits>:rows:n:sw:sw24:sw2_24",
 * then per PSU in (stratum, PSU) order
 * ";stratum:psu:fraction:n:w:w_any" and per tracked bit, in increasing
 * order, ":yes_w:unknown_w:unknown_n".  fraction: 0 (none) or %.17g.
 */
void
rd_format(const rd_state *s, const uint32_t *order, char *buf, size_t cap)
{
	rd_out		o = {buf, buf + cap};
	uint32_t	i,
				k;
	int			n;

	n = snprintf(buf, cap, "1:%016llx:%016llx:%016llx",
				 (unsigned long long) s->fingerprint, (unsigned long long) s->model_mask,
				 (unsigned long long) s->bits);
	o.p += n;
	rd_put(&o, ':', s->nrows);
	rd_put(&o, ':', s->n);
	rd_put(&o, ':', s->sw);
	rd_put(&o, ':', s->sw24);
	rd_put(&o, ':', s->sw2_24);
	for (i = 0; i < s->npsu; i++)
	{
		rd_psu	   *e = rd_entry(s, order[i]);
		rd_bit	   *b = rd_bits_of(e);
		char		t[40];

		rd_put(&o, ';', e->stratum);
		rd_put(&o, ':', e->psu);
		if (e->fraction == 0)
			strcpy(t, ":0");
		else
			snprintf(t, sizeof(t), ":%.17g", e->fraction);
		n = (int) strlen(t);
		if (o.p + n < o.end)
		{
			memcpy(o.p, t, n);
			o.p += n;
		}
		rd_put(&o, ':', e->n);
		rd_put(&o, ':', e->w);
		rd_put(&o, ':', e->w_any);
		for (k = 0; k < s->nbits; k++)
		{
			rd_put(&o, ':', b[k].yes_w);
			rd_put(&o, ':', b[k].unk_w);
			rd_put(&o, ':', b[k].unk_n);
		}
	}
	*o.p = '\0';
}


/* a decimal integer of magnitude below 2^125, canonical (no leading zeros) */
static bool
rd_read_i(risk_in *in, bool allow_neg, risk_i128 *v)
{
	risk_i128	x = 0;
	bool		neg = allow_neg && risk_take(in, '-');
	size_t		start = in->i;

	while (in->i < in->len && in->s[in->i] >= '0' && in->s[in->i] <= '9')
	{
		if (x > RD_LIMIT / 5)
			return false;
		x = x * 10 + (in->s[in->i] - '0');
		in->i++;
	}
	if (in->i == start || (in->s[start] == '0' && in->i - start > 1) || (neg && x == 0))
		return false;
	*v = neg ? -x : x;
	return true;
}

static bool
rd_read_i64(risk_in *in, bool allow_neg, int64_t *v)
{
	risk_i128	x;

	if (!rd_read_i(in, allow_neg, &x) || x > INT64_MAX || x < INT64_MIN)
		return false;
	*v = (int64_t) x;
	return true;
}

static bool
rd_read_hex16(risk_in *in, uint64_t *v)
{
	uint64_t	x = 0;
	int			k;

	if (in->len - in->i < 16)
		return false;
	for (k = 0; k < 16; k++)
	{
		char		c = in->s[in->i++];

		if (c >= '0' && c <= '9')
			x = (x << 4) | (uint64_t) (c - '0');
		else if (c >= 'a' && c <= 'f')
			x = (x << 4) | (uint64_t) (c - 'a' + 10);
		else
			return false;
	}
	*v = x;
	return true;
}

static bool
rd_read_fraction(risk_in *in, double *v)
{
	char		buf[40];
	size_t		n = 0;
	char	   *end;

	while (in->i < in->len && in->s[in->i] != ':' && in->s[in->i] != ';' && n < sizeof(buf) - 1)
		buf[n++] = in->s[in->i++];
	buf[n] = '\0';
	if (n == 0 || !((buf[0] >= '0' && buf[0] <= '9') || buf[0] == '.'))
		return false;
	*v = strtod(buf, &end);
	return *end == '\0' && *v >= 0 && *v <= 1;
}

static const char *
rd_parse_head(risk_in *in, rd_state *h)
{
	if (!risk_take(in, '1') || !risk_take(in, ':'))
		return "expected format version \"1:\"";
	if (!rd_read_hex16(in, &h->fingerprint) || !risk_take(in, ':') ||
		!rd_read_hex16(in, &h->model_mask) || !risk_take(in, ':') ||
		!rd_read_hex16(in, &h->bits))
		return "expected the model fingerprint, model mask and indicator bits as 16 hexadecimal digits each";
	if (!risk_take(in, ':') || !rd_read_i64(in, false, &h->nrows) ||
		!risk_take(in, ':') || !rd_read_i64(in, false, &h->n) ||
		!risk_take(in, ':') || !rd_read_i(in, false, &h->sw) ||
		!risk_take(in, ':') || !rd_read_i(in, false, &h->sw24) ||
		!risk_take(in, ':') || !rd_read_i(in, false, &h->sw2_24))
		return "expected five non-negative integer totals";
	return NULL;
}

const char *
rd_parse_counts(const char *txt, size_t len, uint32_t *npsu, uint64_t *bits)
{
	risk_in		in = {txt, len, 0};
	rd_state	h;
	const char *bad;
	size_t		i;
	uint64_t	n = 0;

	memset(&h, 0, sizeof(h));
	if ((bad = rd_parse_head(&in, &h)) != NULL)
		return bad;
	for (i = in.i; i < len; i++)
		n += txt[i] == ';';
	if (n > (UINT32_C(1) << 28))
		return "too many PSUs";
	*npsu = (uint32_t) n;
	*bits = h.bits;
	return NULL;
}

/* s: rd_init'ed with room for the counts rd_parse_counts gave */
const char *
rd_parse(const char *txt, size_t len, rd_state *s)
{
	risk_in		in = {txt, len, 0};
	const char *bad;
	int64_t		ps = 0,
				pp = 0;
	bool		first = true;

	if ((bad = rd_parse_head(&in, s)) != NULL)
		return bad;
	rd_set_bits(s, s->bits);
	while (in.i < in.len)
	{
		int64_t		stratum,
					psu,
					n;
		double		fraction;
		uint32_t	slot,
					k;
		rd_psu	   *e;
		rd_bit	   *b;

		if (!risk_take(&in, ';') || !rd_read_i64(&in, true, &stratum) ||
			!risk_take(&in, ':') || !rd_read_i64(&in, true, &psu))
			return "expected \";stratum:psu\" after the totals";
		if (!first && (stratum < ps || (stratum == ps && psu <= pp)))
			return "PSUs must be listed in increasing (stratum, PSU) order";
		first = false;
		ps = stratum;
		pp = psu;
		if (!risk_take(&in, ':') || !rd_read_fraction(&in, &fraction))
			return "expected a sampling fraction in [0, 1]";
		if (rd_find(s, psu, &slot) >= 0)
			return "a PSU listed in two strata";
		if (s->npsu >= s->cap)
			return "too many PSUs";
		if (!risk_take(&in, ':') || !rd_read_i64(&in, false, &n))
			return "expected the PSU's record count";
		e = rd_insert(s, slot, psu, stratum, fraction);
		e->n = n;
		if (!risk_take(&in, ':') || !rd_read_i(&in, false, &e->w) ||
			!risk_take(&in, ':') || !rd_read_i(&in, false, &e->w_any))
			return "expected the PSU's two weight totals";
		b = rd_bits_of(e);
		for (k = 0; k < s->nbits; k++)
		{
			if (!risk_take(&in, ':') || !rd_read_i(&in, false, &b[k].yes_w) ||
				!risk_take(&in, ':') || !rd_read_i(&in, false, &b[k].unk_w) ||
				!risk_take(&in, ':') || !rd_read_i64(&in, false, &b[k].unk_n))
				return "expected three integers per tracked indicator";
		}
	}
	return rd_check(s);
}

/* --- estimates --- */

static inline double
rd_d(risk_i128 v)
{
	if (v >= INT64_MIN && v <= INT64_MAX)
		return (double) (int64_t) v;
	return (double) v;
}

/* the sampling fraction's correction as survey computes it: (N - n) / N */
static inline double
rd_fpc_factor(double fraction, uint32_t nh)
{
	double		N;

	if (fraction == 0)
		return 1;
	N = nh / fraction;
	return (N - nh) / N;
}

void
rd_design_info(const rd_state *s, const uint32_t *order, rd_design *d)
{
	uint32_t	i = 0;

	memset(d, 0, sizeof(*d));
	d->npsu = (int) s->npsu;
	d->kish_n = s->sw2_24 > 0 ? risk_kish_n(risk_fix_to_double(s->sw24), risk_fix_to_double(s->sw2_24)) : NAN;
	while (i < s->npsu)
	{
		const rd_psu *e0 = rd_entry(s, order[i]);
		uint32_t	j = i;
		int64_t		rows = 0;

		while (j < s->npsu && rd_entry(s, order[j])->stratum == e0->stratum)
		{
			const rd_psu *e = rd_entry(s, order[j]);

			if (e->fraction != e0->fraction && !d->fpc_differs)
			{
				d->fpc_differs = true;
				d->fpc_stratum = e0->stratum;
			}
			rows += e->n;
			j++;
		}
		d->nstrata++;
		if (j - i == 1 && rows > 0 && !(rd_fpc_factor(e0->fraction, 1) < 1e-7))
		{
			if (d->lonely == 0)
				d->lonely_stratum = e0->stratum;
			d->lonely++;
		}
		i = j;
	}
}

/* the quantity's (X, Y, count) of an entry */
static inline void
rd_q(const rd_state *s, const rd_psu *e, int bit, risk_i128 *x, risk_i128 *y, int64_t *n)
{
	if (bit < 0)
	{
		*x = e->w;
		*y = e->w_any;
		*n = e->n;
	}
	else
	{
		const rd_bit *b = &rd_bits_of((rd_psu *) e)[s->slot_of_bit[bit]];

		*x = e->w - b->unk_w;
		*y = b->yes_w;
		*n = e->n - b->unk_n;
	}
}

bool
rd_estimate(const rd_state *s, const uint32_t *order, int bit, rd_lonely lonely, rd_est *e)
{
	risk_i128	xt = 0,
				yt = 0;
	int64_t		nt = 0;
	uint32_t	i;
	double		p,
				dx,
				v = 0;
	int			psu_dom = 0,
				strata_dom = 0,
				nstrat = 0,
				nna = 0;

	e->n = 0;
	e->weighted_n = 0;
	e->estimate = e->se = e->deff = e->effective_n = NAN;
	e->ci_low = e->ci_high = e->wilson_low = e->wilson_high = NAN;
	e->df = 0;
	if (bit >= 0 && s->slot_of_bit[bit] == 255)
		return true;			/* never known */
	for (i = 0; i < s->npsu; i++)
	{
		risk_i128	x,
					y;
		int64_t		n;

		rd_q(s, rd_entry(s, order[i]), bit, &x, &y, &n);
		xt += x;
		yt += y;
		nt += n;
	}
	e->n = nt;
	e->weighted_n = rd_d(xt) / RD_SCALE;
	if (nt == 0)
		return true;
	dx = rd_d(xt);
	p = rd_d(yt) / dx;
	e->estimate = p;

	i = 0;
	while (i < s->npsu)
	{
		const rd_psu *e0 = rd_entry(s, order[i]);
		uint32_t	j,
					nh = 0;
		int64_t		rows = 0;
		double		sz = 0,
					mean,
					ss = 0,
					f;

		for (j = i; j < s->npsu && rd_entry(s, order[j])->stratum == e0->stratum; j++)
		{
			risk_i128	x,
						y;
			int64_t		n;

			rd_q(s, rd_entry(s, order[j]), bit, &x, &y, &n);
			sz += (rd_d(y) - p * rd_d(x)) / dx;
			rows += n;
			psu_dom += n > 0;
			nh++;
		}
		if (rows == 0)
		{
			i = j;
			continue;			/* survey never sees the stratum: no term */
		}
		strata_dom++;
		nstrat++;
		f = rd_fpc_factor(e0->fraction, nh);
		if (f < 1e-7)
		{
			i = j;
			continue;			/* certainty: no variance */
		}
		mean = sz / nh;
		for (j = i; j < i + nh; j++)
		{
			risk_i128	x,
						y;
			int64_t		n;
			double		z;

			rd_q(s, rd_entry(s, order[j]), bit, &x, &y, &n);
			z = (rd_d(y) - p * rd_d(x)) / dx;
			if (nh > 1 || lonely != RD_LONELY_ADJUST)
				z -= mean;
			ss += z * z;
		}
		if (nh > 1)
			v += f * nh / (nh - 1) * ss;
		else
		{
			switch (lonely)
			{
				case RD_LONELY_FAIL:
					e->estimate = NAN;
					return false;
				case RD_LONELY_REMOVE:
				case RD_LONELY_CERTAINTY:
				case RD_LONELY_ADJUST:
					v += f * ss;	/* 0 unless adjust: centred at the whole mean */
					break;
				case RD_LONELY_AVERAGE:
					nna++;
					break;
			}
		}
		i = i + nh;
	}
	if (nna > 0)
		v = nstrat > nna ? v * nstrat / (nstrat - nna) : NAN;
	e->df = psu_dom - strata_dom;
	e->se = sqrt(v);

	/* svymean's deff: against simple random sampling without replacement */
	{
		double		psum = e->weighted_n;
		double		nobs = (double) nt;

		if (nt > 1 && psum >= nobs)
		{
			double		vsrs = nobs / (nobs - 1) * p * (1 - p) * (psum - nobs) / (psum * nobs);

			if (vsrs > 0)
				e->deff = v / vsrs;
		}
	}
	if (v > 0 && p > 0 && p < 1)
	{
		double		neff = p * (1 - p) / v;

		e->effective_n = neff;
		risk_wilson(p, neff, RISK_Z95, &e->wilson_low, &e->wilson_high);
		if (e->df > 0 && nt > 1)
		{
			double		r = rd_qt_upper(0.025, (double) (nt - 1)) / rd_qt_upper(0.025, e->df);
			double		ne = neff * r * r;

			e->ci_low = rd_qbeta(0.025, ne * p, ne * (1 - p) + 1);
			e->ci_high = rd_qbeta(0.975, ne * p + 1, ne * (1 - p));
		}
	}
	return true;
}

/* --- distributions --- */

/* lgamma(x) - Stirling's approximation, x >= 10 */
static double
rd_stirling_err(double x)
{
	double		x2 = 1 / (x * x);

	return (1.0 / 12 - x2 * (1.0 / 360 - x2 * (1.0 / 1260 - x2 * (1.0 / 1680 -
															   x2 * (1.0 / 1188 - x2 * (691.0 / 360360 - x2 / 156)))))) / x;
}

#define RD_LN_SQRT_2PI 0.918938533204672741780329736406

/*
 * log(x^a y^b / B(a, b)) with y = 1 - x given separately, written so that
 * large a and b do not cancel digits away.
 */
static double
rd_log_kernel(double x, double y, double a, double b)
{
	double		lx = x < 0.5 ? log(x) : log1p(-y);
	double		ly = y < 0.5 ? log(y) : log1p(-x);

	if (a >= 10 && b >= 10)
	{
		double		t1 = (b * x - a * y) / a;
		double		t2 = (a * y - b * x) / b;

		return a * log1p(t1) + b * log1p(t2) + 0.5 * log(a * b / (a + b)) - RD_LN_SQRT_2PI
			- rd_stirling_err(a) - rd_stirling_err(b) + rd_stirling_err(a + b);
	}
	if (a >= 10 || b >= 10)
	{
		double		L = a >= 10 ? a : b;
		double		sm = a >= 10 ? b : a;
		/* lgamma(L) - lgamma(L + sm) */
		double		dl = -(L - 0.5) * log1p(sm / L) - sm * log(L + sm) + sm +
			rd_stirling_err(L) - rd_stirling_err(L + sm);

		return a * lx + b * ly - lgamma(sm) - dl;
	}
	return a * lx + b * ly - (lgamma(a) + lgamma(b) - lgamma(a + b));
}

/* the continued fraction of I_x(a, b) (DLMF 8.17.22), modified Lentz */
static double
rd_ibeta_cf(double x, double y, double a, double b)
{
	const double tiny = 1e-300;
	/* 1 - (a + b) x / (a + 1), without the cancellation when x is near 1 */
	double		c = 1,
				d = ((a + 1) * y - (b - 1) * x) / (a + 1),
				h;
	int			m;

	if (fabs(d) < tiny)
		d = tiny;
	d = 1 / d;
	h = d;
	for (m = 1; m < 200000; m++)
	{
		double		aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
		double		del;

		d = 1 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1 / d;
		h *= d * c;
		aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
		d = 1 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < 1e-16)
			break;
	}
	return h;
}

static double
rd_ibeta_xy(double x, double y, double a, double b)
{
	if (x <= 0)
		return 0;
	if (y <= 0)
		return 1;
	if (x < (a + 1) / (a + b + 2))
		return exp(rd_log_kernel(x, y, a, b)) * rd_ibeta_cf(x, y, a, b) / a;
	return 1 - exp(rd_log_kernel(x, y, a, b)) * rd_ibeta_cf(y, x, b, a) / b;
}

double
rd_ibeta(double x, double a, double b)
{
	return rd_ibeta_xy(x, 1 - x, a, b);
}

/* x with I_x(a, b) = p: Newton's method kept inside a bisection bracket */
double
rd_qbeta(double p, double a, double b)
{
	double		lo = 0,
				hi = 1,
				x;
	int			it;

	if (!(a > 0 && b > 0) || !(p >= 0 && p <= 1))
	{
		if (a == 0 && b > 0)
			return 0;			/* all mass at 0 */
		if (b == 0 && a > 0)
			return 1;
		return NAN;
	}
	if (p == 0)
		return 0;
	if (p == 1)
		return 1;
	x = a / (a + b);
	for (it = 0; it < 400; it++)
	{
		double		y = 1 - x;
		double		F = rd_ibeta_xy(x, y, a, b) - p;
		double		dens,
					xn;

		if (F == 0)
			return x;
		if (F < 0)
			lo = x;
		else
			hi = x;
		dens = exp(rd_log_kernel(x, y, a, b)) / (x * y);
		xn = x - F / dens;
		if (!(xn > lo && xn < hi) || !isfinite(xn))
			xn = lo == 0 ? hi / 16 : (hi == 1 ? 1 - (1 - lo) / 16 : 0.5 * (lo + hi));
		if (!(xn > lo && xn < hi))
			xn = 0.5 * (lo + hi);
		if (fabs(xn - x) <= 2e-16 * x || hi - lo <= 4e-16 * x)
			return xn;
		x = xn;
	}
	return x;
}

/*
 * Student's t quantile through the beta: P(|T| <= t) = I_y(1/2, df/2)
 * with y = t^2 / (df + t^2), solved for y (small for large df, where it
 * keeps its digits).
 */
double
rd_qt_upper(double alpha2, double df)
{
	double		y;

	if (!(df > 0) || !(alpha2 > 0 && alpha2 < 0.5))
		return NAN;
	if (df > 1e4 && alpha2 == 0.025)
	{
		/* Cornish-Fisher in 1/df (Abramowitz & Stegun 26.7.5): exact to the bit here */
		double		z = RISK_Z95,
					z2 = z * z;
		double		g1 = (z2 + 1) * z / 4;
		double		g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
		double		g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
		double		g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;

		return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
	}
	y = rd_qbeta(1 - 2 * alpha2, 0.5, df / 2);
	return sqrt(df * y / (1 - y));
}
