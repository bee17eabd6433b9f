/*
 * pprl.h
 *		The clk type (keyed Bloom-filter encodings) shared by the glue files
 *		of privacy-preserving linkage.
 */
#ifndef MIGRISK_PPRL_H
#define MIGRISK_PPRL_H

#include "postgres.h"
#include "fmgr.h"

#include "clk.h"

/* the on-disk format version of clk values */
#define CLK_VERSION 1

/*
 * A clk value: varlena header, format version, length in 64-bit words
 * (1..128), the number of bits set (so Dice needs one popcount per word,
 * of A and B only), then the filter bytes (clk.h's bit layout).  The
 * 8-byte header keeps the filter 8-byte aligned (the type is ALIGNMENT =
 * double, STORAGE = plain).  The popcount is recomputed by every input
 * function, never read from outside.
 */
typedef struct ClkData
{
	int32		vl_len_;
	uint8		version;
	uint8		nwords;
	uint16		popcount;
	uint8		data[FLEXIBLE_ARRAY_MEMBER];
} ClkData;

#define CLK_NBITS(c)		((int) (c)->nwords * 64)
#define CLK_NBYTES(c)		((size_t) (c)->nwords * 8)

#define CLK_HDRSZ			offsetof(ClkData, data)
#define DatumGetClkP(X)		((ClkData *) PG_DETOAST_DATUM(X))
#define PG_GETARG_CLK_P(n)	DatumGetClkP(PG_GETARG_DATUM(n))
#define PG_RETURN_CLK_P(x)	PG_RETURN_POINTER(x)

/* migrisk.pprl_threshold: the Dice threshold of the % operator */
extern double migrisk_pprl_threshold;

extern ClkData *clk_make(int nbits);
extern void clk_set_popcount(ClkData *c);
extern void migrisk_pprl_init(void);

#endif							/* MIGRISK_PPRL_H */
