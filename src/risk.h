/*
 * risk.h
 *		Declarations shared by the risk glue files: the per-query cache of
 *		the indicator registry and of scoring models (kept in fn_extra), and
 *		the datum conventions of risk_flags and risk_state.
 */
#ifndef MIGRISK_RISK_H
#define MIGRISK_RISK_H

#include "access/tupdesc.h"
#include "fmgr.h"

#include "risk_core.h"

/* risk_flags datum: a fixed 16-byte value passed by reference */
#define DatumGetRiskFlagsP(X)	((risk_flags *) DatumGetPointer(X))
#define PG_GETARG_RISKFLAGS(n)	(*DatumGetRiskFlagsP(PG_GETARG_DATUM(n)))

/* risk_state datum: the accumulator itself, fixed length */
#define PG_GETARG_RISKSTATE_P(n) ((risk_acc *) PG_GETARG_POINTER(n))

/*
 * What one function call site needs from the catalog tables, loaded at the
 * first call of a query and kept in flinfo->fn_extra until the query ends.
 */
typedef struct RiskCache
{
	bool		have_registry;
	risk_codetab tab;
	uint64		registered;		/* bits that have an indicator */
	char		names[RISK_NBITS][RISK_CODE_MAXLEN + 1];

	bool		have_model;
	char		model_name[NAMEDATALEN * 2];
	int			model_name_len;
	risk_model	model;
	risk_memo  *memo;			/* scores by pattern (aggregates only) */
	bool		in_agg;			/* a transition function's call site, checked */

	/* risk_state_summary's result type and codes, once per call site */
	TupleDesc	summary_td;
	Datum		summary_codes;	/* text[] of the registered codes */
} RiskCache;

extern RiskCache *risk_cache(FunctionCallInfo fcinfo);
extern const risk_codetab *risk_registry(FunctionCallInfo fcinfo);
extern const risk_model *risk_model_lookup(FunctionCallInfo fcinfo, const char *name, int len);
extern int	risk_code_bit(FunctionCallInfo fcinfo, const char *code, int len, bool missing_ok);
extern char *risk_ext_schema(FunctionCallInfo fcinfo);

#endif							/* MIGRISK_RISK_H */
