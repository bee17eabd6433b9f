/*
 * risk_set.c
 *		risk_flags as three-valued indicator sets: validity, Kleene set
 *		operators, ordering and hashing, and the text form (parser and
 *		canonical printer) driven by a code table taken from the registry.
 */
#include "risk_core.h"

#include <stdio.h>
#include <string.h>

int
risk_popcount(uint64_t x)
{
	return __builtin_popcountll(x);
}

int
risk_codetab_lookup(const risk_codetab *tab, const char *code, size_t len)
{
	int			i;

	if (tab == NULL || len == 0 || len > RISK_CODE_MAXLEN)
		return -1;
	for (i = 0; i < RISK_NBITS; i++)
	{
		const char *n = tab->name[i];

		if (n != NULL && strncmp(n, code, len) == 0 && n[len] == '\0')
			return i;
	}
	return -1;
}

bool
risk_flags_valid(risk_flags f)
{
	return (f.yes & ~f.known) == 0;
}

/*
 * Per indicator Kleene logic: yes | x = yes, no | no = no, else unknown;
 * no & x = no, yes & yes = yes, else unknown; a - b = a & not b.
 */
risk_flags
risk_flags_or(risk_flags a, risk_flags b)
{
	risk_flags r;
	uint64_t	ano = a.known & ~a.yes,
				bno = b.known & ~b.yes;

	r.yes = a.yes | b.yes;
	r.known = r.yes | (ano & bno);
	return r;
}

risk_flags
risk_flags_and(risk_flags a, risk_flags b)
{
	risk_flags r;
	uint64_t	ano = a.known & ~a.yes,
				bno = b.known & ~b.yes;

	r.yes = a.yes & b.yes;
	r.known = r.yes | ano | bno;
	return r;
}

risk_flags
risk_flags_minus(risk_flags a, risk_flags b)
{
	risk_flags r;
	uint64_t	ano = a.known & ~a.yes,
				bno = b.known & ~b.yes;

	r.yes = a.yes & bno;
	r.known = r.yes | ano | b.yes;
	return r;
}

/* total order: by yes set, then by known set, both as unsigned integers */
int
risk_flags_cmp(risk_flags a, risk_flags b)
{
	if (a.yes != b.yes)
		return a.yes < b.yes ? -1 : 1;
	if (a.known != b.known)
		return a.known < b.known ? -1 : 1;
	return 0;
}

/* a @> b: every indicator that is yes in b is yes in a */
bool
risk_flags_contains(risk_flags a, risk_flags b)
{
	return (b.yes & ~a.yes) == 0;
}

/* a && b: some indicator is yes in both */
bool
risk_flags_overlaps(risk_flags a, risk_flags b)
{
	return (a.yes & b.yes) != 0;
}

static uint64_t
risk_mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= UINT64_C(0xff51afd7ed558ccd);
	x ^= x >> 33;
	x *= UINT64_C(0xc4ceb9fe1a85ec53);
	x ^= x >> 33;
	return x;
}

uint64_t
risk_flags_hash64(risk_flags f, uint64_t seed)
{
	return risk_mix64(f.yes ^ risk_mix64(f.known + UINT64_C(0x9e3779b97f4a7c15) + seed));
}

/* the low half of the seed-0 64-bit hash, as PostgreSQL's hash opclasses want */
uint32_t
risk_flags_hash(risk_flags f)
{
	return (uint32_t) risk_flags_hash64(f, 0);
}

/* --- text form --- */

static bool
risk_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool
risk_is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || c == '_';
}

static risk_parse_status
risk_fail(risk_parse_error *err, risk_parse_status st, size_t pos, size_t len,
		  const char *detail)
{
	if (err)
	{
		err->status = st;
		err->pos = pos;
		err->len = len;
		err->detail = detail;
	}
	return st;
}

risk_parse_status
risk_flags_parse(const char *s, size_t len, const risk_codetab *tab,
				 risk_flags *out, risk_parse_error *err)
{
	size_t		i = 0;
	uint64_t	yes = 0,
				no = 0,
				unk = 0;
	bool		default_unknown = false;
	bool		first = true;

	while (i < len && risk_is_blank(s[i]))
		i++;
	if (i >= len || s[i] != '{')
		return risk_fail(err, RISK_PARSE_SYNTAX, i, i < len ? 1 : 0, "expected \"{\"");
	i++;
	for (;;)
	{
		size_t		tok_start;
		char		state = '+';
		int			bit;

		while (i < len && risk_is_blank(s[i]))
			i++;
		if (i >= len)
			return risk_fail(err, RISK_PARSE_SYNTAX, i, 0, "missing \"}\"");
		if (s[i] == '}' && first)
		{
			i++;
			break;
		}
		tok_start = i;
		if (s[i] == '-' || s[i] == '?')
			state = s[i++];
		if (state == '?')
		{
			size_t		j = i;

			while (j < len && risk_is_blank(s[j]))
				j++;
			if (j < len && (s[j] == ',' || s[j] == '}'))
			{
				/* bare "?": indicators not listed are unknown */
				if (default_unknown)
					return risk_fail(err, RISK_PARSE_SYNTAX, tok_start, 1,
									 "\"?\" appears more than once");
				default_unknown = true;
				i = j;
				goto next;
			}
		}
		if (i < len && s[i] == '#')
		{
			size_t		d = ++i;
			unsigned	v = 0;

			while (i < len && s[i] >= '0' && s[i] <= '9')
			{
				if (v < 1000)
					v = v * 10 + (unsigned) (s[i] - '0');
				i++;
			}
			if (i == d || (i < len && risk_is_word(s[i])))
			{
				while (i < len && risk_is_word(s[i]))
					i++;
				return risk_fail(err, RISK_PARSE_SYNTAX, tok_start, i - tok_start,
								 "\"#\" must be followed by a bit number");
			}
			if (v >= RISK_NBITS)
				return risk_fail(err, RISK_PARSE_BIT_RANGE, tok_start, i - tok_start,
								 "bit numbers run from 0 to 63");
			bit = (int) v;
		}
		else
		{
			size_t		c = i;

			while (i < len && risk_is_word(s[i]))
				i++;
			if (i == c)
			{
				size_t		l = (i < len) ? 1 : 0;

				return risk_fail(err, RISK_PARSE_SYNTAX, i, l,
								 "expected an indicator code, \"-code\", \"?code\", \"#N\" or \"?\"");
			}
			bit = risk_codetab_lookup(tab, s + c, i - c);
			if (bit < 0)
				return risk_fail(err, RISK_PARSE_UNKNOWN_CODE, c, i - c,
								 "no indicator has this code");
		}
		{
			uint64_t	m = UINT64_C(1) << bit;
			uint64_t   *target = state == '+' ? &yes : state == '-' ? &no : &unk;

			if (((yes | no | unk) & m) && !(*target & m))
				return risk_fail(err, RISK_PARSE_CONFLICT, tok_start, i - tok_start,
								 "the indicator is given two different states");
			*target |= m;
		}
next:
		first = false;
		while (i < len && risk_is_blank(s[i]))
			i++;
		if (i >= len)
			return risk_fail(err, RISK_PARSE_SYNTAX, i, 0, "missing \"}\"");
		if (s[i] == ',')
		{
			i++;
			continue;
		}
		if (s[i] == '}')
		{
			i++;
			break;
		}
		return risk_fail(err, RISK_PARSE_SYNTAX, i, 1, "expected \",\" or \"}\"");
	}
	while (i < len && risk_is_blank(s[i]))
		i++;
	if (i < len)
		return risk_fail(err, RISK_PARSE_SYNTAX, i, len - i, "junk after \"}\"");
	out->yes = yes;
	out->known = default_unknown ? (yes | no) : ~unk;
	if (err)
	{
		err->status = RISK_PARSE_OK;
		err->pos = 0;
		err->len = 0;
		err->detail = NULL;
	}
	return RISK_PARSE_OK;
}

typedef struct risk_buf
{
	char	   *buf;
	size_t		cap;
	size_t		len;
} risk_buf;

static void
risk_put(risk_buf *b, const char *s, size_t n)
{
	size_t		k;

	for (k = 0; k < n; k++)
	{
		if (b->len + 1 < b->cap)
			b->buf[b->len] = s[k];
		b->len++;
	}
}

static void
risk_put_item(risk_buf *b, bool *first, char prefix, int bit, const risk_codetab *tab)
{
	char		num[8];
	const char *name = tab ? tab->name[bit] : NULL;

	if (!*first)
		risk_put(b, ",", 1);
	*first = false;
	if (prefix)
		risk_put(b, &prefix, 1);
	if (name != NULL)
		risk_put(b, name, strlen(name));
	else
	{
		int			n = snprintf(num, sizeof(num), "#%d", bit);

		risk_put(b, num, (size_t) n);
	}
}

size_t
risk_flags_format(risk_flags f, const risk_codetab *tab, char *buf, size_t cap)
{
	risk_buf	b = {buf, cap, 0};
	bool		first = true;
	int			items_no = risk_popcount(f.yes) + risk_popcount(~f.known);
	int			items_unk = 1 + risk_popcount(f.known);
	int			i;

	risk_put(&b, "{", 1);
	if (items_no <= items_unk)
	{
		for (i = 0; i < RISK_NBITS; i++)
		{
			uint64_t	m = UINT64_C(1) << i;

			if (f.yes & m)
				risk_put_item(&b, &first, 0, i, tab);
			else if (!(f.known & m))
				risk_put_item(&b, &first, '?', i, tab);
		}
	}
	else
	{
		risk_put(&b, "?", 1);
		first = false;
		for (i = 0; i < RISK_NBITS; i++)
		{
			uint64_t	m = UINT64_C(1) << i;

			if (f.yes & m)
				risk_put_item(&b, &first, 0, i, tab);
			else if (f.known & m)
				risk_put_item(&b, &first, '-', i, tab);
		}
	}
	risk_put(&b, "}", 1);
	if (cap > 0)
		buf[b.len < cap ? b.len : cap - 1] = '\0';
	return b.len;
}
