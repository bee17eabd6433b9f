/*
 * test_register_attach.c
 *		Attachment to the register: conflicts, "not same" decisions, forced
 *		links, the person and root record a join keeps, the member ring;
 *		random batches checked against a brute force over plain arrays.
 */
#include <stdint.h>
#include <stdlib.h>

#include "register_attach.h"
#include "unionfind.h"
#include "unit.h"

#define N 300

static int32_t parent[N],
			size[N],
			ring[N],
			root[N],
			not_start[N + 1],
			not_adj[N * N];
static uint64_t key[N];
static int64_t person[N],
			ids[N];
static RaKeySlot slots[1024];
static RaForest forest = {parent, size, key, ring, person, root, ids, not_start, not_adj, slots, 1023};

static uint64_t rng = 88172645463325252ULL;

static uint32_t
next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t) (rng >> 11);
}

/* the "not same" pairs of the matrix, as the forest's adjacency lists */
static void
set_not(int n, bool apart[N][N])
{
	static int32_t pa[N * N],
				pb[N * N];
	int			x,
				y,
				m = 0;

	for (x = 0; x < n; x++)
		for (y = x + 1; y < n; y++)
			if (apart[x][y])
			{
				pa[m] = x;
				pb[m++] = y;
			}
	ra_decisions(&forest, n, m, pa, pb, not_start, not_adj);
}

/* members reached along the ring from root r */
static int
ring_count(int32_t r)
{
	int32_t		x = r;
	int			n = 0;

	do
	{
		n++;
		x = ring[x];
	} while (x != r && n <= N);
	return n;
}

int
main(void)
{
	static bool apart[N][N];
	int			i,
				t;

	{
		/*
		 * person 7 = {0 removal day 1, 1 reception day 2}; new records 2
		 * (removal day 1), 3 (reception day 9), 4 (no key); 3 and 4 decided
		 * "not same"
		 */
		int32_t		ra,
					rb,
					r;

		for (i = 0; i < 5; i++)
			ids[i] = 100 - i;
		key[0] = cc_key(1, 1);
		key[1] = cc_key(2, 2);
		key[2] = cc_key(1, 1);
		key[3] = cc_key(2, 9);
		key[4] = CC_NO_KEY;
		memset(apart, 0, sizeof(apart));
		apart[3][4] = apart[4][3] = true;
		set_not(5, apart);
		ra_clear(&forest);
		ra_make(&forest, 0, 7);
		ra_make(&forest, 1, 7);
		for (i = 2; i < 5; i++)
			ra_make(&forest, i, 0);
		r = ra_join(&forest, 0, 1);
		CHECK(person[r] == 7 && ring_count(r) == 2, "a person's records start as one component");
		CHECK(ra_check(&forest, 2, 0, false, &ra, &rb) == RA_CONFLICT, "a second removal of the same day is refused");
		CHECK(ra_check(&forest, 2, 0, true, &ra, &rb) == RA_JOIN, "a forced link joins whatever the keys");
		CHECK(ra_check(&forest, 3, 4, false, &ra, &rb) == RA_BLOCKED, "a \"not same\" pair is kept apart");
		CHECK(ra_check(&forest, 3, 4, true, &ra, &rb) == RA_JOIN, "a \"same\" decision is forced through");
		CHECK(ra_check(&forest, 3, 2, false, &ra, &rb) == RA_JOIN, "two new records may join");
		r = ra_join(&forest, ra, rb);
		CHECK(person[r] == 0 && ids[root[r]] == 97, "new with new: no person, root the least id (97)");
		CHECK(ra_check(&forest, 4, 2, false, &ra, &rb) == RA_BLOCKED, "the decision holds against the whole component");
		CHECK(ra_check(&forest, 3, 1, false, &ra, &rb) == RA_CONFLICT, "the joined component carries its removal's key");
		CHECK(ra_check(&forest, 4, 1, false, &ra, &rb) == RA_JOIN, "an unconstrained record joins the person");
		r = ra_join(&forest, ra, rb);
		CHECK(person[r] == 7 && ring_count(r) == 3, "joined to person 7, three records");
		CHECK(ra_check(&forest, 0, 4, false, &ra, &rb) == RA_SAME, "a link inside a component joins nothing");
	}
	{
		/* two persons: the smaller id survives */
		int32_t		r;

		memset(apart, 0, sizeof(apart));
		set_not(2, apart);
		key[0] = key[1] = CC_NO_KEY;
		ids[0] = 1;
		ids[1] = 2;
		ra_clear(&forest);
		ra_make(&forest, 0, 40);
		ra_make(&forest, 1, 30);
		r = ra_join(&forest, 1, 0);
		CHECK(person[r] == 30, "persons 40 and 30 merge into 30");
	}

	CHECK(ra_slots(300) == 1024 && ra_slots(0) == 16, "key set sized a power of two, at least twice the nodes");

	/*
	 * random batches against brute force: small ones, and large ones whose
	 * components grow to hundreds of records over a few keys (the key set's
	 * moves and deletions)
	 */
	for (t = 0; t < 3100; t++)
	{
		int			n = t < 3000 ? 2 + (int) (next_rand() % 22) : N;
		int			m = (int) (next_rand() % (2 * n));
		int			comp[N];
		int64_t		cperson[N];
		int			croot[N];
		bool		same = true;

		memset(apart, 0, sizeof(apart));
		/* as few slots as n allows: probes wrap around the end */
		forest.mask = ra_slots(n) - 1;
		ra_clear(&forest);
		for (i = 0; i < n; i++)
		{
			int			j = (int) (next_rand() % n);

			ids[i] = (int64_t) (next_rand() % 1000) * N + i;
			key[i] = next_rand() % 4 == 0 ? CC_NO_KEY
				: cc_key((int32_t) (next_rand() % 2), (int32_t) (next_rand() % (n < 30 ? 3 : 400)));
			if (next_rand() % (n < 30 ? 6 : 100) == 0 && j != i)
				apart[i][j] = apart[j][i] = true;
			comp[i] = i;
			cperson[i] = next_rand() % 3 == 0 ? 1 + (int64_t) (next_rand() % 50) : 0;
			croot[i] = i;
			ra_make(&forest, i, cperson[i]);
		}
		set_not(n, apart);
		for (i = 0; i < m; i++)
		{
			int			a = (int) (next_rand() % n),
						b = (int) (next_rand() % n),
						x,
						y,
						ca = comp[a],
						cb = comp[b];
			bool		forced = next_rand() % 5 == 0;
			RaStep		want,
						got;
			int32_t		ra,
						rb;

			if (ca == cb)
				want = RA_SAME;
			else
			{
				want = RA_JOIN;
				for (x = 0; x < n && !forced; x++)
					for (y = 0; y < n; y++)
						if (comp[x] == ca && comp[y] == cb)
						{
							if (key[x] != CC_NO_KEY && key[x] == key[y])
								want = RA_CONFLICT;
							else if (apart[x][y] && want == RA_JOIN)
								want = RA_BLOCKED;
						}
			}
			got = ra_check(&forest, a, b, forced, &ra, &rb);
			if (got != want)
				same = false;
			if (want == RA_JOIN)
			{
				int64_t		p = cperson[ca] == 0 ? cperson[cb] : cperson[cb] == 0 ? cperson[ca]
					: cperson[ca] < cperson[cb] ? cperson[ca] : cperson[cb];
				int			rt = ids[croot[ca]] <= ids[croot[cb]] ? croot[ca] : croot[cb];
				int			members = 0;
				int32_t		r = ra_join(&forest, ra, rb);

				for (x = 0; x < n; x++)
					if (comp[x] == cb)
						comp[x] = ca;
				cperson[ca] = p;
				croot[ca] = rt;
				for (x = 0; x < n; x++)
					members += comp[x] == ca;
				if (person[r] != p || root[r] != rt || ring_count(r) != members)
					same = false;
			}
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
			CHECK(false, "random batch agrees with brute force");
			return unit_done();
		}
	}
	CHECK(true, "3100 random batches agree with brute force (steps, persons, roots, rings, components)");
	return unit_done();
}
