/*
 * test_risk_design.c
 *		The design-state core alone: row order and splits do not change the
 *		state (adds in any order, combines of any split, growth), the text
 *		form round-trips, hostile texts are refused, and the beta and t
 *		quantiles agree with R's qbeta and qt (values printed by R 4.2.2).
 */
#include <stdlib.h>

#include "risk_design.h"
#include "unit.h"

#define NREC 3000

typedef struct rec
{
	int64_t		stratum,
				psu;
	bool		dom;
	risk_flags	f;
	double		w;
} rec;

static rd_state *
grow(rd_state *s, uint32_t extra, uint64_t bits)
{
	uint32_t	cap;
	uint64_t	b;
	size_t		sz = rd_grow_size(s, extra, bits, &cap, &b);
	rd_state   *n = calloc(1, sz);

	rd_grow(n, s, cap, b);
	free(s);
	return n;
}

static rd_state *
fresh(void)
{
	rd_state   *s = calloc(1, rd_size(8, 0));

	rd_init(s, 8, 0);
	return s;
}

static rd_state *
add(rd_state *s, const rec *r)
{
	rd_clash	c;
	rd_status	st;

	while ((st = rd_add(s, r->stratum, r->psu, 0, r->dom, r->f, 42, 0x3, r->w, &c)) == RD_GROW)
		s = grow(s, s->npsu >= s->cap ? 1 : 0, r->dom ? r->f.known : 0);
	if (st != RD_OK)
		CHECK(0, "rd_add of a valid row");
	return s;
}

static char *
text(const rd_state *s)
{
	uint32_t   *o = malloc(sizeof(uint32_t) * (s->npsu + 1));
	size_t		cap = rd_format_len(s);
	char	   *b = malloc(cap);

	rd_sorted(s, o);
	rd_format(s, o, b, cap);
	free(o);
	return b;
}

int
main(void)
{
	static rec	r[NREC];
	rd_state   *a = fresh(),
			   *b = fresh(),
			   *p1 = fresh(),
			   *p2 = fresh();
	char	   *ta,
			   *tb,
			   *tc;
	int			i;
	rd_clash	c;
	uint32_t	np;
	uint64_t	bits;

	srand(7);
	for (i = 0; i < NREC; i++)
	{
		uint64_t	known = (uint64_t) (rand() & 0x1f) | (i > 100 ? 0x100 : 0);

		r[i].stratum = rand() % 7 - 3;
		r[i].psu = r[i].stratum * 1000 + rand() % 40;
		r[i].dom = rand() % 5 != 0;
		r[i].f.known = known;
		r[i].f.yes = known & (uint64_t) rand();
		r[i].w = (rand() % 100000) / 997.0 + 0.01;
		if (i % 10 == 0)
			r[i].w *= 1000;	/* some above 2^16: the full 128-bit path */
	}
	for (i = 0; i < NREC; i++)
		a = add(a, &r[i]);
	for (i = NREC - 1; i >= 0; i--)
		b = add(b, &r[i]);
	for (i = 0; i < NREC; i++)
		if (i % 3 == 0)
			p1 = add(p1, &r[i]);
		else
			p2 = add(p2, &r[i]);
	while (rd_combine(p1, p2, false, &c) == RD_GROW)
		p1 = grow(p1, p2->npsu, p2->bits);
	ta = text(a);
	tb = text(b);
	tc = text(p1);
	CHECK(rd_check(a) == NULL && rd_check(p1) == NULL, "states are consistent");
	CHECK(strcmp(ta, tb) == 0, "reversed row order: the same state");
	CHECK(strcmp(ta, tc) == 0, "a split and combined: the same state");
	CHECK(rd_parse_counts(ta, strlen(ta), &np, &bits) == NULL && np == a->npsu && bits == a->bits,
		  "text counts");
	{
		uint32_t	cap = 8;
		rd_state   *d;
		char	   *td;

		while (cap < np)
			cap *= 2;
		d = calloc(1, rd_size(cap, (uint32_t) __builtin_popcountll(bits)));
		rd_init(d, cap, bits);
		CHECK(rd_parse(ta, strlen(ta), d) == NULL, "text parses");
		td = text(d);
		CHECK(strcmp(ta, td) == 0, "text round trip");
		free(td);
		/* hostile: every truncation is refused or reads a consistent state */
		{
			int			bad = 0;
			size_t		k;

			for (k = 0; k < strlen(ta); k += 7)
			{
				rd_init(d, cap, bits);
				if (rd_parse(ta, k, d) == NULL && rd_check(d) != NULL)
					bad++;
			}
			CHECK(bad == 0, "truncated texts: refused or consistent");
		}
		free(d);
	}
	{
		rd_est		e1,
					e2;
		uint32_t   *o = malloc(sizeof(uint32_t) * a->npsu);

		rd_sorted(a, o);
		CHECK(rd_estimate(a, o, -1, RD_LONELY_FAIL, &e1), "estimate");
		rd_sorted(p1, o);
		CHECK(rd_estimate(p1, o, -1, RD_LONELY_FAIL, &e2), "estimate of the combined state");
		/* field by field: the struct's padding is not part of the result */
		CHECK(e1.n == e2.n && e1.df == e2.df &&
			  memcmp(&e1.weighted_n, &e2.weighted_n, sizeof(double)) == 0 &&
			  memcmp(&e1.estimate, &e2.estimate, sizeof(double)) == 0 &&
			  memcmp(&e1.se, &e2.se, sizeof(double)) == 0 &&
			  memcmp(&e1.deff, &e2.deff, sizeof(double)) == 0 &&
			  memcmp(&e1.effective_n, &e2.effective_n, sizeof(double)) == 0 &&
			  memcmp(&e1.ci_low, &e2.ci_low, sizeof(double)) == 0 &&
			  memcmp(&e1.ci_high, &e2.ci_high, sizeof(double)) == 0 &&
			  memcmp(&e1.wilson_low, &e2.wilson_low, sizeof(double)) == 0 &&
			  memcmp(&e1.wilson_high, &e2.wilson_high, sizeof(double)) == 0,
			  "the same estimates, to the bit");
		CHECK(e1.df == (int) a->npsu - 7, "df = PSUs - strata");
		free(o);
	}
	CHECK(rd_add(a, 0, 5, 0, true, r[0].f, 42, 3, 0, &c) == RD_BAD_WEIGHT, "zero weight refused");
	CHECK(rd_add(a, 0, 5, 1.5, true, r[0].f, 42, 3, 1, &c) == RD_BAD_FPC, "fraction 1.5 refused");
	CHECK(rd_add(a, 1, r[0].psu, 0, true, r[0].f, 42, 3, 1, &c) == RD_TWO_STRATA &&
		  c.stratum == r[0].stratum, "a PSU in two strata names the other stratum");
	CHECK(rd_add(a, r[0].stratum, r[0].psu, 0, true, r[0].f, 43, 3, 1, &c) == RD_MODEL_MISMATCH,
		  "another model refused");

	/* quantiles: R 4.2.2 qbeta(p, a, b) and -qt(0.025, df) */
	CHECK_NEAR(rd_qbeta(0.025, 5.5, 100.2), 0.018452909316248208, 1e-15, "qbeta(0.025, 5.5, 100.2)");
	CHECK_NEAR(rd_qbeta(0.975, 6.5, 99.2), 0.11428992350561118, 1e-15, "qbeta(0.975, 6.5, 99.2)");
	CHECK_NEAR(rd_qbeta(0.025, 0.3, 40), 8.034305372211098e-08, 1e-21, "qbeta(0.025, 0.3, 40)");
	CHECK_NEAR(rd_qbeta(0.025, 2e6, 5e6), 0.28537968587989371, 1e-15, "qbeta(0.025, 2e6, 5e6)");
	CHECK_NEAR(rd_qbeta(0.95, 0.5, 2.5e6), 7.682915458318997e-07, 1e-17, "qbeta(0.95, 0.5, 2.5e6)");
	CHECK_NEAR(rd_qt_upper(0.025, 1), 12.706204736174707, 1e-12, "qt df 1");
	CHECK_NEAR(rd_qt_upper(0.025, 14), 2.1447866879178044, 1e-14, "qt df 14");
	CHECK_NEAR(rd_qt_upper(0.025, 1e5), 1.959987707534609, 1e-14, "qt df 1e5");
	CHECK_NEAR(rd_qt_upper(0.025, 1e7), 1.9599642217672053, 1e-14, "qt df 1e7");
	free(a);
	free(b);
	free(p1);
	free(p2);
	free(ta);
	free(tb);
	free(tc);
	return unit_done();
}
