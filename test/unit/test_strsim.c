/*
 * test_strsim.c
 *		The fast paths of strsim_jaro_winkler (short ASCII strings in SIMD
 *		registers, ASCII up to 64 bytes with bit masks) against a textbook
 *		Jaro-Winkler written here with flag arrays, and against the
 *		code-point entry point, on random ASCII and UTF-8 pairs of every
 *		length around the path boundaries (16, 64) and beyond; and no read
 *		past the end of either string (strings placed against a page the
 *		process may not read).
 */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "strsim.h"
#include "unit.h"

/*
 * Textbook Jaro-Winkler (Winkler 1990, strcmp95's boost condition J > 0.7)
 * on code points, O(|a| |b|) with flag arrays: the independent reference.
 */
static double
ref_jaro_winkler(const uint32_t *a, int la, const uint32_t *b, int lb)
{
	static unsigned char fa[STRSIM_MAX_CHARS],
				fb[STRSIM_MAX_CHARS];
	int			window = (la > lb ? la : lb) / 2 - 1;
	int			i,
				j,
				m = 0,
				t = 0,
				l = 0;
	double		jaro;

	if (la == 0 || lb == 0)
		return 0.0;
	if (window < 0)
		window = 0;
	memset(fa, 0, la);
	memset(fb, 0, lb);
	for (i = 0; i < la; i++)
		for (j = i - window < 0 ? 0 : i - window; j <= i + window && j < lb; j++)
			if (!fb[j] && a[i] == b[j])
			{
				fa[i] = fb[j] = 1;
				m++;
				break;
			}
	if (m == 0)
		return 0.0;
	for (i = 0, j = 0; i < la; i++)
		if (fa[i])
		{
			while (!fb[j])
				j++;
			t += a[i] != b[j];
			j++;
		}
	jaro = ((double) m / la + (double) m / lb + (double) (m - t / 2) / m) / 3.0;
	while (l < 4 && l < la && l < lb && a[l] == b[l])
		l++;
	/*
	 * The boost needs J > 0.7 exactly: J = 0.7 (e.g. m = 1 of 3 and 30
	 * characters) rounds either way in floating point, so decide it on
	 * the integers, J * 3 |a| |b| m = m^2 |b| + m^2 |a| + (m - t/2) |a| |b|.
	 */
	if (10 * ((int64_t) m * m * (la + lb) + (int64_t) (m - t / 2) * la * lb) >
		7 * ((int64_t) 3 * la * lb * m))
		return jaro + l * 0.1 * (1.0 - jaro);
	return jaro;
}

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static unsigned
next_rand(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned) ((rng >> 20) % n);
}

/* appends code point c as UTF-8 at s + *n */
static void
put_utf8(char *s, int *n, uint32_t c)
{
	if (c < 0x80)
		s[(*n)++] = (char) c;
	else if (c < 0x800)
	{
		s[(*n)++] = (char) (0xC0 | (c >> 6));
		s[(*n)++] = (char) (0x80 | (c & 0x3F));
	}
	else if (c < 0x10000)
	{
		s[(*n)++] = (char) (0xE0 | (c >> 12));
		s[(*n)++] = (char) (0x80 | ((c >> 6) & 0x3F));
		s[(*n)++] = (char) (0x80 | (c & 0x3F));
	}
	else
	{
		s[(*n)++] = (char) (0xF0 | (c >> 18));
		s[(*n)++] = (char) (0x80 | ((c >> 12) & 0x3F));
		s[(*n)++] = (char) (0x80 | ((c >> 6) & 0x3F));
		s[(*n)++] = (char) (0x80 | (c & 0x3F));
	}
}

/*
 * A random string of nchars code points: from a small alphabet (many
 * repeats, so many matches and transpositions), any ASCII byte (NUL
 * included), or with accented letters and multi-byte characters mixed in.
 */
static void
random_string(int kind, int nchars, uint32_t *cp, char *s, int *len)
{
	static const uint32_t accented[] = {0xC1, 0xC9, 0xD1, 0xE1, 0xF1, 0xFC, 0x20AC, 0x1F600};
	int			k;

	*len = 0;
	for (k = 0; k < nchars; k++)
	{
		uint32_t	c;

		if (kind == 0)
			c = 'A' + next_rand(4);
		else if (kind == 1)
			c = next_rand(128);
		else
			c = next_rand(3) == 0 ? accented[next_rand(8)] : 'A' + next_rand(6);
		cp[k] = c;
		put_utf8(s, len, c);
	}
}

/* a copy of x with a few edits: a realistic near pair */
static int
perturb(const uint32_t *x, int n, uint32_t *y)
{
	int			k,
				edits = 1 + next_rand(3),
				ny = n;

	memcpy(y, x, n * sizeof(uint32_t));
	for (k = 0; k < edits && ny > 1; k++)
	{
		int			p = next_rand(ny - 1);
		uint32_t	tmp;

		switch (next_rand(3))
		{
			case 0:
				tmp = y[p];
				y[p] = y[p + 1];
				y[p + 1] = tmp;
				break;
			case 1:
				memmove(y + p, y + p + 1, (ny - p - 1) * sizeof(uint32_t));
				ny--;
				break;
			default:
				y[p] = 'A' + next_rand(6);
				break;
		}
	}
	return ny;
}

/* lengths in code points, weighted towards the path boundaries */
static int
random_length(void)
{
	static const int edges[] = {0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 66, 100};

	if (next_rand(2))
		return edges[next_rand(sizeof edges / sizeof edges[0])];
	return (int) next_rand(80);
}

int
main(void)
{
	static uint32_t ca[STRSIM_MAX_CHARS + 1],
				cb[STRSIM_MAX_CHARS + 1];
	static char sa[4 * STRSIM_MAX_CHARS + 4],
				sb[4 * STRSIM_MAX_CHARS + 4];
	int			k,
				kind,
				level,
				best = strsim_simd(-1),
				bad_ref = 0,
				bad_cp = 0,
				bad_sym = 0,
				checked = 0;

	/* the published examples go through the short path */
	CHECK_NEAR(strsim_jaro_winkler("MARTHA", 6, "MARHTA", 6), 0.961, 0.0005, "MARTHA/MARHTA 0.961");
	CHECK_NEAR(strsim_jaro_winkler("DWAYNE", 6, "DUANE", 5), 0.840, 0.0005, "DWAYNE/DUANE 0.840");
	CHECK_NEAR(strsim_jaro_winkler("DIXON", 5, "DICKSONX", 8), 0.813, 0.0005, "DIXON/DICKSONX 0.813");
	CHECK(strsim_jaro_winkler("JOSE", 4, "JOSE", 4) == 1.0, "equal strings: exactly 1");
	CHECK(strsim_jaro_winkler("", 0, "JOSE", 4) == 0.0, "an empty string: 0");
	CHECK(strsim_jaro_winkler("ABC", 3, "XYZ", 3) == 0.0, "nothing in common: 0");

	/* every instruction set this CPU has, from the best down */
	for (level = strsim_simd(-1); level >= 0; level--)
	{
	bad_ref = bad_cp = bad_sym = checked = 0;
	printf("# instruction set level %d\n", strsim_simd(level));
	for (kind = 0; kind < 3; kind++)
		for (k = 0; k < 100000; k++)
		{
			int			na = random_length(),
						nb,
						la,
						lb,
						q;
			double		fast,
						viacp,
						ref;

			random_string(kind, na, ca, sa, &la);
			if (next_rand(2))
			{
				nb = perturb(ca, na, cb);
				lb = 0;
				for (q = 0; q < nb; q++)
					put_utf8(sb, &lb, cb[q]);
			}
			else
			{
				nb = random_length();
				random_string(kind, nb, cb, sb, &lb);
			}
			fast = strsim_jaro_winkler(sa, la, sb, lb);
			viacp = strsim_jaro_winkler_cp(ca, na, cb, nb);
			ref = ref_jaro_winkler(ca, na, cb, nb);
			if (fabs(fast - ref) > 1e-12)
			{
				if (bad_ref++ < 5)
					printf("# kind %d, %d and %d chars: %.17g, reference %.17g\n", kind, na, nb, fast, ref);
			}
			/* every path ends in the same arithmetic: equal to the bit */
			if (fast != viacp)
				bad_cp++;
			if (fast != strsim_jaro_winkler(sb, lb, sa, la))
				bad_sym++;
			checked++;
		}
	printf("# %d random pairs\n", checked);
	CHECK(bad_ref == 0, "fast paths = textbook Jaro-Winkler on random ASCII and UTF-8 pairs, lengths 0..100");
	CHECK(bad_cp == 0, "byte entry point = code-point entry point, to the bit");
	CHECK(bad_sym == 0, "Jaro-Winkler is symmetric");
	}

	/* past the longest input: -1 */
	{
		char	   *big = malloc(STRSIM_MAX_CHARS + 1);

		memset(big, 'A', STRSIM_MAX_CHARS + 1);
		CHECK(strsim_jaro_winkler(big, STRSIM_MAX_CHARS, big, STRSIM_MAX_CHARS) == 1.0,
			  "the longest accepted input");
		CHECK(strsim_jaro_winkler(big, STRSIM_MAX_CHARS + 1, "A", 1) == -1.0,
			  "one code point more: -1");
		free(big);
	}

	/*
	 * No byte past either string is read: each string ends against a page
	 * the process may not touch (a read there would stop the test).
	 */
	{
		long		page = sysconf(_SC_PAGESIZE);
		char	   *mem = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE,
							   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		int			x,
					y,
					ok = 1;

		CHECK(mem != MAP_FAILED, "two guarded pages");
		if (mem != MAP_FAILED)
		{
			char	   *enda = mem + page;
			char	   *endb = mem + 3 * page;

			mprotect(enda, page, PROT_NONE);
			mprotect(endb, page, PROT_NONE);
			for (level = best; level >= 0; level--)
			for (x = (strsim_simd(level), 0); x <= 20; x++)
				for (y = 0; y <= 20; y++)
				{
					char	   *pa = enda - x,
							   *pb = endb - y;
					uint32_t	ua[20],
								ub[20];
					int			q;

					for (q = 0; q < x; q++)
						ua[q] = (uint32_t) (pa[q] = (char) ('A' + (q * 7) % 5));
					for (q = 0; q < y; q++)
						ub[q] = (uint32_t) (pb[q] = (char) ('A' + (q * 3) % 4));
					if (strsim_jaro_winkler(pa, x, pb, y) != strsim_jaro_winkler_cp(ua, x, ub, y))
						ok = 0;
				}
			munmap(mem, 4 * page);
		}
		CHECK(ok, "strings ending at an unreadable page: read in bounds, same results (every instruction set)");
		strsim_simd(best);
	}
	return unit_done();
}
