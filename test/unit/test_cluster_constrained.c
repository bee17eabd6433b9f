/*
 * test_cluster_constrained.c
 *		Constrained clustering: the order links are taken in, a merge
 *		refused on a shared (source, day), unconstrained records, and random
 *		graphs checked against a brute force that holds each component's
 *		members in plain arrays.
 */
#include <stdint.h>
#include <stdlib.h>

#include "cluster_constrained.h"
#include "unionfind.h"
#include "unit.h"

#define N 32

static int32_t parent[N],
			size[N],
			head[N],
			next[N];
static uint64_t key[N];
static CcForest forest = {parent, size, head, next, key};

static void
reset(int n)
{
	int			i;

	for (i = 0; i < n; i++)
		cc_make(&forest, i);
}

static uint64_t rng = 2463534242ULL;

static uint32_t
next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t) (rng >> 11);
}

int
main(void)
{
	int			i,
				t;

	{
		CcEdge		e[4] = {
			{0.5, 3, 9, 0, 0}, {2.0, 5, 6, 0, 0}, {0.5, 1, 9, 0, 0}, {2.0, 5, 4, 0, 0}
		};

		cc_sort_edges(e, 4);
		CHECK(e[0].weight == 2.0 && e[0].id_hi == 4 && e[1].id_hi == 6, "best first, ties by ids");
		CHECK(e[2].id_lo == 1 && e[3].id_lo == 3, "equal weights in id order");
	}
	{
		/*
		 * removal 0 (source 0, day 10), receptions 1 and 2 (source 1, both
		 * day 11), removal 3 (source 0, day 40), record 4 unconstrained
		 */
		key[0] = cc_key(0, 10);
		key[1] = cc_key(1, 11);
		key[2] = cc_key(1, 11);
		key[3] = cc_key(0, 40);
		key[4] = CC_NO_KEY;
		reset(5);
		CHECK(cc_merge(&forest, 0, 1) == CC_MERGED, "removal joins its reception");
		CHECK(cc_merge(&forest, 0, 2) == CC_REFUSED, "a second reception of the same day is refused");
		CHECK(cc_merge(&forest, 2, 3) == CC_MERGED, "the other reception joins another removal");
		CHECK(cc_merge(&forest, 1, 3) == CC_REFUSED, "the two clusters stay apart (two receptions of day 11)");
		CHECK(cc_merge(&forest, 4, 0) == CC_MERGED, "an unconstrained record joins");
		CHECK(cc_merge(&forest, 4, 1) == CC_SAME, "a link inside a cluster merges nothing");
		CHECK(unionfind_find(parent, 0) == unionfind_find(parent, 4) &&
			  unionfind_find(parent, 0) != unionfind_find(parent, 2), "clusters {0,1,4} and {2,3}");
		CHECK(size[unionfind_find(parent, 0)] == 3, "cluster of 3");
	}
	{
		/* sources differ, days equal: no conflict; list stays sorted */
		int32_t		x,
					n = 0;
		bool		sorted = true;

		for (i = 0; i < 6; i++)
			key[i] = cc_key(i, 7);
		reset(6);
		for (i = 5; i > 0; i--)
			CHECK(cc_merge(&forest, i, i - 1) == CC_MERGED, "different sources of one day merge");
		for (x = head[unionfind_find(parent, 0)]; x >= 0; x = next[x], n++)
			if (next[x] >= 0 && key[next[x]] <= key[x])
				sorted = false;
		CHECK(n == 6 && sorted, "key list of 6, in increasing order");
	}

	/* random graphs against brute force */
	for (t = 0; t < 2000; t++)
	{
		int			n = 2 + (int) (next_rand() % (N - 2));
		int			m = (int) (next_rand() % (2 * n));
		int			comp[N];
		bool		same = true;

		for (i = 0; i < n; i++)
		{
			key[i] = next_rand() % 5 == 0 ? CC_NO_KEY : cc_key((int32_t) (next_rand() % 2), (int32_t) (next_rand() % 4));
			comp[i] = i;
		}
		reset(n);
		for (i = 0; i < m; i++)
		{
			int			a = (int) (next_rand() % n),
						b = (int) (next_rand() % n),
						x,
						y,
						ca = comp[a],
						cb = comp[b];
			CcMerge		want,
						got;

			if (ca == cb)
				want = CC_SAME;
			else
			{
				want = CC_MERGED;
				for (x = 0; x < n; x++)
					for (y = 0; y < n; y++)
						if (comp[x] == ca && comp[y] == cb && key[x] != CC_NO_KEY && key[x] == key[y])
							want = CC_REFUSED;
			}
			got = cc_merge(&forest, a, b);
			if (got != want)
				same = false;
			if (want == CC_MERGED)
				for (x = 0; x < n; x++)
					if (comp[x] == cb)
						comp[x] = ca;
		}
		for (i = 0; i < n; i++)
		{
			int			j;

			for (j = 0; j < n; j++)
				if ((comp[i] == comp[j]) != (unionfind_find(parent, i) == unionfind_find(parent, j)))
					same = false;
		}
		if (!same)
		{
			CHECK(false, "random graph agrees with brute force");
			return unit_done();
		}
	}
	CHECK(true, "2000 random graphs agree with brute force (merge answers and components)");
	return unit_done();
}
