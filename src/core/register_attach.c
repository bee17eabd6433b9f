/*
 * register_attach.c
 *		Best-first attachment of a batch to the person register.
 *
 * The components' keys live in one open-addressing set of (root, key),
 * linear probing with backward-shift deletion: a join moves the smaller
 * component's keys to the surviving root, so the set never holds more
 * entries than nodes and never fills past half.  Checks walk the smaller
 * component along its member ring.  Each node moves O(log n) times.
 */
#include "register_attach.h"

#include "unionfind.h"

uint32_t
ra_slots(int32_t n)
{
	uint32_t	s = 16;

	while (s < 2 * (uint32_t) n)
		s <<= 1;
	return s;
}

static inline uint32_t
ra_hash(const RaForest *f, int32_t root, uint64_t key)
{
	uint64_t	h = (key ^ ((uint64_t) (uint32_t) root << 29)) * UINT64_C(0x9e3779b97f4a7c15);

	return (uint32_t) (h >> 32) & f->mask;
}

static bool
ra_key_has(const RaForest *f, int32_t root, uint64_t key)
{
	uint32_t	i = ra_hash(f, root, key);

	while (f->slots[i].root >= 0)
	{
		if (f->slots[i].root == root && f->slots[i].key == key)
			return true;
		i = (i + 1) & f->mask;
	}
	return false;
}

static void
ra_key_add(RaForest *f, int32_t root, uint64_t key)
{
	uint32_t	i = ra_hash(f, root, key);

	while (f->slots[i].root >= 0)
	{
		if (f->slots[i].root == root && f->slots[i].key == key)
			return;
		i = (i + 1) & f->mask;
	}
	f->slots[i].root = root;
	f->slots[i].key = key;
}

static void
ra_key_del(RaForest *f, int32_t root, uint64_t key)
{
	uint32_t	i = ra_hash(f, root, key),
				j;

	while (f->slots[i].root >= 0 && !(f->slots[i].root == root && f->slots[i].key == key))
		i = (i + 1) & f->mask;
	if (f->slots[i].root < 0)
		return;
	/* backward shift: pull up every later entry whose home is at or before i */
	j = i;
	for (;;)
	{
		uint32_t	home;

		f->slots[i].root = -1;
		do
		{
			j = (j + 1) & f->mask;
			if (f->slots[j].root < 0)
				return;
			home = ra_hash(f, f->slots[j].root, f->slots[j].key);
		} while (i <= j ? (i < home && home <= j) : (i < home || home <= j));
		f->slots[i] = f->slots[j];
		i = j;
	}
}

void
ra_clear(RaForest *f)
{
	uint32_t	i;

	for (i = 0; i <= f->mask; i++)
		f->slots[i].root = -1;
}

void
ra_decisions(RaForest *f, int32_t n, int32_t m, const int32_t *pa, const int32_t *pb,
			 int32_t *start, int32_t *adj)
{
	int32_t		x,
				k;

	for (x = 0; x <= n; x++)
		start[x] = 0;
	for (k = 0; k < m; k++)
	{
		start[pa[k] + 1]++;
		start[pb[k] + 1]++;
	}
	for (x = 0; x < n; x++)
		start[x + 1] += start[x];
	/* start[x] as the fill cursor leaves it at the next row's start */
	for (k = 0; k < m; k++)
	{
		adj[start[pa[k]]++] = pb[k];
		adj[start[pb[k]]++] = pa[k];
	}
	for (x = n; x > 0; x--)
		start[x] = start[x - 1];
	start[0] = 0;
	f->not_start = start;
	f->not_adj = adj;
}

void
ra_make(RaForest *f, int32_t x, int64_t person)
{
	unionfind_make(f->parent, f->size, x);
	f->ring[x] = x;
	f->person[x] = person;
	f->root[x] = x;
	if (f->key[x] != CC_NO_KEY)
		ra_key_add(f, x, f->key[x]);
}

/* whether a member of root rs shares a key with root rt */
static bool
ra_shares_key(const RaForest *f, int32_t rs, int32_t rt)
{
	int32_t		x = rs;

	do
	{
		if (f->key[x] != CC_NO_KEY && ra_key_has(f, rt, f->key[x]))
			return true;
		x = f->ring[x];
	} while (x != rs);
	return false;
}

/* whether some member of root rs is decided "not same" as one of root rt */
static bool
ra_decided_apart(RaForest *f, int32_t rs, int32_t rt)
{
	int32_t		x = rs;

	if (f->not_start == NULL)
		return false;
	do
	{
		int32_t		k;

		for (k = f->not_start[x]; k < f->not_start[x + 1]; k++)
			if (unionfind_find(f->parent, f->not_adj[k]) == rt)
				return true;
		x = f->ring[x];
	} while (x != rs);
	return false;
}

RaStep
ra_check(RaForest *f, int32_t a, int32_t b, bool forced, int32_t *ra, int32_t *rb)
{
	int32_t		rs,
				rt;

	*ra = unionfind_find(f->parent, a);
	*rb = unionfind_find(f->parent, b);
	if (*ra == *rb)
		return RA_SAME;
	if (forced)
		return RA_JOIN;
	/* from the smaller side */
	rs = f->size[*ra] <= f->size[*rb] ? *ra : *rb;
	rt = rs == *ra ? *rb : *ra;
	if (ra_shares_key(f, rs, rt))
		return RA_CONFLICT;
	if (ra_decided_apart(f, rs, rt))
		return RA_BLOCKED;
	return RA_JOIN;
}

int32_t
ra_join(RaForest *f, int32_t ra, int32_t rb)
{
	int64_t		pa = f->person[ra],
				pb = f->person[rb];
	int32_t		root = f->ids[f->root[ra]] <= f->ids[f->root[rb]] ? f->root[ra] : f->root[rb];
	int32_t		big = f->size[ra] >= f->size[rb] ? ra : rb,
				small = big == ra ? rb : ra,
				t,
				x;

	/* the smaller side's keys move to the surviving root */
	x = small;
	do
	{
		if (f->key[x] != CC_NO_KEY)
		{
			ra_key_del(f, small, f->key[x]);
			ra_key_add(f, big, f->key[x]);
		}
		x = f->ring[x];
	} while (x != small);
	/* two rings become one by swapping a successor each */
	t = f->ring[ra];
	f->ring[ra] = f->ring[rb];
	f->ring[rb] = t;
	f->parent[small] = big;
	f->size[big] += f->size[small];
	f->person[big] = pa == 0 ? pb : pb == 0 ? pa : pa < pb ? pa : pb;
	f->root[big] = root;
	return big;
}
