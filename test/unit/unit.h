/*
 * unit.h
 *		A minimal check harness for the C unit tests of the pure cores:
 *		each check prints "ok - what" or "not ok - what (details)", and
 *		unit_done() turns the tally into the exit status.
 */
#ifndef MIGRISK_UNIT_H
#define MIGRISK_UNIT_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int	unit_failed = 0;
static int	unit_count = 0;

#define CHECK(cond, what) \
	do { \
		unit_count++; \
		if (cond) \
			printf("ok - %s\n", (what)); \
		else \
		{ \
			unit_failed++; \
			printf("not ok - %s (%s:%d: %s)\n", (what), __FILE__, __LINE__, #cond); \
		} \
	} while (0)

#define CHECK_NEAR(got, want, tol, what) \
	do { \
		double		g_ = (got), w_ = (want); \
		unit_count++; \
		if (fabs(g_ - w_) <= (tol)) \
			printf("ok - %s\n", (what)); \
		else \
		{ \
			unit_failed++; \
			printf("not ok - %s (got %.17g, want %.17g, tol %g)\n", (what), g_, w_, (double) (tol)); \
		} \
	} while (0)

#define CHECK_STR(got, want, what) \
	do { \
		const char *g_ = (got), *w_ = (want); \
		unit_count++; \
		if (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0) \
			printf("ok - %s\n", (what)); \
		else \
		{ \
			unit_failed++; \
			printf("not ok - %s (got \"%s\", want \"%s\")\n", (what), g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
		} \
	} while (0)

static inline int
unit_done(void)
{
	printf("%d checks, %d failed\n", unit_count, unit_failed);
	return unit_failed == 0 ? 0 : 1;
}

#endif							/* MIGRISK_UNIT_H */
