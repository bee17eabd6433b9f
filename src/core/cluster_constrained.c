/*
 * cluster_constrained.c
 *		Constrained single-linkage clustering: links best first, a merge
 *		refused when the two components share a (source, day) key.
 *
 * Each component keeps its constrained members as a linked list in
 * increasing key order, so the test of a merge is one walk down both
 * lists and the merge itself a second walk splicing them together: no
 * allocation, cost the lengths of the two lists.  Unconstrained members
 * (CC_NO_KEY) are in no list and cost nothing.
 */
#include "cluster_constrained.h"

#include <stdlib.h>

#include "unionfind.h"

void
cc_make(CcForest *f, int32_t x)
{
	unionfind_make(f->parent, f->size, x);
	f->next[x] = -1;
	f->head[x] = f->key[x] == CC_NO_KEY ? -1 : x;
}

static int
edge_cmp(const void *pa, const void *pb)
{
	const CcEdge *a = pa;
	const CcEdge *b = pb;

	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	if (a->id_lo != b->id_lo)
		return a->id_lo < b->id_lo ? -1 : 1;
	if (a->id_hi != b->id_hi)
		return a->id_hi < b->id_hi ? -1 : 1;
	return 0;
}

void
cc_sort_edges(CcEdge *edges, size_t n)
{
	if (n > 1)
		qsort(edges, n, sizeof(CcEdge), edge_cmp);
}

CcMerge
cc_merge(CcForest *f, int32_t a, int32_t b)
{
	int32_t		ra = unionfind_find(f->parent, a);
	int32_t		rb = unionfind_find(f->parent, b);
	int32_t		x,
				y,
				first = -1,
				last = -1;

	if (ra == rb)
		return CC_SAME;
	/* a shared key refuses the merge */
	x = f->head[ra];
	y = f->head[rb];
	while (x >= 0 && y >= 0)
	{
		if (f->key[x] == f->key[y])
			return CC_REFUSED;
		if (f->key[x] < f->key[y])
			x = f->next[x];
		else
			y = f->next[y];
	}
	/* splice the two sorted lists */
	x = f->head[ra];
	y = f->head[rb];
	while (x >= 0 || y >= 0)
	{
		int32_t		t;

		if (y < 0 || (x >= 0 && f->key[x] < f->key[y]))
		{
			t = x;
			x = f->next[x];
		}
		else
		{
			t = y;
			y = f->next[y];
		}
		if (last < 0)
			first = t;
		else
			f->next[last] = t;
		last = t;
	}
	if (last >= 0)
		f->next[last] = -1;
	/* union by size */
	if (f->size[ra] < f->size[rb])
	{
		int32_t		t = ra;

		ra = rb;
		rb = t;
	}
	f->parent[rb] = ra;
	f->size[ra] += f->size[rb];
	f->head[ra] = first;
	return CC_MERGED;
}
