/*
 * unionfind.h
 *		Connected components of a graph given edge by edge (disjoint-set
 *		forest with path halving and union by size), and an open-addressing
 *		map from 64-bit record ids to dense node numbers.  Pure C: every
 *		array is owned and sized by the caller, nothing here allocates.
 */
#ifndef UNIONFIND_H
#define UNIONFIND_H

#include <stdbool.h>
#include <stdint.h>

/* Node x becomes a component of its own. */
static inline void
unionfind_make(int32_t *parent, int32_t *size, int32_t x)
{
	parent[x] = x;
	size[x] = 1;
}

/* The root of x's component (path halving: every visited node skips one). */
extern int32_t unionfind_find(int32_t *parent, int32_t x);

/* Joins the components of a and b; true if they were different. */
extern bool unionfind_union(int32_t *parent, int32_t *size, int32_t a, int32_t b);

/*
 * For nodes 0..n-1 with record ids ids[], sets label[x] to the smallest id
 * in x's component.  Uses label[] itself as the per-root scratch space.
 */
extern void unionfind_min_labels(int32_t *parent, const int64_t *ids,
								 int32_t n, int64_t *label);

/*
 * Id map: keys[cap] and slots[cap] (cap a power of two, slots initialised to
 * -1 by unionfind_map_clear).  Values are dense node numbers 0, 1, 2, ...
 */
extern void unionfind_map_clear(int32_t *slots, uint32_t cap);

/*
 * The node number of id; if absent and next >= 0, inserts id with number
 * next and sets *inserted.  Returns -1 if absent and next < 0.  The caller
 * keeps the load at most 1/2 (grow with unionfind_map_rehash).
 */
extern int32_t unionfind_map_get(int64_t *keys, int32_t *slots, uint32_t cap,
								 int64_t id, int32_t next, bool *inserted);

/* Re-inserts nodes 0..n-1 (ids[]) into a cleared map of capacity cap. */
extern void unionfind_map_rehash(int64_t *keys, int32_t *slots, uint32_t cap,
								 const int64_t *ids, int32_t n);

#endif							/* UNIONFIND_H */
