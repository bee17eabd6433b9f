/*
 * route_segment_timeline.c
 *		A journey in time: where it was at a given moment, where it stopped,
 *		and when it was within a distance of a point.
 *
 * The timeline of a journey is read from its legs in journey order:
 *  - during a leg with both times known, the position moves along the
 *    leg's geodesic at constant speed (linear in time, by distance);
 *  - between two legs with known times, where the next leaves from within
 *    max_distance_m of where the previous arrived and not before it
 *    arrived, the journey stays at the arrival place (a stay, reported by
 *    stops() when it lasts at least min_dwell);
 *  - everywhere else (before the first departure, after the last arrival,
 *    unknown times, a next departure far away or earlier than the arrival)
 *    the position is unknown: NULL, and a "gap" in stops().
 * Where legs overlap in time the first leg in journey order wins.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "nodes/makefuncs.h"
#include "nodes/value.h"
#include "parser/parse_func.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "compat.h"
#include "geodesic.h"
#include "route_segment.h"

#define TIME_KNOWN(t) ((t) != SEGMENT_TIME_UNKNOWN)

/* the most passages of one leg through one circle that are reported */
#define TIMELINE_MAX_PASSAGES 64

/*
 * A PostGIS point (SRID 4326) made by PostGIS itself: st_point(x, y, srid)
 * of the schema the calling function's geometry result type lives in,
 * looked up once per call site and kept in fn_extra.
 */
static Datum
postgis_point(FunctionCallInfo fcinfo, double lon, double lat)
{
	FmgrInfo   *fn = (FmgrInfo *) fcinfo->flinfo->fn_extra;

	if (fn == NULL)
	{
		Oid			geom = get_func_rettype(fcinfo->flinfo->fn_oid);
		Oid			args[3] = {FLOAT8OID, FLOAT8OID, INT4OID};
		HeapTuple	tup = SearchSysCache1(TYPEOID, ObjectIdGetDatum(geom));
		char	   *nsp;
		Oid			fnoid;

		if (!HeapTupleIsValid(tup))
			elog(ERROR, "cache lookup failed for type %u", geom);
		nsp = get_namespace_name(((Form_pg_type) GETSTRUCT(tup))->typnamespace);
		ReleaseSysCache(tup);
		fnoid = LookupFuncName(list_make2(makeString(nsp), makeString(pstrdup("st_point"))),
							   3, args, false);
		fn = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(FmgrInfo));
		fmgr_info_cxt(fnoid, fn, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = fn;
	}
	return FunctionCall3Coll(fn, InvalidOid, Float8GetDatum(lon), Float8GetDatum(lat),
							 Int32GetDatum(4326));
}

static double
distance_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	double		v = PG_GETARG_FLOAT8(argno);

	if (isnan(v) || v < 0 || isinf(v))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite distance of 0 metres or more, not %g", what, v)));
	return v;
}

/* position on a leg with known times at t inside [depart, arrive] */
static void
leg_position(const RouteSegment *seg, TimestampTz t, double *lon, double *lat)
{
	double		frac;

	if (t >= seg->arrive)
		frac = 1;
	else if (t <= seg->depart)
		frac = 0;
	else
		frac = (double) (t - seg->depart) / (double) (seg->arrive - seg->depart);
	geodesic_interpolate_wgs84(seg->from_lat, seg->from_lon, seg->to_lat, seg->to_lon,
							   frac, lat, lon);
}

static bool
leg_timed(const RouteSegment *seg)
{
	return TIME_KNOWN(seg->depart) && TIME_KNOWN(seg->arrive) &&
		seg->arrive >= seg->depart;
}

/*
 * The stay between legs a and b (a arrives, b departs): true when both times
 * are known, b leaves no earlier than a arrives, and from within max_m.
 */
static bool
is_stay(const RouteSegment *a, const RouteSegment *b, double max_m, double *dist)
{
	*dist = geodesic_inverse_wgs84(a->to_lat, a->to_lon, b->from_lat, b->from_lon);
	return TIME_KNOWN(a->arrive) && TIME_KNOWN(b->depart) &&
		b->depart >= a->arrive && *dist <= max_m;
}

/* position_at(route_segment, timestamptz): a point, NULL outside the leg's times */
PG_FUNCTION_INFO_V1(route_segment_position_at);
Datum
route_segment_position_at(PG_FUNCTION_ARGS)
{
	RouteSegment *seg = PG_GETARG_ROUTE_SEGMENT_P(0);
	TimestampTz t = PG_GETARG_TIMESTAMPTZ(1);
	double		lon,
				lat;

	if (!leg_timed(seg) || t < seg->depart || t > seg->arrive)
		PG_RETURN_NULL();
	leg_position(seg, t, &lon, &lat);
	PG_RETURN_DATUM(postgis_point(fcinfo, lon, lat));
}

/* point_at(route_segment, fraction): the point that far along the geodesic, by distance */
PG_FUNCTION_INFO_V1(route_segment_point_at);
Datum
route_segment_point_at(PG_FUNCTION_ARGS)
{
	RouteSegment *seg = PG_GETARG_ROUTE_SEGMENT_P(0);
	double		frac = PG_GETARG_FLOAT8(1),
				lon,
				lat;

	if (isnan(frac) || frac < 0 || frac > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fraction %g of a leg is outside [0, 1]", frac)));
	geodesic_interpolate_wgs84(seg->from_lat, seg->from_lon, seg->to_lat, seg->to_lon,
							   frac, &lat, &lon);
	PG_RETURN_DATUM(postgis_point(fcinfo, lon, lat));
}

/* position_at(journey, timestamptz, max_distance_m): a point or NULL */
PG_FUNCTION_INFO_V1(journey_position_at);
Datum
journey_position_at(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	TimestampTz t = PG_GETARG_TIMESTAMPTZ(1);
	double		max_m = distance_arg(fcinfo, 2, "max_distance_m"),
				lon,
				lat,
				dist;
	int32		i;

	journey_check_header(j);
	for (i = 0; i < j->nlegs; i++)
	{
		const RouteSegment *seg = &j->legs[i];

		if (leg_timed(seg) && t >= seg->depart && t <= seg->arrive)
		{
			leg_position(seg, t, &lon, &lat);
			PG_RETURN_DATUM(postgis_point(fcinfo, lon, lat));
		}
		if (i + 1 < j->nlegs && TIME_KNOWN(seg->arrive) && t > seg->arrive &&
			TIME_KNOWN(j->legs[i + 1].depart) && t < j->legs[i + 1].depart &&
			is_stay(seg, &j->legs[i + 1], max_m, &dist))
			PG_RETURN_DATUM(postgis_point(fcinfo, seg->to_lon, seg->to_lat));
	}
	PG_RETURN_NULL();
}

/* ---- stops ---------------------------------------------------------- */

typedef struct
{
	Journey    *j;
	double		max_m;
	int64		min_dwell;
	int32		next;			/* the next pair (next, next + 1) to look at */
} stops_ctx;

static int64
interval_usecs(const Interval *iv)
{
	/* as interval comparison counts: a month of 30 days, a day of 24 hours */
	return iv->time + (int64) iv->day * USECS_PER_DAY +
		(int64) iv->month * DAYS_PER_MONTH * USECS_PER_DAY;
}

/*
 * stops(journey, max_distance_m, min_dwell): one row per stay of at least
 * min_dwell and per gap, in journey order: kind, leg (1-based, the leg that
 * arrives), lon, lat (the arrival place), arrive, depart, dwell,
 * distance_m (arrival to next departure), note.
 */
PG_FUNCTION_INFO_V1(journey_stops);
Datum
journey_stops(PG_FUNCTION_ARGS)
{
	FuncCallContext *fc;
	stops_ctx  *ctx;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;
		TupleDesc	desc;
		Interval   *iv = PG_GETARG_INTERVAL_P(2);

		fc = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(fc->multi_call_memory_ctx);
		ctx = palloc(sizeof(stops_ctx));
		ctx->j = PG_GETARG_JOURNEY_P(0);
		journey_check_header(ctx->j);
		ctx->max_m = distance_arg(fcinfo, 1, "max_distance_m");
		ctx->min_dwell = interval_usecs(iv);
		if (ctx->min_dwell < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("min_dwell must not be negative")));
		ctx->next = 0;
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("stops must be called where a set of rows is accepted")));
		fc->tuple_desc = BlessTupleDesc(desc);
		fc->user_fctx = ctx;
		MemoryContextSwitchTo(old);
	}
	fc = SRF_PERCALL_SETUP();
	ctx = (stops_ctx *) fc->user_fctx;
	while (ctx->next + 1 < ctx->j->nlegs)
	{
		const RouteSegment *a = &ctx->j->legs[ctx->next],
				   *b = &ctx->j->legs[ctx->next + 1];
		Datum		v[9];
		bool		isnull[9] = {false};
		double		dist;
		const char *kind = "gap",
				   *note;
		int32		leg = ctx->next + 1;

		ctx->next++;
		if (is_stay(a, b, ctx->max_m, &dist))
		{
			if (b->depart - a->arrive < ctx->min_dwell)
				continue;		/* a change, not a stop */
			kind = "stop";
			note = NULL;
		}
		else if (!TIME_KNOWN(a->arrive) || !TIME_KNOWN(b->depart))
			note = "unknown time";
		else if (b->depart < a->arrive)
			note = "next leg departs before this one arrives";
		else
			note = "next leg departs far from this arrival";

		v[0] = CStringGetTextDatum(kind);
		v[1] = Int32GetDatum(leg);
		v[2] = Float8GetDatum(a->to_lon);
		v[3] = Float8GetDatum(a->to_lat);
		if (TIME_KNOWN(a->arrive))
			v[4] = TimestampTzGetDatum(a->arrive);
		else
			isnull[4] = true;
		if (TIME_KNOWN(b->depart))
			v[5] = TimestampTzGetDatum(b->depart);
		else
			isnull[5] = true;
		if (TIME_KNOWN(a->arrive) && TIME_KNOWN(b->depart) && b->depart >= a->arrive)
			v[6] = route_segment_interval(a->arrive, b->depart);
		else
			isnull[6] = true;
		v[7] = Float8GetDatum(dist);
		if (note)
			v[8] = CStringGetTextDatum(note);
		else
			isnull[8] = true;
		SRF_RETURN_NEXT(fc, HeapTupleGetDatum(heap_form_tuple(fc->tuple_desc, v, isnull)));
	}
	SRF_RETURN_DONE(fc);
}

/* ---- within a distance of a point ----------------------------------- */

typedef struct
{
	int64		enter;
	int64		leave;
} period;

static void
add_period(period **p, int *n, int *cap, int64 enter, int64 leave)
{
	/* periods come in time order: one that touches the last extends it */
	if (*n > 0 && enter <= (*p)[*n - 1].leave)
	{
		if (leave > (*p)[*n - 1].leave)
			(*p)[*n - 1].leave = leave;
		return;
	}
	if (*n == *cap)
	{
		*cap *= 2;
		*p = repalloc(*p, *cap * sizeof(period));
	}
	(*p)[*n].enter = enter;
	(*p)[*n].leave = leave;
	(*n)++;
}

/*
 * _within_radius(journey, lon, lat, radius_m, max_distance_m): the periods
 * (enter, leave) the journey spent within radius_m of (lon, lat), on the
 * timeline above; crossings are exact to a millisecond.
 */
PG_FUNCTION_INFO_V1(journey_within_radius);
Datum
journey_within_radius(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsi = (ReturnSetInfo *) fcinfo->resultinfo;
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	double		clon = PG_GETARG_FLOAT8(1),
				clat = PG_GETARG_FLOAT8(2),
				radius = distance_arg(fcinfo, 3, "radius_m"),
				max_m = distance_arg(fcinfo, 4, "max_distance_m"),
				out[2 * TIMELINE_MAX_PASSAGES];
	int			cap = 8,
				n = 0,
				k;
	period	   *p;
	int32		i;

	journey_check_header(j);
	if (isnan(clon) || isinf(clon) || isnan(clat) || fabs(clat) > 90)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("centre (%g, %g) is not a longitude and latitude", clon, clat)));
	InitMaterializedSRF(fcinfo, 0);
	p = palloc(cap * sizeof(period));
	for (i = 0; i < j->nlegs; i++)
	{
		const RouteSegment *seg = &j->legs[i];
		double		dist;

		if (leg_timed(seg))
		{
			double		dur = (double) (seg->arrive - seg->depart);
			int			m;

			if (dur == 0)
			{
				/* an instant: at its end */
				if (geodesic_inverse_wgs84(clat, clon, seg->to_lat, seg->to_lon) <= radius)
					add_period(&p, &n, &cap, seg->arrive, seg->arrive);
			}
			else
			{
				m = geodesic_within_radius_wgs84(seg->from_lat, seg->from_lon,
												 seg->to_lat, seg->to_lon,
												 clat, clon, radius,
												 fmin(1e-3, 1000.0 / dur), out,
												 TIMELINE_MAX_PASSAGES);
				for (k = 0; k < m; k++)
					add_period(&p, &n, &cap,
							   seg->depart + (int64) rint(out[2 * k] * dur),
							   seg->depart + (int64) rint(out[2 * k + 1] * dur));
			}
		}
		if (i + 1 < j->nlegs && is_stay(seg, &j->legs[i + 1], max_m, &dist) &&
			geodesic_inverse_wgs84(clat, clon, seg->to_lat, seg->to_lon) <= radius)
			add_period(&p, &n, &cap, seg->arrive, j->legs[i + 1].depart);
	}
	for (k = 0; k < n; k++)
	{
		Datum		v[2];
		bool		isnull[2] = {false, false};

		v[0] = TimestampTzGetDatum(p[k].enter);
		v[1] = TimestampTzGetDatum(p[k].leave);
		tuplestore_putvalues(rsi->setResult, rsi->setDesc, v, isnull);
	}
	return (Datum) 0;
}

/*
 * _geodesic_points(route_segment, step_m): the leg's geodesic sampled at
 * n + 1 points evenly spaced by distance, n = ceil(length / step_m) (at
 * least 1), as {lon0, lat0, lon1, lat1, ...}; the ends exactly as stored.
 */
#define GEODESIC_POINTS_MAX 100000

PG_FUNCTION_INFO_V1(route_segment_geodesic_points);
Datum
route_segment_geodesic_points(PG_FUNCTION_ARGS)
{
	RouteSegment *seg = PG_GETARG_ROUTE_SEGMENT_P(0);
	double		step = PG_GETARG_FLOAT8(1),
				len = route_segment_length(seg),
				nd,
				s12,
				azi1;
	int			n,
				k;
	Datum	   *d;

	if (!(step > 0) || isinf(step))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("step_m must be a finite distance above 0 metres, not %g", step)));
	nd = ceil(len / step);
	if (nd > GEODESIC_POINTS_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a step of %g m would sample a %.0f m leg at more than %d points", step, len,
						GEODESIC_POINTS_MAX),
				 errhint("Use a longer step.")));
	n = Max(1, (int) nd);
	d = palloc((Size) (n + 1) * 2 * sizeof(Datum));
	/* one solution of the inverse, then the direct problem per point */
	geodesic_inverse_azimuth_wgs84(seg->from_lat, seg->from_lon, seg->to_lat, seg->to_lon,
								   &s12, &azi1);
	for (k = 0; k <= n; k++)
	{
		double		lon = seg->from_lon,
					lat = seg->from_lat;

		if (k == n)
		{
			lon = seg->to_lon;
			lat = seg->to_lat;
		}
		else if (k > 0)
			geodesic_direct_wgs84(seg->from_lat, seg->from_lon, azi1, s12 * k / n,
								  &lat, &lon, (double *) 0);
		d[2 * k] = Float8GetDatum(lon);
		d[2 * k + 1] = Float8GetDatum(lat);
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(d, 2 * (n + 1), FLOAT8OID, sizeof(float8),
										  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}
