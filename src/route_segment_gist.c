/*
 * route_segment_gist.c
 *		The space-time box of a route segment (SQL type route_segment_box),
 *		the operator route_segment && route_segment_box, and the GiST
 *		operator class on route_segment that answers it.
 *
 * A leg's box holds its whole WGS84 geodesic (core/segment_box.c: across
 * the antimeridian, and up to the vertex near a pole) and its known time
 * span: [depart, arrive], or the one instant known, or no time at all.  A
 * query box has a space part, a time part or both; a leg without a known
 * time never meets a query with a time part.  The operator is defined on
 * the leg's box, so the index answers it exactly (no recheck).
 */
#include "postgres.h"

#include "access/gist.h"
#include "access/stratnum.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "common/shortest_dec.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "compat.h"
#include "route_segment.h"
#include "segment_box.h"

StaticAssertDecl(sizeof(segment_box) == 56, "route_segment_box is 56 bytes");

#define DatumGetSegmentBoxP(X)	((segment_box *) DatumGetPointer(X))
#define PG_GETARG_SEGMENT_BOX_P(n)	DatumGetSegmentBoxP(PG_GETARG_DATUM(n))

/* the box of a leg: its geodesic, and its known time span */
static void
route_segment_box_of(const RouteSegment *seg, segment_box *box)
{
	memset(box, 0, sizeof(*box));
	segment_box_geodesic(seg->from_lon, seg->from_lat, seg->to_lon, seg->to_lat, box);
	if (seg->depart == SEGMENT_TIME_UNKNOWN && seg->arrive == SEGMENT_TIME_UNKNOWN)
		box->flags |= SEGMENT_BOX_UNTIMED;
	else
	{
		box->flags |= SEGMENT_BOX_TIME;
		box->tmin = seg->depart != SEGMENT_TIME_UNKNOWN ? seg->depart : seg->arrive;
		box->tmax = seg->arrive != SEGMENT_TIME_UNKNOWN ? seg->arrive : seg->depart;
	}
}

/*
 * The time part of a query from a tstzrange: a closed span of timestamps
 * (exclusive bounds moved by a microsecond, the type's resolution), or
 * SEGMENT_BOX_EMPTY when no instant is in it.
 */
static void
route_segment_box_set_time(FunctionCallInfo fcinfo, RangeType *r, segment_box *box)
{
	TypeCacheEntry *typcache = (TypeCacheEntry *) fcinfo->flinfo->fn_extra;
	RangeBound	lower,
				upper;
	bool		empty;
	int64		lo,
				hi;

	if (typcache == NULL || typcache->type_id != RangeTypeGetOid(r))
	{
		typcache = lookup_type_cache(RangeTypeGetOid(r), TYPECACHE_RANGE_INFO);
		if (typcache->rngelemtype == NULL || typcache->rngelemtype->type_id != TIMESTAMPTZOID)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("the time of a route_segment_box must be a tstzrange")));
		fcinfo->flinfo->fn_extra = typcache;
	}
	range_deserialize(typcache, r, &lower, &upper, &empty);
	box->flags |= SEGMENT_BOX_TIME;
	if (empty)
	{
		box->flags |= SEGMENT_BOX_EMPTY;
		return;
	}
	lo = lower.infinite ? PG_INT64_MIN : DatumGetTimestampTz(lower.val);
	hi = upper.infinite ? PG_INT64_MAX : DatumGetTimestampTz(upper.val);
	if (!lower.infinite && !lower.inclusive)
	{
		if (lo == PG_INT64_MAX)
			box->flags |= SEGMENT_BOX_EMPTY;
		else
			lo++;
	}
	if (!upper.infinite && !upper.inclusive)
	{
		if (hi == PG_INT64_MIN)
			box->flags |= SEGMENT_BOX_EMPTY;
		else
			hi--;
	}
	if (lo > hi)
		box->flags |= SEGMENT_BOX_EMPTY;
	box->tmin = lo;
	box->tmax = hi;
}

/* ---- the type -------------------------------------------------------- */

PG_FUNCTION_INFO_V1(route_segment_box_in);
Datum
route_segment_box_in(PG_FUNCTION_ARGS)
{
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("route_segment_box has no text input"),
			 errhint("Build one with route_segment_box(geometry), route_segment_box(tstzrange) or route_segment_box(geometry, tstzrange).")));
	PG_RETURN_NULL();
}

static void
append_time(StringInfo buf, int64 t)
{
	char		tmp[32];

	if (t == PG_INT64_MIN)
		appendStringInfoString(buf, "-infinity");
	else if (t == PG_INT64_MAX)
		appendStringInfoString(buf, "infinity");
	else if (t >= SEGMENT_TIME_MIN && t <= SEGMENT_TIME_MAX)
	{
		segment_format_time(t, tmp);
		appendStringInfoString(buf, tmp);
	}
	else
		appendStringInfoString(buf, DatumGetCString(DirectFunctionCall1(timestamptz_out,
																		TimestampTzGetDatum(t))));
}

static void
append_double(StringInfo buf, double v)
{
	char		tmp[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(v, tmp);
	appendStringInfoString(buf, tmp);
}

/* BOX(xmin ymin, xmax ymax) [tmin, tmax], each part only when present */
PG_FUNCTION_INFO_V1(route_segment_box_out);
Datum
route_segment_box_out(PG_FUNCTION_ARGS)
{
	segment_box *b = PG_GETARG_SEGMENT_BOX_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	if (b->flags & SEGMENT_BOX_SPACE)
	{
		appendStringInfoString(&buf, "BOX(");
		append_double(&buf, b->xmin);
		appendStringInfoChar(&buf, ' ');
		append_double(&buf, b->ymin);
		appendStringInfoString(&buf, ", ");
		append_double(&buf, b->xmax);
		appendStringInfoChar(&buf, ' ');
		append_double(&buf, b->ymax);
		appendStringInfoChar(&buf, ')');
	}
	if (b->flags & SEGMENT_BOX_EMPTY)
		appendStringInfoString(&buf, buf.len ? " empty" : "empty");
	else if (b->flags & SEGMENT_BOX_TIME)
	{
		appendStringInfoString(&buf, buf.len ? " [" : "[");
		append_time(&buf, b->tmin);
		appendStringInfoString(&buf, ", ");
		append_time(&buf, b->tmax);
		appendStringInfoChar(&buf, ']');
	}
	if (b->flags & SEGMENT_BOX_UNTIMED)
		appendStringInfoString(&buf, " untimed");
	PG_RETURN_CSTRING(buf.data);
}

/* ---- constructors ---------------------------------------------------- */

PG_FUNCTION_INFO_V1(route_segment_box_segment);
Datum
route_segment_box_segment(PG_FUNCTION_ARGS)
{
	segment_box *b = palloc(sizeof(segment_box));

	route_segment_box_of(PG_GETARG_ROUTE_SEGMENT_P(0), b);
	PG_RETURN_POINTER(b);
}

PG_FUNCTION_INFO_V1(route_segment_box_range);
Datum
route_segment_box_range(PG_FUNCTION_ARGS)
{
	segment_box *b = palloc0(sizeof(segment_box));

	route_segment_box_set_time(fcinfo, PG_GETARG_RANGE_P(0), b);
	PG_RETURN_POINTER(b);
}

/*
 * _route_segment_box(srid, is_empty, xmin, ymin, xmax, ymax, during): the
 * C half of route_segment_box(geometry[, tstzrange]), which reads the
 * geometry's bounds with PostGIS's own functions.
 */
PG_FUNCTION_INFO_V1(route_segment_box_bounds);
Datum
route_segment_box_bounds(PG_FUNCTION_ARGS)
{
	segment_box *b;
	int			i;

	for (i = 0; i < 2; i++)
		if (PG_ARGISNULL(i))
			PG_RETURN_NULL();
	if (PG_GETARG_INT32(0) != 4326 && PG_GETARG_INT32(0) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a route_segment_box needs a geometry in SRID 4326 (WGS84 longitude/latitude), not %d",
						PG_GETARG_INT32(0)),
				 errhint("Transform it first: ST_Transform(geom, 4326).")));
	if (PG_GETARG_BOOL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3) ||
		PG_ARGISNULL(4) || PG_ARGISNULL(5))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a route_segment_box needs a geometry that is not empty"),
				 errhint("An empty geometry has no box; pass NULL to match no row.")));
	b = palloc0(sizeof(segment_box));
	if (!segment_box_set_space(b, PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3),
							   PG_GETARG_FLOAT8(4), PG_GETARG_FLOAT8(5)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a route_segment_box needs longitudes and latitudes: the geometry's bounds are x %g to %g, y %g to %g",
						PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(4),
						PG_GETARG_FLOAT8(3), PG_GETARG_FLOAT8(5)),
				 errdetail("Latitudes must lie in [-90, 90] and every coordinate be finite.")));
	if (!PG_ARGISNULL(6))
		route_segment_box_set_time(fcinfo, PG_GETARG_RANGE_P(6), b);
	PG_RETURN_POINTER(b);
}

/* ---- the operator ---------------------------------------------------- */

PG_FUNCTION_INFO_V1(route_segment_overlaps_box);
Datum
route_segment_overlaps_box(PG_FUNCTION_ARGS)
{
	segment_box key;

	route_segment_box_of(PG_GETARG_ROUTE_SEGMENT_P(0), &key);
	PG_RETURN_BOOL(segment_box_overlaps(&key, PG_GETARG_SEGMENT_BOX_P(1)));
}

/* ---- GiST support ---------------------------------------------------- */

#define ROUTE_SEGMENT_GIST_OVERLAPS RTOverlapStrategyNumber

PG_FUNCTION_INFO_V1(route_segment_gist_compress);
Datum
route_segment_gist_compress(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);

	if (entry->leafkey)
	{
		GISTENTRY  *out = palloc(sizeof(GISTENTRY));
		segment_box *b = palloc(sizeof(segment_box));

		route_segment_box_of(DatumGetRouteSegmentP(entry->key), b);
		gistentryinit(*out, PointerGetDatum(b), entry->rel, entry->page,
					  entry->offset, false);
		PG_RETURN_POINTER(out);
	}
	PG_RETURN_POINTER(entry);
}

PG_FUNCTION_INFO_V1(route_segment_gist_consistent);
Datum
route_segment_gist_consistent(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);
	StrategyNumber strategy = (StrategyNumber) PG_GETARG_UINT16(2);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(4);
	segment_box *query;

	if (PG_ARGISNULL(1))
		PG_RETURN_BOOL(false);
	query = PG_GETARG_SEGMENT_BOX_P(1);
	/* a leaf key is the leg's own box: the answer is exact */
	*recheck = false;
	if (strategy != ROUTE_SEGMENT_GIST_OVERLAPS)
		elog(ERROR, "route_segment GiST: unknown strategy %d", strategy);
	PG_RETURN_BOOL(segment_box_overlaps(DatumGetSegmentBoxP(entry->key), query));
}

PG_FUNCTION_INFO_V1(route_segment_gist_union);
Datum
route_segment_gist_union(PG_FUNCTION_ARGS)
{
	GistEntryVector *v = (GistEntryVector *) PG_GETARG_POINTER(0);
	int		   *size = (int *) PG_GETARG_POINTER(1);
	segment_box *u = palloc(sizeof(segment_box));
	int			i;

	*u = *DatumGetSegmentBoxP(v->vector[0].key);
	for (i = 1; i < v->n; i++)
		segment_box_union(u, DatumGetSegmentBoxP(v->vector[i].key));
	*size = sizeof(segment_box);
	PG_RETURN_POINTER(u);
}

PG_FUNCTION_INFO_V1(route_segment_gist_penalty);
Datum
route_segment_gist_penalty(PG_FUNCTION_ARGS)
{
	GISTENTRY  *orig = (GISTENTRY *) PG_GETARG_POINTER(0);
	GISTENTRY  *add = (GISTENTRY *) PG_GETARG_POINTER(1);
	float	   *result = (float *) PG_GETARG_POINTER(2);

	*result = (float) segment_box_penalty(DatumGetSegmentBoxP(orig->key),
										  DatumGetSegmentBoxP(add->key));
	PG_RETURN_POINTER(result);
}

PG_FUNCTION_INFO_V1(route_segment_gist_picksplit);
Datum
route_segment_gist_picksplit(PG_FUNCTION_ARGS)
{
	GistEntryVector *v = (GistEntryVector *) PG_GETARG_POINTER(0);
	GIST_SPLITVEC *split = (GIST_SPLITVEC *) PG_GETARG_POINTER(1);
	int			n = v->n - 1,	/* entries are 1 .. maxoff */
				i;
	segment_box *boxes = palloc(sizeof(segment_box) * n);
	bool	   *right = palloc(sizeof(bool) * n);
	void	   *work = palloc(segment_box_split_work(n));
	segment_box *lunion = NULL,
			   *runion = NULL;

	for (i = 0; i < n; i++)
		boxes[i] = *DatumGetSegmentBoxP(v->vector[i + FirstOffsetNumber].key);
	segment_box_split(boxes, n, right, work);

	split->spl_left = palloc(sizeof(OffsetNumber) * n);
	split->spl_right = palloc(sizeof(OffsetNumber) * n);
	split->spl_nleft = split->spl_nright = 0;
	for (i = 0; i < n; i++)
	{
		segment_box **u = right[i] ? &runion : &lunion;

		if (right[i])
			split->spl_right[split->spl_nright++] = i + FirstOffsetNumber;
		else
			split->spl_left[split->spl_nleft++] = i + FirstOffsetNumber;
		if (*u == NULL)
		{
			*u = palloc(sizeof(segment_box));
			**u = boxes[i];
		}
		else
			segment_box_union(*u, &boxes[i]);
	}
	split->spl_ldatum = PointerGetDatum(lunion);
	split->spl_rdatum = PointerGetDatum(runion);
	pfree(boxes);
	pfree(right);
	pfree(work);
	PG_RETURN_POINTER(split);
}

PG_FUNCTION_INFO_V1(route_segment_gist_same);
Datum
route_segment_gist_same(PG_FUNCTION_ARGS)
{
	segment_box *a = PG_GETARG_SEGMENT_BOX_P(0);
	segment_box *b = PG_GETARG_SEGMENT_BOX_P(1);
	bool	   *result = (bool *) PG_GETARG_POINTER(2);

	*result = memcmp(a, b, sizeof(segment_box)) == 0;
	PG_RETURN_POINTER(result);
}
