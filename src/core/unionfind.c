/*
 * unionfind.c
 *		Disjoint-set forest for clustering links into persons, and the id
 *		map that numbers record ids densely.
 *
 * Union by size keeps trees O(log n) deep and path halving flattens them as
 * they are walked, so n finds and unions cost O(n alpha(n)).  Memory is
 * what the caller hands in: 4 + 4 bytes per node for the forest, 8 + 4
 * bytes per map slot (two slots per node at most half load), and 8 bytes per
 * node for ids and labels: about 40 bytes per distinct record, nothing per
 * edge.
 */
#include "unionfind.h"

#include <stddef.h>

int32_t
unionfind_find(int32_t *parent, int32_t x)
{
	while (parent[x] != x)
	{
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

bool
unionfind_union(int32_t *parent, int32_t *size, int32_t a, int32_t b)
{
	int32_t		ra = unionfind_find(parent, a);
	int32_t		rb = unionfind_find(parent, b);

	if (ra == rb)
		return false;
	if (size[ra] < size[rb])
	{
		int32_t		t = ra;

		ra = rb;
		rb = t;
	}
	parent[rb] = ra;
	size[ra] += size[rb];
	return true;
}

void
unionfind_min_labels(int32_t *parent, const int64_t *ids, int32_t n,
					 int64_t *label)
{
	int32_t		x;

	/* first pass: every root collects the minimum of its members */
	for (x = 0; x < n; x++)
		if (parent[x] == x)
			label[x] = ids[x];
	for (x = 0; x < n; x++)
	{
		int32_t		r = unionfind_find(parent, x);

		if (ids[x] < label[r])
			label[r] = ids[x];
	}
	/* second pass: non-roots copy their root's minimum (roots keep theirs) */
	for (x = 0; x < n; x++)
	{
		int32_t		r = unionfind_find(parent, x);

		if (r != x)
			label[x] = label[r];
	}
}

static inline uint32_t
hash_id(int64_t id)
{
	uint64_t	h = (uint64_t) id;

	/* splitmix64 finaliser: consecutive ids spread over the table */
	h ^= h >> 30;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	h ^= h >> 27;
	h *= UINT64_C(0x94d049bb133111eb);
	h ^= h >> 31;
	return (uint32_t) h;
}

void
unionfind_map_clear(int32_t *slots, uint32_t cap)
{
	uint32_t	i;

	for (i = 0; i < cap; i++)
		slots[i] = -1;
}

int32_t
unionfind_map_get(int64_t *keys, int32_t *slots, uint32_t cap, int64_t id,
				  int32_t next, bool *inserted)
{
	uint32_t	mask = cap - 1;
	uint32_t	i = hash_id(id) & mask;

	if (inserted)
		*inserted = false;
	for (;;)
	{
		if (slots[i] < 0)
		{
			if (next < 0)
				return -1;
			keys[i] = id;
			slots[i] = next;
			if (inserted)
				*inserted = true;
			return next;
		}
		if (keys[i] == id)
			return slots[i];
		i = (i + 1) & mask;
	}
}

void
unionfind_map_rehash(int64_t *keys, int32_t *slots, uint32_t cap,
					 const int64_t *ids, int32_t n)
{
	int32_t		x;

	unionfind_map_clear(slots, cap);
	for (x = 0; x < n; x++)
		(void) unionfind_map_get(keys, slots, cap, ids[x], x, NULL);
}
