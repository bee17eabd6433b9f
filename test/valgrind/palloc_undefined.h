/*
 * Force-included (gcc -include) into migrisk's fmgr glue files, and only
 * those, by test/valgrind/run.sh.  Not part of the normal build.
 *
 * The stock server is built without USE_VALGRIND: palloc hands out chunks
 * of larger malloc'd blocks, and a chunk recycled after pfree still holds
 * the bytes of its last use, which valgrind takes as defined.  A field we
 * forget to set would then go unnoticed whenever the chunk happens to be
 * recycled.  Here every palloc and MemoryContextAlloc of our glue marks
 * the chunk it returns as undefined, as a USE_VALGRIND server does for
 * every allocation: reading such a byte before writing it, storing it,
 * hashing it or comparing it is then reported.  (palloc0 and the zeroing
 * allocators are left alone: their bytes are defined.  repalloc is not
 * wrapped: the old size is not known here.)
 */
#ifndef MIGRISK_PALLOC_UNDEFINED_H
#define MIGRISK_PALLOC_UNDEFINED_H

#include "postgres.h"
#include <valgrind/memcheck.h>

static inline void *
migrisk_vg_undefined(void *p, Size n)
{
	VALGRIND_MAKE_MEM_UNDEFINED(p, n);
	return p;
}

#define palloc(n) migrisk_vg_undefined(palloc(n), (n))
#define MemoryContextAlloc(c, n) migrisk_vg_undefined(MemoryContextAlloc((c), (n)), (n))

#endif
