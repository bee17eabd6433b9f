/*
 * cluster_constrained.h
 *		Persons from links, best link first, refusing a merge that would put
 *		two records of one source on one day into a cluster (one reception
 *		per removal, one removal a day).  Pure C: every array is owned and
 *		sized by the caller, nothing here allocates.
 */
#ifndef CLUSTER_CONSTRAINED_H
#define CLUSTER_CONSTRAINED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* a record that no constraint binds (no source or no date) */
#define CC_NO_KEY	UINT64_MAX

/* A link between nodes a and b (record ids id_a, id_b) of weight w. */
typedef struct CcEdge
{
	double		weight;
	int64_t		id_lo;			/* the smaller record id of the two */
	int64_t		id_hi;
	int32_t		a;
	int32_t		b;
} CcEdge;

/*
 * The forest: parent[], size[] (as unionfind.h), and per component the
 * list of its constrained members in increasing key order: head[root] is
 * the first (-1: none), next[x] the one after x (-1: last).  key[x] is
 * the node's (source, day) key or CC_NO_KEY.
 */
typedef struct CcForest
{
	int32_t    *parent;
	int32_t    *size;
	int32_t    *head;
	int32_t    *next;
	const uint64_t *key;
} CcForest;

typedef enum CcMerge
{
	CC_MERGED,					/* two components became one */
	CC_SAME,					/* already one component */
	CC_REFUSED					/* they share a (source, day) key */
} CcMerge;

/* The key of a record of source s (a small number) on day d. */
static inline uint64_t
cc_key(int32_t source, int32_t day)
{
	return ((uint64_t) (uint32_t) source << 32) | (uint64_t) (uint32_t) day;
}

/* Node x becomes a component of its own. */
extern void cc_make(CcForest *f, int32_t x);

/* Links in the order they are taken: weight descending, then id_lo, id_hi. */
extern void cc_sort_edges(CcEdge *edges, size_t n);

/*
 * Joins the components of a and b unless they hold two records with one
 * key.  Costs the length of the two key lists (components stay small when
 * every person has few records of one day).
 */
extern CcMerge cc_merge(CcForest *f, int32_t a, int32_t b);

#endif							/* CLUSTER_CONSTRAINED_H */
