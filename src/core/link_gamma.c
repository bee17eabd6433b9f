/*
 * link_gamma.c
 *		Field and level tables of the comparison vector, and its text form
 *		"given=exact,surname1=swapped,...".  The tables here are the single
 *		source of the names; SQL, docs and the EM layer read them through the
 *		functions declared in link_gamma.h.
 */
#include "link_gamma.h"

#include <string.h>

typedef struct
{
	const char *name;
	int			nlevels;
	const char *levels[LINK_GAMMA_MAX_LEVELS];
} link_gamma_field_def;

static const link_gamma_field_def link_gamma_fields[LINK_GAMMA_NFIELDS] = {
	{"given", 5, {"exact", "phonetic", "jw92", "jw85", "different"}},
	{"surname1", 6, {"exact", "phonetic", "jw92", "jw85", "swapped", "different"}},
	{"surname2", 7, {"exact", "phonetic", "jw92", "jw85", "swapped", "one_missing", "different"}},
	{"dob", 6, {"exact", "transposed", "year_off", "one_component", "within_year", "different"}},
	{"sex", 2, {"equal", "different"}},
	{"nationality", 2, {"equal", "different"}},
	/* set by the deportation-return plausibility check, not by comparison */
	{"plausibility", 4, {"fits", "window_only", "point_only", "different"}},
};

static const char link_gamma_missing_name[] = "missing";

int
link_gamma_nfields(void)
{
	return LINK_GAMMA_NFIELDS;
}

const char *
link_gamma_field_name(int field)
{
	if (field < 0 || field >= LINK_GAMMA_NFIELDS)
		return NULL;
	return link_gamma_fields[field].name;
}

/* ASCII case-insensitive comparison of s[0..len) with the C string name */
static int
link_gamma_name_eq(const char *s, size_t len, const char *name)
{
	size_t		i;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (name[i] == '\0')
			return 0;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char) (c - 'A' + 'a');
		if (c != (unsigned char) name[i])
			return 0;
	}
	return name[len] == '\0';
}

int
link_gamma_field_index(const char *name, size_t len)
{
	int			f;

	for (f = 0; f < LINK_GAMMA_NFIELDS; f++)
		if (link_gamma_name_eq(name, len, link_gamma_fields[f].name))
			return f;
	return -1;
}

int
link_gamma_level_count(int field)
{
	if (field < 0 || field >= LINK_GAMMA_NFIELDS)
		return 0;
	return link_gamma_fields[field].nlevels;
}

const char *
link_gamma_level_name(int field, int level)
{
	if (field < 0 || field >= LINK_GAMMA_NFIELDS)
		return NULL;
	if (level == LINK_GAMMA_MISSING)
		return link_gamma_missing_name;
	if (level < 0 || level >= link_gamma_fields[field].nlevels)
		return NULL;
	return link_gamma_fields[field].levels[level];
}

int
link_gamma_level_index(int field, const char *name, size_t len)
{
	int			l;

	if (field < 0 || field >= LINK_GAMMA_NFIELDS)
		return -1;
	if (link_gamma_name_eq(name, len, link_gamma_missing_name))
		return LINK_GAMMA_MISSING;
	for (l = 0; l < link_gamma_fields[field].nlevels; l++)
		if (link_gamma_name_eq(name, len, link_gamma_fields[field].levels[l]))
			return l;
	return -1;
}

link_gamma_t
link_gamma_pack(const int levels[LINK_GAMMA_NFIELDS])
{
	link_gamma_t g = 0;
	int			f;

	for (f = 0; f < LINK_GAMMA_NFIELDS; f++)
		g |= (link_gamma_t) (levels[f] & 0xF) << (4 * f);
	return g;
}

int
link_gamma_valid(uint32_t g)
{
	int			f;

	if (g >> (4 * LINK_GAMMA_NFIELDS))
		return 0;
	for (f = 0; f < LINK_GAMMA_NFIELDS; f++)
	{
		int			l = link_gamma_get(g, f);

		if (l != LINK_GAMMA_MISSING && l >= link_gamma_fields[f].nlevels)
			return 0;
	}
	return 1;
}

static int
link_gamma_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int
link_gamma_is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || c == '_';
}

static link_gamma_status
link_gamma_fail(link_gamma_error *err, link_gamma_status st, size_t pos,
				size_t len, int field)
{
	if (err)
	{
		err->status = st;
		err->pos = pos;
		err->len = len;
		err->field = field;
	}
	return st;
}

link_gamma_status
link_gamma_parse(const char *s, size_t len, link_gamma_t *out,
				 link_gamma_error *err)
{
	link_gamma_t g = LINK_GAMMA_ALL_MISSING;
	unsigned	seen = 0;
	size_t		i = 0;

	if (err)
	{
		err->status = LINK_GAMMA_OK;
		err->pos = 0;
		err->len = 0;
		err->field = -1;
	}

	while (i < len && link_gamma_is_blank(s[i]))
		i++;
	if (i == len)
	{
		*out = g;
		return LINK_GAMMA_OK;
	}

	for (;;)
	{
		size_t		fpos,
					flen,
					lpos,
					llen;
		int			field,
					level;

		/* field name */
		while (i < len && link_gamma_is_blank(s[i]))
			i++;
		fpos = i;
		while (i < len && link_gamma_is_name_char(s[i]))
			i++;
		flen = i - fpos;
		if (flen == 0)
			return link_gamma_fail(err, LINK_GAMMA_ERR_SYNTAX, fpos,
								   fpos < len ? 1 : 0, -1);
		field = link_gamma_field_index(s + fpos, flen);
		if (field < 0)
			return link_gamma_fail(err, LINK_GAMMA_ERR_FIELD, fpos, flen, -1);
		if (seen & (1u << field))
			return link_gamma_fail(err, LINK_GAMMA_ERR_DUPLICATE, fpos, flen, field);
		seen |= 1u << field;

		/* '=' */
		while (i < len && link_gamma_is_blank(s[i]))
			i++;
		if (i >= len || s[i] != '=')
			return link_gamma_fail(err, LINK_GAMMA_ERR_SYNTAX, i,
								   i < len ? 1 : 0, field);
		i++;

		/* level name */
		while (i < len && link_gamma_is_blank(s[i]))
			i++;
		lpos = i;
		while (i < len && link_gamma_is_name_char(s[i]))
			i++;
		llen = i - lpos;
		if (llen == 0)
			return link_gamma_fail(err, LINK_GAMMA_ERR_SYNTAX, lpos,
								   lpos < len ? 1 : 0, field);
		level = link_gamma_level_index(field, s + lpos, llen);
		if (level < 0)
			return link_gamma_fail(err, LINK_GAMMA_ERR_LEVEL, lpos, llen, field);
		g = link_gamma_set(g, field, level);

		/* ',' or end */
		while (i < len && link_gamma_is_blank(s[i]))
			i++;
		if (i == len)
			break;
		if (s[i] != ',')
			return link_gamma_fail(err, LINK_GAMMA_ERR_SYNTAX, i, 1, -1);
		i++;
	}

	*out = g;
	return LINK_GAMMA_OK;
}

size_t
link_gamma_format(link_gamma_t g, char *buf, size_t bufsize)
{
	size_t		n = 0;
	int			f;

	for (f = 0; f < LINK_GAMMA_NFIELDS; f++)
	{
		const char *parts[3];
		int			p;

		parts[0] = link_gamma_fields[f].name;
		parts[1] = "=";
		parts[2] = link_gamma_level_name(f, link_gamma_get(g, f));
		if (parts[2] == NULL)
			parts[2] = "invalid";
		for (p = 0; p < 3; p++)
		{
			const char *c;

			for (c = parts[p]; *c; c++, n++)
				if (n + 1 < bufsize)
					buf[n] = *c;
		}
		if (f + 1 < LINK_GAMMA_NFIELDS)
		{
			if (n + 1 < bufsize)
				buf[n] = ',';
			n++;
		}
	}
	if (bufsize > 0)
		buf[n < bufsize ? n : bufsize - 1] = '\0';
	return n;
}
