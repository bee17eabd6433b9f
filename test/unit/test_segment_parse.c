/*
 * test_segment_parse.c
 *		Unit tests of the route_segment text parser, its rules and the ISO
 *		8601 time arithmetic (src/core/segment_parse.c).
 */
#include <stdint.h>

#include "segment_parse.h"
#include "unit.h"

static segment_status
parse(const char *s, segment_fields *f, segment_error *e)
{
	return segment_parse(s, strlen(s), f, e);
}

static void
expect_error(const char *s, segment_status want, const char *detail_part)
{
	segment_fields f;
	segment_error e;
	segment_status st = parse(s, &f, &e);
	char		what[300];

	snprintf(what, sizeof(what), "rejects [%s] with status %d", s, (int) want);
	CHECK(st == want, what);
	if (st != SEGMENT_OK && detail_part != NULL)
	{
		snprintf(what, sizeof(what), "detail of [%s] mentions \"%s\" (got: %s)", s, detail_part, e.detail);
		CHECK(strstr(e.detail, detail_part) != NULL, what);
		snprintf(what, sizeof(what), "error for [%s] has a hint", s);
		CHECK(e.hint != NULL && e.hint[0] != '\0', what);
	}
}

static int64_t
t_of(const char *s)
{
	size_t		p = 0;
	int64_t		t = 0;
	segment_error e;

	if (segment_parse_time(s, strlen(s), &p, &t, &e) != SEGMENT_OK || p != strlen(s))
		return INT64_MAX;
	return t;
}

int
main(void)
{
	segment_fields f;
	segment_error e;
	char		buf[64];

	/* a full segment */
	CHECK(parse("foot (-92.2667 14.9, -93.9 16.2333) 2024-03-01T06:00:00Z/2024-03-09T18:00:00Z", &f, &e) == SEGMENT_OK,
		  "parses a full segment");
	CHECK(f.mode == SEGMENT_MODE_FOOT, "mode foot");
	CHECK(f.from_lon == -92.2667 && f.from_lat == 14.9 && f.to_lon == -93.9 && f.to_lat == 16.2333,
		  "coordinates in lon lat order");
	/* 2024-03-01 is 8826 days after 2000-01-01 (24 years with 6 leap days, Jan + Feb 2024) */
	CHECK(f.depart == (INT64_C(8826) * 86400 + 6 * 3600) * INT64_C(1000000), "departure microseconds");
	CHECK(f.arrive - f.depart == (INT64_C(8) * 86400 + 12 * 3600) * INT64_C(1000000), "8.5 days later");

	/* spacing, case, offsets, unknown times */
	CHECK(parse("  FREIGHT_Train(-93.9 16.2333,-95.03 16.56)  ", &f, &e) == SEGMENT_OK &&
		  f.mode == SEGMENT_MODE_FREIGHT_TRAIN && f.depart == SEGMENT_TIME_UNKNOWN &&
		  f.arrive == SEGMENT_TIME_UNKNOWN, "times may be left out; mode in any case");
	CHECK(parse("bus (0 0, 1 1) ?/2024-01-01T00:00:00Z", &f, &e) == SEGMENT_OK &&
		  f.depart == SEGMENT_TIME_UNKNOWN && f.arrive != SEGMENT_TIME_UNKNOWN, "unknown departure");
	CHECK(parse("bus (0 0, 1 1) ? / ?", &f, &e) == SEGMENT_OK && f.arrive == SEGMENT_TIME_UNKNOWN,
		  "both unknown, spaced");
	CHECK(parse("boat (-0 -0.0, 1e2 -9E1)", &f, &e) == SEGMENT_OK && !signbit(f.from_lon) &&
		  !signbit(f.from_lat) && f.to_lon == 100 && f.to_lat == -90, "negative zero becomes zero; exponents");
	CHECK(parse("car (180 90, -180 -90)", &f, &e) == SEGMENT_OK, "range limits are inclusive");

	CHECK(t_of("2000-01-01T00:00:00Z") == 0, "epoch");
	CHECK(t_of("2000-01-01T00:00Z") == 0, "seconds optional");
	CHECK(t_of("1999-12-31T18:00:00-06:00") == 0, "negative offset");
	CHECK(t_of("2000-01-01T05:30:00+0530") == 0, "offset without colon");
	CHECK(t_of("2000-01-01T01:00:00+01") == 0, "offset in hours");
	CHECK(t_of("2000-01-01T00:00:00.5Z") == 500000, "fraction");
	CHECK(t_of("1970-01-01T00:00:00Z") == -INT64_C(946684800) * 1000000, "Unix epoch");
	CHECK(t_of("2024-02-29T00:00:00Z") != INT64_MAX, "leap day 2024");
	CHECK(t_of("2000-02-29T00:00:00Z") != INT64_MAX, "leap day 2000 (divisible by 400)");
	CHECK(t_of("1900-02-29T00:00:00Z") == INT64_MAX, "no leap day in 1900");
	CHECK(t_of("0001-01-01T00:00:00Z") == SEGMENT_TIME_MIN, "earliest time");
	CHECK(t_of("9999-12-31T23:59:59.999999Z") == SEGMENT_TIME_MAX, "latest time");
	CHECK(t_of("0001-01-01T00:00:00+01:00") == INT64_MAX, "before year 1 in UTC");
	CHECK(t_of("2024-03-01T06:00:00") == INT64_MAX, "local time without offset");
	CHECK(t_of("2024-03-01T24:00:00Z") == INT64_MAX, "hour 24");
	CHECK(t_of("2024-03-01T06:00:60Z") == INT64_MAX, "leap second");
	CHECK(t_of("2024-03-01T06:00:00.1234567Z") == INT64_MAX, "nanoseconds");

	/* formatting */
	segment_format_time(0, buf);
	CHECK_STR(buf, "2000-01-01T00:00:00Z", "format epoch");
	segment_format_time(-1, buf);
	CHECK_STR(buf, "1999-12-31T23:59:59.999999Z", "format one microsecond before");
	segment_format_time(500000, buf);
	CHECK_STR(buf, "2000-01-01T00:00:00.5Z", "format trims fraction zeros");
	segment_format_time(SEGMENT_TIME_MIN, buf);
	CHECK_STR(buf, "0001-01-01T00:00:00Z", "format earliest");
	segment_format_time(SEGMENT_TIME_MAX, buf);
	CHECK_STR(buf, "9999-12-31T23:59:59.999999Z", "format latest");
	{
		/* every day from 1600 to 2400 round-trips through text */
		int64_t		d;
		int			ok = 1;

		for (d = -146097; d < 146097; d += 1)
		{
			int64_t		t = d * INT64_C(86400000000) + 45296789012;	/* 12:34:56.789012 */

			segment_format_time(t, buf);
			if (t_of(buf) != t)
				ok = 0;
		}
		CHECK(ok, "800 years of days round-trip through text");
	}

	/* errors: syntax (22P02) */
	expect_error("", SEGMENT_ERR_SYNTAX, "transport mode");
	expect_error("   ", SEGMENT_ERR_SYNTAX, "end of the input");
	expect_error("(0 0, 1 1)", SEGMENT_ERR_SYNTAX, "transport mode");
	expect_error("foot", SEGMENT_ERR_SYNTAX, "\"(\"");
	expect_error("foot 0 0, 1 1", SEGMENT_ERR_SYNTAX, "\"(\"");
	expect_error("foot (0 0 1 1)", SEGMENT_ERR_SYNTAX, "\",\"");
	expect_error("foot (0,0, 1 1)", SEGMENT_ERR_SYNTAX, "space between");
	expect_error("foot (0 0, 1 1", SEGMENT_ERR_SYNTAX, "\")\"");
	expect_error("foot (0 0, 1 1) x", SEGMENT_ERR_SYNTAX, "\"x\"");
	expect_error("foot (0 0, 1 1)) ", SEGMENT_ERR_SYNTAX, "\")\"");
	expect_error("foot (a 0, 1 1)", SEGMENT_ERR_SYNTAX, "\"a\"");
	expect_error("foot (0x10 0, 1 1)", SEGMENT_ERR_SYNTAX, "not a decimal number");
	expect_error("foot (1e 0, 1 1)", SEGMENT_ERR_SYNTAX, "exponent");
	expect_error("foot (1.2.3 0, 1 1)", SEGMENT_ERR_SYNTAX, "not a decimal number");
	expect_error("foot (0 0, 1 1) 2024-03-01T06:00:00Z", SEGMENT_ERR_SYNTAX, "\"/\"");
	expect_error("foot (0 0, 1 1) 2024-03-01T06:00:00Z/", SEGMENT_ERR_SYNTAX, "arrival");
	expect_error("foot (0 0, 1 1) 2024-03-01/?", SEGMENT_ERR_SYNTAX, "ISO 8601");
	expect_error("foot (0 0, 1 1) 2024-03-01T06:00:00/?", SEGMENT_ERR_SYNTAX, "UTC offset");
	expect_error("foot (0 0, 1 1) ?/? extra", SEGMENT_ERR_SYNTAX, "\"extra\"");
	/* range (22003) */
	expect_error("foot (180.000001 0, 1 1)", SEGMENT_ERR_RANGE, "180.000001");
	expect_error("foot (0 -90.5, 1 1)", SEGMENT_ERR_RANGE, "latitude of the start point");
	expect_error("foot (0 0, -181 1)", SEGMENT_ERR_RANGE, "longitude of the end point");
	expect_error("foot (0 0, 1 91)", SEGMENT_ERR_RANGE, "latitude of the end point");
	expect_error("foot (NaN 0, 1 1)", SEGMENT_ERR_RANGE, "not a finite number");
	expect_error("foot (0 -Infinity, 1 1)", SEGMENT_ERR_RANGE, "not a finite number");
	expect_error("foot (1e400 0, 1 1)", SEGMENT_ERR_RANGE, "out of range");
	expect_error("foot (1e-400 0, 1 1)", SEGMENT_ERR_RANGE, "out of range");
	/* time fields (22008) */
	expect_error("foot (0 0, 1 1) 2024-02-30T00:00:00Z/?", SEGMENT_ERR_TIME_RANGE, "out of range");
	expect_error("foot (0 0, 1 1) 0000-12-31T00:00:00Z/?", SEGMENT_ERR_TIME_RANGE, "out of range");
	/* invalid parameter (22023) */
	expect_error("hovercraft (0 0, 1 1)", SEGMENT_ERR_PARAM, "\"hovercraft\"");
	expect_error("foot (0 0, 1 1) 2024-03-02T00:00:00Z/2024-03-01T00:00:00Z", SEGMENT_ERR_PARAM, "before the departure");

	/* non-terminated input: the parser stops at len */
	CHECK(segment_parse("bus (1 2, 3 4)XXXX", 14, &f, &e) == SEGMENT_OK, "stops at len");
	CHECK(segment_parse("bus (1 2, 3 4", 13, &f, &e) == SEGMENT_ERR_SYNTAX, "incomplete at len");

	/* a list of segments, as a journey reads them */
	{
		const char *s = "bus (1 2, 3 4) ; car (3 4, 5 6) ?/?";
		size_t		p = 0;

		CHECK(segment_parse_at(s, strlen(s), &p, &f, &e) == SEGMENT_OK && s[p] == ';',
			  "segment_parse_at stops before a delimiter");
		p++;
		CHECK(segment_parse_at(s, strlen(s), &p, &f, &e) == SEGMENT_OK && p == strlen(s) &&
			  f.mode == SEGMENT_MODE_CAR, "second segment of a list");
	}

	/* mode names */
	CHECK_STR(segment_mode_name(SEGMENT_MODE_FREIGHT_TRAIN), "freight_train", "mode name");
	CHECK(segment_mode_name(9) == NULL && segment_mode_name(-1) == NULL, "no mode 9 or -1");
	CHECK(segment_max_speed_kmh(SEGMENT_MODE_FOOT) == 7.0 && segment_max_speed_kmh(SEGMENT_MODE_CAR) == 180.0,
		  "speed bounds of foot and car");
	CHECK(segment_max_speed_kmh(SEGMENT_NMODES) == segment_max_speed_kmh(SEGMENT_MODE_UNKNOWN) &&
		  segment_max_speed_kmh(-1) == segment_max_speed_kmh(SEGMENT_MODE_UNKNOWN) &&
		  segment_max_speed_kmh(0x7fffffff) == segment_max_speed_kmh(SEGMENT_MODE_UNKNOWN) &&
		  segment_max_speed_kmh(-0x7fffffff - 1) == segment_max_speed_kmh(SEGMENT_MODE_UNKNOWN),
		  "a mode out of range has the unknown mode's bound, never a read past the table");
	CHECK(segment_mode_from_name("Plane", 5) == SEGMENT_MODE_PLANE, "mode from name");
	CHECK(segment_mode_from_name("plan", 4) == -1, "prefix is not a mode");

	/* segment_check on values from elsewhere */
	{
		segment_fields g = {0, 0, 1, 1, 0, 0, 9};

		CHECK(segment_check(&g, &e) == SEGMENT_ERR_PARAM, "check rejects mode 9");
		g.mode = 0;
		g.to_lat = NAN;
		CHECK(segment_check(&g, &e) == SEGMENT_ERR_RANGE, "check rejects NaN");
		g.to_lat = 1;
		g.arrive = SEGMENT_TIME_MAX + 1;
		CHECK(segment_check(&g, &e) == SEGMENT_ERR_TIME_RANGE, "check rejects year 10000");
		g.arrive = SEGMENT_TIME_UNKNOWN;
		CHECK(segment_check(&g, &e) == SEGMENT_OK, "check accepts an unknown arrival");
	}

	return unit_done();
}
