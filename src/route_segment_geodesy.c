/*
 * route_segment_geodesy.c
 *		route_segment constructors and accessors, and what is computed from
 *		a segment: its geodesic length on WGS84 (core/geodesic.c), duration,
 *		average speed and plausibility by transport mode.
 *
 * A time is "unknown" inside the value and NULL in SQL; everything derived
 * from an unknown time is NULL too, rather than a guess.
 */
#include "postgres.h"

#include <math.h>

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/timestamp.h"

#include "compat.h"
#include "geodesic.h"
#include "route_segment.h"

double
route_segment_length(const RouteSegment *seg)
{
	return geodesic_inverse_wgs84(seg->from_lat, seg->from_lon,
								  seg->to_lat, seg->to_lon);
}

/* ---- constructors --------------------------------------------------- */

static int64
time_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	TimestampTz t;

	if (PG_ARGISNULL(argno))
		return SEGMENT_TIME_UNKNOWN;
	t = PG_GETARG_TIMESTAMPTZ(argno);
	if (TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s time of a route_segment must be finite", what),
				 errhint("Pass NULL for a time that is not known.")));
	return t;
}

static int
mode_arg(FunctionCallInfo fcinfo, int argno)
{
	text	   *t;
	int			mode;

	if (PG_ARGISNULL(argno))
		return SEGMENT_MODE_UNKNOWN;
	t = PG_GETARG_TEXT_PP(argno);
	mode = segment_mode_from_name(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
	if (mode < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid transport mode: \"%s\"", text_to_cstring(t)),
				 errhint("Transport modes are " SEGMENT_MODE_LIST ".")));
	return mode;
}

static Datum
build_segment(double from_lon, double from_lat, double to_lon, double to_lat,
			  int mode, int64 depart, int64 arrive)
{
	segment_fields f;
	segment_error err;
	segment_status st;
	RouteSegment *seg;

	f.from_lon = from_lon;
	f.from_lat = from_lat;
	f.to_lon = to_lon;
	f.to_lat = to_lat;
	f.mode = mode;
	f.depart = depart;
	f.arrive = arrive;
	st = segment_check(&f, &err);
	if (st != SEGMENT_OK)
		route_segment_report(st, &err, "route_segment", NULL, NULL);	/* raises */
	segment_canonicalize(&f);
	seg = palloc(sizeof(RouteSegment));
	route_segment_from_fields(seg, &f);
	return RouteSegmentPGetDatum(seg);
}

/*
 * route_segment(from_lon, from_lat, to_lon, to_lat, mode, depart, arrive):
 * NULL coordinates give NULL; a NULL mode is "unknown", NULL times unknown.
 */
PG_FUNCTION_INFO_V1(route_segment_make);
Datum
route_segment_make(PG_FUNCTION_ARGS)
{
	int			i;

	for (i = 0; i < 4; i++)
		if (PG_ARGISNULL(i))
			PG_RETURN_NULL();
	return build_segment(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1),
						 PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3),
						 mode_arg(fcinfo, 4),
						 time_arg(fcinfo, 5, "departure"),
						 time_arg(fcinfo, 6, "arrival"));
}

/* check one point handed over by the SQL wrapper around PostGIS */
static void
check_point(FunctionCallInfo fcinfo, int argno, const char *which)
{
	char	   *type = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	int32		srid = PG_GETARG_INT32(argno + 1);

	if (strcmp(type, "POINT") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s of a route_segment must be a POINT, not a %s", which, type),
				 errhint("Use ST_StartPoint, ST_PointOnSurface or ST_Centroid to reduce a geometry to a point.")));
	if (srid != 4326 && srid != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s of a route_segment has SRID %d, not 4326 (WGS84 longitude/latitude)", which, srid),
				 errhint("Transform it first: ST_Transform(geom, 4326).")));
	if (PG_ARGISNULL(argno + 2) || PG_ARGISNULL(argno + 3))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s of a route_segment is an empty point", which),
				 errhint("Pass NULL instead of POINT EMPTY for a place that is not known.")));
}

/*
 * _route_segment_from_points(type1, srid1, x1, y1, type2, srid2, x2, y2,
 * mode, depart, arrive): the C half of route_segment(geometry, geometry,
 * ...), which reads the points with PostGIS's own functions.
 */
PG_FUNCTION_INFO_V1(route_segment_from_points);
Datum
route_segment_from_points(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(4) || PG_ARGISNULL(5))
		PG_RETURN_NULL();
	check_point(fcinfo, 0, "start point");
	check_point(fcinfo, 4, "end point");
	return build_segment(PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3),
						 PG_GETARG_FLOAT8(6), PG_GETARG_FLOAT8(7),
						 mode_arg(fcinfo, 8),
						 time_arg(fcinfo, 9, "departure"),
						 time_arg(fcinfo, 10, "arrival"));
}

/* ---- accessors ------------------------------------------------------ */

#define SEGMENT_FLOAT_ACCESSOR(fn, field) \
PG_FUNCTION_INFO_V1(fn); \
Datum \
fn(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_FLOAT8(PG_GETARG_ROUTE_SEGMENT_P(0)->field); \
}

SEGMENT_FLOAT_ACCESSOR(route_segment_from_lon, from_lon)
SEGMENT_FLOAT_ACCESSOR(route_segment_from_lat, from_lat)
SEGMENT_FLOAT_ACCESSOR(route_segment_to_lon, to_lon)
SEGMENT_FLOAT_ACCESSOR(route_segment_to_lat, to_lat)

PG_FUNCTION_INFO_V1(route_segment_depart);
Datum
route_segment_depart(PG_FUNCTION_ARGS)
{
	RouteSegment *seg = PG_GETARG_ROUTE_SEGMENT_P(0);

	if (seg->depart == SEGMENT_TIME_UNKNOWN)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(seg->depart);
}

PG_FUNCTION_INFO_V1(route_segment_arrive);
Datum
route_segment_arrive(PG_FUNCTION_ARGS)
{
	RouteSegment *seg = PG_GETARG_ROUTE_SEGMENT_P(0);

	if (seg->arrive == SEGMENT_TIME_UNKNOWN)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(seg->arrive);
}

PG_FUNCTION_INFO_V1(route_segment_transport_mode);
Datum
route_segment_transport_mode(PG_FUNCTION_ARGS)
{
	RouteSegment *seg = PG_GETARG_ROUTE_SEGMENT_P(0);
	const char *name = segment_mode_name(seg->mode);

	PG_RETURN_TEXT_P(cstring_to_text(name ? name : "unknown"));
}

/* ---- derived values ------------------------------------------------- */

PG_FUNCTION_INFO_V1(route_segment_length_m);
Datum
route_segment_length_m(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(route_segment_length(PG_GETARG_ROUTE_SEGMENT_P(0)));
}

/* arrive - depart as an interval, justified to days like timestamptz_mi */
Datum
route_segment_interval(int64 depart, int64 arrive)
{
	Interval   *iv = palloc(sizeof(Interval));

	iv->month = 0;
	iv->day = 0;
	iv->time = arrive - depart;
	return DirectFunctionCall1(interval_justify_hours, IntervalPGetDatum(iv));
}

PG_FUNCTION_INFO_V1(route_segment_duration);
Datum
route_segment_duration(PG_FUNCTION_ARGS)
{
	RouteSegment *seg = PG_GETARG_ROUTE_SEGMENT_P(0);

	if (seg->depart == SEGMENT_TIME_UNKNOWN || seg->arrive == SEGMENT_TIME_UNKNOWN)
		PG_RETURN_NULL();
	return route_segment_interval(seg->depart, seg->arrive);
}

/* average speed over the geodesic, km/h; NULL if a time is unknown or the
 * duration is zero (no speed can be given) */
PG_FUNCTION_INFO_V1(route_segment_speed_kmh);
Datum
route_segment_speed_kmh(PG_FUNCTION_ARGS)
{
	RouteSegment *seg = PG_GETARG_ROUTE_SEGMENT_P(0);
	double		hours;

	if (seg->depart == SEGMENT_TIME_UNKNOWN || seg->arrive == SEGMENT_TIME_UNKNOWN ||
		seg->arrive == seg->depart)
		PG_RETURN_NULL();
	hours = (double) (seg->arrive - seg->depart) / (double) USECS_PER_HOUR;
	PG_RETURN_FLOAT8(route_segment_length(seg) / 1000.0 / hours);
}

PG_FUNCTION_INFO_V1(route_segment_max_speed_kmh);
Datum
route_segment_max_speed_kmh(PG_FUNCTION_ARGS)
{
	RouteSegment *seg = PG_GETARG_ROUTE_SEGMENT_P(0);

	PG_RETURN_FLOAT8(segment_max_speed_kmh(seg->mode));
}

/*
 * Could the leg have been travelled in the time given?  The geodesic is the
 * shortest path, so its speed is a lower bound of the real one: a leg is
 * implausible when even that exceeds the mode's bound.  NULL when a time is
 * unknown.  A zero-duration leg is plausible only if it has zero length.
 */
PG_FUNCTION_INFO_V1(route_segment_is_plausible);
Datum
route_segment_is_plausible(PG_FUNCTION_ARGS)
{
	RouteSegment *seg = PG_GETARG_ROUTE_SEGMENT_P(0);
	double		seconds,
				reach_m;

	if (seg->depart == SEGMENT_TIME_UNKNOWN || seg->arrive == SEGMENT_TIME_UNKNOWN)
		PG_RETURN_NULL();
	seconds = (double) (seg->arrive - seg->depart) / (double) USECS_PER_SEC;
	reach_m = segment_max_speed_kmh(seg->mode) / 3.6 * seconds;
	PG_RETURN_BOOL(route_segment_length(seg) <= reach_m);
}
