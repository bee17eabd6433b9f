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
 *			Guadalupe), and word by word, a word equal to one of the other
 *			record's or its nickname (Fernando Antonio = Antonio, Francisco =
 *			Pancho; given_names.c; MARIA and JOSE alone do not count): these
 *			comparisons count at most as jw92.
 *	joined:	a record with no second surname whose surname1 has two words
 *			("GARCIA LOPEZ") against one with two surnames: the words are
 *			compared with surname1 and surname2 (or swapped) when that gives
 *			jw92 or better on both.
 *	surnames: both records have two surnames and the first surnames agree
 *			worse than jw92 but each surname agrees at jw92 or better with
 *			the other record's other surname: surname1 is "swapped" and
 *			surname2 the weaker of the two crosswise levels (symmetric),
 *			so the two fields carry separate evidence
 *			and a swap is not counted twice (EM, which takes fields as
 *			independent, otherwise finds swapped pairs a class of their
 *			own).  One
 *			record has only one surname: surname2 is "one_missing", and if that
 *			single surname agrees (jw92 or better) with the other record's
 *			second surname rather than its first, surname1 is "swapped".
 *	dob:	exact / day and month transposed / year off by one (day and
 *			month equal) / exactly one of year, month, day different /
 *			within 365 days / different.
 *	sex, nationality: equal (trimmed, ASCII case-insensitive) / different.
 *	Missing (one side NULL or empty): 15, except surname2 as above.
 */
#include "compare.h"

#include <string.h>

#include "civil_date.h"
#include "given_names.h"
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
	/* the year off by one (29 February read as the 28th in a common year) */
	if ((ya - yb == 1 || yb - ya == 1) && ma == mb &&
		(da == db || (ma == 2 && da + db == 57)))
		return LINK_DOB_YEAR_OFF;
	same = (ya == yb) + (ma == mb) + (da == db);
	if (same == 2)
		return LINK_DOB_ONE_COMPONENT;
	diff = (int64_t) a - b;
	if (diff <= 365 && diff >= -365)
		return LINK_DOB_WITHIN_YEAR;
	return LINK_DOB_DIFFERENT;
}

/*
 * The memo: direct-mapped by a hash of the name as given (raw or already
 * normalised), each slot holding that spelling, its normal form (or a flag
 * saying the spelling is its own normal form) and, once some comparison
 * needed it, the phonetic key of the normal form.  Short names only.  Names
 * repeat heavily in real data (the ten most frequent Mexican surnames cover
 * about a fifth of people), so a query comparing many pairs normalises and
 * keys each spelling once.  A slot is overwritten by the next spelling
 * hashing to it and a hit is a full byte comparison, so the results are
 * those without the memo.
 */
#define COMPARE_CACHE_SLOTS		4096
#define COMPARE_CACHE_NAME		20
#define COMPARE_CACHE_KEY		20
#define COMPARE_KEY_UNKNOWN		0xFF

typedef struct
{
	uint8_t		raw_len;		/* 0 = empty slot */
	uint8_t		same;			/* the spelling is its own normal form */
	uint8_t		norm_len;		/* when not same */
	uint8_t		key_len;		/* COMPARE_KEY_UNKNOWN until computed */
	char		raw[COMPARE_CACHE_NAME];
	char		norm[COMPARE_CACHE_NAME];
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
	int			i;

	/* only the lengths need a value */
	for (i = 0; i < COMPARE_CACHE_SLOTS; i++)
		c->slot[i].raw_len = 0;
}

/* 8 bytes at s, unaligned */
static inline uint64_t
compare_load8(const char *s)
{
	uint64_t	x;

	memcpy(&x, s, 8);
	return x;
}

/*
 * Hash of s[0..len), 1 <= len <= COMPARE_CACHE_NAME: a word at a time (the
 * last word overlapping the one before), short strings by bytes, never
 * reading outside the string.
 */
static inline uint32_t
compare_hash(const char *s, size_t len)
{
	uint64_t	h = len * 0x9E3779B97F4A7C15ull;
	size_t		i;

	if (len >= 8)
	{
		for (i = 0; i + 8 < len; i += 8)
			h = (h ^ compare_load8(s + i)) * 0xBF58476D1CE4E5B9ull;
		h = (h ^ compare_load8(s + len - 8)) * 0x94D049BB133111EBull;
	}
	else
	{
		uint64_t	x = 0;

		for (i = 0; i < len; i++)
			x = (x << 8) | (unsigned char) s[i];
		h = (h ^ x) * 0x94D049BB133111EBull;
	}
	h ^= h >> 31;
	return (uint32_t) (h ^ (h >> 17));
}

/*
 * a[0..len) = b[0..len) for 1 <= len <= COMPARE_CACHE_NAME, inline (names
 * are short: a call to memcmp costs more than the comparison), reading
 * only inside both.
 */
static inline int
compare_eq_short(const char *a, const char *b, size_t len)
{
	if (len >= 8)
	{
		size_t		i;

		for (i = 0; i + 8 < len; i += 8)
			if (compare_load8(a + i) != compare_load8(b + i))
				return 0;
		return compare_load8(a + len - 8) == compare_load8(b + len - 8);
	}
	if (len >= 4)
	{
		uint32_t	x,
					y,
					u,
					v;

		memcpy(&x, a, 4);
		memcpy(&y, b, 4);
		memcpy(&u, a + len - 4, 4);
		memcpy(&v, b + len - 4, 4);
		return x == y && u == v;
	}
	return a[0] == b[0] && a[len >> 1] == b[len >> 1] && a[len - 1] == b[len - 1];
}

/* a[0..len) = b[0..len), any length */
static inline int
compare_eq(const char *a, const char *b, size_t len)
{
	if (len == 0)
		return 1;
	if (len <= COMPARE_CACHE_NAME)
		return compare_eq_short(a, b, len);
	return memcmp(a, b, len) == 0;
}

/* the slot s belongs in; *hit = it holds s */
static inline compare_cache_slot *
compare_cache_slot_of(compare_cache *c, const char *s, size_t len, int *hit)
{
	compare_cache_slot *slot = &c->slot[compare_hash(s, len) & (COMPARE_CACHE_SLOTS - 1)];

	*hit = slot->raw_len == len && compare_eq_short(slot->raw, s, len);
	return slot;
}

/*
 * A normalised name with its phonetic key, computed at most once per call
 * of compare_persons however many comparisons (straight, crossed) use it.
 */
typedef struct
{
	const char *s;				/* the normal form */
	size_t		len;
	int			ph_len;			/* -1 until computed */
	compare_cache *cache;		/* NULL: no memo */
	/* the memo slot of the spelling raw[0..raw_len), if any */
	compare_cache_slot *slot;
	const char *raw;
	size_t		raw_len;
	char		ph[NAME_PHONETIC_BUFSIZE];
} compare_name;

/* a name already in normal form */
static void
compare_name_init(compare_name *n, const char *s, size_t len, compare_cache *cache)
{
	n->s = s;
	n->len = len;
	n->ph_len = -1;
	n->cache = cache;
	n->slot = NULL;
	if (cache && len > 0 && len <= COMPARE_CACHE_NAME)
	{
		int			hit;
		compare_cache_slot *slot = compare_cache_slot_of(cache, s, len, &hit);

		/* a spelling whose normal form is itself: its key is ours */
		if (hit && slot->same)
		{
			n->slot = slot;
			n->raw = s;
			n->raw_len = len;
		}
	}
}

/* the normal form of a name: the input itself when it already is one */
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

/* the phonetic key a memo slot holds, into n */
static inline void
compare_name_slot_key(compare_name *n, const compare_cache_slot *slot)
{
	/* whole field: a constant-size copy is a few moves */
	memcpy(n->ph, slot->key, COMPARE_CACHE_KEY);
	n->ph[slot->key_len] = '\0';
	n->ph_len = slot->key_len;
}

/*
 * A name as given (NULL or empty = missing): its normal form, from the
 * memo or computed into buf (NAME_NORMALIZE_BUFSIZE bytes) and memoised.
 */
static void
compare_name_from(compare_name *n, const char *in, size_t len, char *buf, compare_cache *cache)
{
	compare_cache_slot *slot = NULL;
	int			hit = 0;

	n->ph_len = -1;
	n->cache = cache;
	n->slot = NULL;
	if (in == NULL || len == 0)
	{
		n->s = buf;
		n->len = 0;
		return;
	}
	if (cache && len <= COMPARE_CACHE_NAME)
		slot = compare_cache_slot_of(cache, in, len, &hit);
	if (hit)
	{
		if (slot->same)
		{
			n->s = in;
			n->len = len;
		}
		else
		{
			/*
			 * Copied, since a later spelling may take the slot during this
			 * call; the whole field: a constant-size copy is a few moves.
			 */
			memcpy(buf, slot->norm, COMPARE_CACHE_NAME);
			buf[slot->norm_len] = '\0';
			n->s = buf;
			n->len = slot->norm_len;
		}
		if (slot->key_len != COMPARE_KEY_UNKNOWN)
			compare_name_slot_key(n, slot);
	}
	else
	{
		int			same;

		n->s = compare_normalize_one(in, len, buf, &n->len);
		same = n->s == in;
		if (slot == NULL || (!same && n->len > COMPARE_CACHE_NAME))
			return;
		slot->raw_len = (uint8_t) len;
		memcpy(slot->raw, in, len);
		slot->same = (uint8_t) same;
		slot->norm_len = same ? 0 : (uint8_t) n->len;
		if (!same)
			memcpy(slot->norm, n->s, n->len);
		slot->key_len = COMPARE_KEY_UNKNOWN;
	}
	n->slot = slot;
	n->raw = in;
	n->raw_len = len;
}

static const char *
compare_name_key(compare_name *n)
{
	int			mine;

	if (n->ph_len >= 0)
		return n->ph;
	/* the slot is still ours unless another spelling took it meanwhile */
	mine = n->slot && n->slot->raw_len == n->raw_len &&
		compare_eq_short(n->slot->raw, n->raw, n->raw_len);
	if (mine && n->slot->key_len != COMPARE_KEY_UNKNOWN)
	{
		compare_name_slot_key(n, n->slot);
		return n->ph;
	}
	n->ph_len = (int) name_phonetic_normalized(n->s, n->len, n->ph);
	if (mine && n->ph_len <= COMPARE_CACHE_KEY)
	{
		n->slot->key_len = (uint8_t) n->ph_len;
		memcpy(n->slot->key, n->ph, n->ph_len);
	}
	return n->ph;
}

static int
compare_level(compare_name *a, compare_name *b)
{
	double		jw;

	if (a->len == b->len && compare_eq(a->s, b->s, a->len))
		return LINK_NAME_EXACT;
	compare_name_key(a);
	compare_name_key(b);
	if (a->ph_len == b->ph_len && a->ph_len > 0 && compare_eq(a->ph, b->ph, a->ph_len))
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

/* the words of a normal form (one space between words), at most max */
static int
compare_words(const char *s, size_t len, const char **w, size_t *wl, int max)
{
	int			n = 0;
	size_t		i = 0;

	while (i < len && n < max)
	{
		size_t		j = i;

		while (j < len && s[j] != ' ')
			j++;
		if (j > i)
		{
			w[n] = s + i;
			wl[n++] = j - i;
		}
		i = j + 1;
	}
	return n;
}

/*
 * One given name of a is the same name as one of b, or its nickname
 * (given_names.c): one of two names dropped (FERNANDO ANTONIO / ANTONIO),
 * or a nickname (FRANCISCO / PANCHO).  MARIA and JOSE, which begin half
 * the compound names, do not count alone.
 */
static int
compare_given_shared_word(const char *a, size_t la, const char *b, size_t lb)
{
	const char *wa[4],
			   *wb[4];
	size_t		lwa[4],
				lwb[4];
	int			na = compare_words(a, la, wa, lwa, 4),
				nb = compare_words(b, lb, wb, lwb, 4),
				i,
				j;

	for (i = 0; i < na; i++)
	{
		int			common = (lwa[i] == 5 && memcmp(wa[i], "MARIA", 5) == 0) ||
			(lwa[i] == 4 && memcmp(wa[i], "JOSE", 4) == 0);

		for (j = 0; j < nb; j++)
		{
			if (common && lwb[j] == lwa[i] && memcmp(wa[i], wb[j], lwa[i]) == 0)
				continue;
			if (given_name_equivalent(wa[i], lwa[i], wb[j], lwb[j]))
				return 1;
		}
	}
	return 0;
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
	if (compare_given_shared_word(a->s, a->len, b->s, b->len))
		return LINK_NAME_JW92;
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
	char		buf[6][NAME_NORMALIZE_BUFSIZE];
	compare_name ag,
				bg,
				a1,
				b1,
				a2,
				b2;
	link_gamma_t g = LINK_GAMMA_ALL_MISSING;
	int			s1 = LINK_GAMMA_MISSING,
				s2 = LINK_GAMMA_MISSING;

	compare_name_from(&ag, a->given, a->given_len, buf[0], cache);
	compare_name_from(&bg, b->given, b->given_len, buf[1], cache);
	compare_name_from(&a1, a->surname1, a->surname1_len, buf[2], cache);
	compare_name_from(&b1, b->surname1, b->surname1_len, buf[3], cache);
	compare_name_from(&a2, a->surname2, a->surname2_len, buf[4], cache);
	compare_name_from(&b2, b->surname2, b->surname2_len, buf[5], cache);

	if (ag.len && bg.len)
		g = link_gamma_set(g, LINK_GAMMA_GIVEN, compare_given_level(&ag, &bg));

	if (a1.len && b1.len)
	{
		s1 = compare_level(&a1, &b1);
		if (s1 == LINK_GIVEN_DIFFERENT)
			s1 = LINK_SURNAME1_DIFFERENT;
	}
	if (a2.len && b2.len)
	{
		s2 = compare_level(&a2, &b2);
		if (s2 == LINK_GIVEN_DIFFERENT)
			s2 = LINK_SURNAME2_DIFFERENT;
	}
	else if (a2.len || b2.len)
		s2 = LINK_SURNAME2_ONE_MISSING;

	/*
	 * Both surnames typed in surname1 ("GARCIA LOPEZ" or "GARCIA-LOPEZ",
	 * surname2 empty: a US habit) against a record with two: split at the
	 * first space and compare word by word, straight or swapped.
	 */
	if (s1 != LINK_GAMMA_MISSING && s1 > LINK_NAME_JW92 &&
		(a2.len == 0) != (b2.len == 0))
	{
		compare_name *joined = a2.len ? &b1 : &a1;
		compare_name *f1 = a2.len ? &a1 : &b1;
		compare_name *f2 = a2.len ? &a2 : &b2;
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
			else if ((l1 = compare_level(&w1, f2)) <= LINK_NAME_JW92 &&
					 (l2 = compare_level(&w2, f1)) <= LINK_NAME_JW92)
			{
				s1 = LINK_SURNAME1_SWAPPED;
				s2 = l1 > l2 ? l1 : l2;
			}
		}
	}

	/* swapped surnames, only when the straight first surnames are weak */
	if (s1 != LINK_GAMMA_MISSING && s1 > LINK_NAME_JW92)
	{
		if (a2.len && b2.len)
		{
			int			c1,
						c2;

			if ((c1 = compare_level(&a1, &b2)) <= LINK_NAME_JW92 &&
				(c2 = compare_level(&a2, &b1)) <= LINK_NAME_JW92)
			{
				s1 = LINK_SURNAME1_SWAPPED;
				s2 = c1 > c2 ? c1 : c2;
			}
		}
		else if (a2.len)
		{
			/* b has one surname: is it a's second? */
			if (compare_level(&a2, &b1) <= LINK_NAME_JW92)
				s1 = LINK_SURNAME1_SWAPPED;
		}
		else if (b2.len)
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

/* the first character (a whole UTF-8 sequence) of s: its length */
static size_t
compare_initial_len(const char *s, size_t len)
{
	uint32_t	cp;
	size_t		il;

	if (len == 0 || (unsigned char) s[0] < 0x80)
		return len ? 1 : 0;
	il = (size_t) name_utf8_decode((const unsigned char *) s, len, &cp);
	return il ? il : 1;
}

/* the decimal digits of v, with a '-' when negative; returns the length */
static size_t
compare_itoa(long v, char *out)
{
	char		rev[24];
	size_t		r = 0,
				o = 0;
	unsigned long u = v < 0 ? (unsigned long) (-(v + 1)) + 1 : (unsigned long) v;

	do
	{
		rev[r++] = (char) ('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		out[o++] = '-';
	while (r > 0)
		out[o++] = rev[--r];
	out[o] = '\0';
	return o;
}

/* floor(v / 10) */
static long
compare_decade(long v)
{
	return v >= 0 ? v / 10 : -((-v + 9) / 10);
}

/* a key assembled from parts; added unless it is already there */
typedef struct
{
	char		(*keys)[COMPARE_KEY_SIZE];
	int			n;
} compare_keyset;

static void
compare_key_add(compare_keyset *ks, const char *const *part, const size_t *plen, int nparts)
{
	char	   *key;
	size_t		o = 0;
	int			i;
	const size_t room = COMPARE_KEY_SIZE - 1;

	if (ks->n >= COMPARE_MAX_KEYS)
		return;
	key = ks->keys[ks->n];
	for (i = 0; i < nparts; i++)
	{
		if (i > 0)
			compare_key_part(key, &o, "|", 1, room);
		/* the later parts (dates, short codes) keep their room */
		compare_key_part(key, &o, part[i], plen[i], i + 1 < nparts ? room - 24 : room);
	}
	key[o] = '\0';
	for (i = 0; i < ks->n; i++)
		if (strcmp(ks->keys[i], key) == 0)
			return;
	ks->n++;
}

/*
 * Blocking keys, six families (docs/linkage.md): a pair of records is a
 * candidate when the two share one key.  "Surname words" are the words of
 * both surname fields after normalisation (particles dropped, so DE LA
 * CRUZ is CRUZ; a compound or joined surname, GARCIA LOPEZ, gives both
 * words), at most COMPARE_MAX_SURNAME_WORDS; "given words" likewise, each
 * read through the nickname table (PANCHO -> FRANCISCO, given_names.c),
 * without MARIA and JOSE when the name has another word (as the official
 * key generators skip them).  "Decades" are those of the birth year and of
 * the years before and after it (one or two), or, without a birth date,
 * every decade from the 1900s to the 2030s: a missing date matches any.
 *	S|surname|yyyy|mm		phonetic key of each surname word, birth year
 *							and month: survives a swap, a dropped or joined
 *							surname, any error of the given name or the day
 *	D|surname|dd|mm			each surname word with day and month in
 *							increasing order and no year: survives a
 *							transposed date and a year off by one
 *	G|initial|yyyy-mm-dd	initial of each given word and of each surname
 *							word, and the full birth date: survives any
 *							error of the other names, a typo after the
 *							first letter, a dropped given name or nickname,
 *							given name and surname swapped between fields
 *	P|name|name|dd|mm		phonetic keys of each given word and each
 *							surname word, sorted, with day and month in
 *							increasing order: survives a wrong year (a digit
 *							typo in the decade too) and a swap
 *	N|name|name|decade		phonetic keys of each given word and each
 *							surname word, sorted: survives a wrong or
 *							missing date and a swap
 *	F|surname|surname|decade	the two first surname words, sorted:
 *							survives errors in the given name and the date
 *							together
 * The year is written in full with its sign (-44, 2024, 12024).
 */
#define COMPARE_MAX_SURNAME_WORDS	4
#define COMPARE_MAX_GIVEN_WORDS		3
/* without a date, the name x name keys take the first two words only */
#define COMPARE_WILD_WORDS			2
#define COMPARE_WILD_FIRST			190		/* the 1900s */
#define COMPARE_WILD_LAST			203		/* the 2030s */

int
compare_blocking_keys(const compare_person *p, char keys[COMPARE_MAX_KEYS][COMPARE_KEY_SIZE])
{
	compare_norm n;
	compare_keyset ks = {keys, 0};
	char		sph[COMPARE_MAX_SURNAME_WORDS][NAME_PHONETIC_BUFSIZE];
	size_t		sphl[COMPARE_MAX_SURNAME_WORDS];
	char		gph[COMPARE_MAX_GIVEN_WORDS][NAME_PHONETIC_BUFSIZE];
	size_t		gphl[COMPARE_MAX_GIVEN_WORDS];
	const char *gini[COMPARE_MAX_GIVEN_WORDS];
	size_t		ginil[COMPARE_MAX_GIVEN_WORDS];
	const char *sini[COMPARE_MAX_SURNAME_WORDS];
	size_t		sinil[COMPARE_MAX_SURNAME_WORDS];
	const char *w[COMPARE_MAX_SURNAME_WORDS];
	size_t		wl[COMPARE_MAX_SURNAME_WORDS];
	int			ns = 0,
				ng = 0,
				i,
				j,
				k;
	char		year[16],
				full[32],
				dd[3],
				mm[3];
	size_t		yl = 0,
				fl = 0;
	int			y = 0,
				m = 0,
				d = 0,
				lo,
				hi;

	compare_normalize(p, &n);
	if (p->has_dob)
	{
		int			yy;
		char		rev[16];
		size_t		r = 0;

		civil_ymd_from_days(p->dob, &y, &m, &d);
		/* the year in full, with its sign: no two years share a key */
		yy = y < 0 ? -y : y;
		do
		{
			rev[r++] = (char) ('0' + yy % 10);
			yy /= 10;
		} while (yy > 0);
		if (y < 0)
			year[yl++] = '-';
		while (r > 0)
			year[yl++] = rev[--r];
		year[yl] = '\0';
		memcpy(full, year, yl);
		fl = yl;
		full[fl++] = '-';
		full[fl++] = (char) ('0' + m / 10);
		full[fl++] = (char) ('0' + m % 10);
		full[fl++] = '-';
		full[fl++] = (char) ('0' + d / 10);
		full[fl++] = (char) ('0' + d % 10);
		full[fl] = '\0';
	}

	/* surname words, both fields, distinct phonetic keys */
	for (k = 0; k < 2; k++)
	{
		int			nw = compare_words(k == 0 ? n.s1 : n.s2, k == 0 ? n.s1_len : n.s2_len,
									   w, wl, COMPARE_MAX_SURNAME_WORDS);

		for (i = 0; i < nw && ns < COMPARE_MAX_SURNAME_WORDS; i++)
		{
			int			dup = 0;

			sphl[ns] = name_phonetic_normalized(w[i], wl[i], sph[ns]);
			if (sphl[ns] == 0)
				continue;
			for (j = 0; j < ns; j++)
				dup |= sphl[j] == sphl[ns] && memcmp(sph[j], sph[ns], sphl[ns]) == 0;
			if (!dup)
			{
				sini[ns] = w[i];
				sinil[ns] = compare_initial_len(w[i], wl[i]);
				ns++;
			}
		}
	}
	/*
	 * given words through the nickname table; MARIA and JOSE, which begin
	 * half the compound names, only when no other word is there (their
	 * blocks would be large and say little)
	 */
	{
		int			nw = compare_words(n.given, n.given_len, w, wl, COMPARE_MAX_GIVEN_WORDS);
		int			common[COMPARE_MAX_GIVEN_WORDS],
					ncommon = 0;

		for (i = 0; i < nw; i++)
		{
			common[i] = (wl[i] == 5 && memcmp(w[i], "MARIA", 5) == 0) ||
				(wl[i] == 4 && memcmp(w[i], "JOSE", 4) == 0);
			ncommon += common[i];
		}
		for (i = 0; i < nw; i++)
		{
			size_t		cl;
			const char *c;

			if (common[i] && ncommon < nw)
				continue;
			c = given_name_canonical(w[i], wl[i], &cl);

			gphl[ng] = name_phonetic_normalized(c, cl, gph[ng]);
			if (gphl[ng] == 0)
				continue;
			gini[ng] = c;
			ginil[ng] = compare_initial_len(c, cl);
			ng++;
		}
	}

	if (p->has_dob)
	{
		lo = d < m ? d : m;
		hi = d < m ? m : d;
		dd[0] = (char) ('0' + lo / 10);
		dd[1] = (char) ('0' + lo % 10);
		mm[0] = (char) ('0' + hi / 10);
		mm[1] = (char) ('0' + hi % 10);
		for (i = 0; i < ns; i++)
		{
			const char *part[4] = {"S", sph[i], year, full + yl + 1};
			size_t		plen[4] = {1, sphl[i], yl, 2};

			compare_key_add(&ks, part, plen, 4);
		}
		for (i = 0; i < ns; i++)
		{
			const char *part[4] = {"D", sph[i], dd, mm};
			size_t		plen[4] = {1, sphl[i], 2, 2};

			compare_key_add(&ks, part, plen, 4);
		}
		/* initials of the given words, then of the surname words */
		for (i = 0; i < ng + ns; i++)
		{
			const char *part[3] = {"G", i < ng ? gini[i] : sini[i - ng], full};
			size_t		plen[3] = {1, i < ng ? ginil[i] : sinil[i - ng], fl};

			compare_key_add(&ks, part, plen, 3);
		}
		for (i = 0; i < ng; i++)
			for (j = 0; j < ns; j++)
			{
				int			swap = strcmp(gph[i], sph[j]) > 0;
				const char *part[5] = {"P", swap ? sph[j] : gph[i], swap ? gph[i] : sph[j], dd, mm};
				size_t		plen[5] = {1, swap ? sphl[j] : gphl[i], swap ? gphl[i] : sphl[j], 2, 2};

				compare_key_add(&ks, part, plen, 5);
			}
	}
	/* the decades of the date-free families */
	{
		char		dec[COMPARE_WILD_LAST - COMPARE_WILD_FIRST + 1][24];
		size_t		decl[COMPARE_WILD_LAST - COMPARE_WILD_FIRST + 1];
		int			nd = 0,
					gmax = ng,
					smax = ns,
					t;

		if (p->has_dob)
		{
			long		d0 = compare_decade((long) y - 1),
						d1 = compare_decade((long) y + 1);

			decl[nd] = compare_itoa(d0, dec[nd]);
			nd++;
			if (d1 != d0)
			{
				decl[nd] = compare_itoa(d1, dec[nd]);
				nd++;
			}
		}
		else
		{
			long		dd10;

			for (dd10 = COMPARE_WILD_FIRST; dd10 <= COMPARE_WILD_LAST; dd10++)
			{
				decl[nd] = compare_itoa(dd10, dec[nd]);
				nd++;
			}
			if (gmax > COMPARE_WILD_WORDS)
				gmax = COMPARE_WILD_WORDS;
			if (smax > COMPARE_WILD_WORDS)
				smax = COMPARE_WILD_WORDS;
		}
		for (i = 0; i < gmax; i++)
			for (j = 0; j < smax; j++)
				for (t = 0; t < nd; t++)
				{
					int			swap = strcmp(gph[i], sph[j]) > 0;
					const char *part[4] = {"N", swap ? sph[j] : gph[i], swap ? gph[i] : sph[j], dec[t]};
					size_t		plen[4] = {1, swap ? sphl[j] : gphl[i], swap ? gphl[i] : sphl[j], decl[t]};

					compare_key_add(&ks, part, plen, 4);
				}
		if (ns >= 2)
		{
			int			swap = strcmp(sph[0], sph[1]) > 0;

			for (t = 0; t < nd; t++)
			{
				const char *part[4] = {"F", sph[swap], sph[!swap], dec[t]};
				size_t		plen[4] = {1, sphl[swap], sphl[!swap], decl[t]};

				compare_key_add(&ks, part, plen, 4);
			}
		}
	}
	return ks.n;
}
