/*
 * route_segment.h
 *		The on-disk route_segment and journey values, and the helpers the
 *		glue files share (route_segment_io.c, route_segment_geodesy.c, route_segment_journey.c).
 *
 * route_segment is fixed length, passed by reference, 56 bytes, double
 * aligned.  The reserved word is always zero and -0 is stored as +0, so
 * equal values have equal bytes: hashing and equality use them directly.
 */
#ifndef MIGRISK_ROUTE_SEGMENT_H
#define MIGRISK_ROUTE_SEGMENT_H

#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"

#include "compat.h"
#include "segment_parse.h"

typedef struct RouteSegment
{
	float8		from_lon;
	float8		from_lat;
	float8		to_lon;
	float8		to_lat;
	int64		depart;			/* TimestampTz, or SEGMENT_TIME_UNKNOWN */
	int64		arrive;			/* TimestampTz, or SEGMENT_TIME_UNKNOWN */
	int32		mode;			/* segment_mode */
	int32		reserved;		/* always 0 */
} RouteSegment;

#define ROUTE_SEGMENT_SIZE 56

#define DatumGetRouteSegmentP(X)	((RouteSegment *) DatumGetPointer(X))
#define RouteSegmentPGetDatum(X)	PointerGetDatum(X)
#define PG_GETARG_ROUTE_SEGMENT_P(n)	DatumGetRouteSegmentP(PG_GETARG_DATUM(n))
#define PG_RETURN_ROUTE_SEGMENT_P(x)	return RouteSegmentPGetDatum(x)

/*
 * journey: a varlena list of legs in the order they were aggregated.  The
 * 16-byte header keeps the legs double aligned.
 */
typedef struct Journey
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	int32		version;		/* JOURNEY_VERSION */
	int32		nlegs;
	int32		reserved;		/* always 0 */
	RouteSegment legs[FLEXIBLE_ARRAY_MEMBER];
} Journey;

#define JOURNEY_VERSION 1
#define JOURNEY_HEADER_SIZE offsetof(Journey, legs)
/*
 * The most legs a journey has, whichever way it is made (text input,
 * binary receive, the aggregate): far beyond any route, and small enough
 * that the text form (at most about 180 bytes a leg) always fits in a
 * value, so every journey dumps and restores as text too.
 */
#define JOURNEY_LEGS_LIMIT 1000000
#define PG_GETARG_JOURNEY_P(n)	((Journey *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* route_segment_journey.c: ERROR 54000 when a journey would have more than JOURNEY_LEGS_LIMIT legs */
extern void journey_check_legs(int64 n);
/* route_segment_journey.c: ERROR XX001 when a value's header does not match its size */
extern void journey_check_header(const Journey *j);

/*
 * route_segment_io.c.  route_segment_report saves the error in escontext when that
 * is an ErrorSaveContext and returns (the caller returns at once); with
 * NULL it raises.
 */
extern void route_segment_from_fields(RouteSegment *seg, const segment_fields *f);
extern void route_segment_report(segment_status st, const segment_error *err,
								 const char *type_name, const char *input,
								 struct Node *escontext);
extern int	route_segment_compare(const RouteSegment *a, const RouteSegment *b);
extern void route_segment_append_text(StringInfo buf, const RouteSegment *seg);
extern void route_segment_send_into(StringInfo buf, const RouteSegment *seg);
extern void route_segment_recv_from(StringInfo buf, RouteSegment *seg);

/* route_segment_geodesy.c */
extern double route_segment_length(const RouteSegment *seg);
extern Datum route_segment_interval(int64 depart, int64 arrive);

#endif							/* MIGRISK_ROUTE_SEGMENT_H */
