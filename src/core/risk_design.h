/*
 * risk_design.h
 *		The pure C core of design-based estimation for risk_profile_design:
 *		a state of per-PSU exact totals (stratum, PSU, fpc, and fixed-point
 *		sums of weights by indicator), its growth, combination, consistency
 *		check and exact text form, and the estimates drawn from it: the
 *		ratio estimator, its Taylor-linearised variance with PSUs drawn with
 *		replacement within strata (the R survey package's defaults), the
 *		design effect, degrees of freedom, the Korn-Graubard interval
 *		(svyciprop(method = "beta")) and a Wilson interval on the design's
 *		effective n.  No PostgreSQL headers: src/risk_design.c is the glue,
 *		test/unit/test_risk_design.c exercises it alone.
 */
#ifndef MIGRISK_RISK_DESIGN_H
#define MIGRISK_RISK_DESIGN_H

#include "risk_core.h"

/*
 * Weights are taken in multiples of 2^-48 (each record's weight is rounded
 * once, so any order of summation gives the same integers); the Kish sums
 * use risk_profile's 2^-24, so kish_n equals risk_profile's effective_n.
 */
#define RD_FIX_BITS 48
#define RD_WEIGHT_MIN 9.313225746154785e-10	/* 2^-30 */
#define RD_FORMAT 1

/* one PSU: fixed part, followed by nbits rd_bit entries */
typedef struct rd_psu
{
	int64_t		psu;
	int64_t		stratum;
	double		fraction;		/* sampling fraction of the stratum; 0: none */
	int64_t		n;				/* domain records */
	risk_i128	w;				/* sum of their weights (2^-48) */
	risk_i128	w_any;			/* ... with any model indicator yes */
} rd_psu;

typedef struct rd_bit
{
	risk_i128	yes_w;			/* weight where the indicator is yes */
	risk_i128	unk_w;			/* weight where it is unknown */
	int64_t		unk_n;			/* records where it is unknown */
} rd_bit;

/*
 * The state, one contiguous block: this header, an open-addressing index
 * of nslots int32 (entry number or -1, by PSU), then cap entries of stride
 * bytes.  The glue keeps it in a varlena whose length word is vl_len_.
 */
typedef struct rd_state
{
	int32_t		vl_len_;		/* PostgreSQL's; the core never reads it */
	int32_t		format;
	uint32_t	nbits;			/* popcount(bits) */
	uint32_t	stride;			/* bytes per PSU entry */
	uint32_t	npsu;
	uint32_t	cap;			/* entries room (power of 2) */
	uint32_t	nslots;			/* 2 * cap */
	int32_t		last;			/* entry of the previous row (a hint) */
	uint64_t	fingerprint;	/* model of the domain records; 0 while none */
	uint64_t	model_mask;
	uint64_t	bits;			/* indicators known in some domain record */
	int64_t		nrows;			/* rows seen, in the domain or not */
	int64_t		n;				/* domain records */
	risk_i128	sw;				/* their weights, 2^-48 */
	risk_i128	sw24;			/* ... 2^-24 (Kish) */
	risk_i128	sw2_24;			/* squares, 2^-24 (Kish) */
	/* the glue's memo of the model named by the rows (not part of the value) */
	int32_t		name_len;		/* -1: none; 0: the default model */
	char		name[64];
	uint8_t		slot_of_bit[RISK_NBITS];	/* compact index, 255 if untracked */
} rd_state;

#define RD_HEADER_SIZE ((sizeof(rd_state) + 7) & ~(size_t) 7)

typedef enum rd_status
{
	RD_OK = 0,
	RD_GROW,					/* needs rd_grow first (more PSUs or bits) */
	RD_BAD_WEIGHT,				/* not in [2^-30, 2^38], NaN */
	RD_BAD_FPC,					/* fraction not in (0, 1] */
	RD_TWO_STRATA,				/* the PSU was seen in another stratum */
	RD_FPC_DIFFERS,				/* the PSU was seen with another fraction */
	RD_MODEL_MISMATCH,
	RD_OVERFLOW,
	RD_TOO_MANY_PSUS
} rd_status;

/* what a failed add or combine reports about the clash */
typedef struct rd_clash
{
	int64_t		psu;
	int64_t		stratum;		/* the other stratum */
	double		fraction;		/* the other fraction */
} rd_clash;

size_t		rd_size(uint32_t cap, uint32_t nbits);
/* an empty state of the given room in buf (rd_size bytes) */
void		rd_init(rd_state *s, uint32_t cap, uint64_t bits);
/* a new empty entry; NULL when the PSU is there already or no room is left */
rd_psu	   *rd_append(rd_state *s, int64_t stratum, int64_t psu, double fraction);
/* size a copy of s needs to hold extra more PSUs and the bits more_bits */
size_t		rd_grow_size(const rd_state *s, uint32_t extra, uint64_t more_bits,
						 uint32_t *cap, uint64_t *bits);
/* copy src into dst (rd_size(cap, popcount(bits)) bytes), re-laid out */
void		rd_grow(rd_state *dst, const rd_state *src, uint32_t cap, uint64_t bits);

/*
 * One row.  in_domain false: the row counts for its PSU's existence only
 * (no flags).  fraction 0 means no finite-population correction.
 */
rd_status	rd_add(rd_state *s, int64_t stratum, int64_t psu, double fraction,
				   bool in_domain, risk_flags f, uint64_t fingerprint,
				   uint64_t model_mask, double w, rd_clash *clash);

/*
 * a += b; frame_only: add only b's PSUs that a lacks, empty (a domain's
 * state padded with the design's PSUs).  RD_GROW: call rd_grow_size(a,
 * b->npsu, b->bits) and rd_grow first.
 */
rd_status	rd_combine(rd_state *a, const rd_state *b, bool frame_only, rd_clash *clash);

/* NULL when consistent, else a static description */
const char *rd_check(const rd_state *s);

/* entries in canonical order (stratum, PSU): order[npsu] */
void		rd_sorted(const rd_state *s, uint32_t *order);
static inline rd_psu *
rd_entry(const rd_state *s, uint32_t i)
{
	return (rd_psu *) ((char *) s + RD_HEADER_SIZE + sizeof(int32_t) * s->nslots +
					   (size_t) s->stride * i);
}
static inline rd_bit *
rd_bits_of(rd_psu *e)
{
	return (rd_bit *) (e + 1);
}

/* text form; order from rd_sorted.  Returns the length (snprintf-like) */
size_t		rd_format_len(const rd_state *s);
void		rd_format(const rd_state *s, const uint32_t *order, char *buf, size_t cap);
/* parse: first the counts, to size the state, then the fill */
const char *rd_parse_counts(const char *txt, size_t len, uint32_t *npsu, uint64_t *bits);
const char *rd_parse(const char *txt, size_t len, rd_state *s);

/* --- estimates --- */
typedef enum rd_lonely
{
	RD_LONELY_FAIL = 0,
	RD_LONELY_REMOVE,
	RD_LONELY_CERTAINTY,
	RD_LONELY_ADJUST,
	RD_LONELY_AVERAGE
} rd_lonely;

typedef struct rd_est
{
	int64_t		n;				/* domain records (known, for an indicator) */
	double		weighted_n;
	double		estimate;		/* NaN when undefined */
	double		se;
	double		deff;
	int			df;				/* PSUs - strata with domain records */
	double		effective_n;	/* p(1-p)/variance */
	double		ci_low;			/* Korn-Graubard */
	double		ci_high;
	double		wilson_low;
	double		wilson_high;
} rd_est;

typedef struct rd_design
{
	int			npsu;
	int			nstrata;
	int64_t		lonely_stratum; /* a stratum with one PSU (when lonely > 0) */
	int			lonely;			/* strata with one PSU and domain records */
	double		kish_n;
	int64_t		fpc_stratum;	/* a stratum whose PSUs' fractions differ */
	bool		fpc_differs;
} rd_design;

/*
 * bit < 0: the any-indicator composite; else the indicator over records
 * where it is known.  order from rd_sorted.  Returns false (with the
 * stratum in d->lonely_stratum) under RD_LONELY_FAIL when a stratum with
 * a single PSU has domain records.
 */
void		rd_design_info(const rd_state *s, const uint32_t *order, rd_design *d);
bool		rd_estimate(const rd_state *s, const uint32_t *order, int bit,
						rd_lonely lonely, rd_est *e);

/* distributions (exposed for the unit tests) */
double		rd_ibeta(double x, double a, double b);	/* regularised I_x(a, b) */
double		rd_qbeta(double p, double a, double b);
double		rd_qt_upper(double alpha2, double df);	/* t with P(T > t) = alpha2 */

#endif							/* MIGRISK_RISK_DESIGN_H */
