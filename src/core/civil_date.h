/*
 * civil_date.h
 *		Proleptic Gregorian dates as day numbers, counted from 2000-01-01
 *		(PostgreSQL's date and timestamp epoch), for the cores that read or
 *		write dates.  No PostgreSQL headers.
 */
#ifndef MIGRISK_CIVIL_DATE_H
#define MIGRISK_CIVIL_DATE_H

#include <stdint.h>

/* days between 1970-01-01 and 2000-01-01 */
#define CIVIL_UNIX_EPOCH_DAYS 10957

extern int64_t civil_days_from_ymd(int64_t y, int m, int d);
extern void civil_ymd_from_days(int64_t days, int *y, int *m, int *d);
/* days in month m (1..12) of year y, February 29 in leap years */
extern int	civil_days_in_month(int64_t y, int m);

#endif							/* MIGRISK_CIVIL_DATE_H */
