/*
 * clk.c
 *		Keyed Bloom-filter encodings (cryptographic long-term keys, CLK) for
 *		privacy-preserving record linkage: tokenisation, HMAC-SHA256 double
 *		hashing, Dice similarity by popcount, bit-sampling LSH blocking keys
 *		and the parsers of the text forms (filters in base64, field
 *		specifications).  See clk.h for the layout and docs/privacy.md for
 *		what the encodings do and do not protect.
 */
#include "clk.h"
#include "civil_date.h"

#include <stdio.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif

int
clk_valid_nbits(long nbits)
{
	return nbits >= CLK_MIN_BITS && nbits <= CLK_MAX_BITS && nbits % 64 == 0;
}

/*
 * A filter of l bits with T tokens hashed k times each has about
 * 1 - exp(-kT/l) of its bits set; half are set when kT = l ln 2.  With
 * CLK_TOKENS_PER_FIELD tokens per field (a name of 7 letters has 8 padded
 * bigrams, a date has 8 digits) that gives k = l ln 2 / (8 nfields).
 */
int
clk_default_k(int nbits, int nfields)
{
	double		k;

	if (nfields < 1)
		nfields = 1;
	k = (double) nbits * 0.69314718055994531 / ((double) CLK_TOKENS_PER_FIELD * nfields);
	if (k < 1.0)
		return 1;
	if (k > CLK_MAX_K)
		return CLK_MAX_K;
	return (int) (k + 0.5);
}

/* ---- popcount and Dice ---- */

static inline uint64_t
clk_load64(const uint8_t *p)
{
	uint64_t	v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static double
clk_dice_generic(const uint8_t *a, const uint8_t *b, size_t nbytes)
{
	uint64_t	ca = 0, cb = 0, cab = 0;
	size_t		i;

	for (i = 0; i + 8 <= nbytes; i += 8)
	{
		uint64_t	x = clk_load64(a + i), y = clk_load64(b + i);

		ca += (uint64_t) __builtin_popcountll(x);
		cb += (uint64_t) __builtin_popcountll(y);
		cab += (uint64_t) __builtin_popcountll(x & y);
	}
	if (ca + cb == 0)
		return 0.0;
	return 2.0 * (double) cab / (double) (ca + cb);
}

static long
clk_and_count_generic(const uint8_t *a, const uint8_t *b, size_t nbytes)
{
	uint64_t	c = 0;
	size_t		i;

	for (i = 0; i + 8 <= nbytes; i += 8)
		c += (uint64_t) __builtin_popcountll(clk_load64(a + i) & clk_load64(b + i));
	return (long) c;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
/*
 * The same loop compiled for the POPCNT instruction, chosen at run time when
 * the CPU has it (the build targets baseline x86-64, where
 * __builtin_popcountll is a dozen-instruction bit trick).
 */
__attribute__((target("popcnt")))
static double
clk_dice_popcnt(const uint8_t *a, const uint8_t *b, size_t nbytes)
{
	uint64_t	cand = 0, cor = 0;
	size_t		i;

	/*
	 * |A| + |B| = |A and B| + |A or B|: two popcounts per word, not three.
	 * Two words per step give the CPU two independent chains.
	 */
	for (i = 0; i + 16 <= nbytes; i += 16)
	{
		uint64_t	x0 = clk_load64(a + i), y0 = clk_load64(b + i);
		uint64_t	x1 = clk_load64(a + i + 8), y1 = clk_load64(b + i + 8);

		cand += (uint64_t) __builtin_popcountll(x0 & y0) + (uint64_t) __builtin_popcountll(x1 & y1);
		cor += (uint64_t) __builtin_popcountll(x0 | y0) + (uint64_t) __builtin_popcountll(x1 | y1);
	}
	for (; i + 8 <= nbytes; i += 8)
	{
		uint64_t	x = clk_load64(a + i), y = clk_load64(b + i);

		cand += (uint64_t) __builtin_popcountll(x & y);
		cor += (uint64_t) __builtin_popcountll(x | y);
	}
	if (cor == 0)
		return 0.0;
	return 2.0 * (double) cand / (double) (cand + cor);
}

__attribute__((target("popcnt")))
static long
clk_and_count_popcnt(const uint8_t *a, const uint8_t *b, size_t nbytes)
{
	uint64_t	c0 = 0, c1 = 0;
	size_t		i;

	for (i = 0; i + 16 <= nbytes; i += 16)
	{
		c0 += (uint64_t) __builtin_popcountll(clk_load64(a + i) & clk_load64(b + i));
		c1 += (uint64_t) __builtin_popcountll(clk_load64(a + i + 8) & clk_load64(b + i + 8));
	}
	for (; i + 8 <= nbytes; i += 8)
		c0 += (uint64_t) __builtin_popcountll(clk_load64(a + i) & clk_load64(b + i));
	return (long) (c0 + c1);
}

/*
 * |A and B| with AVX2: per 32 bytes, the nibble-table popcount of Mula,
 * Kurz and Lemire (vpshufb) summed with vpsadbw; chosen at run time.
 */
__attribute__((target("avx2,popcnt")))
static long
clk_and_count_avx2(const uint8_t *a, const uint8_t *b, size_t nbytes)
{
	const __m256i lut = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
										 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
	const __m256i low = _mm256_set1_epi8(0x0f);
	__m256i		acc = _mm256_setzero_si256();
	uint64_t	lanes[4], c;
	size_t		i;

	for (i = 0; i + 32 <= nbytes; i += 32)
	{
		__m256i		v = _mm256_and_si256(_mm256_loadu_si256((const __m256i *) (a + i)),
										 _mm256_loadu_si256((const __m256i *) (b + i)));
		__m256i		lo = _mm256_and_si256(v, low);
		__m256i		hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), low);
		__m256i		cnt = _mm256_add_epi8(_mm256_shuffle_epi8(lut, lo), _mm256_shuffle_epi8(lut, hi));

		acc = _mm256_add_epi64(acc, _mm256_sad_epu8(cnt, _mm256_setzero_si256()));
	}
	_mm256_storeu_si256((__m256i *) lanes, acc);
	c = lanes[0] + lanes[1] + lanes[2] + lanes[3];
	for (; i + 8 <= nbytes; i += 8)
		c += (uint64_t) __builtin_popcountll(clk_load64(a + i) & clk_load64(b + i));
	return (long) c;
}

/* Dice with AVX2: the counts of A and B and of A or B, as above */
__attribute__((target("avx2,popcnt")))
static double
clk_dice_avx2(const uint8_t *a, const uint8_t *b, size_t nbytes)
{
	const __m256i lut = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
										 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
	const __m256i low = _mm256_set1_epi8(0x0f);
	__m256i		acc_and = _mm256_setzero_si256(), acc_or = _mm256_setzero_si256();
	uint64_t	l1[4], l2[4], cand, cor;
	size_t		i;

	for (i = 0; i + 32 <= nbytes; i += 32)
	{
		__m256i		x = _mm256_loadu_si256((const __m256i *) (a + i));
		__m256i		y = _mm256_loadu_si256((const __m256i *) (b + i));
		__m256i		v = _mm256_and_si256(x, y), w = _mm256_or_si256(x, y);
		__m256i		cv = _mm256_add_epi8(_mm256_shuffle_epi8(lut, _mm256_and_si256(v, low)),
										 _mm256_shuffle_epi8(lut, _mm256_and_si256(_mm256_srli_epi16(v, 4), low)));
		__m256i		cw = _mm256_add_epi8(_mm256_shuffle_epi8(lut, _mm256_and_si256(w, low)),
										 _mm256_shuffle_epi8(lut, _mm256_and_si256(_mm256_srli_epi16(w, 4), low)));

		acc_and = _mm256_add_epi64(acc_and, _mm256_sad_epu8(cv, _mm256_setzero_si256()));
		acc_or = _mm256_add_epi64(acc_or, _mm256_sad_epu8(cw, _mm256_setzero_si256()));
	}
	_mm256_storeu_si256((__m256i *) l1, acc_and);
	_mm256_storeu_si256((__m256i *) l2, acc_or);
	cand = l1[0] + l1[1] + l1[2] + l1[3];
	cor = l2[0] + l2[1] + l2[2] + l2[3];
	for (; i + 8 <= nbytes; i += 8)
	{
		uint64_t	x = clk_load64(a + i), y = clk_load64(b + i);

		cand += (uint64_t) __builtin_popcountll(x & y);
		cor += (uint64_t) __builtin_popcountll(x | y);
	}
	if (cor == 0)
		return 0.0;
	return 2.0 * (double) cand / (double) (cand + cor);
}

static double clk_dice_choose(const uint8_t *a, const uint8_t *b, size_t nbytes);
static long clk_and_count_choose(const uint8_t *a, const uint8_t *b, size_t nbytes);
static double (*clk_dice_impl) (const uint8_t *, const uint8_t *, size_t) = clk_dice_choose;
static long (*clk_and_count_impl) (const uint8_t *, const uint8_t *, size_t) = clk_and_count_choose;

static void
clk_choose(void)
{
	__builtin_cpu_init();
	if (__builtin_cpu_supports("popcnt"))
	{
		clk_dice_impl = __builtin_cpu_supports("avx2") ?
			clk_dice_avx2 : clk_dice_popcnt;
		clk_and_count_impl = __builtin_cpu_supports("avx2") ?
			clk_and_count_avx2 : clk_and_count_popcnt;
	}
	else
	{
		clk_dice_impl = clk_dice_generic;
		clk_and_count_impl = clk_and_count_generic;
	}
}

int
clk_set_impl(int level)
{
	__builtin_cpu_init();
	if (level >= 2 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt"))
	{
		clk_dice_impl = clk_dice_avx2;
		clk_and_count_impl = clk_and_count_avx2;
		return 2;
	}
	if (level >= 1 && __builtin_cpu_supports("popcnt"))
	{
		clk_dice_impl = clk_dice_popcnt;
		clk_and_count_impl = clk_and_count_popcnt;
		return 1;
	}
	clk_dice_impl = clk_dice_generic;
	clk_and_count_impl = clk_and_count_generic;
	return 0;
}

static double
clk_dice_choose(const uint8_t *a, const uint8_t *b, size_t nbytes)
{
	clk_choose();
	return clk_dice_impl(a, b, nbytes);
}

static long
clk_and_count_choose(const uint8_t *a, const uint8_t *b, size_t nbytes)
{
	clk_choose();
	return clk_and_count_impl(a, b, nbytes);
}

double
clk_dice(const uint8_t *a, const uint8_t *b, size_t nbytes)
{
	return clk_dice_impl(a, b, nbytes);
}

long
clk_and_count(const uint8_t *a, const uint8_t *b, size_t nbytes)
{
	return clk_and_count_impl(a, b, nbytes);
}
#else
double
clk_dice(const uint8_t *a, const uint8_t *b, size_t nbytes)
{
	return clk_dice_generic(a, b, nbytes);
}

long
clk_and_count(const uint8_t *a, const uint8_t *b, size_t nbytes)
{
	return clk_and_count_generic(a, b, nbytes);
}

int
clk_set_impl(int level)
{
	(void) level;
	return 0;
}
#endif

double
clk_dice_counted(const uint8_t *a, const uint8_t *b, size_t nbytes, long pa, long pb)
{
	if (pa + pb == 0)
		return 0.0;
	return 2.0 * (double) clk_and_count(a, b, nbytes) / (double) (pa + pb);
}

long
clk_popcount(const uint8_t *a, size_t nbytes)
{
	long		n = 0;
	size_t		i;

	for (i = 0; i < nbytes; i++)
		n += __builtin_popcount(a[i]);
	return n;
}

/* ---- base64 ---- */

static const char clk_b64[] =
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t
clk_base64_encode(const uint8_t *in, size_t n, char *out)
{
	size_t		i, o = 0;

	for (i = 0; i + 3 <= n; i += 3)
	{
		uint32_t	v = ((uint32_t) in[i] << 16) | ((uint32_t) in[i + 1] << 8) | in[i + 2];

		out[o++] = clk_b64[v >> 18];
		out[o++] = clk_b64[(v >> 12) & 63];
		out[o++] = clk_b64[(v >> 6) & 63];
		out[o++] = clk_b64[v & 63];
	}
	if (n - i == 1)
	{
		uint32_t	v = (uint32_t) in[i] << 16;

		out[o++] = clk_b64[v >> 18];
		out[o++] = clk_b64[(v >> 12) & 63];
		out[o++] = '=';
		out[o++] = '=';
	}
	else if (n - i == 2)
	{
		uint32_t	v = ((uint32_t) in[i] << 16) | ((uint32_t) in[i + 1] << 8);

		out[o++] = clk_b64[v >> 18];
		out[o++] = clk_b64[(v >> 12) & 63];
		out[o++] = clk_b64[(v >> 6) & 63];
		out[o++] = '=';
	}
	out[o] = '\0';
	return o;
}

static int
clk_b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

static int
clk_isspace(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int
clk_parse(const char *s, size_t len, uint8_t *out, int *nbits, char *err, size_t errlen)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		i, nchars = 0, nout = 0;
	int			quad[4], q = 0, pad = 0;

	/*
	 * Standard base64 with padding.  Whitespace anywhere is skipped, as
	 * PostgreSQL's decode(..., 'base64') does: encode() breaks lines every
	 * 76 characters.
	 */
	for (i = 0; i < len; i++)
	{
		unsigned char c = p[i];
		int			v;

		if (clk_isspace(c))
			continue;
		nchars++;
		if (c == '=')
		{
			/* padding: third or fourth place of the last quad only */
			if (q < 2)
			{
				snprintf(err, errlen, "Misplaced padding character \"=\" at position %zu.", i + 1);
				return CLK_ERR_SYNTAX;
			}
			pad++;
			v = 0;
		}
		else
		{
			v = clk_b64_value(c);
			if (v < 0 || pad > 0)
			{
				if (v >= 0 || c == '=')
					snprintf(err, errlen, "Character after the padding at position %zu.", i + 1);
				else if (c >= 0x20 && c < 0x7f)
					snprintf(err, errlen, "Invalid base64 character \"%c\" at position %zu.", c, i + 1);
				else
					snprintf(err, errlen, "Invalid base64 byte 0x%02x at position %zu.", c, i + 1);
				return CLK_ERR_SYNTAX;
			}
		}
		quad[q++] = v;
		if (q < 4)
			continue;
		q = 0;
		if (pad > 2)
		{
			snprintf(err, errlen, "Misplaced padding character \"=\" at position %zu.", i + 1);
			return CLK_ERR_SYNTAX;
		}
		/* canonical form only: the bits below the padding are zero */
		if ((pad == 1 && (quad[2] & 3) != 0) || (pad == 2 && (quad[1] & 15) != 0))
		{
			snprintf(err, errlen, "Non-canonical base64: nonzero bits before the padding.");
			return CLK_ERR_SYNTAX;
		}
		if (nout + 3 - (size_t) pad > CLK_MAX_BYTES)
		{
			snprintf(err, errlen, "The text encodes more than %d bits.", CLK_MAX_BITS);
			return CLK_ERR_RANGE;
		}
		out[nout++] = (uint8_t) ((quad[0] << 2) | (quad[1] >> 4));
		if (pad < 2)
			out[nout++] = (uint8_t) (((quad[1] & 15) << 4) | (quad[2] >> 2));
		if (pad < 1)
			out[nout++] = (uint8_t) (((quad[2] & 3) << 6) | quad[3]);
	}
	if (nchars == 0)
	{
		snprintf(err, errlen, "The text is empty; a clk is base64 text.");
		return CLK_ERR_SYNTAX;
	}
	if (q != 0)
	{
		snprintf(err, errlen, "Base64 text has %zu characters, not a multiple of 4.", nchars);
		return CLK_ERR_SYNTAX;
	}
	if (!clk_valid_nbits((long) nout * 8))
	{
		snprintf(err, errlen, "The text encodes %zu bits; a clk has %d to %d bits, a multiple of 64.",
				 nout * 8, CLK_MIN_BITS, CLK_MAX_BITS);
		return CLK_ERR_RANGE;
	}
	*nbits = (int) (nout * 8);
	return CLK_OK;
}

/* ---- field specifications ---- */

static const struct
{
	const char *name;
	clk_field_kind kind;
}			clk_kinds[] = {
	{"auto", CLK_FIELD_AUTO},
	{"name", CLK_FIELD_NAME},
	{"text", CLK_FIELD_TEXT},
	{"date", CLK_FIELD_DATE},
	{"exact", CLK_FIELD_EXACT},
	{"digits", CLK_FIELD_DIGITS},
	{"given", CLK_FIELD_GIVEN},
};

/* parse decimal digits [s, e) into *v, at most max; 0 on bad syntax */
static int
clk_parse_uint(const char *s, const char *e, long max, long *v)
{
	long		n = 0;

	if (s >= e)
		return 0;
	for (; s < e; s++)
	{
		if (*s < '0' || *s > '9')
			return 0;
		n = n * 10 + (*s - '0');
		if (n > max)
			n = max + 1;		/* saturate: still out of range, no overflow */
	}
	*v = n;
	return 1;
}

int
clk_spec_parse(const char *s, size_t len, clk_spec *spec, char *err, size_t errlen)
{
	const char *p = s, *end = s + len;
	int			item = 0;

	memset(spec, 0, sizeof(*spec));
	for (;;)
	{
		const char *ib, *ie, *colon, *slash;
		size_t		i, klen;
		int			found = 0;

		ib = p;
		while (p < end && *p != ',')
			p++;
		ie = p;
		while (ib < ie && clk_isspace((unsigned char) *ib))
			ib++;
		while (ie > ib && clk_isspace((unsigned char) ie[-1]))
			ie--;
		item++;
		if (ib == ie)
		{
			snprintf(err, errlen, "Item %d of the specification is empty.", item);
			return CLK_ERR_SYNTAX;
		}
		if (ie - ib > 5 && memcmp(ib, "bits=", 5) == 0)
		{
			long		v;

			if (spec->nbits != 0)
			{
				snprintf(err, errlen, "\"bits=\" is given twice.");
				return CLK_ERR_SYNTAX;
			}
			if (!clk_parse_uint(ib + 5, ie, 1000000, &v))
			{
				snprintf(err, errlen, "\"bits=\" needs a whole number.");
				return CLK_ERR_SYNTAX;
			}
			if (!clk_valid_nbits(v))
			{
				snprintf(err, errlen, "bits=%ld: a clk has %d to %d bits, a multiple of 64.",
						 v, CLK_MIN_BITS, CLK_MAX_BITS);
				return CLK_ERR_RANGE;
			}
			spec->nbits = (int) v;
		}
		else
		{
			clk_field_spec *f;

			if (spec->nfields >= CLK_MAX_FIELDS)
			{
				snprintf(err, errlen, "More than %d fields.", CLK_MAX_FIELDS);
				return CLK_ERR_RANGE;
			}
			f = &spec->field[spec->nfields];
			colon = memchr(ib, ':', (size_t) (ie - ib));
			slash = memchr(ib, '/', (size_t) (ie - ib));
			if (colon && slash)
			{
				snprintf(err, errlen, "Item %d: give hashes per token (\":\") or a budget for the field (\"/\"), not both.", item);
				return CLK_ERR_SYNTAX;
			}
			klen = (size_t) ((colon ? colon : slash ? slash : ie) - ib);
			for (i = 0; i < sizeof(clk_kinds) / sizeof(clk_kinds[0]); i++)
			{
				if (strlen(clk_kinds[i].name) == klen &&
					memcmp(clk_kinds[i].name, ib, klen) == 0)
				{
					f->kind = clk_kinds[i].kind;
					found = 1;
					break;
				}
			}
			if (!found)
			{
				snprintf(err, errlen, "Item %d: unknown field kind \"%.*s\" (auto, name, given, text, date, exact or digits).",
						 item, (int) (klen > 40 ? 40 : klen), ib);
				return CLK_ERR_SYNTAX;
			}
			if (colon)
			{
				long		v;

				if (!clk_parse_uint(colon + 1, ie, 1000000, &v))
				{
					snprintf(err, errlen, "Item %d: the number of hashes after \":\" must be a whole number.", item);
					return CLK_ERR_SYNTAX;
				}
				if (v < 1 || v > CLK_MAX_K)
				{
					snprintf(err, errlen, "Item %d: %ld hashes per token; allowed are 1 to %d.",
							 item, v, CLK_MAX_K);
					return CLK_ERR_RANGE;
				}
				f->k = (int) v;
			}
			if (slash)
			{
				long		v;

				if (!clk_parse_uint(slash + 1, ie, 1000000, &v))
				{
					snprintf(err, errlen, "Item %d: the field's budget after \"/\" must be a whole number.", item);
					return CLK_ERR_SYNTAX;
				}
				if (v < 1 || v > CLK_MAX_BUDGET)
				{
					snprintf(err, errlen, "Item %d: a budget of %ld hashes; allowed are 1 to %d.",
							 item, v, CLK_MAX_BUDGET);
					return CLK_ERR_RANGE;
				}
				f->budget = (int) v;
			}
			spec->nfields++;
		}
		if (p >= end)
			break;
		p++;					/* the comma */
	}
	if (spec->nfields == 0)
	{
		snprintf(err, errlen, "The specification names no field.");
		return CLK_ERR_SYNTAX;
	}
	return CLK_OK;
}

/* ---- dates ---- */

int
clk_parse_date(const char *s, size_t len, char digits[8])
{
	size_t		b = 0, e = len, n, i, o = 0;
	int			y, m, d;

	while (b < e && clk_isspace((unsigned char) s[b]))
		b++;
	while (e > b && clk_isspace((unsigned char) s[e - 1]))
		e--;
	n = e - b;
	if (n == 10)
	{
		char		sep = s[b + 4];

		if ((sep != '-' && sep != '/') || s[b + 7] != sep)
			return 0;
	}
	else if (n != 8)
		return 0;
	for (i = b; i < e; i++)
	{
		if (n == 10 && (i - b == 4 || i - b == 7))
			continue;
		if (s[i] < '0' || s[i] > '9')
			return 0;
		digits[o++] = s[i];
	}
	y = (digits[0] - '0') * 1000 + (digits[1] - '0') * 100 + (digits[2] - '0') * 10 + (digits[3] - '0');
	m = (digits[4] - '0') * 10 + (digits[5] - '0');
	d = (digits[6] - '0') * 10 + (digits[7] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= civil_days_in_month(y, m);
}

/* ---- normalisation placeholder and tokens ---- */

size_t
clk_fold(const char *s, size_t len, char *out)
{
	size_t		i, o = 0;
	int			space = 0;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (clk_isspace(c))
		{
			space = 1;
			continue;
		}
		if (space && o > 0)
			out[o++] = ' ';
		space = 0;
		out[o++] = (char) ((c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c);
	}
	return o;
}

void
clk_field_key(const uint8_t *secret, size_t secretlen, int field_index, sha256_hmac_ctx *out)
{
	char		label[48];
	uint8_t		k[SHA256_DIGEST_LEN];
	int			n;

	n = snprintf(label, sizeof(label), "migrisk clk v1 field %d", field_index);
	sha256_hmac(secret, secretlen, label, (size_t) n, k);
	sha256_hmac_init(out, k, sizeof(k));
	sha256_wipe(k, sizeof(k));
}

static uint64_t
clk_be64(const uint8_t *p)
{
	uint64_t	v = 0;
	int			i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

static uint64_t
clk_gcd(uint64_t a, uint64_t b)
{
	while (b != 0)
	{
		uint64_t	t = a % b;

		a = b;
		b = t;
	}
	return a;
}

void
clk_add_token(uint8_t *bits, int nbits, const sha256_hmac_ctx *fkey, int k,
			  const uint8_t *token, size_t len)
{
	uint8_t		d[SHA256_DIGEST_LEN];
	uint64_t	l = (uint64_t) nbits, h1, step;
	int			j;

	sha256_hmac_compute(fkey, token, len, d);
	h1 = clk_be64(d) % l;
	/*
	 * A step in [1, l-1] coprime with l walks k distinct positions for any
	 * k <= l; plain (h1 + j h2) mod l sets a single bit when h2 mod l = 0
	 * (clkhash issue 33) and few bits when h2 shares a large factor with l.
	 */
	step = clk_be64(d + 8) % (l - 1) + 1;
	while (clk_gcd(step, l) != 1)
		step = step % (l - 1) + 1;
	for (j = 0; j < k; j++)
	{
		uint64_t	pos = (h1 + (uint64_t) j * step) % l;

		bits[pos >> 3] |= (uint8_t) (0x80 >> (pos & 7));
	}
	sha256_wipe(d, sizeof(d));
}

/* length of the UTF-8 sequence starting at s (1 for stray bytes) */
static size_t
clk_cplen(const unsigned char *s, size_t left)
{
	size_t		n = 1;

	if (s[0] >= 0xf0 && s[0] <= 0xf7)
		n = 4;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xc0 && s[0] <= 0xdf)
		n = 2;
	return n > left ? left : n;
}

int
clk_token_count(clk_field_kind kind, const char *value, size_t len)
{
	size_t		i, n = 0;

	if (len == 0)
		return 0;
	switch (kind)
	{
		case CLK_FIELD_DATE:
			return len < 8 ? (int) len : 8;
		case CLK_FIELD_EXACT:
			return 1;
		case CLK_FIELD_DIGITS:
			return len < CLK_MAX_POSITIONS ? (int) len : CLK_MAX_POSITIONS;
		default:
			/* one bigram per code point, plus the closing one */
			for (i = 0; i < len; i += clk_cplen((const unsigned char *) value + i, len - i))
				n++;
			return (int) n + 1;
	}
}

int
clk_budget_k(int budget, int ntok)
{
	int			k;

	if (ntok <= 0)
		return 0;
	k = (budget + ntok / 2) / ntok;
	if (k < 1)
		k = 1;
	if (k > CLK_MAX_K)
		k = CLK_MAX_K;
	return k;
}

int
clk_add_value(uint8_t *bits, int nbits, const sha256_hmac_ctx *fkey,
			  clk_field_kind kind, int k, const char *value, size_t len)
{
	const unsigned char *v = (const unsigned char *) value;
	uint8_t		tok[1 + SHA256_DIGEST_LEN];
	int			ntok = 0;

	if (len == 0)
		return 0;
	switch (kind)
	{
		case CLK_FIELD_DATE:
			{
				int			i;

				/* positional unigrams: 'D', position, digit */
				for (i = 0; i < 8 && (size_t) i < len; i++)
				{
					tok[0] = 'D';
					tok[1] = (uint8_t) ('0' + i);
					tok[2] = v[i];
					clk_add_token(bits, nbits, fkey, k, tok, 3);
					ntok++;
				}
				return ntok;
			}
		case CLK_FIELD_DIGITS:
			{
				size_t		i;

				/*
				 * positional unigrams: 'P', '0' + position, character (bytes
				 * of the folded value; a house number or postcode is ASCII),
				 * as DATE writes its digits
				 */
				for (i = 0; i < len && i < CLK_MAX_POSITIONS; i++)
				{
					tok[0] = 'P';
					tok[1] = (uint8_t) ('0' + i);
					tok[2] = v[i];
					clk_add_token(bits, nbits, fkey, k, tok, 3);
					ntok++;
				}
				return ntok;
			}
		case CLK_FIELD_EXACT:
			{
				/*
				 * 'E' then the SHA-256 of the value: a fixed-size token for a
				 * value of any length (the HMAC that follows is keyed)
				 */
				uint8_t		d[SHA256_DIGEST_LEN];

				sha256(v, len, d);
				tok[0] = 'E';
				memcpy(tok + 1, d, SHA256_DIGEST_LEN);
				clk_add_token(bits, nbits, fkey, k, tok, 1 + SHA256_DIGEST_LEN);
				sha256_wipe(d, sizeof(d));
				return 1;
			}
		default:
			{
				/* bigrams of " " + value + " " over code points */
				size_t		prevpos = 0, prevlen = 0, i = 0;
				int			first = 1;

				for (;;)
				{
					size_t		curlen, tl = 1;
					const unsigned char *cur;
					static const unsigned char space = ' ';

					if (i < len)
					{
						cur = v + i;
						curlen = clk_cplen(cur, len - i);
					}
					else
					{
						cur = &space;
						curlen = 1;
					}
					tok[0] = 'B';
					if (first)
						tok[tl++] = ' ';
					else
					{
						memcpy(tok + tl, v + prevpos, prevlen);
						tl += prevlen;
					}
					memcpy(tok + tl, cur, curlen);
					tl += curlen;
					clk_add_token(bits, nbits, fkey, k, tok, tl);
					ntok++;
					if (i >= len)
						break;
					first = 0;
					prevpos = i;
					prevlen = curlen;
					i += curlen;
				}
				return ntok;
			}
	}
}

/* ---- blocking ---- */

static uint64_t
clk_splitmix64(uint64_t *state)
{
	uint64_t	z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

int
clk_blocking_keys(const uint8_t *bits, int nbits, int nbands, int bits_per_band, int64_t *out)
{
	int			b, j, i;

	for (b = 0; b < nbands; b++)
	{
		uint64_t	state = 0x6d6967726973ULL ^ ((uint64_t) nbits << 32) ^ (uint64_t) b;
		int			pos[CLK_MAX_BAND_BITS];
		uint64_t	key = 0;

		/* bits_per_band distinct positions, the same for every filter */
		for (j = 0; j < bits_per_band;)
		{
			int			p = (int) (clk_splitmix64(&state) % (uint64_t) nbits);
			int			dup = 0;

			for (i = 0; i < j; i++)
				if (pos[i] == p)
					dup = 1;
			if (dup)
				continue;
			pos[j++] = p;
			key = (key << 1) | ((bits[p >> 3] >> (7 - (p & 7))) & 1);
		}
		out[b] = (int64_t) (((uint64_t) b << 40) | key);
	}
	return nbands;
}
