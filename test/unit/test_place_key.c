/*
 * test_place_key.c
 *		Unit tests of the place-name comparison key.
 */
#include <stdlib.h>

#include "place_key.h"
#include "unit.h"

static const char *
key(const char *s)
{
	static char buf[4096];

	place_key(s, strlen(s), buf);
	return buf;
}

int
main(void)
{
	char		big[3 * 3000 + 1];
	char		in[3000];
	size_t		n;

	CHECK_STR(key("Cd. Juárez"), "CIUDAD JUAREZ", "Cd. with accent");
	CHECK_STR(key("CIUDAD JUAREZ"), "CIUDAD JUAREZ", "already a key");
	CHECK_STR(key("cd juarez"), "CIUDAD JUAREZ", "lower case cd");
	CHECK_STR(key("  San Luis Río Colorado "), "SAN LUIS RIO COLORADO", "blanks trimmed and collapsed");
	CHECK_STR(key("Ciudad Acuña"), "CIUDAD ACUNA", "ñ");
	CHECK_STR(key("CIUDAD ACUÑA"), "CIUDAD ACUNA", "Ñ");
	CHECK_STR(key("McAllen"), "MCALLEN", "mixed case");
	CHECK_STR(key("San Ysidro, CA"), "SAN YSIDRO CA", "comma");
	CHECK_STR(key(""), "", "empty");
	CHECK_STR(key(" ,.- "), "", "only separators");
	CHECK_STR(key("ÁÀÂÄáàâä ÉÈÊËéèêë ÍÌÎÏíìîï ÓÒÔÖóòôö ÚÙÛÜúùûü Çç"),
			  "AAAAAAAA EEEEEEEE IIIIIIII OOOOOOOO UUUUUUUU CC", "every accented letter, both cases");
	CHECK_STR(key("Ãx Õy Øz ß"), "X Y Z", "other Latin-1 letters separate words");
	CHECK_STR(key("Cd.Juárez"), "CIUDAD JUAREZ", "Cd. without a blank");
	CHECK_STR(key("CDJ"), "CDJ", "CD inside a word stays");
	CHECK_STR(key("ACD"), "ACD", "CD ending a word stays");
	CHECK_STR(key("cd"), "CIUDAD", "CD alone");
	CHECK_STR(key("Cd Cd"), "CIUDAD CIUDAD", "every CD word");
	CHECK_STR(key("Puerto 2"), "PUERTO 2", "digits stay");
	CHECK_STR(key("北京 Tijuana"), "TIJUANA", "other scripts separate");
	CHECK_STR(key("a\xff" "b\xc3"), "A B", "stray and truncated bytes separate");
	CHECK_STR(key("a\xc3(b"), "A B", "bad continuation byte separates");

	/* worst case growth stays within PLACE_KEY_CAP */
	for (n = 0; n + 3 <= sizeof(in); n += 3)
		memcpy(in + n, "cd ", 3);
	n = place_key(in, sizeof(in), big);
	CHECK(n == 1000 * 7 - 1 && n < PLACE_KEY_CAP(sizeof(in)), "1000 CD words: 6999 bytes, within the cap");
	CHECK(strlen(big) == n, "returned length is the string length");
	return unit_done();
}
