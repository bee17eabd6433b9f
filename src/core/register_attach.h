/*
 * register_attach.h
 *		A batch attached to the person register, best link first: the
 *		components of cluster_constrained.h (one record of a source a day)
 *		with, per component, its members as a ring, the register's person
 *		(0 for new records only) and its root record, and the pairs decided
 *		"not same" as an adjacency list.  Pure C: every array is owned and
 *		sized by the caller, nothing here allocates.
 */
#ifndef REGISTER_ATTACH_H
#define REGISTER_ATTACH_H

#include <stdbool.h>
#include <stdint.h>

#include "cluster_constrained.h"

typedef struct RaForest
{
	CcForest	cc;
	int32_t    *ring;			/* ring[x]: the member after x (circular) */
	int64_t    *person;			/* per root: person id (> 0), 0: none */
	int32_t    *root;			/* per root: member of least record id */
	const int64_t *ids;			/* record id of each node */
	/* nodes decided "not same" as x: not_adj[not_start[x] .. not_start[x + 1]) */
	const int32_t *not_start;
	const int32_t *not_adj;
} RaForest;

typedef enum RaStep
{
	RA_SAME,					/* already one component */
	RA_CONFLICT,				/* two records of one source on one day */
	RA_BLOCKED,					/* a pair decided "not same" */
	RA_JOIN						/* may be joined */
} RaStep;

/* Node x becomes a component of its own, of person (0: none). */
extern void ra_make(RaForest *f, int32_t x, int64_t person);

/*
 * Whether the link between nodes a and b may join their components (roots
 * left in *ra, *rb); a forced link (a "same" decision) may whatever the
 * keys and decisions.  Costs the two key lists and the "not same"
 * decisions of the smaller component's members.
 */
extern RaStep ra_check(RaForest *f, int32_t a, int32_t b, bool forced,
					   int32_t *ra, int32_t *rb);

/*
 * Joins the components of roots ra != rb: the person is the smaller of
 * two, the root record the one of least id.  Returns the new root.
 */
extern int32_t ra_join(RaForest *f, int32_t ra, int32_t rb);

#endif							/* REGISTER_ATTACH_H */
