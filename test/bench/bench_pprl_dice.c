/*
 * bench_pprl_dice.c
 *		C micro-benchmark of clk_dice on 1024-bit filters: all pairs of
 *		N random filters, several runs, median comparisons per second on one
 *		core, for clk_dice (three counts per pair) and clk_dice_counted (the
 *		popcounts of both filters known, as the clk type stores them); beside
 *		them, in the same run, a byte-table popcount Dice (a straightforward
 *		implementation) as the peer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clk.h"

#define NF		2048
#define NBYTES	128
#define RUNS	5

static uint8_t table[256];

static double
dice_bytes(const uint8_t *a, const uint8_t *b)
{
	int			ca = 0, cb = 0, cab = 0, i;

	for (i = 0; i < NBYTES; i++)
	{
		ca += table[a[i]];
		cb += table[b[i]];
		cab += table[a[i] & b[i]];
	}
	return ca + cb ? 2.0 * cab / (ca + cb) : 0.0;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int
cmp(const void *a, const void *b)
{
	double		x = *(const double *) a, y = *(const double *) b;

	return x < y ? -1 : x > y;
}

int
main(void)
{
	uint8_t    *f = malloc((size_t) NF * NBYTES);
	double		rate[RUNS], rate2[RUNS], peer[RUNS], sink = 0;
	long		pc[NF];
	int			i, j, r;

	srand(42);
	for (i = 0; i < NF * NBYTES; i++)
		f[i] = (uint8_t) rand();
	for (i = 0; i < 256; i++)
		table[i] = (uint8_t) __builtin_popcount(i);
	for (i = 0; i < NF; i++)
		pc[i] = clk_popcount(f + (size_t) i * NBYTES, NBYTES);
	for (r = 0; r < RUNS; r++)
	{
		double		t0 = now();

		for (i = 0; i < NF; i++)
			for (j = 0; j < NF; j++)
				sink += clk_dice(f + (size_t) i * NBYTES, f + (size_t) j * NBYTES, NBYTES);
		rate[r] = (double) NF * NF / (now() - t0);
		t0 = now();
		for (i = 0; i < NF; i++)
			for (j = 0; j < NF; j++)
				sink += clk_dice_counted(f + (size_t) i * NBYTES, f + (size_t) j * NBYTES, NBYTES, pc[i], pc[j]);
		rate2[r] = (double) NF * NF / (now() - t0);
		t0 = now();
		for (i = 0; i < NF; i++)
			for (j = 0; j < NF; j++)
				sink += dice_bytes(f + (size_t) i * NBYTES, f + (size_t) j * NBYTES);
		peer[r] = (double) NF * NF / (now() - t0);
	}
	qsort(rate, RUNS, sizeof(double), cmp);
	qsort(peer, RUNS, sizeof(double), cmp);
	qsort(rate2, RUNS, sizeof(double), cmp);
	printf("C dice, 1024-bit filters, %d x %d pairs, median of %d runs (checksum %.0f):\n", NF, NF, RUNS, sink);
	printf("  clk_dice (64-bit popcount)   %8.1f M/s\n", rate[RUNS / 2] / 1e6);
	printf("  clk_dice_counted (popcounts stored, as in the clk type) %8.1f M/s\n", rate2[RUNS / 2] / 1e6);
	printf("  byte-table popcount (peer)   %8.1f M/s   ratio %.1fx\n", peer[RUNS / 2] / 1e6,
		   rate[RUNS / 2] / peer[RUNS / 2]);
	printf("  bar: 50 M/s per core: clk_dice %s (%.2fx), clk_dice_counted %s (%.2fx)\n",
		   rate[RUNS / 2] >= 50e6 ? "met" : "NOT met", rate[RUNS / 2] / 50e6,
		   rate2[RUNS / 2] >= 50e6 ? "met" : "NOT met", rate2[RUNS / 2] / 50e6);
	free(f);
	return 0;
}
