/*
 * segment_parse.c
 *		Parser and validation rules of the route_segment text format, and
 *		ISO 8601 UTC times, as pure C for unit tests and fuzzing.
 *
 * The parser reads at most len bytes and never writes to the input.
 * Numbers are checked against a strict decimal grammar before strtod sees
 * them, so hexadecimal floats, "inf" and locale quirks never get in; the
 * value is then strtod's correctly rounded one, the same as float8in's.
 * Calendar arithmetic is the proleptic Gregorian calendar of PostgreSQL's
 * timestamps, done on day numbers so that no library time zone code is
 * involved: output never depends on TimeZone or DateStyle.
 */
#include "segment_parse.h"
#include "civil_date.h"

#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USECS_PER_SEC	INT64_C(1000000)
#define USECS_PER_DAY	INT64_C(86400000000)
#define NUMBER_MAX		400		/* longest number token accepted */
#define QUOTE_MAX		40		/* longest piece of input quoted in a detail */

static const char *const mode_names[SEGMENT_NMODES] = {
	"foot", "bus", "car", "truck", "freight_train", "boat", "plane", "other", "unknown"
};

static const char *const hint_format =
"A route_segment is written MODE (LON LAT, LON LAT) DEPART/ARRIVE, e.g. "
"foot (-92.2667 14.9, -93.9 16.2333) 2024-03-01T06:00:00Z/2024-03-09T18:00:00Z; "
"write ? for an unknown time.";

/*
 * Highest plausible average speed of a leg, km/h, per mode (index =
 * segment_mode).  Generous on purpose: a leg faster than this is a data
 * error (swapped times, wrong place, wrong mode), not a fast traveller.
 * docs/reference.md gives the reasons.
 */
static const double max_speed[SEGMENT_NMODES] = {
	7.0,						/* foot: brisk walking, ~5 km/h typical */
	130.0,						/* bus: highway limit 95-110 km/h */
	180.0,						/* car */
	130.0,						/* truck */
	90.0,						/* freight_train: Mexican freight lines, ~70-80 km/h top */
	90.0,						/* boat: fast launches */
	1100.0,						/* plane: airliner ground speed with tail wind */
	1100.0,						/* other: nothing on the ground beats a plane */
	1100.0						/* unknown */
};

/*
 * The bound of a mode; a mode out of range (a value that did not come
 * through the checks of text or binary input, e.g. a damaged page) is
 * read as unknown, as segment_mode_name's NULL is.
 */
double
segment_max_speed_kmh(int mode)
{
	if (mode < 0 || mode >= SEGMENT_NMODES)
		mode = SEGMENT_MODE_UNKNOWN;
	return max_speed[mode];
}

const char *
segment_mode_name(int mode)
{
	if (mode < 0 || mode >= SEGMENT_NMODES)
		return NULL;
	return mode_names[mode];
}

int
segment_mode_from_name(const char *s, size_t len)
{
	int			m;

	for (m = 0; m < SEGMENT_NMODES; m++)
	{
		const char *name = mode_names[m];
		size_t		i;

		if (strlen(name) != len)
			continue;
		for (i = 0; i < len; i++)
		{
			char		c = s[i];

			if (c >= 'A' && c <= 'Z')
				c = (char) (c - 'A' + 'a');
			if (c != name[i])
				break;
		}
		if (i == len)
			return m;
	}
	return -1;
}

/* ---- error helpers -------------------------------------------------- */

static segment_status
fail(segment_error *err, segment_status st, const char *hint, const char *fmt, ...)
__attribute__((format(printf, 4, 5)));

static segment_status
fail(segment_error *err, segment_status st, const char *hint, const char *fmt, ...)
{
	va_list		ap;

	err->status = st;
	err->hint = hint;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
	return st;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
}

static void
skip_space(const char *s, size_t len, size_t *p)
{
	while (*p < len && is_space(s[*p]))
		(*p)++;
}

/*
 * Length of the piece of input at s[p] to quote in a detail: up to the next
 * space or delimiter, at most QUOTE_MAX bytes, never splitting a UTF-8
 * character.  Zero at the end of the input.
 */
static int
quote_len(const char *s, size_t len, size_t p)
{
	size_t		q = p;

	while (q < len && q - p < QUOTE_MAX && !is_space(s[q]) &&
		   s[q] != '(' && s[q] != ')' && s[q] != ',' && s[q] != '/' &&
		   s[q] != ';' && s[q] != ']' && s[q] != '\0')
		q++;
	/* s[q] is the first byte left out: never leave out half a character */
	if (q - p == QUOTE_MAX)
		while (q > p && q < len && ((unsigned char) s[q] & 0xC0) == 0x80)
			q--;
	return (int) (q - p);
}

/* "end of input" or "\"...\"" describing what was found at s[p] */
static const char *
found(const char *s, size_t len, size_t p, char *buf, size_t bufsize)
{
	int			n;

	if (p >= len || s[p] == '\0')
		return "the end of the input";
	n = quote_len(s, len, p);
	if (n == 0)
		n = ((unsigned char) s[p] < 0x80) ? 1 : 0;
	if (n == 0)
		snprintf(buf, bufsize, "a non-ASCII character");
	else
		snprintf(buf, bufsize, "\"%.*s\"", n, s + p);
	return buf;
}

/* a double written so that it reads back the same (for details) */
static void
format_double(double v, char *buf, size_t bufsize)
{
	snprintf(buf, bufsize, "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, bufsize, "%.17g", v);
}

/* ---- numbers -------------------------------------------------------- */

static bool
match_word_ci(const char *s, size_t len, size_t p, const char *w)
{
	size_t		n = strlen(w),
				i;

	if (len - p < n)
		return false;
	for (i = 0; i < n; i++)
	{
		char		c = s[p + i];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		if (c != w[i])
			return false;
	}
	return true;
}

/*
 * A decimal number at s[*p]: [+-] digits [. digits] [e [+-] digits], or
 * [+-] . digits [...].  "what" names it in messages.
 */
static segment_status
parse_number(const char *s, size_t len, size_t *p, double *out,
			 const char *what, segment_error *err)
{
	size_t		q = *p,
				start = *p,
				nint = 0,
				nfrac = 0;
	char		buf[NUMBER_MAX + 1];
	char	   *end;
	double		v;
	char		fb[QUOTE_MAX + 8];

	if (q < len && (s[q] == '+' || s[q] == '-'))
		q++;
	/* NaN and infinity are numbers of the wrong kind, not syntax errors */
	if (q < len && (match_word_ci(s, len, q, "nan") || match_word_ci(s, len, q, "inf")))
		return fail(err, SEGMENT_ERR_RANGE,
					"Coordinates are finite WGS84 degrees.",
					"The %s %s is not a finite number.", what,
					found(s, len, start, fb, sizeof(fb)));
	while (q < len && is_digit(s[q]))
		q++, nint++;
	if (q < len && s[q] == '.')
	{
		q++;
		while (q < len && is_digit(s[q]))
			q++, nfrac++;
	}
	if (nint + nfrac == 0)
		return fail(err, SEGMENT_ERR_SYNTAX, hint_format,
					"Expected the %s (a number) at character %zu, found %s.",
					what, start + 1, found(s, len, start, fb, sizeof(fb)));
	if (q < len && (s[q] == 'e' || s[q] == 'E'))
	{
		size_t		e = q + 1,
					nexp = 0;

		if (e < len && (s[e] == '+' || s[e] == '-'))
			e++;
		while (e < len && is_digit(s[e]))
			e++, nexp++;
		if (nexp == 0)
			return fail(err, SEGMENT_ERR_SYNTAX, hint_format,
						"The %s %s at character %zu has an incomplete exponent.",
						what, found(s, len, start, fb, sizeof(fb)), start + 1);
		q = e;
	}
	if (q < len && (is_word(s[q]) || s[q] == '.'))
		return fail(err, SEGMENT_ERR_SYNTAX, hint_format,
					"The %s %s at character %zu is not a decimal number.",
					what, found(s, len, start, fb, sizeof(fb)), start + 1);
	if (q - start > NUMBER_MAX)
		return fail(err, SEGMENT_ERR_SYNTAX, hint_format,
					"The %s at character %zu is longer than %d characters.",
					what, start + 1, NUMBER_MAX);
	memcpy(buf, s + start, q - start);
	buf[q - start] = '\0';
	errno = 0;
	v = strtod(buf, &end);
	if (end != buf + (q - start))
		return fail(err, SEGMENT_ERR_SYNTAX, hint_format,
					"The %s %s at character %zu is not a decimal number.",
					what, found(s, len, start, fb, sizeof(fb)), start + 1);
	/* as float8in: overflow, and underflow to zero, are out of range */
	if (errno == ERANGE && (v == 0 || isinf(v)))
		return fail(err, SEGMENT_ERR_RANGE,
					"Coordinates are WGS84 degrees: longitude in [-180, 180], latitude in [-90, 90].",
					"The %s %s is out of range for a double precision number.",
					what, found(s, len, start, fb, sizeof(fb)));
	*out = v;
	*p = q;
	return SEGMENT_OK;
}

/* ---- calendar ------------------------------------------------------- */

int
segment_format_time(int64_t t, char *buf)
{
	int64_t		days,
				rem;
	int			y,
				mo,
				d,
				h,
				mi,
				sec,
				us,
				n;

	/* floor division: times before 2000 are negative */
	days = t / USECS_PER_DAY;
	rem = t % USECS_PER_DAY;
	if (rem < 0)
	{
		rem += USECS_PER_DAY;
		days--;
	}
	civil_ymd_from_days(days, &y, &mo, &d);
	us = (int) (rem % USECS_PER_SEC);
	rem /= USECS_PER_SEC;
	sec = (int) (rem % 60);
	mi = (int) (rem / 60 % 60);
	h = (int) (rem / 3600);
	n = snprintf(buf, 32, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, sec);
	if (us != 0)
	{
		int			digits = 6;

		while (us % 10 == 0)
		{
			us /= 10;
			digits--;
		}
		n += snprintf(buf + n, 32 - n, ".%0*d", digits, us);
	}
	buf[n++] = 'Z';
	buf[n] = '\0';
	return n;
}

/* exactly n digits at s[*p] as an integer */
static bool
digits(const char *s, size_t len, size_t *p, int n, int *out)
{
	int			v = 0,
				i;

	if (len - *p < (size_t) n)
		return false;
	for (i = 0; i < n; i++)
	{
		char		c = s[*p + i];

		if (!is_digit(c))
			return false;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*out = v;
	return true;
}

static bool
expect_char(const char *s, size_t len, size_t *p, char c)
{
	if (*p < len && s[*p] == c)
	{
		(*p)++;
		return true;
	}
	return false;
}

static const char *const hint_time =
"Write times as ISO 8601 with a UTC offset, e.g. 2024-03-01T06:00:00Z or "
"2024-03-01T00:00:00-06:00, or ? when unknown.";

segment_status
segment_parse_time(const char *s, size_t len, size_t *pos, int64_t *t,
				   segment_error *err)
{
	size_t		p = *pos;
	int			y,
				mo,
				d,
				h,
				mi,
				sec = 0,
				us = 0,
				oh = 0,
				om = 0,
				sign = 0;
	int			qn = quote_len(s, len, *pos);
	int64_t		v;

	if (!digits(s, len, &p, 4, &y) || !expect_char(s, len, &p, '-') ||
		!digits(s, len, &p, 2, &mo) || !expect_char(s, len, &p, '-') ||
		!digits(s, len, &p, 2, &d) ||
		!(expect_char(s, len, &p, 'T') || expect_char(s, len, &p, 't')) ||
		!digits(s, len, &p, 2, &h) || !expect_char(s, len, &p, ':') ||
		!digits(s, len, &p, 2, &mi))
		return fail(err, SEGMENT_ERR_SYNTAX, hint_time,
					"Time \"%.*s\" at character %zu is not an ISO 8601 date-time YYYY-MM-DDTHH:MM:SS.",
					qn, s + *pos, *pos + 1);
	if (expect_char(s, len, &p, ':'))
	{
		if (!digits(s, len, &p, 2, &sec))
			return fail(err, SEGMENT_ERR_SYNTAX, hint_time,
						"Time \"%.*s\" at character %zu has malformed seconds.",
						qn, s + *pos, *pos + 1);
		if (expect_char(s, len, &p, '.'))
		{
			int			nd = 0;

			while (p < len && is_digit(s[p]))
			{
				if (++nd > 6)
					return fail(err, SEGMENT_ERR_SYNTAX, hint_time,
								"Time \"%.*s\" at character %zu has more than 6 fractional digits (the resolution is a microsecond).",
								qn, s + *pos, *pos + 1);
				us = us * 10 + (s[p] - '0');
				p++;
			}
			if (nd == 0)
				return fail(err, SEGMENT_ERR_SYNTAX, hint_time,
							"Time \"%.*s\" at character %zu has a decimal point without digits.",
							qn, s + *pos, *pos + 1);
			while (nd++ < 6)
				us *= 10;
		}
	}
	if (expect_char(s, len, &p, 'Z') || expect_char(s, len, &p, 'z'))
		sign = 0;
	else if (p < len && (s[p] == '+' || s[p] == '-'))
	{
		sign = s[p] == '-' ? -1 : 1;
		p++;
		if (!digits(s, len, &p, 2, &oh))
			return fail(err, SEGMENT_ERR_SYNTAX, hint_time,
						"Time \"%.*s\" at character %zu has a malformed UTC offset.",
						qn, s + *pos, *pos + 1);
		if (expect_char(s, len, &p, ':'))
		{
			if (!digits(s, len, &p, 2, &om))
				return fail(err, SEGMENT_ERR_SYNTAX, hint_time,
							"Time \"%.*s\" at character %zu has a malformed UTC offset.",
							qn, s + *pos, *pos + 1);
		}
		else if (p < len && is_digit(s[p]) && !digits(s, len, &p, 2, &om))
			return fail(err, SEGMENT_ERR_SYNTAX, hint_time,
						"Time \"%.*s\" at character %zu has a malformed UTC offset.",
						qn, s + *pos, *pos + 1);
	}
	else
		return fail(err, SEGMENT_ERR_SYNTAX, hint_time,
					"Time \"%.*s\" at character %zu has no UTC offset (Z or +HH:MM), so it names no instant.",
					qn, s + *pos, *pos + 1);
	if (p < len && (is_word(s[p]) || s[p] == ':' || s[p] == '.'))
		return fail(err, SEGMENT_ERR_SYNTAX, hint_time,
					"Time \"%.*s\" at character %zu has unexpected characters after it.",
					qn, s + *pos, *pos + 1);

	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > civil_days_in_month(y, mo) ||
		h > 23 || mi > 59 || sec > 59 || oh > 15 || om > 59)
		return fail(err, SEGMENT_ERR_TIME_RANGE,
					"Years run from 0001 to 9999, hours to 23, seconds to 59; UTC offsets up to 15:59.",
					"Time \"%.*s\" at character %zu has a field out of range.",
					qn, s + *pos, *pos + 1);
	v = civil_days_from_ymd(y, mo, d) * USECS_PER_DAY +
		((int64_t) h * 3600 + mi * 60 + sec) * USECS_PER_SEC + us -
		sign * ((int64_t) oh * 3600 + om * 60) * USECS_PER_SEC;
	if (v < SEGMENT_TIME_MIN || v > SEGMENT_TIME_MAX)
		return fail(err, SEGMENT_ERR_TIME_RANGE,
					"Times must fall within the years 0001 to 9999 in UTC.",
					"Time \"%.*s\" at character %zu is outside the years 0001-9999 in UTC.",
					qn, s + *pos, *pos + 1);
	*t = v;
	*pos = p;
	return SEGMENT_OK;
}

/* a time or "?" */
static segment_status
parse_time_or_unknown(const char *s, size_t len, size_t *p, int64_t *t,
					  const char *what, segment_error *err)
{
	char		fb[QUOTE_MAX + 8];

	if (*p < len && s[*p] == '?')
	{
		(*p)++;
		*t = SEGMENT_TIME_UNKNOWN;
		return SEGMENT_OK;
	}
	if (*p < len && is_digit(s[*p]))
		return segment_parse_time(s, len, p, t, err);
	return fail(err, SEGMENT_ERR_SYNTAX, hint_time,
				"Expected the %s time (ISO 8601, or ?) at character %zu, found %s.",
				what, *p + 1, found(s, len, *p, fb, sizeof(fb)));
}

/* ---- the segment ---------------------------------------------------- */

segment_status
segment_check(const segment_fields *f, segment_error *err)
{
	static const char *const names[4] = {
		"longitude of the start point", "latitude of the start point",
		"longitude of the end point", "latitude of the end point"
	};
	double		v[4];
	int			i;
	char		b1[40],
				b2[40];

	v[0] = f->from_lon;
	v[1] = f->from_lat;
	v[2] = f->to_lon;
	v[3] = f->to_lat;
	for (i = 0; i < 4; i++)
	{
		double		lim = (i % 2 == 0) ? 180.0 : 90.0;

		if (isnan(v[i]) || isinf(v[i]))
			return fail(err, SEGMENT_ERR_RANGE,
						"Coordinates are finite WGS84 degrees.",
						"The %s is %s, not a finite number.", names[i],
						isnan(v[i]) ? "NaN" : (v[i] > 0 ? "Infinity" : "-Infinity"));
		if (v[i] < -lim || v[i] > lim)
		{
			format_double(v[i], b1, sizeof(b1));
			return fail(err, SEGMENT_ERR_RANGE,
						"Coordinates are WGS84 degrees in lon lat order: longitude in [-180, 180], latitude in [-90, 90].",
						"The %s, %s, is outside [%g, %g].", names[i], b1, -lim, lim);
		}
	}
	if (f->mode < 0 || f->mode >= SEGMENT_NMODES)
		return fail(err, SEGMENT_ERR_PARAM,
					"Transport modes are " SEGMENT_MODE_LIST ".",
					"Transport mode number %d does not exist.", f->mode);
	if (f->depart != SEGMENT_TIME_UNKNOWN &&
		(f->depart < SEGMENT_TIME_MIN || f->depart > SEGMENT_TIME_MAX))
		return fail(err, SEGMENT_ERR_TIME_RANGE,
					"Times must fall within the years 0001 to 9999 in UTC.",
					"The departure time is outside the years 0001-9999.");
	if (f->arrive != SEGMENT_TIME_UNKNOWN &&
		(f->arrive < SEGMENT_TIME_MIN || f->arrive > SEGMENT_TIME_MAX))
		return fail(err, SEGMENT_ERR_TIME_RANGE,
					"Times must fall within the years 0001 to 9999 in UTC.",
					"The arrival time is outside the years 0001-9999.");
	if (f->depart != SEGMENT_TIME_UNKNOWN && f->arrive != SEGMENT_TIME_UNKNOWN &&
		f->arrive < f->depart)
	{
		segment_format_time(f->arrive, b1);
		segment_format_time(f->depart, b2);
		return fail(err, SEGMENT_ERR_PARAM,
					"Check the order of the times: DEPART/ARRIVE; write ? for a time that is not known.",
					"The arrival %s is before the departure %s.", b1, b2);
	}
	return SEGMENT_OK;
}

void
segment_canonicalize(segment_fields *f)
{
	/* adding +0 turns -0 into +0 and leaves every other value alone */
	f->from_lon += 0.0;
	f->from_lat += 0.0;
	f->to_lon += 0.0;
	f->to_lat += 0.0;
}

/*
 * "LON LAT" followed by the closing character (',' after the start point,
 * ')' after the end point), white space allowed around each; "which" is
 * "start" or "end" for messages.
 */
static segment_status
parse_point(const char *s, size_t len, size_t *p, double *lon, double *lat,
			const char *which, char closing, segment_error *err)
{
	char		what[32];
	char		fb[QUOTE_MAX + 8];
	segment_status st;

	skip_space(s, len, p);
	snprintf(what, sizeof(what), "longitude of the %s point", which);
	if ((st = parse_number(s, len, p, lon, what, err)) != SEGMENT_OK)
		return st;
	if (!(*p < len && is_space(s[*p])))
		return fail(err, SEGMENT_ERR_SYNTAX, hint_format,
					"Expected a space between longitude and latitude at character %zu, found %s.",
					*p + 1, found(s, len, *p, fb, sizeof(fb)));
	skip_space(s, len, p);
	snprintf(what, sizeof(what), "latitude of the %s point", which);
	if ((st = parse_number(s, len, p, lat, what, err)) != SEGMENT_OK)
		return st;
	skip_space(s, len, p);
	if (!expect_char(s, len, p, closing))
		return fail(err, SEGMENT_ERR_SYNTAX, hint_format,
					"Expected \"%c\" after the %s point at character %zu, found %s.",
					closing, which, *p + 1, found(s, len, *p, fb, sizeof(fb)));
	return SEGMENT_OK;
}

segment_status
segment_parse_at(const char *s, size_t len, size_t *pos, segment_fields *out,
				 segment_error *err)
{
	size_t		p = *pos,
				w,
				save;
	int			mode;
	segment_status st;
	segment_fields f;
	char		fb[QUOTE_MAX + 8];

	skip_space(s, len, &p);
	w = p;
	while (w < len && is_word(s[w]))
		w++;
	if (w == p)
		return fail(err, SEGMENT_ERR_SYNTAX, hint_format,
					"Expected a transport mode at character %zu, found %s.",
					p + 1, found(s, len, p, fb, sizeof(fb)));
	mode = segment_mode_from_name(s + p, w - p);
	if (mode < 0)
		return fail(err, SEGMENT_ERR_PARAM,
					"Transport modes are " SEGMENT_MODE_LIST ".",
					"\"%.*s\" is not a transport mode.",
					quote_len(s, len, p), s + p);
	f.mode = mode;
	p = w;
	skip_space(s, len, &p);
	if (!expect_char(s, len, &p, '('))
		return fail(err, SEGMENT_ERR_SYNTAX, hint_format,
					"Expected \"(\" after the transport mode at character %zu, found %s.",
					p + 1, found(s, len, p, fb, sizeof(fb)));

	if ((st = parse_point(s, len, &p, &f.from_lon, &f.from_lat, "start", ',', err)) != SEGMENT_OK)
		return st;
	if ((st = parse_point(s, len, &p, &f.to_lon, &f.to_lat, "end", ')', err)) != SEGMENT_OK)
		return st;

	/* optional DEPART/ARRIVE */
	f.depart = f.arrive = SEGMENT_TIME_UNKNOWN;
	save = p;
	skip_space(s, len, &p);
	if (p < len && (is_digit(s[p]) || s[p] == '?'))
	{
		if ((st = parse_time_or_unknown(s, len, &p, &f.depart, "departure", err)) != SEGMENT_OK)
			return st;
		skip_space(s, len, &p);
		if (!expect_char(s, len, &p, '/'))
			return fail(err, SEGMENT_ERR_SYNTAX, hint_format,
						"Expected \"/\" between departure and arrival at character %zu, found %s.",
						p + 1, found(s, len, p, fb, sizeof(fb)));
		skip_space(s, len, &p);
		if ((st = parse_time_or_unknown(s, len, &p, &f.arrive, "arrival", err)) != SEGMENT_OK)
			return st;
	}
	else
		p = save;
	skip_space(s, len, &p);

	if ((st = segment_check(&f, err)) != SEGMENT_OK)
		return st;
	segment_canonicalize(&f);
	*out = f;
	*pos = p;
	return SEGMENT_OK;
}

segment_status
segment_parse(const char *s, size_t len, segment_fields *out, segment_error *err)
{
	size_t		p = 0;
	segment_status st;
	char		fb[QUOTE_MAX + 8];

	if ((st = segment_parse_at(s, len, &p, out, err)) != SEGMENT_OK)
		return st;
	if (p < len)
		return fail(err, SEGMENT_ERR_SYNTAX, hint_format,
					"Unexpected %s at character %zu after the end of the route segment.",
					found(s, len, p, fb, sizeof(fb)), p + 1);
	return SEGMENT_OK;
}
