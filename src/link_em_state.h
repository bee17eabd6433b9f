/*
 * link_em_state.h
 *		The state of the link_em and link_u aggregates: the count of each
 *		distinct comparison pattern, as SQL type link_em_state.
 */
#ifndef MIGRISK_LINK_EM_STATE_H
#define MIGRISK_LINK_EM_STATE_H

#include "postgres.h"

#include "utils/expandeddatum.h"

#define LINK_EM_DEFAULT_MAX_ITER	1000
#define LINK_EM_DEFAULT_TOLERANCE	1e-6
#define LINK_EM_MAX_MAX_ITER		100000

/*
 * While an aggregate runs, the state is an expanded object (read-write, so
 * PostgreSQL and Citus pass it from row to row without copying): an
 * open-addressing table from the packed link_gamma to its count, grown by
 * doubling.  Stored, sent between parallel workers or printed, it is flat:
 * the patterns in increasing order, so that equal counts give equal bytes
 * and EM sees the patterns in one order whatever order the rows came in.
 */
typedef struct LinkEmState
{
	ExpandedObjectHeader hdr;
	int32		max_iter;
	double		tolerance;
	uint32		cap;			/* slots, a power of two */
	uint32		used;
	uint32	   *keys;
	int64	   *counts;
} LinkEmState;

extern void link_em_check_options(int32 max_iter, double tolerance);
extern LinkEmState *link_em_state_new(MemoryContext parent, int32 max_iter, double tolerance);
extern void link_em_state_add(LinkEmState *st, uint32 key, int64 n);
extern LinkEmState *link_em_state_for_update(Datum d, MemoryContext aggcxt);
extern LinkEmState *link_em_state_for_read(Datum d);
extern int	link_em_state_patterns(const LinkEmState *st, uint32 **pat, double **cnt);

#endif							/* MIGRISK_LINK_EM_STATE_H */
