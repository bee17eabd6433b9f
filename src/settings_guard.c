/*
 * settings_guard.c
 *		Refuses migrisk.* settings passed as connection options by a role
 *		that may not set them.
 *
 * Until this library is loaded, PostgreSQL keeps "-c migrisk.min_cell_size=0"
 * from a connection's options as a placeholder.  That placeholder overrides
 * the value an administrator set with ALTER ROLE, ALTER DATABASE or ALTER
 * SYSTEM, and when _PG_init defines the real, superuser-only setting, the
 * re-application is refused with a mere WARNING: the session is left with
 * the built-in default, 0, i.e. no small-cell suppression.  For its own
 * superuser-only settings PostgreSQL refuses such a connection outright
 * (FATAL at connection); this does the same for ours, when the library is
 * first loaded in the session.  A superuser, or a role granted SET on the
 * parameter, may still pass it.
 *
 * It must run in _PG_init BEFORE the settings are defined: the placeholders
 * still say where their values came from (source PGC_S_CLIENT) and which
 * role set them.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/guc.h"
#include "utils/guc_tables.h"

#include "compat.h"
#include "migrisk.h"

#define MIGRISK_PREFIX "migrisk."

static bool
may_set(const char *name, Oid role)
{
	return superuser_arg(role) ||
		pg_parameter_aclcheck(name, role, ACL_SET) == ACLCHECK_OK;
}

void
migrisk_guard_client_settings(void)
{
	int			n;
	struct config_generic **vars = migrisk_guc_variables(&n);
	int			i;

	for (i = 0; i < n; i++)
	{
		struct config_generic *g = vars[i];

		if (g == NULL || g->name == NULL ||
			pg_strncasecmp(g->name, MIGRISK_PREFIX, strlen(MIGRISK_PREFIX)) != 0)
			continue;
		if ((g->source == PGC_S_CLIENT && !may_set(g->name, g->srole)) ||
			(g->reset_source == PGC_S_CLIENT && !may_set(g->name, g->reset_srole)))
			ereport(FATAL,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("permission denied to set parameter \"%s\"", g->name),
					 errdetail("migrisk settings are superuser-only and cannot be passed as connection options."),
					 errhint("Ask an administrator to set it with ALTER ROLE ... SET or ALTER DATABASE ... SET.")));
	}
}
