/*
 * register_attach.c
 *		Best-first attachment of a batch to the person register.
 *
 * The key lists of cluster_constrained.c refuse two records of one
 * source on one day; the "not same" decisions are checked from the
 * smaller component's members, walked along the member ring, so a check
 * costs the smaller side and a join is O(1) beyond the key splice.
 */
#include "register_attach.h"

#include "unionfind.h"

void
ra_make(RaForest *f, int32_t x, int64_t person)
{
	cc_make(&f->cc, x);
	f->ring[x] = x;
	f->person[x] = person;
	f->root[x] = x;
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
			if (unionfind_find(f->cc.parent, f->not_adj[k]) == rt)
				return true;
		x = f->ring[x];
	} while (x != rs);
	return false;
}

RaStep
ra_check(RaForest *f, int32_t a, int32_t b, bool forced, int32_t *ra, int32_t *rb)
{
	*ra = unionfind_find(f->cc.parent, a);
	*rb = unionfind_find(f->cc.parent, b);
	if (*ra == *rb)
		return RA_SAME;
	if (forced)
		return RA_JOIN;
	if (cc_shares_key(&f->cc, *ra, *rb))
		return RA_CONFLICT;
	if (f->cc.size[*ra] <= f->cc.size[*rb]
		? ra_decided_apart(f, *ra, *rb) : ra_decided_apart(f, *rb, *ra))
		return RA_BLOCKED;
	return RA_JOIN;
}

int32_t
ra_join(RaForest *f, int32_t ra, int32_t rb)
{
	int64_t		pa = f->person[ra],
				pb = f->person[rb],
				person;
	int32_t		root = f->ids[f->root[ra]] <= f->ids[f->root[rb]] ? f->root[ra] : f->root[rb];
	int32_t		t = f->ring[ra],
				r;

	person = pa == 0 ? pb : pb == 0 ? pa : pa < pb ? pa : pb;
	/* two rings become one by swapping a successor each */
	f->ring[ra] = f->ring[rb];
	f->ring[rb] = t;
	r = cc_join(&f->cc, ra, rb);
	f->person[r] = person;
	f->root[r] = root;
	return r;
}
