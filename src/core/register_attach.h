/*
 * register_attach.h
 *		A batch attached to the person register, best link first: union-find
 *		components with, per component, its members as a ring, the
 *		register's person (0 for new records only) and its root record; the
 *		(source, day) keys of every component in one hash set of (root, key),
 *		and the pairs decided "not same" as an adjacency list.  A check and
 *		a join cost the smaller component, however large the other (a
 *		register's persons can chain into one of most of its records).
 *		Pure C: every array is owned and sized by the caller, nothing here
 *		allocates.
 */
#ifndef REGISTER_ATTACH_H
#define REGISTER_ATTACH_H

#include <stdbool.h>
#include <stdint.h>

#include "cluster_constrained.h"	/* CC_NO_KEY, cc_key */

/* a slot of the key set: root -1 is empty */
typedef struct RaKeySlot
{
	uint64_t	key;
	int32_t		root;
} RaKeySlot;

typedef struct RaForest
{
	int32_t    *parent;			/* union-find (unionfind.h) */
	int32_t    *size;
	const uint64_t *key;		/* each node's (source, day) key or CC_NO_KEY */
	int32_t    *ring;			/* ring[x]: the member after x (circular) */
	int64_t    *person;			/* per root: person id (> 0), 0: none */
	int32_t    *root;			/* per root: member of least record id */
	const int64_t *ids;			/* record id of each node */
	/* nodes decided "not same" as x: not_adj[not_start[x] .. not_start[x + 1]) */
	const int32_t *not_start;
	const int32_t *not_adj;
	RaKeySlot  *slots;			/* ra_slots(n) of them */
	uint32_t	mask;			/* ra_slots(n) - 1 */
} RaForest;

typedef enum RaStep
{
	RA_SAME,					/* already one component */
	RA_CONFLICT,				/* two records of one source on one day */
	RA_BLOCKED,					/* a pair decided "not same" */
	RA_JOIN						/* may be joined */
} RaStep;

/* Slots of the key set for n nodes: a power of two, at least 2n. */
extern uint32_t ra_slots(int32_t n);

/* An empty forest over the arrays set in f (slots and mask included). */
extern void ra_clear(RaForest *f);

/*
 * The m pairs decided "not same", (pa[k], pb[k]) among nodes 0..n-1, as
 * f's adjacency lists both ways, in start[n + 1] and adj[2 * m].
 */
extern void ra_decisions(RaForest *f, int32_t n, int32_t m, const int32_t *pa,
						 const int32_t *pb, int32_t *start, int32_t *adj);

/* Node x becomes a component of its own, of person (0: none). */
extern void ra_make(RaForest *f, int32_t x, int64_t person);

/*
 * Whether the link between nodes a and b may join their components (roots
 * left in *ra, *rb); a forced link (a "same" decision) may whatever the
 * keys and decisions.
 */
extern RaStep ra_check(RaForest *f, int32_t a, int32_t b, bool forced,
					   int32_t *ra, int32_t *rb);

/*
 * Joins the components of roots ra != rb: the person is the smaller of
 * two, the root record the one of least id.  Returns the new root.
 */
extern int32_t ra_join(RaForest *f, int32_t ra, int32_t rb);

#endif							/* REGISTER_ATTACH_H */
