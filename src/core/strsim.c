/*
 * strsim.c
 *		Jaro, Jaro-Winkler and optimal-string-alignment distance on code
 *		points.  Names are short, so everything runs on stack arrays; the
 *		matched-character flags of Jaro are 64-bit masks when both strings
 *		have at most 64 characters (every real name), byte arrays otherwise.
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
	if (la == 0 || lb == 0) \
		return 0.0; \
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
			return 0.0; \
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
			return 0.0; \
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
	return ((double) m / la + (double) m / lb + (double) (m - t / 2) / m) / 3.0;

static double
strsim_jaro_bytes(const unsigned char *a, int la, const unsigned char *b, int lb)
{
	STRSIM_JARO_BODY(unsigned char)
}

double
strsim_jaro_cp(const uint32_t *a, int la, const uint32_t *b, int lb)
{
	STRSIM_JARO_BODY(uint32_t)
}

static inline double
strsim_winkler(double jaro, int prefix)
{
	if (jaro <= 0.7)
		return jaro;
	return jaro + prefix * 0.1 * (1.0 - jaro);
}

double
strsim_jaro_winkler_cp(const uint32_t *a, int la, const uint32_t *b, int lb)
{
	double		jaro = strsim_jaro_cp(a, la, b, lb);
	int			l = 0;

	while (l < 4 && l < la && l < lb && a[l] == b[l])
		l++;
	return strsim_winkler(jaro, l);
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

double
strsim_jaro_winkler(const char *a, size_t la, const char *b, size_t lb)
{
	uint32_t	ca[STRSIM_MAX_CHARS],
				cb[STRSIM_MAX_CHARS];
	int			na,
				nb;

	if (la <= STRSIM_MAX_CHARS && lb <= STRSIM_MAX_CHARS &&
		strsim_is_ascii(a, la) && strsim_is_ascii(b, lb))
	{
		const unsigned char *ua = (const unsigned char *) a;
		const unsigned char *ub = (const unsigned char *) b;
		double		jaro = strsim_jaro_bytes(ua, (int) la, ub, (int) lb);
		int			l = 0;

		while (l < 4 && (size_t) l < la && (size_t) l < lb && ua[l] == ub[l])
			l++;
		return strsim_winkler(jaro, l);
	}
	na = strsim_decode(a, la, ca, STRSIM_MAX_CHARS);
	nb = strsim_decode(b, lb, cb, STRSIM_MAX_CHARS);
	if (na < 0 || nb < 0)
		return -1.0;
	return strsim_jaro_winkler_cp(ca, na, cb, nb);
}

int
strsim_osa_cp(const uint32_t *a, int la, const uint32_t *b, int lb, int max)
{
	/* three rows: i-2, i-1, i */
	int			rows[3][STRSIM_MAX_CHARS + 1];
	int		   *r2 = rows[0],
			   *r1 = rows[1],
			   *r0 = rows[2];
	int			i,
				j;

	if (max >= 0)
	{
		int			d = la > lb ? la - lb : lb - la;

		if (d > max)
			return max + 1;
	}
	if (la == 0)
		return max >= 0 && lb > max ? max + 1 : lb;
	if (lb == 0)
		return max >= 0 && la > max ? max + 1 : la;

	for (j = 0; j <= lb; j++)
		r1[j] = j;
	for (i = 1; i <= la; i++)
	{
		int			rowmin;
		int		   *tmp;
		uint32_t	ca = a[i - 1];

		r0[0] = i;
		rowmin = i;
		for (j = 1; j <= lb; j++)
		{
			int			cost = ca == b[j - 1] ? 0 : 1;
			int			v = r1[j - 1] + cost;

			if (r1[j] + 1 < v)
				v = r1[j] + 1;
			if (r0[j - 1] + 1 < v)
				v = r0[j - 1] + 1;
			if (i > 1 && j > 1 && ca == b[j - 2] && a[i - 2] == b[j - 1] &&
				r2[j - 2] + 1 < v)
				v = r2[j - 2] + 1;
			r0[j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		/*
		 * A transposition reaches back two rows, so the row minimum can only
		 * prove the bound exceeded once both of the last two rows exceed it.
		 */
		if (max >= 0 && rowmin > max)
		{
			int			prevmin = r1[0];

			for (j = 1; j <= lb; j++)
				if (r1[j] < prevmin)
					prevmin = r1[j];
			if (prevmin > max)
				return max + 1;
		}
		tmp = r2;
		r2 = r1;
		r1 = r0;
		r0 = tmp;
	}
	if (max >= 0 && r1[lb] > max)
		return max + 1;
	return r1[lb];
}

int
strsim_damerau_levenshtein(const char *a, size_t la, const char *b, size_t lb, int max)
{
	uint32_t	ca[STRSIM_MAX_CHARS],
				cb[STRSIM_MAX_CHARS];
	int			na = strsim_decode(a, la, ca, STRSIM_MAX_CHARS);
	int			nb = strsim_decode(b, lb, cb, STRSIM_MAX_CHARS);

	if (na < 0 || nb < 0)
		return -1;
	return strsim_osa_cp(ca, na, cb, nb, max);
}
