/*
 * fuzz_names.c
 *		libFuzzer harness of the name cores: any bytes must normalise within
 *		the output bound, idempotently, to valid UTF-8 with single spaces;
 *		the phonetic key stays within its buffer; Jaro-Winkler stays in
 *		[0, 1] and is symmetric; the bounded OSA distance agrees with the
 *		exact one; compare_persons and blocking_keys accept anything.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "name_normalize.h"
#include "name_phonetic.h"
#include "strsim.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_normal_form(const char *s, size_t n)
{
	size_t		i = 0;

	if (n > NAME_NORMALIZE_MAX_OUT || s[n] != '\0')
		abort();
	if (n > 0 && (s[0] == ' ' || s[n - 1] == ' '))
		abort();
	while (i < n)
	{
		uint32_t	c;
		int			k = name_utf8_decode((const unsigned char *) s + i, n - i, &c);

		if (k == 0)
			abort();			/* invalid UTF-8 in the output */
		if (c == ' ' && i + 1 < n && s[i + 1] == ' ')
			abort();
		if (c < 0x80 && c != ' ' && !((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			abort();
		i += k;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		a[NAME_NORMALIZE_BUFSIZE],
				b[NAME_NORMALIZE_BUFSIZE];
	char		pa[NAME_PHONETIC_BUFSIZE],
				pb[NAME_PHONETIC_BUFSIZE];
	const char *s = (const char *) data;
	size_t		na,
				nb,
				half = size / 2;

	na = name_normalize(s, size, a);
	check_normal_form(a, na);
	nb = name_normalize(a, na, b);
	if (na != nb || memcmp(a, b, na) != 0)
		abort();				/* not idempotent */

	/* the fast check never accepts what normalisation would change */
	if (name_is_normal(s, size) && (na != size || memcmp(a, s, size) != 0))
		abort();
	if (name_phonetic(s, size, pa) >= NAME_PHONETIC_BUFSIZE)
		abort();
	/* the key of the normal form is the key of the input */
	name_phonetic_normalized(a, na, pb);
	if (strcmp(pa, pb) != 0)
		abort();

	/* two halves as two strings */
	{
		double		j1 = strsim_jaro_winkler(s, half, s + half, size - half);
		double		j2 = strsim_jaro_winkler(s + half, size - half, s, half);
		int			d = strsim_damerau_levenshtein(s, half, s + half, size - half, -1);

		if (j1 != j2)
			abort();
		if (j1 >= 0 && (j1 > 1.0 + 1e-12 || !(j1 >= 0.0)))
			abort();
		if (d >= 0)
		{
			int			m;

			for (m = 0; m <= 3; m++)
			{
				int			want = d <= m ? d : m + 1;

				if (strsim_damerau_levenshtein(s, half, s + half, size - half, m) != want)
					abort();
			}
		}
	}

	/* records cut out of the input */
	{
		compare_person p,
					q;
		char		keys[COMPARE_MAX_KEYS][COMPARE_KEY_SIZE];
		size_t		third = size / 3;
		int			n,
					i;
		link_gamma_t g;

		memset(&p, 0, sizeof p);
		p.given = s;
		p.given_len = third;
		p.surname1 = s + third;
		p.surname1_len = third;
		p.surname2 = s + 2 * third;
		p.surname2_len = size - 2 * third;
		p.has_dob = size > 0;
		p.dob = size > 4 ? (int32_t) ((uint32_t) data[0] << 24 | (uint32_t) data[1] << 16 | (uint32_t) data[2] << 8 | data[3]) % 3000000 : 0;
		p.sex = s;
		p.sex_len = size > 0 ? 1 : 0;
		q = p;
		q.surname1 = p.surname2;
		q.surname1_len = p.surname2_len;
		q.surname2 = half ? s : NULL;
		q.surname2_len = half;
		g = compare_persons(&p, &q);
		if (!link_gamma_valid(g))
			abort();
		{
			static compare_cache *cache;

			if (cache == NULL)
			{
				cache = malloc(compare_cache_size());
				compare_cache_init(cache);
			}
			/* the memo (warm from earlier inputs) must not change the result */
			if (compare_persons_cached(&p, &q, cache) != g)
				abort();
		}
		g = compare_persons(&p, &p);
		if (!link_gamma_valid(g))
			abort();
		n = compare_blocking_keys(&p, keys);
		if (n < 0 || n > COMPARE_MAX_KEYS)
			abort();
		for (i = 0; i < n; i++)
			if (strlen(keys[i]) >= COMPARE_KEY_SIZE)
				abort();
	}
	return 0;
}
