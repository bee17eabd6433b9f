/*
 * test_bridges.c
 *		Bridges of small graphs with known answers (a path, a cycle with a
 *		tail, two parallel links, self loops, isolated nodes, a forest),
 *		then random multigraphs checked against brute force: an edge is a
 *		bridge exactly when leaving it out leaves its ends apart.
 */
#include <stdint.h>
#include <stdlib.h>

#include "bridges.h"
#include "unionfind.h"
#include "unit.h"

#define MAXN 40
#define MAXM 120

static int32_t adj_start[MAXN + 1],
			adj[2 * MAXM],
			order[MAXN],
			low[MAXN],
			sn[MAXN],
			se[MAXN],
			sp[MAXN];
static bool bridge[MAXM];

static int64_t
run(int32_t n, int32_t m, const int32_t *ea, const int32_t *eb)
{
	return bridges_find(n, m, ea, eb, adj_start, adj, order, low, sn, se, sp, bridge);
}

/* an edge is a bridge iff its ends are apart without it */
static bool
brute_bridge(int32_t n, int32_t m, const int32_t *ea, const int32_t *eb, int32_t skip)
{
	int32_t		parent[MAXN],
				size[MAXN];
	int32_t		i;

	for (i = 0; i < n; i++)
		unionfind_make(parent, size, i);
	for (i = 0; i < m; i++)
		if (i != skip)
			unionfind_union(parent, size, ea[i], eb[i]);
	return unionfind_find(parent, ea[skip]) != unionfind_find(parent, eb[skip]);
}

static uint64_t rng = 88172645463325252ULL;

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
	int			t;

	{
		/* path 0-1-2-3: every edge a bridge */
		int32_t		ea[] = {0, 1, 2},
					eb[] = {1, 2, 3};

		CHECK(run(4, 3, ea, eb) == 3 && bridge[0] && bridge[1] && bridge[2], "path: 3 bridges");
	}
	{
		/* triangle 0-1-2 with a tail 2-3-4 and a second component 5-6 */
		int32_t		ea[] = {0, 1, 2, 2, 3, 5},
					eb[] = {1, 2, 0, 3, 4, 6};

		CHECK(run(8, 6, ea, eb) == 3, "triangle with tail: 3 bridges");
		CHECK(!bridge[0] && !bridge[1] && !bridge[2], "triangle edges are not bridges");
		CHECK(bridge[3] && bridge[4] && bridge[5], "tail and lone edge are bridges");
	}
	{
		/* two parallel links 0=1, then 1-2; a self loop on 2 */
		int32_t		ea[] = {0, 1, 1, 2},
					eb[] = {1, 0, 2, 2};

		CHECK(run(3, 4, ea, eb) == 1, "parallel links: one bridge");
		CHECK(!bridge[0] && !bridge[1] && bridge[2] && !bridge[3], "parallel pair kept, self loop not a bridge");
	}
	{
		/* no edges at all */
		CHECK(run(5, 0, NULL, NULL) == 0, "isolated nodes: no bridges");
	}
	{
		/* a long chain: the search is iterative */
		static int32_t ea[MAXN - 1],
					eb[MAXN - 1];
		int			i;
		bool		all = true;

		for (i = 0; i < MAXN - 1; i++)
		{
			ea[i] = i + 1;
			eb[i] = i;
		}
		CHECK(run(MAXN, MAXN - 1, ea, eb) == MAXN - 1, "chain of 40: 39 bridges");
		for (i = 0; i < MAXN - 1; i++)
			all = all && bridge[i];
		CHECK(all, "chain: every edge flagged");
	}

	/* random multigraphs against brute force */
	for (t = 0; t < 3000; t++)
	{
		int32_t		n = 1 + (int32_t) (next_rand() % MAXN);
		int32_t		m = (int32_t) (next_rand() % (n + n / 2 + 3));
		int32_t		ea[MAXM],
					eb[MAXM];
		int32_t		i;
		int64_t		count = 0,
					got;
		bool		same = true;

		for (i = 0; i < m; i++)
		{
			ea[i] = (int32_t) (next_rand() % n);
			eb[i] = (int32_t) (next_rand() % n);
		}
		got = run(n, m, ea, eb);
		for (i = 0; i < m; i++)
		{
			bool		b = brute_bridge(n, m, ea, eb, i);

			count += b;
			same = same && b == bridge[i];
		}
		if (!same || got != count)
		{
			CHECK(false, "random multigraph agrees with brute force");
			return unit_done();
		}
	}
	CHECK(true, "3000 random multigraphs agree with brute force");
	return unit_done();
}
