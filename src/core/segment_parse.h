/*
 * segment_parse.h
 *		The route_segment text format, its validation rules and ISO 8601
 *		UTC times (pure C, no PostgreSQL headers).
 *
 * Text form (docs/reference.md):
 *
 *		MODE (LON LAT, LON LAT) [DEPART/ARRIVE]
 *
 * e.g. "foot (-92.2667 14.9, -93.9 16.2333) 2024-03-01T06:00:00Z/2024-03-09T18:00:00Z".
 * MODE is one of the names below (any case on input); coordinates are
 * WGS84 degrees, longitude first, as in WKT; DEPART and ARRIVE are ISO 8601
 * date-times with a "Z" or a numeric UTC offset, or "?" when unknown; the
 * time part may be left out when both are unknown.
 *
 * Times are microseconds since 2000-01-01 00:00:00 UTC, the epoch of a
 * PostgreSQL timestamptz, so the glue passes them through unchanged.
 */
#ifndef MIGRISK_SEGMENT_PARSE_H
#define MIGRISK_SEGMENT_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* an unknown depart or arrive time */
#define SEGMENT_TIME_UNKNOWN INT64_MIN

/* transport modes; the numbers are stored on disk and must never change */
typedef enum segment_mode
{
	SEGMENT_MODE_FOOT = 0,
	SEGMENT_MODE_BUS = 1,
	SEGMENT_MODE_CAR = 2,
	SEGMENT_MODE_TRUCK = 3,
	SEGMENT_MODE_FREIGHT_TRAIN = 4,
	SEGMENT_MODE_BOAT = 5,
	SEGMENT_MODE_PLANE = 6,
	SEGMENT_MODE_OTHER = 7,
	SEGMENT_MODE_UNKNOWN = 8
} segment_mode;

#define SEGMENT_NMODES 9

/* the list of mode names, for hints */
#define SEGMENT_MODE_LIST "foot, bus, car, truck, freight_train, boat, plane, other, unknown"

typedef struct segment_fields
{
	double		from_lon;
	double		from_lat;
	double		to_lon;
	double		to_lat;
	int64_t		depart;			/* or SEGMENT_TIME_UNKNOWN */
	int64_t		arrive;			/* or SEGMENT_TIME_UNKNOWN */
	int			mode;			/* segment_mode */
} segment_fields;

/* what went wrong; the glue maps each to a SQLSTATE */
typedef enum segment_status
{
	SEGMENT_OK = 0,
	SEGMENT_ERR_SYNTAX,			/* 22P02 invalid_text_representation */
	SEGMENT_ERR_RANGE,			/* 22003 numeric_value_out_of_range */
	SEGMENT_ERR_TIME_RANGE,		/* 22008 datetime_field_overflow */
	SEGMENT_ERR_PARAM			/* 22023 invalid_parameter_value */
} segment_status;

typedef struct segment_error
{
	segment_status status;
	char		detail[256];	/* one sentence, for errdetail */
	const char *hint;			/* static text, for errhint */
} segment_error;

/* Earliest and latest time the text format can write: years 0001 to 9999 */
#define SEGMENT_TIME_MIN INT64_C(-63082281600000000)	/* 0001-01-01T00:00:00Z */
#define SEGMENT_TIME_MAX INT64_C(252455615999999999)	/* 9999-12-31T23:59:59.999999Z */

/*
 * Parse a whole route_segment text of len bytes (need not be
 * NUL-terminated).  On success fills *out, returns SEGMENT_OK; otherwise
 * fills *err and returns its status.  Every rule of segment_check holds for
 * a parsed value.
 */
extern segment_status segment_parse(const char *s, size_t len,
									segment_fields *out, segment_error *err);

/*
 * Parse one route_segment starting at s[*pos], skipping white space around
 * it, and leave *pos after it: the building block for lists (journeys).
 */
extern segment_status segment_parse_at(const char *s, size_t len, size_t *pos,
									   segment_fields *out, segment_error *err);

/*
 * The rules every value obeys, whatever made it (text, binary, a
 * constructor): finite coordinates in range, a known mode, times within
 * years 0001-9999, arrive not before depart.
 */
extern segment_status segment_check(const segment_fields *f, segment_error *err);

/*
 * One zero: -0 becomes +0, so that equal values have equal bytes (hashing,
 * equality) and print alike.  Every constructor applies it.
 */
extern void segment_canonicalize(segment_fields *f);

/* name of a mode (NULL if out of range), and mode of a name (-1 if none) */
extern const char *segment_mode_name(int mode);
extern int	segment_mode_from_name(const char *s, size_t len);

/* highest plausible average speed of a mode, km/h (out of range: unknown's) */
extern double segment_max_speed_kmh(int mode);

/*
 * Write time t (microseconds since 2000-01-01 UTC, within SEGMENT_TIME_MIN
 * .. SEGMENT_TIME_MAX) as "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" into buf (at least
 * 32 bytes), fraction digits only as many as needed; returns the length.
 */
extern int	segment_format_time(int64_t t, char *buf);

/*
 * Parse an ISO 8601 date-time with a Z or numeric offset at s[*pos];
 * on success store microseconds since 2000-01-01 UTC and advance *pos.
 */
extern segment_status segment_parse_time(const char *s, size_t len, size_t *pos,
										 int64_t *t, segment_error *err);

#endif							/* MIGRISK_SEGMENT_PARSE_H */
