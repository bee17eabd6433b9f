/*
 * link_plausibility.c
 *		Deportation-return plausibility: does a reception follow a removal
 *		in time (a window of days) and in place (the Mexican reception
 *		point facing the US port, by the repatriation_point table)?  Also
 *		_place_key, the key both sides of that table are compared by.
 *
 * The table is read into the backend's cache, kept until the table changes
 * (config_cache.c) or another user calls, and the answer for a (port,
 * point) pair is memoised, so a join over millions of pairs costs a date
 * subtraction and a memo probe per row, even for a caller that gives every
 * row a fresh FmgrInfo.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "core/place_key.h"

#include "compat.h"
#include "migrisk.h"

#define PLAUS_MEMO_SLOTS 256
#define PLAUS_MEMO_LEN 48		/* longer names are not memoised */

typedef struct PlausMemo
{
	uint8		used;
	uint8		fits;
	uint8		lp,
				lr;
	char		port[PLAUS_MEMO_LEN];
	char		point[PLAUS_MEMO_LEN];
} PlausMemo;

typedef struct PlausCache
{
	uint64		gen;			/* migrisk_config_generation at load; 0 = none */
	Oid			userid;
	int			nrows;
	int		   *nus;			/* per row: number of US keys, MX keys */
	int		   *nmx;
	char	 ***us;				/* per row: the keys */
	char	 ***mx;
	PlausMemo	memo[PLAUS_MEMO_SLOTS];
} PlausCache;

static PlausCache plaus_cache;
static MemoryContext plaus_cxt = NULL;	/* the keys of plaus_cache */

PG_FUNCTION_INFO_V1(place_key_sql);
Datum
place_key_sql(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	size_t		len = VARSIZE_ANY_EXHDR(t);
	char	   *buf = palloc(PLACE_KEY_CAP(len));
	size_t		n = place_key(VARDATA_ANY(t), len, buf);

	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf, n));
}

static char **
plaus_keys(Datum arr, int *n, MemoryContext mcxt)
{
	Datum	   *elems;
	bool	   *nulls;
	int			k,
				j = 0;
	char	  **out;

	deconstruct_array(DatumGetArrayTypeP(arr), TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, n);
	out = MemoryContextAlloc(mcxt, sizeof(char *) * (*n + 1));
	for (k = 0; k < *n; k++)
		if (!nulls[k])
			out[j++] = MemoryContextStrdup(mcxt, TextDatumGetCString(elems[k]));
	*n = j;
	return out;
}

/* read repatriation_point's keys into the backend's cache */
static pg_noinline PlausCache *
plaus_load(FunctionCallInfo fcinfo)
{
	PlausCache *c = &plaus_cache;
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	char	   *schema = get_namespace_name(nsp);
	MemoryContext mcxt;
	StringInfoData q;
	uint64		gen;
	uint64		i;

	memset(c, 0, sizeof(PlausCache));
	if (plaus_cxt == NULL)
		plaus_cxt = AllocSetContextCreate(CacheMemoryContext, "migrisk repatriation_point cache",
										  ALLOCSET_SMALL_SIZES);
	MemoryContextReset(plaus_cxt);
	mcxt = plaus_cxt;
	(void) migrisk_config_watch(nsp, "repatriation_point");
	gen = migrisk_config_generation;
	if (schema == NULL)
		elog(ERROR, "migrisk: cannot find the schema of function %u", fcinfo->flinfo->fn_oid);
	initStringInfo(&q);
	appendStringInfo(&q, "SELECT us_keys, mx_keys FROM %s.repatriation_point",
					 quote_identifier(schema));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "migrisk: SPI_connect failed");
	if (SPI_execute(q.data, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "migrisk: cannot read %s.repatriation_point", schema);
	c->nrows = (int) SPI_processed;
	c->nus = MemoryContextAlloc(mcxt, sizeof(int) * (c->nrows + 1));
	c->nmx = MemoryContextAlloc(mcxt, sizeof(int) * (c->nrows + 1));
	c->us = MemoryContextAlloc(mcxt, sizeof(char **) * (c->nrows + 1));
	c->mx = MemoryContextAlloc(mcxt, sizeof(char **) * (c->nrows + 1));
	for (i = 0; i < SPI_processed; i++)
	{
		bool		n1,
					n2;
		Datum		us = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &n1);
		Datum		mx = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &n2);

		c->nus[i] = c->nmx[i] = 0;
		c->us[i] = n1 ? NULL : plaus_keys(us, &c->nus[i], mcxt);
		c->mx[i] = n2 ? NULL : plaus_keys(mx, &c->nmx[i], mcxt);
	}
	SPI_finish();
	c->userid = GetUserId();
	c->gen = gen;
	return c;
}

static bool
plaus_has(char **keys, int n, const char *k)
{
	for (int j = 0; j < n; j++)
		if (strcmp(keys[j], k) == 0)
			return true;
	return false;
}

/* does some row pair the port's key with the point's key? */
static bool
plaus_fits(PlausCache *c, const char *port, size_t lp, const char *point, size_t lr)
{
	char	   *kp = palloc(PLACE_KEY_CAP(lp));
	char	   *kr = palloc(PLACE_KEY_CAP(lr));
	bool		fits = false;

	place_key(port, lp, kp);
	place_key(point, lr, kr);
	for (int i = 0; i < c->nrows && !fits; i++)
		fits = plaus_has(c->us[i], c->nus[i], kp) && plaus_has(c->mx[i], c->nmx[i], kr);
	pfree(kp);
	pfree(kr);
	return fits;
}

static uint32
plaus_hash(const char *p, size_t lp, const char *r, size_t lr)
{
	uint32		h = 2166136261u;

	for (size_t i = 0; i < lp; i++)
		h = (h ^ (unsigned char) p[i]) * 16777619u;
	h = (h ^ 0xff) * 16777619u;
	for (size_t i = 0; i < lr; i++)
		h = (h ^ (unsigned char) r[i]) * 16777619u;
	return h;
}

/*
 * return_plausibility(removal_date, removal_port, reception_date,
 * reception_point, min_days, max_days): 0 fits (in the window, at the
 * facing point), 1 window only, 2 point only, 3 neither.  An infinite date
 * is outside every window.
 */
PG_FUNCTION_INFO_V1(return_plausibility);
Datum
return_plausibility(PG_FUNCTION_ARGS)
{
	DateADT		rd = PG_GETARG_DATEADT(0);
	text	   *port = PG_GETARG_TEXT_PP(1);
	DateADT		cd = PG_GETARG_DATEADT(2);
	text	   *point = PG_GETARG_TEXT_PP(3);
	int32		min_days = PG_GETARG_INT32(4);
	int32		max_days = PG_GETARG_INT32(5);
	PlausCache *c = &plaus_cache;
	const char *p = VARDATA_ANY(port),
			   *r = VARDATA_ANY(point);
	size_t		lp = VARSIZE_ANY_EXHDR(port),
				lr = VARSIZE_ANY_EXHDR(point);
	bool		in_window,
				fits;

	if (min_days > max_days)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("return_plausibility: window [%d, %d] days is empty", min_days, max_days),
				 errhint("min_days must not exceed max_days.")));
	if (unlikely(c->gen != migrisk_config_generation || c->userid != GetUserId()))
		c = plaus_load(fcinfo);
	in_window = !DATE_NOT_FINITE(rd) && !DATE_NOT_FINITE(cd) &&
		(int64) cd - rd >= min_days && (int64) cd - rd <= max_days;
	if (lp < PLAUS_MEMO_LEN && lr < PLAUS_MEMO_LEN)
	{
		PlausMemo  *m = &c->memo[plaus_hash(p, lp, r, lr) % PLAUS_MEMO_SLOTS];

		if (!(m->used && m->lp == lp && m->lr == lr &&
			  memcmp(m->port, p, lp) == 0 && memcmp(m->point, r, lr) == 0))
		{
			m->fits = plaus_fits(c, p, lp, r, lr);
			m->lp = (uint8) lp;
			m->lr = (uint8) lr;
			memcpy(m->port, p, lp);
			memcpy(m->point, r, lr);
			m->used = 1;
		}
		fits = m->fits;
	}
	else
		fits = plaus_fits(c, p, lp, r, lr);
	PG_RETURN_INT32(in_window ? (fits ? 0 : 1) : (fits ? 2 : 3));
}
