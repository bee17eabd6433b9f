/*
 * test_link_gamma.c
 *		Unit tests of the comparison-vector core: tables, packing, parse and
 *		format round trips, and every parse error.
 */
#include "link_gamma.h"
#include "unit.h"

static link_gamma_status
parse(const char *s, link_gamma_t *g, link_gamma_error *e)
{
	return link_gamma_parse(s, strlen(s), g, e);
}

int
main(void)
{
	link_gamma_t g;
	link_gamma_error e;
	char		buf[LINK_GAMMA_TEXT_MAX];
	int			levels[LINK_GAMMA_NFIELDS] = {0, 4, 15, 1, 0, 1, 15};
	int			f;
	size_t		maxlen = 0;

	/* tables: the agreed contract */
	CHECK(link_gamma_nfields() == 7, "seven fields");
	CHECK_STR(link_gamma_field_name(0), "given", "field 0 given");
	CHECK_STR(link_gamma_field_name(6), "plausibility", "field 6 plausibility");
	CHECK(link_gamma_field_name(7) == NULL && link_gamma_field_name(-1) == NULL, "field out of range");
	CHECK(link_gamma_level_count(LINK_GAMMA_GIVEN) == 5, "given has 5 levels");
	CHECK(link_gamma_level_count(LINK_GAMMA_SURNAME1) == 6, "surname1 has 6 levels");
	CHECK(link_gamma_level_count(LINK_GAMMA_SURNAME2) == 7, "surname2 has 7 levels");
	CHECK(link_gamma_level_count(LINK_GAMMA_DOB) == 6, "dob has 6 levels");
	CHECK(link_gamma_level_count(LINK_GAMMA_SEX) == 2, "sex has 2 levels");
	CHECK(link_gamma_level_count(LINK_GAMMA_NATIONALITY) == 2, "nationality has 2 levels");
	CHECK(link_gamma_level_count(LINK_GAMMA_PLAUSIBILITY) == 4, "plausibility has 4 levels");
	CHECK_STR(link_gamma_level_name(LINK_GAMMA_SURNAME2, LINK_SURNAME2_ONE_MISSING), "one_missing", "surname2 level 5");
	CHECK_STR(link_gamma_level_name(LINK_GAMMA_SURNAME1, LINK_SURNAME1_SWAPPED), "swapped", "surname1 level 4");
	CHECK_STR(link_gamma_level_name(LINK_GAMMA_DOB, LINK_DOB_WITHIN_YEAR), "within_year", "dob level 4");
	CHECK_STR(link_gamma_level_name(LINK_GAMMA_DOB, 2), "year_off", "dob level 2");
	CHECK_STR(link_gamma_level_name(LINK_GAMMA_SEX, 15), "missing", "15 is missing");
	CHECK(link_gamma_level_name(LINK_GAMMA_SEX, 2) == NULL, "sex level 2 undefined");
	for (f = 0; f < LINK_GAMMA_NFIELDS; f++)
		CHECK_STR(link_gamma_level_name(f, link_gamma_level_count(f) - 1), "different", "last level is different");
	CHECK(link_gamma_field_index("SurName2", 8) == 2, "field names are case-insensitive");
	CHECK(link_gamma_field_index("surname", 7) == -1, "prefix of a field name is not a field");
	CHECK(link_gamma_level_index(LINK_GAMMA_DOB, "transposedX", 10) == LINK_DOB_TRANSPOSED, "length-bounded name");

	/* pack / get / set */
	g = link_gamma_pack(levels);
	CHECK(g == 0x0F101F40u, "pack puts field i in bits 4i..4i+3");
	CHECK(link_gamma_get(g, LINK_GAMMA_SURNAME1) == 4, "get surname1");
	CHECK(link_gamma_get(g, LINK_GAMMA_PLAUSIBILITY) == 15, "get plausibility");
	g = link_gamma_set(g, LINK_GAMMA_PLAUSIBILITY, 2);
	CHECK(g == 0x02101F40u, "set plausibility leaves the rest");
	CHECK(link_gamma_get(g, LINK_GAMMA_PLAUSIBILITY) == 2 && link_gamma_get(g, LINK_GAMMA_DOB) == 1, "set then get");

	/* validity */
	CHECK(link_gamma_valid(LINK_GAMMA_ALL_MISSING), "all missing is valid");
	CHECK(link_gamma_valid(0), "all strongest is valid");
	CHECK(!link_gamma_valid(0x10000000u), "bit 28 set is invalid");
	CHECK(!link_gamma_valid(0x0FFFFFF5u), "given level 5 is invalid");
	CHECK(!link_gamma_valid(0x0FF2FFFFu), "sex level 2 is invalid");
	CHECK(link_gamma_valid(0x0FFFF6FFu), "surname2 level 6 is valid");
	CHECK(!link_gamma_valid(0x0FFFF7FFu), "surname2 level 7 is invalid");

	/* parse */
	CHECK(parse("", &g, &e) == LINK_GAMMA_OK && g == LINK_GAMMA_ALL_MISSING, "empty is all missing");
	CHECK(parse("  \t ", &g, &e) == LINK_GAMMA_OK && g == LINK_GAMMA_ALL_MISSING, "blank is all missing");
	CHECK(parse("dob=transposed, given = exact", &g, &e) == LINK_GAMMA_OK &&
		  g == 0x0FFF1FF0u, "subset in any order, blanks ignored");
	CHECK(parse("given=exact,surname1=swapped,surname2=missing,dob=transposed,sex=equal,nationality=equal,plausibility=missing", &g, &e) == LINK_GAMMA_OK &&
		  g == 0x0F001F40u, "full text form");
	CHECK(parse("SEX=Different", &g, &e) == LINK_GAMMA_OK && link_gamma_get(g, LINK_GAMMA_SEX) == 1, "case-insensitive");

	CHECK(parse("given=exact,name=exact", &g, &e) == LINK_GAMMA_ERR_FIELD && e.pos == 12 && e.len == 4, "unknown field located");
	CHECK(parse("dob=swapped", &g, &e) == LINK_GAMMA_ERR_LEVEL && e.field == LINK_GAMMA_DOB && e.pos == 4 && e.len == 7, "level of another field rejected");
	CHECK(parse("sex=equal,sex=different", &g, &e) == LINK_GAMMA_ERR_DUPLICATE && e.field == LINK_GAMMA_SEX, "duplicate field");
	CHECK(parse("sex=equal,", &g, &e) == LINK_GAMMA_ERR_SYNTAX && e.pos == 10, "trailing comma");
	CHECK(parse("sex", &g, &e) == LINK_GAMMA_ERR_SYNTAX && e.pos == 3, "missing =");
	CHECK(parse("sex=", &g, &e) == LINK_GAMMA_ERR_SYNTAX, "missing level");
	CHECK(parse("sex=equal;dob=exact", &g, &e) == LINK_GAMMA_ERR_SYNTAX && e.pos == 9, "bad separator");
	CHECK(parse("=exact", &g, &e) == LINK_GAMMA_ERR_SYNTAX && e.pos == 0, "missing field");
	CHECK(parse("sex=equal dob=exact", &g, &e) == LINK_GAMMA_ERR_SYNTAX, "missing comma");
	CHECK(link_gamma_parse("sex=equal\0,dob=x", 16, &g, &e) == LINK_GAMMA_ERR_SYNTAX, "embedded NUL is a syntax error");

	/* format */
	link_gamma_format(LINK_GAMMA_ALL_MISSING, buf, sizeof buf);
	CHECK_STR(buf, "given=missing,surname1=missing,surname2=missing,dob=missing,sex=missing,nationality=missing,plausibility=missing", "format all missing");
	link_gamma_format(0x0F001F40u, buf, sizeof buf);
	CHECK_STR(buf, "given=exact,surname1=swapped,surname2=missing,dob=transposed,sex=equal,nationality=equal,plausibility=missing", "format mixed");
	CHECK(link_gamma_format(0x0F001F40u, buf, 10) == 109 && strlen(buf) == 9, "format truncates like snprintf");

	/* round trip of every valid vector on a lattice of levels, and the text bound */
	{
		int			ok = 1;
		unsigned	v;

		for (v = 0; v < 16u * 16 * 16 * 16; v++)
		{
			link_gamma_t in = LINK_GAMMA_ALL_MISSING;
			link_gamma_t back;
			size_t		n;

			/* vary four fields fully, the others by the low bits */
			in = link_gamma_set(in, 0, v & 15);
			in = link_gamma_set(in, 2, (v >> 4) & 15);
			in = link_gamma_set(in, 3, (v >> 8) & 15);
			in = link_gamma_set(in, 6, (v >> 12) & 15);
			in = link_gamma_set(in, 1, (v * 7) % 16);
			in = link_gamma_set(in, 4, (v >> 3) & 1 ? 15 : (v & 1));
			in = link_gamma_set(in, 5, (v >> 5) & 1 ? 15 : ((v >> 1) & 1));
			if (!link_gamma_valid(in))
				continue;
			n = link_gamma_format(in, buf, sizeof buf);
			if (n > maxlen)
				maxlen = n;
			if (parse(buf, &back, &e) != LINK_GAMMA_OK || back != in)
				ok = 0;
		}
		CHECK(ok, "format then parse is the identity on valid vectors");
		CHECK(maxlen < LINK_GAMMA_TEXT_MAX, "LINK_GAMMA_TEXT_MAX bounds the text form");
	}
	return unit_done();
}
