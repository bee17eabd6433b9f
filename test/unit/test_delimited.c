/*
 * test_delimited.c
 *		Unit checks of delimited_split: quoted and unquoted fields, "" for a
 *		quote, empty fields, \r line ends, and the two malformed cases.
 */
#include "delimited.h"
#include "unit.h"

static int
split(const char *line, char delim, char *buf, DelimitedField *f, size_t *n)
{
	size_t		pos;

	return (int) delimited_split(line, strlen(line), delim, buf, f, 16, n, &pos);
}

static int
field_is(const char *buf, const DelimitedField *f, const char *want)
{
	return f->len == strlen(want) && memcmp(buf + f->start, want, f->len) == 0;
}

int
main(void)
{
	char		buf[256];
	DelimitedField f[16];
	size_t		n;
	size_t		pos;

	CHECK(split("\"San Antonio Area of Responsibility\"|9/30/2016|\"(B)(6);(B)(7)(C) \"", '|', buf, f, &n) == DELIMITED_OK
		  && n == 3 && field_is(buf, &f[0], "San Antonio Area of Responsibility") && f[0].quoted
		  && field_is(buf, &f[1], "9/30/2016") && !f[1].quoted
		  && field_is(buf, &f[2], "(B)(6);(B)(7)(C) "), "ICE removal line: three fields, quotes removed, trailing blank kept");
	CHECK(split("\"ERO-LESA\"|||", '|', buf, f, &n) == DELIMITED_OK && n == 4
		  && f[1].len == 0 && !f[1].quoted && f[3].len == 0, "banner row: empty unquoted fields");
	CHECK(split("a,\"x, \"\"y\"\"\",\"\"", ',', buf, f, &n) == DELIMITED_OK && n == 3
		  && field_is(buf, &f[1], "x, \"y\"") && f[2].len == 0 && f[2].quoted, "comma inside quotes, doubled quote, empty quoted field");
	CHECK(split("a,b\r", ',', buf, f, &n) == DELIMITED_OK && n == 2 && field_is(buf, &f[1], "b"), "CR line end dropped");
	CHECK(split("", ',', buf, f, &n) == DELIMITED_OK && n == 1 && f[0].len == 0, "empty line: one empty field");
	CHECK(split("a,12\" pipe", ',', buf, f, &n) == DELIMITED_OK && n == 2 && field_is(buf, &f[1], "12\" pipe"), "quote inside an unquoted field is text");
	CHECK(delimited_split("a,\"unterminated", 14, ',', buf, f, 16, &n, &pos) == DELIMITED_UNTERMINATED_QUOTE && n == 1 && pos == 2,
		  "truncated quoted field: reported at its opening quote");
	CHECK(delimited_split("\"ab\"c,d", 7, ',', buf, f, 16, &n, &pos) == DELIMITED_TEXT_AFTER_QUOTE && pos == 4, "text after closing quote, at byte 4");
	CHECK(delimited_split("a,b,c", 5, ',', buf, f, 1, &n, &pos) == DELIMITED_OK && n == 3 && field_is(buf, &f[0], "a"), "more fields than room: counted, first stored");
	return unit_done();
}
