/*
 * strsim.c
 *		Jaro, Jaro-Winkler and optimal-string-alignment distance on code
 *		points.  Names are short, so everything runs on stack arrays.  Short
 *		ASCII strings (at most 64 bytes: nearly every normalised name) take
 *		bit-parallel paths on the bytes (a position mask per character for
 *		Jaro; Hyyrö's bit-vector recurrence for OSA), and for Jaro-Winkler
 *		those of at most 16 bytes (the usual name) sit in one SIMD register
 *		(SSE2, or AVX-512 VBMI2 when the CPU has it); anything else is
 *		decoded to code points and runs the textbook loops.  Every path
 *		computes the same m, t and prefix and ends in the same arithmetic,
 *		so the results agree to the bit (test/unit/test_strsim.c checks all
 *		of them against a textbook implementation).
 *
 * Jaro (Jaro 1989): with m characters matching within a window of
 * floor(max(|a|,|b|)/2) - 1 positions and t half the number of matched
 * characters out of order, J = (m/|a| + m/|b| + (m - t)/m) / 3.
 * Winkler (1990) adds l * p * (1 - J) for a common prefix of l <= 4
 * characters, p = 0.1, when J > 0.7 (strcmp95).  Examples from Winkler's
 * papers: MARTHA/MARHTA 0.961, DWAYNE/DUANE 0.840, DIXON/DICKSONX 0.813.
 */
#include "strsim.h"

#include <string.h>

#include "name_normalize.h"

int
strsim_decode(const char *s, size_t len, uint32_t *out, int max)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t		i = 0;
	int			n = 0;

	while (i < len)
	{
		uint32_t	c;
		int			k;

		if (n >= max)
			return -1;
		if (u[i] < 0x80)
		{
			out[n++] = u[i++];
			continue;
		}
		k = name_utf8_decode(u + i, len - i, &c);
		if (k == 0)
		{
			/* not valid UTF-8 (cannot come from a text value): one byte */
			c = u[i];
			k = 1;
		}
		out[n++] = c;
		i += k;
	}
	return n;
}

/*
 * The Jaro core, written once for bytes and once for code points.  For
 * strings of at most 64 characters the flags are bit masks.
 */
#define STRSIM_JARO_BODY(T) \
	int			window, \
				i, \
				j, \
				m = 0, \
				t = 0; \
	\
	*tout = 0; \
	if (la == 0 || lb == 0) \
		return 0; \
	window = (la > lb ? la : lb) / 2 - 1; \
	if (window < 0) \
		window = 0; \
	if (la <= 64 && lb <= 64) \
	{ \
		uint64_t	fa = 0, \
					fb = 0; \
		\
		for (i = 0; i < la; i++) \
		{ \
			int			lo = i - window > 0 ? i - window : 0; \
			int			hi = i + window + 1 < lb ? i + window + 1 : lb; \
			T			c = a[i]; \
			\
			for (j = lo; j < hi; j++) \
			{ \
				if (b[j] == c && !(fb & ((uint64_t) 1 << j))) \
				{ \
					fa |= (uint64_t) 1 << i; \
					fb |= (uint64_t) 1 << j; \
					m++; \
					break; \
				} \
			} \
		} \
		if (m == 0) \
			return 0; \
		/* walk both matched subsequences in order */ \
		j = 0; \
		while (fa) \
		{ \
			int			ia = __builtin_ctzll(fa); \
			int			jb = __builtin_ctzll(fb); \
			\
			if (a[ia] != b[jb]) \
				t++; \
			fa &= fa - 1; \
			fb &= fb - 1; \
		} \
	} \
	else \
	{ \
		unsigned char fa[STRSIM_MAX_CHARS], \
					fb[STRSIM_MAX_CHARS]; \
		\
		memset(fa, 0, la); \
		memset(fb, 0, lb); \
		for (i = 0; i < la; i++) \
		{ \
			int			lo = i - window > 0 ? i - window : 0; \
			int			hi = i + window + 1 < lb ? i + window + 1 : lb; \
			\
			for (j = lo; j < hi; j++) \
			{ \
				if (!fb[j] && b[j] == a[i]) \
				{ \
					fa[i] = fb[j] = 1; \
					m++; \
					break; \
				} \
			} \
		} \
		if (m == 0) \
			return 0; \
		j = 0; \
		for (i = 0; i < la; i++) \
		{ \
			if (!fa[i]) \
				continue; \
			while (!fb[j]) \
				j++; \
			if (a[i] != b[j]) \
				t++; \
			j++; \
		} \
	} \
	*tout = t; \
	return m;

/*
 * Jaro on short ASCII strings (both <= 64): pm[c] holds the positions of c
 * in b as a bit mask, so each character of a finds its first unmatched
 * partner inside the window with two ANDs and a lowest-bit extraction
 * instead of a scan, without a branch.  Returns -1 when a byte is not ASCII
 * (the masked index keeps the table access in bounds until then).
 */
static int
strsim_jaro_bytes(const unsigned char *a, int la, const unsigned char *b, int lb, int *tout)
{
	uint64_t	pm[128];
	uint64_t	fa = 0,
				fb = 0;
	int			window,
				i,
				m = 0,
				t = 0;
	unsigned	high = 0;

	*tout = 0;
	if (la == 0 || lb == 0)
		return 0;
	window = (la > lb ? la : lb) / 2 - 1;
	if (window < 0)
		window = 0;
	{
		/* clear the entries of both strings' characters in one loop */
		int			n = la > lb ? la : lb;

		for (i = 0; i < n; i++)
		{
			pm[a[i < la ? i : 0] & 0x7F] = 0;
			pm[b[i < lb ? i : 0] & 0x7F] = 0;
		}
	}
	for (i = 0; i < lb; i++)
	{
		pm[b[i] & 0x7F] |= (uint64_t) 1 << i;
		high |= b[i];
	}
	{
		/*
		 * The window of a[i] is b[i-window .. i+window]: its mask slides
		 * one bit per step, kept as "below hi" minus "below lo".
		 */
		uint64_t	all = lb >= 64 ? ~(uint64_t) 0 : (((uint64_t) 1 << lb) - 1);
		int			hi0 = window + 1 < 64 ? window + 1 : 63;
		uint64_t	below_hi = (((uint64_t) 1 << hi0) - 1) & all;
		uint64_t	below_lo = 0;

		if (window + 1 >= 64)
			below_hi = all;
		for (i = 0; i < la; i++)
		{
			uint64_t	cand = pm[a[i] & 0x7F] & below_hi & ~below_lo & ~fb;
			int			hit = cand != 0;

			fb |= cand & (~cand + 1);
			fa |= (uint64_t) hit << i;
			m += hit;
			high |= a[i];
			/* next window: one more bit at the top, one less at the bottom */
			below_hi = ((below_hi << 1) | 1) & all;
			if (i >= window)
				below_lo = (below_lo << 1) | 1;
		}
	}
	/* not ASCII: the caller decodes the UTF-8 and uses code points */
	if (high & 0x80)
		return -1;
	while (fa)
	{
		t += a[__builtin_ctzll(fa)] != b[__builtin_ctzll(fb)];
		fa &= fa - 1;
		fb &= fb - 1;
	}
	*tout = t;
	return m;
}

/*
 * Jaro from m matches and t out-of-order matches, over one common
 * denominator (one division), and Winkler's boost decided exactly in
 * integers: J > 0.7 <=> 10 num > 7 den.  Both string paths end here, so
 * they agree to the last bit.
 */
static inline double
strsim_jw_finish(int m, int t, int la, int lb, int prefix, int winkler)
{
	int64_t		num,
				den;
	double		j;

	if (m == 0)
		return 0.0;
	num = (int64_t) m * m * (la + lb) + (int64_t) (m - t / 2) * la * lb;
	den = (int64_t) 3 * la * lb * m;
	j = (double) num / (double) den;
	/* branch-free: the comparison is hard to predict */
	return j + (double) (winkler && 10 * num > 7 * den) * prefix * 0.1 * (1.0 - j);
}

#if defined(__SSE2__)
#include <emmintrin.h>
#define STRSIM_HAVE_SHORT 1

/*
 * s[0..len), len <= 16, as 16 bytes padded with zeros, reading no byte
 * past s[len - 1]: two overlapping loads (the overlapping bytes are equal,
 * so OR joins them).
 */
static inline __m128i
strsim_load16(const unsigned char *s, int len)
{
	uint64_t	lo = 0,
				hi = 0;

	if (len >= 8)
	{
		uint64_t	y;

		memcpy(&lo, s, 8);
		memcpy(&y, s + len - 8, 8);
		/* byte k of y is s[len - 8 + k]; bytes 8.. of s start at k = 16 - len */
		hi = (y >> ((8 * (16 - len)) & 63)) & -(uint64_t) (len > 8);
	}
	else if (len >= 4)
	{
		uint32_t	x,
					y;

		memcpy(&x, s, 4);
		memcpy(&y, s + len - 4, 4);
		lo = x | ((uint64_t) y << (8 * (len - 4)));
	}
	else if (len > 0)
		lo = s[0] | ((uint64_t) s[len >> 1] << (8 * (len >> 1))) |
			((uint64_t) s[len - 1] << (8 * (len - 1)));
	return _mm_set_epi64x((long long) hi, (long long) lo);
}

/* bits set in a 16-bit word */
static inline int
strsim_popcount16(unsigned x)
{
	x = x - ((x >> 1) & 0x5555);
	x = (x & 0x3333) + ((x >> 2) & 0x3333);
	x = (x + (x >> 4)) & 0x0F0F;
	return (int) ((x + (x >> 8)) & 0x1F);
}

/*
 * The Jaro window of a[0] for the short paths: bits i - window .. i + window
 * of b are the upper half of this mask shifted left i times (2 window + 1
 * bits from bit 32 - window: never a negative shift).
 */
static inline uint64_t
strsim_short_window(int la, int lb)
{
	int			window = (la > lb ? la : lb) / 2 - 1;

	if (window < 0)
		window = 0;
	return (uint64_t) ((2u << (2 * window)) - 1) << (32 - window);
}

/* common prefix from the mask of equal bytes: at most 4, at most the shorter */
static inline int
strsim_short_prefix(unsigned eq, int la, int lb)
{
	return __builtin_ctz(~eq | 16u | (1u << (la < lb ? la : lb)));
}

/*
 * Jaro-Winkler on ASCII strings of 1..16 bytes, the usual name: b sits in
 * one SSE2 register, so the positions of a[i] in b are one compare and one
 * movemask; the window of a[i] is a mask sliding one bit per step and the
 * unmatched positions of b a 16-bit word.  Returns -1 (nothing computed)
 * when a byte is not ASCII.  Same m, t and prefix as the scanning loops,
 * hence the same result to the last bit (strsim_jw_finish).
 */
static double
strsim_jaro_winkler_short(const unsigned char *a, int la, const unsigned char *b, int lb)
{
	__m128i		va = strsim_load16(a, la),
				vb = strsim_load16(b, lb);
	unsigned	all = (1u << lb) - 1,
				nfb = all,		/* positions of b not matched yet */
				fa = 0,			/* positions of a matched */
				fb;
	uint64_t	win;
	int			i,
				m,
				t = 0,
				l;

	if (_mm_movemask_epi8(_mm_or_si128(va, vb)) != 0)
		return -1.0;
	win = strsim_short_window(la, lb);
	for (i = 0; i < la; i++)
	{
		__m128i		c = _mm_shuffle_epi32(_mm_cvtsi32_si128((int) (a[i] * 0x01010101u)), 0);
		unsigned	pos = (unsigned) _mm_movemask_epi8(_mm_cmpeq_epi8(vb, c));
		unsigned	cand = pos & (unsigned) (win >> 32) & nfb;

		/* the first unmatched partner, if any */
		nfb ^= cand & (0u - cand);
		fa |= cand ? 1u << i : 0;
		win <<= 1;
	}
	fb = all & ~nfb;
	m = strsim_popcount16(fb);
	/* the k-th matched character of a against the k-th of b */
	while (fa)
	{
		t += a[__builtin_ctz(fa)] != b[__builtin_ctz(fb)];
		fa &= fa - 1;
		fb &= fb - 1;
	}
	l = strsim_short_prefix((unsigned) _mm_movemask_epi8(_mm_cmpeq_epi8(va, vb)), la, lb);
	return strsim_jw_finish(m, t, la, lb, l, 1);
}

#if defined(__x86_64__) && (defined(__clang__) || __GNUC__ >= 8)
#include <immintrin.h>
#define STRSIM_HAVE_AVX512 1

/*
 * The same on CPUs with AVX-512 VBMI2 (chosen at run time): masked loads
 * read exactly the string (no byte past it, no branch on the length), a
 * compare yields the positions straight in a mask register, and the
 * transpositions are counted by compressing the matched characters of each
 * string into order (vpcompressb) and comparing them sixteen at a time.
 * Returns m | t << 8 | prefix << 16, or -1 when a byte is not ASCII; the
 * caller does the arithmetic (strsim_jw_finish, compiled for the base
 * instruction set, so both paths round alike).
 */
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi2,bmi,popcnt")))
static int
strsim_jaro_short_avx512(const char *a, int la, const char *b, int lb)
{
	__m128i		va = _mm_maskz_loadu_epi8((__mmask16) ((1u << la) - 1), a),
				vb = _mm_maskz_loadu_epi8((__mmask16) ((1u << lb) - 1), b);
	unsigned	all = (1u << lb) - 1,
				nfb = all,
				fa = 0,
				fb,
				eq;
	uint64_t	win;
	int			i,
				m,
				t,
				l;

	if (_mm_movemask_epi8(_mm_or_si128(va, vb)) != 0)
		return -1;
	win = strsim_short_window(la, lb);
	for (i = 0; i < la; i++)
	{
		unsigned	pos = _mm_cmpeq_epi8_mask(vb, _mm_set1_epi8(a[i]));
		unsigned	cand = pos & (unsigned) (win >> 32) & nfb;

		nfb ^= cand & (0u - cand);
		fa |= cand ? 1u << i : 0;
		win <<= 1;
	}
	fb = all & ~nfb;
	m = __builtin_popcount(fb);
	/* equal lanes among the first m of the two packed sequences */
	eq = _mm_cmpeq_epi8_mask(_mm_maskz_compress_epi8((__mmask16) fa, va),
							 _mm_maskz_compress_epi8((__mmask16) fb, vb));
	t = m - __builtin_popcount(eq & ((1u << m) - 1));
	l = strsim_short_prefix(_mm_cmpeq_epi8_mask(va, vb), la, lb);
	return m | t << 8 | l << 16;
}

/* 1 when the CPU (and the OS) run the AVX-512 path */
static int	strsim_avx512 = -1;

static int
strsim_avx512_usable(void)
{
	if (strsim_avx512 < 0)
	{
		__builtin_cpu_init();
		strsim_avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
			__builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vbmi2") &&
			__builtin_cpu_supports("bmi") && __builtin_cpu_supports("popcnt");
	}
	return strsim_avx512;
}
#endif
#endif

static int
strsim_jaro_mt_cp(const uint32_t *a, int la, const uint32_t *b, int lb, int *tout)
{
	STRSIM_JARO_BODY(uint32_t)
}

double
strsim_jaro_cp(const uint32_t *a, int la, const uint32_t *b, int lb)
{
	int			t;
	int			m = strsim_jaro_mt_cp(a, la, b, lb, &t);

	return strsim_jw_finish(m, t, la, lb, 0, 0);
}

double
strsim_jaro_winkler_cp(const uint32_t *a, int la, const uint32_t *b, int lb)
{
	int			t;
	int			m = strsim_jaro_mt_cp(a, la, b, lb, &t);
	int			l = 0;

	while (l < 4 && l < la && l < lb && a[l] == b[l])
		l++;
	return strsim_jw_finish(m, t, la, lb, l, 1);
}

static int
strsim_is_ascii(const char *s, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if ((unsigned char) s[i] >= 0x80)
			return 0;
	return 1;
}

/* the general path: decode into code point arrays (large stack frame) */
static double __attribute__((noinline))
strsim_jaro_winkler_slow(const char *a, size_t la, const char *b, size_t lb)
{
	uint32_t	ca[STRSIM_MAX_CHARS],
				cb[STRSIM_MAX_CHARS];
	int			na = strsim_decode(a, la, ca, STRSIM_MAX_CHARS);
	int			nb = strsim_decode(b, lb, cb, STRSIM_MAX_CHARS);

	if (na < 0 || nb < 0)
		return -1.0;
	return strsim_jaro_winkler_cp(ca, na, cb, nb);
}

/*
 * Short non-ASCII strings (accented names as typed): at most 64 bytes are
 * at most 64 code points, decoded into small arrays.
 */
static double
strsim_jaro_winkler_utf8_short(const char *a, size_t la, const char *b, size_t lb)
{
	uint32_t	ca[64],
				cb[64];
	int			na,
				nb;

	/* equal strings (a large share of real pairs): 1 without decoding */
	if (la == lb && memcmp(a, b, la) == 0)
		return la > 0 ? 1.0 : 0.0;
	na = strsim_decode(a, la, ca, 64);
	nb = strsim_decode(b, lb, cb, 64);
	return strsim_jaro_winkler_cp(ca, na, cb, nb);
}

double
strsim_jaro_winkler(const char *a, size_t la, const char *b, size_t lb)
{
	/*
	 * Short ASCII strings (nearly every normalised name) run on the bytes
	 * with a small stack frame; everything else is decoded first.
	 */
#ifdef STRSIM_HAVE_SHORT
	if (la <= 16 && lb <= 16 && la > 0 && lb > 0)
	{
		double		r;

#ifdef STRSIM_HAVE_AVX512
		if (strsim_avx512_usable() > 0)
		{
			int			mtl = strsim_jaro_short_avx512(a, (int) la, b, (int) lb);

			if (mtl >= 0)
				return strsim_jw_finish(mtl & 0xFF, (mtl >> 8) & 0xFF, (int) la, (int) lb,
										mtl >> 16, 1);
			return strsim_jaro_winkler_utf8_short(a, la, b, lb);
		}
#endif
		r = strsim_jaro_winkler_short((const unsigned char *) a, (int) la,
									  (const unsigned char *) b, (int) lb);
		if (r >= 0)
			return r;
		return strsim_jaro_winkler_utf8_short(a, la, b, lb);
	}
#endif
	/* equal strings (a large share of real pairs): 1 without matching */
	if (la == lb && la > 0 && memcmp(a, b, la) == 0)
		return 1.0;
	if (la <= 64 && lb <= 64)
	{
		const unsigned char *ua = (const unsigned char *) a;
		const unsigned char *ub = (const unsigned char *) b;
		int			t;
		int			m = strsim_jaro_bytes(ua, (int) la, ub, (int) lb, &t);
		int			l = 0;

		/* m = 0 when either is empty: no byte to read for the prefix */
		if (m == 0)
			return 0.0;
		if (m > 0)
		{
			/* common prefix up to 4, without branches */
			int			n = (int) (la < lb ? la : lb);
			int			run = 1,
						k;

			for (k = 0; k < 4; k++)
			{
				int			q = k < n ? k : 0;

				run &= (k < n) & (ua[q] == ub[q]);
				l += run;
			}
			return strsim_jw_finish(m, t, (int) la, (int) lb, l, 1);
		}
		return strsim_jaro_winkler_utf8_short(a, la, b, lb);
	}
	return strsim_jaro_winkler_slow(a, la, b, lb);
}

/*
 * OSA by rows; written once for bytes (short strings, small stack) and once
 * for code points.  ROWLEN is the capacity of a row.
 */
#define STRSIM_OSA_BODY(T, ROWLEN) \
	int			rows[3][ROWLEN]; \
	int		   *r2 = rows[0], \
			   *r1 = rows[1], \
			   *r0 = rows[2]; \
	int			i, \
				j; \
	\
	if (max >= 0) \
	{ \
		int			d = la > lb ? la - lb : lb - la; \
		\
		if (d > max) \
			return max + 1; \
	} \
	if (la == 0) \
		return max >= 0 && lb > max ? max + 1 : lb; \
	if (lb == 0) \
		return max >= 0 && la > max ? max + 1 : la; \
	if (lb >= (ROWLEN)) \
		return -1;			/* callers keep lb below ROWLEN */ \
	for (j = 0; j <= lb; j++) \
		r1[j] = j; \
	for (i = 1; i <= la; i++) \
	{ \
		int			rowmin; \
		int		   *tmp; \
		T			ca = a[i - 1]; \
		\
		r0[0] = i; \
		rowmin = i; \
		for (j = 1; j <= lb; j++) \
		{ \
			int			v = r1[j - 1] + (ca == b[j - 1] ? 0 : 1); \
			\
			if (r1[j] + 1 < v) \
				v = r1[j] + 1; \
			if (r0[j - 1] + 1 < v) \
				v = r0[j - 1] + 1; \
			if (i > 1 && j > 1 && ca == b[j - 2] && a[i - 2] == b[j - 1] && \
				r2[j - 2] + 1 < v) \
				v = r2[j - 2] + 1; \
			r0[j] = v; \
			if (v < rowmin) \
				rowmin = v; \
		} \
		/* \
		 * A transposition reaches back two rows, so the bound is proven \
		 * exceeded only once both of the last two rows exceed it. \
		 */ \
		if (max >= 0 && rowmin > max) \
		{ \
			int			prevmin = r1[0]; \
			\
			for (j = 1; j <= lb; j++) \
				if (r1[j] < prevmin) \
					prevmin = r1[j]; \
			if (prevmin > max) \
				return max + 1; \
		} \
		tmp = r2; \
		r2 = r1; \
		r1 = r0; \
		r0 = tmp; \
	} \
	if (max >= 0 && r1[lb] > max) \
		return max + 1; \
	return r1[lb];

/*
 * OSA on short byte strings (a <= 64): Hyyrö's bit-vector algorithm (H.
 * Hyyrö, "A bit-vector algorithm for computing Levenshtein and Damerau
 * edit distances", Nordic Journal of Computing 10, 2003), Myers' column
 * recurrence with the transposition term TR.  One pass over b, a few word
 * operations per character.  The bound is applied to the exact result.
 */
static int
strsim_osa_bytes(const unsigned char *a, int la, const unsigned char *b, int lb, int max)
{
	uint64_t	pm[256];
	uint64_t	vp = ~(uint64_t) 0,
				vn = 0,
				d0 = 0,
				pm_prev = 0,
				last;
	int			i,
				dist = la;

	if (la == 0 || lb == 0)
		dist = la + lb;
	else
	{
		last = (uint64_t) 1 << (la - 1);
		for (i = 0; i < la; i++)
			pm[a[i]] = 0;
		for (i = 0; i < lb; i++)
			pm[b[i]] = 0;
		for (i = 0; i < la; i++)
			pm[a[i]] |= (uint64_t) 1 << i;
		for (i = 0; i < lb; i++)
		{
			uint64_t	x = pm[b[i]];
			uint64_t	tr = (((~d0) & x) << 1) & pm_prev;
			uint64_t	hp,
						hn;

			d0 = ((((x & vp) + vp) ^ vp) | x | vn) | tr;
			hp = vn | ~(d0 | vp);
			hn = d0 & vp;
			if (hp & last)
				dist++;
			else if (hn & last)
				dist--;
			hp = (hp << 1) | 1;
			hn = hn << 1;
			vp = hn | ~(d0 | hp);
			vn = hp & d0;
			pm_prev = x;
		}
	}
	if (max >= 0 && dist > max)
		return max + 1;
	return dist;
}

int
strsim_osa_cp(const uint32_t *a, int la, const uint32_t *b, int lb, int max)
{
	STRSIM_OSA_BODY(uint32_t, STRSIM_MAX_CHARS + 1)
}

static int	__attribute__((noinline))
strsim_damerau_levenshtein_slow(const char *a, size_t la, const char *b, size_t lb, int max)
{
	uint32_t	ca[STRSIM_MAX_CHARS],
				cb[STRSIM_MAX_CHARS];
	int			na = strsim_decode(a, la, ca, STRSIM_MAX_CHARS);
	int			nb = strsim_decode(b, lb, cb, STRSIM_MAX_CHARS);

	if (na < 0 || nb < 0)
		return -1;
	return strsim_osa_cp(ca, na, cb, nb, max);
}

int
strsim_damerau_levenshtein(const char *a, size_t la, const char *b, size_t lb, int max)
{
	if (la <= 64 && lb <= 64 && strsim_is_ascii(a, la) && strsim_is_ascii(b, lb))
		return strsim_osa_bytes((const unsigned char *) a, (int) la,
								(const unsigned char *) b, (int) lb, max);
	return strsim_damerau_levenshtein_slow(a, la, b, lb, max);
}

int
strsim_simd(int level)
{
#ifdef STRSIM_HAVE_AVX512
	if (level >= 0)
	{
		strsim_avx512 = -1;
		strsim_avx512 = level >= 2 ? strsim_avx512_usable() : 0;
	}
	return strsim_avx512_usable() > 0 ? 2 : 1;
#else
	(void) level;
#ifdef STRSIM_HAVE_SHORT
	return 1;
#else
	return 0;
#endif
#endif
}
