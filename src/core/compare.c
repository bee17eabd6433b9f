/*
 * compare.c
 *		compare_persons: one agreement level per field of two person records
 *		(link_gamma), and blocking_keys.  Names are normalised here, so the
 *		caller may pass raw or already normalised text (normalisation is
 *		idempotent); phonetic keys and Jaro-Winkler are computed only when
 *		the cheaper levels fail.
 *
 * Levels (0 = strongest), first that holds wins:
 *	names:	exact after normalisation / equal phonetic keys / Jaro-Winkler of
 *			the normal forms >= 0.92 / >= 0.85 / different.  Given names are
 *			also compared without a leading MARIA or JOSE (María Guadalupe =
 *			Guadalupe), that comparison counting at most as jw92.
 *	joined:	a record with no second surname whose surname1 has two words
 *			("GARCIA LOPEZ") against one with two surnames: the words are
 *			compared with surname1 and surname2 (or swapped) when that gives
 *			jw92 or better on both.
 *	surnames: both records have two surnames and the first surnames agree
 *			worse than jw92 but each surname agrees at jw92 or better with
 *			the other record's other surname: both fields "swapped".  One
 *			record has only one surname: surname2 is "one_missing", and if that
 *			single surname agrees (jw92 or better) with the other record's
 *			second surname rather than its first, surname1 is "swapped".
 *	dob:	exact / day and month transposed / exactly one of year, month,
 *			day different / within 365 days / different.
 *	sex, nationality: equal (trimmed, ASCII case-insensitive) / different.
 *	Missing (one side NULL or empty): 15, except surname2 as above.
 */
#include "compare.h"

#include <string.h>

#include "civil_date.h"
#include "name_normalize.h"
#include "name_phonetic.h"
#include "strsim.h"

int
compare_dob_level(int32_t a, int32_t b)
{
	int			ya,
				ma,
				da,
				yb,
				mb,
				db,
				same;
	int64_t		diff;

	if (a == b)
		return LINK_DOB_EXACT;
	civil_ymd_from_days(a, &ya, &ma, &da);
	civil_ymd_from_days(b, &yb, &mb, &db);
	if (ya == yb && ma == db && da == mb)
		return LINK_DOB_TRANSPOSED;
	same = (ya == yb) + (ma == mb) + (da == db);
	if (same == 2)
		return LINK_DOB_ONE_COMPONENT;
	diff = (int64_t) a - b;
	if (diff <= 365 && diff >= -365)
		return LINK_DOB_WITHIN_YEAR;
	return LINK_DOB_DIFFERENT;
}

/*
 * A normalised name with its phonetic key, computed at most once per call
 * of compare_persons however many comparisons (straight, crossed) use it.
 */
typedef struct
{
	const char *s;
	size_t		len;
	int			ph_len;			/* -1 until computed */
	compare_cache *cache;		/* NULL: no memo */
	char		ph[NAME_PHONETIC_BUFSIZE];
} compare_name;

/*
 * The memo of phonetic keys: direct-mapped by an FNV-1a hash of the normal
 * form; short names only.  Names repeat heavily in real data (the ten most
 * frequent Mexican surnames cover about a fifth of people), so a query
 * comparing many pairs computes each key once.
 */
#define COMPARE_CACHE_SLOTS		2048
#define COMPARE_CACHE_NAME		23
#define COMPARE_CACHE_KEY		31

typedef struct
{
	uint8_t		name_len;		/* 0 = empty slot */
	uint8_t		key_len;
	char		name[COMPARE_CACHE_NAME];
	char		key[COMPARE_CACHE_KEY];
} compare_cache_slot;

struct compare_cache
{
	compare_cache_slot slot[COMPARE_CACHE_SLOTS];
};

size_t
compare_cache_size(void)
{
	return sizeof(compare_cache);
}

void
compare_cache_init(compare_cache *c)
{
	memset(c, 0, sizeof(compare_cache));
}

static void
compare_name_init(compare_name *n, const char *s, size_t len, compare_cache *cache)
{
	n->s = s;
	n->len = len;
	n->ph_len = -1;
	n->cache = cache;
}

static const char *
compare_name_key(compare_name *n)
{
	compare_cache_slot *slot = NULL;

	if (n->ph_len >= 0)
		return n->ph;
	if (n->cache && n->len > 0 && n->len <= COMPARE_CACHE_NAME)
	{
		uint32_t	h = 2166136261u;
		size_t		i;

		for (i = 0; i < n->len; i++)
			h = (h ^ (unsigned char) n->s[i]) * 16777619u;
		slot = &n->cache->slot[(h ^ (h >> 16)) & (COMPARE_CACHE_SLOTS - 1)];
		if (slot->name_len == n->len && memcmp(slot->name, n->s, n->len) == 0)
		{
			memcpy(n->ph, slot->key, slot->key_len);
			n->ph[slot->key_len] = '\0';
			n->ph_len = slot->key_len;
			return n->ph;
		}
	}
	n->ph_len = (int) name_phonetic_normalized(n->s, n->len, n->ph);
	if (slot && n->ph_len <= COMPARE_CACHE_KEY)
	{
		slot->name_len = (uint8_t) n->len;
		memcpy(slot->name, n->s, n->len);
		slot->key_len = (uint8_t) n->ph_len;
		memcpy(slot->key, n->ph, n->ph_len);
	}
	return n->ph;
}

static int
compare_level(compare_name *a, compare_name *b)
{
	double		jw;

	if (a->len == b->len && memcmp(a->s, b->s, a->len) == 0)
		return LINK_NAME_EXACT;
	compare_name_key(a);
	compare_name_key(b);
	if (a->ph_len == b->ph_len && a->ph_len > 0 && memcmp(a->ph, b->ph, a->ph_len) == 0)
		return LINK_NAME_PHONETIC;
	jw = strsim_jaro_winkler(a->s, a->len, b->s, b->len);
	if (jw >= COMPARE_JW_HIGH)
		return LINK_NAME_JW92;
	if (jw >= COMPARE_JW_LOW)
		return LINK_NAME_JW85;
	return LINK_GIVEN_DIFFERENT;	/* 4: "different" of a plain name */
}

int
compare_name_level(const char *a, size_t la, const char *b, size_t lb)
{
	compare_name na,
				nb;

	compare_name_init(&na, a, la, NULL);
	compare_name_init(&nb, b, lb, NULL);
	return compare_level(&na, &nb);
}

/* given names without a leading MARIA or JOSE followed by another word */
static size_t
compare_given_core(const char *s, size_t len, const char **core)
{
	*core = s;
	if (len > 6 && memcmp(s, "MARIA ", 6) == 0)
	{
		*core = s + 6;
		return len - 6;
	}
	if (len > 5 && memcmp(s, "JOSE ", 5) == 0)
	{
		*core = s + 5;
		return len - 5;
	}
	return len;
}

static int
compare_given_level(compare_name *a, compare_name *b)
{
	int			full = compare_level(a, b);
	const char *ca,
			   *cb;
	size_t		lca,
				lcb;
	int			core;

	if (full <= LINK_NAME_JW92)
		return full;
	lca = compare_given_core(a->s, a->len, &ca);
	lcb = compare_given_core(b->s, b->len, &cb);
	if (lca == a->len && lcb == b->len)
		return full;
	core = compare_name_level(ca, lca, cb, lcb);
	if (core < LINK_NAME_JW92)
		core = LINK_NAME_JW92;
	return core < full ? core : full;
}

/* trimmed, ASCII case-insensitive equality; -1 if either is blank */
static int
compare_code_level(const char *a, size_t la, const char *b, size_t lb)
{
	size_t		i;

	while (la > 0 && (*a == ' ' || *a == '\t'))
		a++, la--;
	while (la > 0 && (a[la - 1] == ' ' || a[la - 1] == '\t'))
		la--;
	while (lb > 0 && (*b == ' ' || *b == '\t'))
		b++, lb--;
	while (lb > 0 && (b[lb - 1] == ' ' || b[lb - 1] == '\t'))
		lb--;
	if (la == 0 || lb == 0)
		return LINK_GAMMA_MISSING;
	if (la != lb)
		return LINK_DIFFERENT;
	for (i = 0; i < la; i++)
	{
		unsigned char ca = (unsigned char) a[i],
					cb = (unsigned char) b[i];

		if (ca >= 'a' && ca <= 'z')
			ca -= 'a' - 'A';
		if (cb >= 'a' && cb <= 'z')
			cb -= 'a' - 'A';
		if (ca != cb)
			return LINK_DIFFERENT;
	}
	return LINK_EQUAL;
}

/* the normal forms of a record's names: the input itself when it already is one */
typedef struct
{
	char		buf[3][NAME_NORMALIZE_BUFSIZE];
	const char *given,
			   *s1,
			   *s2;
	size_t		given_len,
				s1_len,
				s2_len;
} compare_norm;

static const char *
compare_normalize_one(const char *in, size_t len, char *buf, size_t *outlen)
{
	if (in == NULL || len == 0)
	{
		*outlen = 0;
		return buf;
	}
	if (name_is_normal(in, len))
	{
		*outlen = len;
		return in;
	}
	*outlen = name_normalize(in, len, buf);
	return buf;
}

static void
compare_normalize(const compare_person *p, compare_norm *n)
{
	n->given = compare_normalize_one(p->given, p->given_len, n->buf[0], &n->given_len);
	n->s1 = compare_normalize_one(p->surname1, p->surname1_len, n->buf[1], &n->s1_len);
	n->s2 = compare_normalize_one(p->surname2, p->surname2_len, n->buf[2], &n->s2_len);
}

link_gamma_t
compare_persons(const compare_person *a, const compare_person *b)
{
	return compare_persons_cached(a, b, NULL);
}

link_gamma_t
compare_persons_cached(const compare_person *a, const compare_person *b,
					   compare_cache *cache)
{
	compare_norm na,
				nb;
	compare_name ag,
				bg,
				a1,
				b1,
				a2,
				b2;
	link_gamma_t g = LINK_GAMMA_ALL_MISSING;
	int			s1 = LINK_GAMMA_MISSING,
				s2 = LINK_GAMMA_MISSING;

	compare_normalize(a, &na);
	compare_normalize(b, &nb);
	compare_name_init(&ag, na.given, na.given_len, cache);
	compare_name_init(&bg, nb.given, nb.given_len, cache);
	compare_name_init(&a1, na.s1, na.s1_len, cache);
	compare_name_init(&b1, nb.s1, nb.s1_len, cache);
	compare_name_init(&a2, na.s2, na.s2_len, cache);
	compare_name_init(&b2, nb.s2, nb.s2_len, cache);

	if (na.given_len && nb.given_len)
		g = link_gamma_set(g, LINK_GAMMA_GIVEN, compare_given_level(&ag, &bg));

	if (na.s1_len && nb.s1_len)
	{
		s1 = compare_level(&a1, &b1);
		if (s1 == LINK_GIVEN_DIFFERENT)
			s1 = LINK_SURNAME1_DIFFERENT;
	}
	if (na.s2_len && nb.s2_len)
	{
		s2 = compare_level(&a2, &b2);
		if (s2 == LINK_GIVEN_DIFFERENT)
			s2 = LINK_SURNAME2_DIFFERENT;
	}
	else if (na.s2_len || nb.s2_len)
		s2 = LINK_SURNAME2_ONE_MISSING;

	/*
	 * Both surnames typed in surname1 ("GARCIA LOPEZ" or "GARCIA-LOPEZ",
	 * surname2 empty: a US habit) against a record with two: split at the
	 * first space and compare word by word, straight or swapped.
	 */
	if (s1 != LINK_GAMMA_MISSING && s1 > LINK_NAME_JW92 &&
		(na.s2_len == 0) != (nb.s2_len == 0))
	{
		compare_name *joined = na.s2_len ? &b1 : &a1;
		compare_name *f1 = na.s2_len ? &a1 : &b1;
		compare_name *f2 = na.s2_len ? &a2 : &b2;
		const char *sp = memchr(joined->s, ' ', joined->len);

		if (sp)
		{
			compare_name w1,
						w2;
			int			l1,
						l2;

			compare_name_init(&w1, joined->s, (size_t) (sp - joined->s), cache);
			compare_name_init(&w2, sp + 1, joined->len - (size_t) (sp + 1 - joined->s), cache);
			l1 = compare_level(&w1, f1);
			l2 = l1 <= LINK_NAME_JW92 ? compare_level(&w2, f2) : LINK_GIVEN_DIFFERENT;
			if (l1 <= LINK_NAME_JW92 && l2 <= LINK_NAME_JW92)
			{
				s1 = l1;
				s2 = l2;
			}
			else if (compare_level(&w1, f2) <= LINK_NAME_JW92 &&
					 compare_level(&w2, f1) <= LINK_NAME_JW92)
				s1 = s2 = LINK_SURNAME1_SWAPPED;
		}
	}

	/* swapped surnames, only when the straight first surnames are weak */
	if (s1 != LINK_GAMMA_MISSING && s1 > LINK_NAME_JW92)
	{
		if (na.s2_len && nb.s2_len)
		{
			if (compare_level(&a1, &b2) <= LINK_NAME_JW92 &&
				compare_level(&a2, &b1) <= LINK_NAME_JW92)
				s1 = s2 = LINK_SURNAME1_SWAPPED;
		}
		else if (na.s2_len)
		{
			/* b has one surname: is it a's second? */
			if (compare_level(&a2, &b1) <= LINK_NAME_JW92)
				s1 = LINK_SURNAME1_SWAPPED;
		}
		else if (nb.s2_len)
		{
			if (compare_level(&b2, &a1) <= LINK_NAME_JW92)
				s1 = LINK_SURNAME1_SWAPPED;
		}
	}
	g = link_gamma_set(g, LINK_GAMMA_SURNAME1, s1);
	g = link_gamma_set(g, LINK_GAMMA_SURNAME2, s2);

	if (a->has_dob && b->has_dob)
		g = link_gamma_set(g, LINK_GAMMA_DOB, compare_dob_level(a->dob, b->dob));
	if (a->sex && b->sex)
		g = link_gamma_set(g, LINK_GAMMA_SEX,
						   compare_code_level(a->sex, a->sex_len, b->sex, b->sex_len));
	if (a->nationality && b->nationality)
		g = link_gamma_set(g, LINK_GAMMA_NATIONALITY,
						   compare_code_level(a->nationality, a->nationality_len,
											  b->nationality, b->nationality_len));
	return g;
}

/* appends src (cut to keep room for tail bytes) at key+*o */
static void
compare_key_part(char *key, size_t *o, const char *src, size_t len, size_t room)
{
	if (*o >= room)
		return;
	if (len > room - *o)
	{
		len = room - *o;
		/* never cut inside a UTF-8 sequence */
		while (len > 0 && ((unsigned char) src[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(key + *o, src, len);
	*o += len;
}

static size_t
compare_first_word(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len && s[i] != ' ')
		i++;
	return i;
}

int
compare_blocking_keys(const compare_person *p, char keys[COMPARE_MAX_KEYS][COMPARE_KEY_SIZE])
{
	compare_norm n;
	char		ph[NAME_PHONETIC_BUFSIZE];
	char		date[16];
	int			nk = 0;
	int			y = 0,
				m = 0,
				d = 0;
	const size_t room = COMPARE_KEY_SIZE - 1;

	compare_normalize(p, &n);
	if (p->has_dob)
	{
		int			yy;

		civil_ymd_from_days(p->dob, &y, &m, &d);
		/* yyyy with sign for years outside 0..9999, then -mm-dd */
		yy = y < 0 ? -y : y;
		date[0] = y < 0 ? '-' : '+';
		date[1] = (char) ('0' + (yy / 1000) % 10);
		date[2] = (char) ('0' + (yy / 100) % 10);
		date[3] = (char) ('0' + (yy / 10) % 10);
		date[4] = (char) ('0' + yy % 10);
		date[5] = '-';
		date[6] = (char) ('0' + m / 10);
		date[7] = (char) ('0' + m % 10);
		date[8] = '-';
		date[9] = (char) ('0' + d / 10);
		date[10] = (char) ('0' + d % 10);
		date[11] = '\0';
	}

	/* S|surname key|year, for each surname: swaps and dropped surnames meet */
	if (p->has_dob)
	{
		const char *sur[2] = {n.s1, n.s2};
		size_t		surlen[2] = {n.s1_len, n.s2_len};
		int			k;

		for (k = 0; k < 2; k++)
		{
			size_t		o = 0,
						pl;

			if (surlen[k] == 0)
				continue;
			pl = name_phonetic_normalized(sur[k], surlen[k], ph);
			compare_key_part(keys[nk], &o, "S|", 2, room);
			compare_key_part(keys[nk], &o, ph, pl, room - 6);
			compare_key_part(keys[nk], &o, "|", 1, room);
			compare_key_part(keys[nk], &o, date + 1, 4, room);
			keys[nk][o] = '\0';
			/* the two surnames may give the same key */
			if (k == 1 && nk > 0 && strcmp(keys[nk], keys[nk - 1]) == 0)
				continue;
			nk++;
		}
	}

	/* G|initial of the given name (without MARIA/JOSE)|full birth date */
	if (p->has_dob && n.given_len)
	{
		const char *core;
		size_t		cl = compare_given_core(n.given, n.given_len, &core);
		size_t		o = 0,
					il = 1;

		if ((unsigned char) core[0] >= 0x80)
		{
			uint32_t	cp;

			il = (size_t) name_utf8_decode((const unsigned char *) core, cl, &cp);
			if (il == 0)
				il = 1;
		}
		compare_key_part(keys[nk], &o, "G|", 2, room);
		compare_key_part(keys[nk], &o, core, il, room);
		compare_key_part(keys[nk], &o, "|", 1, room);
		compare_key_part(keys[nk], &o, date + 1, 10, room);
		keys[nk][o] = '\0';
		nk++;
	}

	/* N|phonetic first given word|phonetic first surname: catches bad dates */
	if (n.given_len && n.s1_len)
	{
		const char *core;
		size_t		cl = compare_given_core(n.given, n.given_len, &core);
		size_t		o = 0,
					pl;
		char		ph2[NAME_PHONETIC_BUFSIZE];
		size_t		pl2;

		pl = name_phonetic_normalized(core, compare_first_word(core, cl), ph);
		pl2 = name_phonetic_normalized(n.s1, n.s1_len, ph2);
		compare_key_part(keys[nk], &o, "N|", 2, room);
		compare_key_part(keys[nk], &o, ph, pl, room / 2);
		compare_key_part(keys[nk], &o, "|", 1, room);
		compare_key_part(keys[nk], &o, ph2, pl2, room);
		keys[nk][o] = '\0';
		nk++;
	}
	return nk;
}
