/*
 * migrisk.h
 *		Declarations shared by the fmgr glue files of migrisk.
 */
#ifndef MIGRISK_H
#define MIGRISK_H

#define MIGRISK_VERSION "0.1.0"

/* migrisk.min_cell_size: groups smaller than this are suppressed (0 = off) */
extern int	migrisk_min_cell_size;

#endif							/* MIGRISK_H */
