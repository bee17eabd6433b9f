/*
 * config_cache.c
 *		When migrisk's configuration tables change: the generation counter
 *		that the backend's caches of migrisk.indicator, risk_model,
 *		risk_model_weight, repatriation_point and pprl_key are validated
 *		by, and the trigger that makes every change of those tables known.
 *
 * The caches live for the backend, outside fn_extra, so a caller that
 * hands every row a fresh FmgrInfo (Citus's worker_partial_agg does) pays
 * one comparison per row, not a catalog read.  A cache is valid while
 * migrisk_config_generation is the value it was loaded under and the user
 * is the one it was loaded for (the tables are read with the caller's
 * privileges).  The counter is bumped by a relcache invalidation of a
 * watched table (its OID is watched from the first load on), by a full
 * relcache reset, and by a change of role memberships.
 *
 * Plain DML sends no relcache invalidation, so each configuration table
 * has a statement-level AFTER INSERT/UPDATE/DELETE/TRUNCATE trigger,
 * _config_changed, that registers one (CacheInvalidateRelcache).
 * PostgreSQL's invalidation machinery then does the rest: the changing
 * backend sees it at the next command-counter increment (the next
 * statement of the same transaction or DO block), other backends when the
 * change commits, and the changing backend again when it rolls back (to a
 * savepoint or entirely), so a rolled-back change is not kept either.
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "compat.h"
#include "migrisk.h"

/* 0 is never current: caches start out empty with generation 0 */
uint64		migrisk_config_generation = 1;

#define CONFIG_MAX_WATCHED 16

static Oid	config_watched[CONFIG_MAX_WATCHED];
static int	config_nwatched = 0;

static void
config_relcache_callback(Datum arg, Oid relid)
{
	int			i;

	if (!OidIsValid(relid))
	{
		migrisk_config_generation++;
		return;
	}
	for (i = 0; i < config_nwatched; i++)
		if (config_watched[i] == relid)
		{
			migrisk_config_generation++;
			return;
		}
}

static void
config_syscache_callback(Datum arg, int cacheid, uint32 hashvalue)
{
	/* a role gained or lost a membership: what it may read can differ */
	migrisk_config_generation++;
}

void
migrisk_config_cache_init(void)
{
	CacheRegisterRelcacheCallback(config_relcache_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(AUTHMEMROLEMEM, config_syscache_callback, (Datum) 0);
}

/*
 * The OID of configuration table relname in schema nsp, watched from now
 * on.  Call it before reading the table, and take the generation before
 * that too: an invalidation that arrives while the table is read then
 * makes the new cache stale at once, never lost.
 */
Oid
migrisk_config_watch(Oid nsp, const char *relname)
{
	Oid			relid = get_relname_relid(relname, nsp);
	int			i;

	if (!OidIsValid(relid))
		return InvalidOid;
	for (i = 0; i < config_nwatched; i++)
		if (config_watched[i] == relid)
			return relid;
	if (config_nwatched == CONFIG_MAX_WATCHED)
	{
		/* tables dropped and created again many times: forget the old OIDs */
		config_nwatched = 0;
		migrisk_config_generation++;
	}
	config_watched[config_nwatched++] = relid;
	return relid;
}

/*
 * _config_changed(): statement-level AFTER trigger of the configuration
 * tables; makes the change known to every backend's caches.
 */
PG_FUNCTION_INFO_V1(config_changed);
Datum
config_changed(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("_config_changed: not called by the trigger manager")));
	CacheInvalidateRelcache(td->tg_relation);
	return PointerGetDatum(NULL);
}
