/*
 * risk_registry.c
 *		Reading the indicator registry (migrisk.indicator) and scoring
 *		models (migrisk.risk_model, migrisk.risk_model_weight) through SPI,
 *		with the caller's privileges, into the backend's cache (risk.h):
 *		a COPY, a scan or an aggregate reads the tables once, not per row,
 *		however its caller keeps FmgrInfos, and the next statement after a
 *		change of the tables reads them again (config_cache.c).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "compat.h"
#include "risk.h"

RiskShared	risk_shared;

/* memory of the cache that is not fixed-size (the codes array) */
static MemoryContext risk_cache_cxt = NULL;

/* the schema holding the calling function, which is the extension's */
char *
risk_ext_schema(FunctionCallInfo fcinfo)
{
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	char	   *name = get_namespace_name(nsp);

	if (name == NULL)
		elog(ERROR, "migrisk: cannot find the schema of function %u", fcinfo->flinfo->fn_oid);
	return pstrdup(quote_identifier(name));
}

static void
risk_spi_connect(void)
{
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "migrisk: SPI_connect failed");
}

/*
 * Watch the configuration tables of the function's schema and return the
 * generation to stamp what is read next with.
 */
static uint64
risk_watch_tables(FunctionCallInfo fcinfo)
{
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);

	(void) migrisk_config_watch(nsp, "indicator");
	(void) migrisk_config_watch(nsp, "risk_model");
	(void) migrisk_config_watch(nsp, "risk_model_weight");
	return migrisk_config_generation;
}

const risk_codetab *
risk_registry_load(FunctionCallInfo fcinfo)
{
	RiskShared *c = &risk_shared;
	uint64		gen = risk_watch_tables(fcinfo);
	char	   *schema;
	StringInfoData q;
	uint64		i;

	c->registry_gen = 0;
	if (risk_cache_cxt == NULL)
		risk_cache_cxt = AllocSetContextCreate(CacheMemoryContext, "migrisk risk cache",
											   ALLOCSET_SMALL_SIZES);
	MemoryContextReset(risk_cache_cxt);
	c->summary_codes = (Datum) 0;
	schema = risk_ext_schema(fcinfo);
	initStringInfo(&q);
	appendStringInfo(&q, "SELECT bit, code FROM %s.indicator", schema);
	risk_spi_connect();
	if (SPI_execute(q.data, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "migrisk: cannot read %s.indicator", schema);
	memset(&c->tab, 0, sizeof(c->tab));
	c->registered = 0;
	for (i = 0; i < SPI_processed; i++)
	{
		bool		isnull1,
					isnull2;
		Datum		b = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull1);
		Datum		code = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull2);
		int			bit;
		char	   *s;

		if (isnull1 || isnull2)
			continue;
		bit = DatumGetInt32(b);
		s = TextDatumGetCString(code);
		/* the table's CHECK constraints guarantee these; do not trust them */
		if (bit < 0 || bit >= RISK_NBITS || strlen(s) > RISK_CODE_MAXLEN)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid row in %s.indicator: code \"%s\", bit %d", schema, s, bit)));
		strlcpy(c->names[bit], s, sizeof(c->names[bit]));
		c->tab.name[bit] = c->names[bit];
		c->registered |= UINT64CONST(1) << bit;
	}
	SPI_finish();
	c->registry_user = GetUserId();
	c->registry_gen = gen;
	return &c->tab;
}

/* the registered codes as text[], built once per registry load */
Datum
risk_registered_codes(FunctionCallInfo fcinfo)
{
	const risk_codetab *tab = risk_registry(fcinfo);
	MemoryContext old;
	Datum		codes[RISK_NBITS];
	int			i,
				k = 0;

	if (likely(risk_shared.summary_codes != (Datum) 0))
		return risk_shared.summary_codes;
	old = MemoryContextSwitchTo(risk_cache_cxt);
	for (i = 0; i < RISK_NBITS; i++)
		if (risk_shared.registered & (UINT64CONST(1) << i))
			codes[k++] = CStringGetTextDatum(tab->name[i]);
	risk_shared.summary_codes = PointerGetDatum(construct_array(codes, k, TEXTOID, -1, false, TYPALIGN_INT));
	MemoryContextSwitchTo(old);
	return risk_shared.summary_codes;
}

/* bit of an indicator code, or -1 (missing_ok) / ERROR 22023 */
int
risk_code_bit(FunctionCallInfo fcinfo, const char *code, int len, bool missing_ok)
{
	const risk_codetab *tab = risk_registry(fcinfo);
	int			bit = risk_codetab_lookup(tab, code, (size_t) len);

	if (bit < 0 && len > 1 && code[0] == '#')
	{
		/* #N names bit N directly, as in the text form */
		risk_flags	f;
		risk_parse_error e;
		char	   *buf = psprintf("{%.*s}", len, code);

		if (risk_flags_parse(buf, strlen(buf), tab, &f, &e) == RISK_PARSE_OK &&
			risk_popcount(f.yes) == 1 && f.known == ~UINT64CONST(0))
			bit = __builtin_ctzll(f.yes);
	}
	if (bit < 0 && !missing_ok)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown risk indicator code: \"%.*s\"", len, code),
				 errhint("SELECT code FROM %s.indicator lists the valid codes.",
						 risk_ext_schema(fcinfo))));
	return bit;
}

/*
 * The model called name, from another slot of the cache or read from the
 * tables into one.  A model without rows in risk_model_weight uses every
 * indicator's default_weight (indicators with default weight 0 are not
 * part of it).
 */
const risk_model *
risk_model_load(FunctionCallInfo fcinfo, const char *name, int len)
{
	RiskShared *c = &risk_shared;
	static RiskModelSlot uncached;	/* a name too long for a slot */
	RiskModelSlot *slot;
	uint64		gen;
	Oid			user = GetUserId();
	int			k;
	char	   *schema;
	StringInfoData q;
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	bool		isnull;
	char	   *kind;
	risk_model	m;
	const char *bad;
	char	   *cname;
	uint64		i;

	for (k = 0; k < RISK_MODEL_SLOTS; k++)
	{
		slot = &c->slot[k];
		if (slot->gen == migrisk_config_generation && slot->userid == user &&
			slot->name_len == len && memcmp(slot->name, name, len) == 0)
		{
			c->last = k;
			return &slot->model;
		}
	}
	gen = risk_watch_tables(fcinfo);
	cname = pnstrdup(name, len);
	schema = risk_ext_schema(fcinfo);
	args[0] = CStringGetTextDatum(cname);
	memset(&m, 0, sizeof(m));

	risk_spi_connect();
	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT kind, intercept, medium_threshold, high_threshold "
					 "FROM %s.risk_model WHERE name = $1", schema);
	if (SPI_execute_with_args(q.data, 1, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "migrisk: cannot read %s.risk_model", schema);
	if (SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("risk model \"%s\" does not exist", cname),
				 errhint("SELECT name FROM %s.risk_model lists the models.", schema)));
	kind = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	if (kind && strcmp(kind, "any") == 0)
		m.kind = RISK_MODEL_ANY;
	else if (kind && strcmp(kind, "additive") == 0)
		m.kind = RISK_MODEL_ADDITIVE;
	else if (kind && strcmp(kind, "logistic") == 0)
		m.kind = RISK_MODEL_LOGISTIC;
	m.intercept = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	if (isnull)
		m.intercept = 0;
	m.medium_threshold = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull));
	if (isnull)
		m.medium_threshold = NAN;
	m.high_threshold = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 4, &isnull));
	if (isnull)
		m.high_threshold = NAN;

	resetStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT i.bit, w.weight FROM %s.risk_model_weight w "
					 "JOIN %s.indicator i ON i.code = w.indicator WHERE w.model = $1",
					 schema, schema);
	if (SPI_execute_with_args(q.data, 1, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "migrisk: cannot read %s.risk_model_weight", schema);
	if (SPI_processed == 0)
	{
		resetStringInfo(&q);
		appendStringInfo(&q,
						 "SELECT bit, default_weight FROM %s.indicator WHERE default_weight <> float8 '0'",
						 schema);
		if (SPI_execute(q.data, true, 0) != SPI_OK_SELECT)
			elog(ERROR, "migrisk: cannot read %s.indicator", schema);
	}
	for (i = 0; i < SPI_processed; i++)
	{
		bool		n1,
					n2;
		int			bit = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &n1));
		double		w = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &n2));

		if (n1 || n2 || bit < 0 || bit >= RISK_NBITS)
			continue;
		m.mask |= UINT64CONST(1) << bit;
		m.weight[bit] = w;
	}
	SPI_finish();

	if ((bad = risk_model_finish(&m)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("risk model \"%s\" cannot be used", cname),
				 errdetail("The %s.", bad),
				 errhint("Fix its rows in %s.risk_model and %s.risk_model_weight.", schema, schema)));
	if (len >= (int) sizeof(slot->name))
	{
		/* too long to cache: still correct, only slower */
		uncached.model = m;
		return &uncached.model;
	}
	/* an empty or stale slot, else the next one round */
	for (k = 0; k < RISK_MODEL_SLOTS; k++)
		if (c->slot[k].gen != migrisk_config_generation)
			break;
	if (k == RISK_MODEL_SLOTS)
	{
		static int	victim = 0;

		k = victim;
		victim = (victim + 1) % RISK_MODEL_SLOTS;
	}
	slot = &c->slot[k];
	memcpy(slot->name, name, len);
	slot->name_len = len;
	slot->userid = user;
	slot->model = m;
	slot->gen = gen;
	c->last = k;
	return &slot->model;
}
