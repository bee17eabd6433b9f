/*
 * name_phonetic.c
 *		Phonetic key for Latin-American Spanish names, applied word by word
 *		to the normal form (name_normalize) and joined by spaces.
 *
 * Built from the rules of Spanish Metaphone (Mosquera, Lloret, Moreda,
 * NLP4ITA @ LREC 2012) adapted to Latin-American pronunciation (seseo,
 * yeísmo, Mexican x = j), written from the rules, not from any code.  Unlike
 * Metaphone the vowels are kept (as fonetico does, Yomguithereal/talisman),
 * so GARCIA and GARZA, MARIA and MARIO stay apart.  Rules, left to right:
 *
 *	B, V -> B				betacism (Báez / Váez)
 *	C + E/I -> S, Z -> S	seseo (Cecilia / Sesilia, Ruiz / Ruis)
 *	CH -> X					the ch sound (X is free: see X below)
 *	C, K, Q, QU -> K		hard c (Quintero / Kintero)
 *	G + E/I -> J			Giménez / Jiménez
 *	GU + E/I -> G			silent u (Guerrero)
 *	GU + A/O -> W, HU + vowel -> W, W -> W	Guadalupe / Wadalupe, Huerta
 *	H -> (silent)			Hernández / Ernández, Hidalgo / Idalgo
 *	X + vowel -> J, else X -> S		Ximénez, Xavier, Mexía / Mejía
 *	LL -> Y; Y + vowel -> Y; other Y -> I	yeísmo (Castillo / Castiyo,
 *							Ybarra / Ibarra)
 *	Ñ -> N					records typed without ñ (Núñez / Nunez)
 *	N + B/V/P -> M			Zambrano / Sanbrano
 *	PH -> F, TH -> T, SH -> X, initial PS -> S
 *	initial S + consonant -> ES		Stefany / Estefany
 *	a letter repeated (after mapping) is written once: RR -> R, AA -> A
 *	digits and non-Latin letters are kept as they are.
 */
#include "name_phonetic.h"

static int
np_vowel(char c)
{
	return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

/* ASCII consonant letter (Y counts as one here) */
static int
np_consonant(char c)
{
	return c >= 'A' && c <= 'Z' && !np_vowel(c);
}

/*
 * Letters coded without looking at their neighbours (vowels, B V -> B,
 * Z -> S, D F J K M R W, digits); 0 for the letters the switch handles.
 */
static const char np_simple[128] = {
	['A'] = 'A', ['E'] = 'E', ['I'] = 'I', ['O'] = 'O', ['U'] = 'U',
	['B'] = 'B', ['V'] = 'B', ['Z'] = 'S', ['D'] = 'D', ['F'] = 'F',
	['J'] = 'J', ['K'] = 'K', ['M'] = 'M', ['R'] = 'R', ['W'] = 'W',
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
};

/* key of one word w[0..n) (Ñ already folded to N), appended at out+o */
static size_t
np_word(const char *w, size_t n, char *out, size_t o)
{
	size_t		i = 0;
	size_t		start = o;
	char		last = 0;

#define EMIT(ch) \
	do { \
		char ch_ = (ch); \
		if (ch_ != last) \
			out[o++] = ch_; \
		last = ch_; \
	} while (0)

	while (i < n)
	{
		char		c = w[i];
		char		n1 = i + 1 < n ? w[i + 1] : 0;
		char		n2 = i + 2 < n ? w[i + 2] : 0;

		if ((unsigned char) c >= 0x80)
		{
			/* a non-Latin letter: copied byte for byte, never merged */
			out[o++] = c;
			last = 0;
			i++;
			continue;
		}
		if (np_simple[(unsigned char) c])
		{
			/* letters whose code does not depend on their neighbours */
			EMIT(np_simple[(unsigned char) c]);
			i++;
			continue;
		}
		switch (c)
		{
			case 'A':
			case 'E':
			case 'I':
			case 'O':
			case 'U':
				EMIT(c);
				break;
			case 'B':
			case 'V':
				EMIT('B');
				break;
			case 'C':
				if (n1 == 'H')
				{
					EMIT('X');
					i++;
				}
				else if (n1 == 'E' || n1 == 'I')
					EMIT('S');
				else
					EMIT('K');
				break;
			case 'Z':
				EMIT('S');
				break;
			case 'S':
				if (n1 == 'H')
				{
					EMIT('X');
					i++;
				}
				else
				{
					if (o == start && np_consonant(n1) && n1 != 'Y')
						EMIT('E');
					EMIT('S');
				}
				break;
			case 'K':
				EMIT('K');
				break;
			case 'Q':
				EMIT('K');
				if (n1 == 'U')
					i++;
				break;
			case 'G':
				if (n1 == 'E' || n1 == 'I')
					EMIT('J');
				else if (n1 == 'U' && (n2 == 'E' || n2 == 'I'))
				{
					EMIT('G');
					i++;
				}
				else if (n1 == 'U' && (n2 == 'A' || n2 == 'O'))
				{
					EMIT('W');
					i++;
				}
				else
					EMIT('G');
				break;
			case 'H':
				if (n1 == 'U' && np_vowel(n2))
				{
					EMIT('W');
					i++;
				}
				/* otherwise silent */
				break;
			case 'W':
				EMIT('W');
				break;
			case 'J':
				EMIT('J');
				break;
			case 'X':
				EMIT(np_vowel(n1) ? 'J' : 'S');
				break;
			case 'L':
				if (n1 == 'L')
				{
					EMIT('Y');
					i++;
				}
				else
					EMIT('L');
				break;
			case 'Y':
				EMIT(np_vowel(n1) ? 'Y' : 'I');
				break;
			case 'N':
				EMIT((n1 == 'B' || n1 == 'V' || n1 == 'P') ? 'M' : 'N');
				break;
			case 'P':
				if (n1 == 'H')
				{
					EMIT('F');
					i++;
				}
				else if (!(o == start && n1 == 'S'))
					EMIT('P');
				break;
			case 'T':
				EMIT('T');
				if (n1 == 'H')
					i++;
				break;
			default:
				/* D F M R and digits */
				EMIT(c);
				break;
		}
		i++;
	}
#undef EMIT
	return o;
}

size_t
name_phonetic_normalized(const char *norm, size_t len, char *out)
{
	char		word[NAME_NORMALIZE_BUFSIZE];
	size_t		i = 0,
				o = 0;

	if (len > NAME_NORMALIZE_MAX_OUT)
		len = NAME_NORMALIZE_MAX_OUT;
	while (i < len)
	{
		size_t		n = 0;
		size_t		before;

		while (i < len && norm[i] == ' ')
			i++;
		if (i >= len)
			break;
		/* copy the word, folding Ñ (C3 91) to N */
		while (i < len && norm[i] != ' ')
		{
			if ((unsigned char) norm[i] == 0xC3 && i + 1 < len &&
				(unsigned char) norm[i + 1] == 0x91)
			{
				word[n++] = 'N';
				i += 2;
			}
			else
				word[n++] = norm[i++];
		}
		if (o > 0)
			out[o++] = ' ';
		before = o;
		o = np_word(word, n, out, o);
		/* a word made only of silent letters (H) leaves no key */
		if (o == before && before > 0)
			o--;
	}
	out[o] = '\0';
	return o;
}

size_t
name_phonetic(const char *in, size_t len, char *out)
{
	char		norm[NAME_NORMALIZE_BUFSIZE];
	size_t		n = name_normalize(in, len, norm);

	return name_phonetic_normalized(norm, n, out);
}
