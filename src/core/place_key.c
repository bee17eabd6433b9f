/*
 * place_key.c
 *		The comparison key of a place name (see place_key.h).  One pass
 *		over the UTF-8 bytes: no allocation, linear time.
 */
#include "place_key.h"

#include <stdint.h>
#include <string.h>

#include "name_normalize.h"

/* base letter of a Latin-1 code point 0xC0..0xFF, or 0 (a separator) */
static const char place_latin1[64] = {
	/* C0 */ 'A', 'A', 'A', 0, 'A', 0, 0, 'C',
	/* C8 */ 'E', 'E', 'E', 'E', 'I', 'I', 'I', 'I',
	/* D0 */ 0, 'N', 'O', 'O', 'O', 0, 'O', 0,
	/* D8 */ 0, 'U', 'U', 'U', 'U', 0, 0, 0,
	/* E0 */ 'A', 'A', 'A', 0, 'A', 0, 0, 'C',
	/* E8 */ 'E', 'E', 'E', 'E', 'I', 'I', 'I', 'I',
	/* F0 */ 0, 'N', 'O', 'O', 'O', 0, 'O', 0,
	/* F8 */ 0, 'U', 'U', 'U', 'U', 0, 0, 0
};

/* the letter or digit at s[*i], advancing *i past it; 0 for a separator */
static char
place_char(const unsigned char *s, size_t len, size_t *i)
{
	uint32_t	cp;
	int			n = name_utf8_decode(s + *i, len - *i, &cp);

	if (n == 0)
	{
		(*i)++;					/* malformed byte */
		return 0;
	}
	*i += n;
	if (cp >= 'a' && cp <= 'z')
		return (char) (cp - 'a' + 'A');
	if ((cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'))
		return (char) cp;
	return cp >= 0xC0 && cp <= 0xFF ? place_latin1[cp - 0xC0] : 0;
}

size_t
place_key(const char *str, size_t len, char *out)
{
	const unsigned char *s = (const unsigned char *) str;
	size_t		i = 0,
				o = 0,
				word = 0;		/* where the current word starts in out */
	int			in_word = 0;

	while (i <= len)
	{
		char		c = i < len ? place_char(s, len, &i) : 0;

		if (c != 0)
		{
			if (!in_word)
			{
				if (o > 0)
					out[o++] = ' ';
				word = o;
				in_word = 1;
			}
			out[o++] = c;
			continue;
		}
		if (in_word && o - word == 2 && out[word] == 'C' && out[word + 1] == 'D')
		{
			memcpy(out + word, "CIUDAD", 6);	/* 2 bytes become 6: cap 3n+1 */
			o = word + 6;
		}
		in_word = 0;
		if (i == len)
			break;
	}
	out[o] = '\0';
	return o;
}
