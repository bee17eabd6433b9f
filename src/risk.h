/*
 * risk.h
 *		Declarations shared by the risk glue files: the backend's cache of
 *		the indicator registry and of scoring models, and the datum
 *		conventions of risk_flags and risk_state.
 */
#ifndef MIGRISK_RISK_H
#define MIGRISK_RISK_H

#include "access/tupdesc.h"
#include "fmgr.h"
#include "miscadmin.h"

#include "migrisk.h"

#include "risk_core.h"

/* risk_flags datum: a fixed 16-byte value passed by reference */
#define DatumGetRiskFlagsP(X)	((risk_flags *) DatumGetPointer(X))
#define PG_GETARG_RISKFLAGS(n)	(*DatumGetRiskFlagsP(PG_GETARG_DATUM(n)))

/* risk_state datum: the accumulator itself, fixed length */
#define PG_GETARG_RISKSTATE_P(n) ((risk_acc *) PG_GETARG_POINTER(n))

/*
 * The indicator registry and the scoring models last used, read from the
 * catalog tables once and kept for the backend (risk_registry.c), valid
 * while the tables do not change (config_cache.c) and the user is the
 * same.  Nothing is kept in fn_extra, so a caller that gives every row a
 * fresh FmgrInfo pays no more than one that keeps it.
 */
#define RISK_MODEL_SLOTS 8

typedef struct RiskModelSlot
{
	uint64		gen;			/* migrisk_config_generation at load; 0 = empty */
	Oid			userid;
	int			name_len;
	char		name[NAMEDATALEN * 2];
	risk_model	model;
} RiskModelSlot;

typedef struct RiskShared
{
	uint64		registry_gen;	/* 0 = not loaded */
	Oid			registry_user;
	risk_codetab tab;
	uint64		registered;		/* bits that have an indicator */
	char		names[RISK_NBITS][RISK_CODE_MAXLEN + 1];
	Datum		summary_codes;	/* text[] of the registered codes, or 0 */

	int			last;			/* slot of the last model found */
	RiskModelSlot slot[RISK_MODEL_SLOTS];
	risk_memo	memo;			/* scores by model fingerprint and pattern */
} RiskShared;

extern RiskShared risk_shared;

extern const risk_model *risk_model_load(FunctionCallInfo fcinfo, const char *name, int len);
extern const risk_codetab *risk_registry_load(FunctionCallInfo fcinfo);
extern Datum risk_registered_codes(FunctionCallInfo fcinfo);

/* the registry: one comparison when nothing changed */
static inline const risk_codetab *
risk_registry(FunctionCallInfo fcinfo)
{
	if (likely(risk_shared.registry_gen == migrisk_config_generation &&
			   risk_shared.registry_user == GetUserId()))
		return &risk_shared.tab;
	return risk_registry_load(fcinfo);
}

/* bits that have an indicator in the registry */
static inline uint64
risk_registered(FunctionCallInfo fcinfo)
{
	(void) risk_registry(fcinfo);
	return risk_shared.registered;
}

/*
 * The model called name, checked and fingerprinted: the slot found last
 * is compared first (a few bytes), so a column of one model costs no more
 * than a constant.
 */
static inline const risk_model *
risk_model_lookup(FunctionCallInfo fcinfo, const char *name, int len)
{
	RiskModelSlot *s = &risk_shared.slot[risk_shared.last];

	if (likely(s->gen == migrisk_config_generation && s->name_len == len &&
			   s->userid == GetUserId() && memcmp(s->name, name, len) == 0))
		return &s->model;
	return risk_model_load(fcinfo, name, len);
}

extern int	risk_code_bit(FunctionCallInfo fcinfo, const char *code, int len, bool missing_ok);
extern char *risk_ext_schema(FunctionCallInfo fcinfo);

#endif							/* MIGRISK_RISK_H */
