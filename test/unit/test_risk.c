/*
 * test_risk.c
 *		Unit tests of the risk core: flags text form and set algebra, model
 *		scores, the exact accumulator (add, inverse, combine, text form) and
 *		the interval arithmetic.
 */
#include <stdlib.h>

#include "risk_core.h"
#include "unit.h"

static risk_codetab tab;

static risk_flags
P(const char *s)
{
	risk_flags	f = {0, 0};
	risk_parse_error e;

	if (risk_flags_parse(s, strlen(s), &tab, &f, &e) != RISK_PARSE_OK)
	{
		printf("# unexpected parse failure of %s: %s\n", s, e.detail);
		f.yes = f.known = 0xdeadbeef;
	}
	return f;
}

static const char *
F(risk_flags f)
{
	static char buf[RISK_FLAGS_TEXT_MAX];

	risk_flags_format(f, &tab, buf, sizeof(buf));
	return buf;
}

static risk_parse_status
E(const char *s, size_t *pos, size_t *len)
{
	risk_flags	f;
	risk_parse_error e;
	risk_parse_status st = risk_flags_parse(s, strlen(s), &tab, &f, &e);

	*pos = e.pos;
	*len = e.len;
	return st;
}

static void
test_flags(void)
{
	risk_flags	f;
	size_t		pos,
				len;
	char		small[4];

	tab.name[0] = "debt";
	tab.name[3] = "held";
	tab.name[5] = "violence";
	tab.name[16] = "freight_train";

	f = P("{held,freight_train}");
	CHECK(f.yes == ((1u << 3) | (1u << 16)) && f.known == ~UINT64_C(0), "yes listed, others no");
	CHECK_STR(F(f), "{held,freight_train}", "canonical output");
	CHECK_STR(F(P(" { freight_train , held } ")), "{held,freight_train}", "blanks and order");
	CHECK_STR(F(P("{}")), "{}", "empty: all no");
	CHECK(P("{}").known == ~UINT64_C(0) && P("{}").yes == 0, "empty value");
	f = P("{?}");
	CHECK(f.known == 0 && f.yes == 0, "{?}: all unknown");
	CHECK_STR(F(f), "{?}", "all unknown prints {?}");
	f = P("{?,held,-debt}");
	CHECK(f.yes == 8 && f.known == 9, "default unknown with one yes and one no");
	CHECK_STR(F(f), "{?,-debt,held}", "default-unknown form, by bit");
	f = P("{held,?debt,-violence}");
	CHECK(f.yes == 8 && f.known == ~UINT64_C(1), "explicit unknown in default-no form");
	CHECK_STR(F(f), "{?debt,held}", "explicit no is implied in default-no form");
	f = P("{#3,#63,-#5}");
	CHECK(f.yes == (8 | (UINT64_C(1) << 63)), "#N tokens");
	CHECK_STR(F(f), "{held,#63}", "unregistered bit prints as #N");
	CHECK_STR(F(P("{held,held}")), "{held}", "repeated same state is accepted");
	/* round trip over many random values */
	{
		int			k,
					ok = 1;

		srand(7);
		for (k = 0; k < 20000; k++)
		{
			risk_flags	g,
						h;
			risk_parse_error e;
			char		buf[RISK_FLAGS_TEXT_MAX];

			g.known = ((uint64_t) rand() << 42) ^ ((uint64_t) rand() << 21) ^ (uint64_t) rand();
			if (k % 3 == 0)
				g.known |= ~UINT64_C(0) << (k % 64);
			g.yes = g.known & (((uint64_t) rand() << 40) ^ (uint64_t) rand());
			risk_flags_format(g, &tab, buf, sizeof(buf));
			if (risk_flags_parse(buf, strlen(buf), &tab, &h, &e) != RISK_PARSE_OK ||
				risk_flags_cmp(g, h) != 0)
			{
				ok = 0;
				printf("# round trip failed: %s\n", buf);
				break;
			}
		}
		CHECK(ok, "random values round trip through text");
	}
	/* truncation reports the needed length, like snprintf */
	CHECK(risk_flags_format(P("{held}"), &tab, small, sizeof(small)) == 6 &&
		  strcmp(small, "{he") == 0, "format truncates safely and returns full length");

	/* errors */
	CHECK(E("{nope}", &pos, &len) == RISK_PARSE_UNKNOWN_CODE && pos == 1 && len == 4,
		  "unknown code located");
	CHECK(E("{held,-nope}", &pos, &len) == RISK_PARSE_UNKNOWN_CODE && pos == 7 && len == 4,
		  "unknown code after prefix located");
	CHECK(E("held", &pos, &len) == RISK_PARSE_SYNTAX && pos == 0, "missing brace");
	CHECK(E("{held", &pos, &len) == RISK_PARSE_SYNTAX, "missing closing brace");
	CHECK(E("{held,}", &pos, &len) == RISK_PARSE_SYNTAX && pos == 6, "empty element");
	CHECK(E("{,held}", &pos, &len) == RISK_PARSE_SYNTAX, "leading comma");
	CHECK(E("{held} x", &pos, &len) == RISK_PARSE_SYNTAX && pos == 7, "junk after");
	CHECK(E("{held;debt}", &pos, &len) == RISK_PARSE_SYNTAX && pos == 5, "bad separator");
	CHECK(E("{#64}", &pos, &len) == RISK_PARSE_BIT_RANGE && len == 3, "bit 64 out of range");
	CHECK(E("{#99999999999999999999}", &pos, &len) == RISK_PARSE_BIT_RANGE, "huge bit");
	CHECK(E("{#}", &pos, &len) == RISK_PARSE_SYNTAX, "# without number");
	CHECK(E("{#3x}", &pos, &len) == RISK_PARSE_SYNTAX, "# with trailing letters");
	CHECK(E("{held,-held}", &pos, &len) == RISK_PARSE_CONFLICT && pos == 6 && len == 5,
		  "conflicting states located");
	CHECK(E("{?,?}", &pos, &len) == RISK_PARSE_SYNTAX, "double ?");
	CHECK(E("", &pos, &len) == RISK_PARSE_SYNTAX && pos == 0 && len == 0,
		  "empty string: error span stays inside the input");
	CHECK(E("{HELD}", &pos, &len) == RISK_PARSE_UNKNOWN_CODE, "codes are case-sensitive");
	CHECK(risk_codetab_lookup(&tab, "held", 4) == 3 && risk_codetab_lookup(&tab, "hel", 3) == -1,
		  "lookup is exact");

	/* Kleene algebra */
	{
		risk_flags	yes = P("{held}"),
					no = P("{}"),
					unk = P("{?}");

#define ST(f) (((f).yes & 8) ? 'y' : ((f).known & 8) ? 'n' : 'u')
		CHECK(ST(risk_flags_or(yes, unk)) == 'y' && ST(risk_flags_or(no, unk)) == 'u' &&
			  ST(risk_flags_or(no, no)) == 'n', "or: yes|u=y, no|u=u, no|no=n");
		CHECK(ST(risk_flags_and(no, unk)) == 'n' && ST(risk_flags_and(yes, unk)) == 'u' &&
			  ST(risk_flags_and(yes, yes)) == 'y', "and: no&u=n, yes&u=u, yes&yes=y");
		CHECK(ST(risk_flags_minus(yes, no)) == 'y' && ST(risk_flags_minus(yes, yes)) == 'n' &&
			  ST(risk_flags_minus(yes, unk)) == 'u' && ST(risk_flags_minus(no, unk)) == 'n',
			  "minus: a and not b");
		CHECK(risk_flags_valid(risk_flags_or(yes, unk)) && risk_flags_valid(risk_flags_minus(unk, yes)),
			  "operators keep yes within known");
		CHECK(risk_flags_contains(P("{held,debt}"), P("{held}")) &&
			  !risk_flags_contains(P("{held}"), P("{held,debt}")), "contains");
		CHECK(risk_flags_overlaps(P("{held,debt}"), P("{held}")) &&
			  !risk_flags_overlaps(P("{debt}"), P("{held}")), "overlaps");
		CHECK(risk_flags_hash(P("{held}")) != risk_flags_hash(P("{?,held}")), "hash sees known set");
	}
}

static void
mkmodel(risk_model *m, risk_model_kind kind)
{
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->mask = (1u << 0) | (1u << 3) | (1u << 5);
	m->weight[0] = 1;
	m->weight[3] = 2;
	m->weight[5] = 1;
	m->intercept = -2;
	m->medium_threshold = 0.25;
	m->high_threshold = 0.5;
}

static void
test_models(void)
{
	risk_model	m;

	mkmodel(&m, RISK_MODEL_ADDITIVE);
	CHECK(risk_model_finish(&m) == NULL && m.weight_total == 4, "additive model finishes");
	CHECK_NEAR(risk_model_score(&m, P("{held}")), 0.5, 0, "additive: 2/4");
	CHECK_NEAR(risk_model_score(&m, P("{held,debt,violence,freight_train}")), 1, 0, "additive: all");
	CHECK_NEAR(risk_model_score(&m, P("{freight_train}")), 0, 0, "additive: non-model indicator");
	CHECK_NEAR(risk_model_score(&m, P("{?}")), 0, 0, "additive: unknown counts as absent");
	CHECK(risk_model_level(&m, 0.5) == 2 && risk_model_level(&m, 0.25) == 1 &&
		  risk_model_level(&m, 0.2) == 0, "levels at thresholds");
	mkmodel(&m, RISK_MODEL_LOGISTIC);
	risk_model_finish(&m);
	CHECK_NEAR(risk_model_score(&m, P("{}")), 1 / (1 + exp(2.0)), 1e-15, "logistic: intercept only");
	CHECK_NEAR(risk_model_score(&m, P("{held}")), 0.5, 1e-15, "logistic: -2+2 = 0 -> 0.5");
	CHECK_NEAR(risk_model_score(&m, P("{held,debt}")), 1 / (1 + exp(-1.0)), 1e-15, "logistic: 1");
	mkmodel(&m, RISK_MODEL_ANY);
	risk_model_finish(&m);
	CHECK(risk_model_score(&m, P("{debt}")) == 1 && risk_model_score(&m, P("{freight_train}")) == 0,
		  "any");
	mkmodel(&m, RISK_MODEL_ADDITIVE);
	m.weight[3] = -1;
	CHECK(risk_model_finish(&m) != NULL, "additive negative weight refused");
	mkmodel(&m, RISK_MODEL_ADDITIVE);
	m.mask = 0;
	CHECK(risk_model_finish(&m) != NULL, "empty model refused");
	mkmodel(&m, RISK_MODEL_ADDITIVE);
	m.medium_threshold = 0.9;
	CHECK(risk_model_finish(&m) != NULL, "medium above high refused");
	mkmodel(&m, (risk_model_kind) 9);
	CHECK(risk_model_finish(&m) != NULL, "bad kind refused");
}

static bool
acc_eq(const risk_acc *a, const risk_acc *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

static void
test_acc(void)
{
	risk_model	m;
	static risk_acc a,
				b,
				c,
				d;
	static risk_flags fl[1000];
	static double w[1000];
	static char buf[RISK_ACC_TEXT_MAX];
	risk_summary_num s;
	risk_indicator_est ie;
	int			i;
	double		sw = 0,
				sw2 = 0,
				sany = 0,
				ss = 0,
				ss2 = 0,
				kw = 0,
				yw = 0;
	int			addfail = 0;

	mkmodel(&m, RISK_MODEL_ADDITIVE);
	risk_model_finish(&m);
	risk_acc_init(&a);
	risk_acc_init(&b);
	risk_acc_init(&c);
	srand(11);
	for (i = 0; i < 1000; i++)
	{
		double		sc;

		fl[i].known = ~(uint64_t) (rand() % 16);	/* bits 0..3 sometimes unknown */
		fl[i].yes = fl[i].known & (uint64_t) (rand() & 0x29);	/* bits 0, 3, 5 */
		w[i] = (rand() % 4096) / 1024.0;	/* dyadic: exact in fixed point */
		if (risk_acc_add(&a, &m, NULL, fl[i], w[i]) != RISK_ACC_OK ||
			risk_acc_add(i % 2 ? &b : &c, &m, NULL, fl[i], w[i]) != RISK_ACC_OK)
			addfail++;
		sc = risk_model_score(&m, fl[i]);
		sw += w[i];
		sw2 += w[i] * w[i];
		sany += (fl[i].yes & m.mask) ? w[i] : 0;
		ss += w[i] * sc;
		ss2 += w[i] * sc * sc;
		if (fl[i].known & 8)
		{
			kw += w[i];
			yw += (fl[i].yes & 8) ? w[i] : 0;
		}
	}
	CHECK(addfail == 0, "1000 records added");
	{
		/* the score memo changes nothing */
		static risk_memo memo;
		static risk_acc am,
					d1,
					d2,
					e1,
					e2;
		risk_model m2,
					m3;
		int			k;

		/* two logistic models (the memo's users) of the same indicators */
		mkmodel(&m2, RISK_MODEL_LOGISTIC);
		risk_model_finish(&m2);
		mkmodel(&m3, RISK_MODEL_LOGISTIC);
		m3.intercept = -1;
		risk_model_finish(&m3);
		risk_acc_init(&am);
		risk_acc_init(&d1);
		risk_acc_init(&d2);
		risk_acc_init(&e1);
		risk_acc_init(&e2);
		for (k = 0; k < 1000; k++)
		{
			risk_acc_add(&am, &m, &memo, fl[k], w[k]);
			risk_acc_add(&d1, &m2, &memo, fl[k], w[k]);	/* both share the memo */
			risk_acc_add(&e1, &m3, &memo, fl[k], w[k]);
		}
		CHECK(acc_eq(&am, &a), "memoised scores give the same state");
		for (k = 0; k < 1000; k++)
		{
			risk_acc_add(&d2, &m2, NULL, fl[k], w[k]);
			risk_acc_add(&e2, &m3, NULL, fl[k], w[k]);
		}
		CHECK(acc_eq(&d1, &d2) && acc_eq(&e1, &e2), "memo shared by two models keeps them apart");
		CHECK(!acc_eq(&d1, &e1), "the two models score differently");
	}
	CHECK(risk_acc_check(&a) == NULL, "built state is consistent");
	CHECK(risk_acc_combine(&b, &c) == RISK_ACC_OK && acc_eq(&a, &b), "combine of halves equals whole");
	risk_acc_summarize(&a, &s);
	CHECK(s.n == 1000, "n");
	CHECK_NEAR(s.weighted_n, sw, 0, "weighted n exact for dyadic weights");
	CHECK_NEAR(s.effective_n, sw * sw / sw2, 1e-9, "Kish n");
	CHECK_NEAR(s.any.value, sany / sw, 1e-15, "any prevalence");
	CHECK_NEAR(s.score.value, ss / sw, 1e-7, "mean score");
	risk_acc_indicator(&a, 3, &ie);
	CHECK_NEAR(ie.prevalence.value, yw / kw, 1e-15, "indicator prevalence among known");
	CHECK_NEAR(ie.known_w, kw, 0, "indicator known weight");
	(void) ss2;

	/* inverse: remove the first 400 and compare with adding 400..999 */
	memcpy(&d, &a, sizeof(d));
	for (i = 0; i < 400; i++)
		risk_acc_remove(&d, &m, NULL, fl[i], w[i]);
	risk_acc_init(&c);
	for (i = 400; i < 1000; i++)
		risk_acc_add(&c, &m, NULL, fl[i], w[i] * 1.0);
	CHECK(acc_eq(&c, &d), "remove is the exact inverse of add (dyadic weights)");
	/* and with weights that are not dyadic */
	risk_acc_init(&c);
	risk_acc_init(&d);
	for (i = 0; i < 1000; i++)
		risk_acc_add(&d, &m, NULL, fl[i], w[i] / 3.7 + 1e-3);
	for (i = 0; i < 500; i++)
		risk_acc_remove(&d, &m, NULL, fl[i], w[i] / 3.7 + 1e-3);
	for (i = 500; i < 1000; i++)
		risk_acc_add(&c, &m, NULL, fl[i], w[i] / 3.7 + 1e-3);
	CHECK(acc_eq(&c, &d), "remove is the exact inverse of add (any weights)");

	/* text form */
	{
		size_t		n = risk_acc_format(&a, buf, sizeof(buf));

		CHECK(n < sizeof(buf), "state text fits");
		CHECK(risk_acc_parse(buf, n, &d) == NULL && acc_eq(&a, &d), "state text round trip");
		risk_acc_init(&c);
		n = risk_acc_format(&c, buf, sizeof(buf));
		CHECK_STR(buf, "1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0", "empty state text");
		CHECK(risk_acc_parse(buf, n, &d) == NULL && acc_eq(&c, &d), "empty state round trip");
		CHECK(risk_acc_parse("2:", 2, &d) != NULL, "bad version refused");
		CHECK(risk_acc_parse("1:0000000000000000:0000000000000000:0:5:0:0:0:0:0:0", 51, &d) != NULL,
			  "sums without records refused");
		CHECK(risk_acc_parse("1:0000000000000001:0000000000000000:1:5:5:6:0:0:0:0", 51, &d) != NULL,
			  "any above total refused");
	}

	/* errors */
	CHECK(risk_acc_add(&a, &m, NULL, fl[0], -1) == RISK_ACC_BAD_WEIGHT, "negative weight");
	CHECK(risk_acc_add(&a, &m, NULL, fl[0], NAN) == RISK_ACC_BAD_WEIGHT, "NaN weight");
	CHECK(risk_acc_add(&a, &m, NULL, fl[0], INFINITY) == RISK_ACC_BAD_WEIGHT, "infinite weight");
	CHECK(risk_acc_add(&a, &m, NULL, fl[0], 1e12) == RISK_ACC_BAD_WEIGHT, "weight above 2^38");
	{
		risk_model	m2;

		mkmodel(&m2, RISK_MODEL_ANY);
		risk_model_finish(&m2);
		CHECK(risk_acc_add(&a, &m2, NULL, fl[0], 1) == RISK_ACC_MODEL_MISMATCH, "model mismatch on add");
		risk_acc_init(&c);
		risk_acc_add(&c, &m2, NULL, fl[0], 1);
		CHECK(risk_acc_combine(&c, &a) == RISK_ACC_MODEL_MISMATCH, "model mismatch on combine");
		risk_acc_init(&c);
		CHECK(risk_acc_remove(&c, &m, NULL, fl[0], 1) != RISK_ACC_OK, "remove from empty refused");
	}
	/* overflow: huge weights until the sum of squares passes its limit */
	{
		risk_acc_status st = RISK_ACC_OK;

		risk_acc_init(&c);
		risk_acc_add(&c, &m, NULL, fl[0], RISK_WEIGHT_MAX);
		c.sw2 = (((risk_i128) 1) << 124) - 1;
		memcpy(&d, &c, sizeof(d));
		st = risk_acc_add(&c, &m, NULL, fl[0], RISK_WEIGHT_MAX);
		CHECK(acc_eq(&c, &d), "a refused add leaves the state unchanged");
		CHECK(st == RISK_ACC_OVERFLOW && risk_acc_check(&c) == NULL, "overflow detected, state intact");
	}

	/* all zero weights and one record */
	risk_acc_init(&c);
	risk_acc_add(&c, &m, NULL, fl[0], 0);
	risk_acc_add(&c, &m, NULL, fl[1], 0);
	risk_acc_summarize(&c, &s);
	CHECK(s.n == 2 && s.weighted_n == 0 && !s.effective_n_valid && !s.any.valid, "zero weights");
	risk_acc_init(&c);
	risk_acc_add(&c, &m, NULL, P("{held}"), 2.5);
	risk_acc_summarize(&c, &s);
	CHECK(s.effective_n == 1 && s.any.value == 1 && s.score.value == 0.5, "one record");
}

/*
 * risk_acc_add adds 64-bit contributions to the low words of its 128-bit
 * sums with a rare carry (a wide add only for w^2 of a weight of 2^20 or
 * more) and tests the exact limit only near it; combine adds whole 128-bit
 * sums.  Combining one-record states must give, to the bit, the state built
 * row by row.  The first records leave the low words 2^36 short of 2^64 and
 * weights near 2^19 carry within a few records; a state near its limits
 * takes the exact test.
 */
static void
test_acc_paths(void)
{
	static risk_acc a,
				b,
				e;
	risk_model	m[3];
	int			k,
				i,
				bad = 0;

	mkmodel(&m[0], RISK_MODEL_ADDITIVE);
	mkmodel(&m[1], RISK_MODEL_ANY);
	mkmodel(&m[2], RISK_MODEL_LOGISTIC);
	srand(23);
	for (k = 0; k < 3; k++)
	{
		risk_model_finish(&m[k]);
		risk_acc_init(&a);
		risk_acc_init(&b);
		for (i = 0; i < 4000; i++)
		{
			risk_flags	f;
			double		w;
			uint64_t	r = ((uint64_t) rand() << 33) ^ ((uint64_t) rand() << 11) ^ (uint64_t) rand();

			f.known = ~(r & ((uint64_t) rand() << 40 | 0xff00));
			f.yes = f.known & (r * UINT64_C(0x9e3779b97f4a7c15));
			if (i < 8)
			{
				/* low words of the sums 2^36 short of 2^64: later adds carry */
				f.known = i < 4 ? ~UINT64_C(0) : 0;
				f.yes = f.known;
				w = RISK_WEIGHT_MAX - 1024;
			}
			else if (i % 5 == 0)
				w = 524288.0 - (rand() % 1000) / 997.0;	/* just below 2^19 */
			else if (i % 5 == 1)
				w = (i % 50 == 1) ? 524288.0 + rand() % 100000 : 0;	/* above, or 0 */
			else
				w = (rand() % 100000) / 7.0;
			if (risk_acc_add(&a, &m[k], NULL, f, w) != RISK_ACC_OK)
				bad++;
			risk_acc_init(&e);
			if (risk_acc_add(&e, &m[k], NULL, f, w) != RISK_ACC_OK ||
				risk_acc_combine(&b, &e) != RISK_ACC_OK)
				bad++;
		}
		CHECK(bad == 0 && acc_eq(&a, &b) && risk_acc_check(&a) == NULL,
			  "row-by-row adds equal the sum of one-record states");
		CHECK(a.sw > ((risk_i128) 1 << 64) && a.yes_w[63] > ((risk_i128) 1 << 64) &&
			  a.unk_w[8] > ((risk_i128) 1 << 64),
			  "the sums carried into their high words");
	}
	/* a state near the limit of its sums takes the exact test */
	risk_acc_init(&a);
	risk_acc_add(&a, &m[0], NULL, (risk_flags) {1, ~UINT64_C(0)}, 1);
	a.sw = a.sw2 = ((risk_i128) 1 << 123) + 5;
	memcpy(&b, &a, sizeof(b));
	CHECK(risk_acc_add(&a, &m[0], NULL, (risk_flags) {1, ~UINT64_C(0)}, 2) == RISK_ACC_OK &&
		  a.sw == b.sw + 2 * 16777216 && a.sw2 == b.sw2 + 4 * 16777216 && a.n == 2,
		  "adds to a state with large sums are exact");
}

/* the 64-bit shortcut of risk_fix_to_double rounds as the 128-bit conversion */
static void
test_fix_to_double(void)
{
	int			i,
				bad = 0;

	srand(29);
	for (i = 0; i < 200000; i++)
	{
		int			shift = rand() % 126;
		risk_i128	v = (((risk_i128) rand() << 62) ^ ((risk_i128) rand() << 31) ^ rand()) >> (126 - shift % 126);

		if (i % 3 == 0)
			v = -v;
		if (i % 1000 == 1)
			v = (i % 2000 == 1) ? (risk_i128) INT64_MAX - (i % 7) : (risk_i128) INT64_MIN + (i % 7);
		if (risk_fix_to_double(v) != (double) v / 16777216.0)
			bad++;
	}
	CHECK(bad == 0, "fixed point to double: 200,000 values, |v| up to 2^92");
}

static void
test_stats(void)
{
	double		lo,
				hi;

	/* reference values computed independently (Python, same formula) */
	risk_wilson(0.5, 100, RISK_Z95, &lo, &hi);
	CHECK_NEAR(lo, 0.4038315303659956, 1e-14, "Wilson 50/100 low");
	CHECK_NEAR(hi, 0.5961684696340044, 1e-14, "Wilson 50/100 high");
	/* 0 of 10: upper bound z^2/(n+z^2), the textbook 0.2775 */
	risk_wilson(0, 10, RISK_Z95, &lo, &hi);
	CHECK_NEAR(lo, 0, 0, "Wilson 0/10 low");
	CHECK_NEAR(hi, 0.2775327998628892, 1e-14, "Wilson 0/10 high");
	risk_wilson(0.2, 50, RISK_Z95, &lo, &hi);
	CHECK_NEAR(lo, 0.1124375001577611, 1e-14, "Wilson 10/50 low");
	CHECK_NEAR(hi, 0.3303710593222542, 1e-14, "Wilson 10/50 high");
	risk_wilson(0.5, 0, RISK_Z95, &lo, &hi);
	CHECK(isnan(lo) && isnan(hi), "Wilson on n=0 undefined");
	CHECK_NEAR(risk_kish_n(10, 10), 10, 0, "Kish: unit weights");
	CHECK_NEAR(risk_kish_n(4, 10), 1.6, 1e-15, "Kish: weights 1 and 3");
}

int
main(void)
{
	test_flags();
	test_models();
	test_acc();
	test_acc_paths();
	test_fix_to_double();
	test_stats();
	return unit_done();
}
