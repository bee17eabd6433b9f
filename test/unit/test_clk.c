/*
 * test_clk.c
 *		The CLK core: Dice against a bit-by-bit count, the base64 codec and
 *		its errors, field specifications, dates, token positions against an
 *		independent computation (Python's hmac module, values below), the
 *		number of tokens per field, distinct bits per token and blocking keys.
 */
#include <stdlib.h>

#include "unit.h"
#include "clk.h"

static const char *secret = "correct horse battery staple";

static int
count_bits(const uint8_t *a, size_t n)
{
	int			c = 0;
	size_t		i;

	for (i = 0; i < n * 8; i++)
		c += (a[i >> 3] >> (7 - (i & 7))) & 1;
	return c;
}

static int
bit(const uint8_t *a, int i)
{
	return (a[i >> 3] >> (7 - (i & 7))) & 1;
}

static int
parse_err(const char *s)
{
	uint8_t		out[CLK_MAX_BYTES];
	int			nbits = 0;
	char		err[256];

	return clk_parse(s, strlen(s), out, &nbits, err, sizeof(err));
}

static int
spec_err(const char *s)
{
	clk_spec	spec;
	char		err[256];

	return clk_spec_parse(s, strlen(s), &spec, err, sizeof(err));
}

int
main(void)
{
	uint8_t		a[CLK_MAX_BYTES], b[CLK_MAX_BYTES], out[CLK_MAX_BYTES];
	char		text[CLK_TEXT_MAX], err[256];
	int			nbits, i, trial;
	clk_spec	spec;
	sha256_hmac_ctx fk;
	char		digits[8];
	int64_t		keys[CLK_MAX_BANDS], keys2[CLK_MAX_BANDS];

	/* ---- Dice ---- */
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	CHECK(clk_dice(a, b, 128) == 0.0, "dice of two empty filters is 0");
	CHECK(clk_dice_counted(a, b, 128, 0, 0) == 0.0, "dice_counted of two empty filters is 0");
	a[0] = 0xf0;				/* bits 0-3 */
	b[0] = 0x3c;				/* bits 2-5 */
	CHECK_NEAR(clk_dice(a, b, 128), 2.0 * 2 / (4 + 4), 1e-15, "dice 2*2/(4+4) = 0.5");
	CHECK_NEAR(clk_dice(a, a, 128), 1.0, 0, "dice of a filter with itself is 1");
	a[127] = 0x01;				/* the last bit counts */
	CHECK_NEAR(clk_dice(a, b, 128), 4.0 / 9.0, 1e-15, "last bit of a 1024-bit filter counts");
	/* random filters against a bit-by-bit count, at every length step, with
	 * each implementation the CPU has (portable, POPCNT, AVX2) */
	for (i = 0; i <= 2; i++)
	{
		char		what[160];
		int			level = clk_set_impl(i);

		if (level != i)
			continue;
		srand(7);
		for (trial = 0; trial < 200; trial++)
		{
			size_t		n = 8 * (size_t) (1 + trial % 128);
			int			ca, cb, cab = 0;
			uint8_t		and_[CLK_MAX_BYTES];
			size_t		j;

			for (j = 0; j < n; j++)
			{
				a[j] = (uint8_t) rand();
				b[j] = (uint8_t) rand();
				and_[j] = a[j] & b[j];
			}
			ca = count_bits(a, n);
			cb = count_bits(b, n);
			cab = count_bits(and_, n);
			if (fabs(clk_dice(a, b, n) - 2.0 * cab / (ca + cb)) > 1e-15 ||
				fabs(clk_dice_counted(a, b, n, ca, cb) - 2.0 * cab / (ca + cb)) > 1e-15 ||
				clk_and_count(a, b, n) != cab ||
				clk_popcount(a, n) != ca)
				break;
		}
		snprintf(what, sizeof(what), "implementation %d: dice, dice with stored popcounts, and-count "
				 "and popcount agree with a bit-by-bit count on 200 random filters", level);
		CHECK(trial == 200, what);
	}
	clk_set_impl(2);

	/* ---- base64 ---- */
	for (i = 0; i < 8; i++)
		a[i] = (uint8_t) i;
	clk_base64_encode(a, 8, text);
	CHECK_STR(text, "AAECAwQFBgc=", "base64 of bytes 0..7 (RFC 4648 alphabet)");
	for (i = 0; i < 8; i++)
		a[i] = (uint8_t) i;
	CHECK(clk_parse("  AAECAwQFBgc=\n", 15, out, &nbits, err, sizeof(err)) == CLK_OK &&
		  nbits == 64 && memcmp(out, a, 8) == 0, "parse with surrounding whitespace");
	for (i = 0; i < 1024; i++)
		a[i] = (uint8_t) (i * 37 + 11);
	for (nbits = 64; nbits <= CLK_MAX_BITS; nbits += 64)
	{
		int			got = 0;

		clk_base64_encode(a, (size_t) nbits / 8, text);
		if (clk_parse(text, strlen(text), out, &got, err, sizeof(err)) != CLK_OK ||
			got != nbits || memcmp(out, a, (size_t) nbits / 8) != 0)
			break;
	}
	CHECK(nbits == CLK_MAX_BITS + 64, "base64 round trip at every length 64..8192");
	for (i = 0; i < 8; i++)
		a[i] = (uint8_t) i;
	CHECK(clk_parse("AAEC\nAwQF Bgc=", 14, out, &nbits, err, sizeof(err)) == CLK_OK &&
		  nbits == 64 && memcmp(out, a, 8) == 0, "whitespace inside is skipped (encode() breaks lines)");
	CHECK(parse_err("") == CLK_ERR_SYNTAX, "empty text");
	CHECK(parse_err("====") == CLK_ERR_SYNTAX, "only padding");
	CHECK(parse_err("AAECAwQFBgc=AAAA") == CLK_ERR_SYNTAX, "text after the padding");
	CHECK(parse_err("AAECAwQFBg===") == CLK_ERR_SYNTAX, "three padding characters");
	CHECK(parse_err("   ") == CLK_ERR_SYNTAX, "blank text");
	CHECK(parse_err("AAECAwQFBgc") == CLK_ERR_SYNTAX, "length not a multiple of 4");
	CHECK(parse_err("AAECAwQFBg!=") == CLK_ERR_SYNTAX, "invalid character");
	CHECK(parse_err("AA=CAwQFBgc=") == CLK_ERR_SYNTAX, "padding in the middle");
	CHECK(parse_err("AAECAwQFBg=c") == CLK_ERR_SYNTAX, "padding before a character");
	CHECK(parse_err("AAECAwQFBgd=") == CLK_ERR_SYNTAX, "nonzero bits before padding");
	CHECK(parse_err("AAECAwQF") == CLK_ERR_RANGE, "6 bytes: not a multiple of 64 bits");
	CHECK(parse_err("AAECAw==") == CLK_ERR_RANGE, "4 bytes: too short");
	CHECK(clk_parse("AAECAwQF", 8, out, &nbits, err, sizeof(err)) == CLK_ERR_RANGE &&
		  strstr(err, "48 bits") != NULL, "range message names the bit count");
	{
		/* 342 quads = 1026 bytes; 341 quads and "AA==" = 1024 bytes */
		char	   *big = malloc(1400);

		memset(big, 'A', 1368);
		big[1368] = '\0';
		CHECK(parse_err(big) == CLK_ERR_RANGE, "1026 bytes: more than 8192 bits");
		memcpy(big + 1364, "AA==", 5);
		CHECK(clk_parse(big, strlen(big), out, &nbits, err, sizeof(err)) == CLK_OK && nbits == 8192,
			  "1024 bytes: 8192 bits");
		free(big);
	}

	/* ---- specifications ---- */
	CHECK(clk_spec_parse("name", 4, &spec, err, sizeof(err)) == CLK_OK &&
		  spec.nfields == 1 && spec.field[0].kind == CLK_FIELD_NAME && spec.field[0].k == 0 &&
		  spec.nbits == 0, "spec \"name\"");
	{
		const char *s = " bits=2048 , name:20,text , date:12,exact:1, auto ";

		CHECK(clk_spec_parse(s, strlen(s), &spec, err, sizeof(err)) == CLK_OK &&
			  spec.nbits == 2048 && spec.nfields == 5 &&
			  spec.field[0].kind == CLK_FIELD_NAME && spec.field[0].k == 20 &&
			  spec.field[1].kind == CLK_FIELD_TEXT && spec.field[1].k == 0 &&
			  spec.field[2].kind == CLK_FIELD_DATE && spec.field[2].k == 12 &&
			  spec.field[3].kind == CLK_FIELD_EXACT && spec.field[3].k == 1 &&
			  spec.field[4].kind == CLK_FIELD_AUTO, "full spec with bits and k");
	}
	CHECK(spec_err("") == CLK_ERR_SYNTAX, "empty spec");
	CHECK(spec_err("name,,date") == CLK_ERR_SYNTAX, "empty item");
	CHECK(spec_err("bits=1024") == CLK_ERR_SYNTAX, "no field");
	CHECK(spec_err("surname") == CLK_ERR_SYNTAX, "unknown kind");
	CHECK(spec_err("name:") == CLK_ERR_SYNTAX, "missing k");
	CHECK(spec_err("name:x") == CLK_ERR_SYNTAX, "k not a number");
	CHECK(spec_err("name:0") == CLK_ERR_RANGE, "k = 0");
	CHECK(spec_err("name:257") == CLK_ERR_RANGE, "k = 257");
	CHECK(spec_err("name:99999999999999999999") == CLK_ERR_RANGE, "huge k saturates");
	CHECK(spec_err("bits=1000,name") == CLK_ERR_RANGE, "bits not a multiple of 64");
	CHECK(spec_err("bits=8256,name") == CLK_ERR_RANGE, "bits above 8192");
	CHECK(spec_err("bits=1024,bits=1024,name") == CLK_ERR_SYNTAX, "bits twice");
	{
		const char *s = "name/200, digits/100, date:7, text";

		CHECK(clk_spec_parse(s, strlen(s), &spec, err, sizeof(err)) == CLK_OK &&
			  spec.nfields == 4 &&
			  spec.field[0].kind == CLK_FIELD_NAME && spec.field[0].budget == 200 && spec.field[0].k == 0 &&
			  spec.field[1].kind == CLK_FIELD_DIGITS && spec.field[1].budget == 100 &&
			  spec.field[2].kind == CLK_FIELD_DATE && spec.field[2].budget == 0 && spec.field[2].k == 7 &&
			  spec.field[3].kind == CLK_FIELD_TEXT && spec.field[3].budget == 0, "budgets and digits");
	}
	{
		const char *s = "given/150, given:9";

		CHECK(clk_spec_parse(s, strlen(s), &spec, err, sizeof(err)) == CLK_OK &&
			  spec.nfields == 2 &&
			  spec.field[0].kind == CLK_FIELD_GIVEN && spec.field[0].budget == 150 &&
			  spec.field[1].kind == CLK_FIELD_GIVEN && spec.field[1].k == 9, "given kind");
	}
	CHECK(spec_err("name/") == CLK_ERR_SYNTAX, "missing budget");
	CHECK(spec_err("name/x") == CLK_ERR_SYNTAX, "budget not a number");
	CHECK(spec_err("name/0") == CLK_ERR_RANGE, "budget 0");
	CHECK(spec_err("name/4097") == CLK_ERR_RANGE, "budget above 4096");
	CHECK(spec_err("name:3/200") == CLK_ERR_SYNTAX, "k and budget together");
	CHECK(spec_err("name/200:3") == CLK_ERR_SYNTAX, "budget and k together");
	CHECK(spec_err("digit") == CLK_ERR_SYNTAX, "unknown kind digit");
	{
		char		many[400];

		strcpy(many, "name");
		for (i = 1; i < 65; i++)
			strcat(many, ",name");
		CHECK(spec_err(many) == CLK_ERR_RANGE, "65 fields");
	}

	/* ---- dates ---- */
	CHECK(clk_parse_date("1990-07-15", 10, digits) && memcmp(digits, "19900715", 8) == 0, "ISO date");
	CHECK(clk_parse_date(" 1990/07/15 ", 12, digits) && memcmp(digits, "19900715", 8) == 0, "slashes and blanks");
	CHECK(clk_parse_date("19900715", 8, digits), "8 digits");
	CHECK(clk_parse_date("2000-02-29", 10, digits), "2000-02-29 (leap)");
	CHECK(!clk_parse_date("1900-02-29", 10, digits), "1900-02-29 (not leap)");
	CHECK(!clk_parse_date("1990-13-01", 10, digits), "month 13");
	CHECK(!clk_parse_date("1990-04-31", 10, digits), "April 31");
	CHECK(!clk_parse_date("1990-07/15", 10, digits), "mixed separators");
	CHECK(!clk_parse_date("0000-01-01", 10, digits), "year 0");
	CHECK(!clk_parse_date("GARCIA", 6, digits), "a name is not a date");

	/* ---- fold ---- */
	{
		char		f[32];
		size_t		n = clk_fold("  maría \t de  la Cruz ", 23, f);

		f[n] = '\0';
		CHECK_STR(f, "MARíA DE LA CRUZ", "fold: ASCII upper case, blanks collapsed, non-ASCII kept");
	}

	/* ---- tokens and bits ---- */
	clk_field_key((const uint8_t *) secret, strlen(secret), 1, &fk);
	memset(a, 0, sizeof(a));
	clk_add_token(a, 1024, &fk, 5, (const uint8_t *) "B A", 3);
	/* positions from Python: hmac.new(hmac.new(secret, b'migrisk clk v1 field 1',
	 * sha256).digest(), b'B A', sha256), h1 = be64(d[0:8]) % 1024, step as clk.c */
	CHECK(count_bits(a, 128) == 5 && bit(a, 367) && bit(a, 490) && bit(a, 613) &&
		  bit(a, 736) && bit(a, 859), "token \"B A\", k=5: bits 367 490 613 736 859");
	memset(a, 0, sizeof(a));
	clk_add_token(a, 64, &fk, 3, (const uint8_t *) "D07", 3);
	CHECK(count_bits(a, 8) == 3 && bit(a, 11) && bit(a, 21) && bit(a, 48),
		  "token \"D07\", k=3, 64 bits: bits 11 21 48");
	memset(a, 0, sizeof(a));
	clk_add_token(a, 64, &fk, 64, (const uint8_t *) "B A", 3);
	CHECK(count_bits(a, 8) == 64, "k = length sets every bit: the k positions are distinct");
	{
		int			ok = 1;

		/* many tokens: every one sets exactly k distinct bits */
		for (i = 0; i < 2000 && ok; i++)
		{
			char		t[16];

			memset(b, 0, 128);
			snprintf(t, sizeof(t), "B%d", i);
			clk_add_token(b, 1024, &fk, 30, (const uint8_t *) t, strlen(t));
			ok = count_bits(b, 128) == 30;
		}
		CHECK(ok, "2000 tokens with k=30 each set exactly 30 bits");
	}
	memset(a, 0, sizeof(a));
	CHECK(clk_add_value(a, 1024, &fk, CLK_FIELD_NAME, 10, "ANA", 3) == 4,
		  "\"ANA\" has 4 padded bigrams");
	CHECK(clk_add_value(a, 1024, &fk, CLK_FIELD_NAME, 10, "", 0) == 0, "empty value has no token");
	CHECK(clk_add_value(a, 1024, &fk, CLK_FIELD_NAME, 10, "\xc3\x91" "A", 3) == 3,
		  "\"ÑA\" has 3 bigrams: code points, not bytes");
	CHECK(clk_add_value(a, 1024, &fk, CLK_FIELD_DATE, 10, "19900715", 8) == 8, "a date has 8 tokens");
	CHECK(clk_add_value(a, 1024, &fk, CLK_FIELD_EXACT, 10, "X", 1) == 1, "exact: one token");
	CHECK(clk_add_value(a, 1024, &fk, CLK_FIELD_DIGITS, 10, "4223", 4) == 4, "digits: one token per character");
	/* the counts clk_token_count predicts are the tokens clk_add_value adds */
	{
		static const struct
		{
			clk_field_kind kind;
			const char *v;
		}			tc[] = {
			{CLK_FIELD_NAME, "ANA"}, {CLK_FIELD_NAME, ""}, {CLK_FIELD_NAME, "\xc3\x91" "A"},
			{CLK_FIELD_TEXT, "STANLEY STREET"}, {CLK_FIELD_DATE, "19900715"},
			{CLK_FIELD_EXACT, "X"}, {CLK_FIELD_DIGITS, "905"}, {CLK_FIELD_DIGITS, ""},
		};
		int			all = 1;
		size_t		j;

		for (j = 0; j < sizeof(tc) / sizeof(tc[0]); j++)
			all &= clk_token_count(tc[j].kind, tc[j].v, strlen(tc[j].v)) ==
				clk_add_value(a, 1024, &fk, tc[j].kind, 3, tc[j].v, strlen(tc[j].v));
		CHECK(all, "clk_token_count equals the tokens added, for every kind");
		{
			char		longv[200];

			memset(longv, '7', sizeof(longv));
			CHECK(clk_token_count(CLK_FIELD_DIGITS, longv, sizeof(longv)) == CLK_MAX_POSITIONS &&
				  clk_add_value(a, 1024, &fk, CLK_FIELD_DIGITS, 1, longv, sizeof(longv)) == CLK_MAX_POSITIONS,
				  "digits: positions stop at CLK_MAX_POSITIONS");
		}
	}
	/* a budget spread over the tokens: rounded, at least 1, at most CLK_MAX_K */
	CHECK(clk_budget_k(200, 8) == 25 && clk_budget_k(200, 7) == 29 && clk_budget_k(100, 3) == 33 &&
		  clk_budget_k(1, 10) == 1 && clk_budget_k(4096, 1) == CLK_MAX_K && clk_budget_k(200, 0) == 0,
		  "clk_budget_k rounds budget / tokens into [1, CLK_MAX_K]");
	{
		/* digits are positional: the same characters shifted share no token */
		uint8_t		c[128];
		int			common = 0;
		size_t		j;

		memset(a, 0, 128);
		memset(c, 0, 128);
		clk_add_value(a, 1024, &fk, CLK_FIELD_DIGITS, 1, "12", 2);
		clk_add_token(c, 1024, &fk, 1, (const uint8_t *) "P01", 3);
		clk_add_token(c, 1024, &fk, 1, (const uint8_t *) "P12", 3);
		CHECK(memcmp(a, c, 128) == 0, "digits \"12\" encode as the tokens \"P01\" and \"P12\"");
		memset(c, 0, 128);
		clk_add_value(c, 1024, &fk, CLK_FIELD_DIGITS, 1, "512", 3);
		for (j = 0; j < 128; j++)
			common += (a[j] & c[j]) != 0;
		CHECK(common <= 1, "\"12\" and \"512\" share no positional token (a collision at most)");
	}
	{
		/* bigram of "A": " A" and "A " — the first is the token checked above */
		uint8_t		c[128];

		memset(a, 0, 128);
		memset(c, 0, 128);
		clk_add_value(a, 1024, &fk, CLK_FIELD_NAME, 5, "A", 1);
		clk_add_token(c, 1024, &fk, 5, (const uint8_t *) "B A", 3);
		clk_add_token(c, 1024, &fk, 5, (const uint8_t *) "BA ", 3);
		CHECK(memcmp(a, c, 128) == 0, "\"A\" encodes as the tokens \"B A\" and \"BA \"");
	}
	{
		/* another field index is another key */
		sha256_hmac_ctx fk2;
		uint8_t		c[128];

		clk_field_key((const uint8_t *) secret, strlen(secret), 2, &fk2);
		memset(a, 0, 128);
		memset(c, 0, 128);
		clk_add_value(a, 1024, &fk, CLK_FIELD_NAME, 20, "GARCIA", 6);
		clk_add_value(c, 1024, &fk2, CLK_FIELD_NAME, 20, "GARCIA", 6);
		CHECK(clk_dice(a, c, 128) < 0.5, "the same value in two fields sets different bits");
	}
	{
		/* a typical record with the default k sets about half the bits */
		const char *fields[4] = {"JOSE", "GARCIA", "LOPEZ", "19900715"};
		clk_field_kind kinds[4] = {CLK_FIELD_NAME, CLK_FIELD_NAME, CLK_FIELD_NAME, CLK_FIELD_DATE};
		int			k = clk_default_k(1024, 4);
		double		frac;

		CHECK(k == 22, "default k for 4 fields of 1024 bits is round(1024 ln 2 / 32) = 22");
		memset(a, 0, 128);
		for (i = 0; i < 4; i++)
		{
			sha256_hmac_ctx f;

			clk_field_key((const uint8_t *) secret, strlen(secret), i + 1, &f);
			clk_add_value(a, 1024, &f, kinds[i], k, fields[i], strlen(fields[i]));
		}
		/* 5+7+6+8 = 26 tokens, 572 hashes: expected 1 - exp(-572/1024) = 0.43 */
		frac = count_bits(a, 128) / 1024.0;
		CHECK(frac > 0.35 && frac < 0.50, "a 4-field record sets 35-50% of the bits");
		/* one typo in a surname keeps the filters close */
		memset(b, 0, 128);
		fields[1] = "GARSIA";
		for (i = 0; i < 4; i++)
		{
			sha256_hmac_ctx f;

			clk_field_key((const uint8_t *) secret, strlen(secret), i + 1, &f);
			clk_add_value(b, 1024, &f, kinds[i], k, fields[i], strlen(fields[i]));
		}
		CHECK(clk_dice(a, b, 128) > 0.8 && clk_dice(a, b, 128) < 1.0,
			  "one typo: dice between 0.8 and 1");
	}
	CHECK(clk_default_k(1024, 1) == 89, "default k, 1 field: round(88.7) = 89");
	CHECK(clk_default_k(64, 64) == 1, "default k never below 1");
	CHECK(clk_default_k(8192, 1) == 256, "default k capped at 256");

	/* ---- blocking ---- */
	memset(a, 0, 128);
	CHECK(clk_blocking_keys(a, 1024, 4, 12, keys) == 4 && keys[0] == 0 &&
		  keys[3] == ((int64_t) 3 << 40), "empty filter: the band index alone");
	memset(a, 0xff, 128);
	clk_blocking_keys(a, 1024, 4, 12, keys);
	CHECK(keys[2] == (((int64_t) 2 << 40) | 0xfff), "full filter: all sampled bits set");
	CHECK(clk_blocking_keys(a, 1024, 1, 32, keys) == 1 && keys[0] == 0xffffffffLL,
		  "32 bits per band fit below the band index");
	for (i = 0; i < 128; i++)
		a[i] = (uint8_t) (i * 91 + 5);
	memcpy(b, a, 128);
	clk_blocking_keys(a, 1024, 32, 12, keys);
	clk_blocking_keys(b, 1024, 32, 12, keys2);
	CHECK(memcmp(keys, keys2, sizeof(int64_t) * 32) == 0, "equal filters, equal keys");
	b[0] ^= 0xff;
	b[64] ^= 0xff;
	clk_blocking_keys(b, 1024, 32, 12, keys2);
	{
		int			same = 0;

		for (i = 0; i < 32; i++)
			same += keys[i] == keys2[i];
		CHECK(same > 16 && same < 32, "16 flipped bits change a few bands, not most");
	}
	return unit_done();
}
