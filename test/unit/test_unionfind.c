/*
 * test_unionfind.c
 *		Components of small graphs with known answers (chains, stars,
 *		cycles, isolated nodes), and the id map under growth.
 */
#include <stdint.h>
#include <stdlib.h>

#include "unionfind.h"
#include "unit.h"

#define N 64

static int32_t parent[N],
			size[N];

static void
reset(int n)
{
	int			i;

	for (i = 0; i < n; i++)
		unionfind_make(parent, size, i);
}

int
main(void)
{
	int64_t		ids[N],
				label[N];
	int			i;
	bool		ok;

	/* chain 0-1-2-3-4, star 5 with 6..9, cycle 10-11-12-10, isolated 13 */
	reset(14);
	for (i = 0; i < 4; i++)
		unionfind_union(parent, size, i, i + 1);
	for (i = 6; i <= 9; i++)
		unionfind_union(parent, size, 5, i);
	CHECK(unionfind_union(parent, size, 10, 11), "cycle edge 1 merges");
	CHECK(unionfind_union(parent, size, 11, 12), "cycle edge 2 merges");
	CHECK(!unionfind_union(parent, size, 12, 10), "closing the cycle merges nothing");
	CHECK(!unionfind_union(parent, size, 3, 3), "self loop merges nothing");

	/* record ids deliberately not in node order: smallest id labels */
	for (i = 0; i < 14; i++)
		ids[i] = 1000 - 7 * i;
	unionfind_min_labels(parent, ids, 14, label);
	ok = true;
	for (i = 0; i <= 4; i++)
		ok = ok && label[i] == 1000 - 28;
	CHECK(ok, "chain labelled by its smallest id (972)");
	ok = true;
	for (i = 5; i <= 9; i++)
		ok = ok && label[i] == 1000 - 63;
	CHECK(ok, "star labelled by its smallest id (937)");
	CHECK(label[10] == 916 && label[11] == 916 && label[12] == 916, "cycle labelled 916");
	CHECK(label[13] == 909, "isolated node is its own person");
	CHECK(size[unionfind_find(parent, 7)] == 5, "star has 5 members");
	CHECK(unionfind_find(parent, 0) != unionfind_find(parent, 5), "chain and star apart");

	/* a long chain joined from both ends stays shallow enough to find */
	reset(N);
	for (i = N - 1; i > 0; i--)
		unionfind_union(parent, size, i, i - 1);
	{
		int32_t		r = unionfind_find(parent, N - 1);

		ok = true;
		for (i = 0; i < N; i++)
			ok = ok && unionfind_find(parent, i) == r;
		CHECK(ok && size[r] == N, "64-node chain is one component");
	}

	/* id map: insert, find, grow, find again */
	{
		int64_t		keys[256];
		int32_t		slots[256];
		int64_t		mapped[100];
		int32_t		n = 0;
		uint32_t	cap = 8;
		bool		ins;

		unionfind_map_clear(slots, cap);
		for (i = 0; i < 100; i++)
		{
			int64_t		id = (int64_t) i * 1000003 - 50000000;	/* negatives too */

			if ((uint32_t) (n + 1) * 2 > cap)
			{
				cap *= 2;
				unionfind_map_rehash(keys, slots, cap, mapped, n);
			}
			if (unionfind_map_get(keys, slots, cap, id, n, &ins) == n && ins)
				mapped[n++] = id;
		}
		CHECK(n == 100 && cap == 256, "100 ids inserted, table grown to 256");
		ok = true;
		for (i = 0; i < 100; i++)
			ok = ok && unionfind_map_get(keys, slots, cap, mapped[i], -1, &ins) == i && !ins;
		CHECK(ok, "every id found at its node number after growth");
		CHECK(unionfind_map_get(keys, slots, cap, 7, -1, NULL) == -1, "absent id not found");
		CHECK(unionfind_map_get(keys, slots, cap, mapped[5], 99, &ins) == 5 && !ins,
			  "present id is not inserted twice");
	}
	return unit_done();
}
