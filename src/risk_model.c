/*
 * risk_model.c
 *		Per-record scores: risk_score(flags, model) and risk_level(flags,
 *		model).  The model is read once per query and call site
 *		(risk_registry.c) and scored by the core (risk_acc.c).
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "compat.h"
#include "risk.h"

static const risk_model *
risk_model_arg(FunctionCallInfo fcinfo, int argno)
{
	text	   *name = PG_GETARG_TEXT_PP(argno);

	return risk_model_lookup(fcinfo, VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));
}

PG_FUNCTION_INFO_V1(risk_score);
Datum
risk_score(PG_FUNCTION_ARGS)
{
	risk_flags	f = PG_GETARG_RISKFLAGS(0);

	PG_RETURN_FLOAT8(risk_model_score(risk_model_arg(fcinfo, 1), f));
}

PG_FUNCTION_INFO_V1(risk_level);
Datum
risk_level(PG_FUNCTION_ARGS)
{
	risk_flags	f = PG_GETARG_RISKFLAGS(0);
	const risk_model *m = risk_model_arg(fcinfo, 1);
	static const char *const names[] = {"low", "medium", "high"};

	PG_RETURN_TEXT_P(cstring_to_text(names[risk_model_level(m, risk_model_score(m, f))]));
}
