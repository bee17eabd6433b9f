/*
 * name_normalize.c
 *		Canonical form of a personal name, Spanish-aware.  The rules, in the
 *		order they apply (docs/reference.md has the list and the
 *		sources):
 *
 *		1. Letters: ASCII letters are upper-cased; Latin-1 and Latin
 *		   Extended-A letters lose their diacritics (Á->A, Ü->U, Ç->C, Ł->L),
 *		   ligatures are spelled out (Æ->AE, Œ->OE, ß->SS, Þ->TH), but Ñ/ñ
 *		   stay Ñ (PEÑA and PENA are different surnames).  Combining marks
 *		   (U+0300..U+036F) are dropped, except that a combining tilde after N
 *		   makes Ñ, so decomposed input gives the same result.  Digits stay.
 *		   Other code points (Greek, Cyrillic, CJK, ...) are kept unchanged.
 *		2. Apostrophes (' ` ´ ‘ ’) are removed inside a word: O'Brien ->
 *		   OBRIEN, D'Angelo -> DANGELO.
 *		3. Everything else (spaces, hyphens, periods, commas, other
 *		   punctuation and symbols, invalid bytes) separates words; a period
 *		   or an ordinal indicator (ª º) right after a word marks it as
 *		   abbreviated.
 *		4. Abbreviations: GPE -> GUADALUPE, FCO -> FRANCISCO always; MA ->
 *		   MARIA when abbreviated (Ma., Mª) or followed by another word (so
 *		   the Chinese surname Ma alone stays MA); J -> JOSE only when written
 *		   "J." and followed by another word (J alone is an initial).
 *		5. Particles are dropped: DA DAS DE DEL DER DI DIE DD EL LA LAS LE
 *		   LES LOS MAC MC VAN VON Y (the CURP list), unless every word is a
 *		   particle (then the name is kept as it is).
 *		6. Words are joined by one space.  At most NAME_NORMALIZE_MAX_IN
 *		   input bytes are read and at most NAME_NORMALIZE_MAX_OUT written,
 *		   cut after the last whole word that fits.
 */
#include "name_normalize.h"

#include <string.h>

#define NN_MAX_TOKENS	(NAME_NORMALIZE_MAX_IN / 2 + 1)

/* token flags */
#define NN_ABBREV	1			/* followed by '.' or carrying ª/º */
#define NN_PARTICLE 2			/* one of the dropped particles */

typedef struct
{
	uint16_t	start;
	uint16_t	len;
	uint8_t		flags;
} nn_token;

int
name_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t	c;
	int			n,
				i;

	if (len == 0)
		return 0;
	c = s[0];
	if (c < 0x80)
	{
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
	{
		n = 2;
		c &= 0x1F;
	}
	else if (c >= 0xE0 && c <= 0xEF)
	{
		n = 3;
		c &= 0x0F;
	}
	else if (c >= 0xF0 && c <= 0xF4)
	{
		n = 4;
		c &= 0x07;
	}
	else
		return 0;
	if ((size_t) n > len)
		return 0;
	for (i = 1; i < n; i++)
	{
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
		(c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

/*
 * Base letters of U+00C0..U+00FF and U+0100..U+017F, upper case; '*' marks
 * a code point handled separately, '.' a non-letter (separator).
 */
static const char nn_latin1[64 + 1] =
	"AAAAAA*CEEEEIIIID*OOOOO.OUUUUY**AAAAAA*CEEEEIIIID*OOOOO.OUUUUY*Y";
static const char nn_latin_ext_a[128 + 1] =
	"AAAAAACCCCCCCCDDDDEEEEEEEEEEGGGGGGGGHHHHIIIIIIIIII**JJKKKLLLLLLLLLLNNNNNNNNNOOOOOO**RRRRRRSSSSSSSSTTTTTTUUUUUUUUUUUUWWYYYZZZZZZS";

/*
 * ASCII: the upper-case letter or digit a byte maps to, 1 for an apostrophe
 * (dropped inside a word), 0 for a separator.
 */
static const char nn_ascii[128] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['A'] = 'A', ['B'] = 'B', ['C'] = 'C', ['D'] = 'D', ['E'] = 'E', ['F'] = 'F',
	['G'] = 'G', ['H'] = 'H', ['I'] = 'I', ['J'] = 'J', ['K'] = 'K', ['L'] = 'L',
	['M'] = 'M', ['N'] = 'N', ['O'] = 'O', ['P'] = 'P', ['Q'] = 'Q', ['R'] = 'R',
	['S'] = 'S', ['T'] = 'T', ['U'] = 'U', ['V'] = 'V', ['W'] = 'W', ['X'] = 'X',
	['Y'] = 'Y', ['Z'] = 'Z',
	['a'] = 'A', ['b'] = 'B', ['c'] = 'C', ['d'] = 'D', ['e'] = 'E', ['f'] = 'F',
	['g'] = 'G', ['h'] = 'H', ['i'] = 'I', ['j'] = 'J', ['k'] = 'K', ['l'] = 'L',
	['m'] = 'M', ['n'] = 'N', ['o'] = 'O', ['p'] = 'P', ['q'] = 'Q', ['r'] = 'R',
	['s'] = 'S', ['t'] = 'T', ['u'] = 'U', ['v'] = 'V', ['w'] = 'W', ['x'] = 'X',
	['y'] = 'Y', ['z'] = 'Z',
	['\''] = 1, ['`'] = 1,
};

/*
 * Maps one code point to its normalised letters (appended at out, which has
 * room for 4 bytes).  Returns the number of bytes written, 0 if the code
 * point is dropped inside a word (apostrophes, combining marks), or -1 if
 * it separates words.
 */
static int
nn_map(uint32_t c, const unsigned char *src, int srclen, char *out)
{
	if (c < 0x80)
	{
		if (c >= 'a' && c <= 'z')
		{
			out[0] = (char) (c - 'a' + 'A');
			return 1;
		}
		if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		{
			out[0] = (char) c;
			return 1;
		}
		if (c == '\'' || c == '`')
			return 0;
		return -1;
	}
	if (c == 0xB4 || c == 0x2018 || c == 0x2019)	/* ´ ‘ ’ */
		return 0;
	if (c >= 0x300 && c <= 0x36F)	/* combining marks */
		return 0;
	if (c >= 0xC0 && c <= 0xFF)
	{
		char		b = nn_latin1[c - 0xC0];

		/* Ñ ñ stay Ñ (two bytes in UTF-8) */
		if (c == 0xD1 || c == 0xF1)
		{
			out[0] = (char) 0xC3;
			out[1] = (char) 0x91;
			return 2;
		}
		if (c == 0xC6 || c == 0xE6)
		{
			out[0] = 'A';
			out[1] = 'E';
			return 2;
		}
		if (c == 0xDE || c == 0xFE)
		{
			out[0] = 'T';
			out[1] = 'H';
			return 2;
		}
		if (c == 0xDF)
		{
			out[0] = 'S';
			out[1] = 'S';
			return 2;
		}
		if (c == 0xD7 || c == 0xF7)	/* × ÷ */
			return -1;
		out[0] = b;
		return 1;
	}
	if (c >= 0x100 && c <= 0x17F)
	{
		if (c == 0x132 || c == 0x133)
		{
			out[0] = 'I';
			out[1] = 'J';
			return 2;
		}
		if (c == 0x152 || c == 0x153)
		{
			out[0] = 'O';
			out[1] = 'E';
			return 2;
		}
		if (c == 0x149)			/* ŉ */
		{
			out[0] = 'N';
			return 1;
		}
		if (c == 0x138)			/* ĸ */
		{
			out[0] = 'K';
			return 1;
		}
		out[0] = nn_latin_ext_a[c - 0x100];
		return 1;
	}
	/* other Latin-1 symbols, spaces and punctuation blocks separate words */
	if (c < 0xC0 || (c >= 0x2000 && c <= 0x206F) || c == 0x3000 ||
		c == 0xFEFF || (c >= 0x2E00 && c <= 0x2E7F) || (c >= 0x3001 && c <= 0x3003))
		return -1;
	/* any other code point is kept as it is */
	memcpy(out, src, srclen);
	return srclen;
}

static int
nn_token_is(const char *buf, const nn_token *t, const char *word)
{
	size_t		n = strlen(word);

	return t->len == n && memcmp(buf + t->start, word, n) == 0;
}

static const char *const nn_particles[] = {
	"DA", "DAS", "DE", "DEL", "DER", "DI", "DIE", "DD", "EL", "LA", "LAS",
	"LE", "LES", "LOS", "MAC", "MC", "VAN", "VON", "Y", NULL
};

static int
nn_is_particle(const char *buf, const nn_token *t)
{
	int			i;
	char		c0;

	if (t->len > 3)
		return 0;
	c0 = buf[t->start];
	if (c0 != 'D' && c0 != 'E' && c0 != 'L' && c0 != 'M' && c0 != 'V' && c0 != 'Y')
		return 0;
	for (i = 0; nn_particles[i]; i++)
		if (nn_token_is(buf, t, nn_particles[i]))
			return 1;
	return 0;
}

/* the expansion of token k, or NULL to keep it as written */
static const char *
nn_expansion(const char *buf, const nn_token *tok, int k, int ntok)
{
	const nn_token *t = &tok[k];
	int			followed = k + 1 < ntok;

	if (t->len > 3)
		return NULL;
	if (nn_token_is(buf, t, "GPE"))
		return "GUADALUPE";
	if (nn_token_is(buf, t, "FCO"))
		return "FRANCISCO";
	if (nn_token_is(buf, t, "MA") && ((t->flags & NN_ABBREV) || followed))
		return "MARIA";
	if (nn_token_is(buf, t, "J") && (t->flags & NN_ABBREV) && followed)
		return "JOSE";
	return NULL;
}

size_t
name_normalize(const char *in, size_t len, char *out)
{
	/* letters of all words, back to back */
	char		buf[NAME_NORMALIZE_MAX_IN + 8];
	nn_token	tok[NN_MAX_TOKENS];
	int			ntok = 0;
	size_t		nbuf = 0;
	size_t		i = 0;
	int			in_word = 0;
	size_t		o = 0;
	int			k,
				all_particles = 1;
	const unsigned char *s = (const unsigned char *) in;

	if (len > NAME_NORMALIZE_MAX_IN)
		len = NAME_NORMALIZE_MAX_IN;

	/* 1-3: map letters into words */
	while (i < len)
	{
		uint32_t	c;
		int			n;
		int			w;
		char		mapped[4];

		if (s[i] < 0x80)
		{
			/* ASCII, the common case: no decoding, a table lookup */
			char		m = nn_ascii[s[i]];

			if (m > 1)
			{
				if (!in_word)
				{
					tok[ntok].start = (uint16_t) nbuf;
					tok[ntok].flags = 0;
					ntok++;
					in_word = 1;
				}
				buf[nbuf++] = m;
			}
			else if (m == 0)
			{
				if (s[i] == '.' && in_word)
					tok[ntok - 1].flags |= NN_ABBREV;
				in_word = 0;
			}
			/* m == 1: an apostrophe, dropped inside the word */
			i++;
			continue;
		}
		n = name_utf8_decode(s + i, len - i, &c);

		if (n == 0)
		{
			/* an invalid byte separates words */
			in_word = 0;
			i++;
			continue;
		}
		if ((c == 0xAA || c == 0xBA) && in_word)
		{
			/* ordinal indicator: Mª = MA., Nº; the letter joins the word */
			buf[nbuf++] = c == 0xAA ? 'A' : 'O';
			tok[ntok - 1].flags |= NN_ABBREV;
			i += n;
			continue;
		}
		if (c == 0x303 && in_word && nbuf > tok[ntok - 1].start && buf[nbuf - 1] == 'N')
		{
			/* combining tilde on N: decomposed Ñ */
			buf[nbuf - 1] = (char) 0xC3;
			buf[nbuf++] = (char) 0x91;
			i += n;
			continue;
		}
		w = nn_map(c, s + i, n, mapped);
		if (w < 0)
		{
			if (c == '.' && in_word)
				tok[ntok - 1].flags |= NN_ABBREV;
			in_word = 0;
		}
		else if (w > 0)
		{
			if (!in_word)
			{
				tok[ntok].start = (uint16_t) nbuf;
				tok[ntok].flags = 0;
				ntok++;
				in_word = 1;
			}
			memcpy(buf + nbuf, mapped, w);
			nbuf += w;
		}
		i += n;
	}

	/* words are back to back in buf: each ends where the next starts */
	for (k = 0; k < ntok; k++)
		tok[k].len = (uint16_t) ((k + 1 < ntok ? tok[k + 1].start : nbuf) - tok[k].start);

	/* 5: which words are particles, and are all of them? */
	for (k = 0; k < ntok; k++)
	{
		if (nn_is_particle(buf, &tok[k]))
			tok[k].flags |= NN_PARTICLE;
		else
			all_particles = 0;
	}

	/* 4-6: expand, drop particles, join */
	for (k = 0; k < ntok; k++)
	{
		const char *word = buf + tok[k].start;
		size_t		wlen = tok[k].len;
		const char *exp;
		size_t		need;

		if (!all_particles && (tok[k].flags & NN_PARTICLE))
			continue;
		exp = nn_expansion(buf, tok, k, ntok);
		if (exp)
		{
			word = exp;
			wlen = strlen(exp);
		}
		need = wlen + (o > 0 ? 1 : 0);
		if (o + need > NAME_NORMALIZE_MAX_OUT)
		{
			if (o == 0)
			{
				/* a single word longer than the limit: cut at a character */
				wlen = NAME_NORMALIZE_MAX_OUT;
				while (wlen > 0 && ((unsigned char) word[wlen] & 0xC0) == 0x80)
					wlen--;
				memcpy(out, word, wlen);
				o = wlen;
			}
			break;
		}
		if (o > 0)
			out[o++] = ' ';
		memcpy(out + o, word, wlen);
		o += wlen;
	}
	out[o] = '\0';
	return o;
}

int
name_is_normal(const char *in, size_t len)
{
	const unsigned char *s = (const unsigned char *) in;
	size_t		i = 0;

	if (len == 0 || len > NAME_NORMALIZE_MAX_OUT)
		return 0;
	while (i < len)
	{
		size_t		start = i;
		size_t		wl;

		/* one word: A-Z, 0-9 (their own image in nn_ascii), Ñ */
		while (i < len && s[i] != ' ')
		{
			if (s[i] < 0x80 && nn_ascii[s[i]] > 1 && nn_ascii[s[i]] == (char) s[i])
				i++;
			else if (s[i] == 0xC3 && i + 1 < len && s[i + 1] == 0x91)
				i += 2;
			else
				return 0;
		}
		wl = i - start;
		if (wl == 0)
			return 0;			/* leading, trailing or double space */
		if (wl <= 3)
		{
			nn_token	t;

			t.start = 0;
			t.len = (uint16_t) wl;
			t.flags = 0;
			/* a particle, or an abbreviation normalisation would expand */
			if (nn_is_particle(in + start, &t) ||
				nn_token_is(in + start, &t, "GPE") || nn_token_is(in + start, &t, "FCO") ||
				(nn_token_is(in + start, &t, "MA") && i < len))
				return 0;
		}
		if (i < len)
		{
			i++;				/* the space */
			if (i == len)
				return 0;
		}
	}
	return 1;
}
