/*
 * migrisk.c
 *		Module entry point: the magic block, _PG_init and the settings that
 *		every part of migrisk shares.
 *
 * migrisk.min_cell_size is PGC_SUSET on purpose: an administrator who sets
 * it for a BI role with ALTER ROLE ... SET must not see that role lower it
 * again with a plain SET.
 */
#include "postgres.h"

#include <limits.h>

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/guc.h"

#include "compat.h"
#include "migrisk.h"
#include "pprl.h"

PG_MODULE_MAGIC;

int			migrisk_min_cell_size = 0;

void		_PG_init(void);

void
_PG_init(void)
{
	/* before the definitions replace the placeholders: settings_guard.c */
	migrisk_guard_client_settings();

	DefineCustomIntVariable("migrisk.min_cell_size",
							"Smallest group size for which migrisk aggregates publish estimates.",
							"Groups with fewer records are suppressed: every estimate is NULL. 0 turns suppression off.",
							&migrisk_min_cell_size,
							0, 0, INT_MAX,
							PGC_SUSET,
							0,
							NULL, NULL, NULL);
	migrisk_pprl_init();
	migrisk_config_cache_init();
	MarkGUCPrefixReserved("migrisk");
}

PG_FUNCTION_INFO_V1(migrisk_version);

/*
 * migrisk.version(): the version of the loaded library, which can differ
 * from the installed SQL objects' version after a package upgrade until
 * ALTER EXTENSION migrisk UPDATE is run.
 */
Datum
migrisk_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(MIGRISK_VERSION));
}
