/*
 * civil_date.c
 *		Day numbers of proleptic Gregorian dates and back, after Howard
 *		Hinnant's "chrono-Compatible Low-Level Date Algorithms": years are
 *		shifted to start on 1 March so the leap day ends the year, and
 *		counted in 400-year eras of 146097 days.  Exact for every int32 day
 *		number; no tables, no floating point.
 */
#include "civil_date.h"

/* 2000-01-01 is day 730425 counted from 0000-03-01 */
#define CIVIL_SHIFT (719468 + CIVIL_UNIX_EPOCH_DAYS)

int64_t
civil_days_from_ymd(int64_t y, int m, int d)
{
	int64_t		era,
				yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - CIVIL_SHIFT;
}

void
civil_ymd_from_days(int64_t days, int *y, int *m, int *d)
{
	int64_t		z = days + CIVIL_SHIFT;
	int64_t		era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t		doe = z - era * 146097;
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		mp = (5 * doy + 2) / 153;
	int			mm = (int) (mp < 10 ? mp + 3 : mp - 9);

	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = mm;
	*y = (int) (yoe + era * 400 + (mm <= 2));
}

int
civil_days_in_month(int64_t y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}
