/*
 * migrisk.h
 *		Declarations shared by the fmgr glue files of migrisk.
 */
#ifndef MIGRISK_H
#define MIGRISK_H

/* MIGRISK_VERSION comes from the Makefile (migrisk.control's default_version) */
#ifndef MIGRISK_VERSION
#error "MIGRISK_VERSION is set by the Makefile from migrisk.control"
#endif

/* migrisk.min_cell_size: groups smaller than this are suppressed (0 = off) */
extern int	migrisk_min_cell_size;

/* settings_guard.c: FATAL on a migrisk.* connection option the user may not set */
extern void migrisk_guard_client_settings(void);

/*
 * config_cache.c: the generation of the configuration tables' contents.
 * A backend-wide cache of a configuration table is valid while this is
 * the generation it was loaded under and GetUserId() the user it was
 * loaded for.
 */
extern uint64 migrisk_config_generation;
extern void migrisk_config_cache_init(void);
extern Oid	migrisk_config_watch(Oid nsp, const char *relname);

#endif							/* MIGRISK_H */
