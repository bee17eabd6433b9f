/*
 * route_segment_journey_agg.c
 *		The journey() aggregate: its state is a journey, so parallel query
 *		and Citus split it (a combine function and a real state type), and
 *		without ORDER BY its legs come out in order of departure.
 *
 * While aggregating the state is a read-write expanded journey whose leg
 * array doubles when full: no allocation per row, amortised constant time.
 * Flat (between parallel workers, or as text on Citus) it is an ordinary
 * journey value with the legs in the order they were gathered.
 *
 * The final function sorts the legs by departure (a leg with an unknown
 * departure by its arrival, a leg with neither last; ties in route_segment
 * order), which makes journey(s) the same whatever order the rows arrive
 * in and whatever the plan.  journey(s ORDER BY ...) keeps the order asked
 * for, as before (ordered aggregates never run in parallel).
 */
#include "postgres.h"

#include "fmgr.h"
#include "nodes/primnodes.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"

#include "compat.h"
#include "route_segment.h"

typedef struct JourneyAgg
{
	ExpandedObjectHeader hdr;
	int32		n;
	int32		cap;
	RouteSegment *legs;
} JourneyAgg;

static Size jagg_get_flat_size(ExpandedObjectHeader *eohptr);
static void jagg_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods jagg_methods = {
	jagg_get_flat_size,
	jagg_flatten_into
};

static JourneyAgg *
jagg_new(MemoryContext parent, int32 cap)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "journey state", ALLOCSET_SMALL_SIZES);
	JourneyAgg *st = MemoryContextAllocZero(cxt, sizeof(JourneyAgg));

	EOH_init_header(&st->hdr, &jagg_methods, cxt);
	st->cap = Max(cap, 16);
	st->legs = MemoryContextAlloc(cxt, (Size) st->cap * sizeof(RouteSegment));
	return st;
}

static void
jagg_append(JourneyAgg *st, const RouteSegment *legs, int32 n)
{
	journey_check_legs((int64) st->n + n);
	if (st->n + n > st->cap)
	{
		int64		cap = st->cap;

		while (cap < st->n + n)
			cap *= 2;
		st->cap = (int32) Min(cap, (int64) JOURNEY_LEGS_LIMIT);
		st->legs = repalloc(st->legs, (Size) st->cap * sizeof(RouteSegment));
	}
	memcpy(&st->legs[st->n], legs, (Size) n * sizeof(RouteSegment));
	st->n += n;
}

static Size
jagg_get_flat_size(ExpandedObjectHeader *eohptr)
{
	return JOURNEY_HEADER_SIZE + (Size) ((JourneyAgg *) eohptr)->n * sizeof(RouteSegment);
}

static void
jagg_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	JourneyAgg *st = (JourneyAgg *) eohptr;
	Journey    *j = (Journey *) result;

	Assert(allocated_size == JOURNEY_HEADER_SIZE + (Size) st->n * sizeof(RouteSegment));
	memset(j, 0, JOURNEY_HEADER_SIZE);
	SET_VARSIZE(j, allocated_size);
	j->version = JOURNEY_VERSION;
	j->nlegs = st->n;
	if (st->n > 0)
		memcpy(j->legs, st->legs, (Size) st->n * sizeof(RouteSegment));
}

static bool
jagg_is_ours(Datum d)
{
	return VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)) &&
		DatumGetEOHP(d)->eoh_methods == &jagg_methods;
}

/* a journey value (flat: checked by its input) as a state under parent */
static JourneyAgg *
jagg_expand(Datum d, MemoryContext parent)
{
	Journey    *j = (Journey *) PG_DETOAST_DATUM(d);
	JourneyAgg *st = jagg_new(parent, j->nlegs);

	jagg_append(st, j->legs, j->nlegs);
	return st;
}

/* the state to update in place: ours as it is, anything else copied */
static JourneyAgg *
jagg_for_update(Datum d, MemoryContext aggcxt)
{
	if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)) && jagg_is_ours(d) &&
		MemoryContextGetParent(DatumGetEOHP(d)->eoh_context) == aggcxt)
		return (JourneyAgg *) DatumGetEOHP(d);
	return jagg_expand(d, aggcxt);
}

static JourneyAgg *
jagg_for_read(Datum d)
{
	if (jagg_is_ours(d))
		return (JourneyAgg *) DatumGetEOHP(d);
	return jagg_expand(d, CurrentMemoryContext);
}

PG_FUNCTION_INFO_V1(journey_accum);

/* _journey_accum(journey, route_segment): the leg appended in place */
Datum
journey_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	JourneyAgg *st;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("journey_accum called in non-aggregate context")));
	st = PG_ARGISNULL(0) ? jagg_new(aggcxt, 16) : jagg_for_update(PG_GETARG_DATUM(0), aggcxt);
	if (!PG_ARGISNULL(1))
		jagg_append(st, PG_GETARG_ROUTE_SEGMENT_P(1), 1);
	PG_RETURN_DATUM(EOHPGetRWDatum(&st->hdr));
}

PG_FUNCTION_INFO_V1(journey_combine);

/* _journey_combine(journey, journey): the second state's legs appended */
Datum
journey_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	JourneyAgg *a,
			   *b;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("journey_combine called in non-aggregate context")));
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = jagg_for_read(PG_GETARG_DATUM(1));
	a = PG_ARGISNULL(0) ? jagg_new(aggcxt, b->n) : jagg_for_update(PG_GETARG_DATUM(0), aggcxt);
	jagg_append(a, b->legs, b->n);
	PG_RETURN_DATUM(EOHPGetRWDatum(&a->hdr));
}

/* departure, else arrival, else last */
static inline int64
leg_key(const RouteSegment *s)
{
	if (s->depart != SEGMENT_TIME_UNKNOWN)
		return s->depart;
	if (s->arrive != SEGMENT_TIME_UNKNOWN)
		return s->arrive;
	return PG_INT64_MAX;
}

static int
leg_cmp(const void *pa, const void *pb)
{
	const RouteSegment *a = pa;
	const RouteSegment *b = pb;
	int64		ka = leg_key(a),
				kb = leg_key(b);

	if (ka != kb)
		return ka < kb ? -1 : 1;
	return route_segment_compare(a, b);
}

PG_FUNCTION_INFO_V1(journey_final);

Datum
journey_final(PG_FUNCTION_ARGS)
{
	JourneyAgg *st;
	Aggref	   *aggref;
	Journey    *j;
	Size		size;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = jagg_for_read(PG_GETARG_DATUM(0));
	if (st->n == 0)
		PG_RETURN_NULL();		/* only NULL segments: no journey */
	size = JOURNEY_HEADER_SIZE + (Size) st->n * sizeof(RouteSegment);
	j = palloc(size);
	jagg_flatten_into(&st->hdr, j, size);
	/* the state is left as it is: a window may call this again */
	aggref = AggGetAggref(fcinfo);
	if (aggref == NULL || aggref->aggorder == NIL)
		qsort(j->legs, j->nlegs, sizeof(RouteSegment), leg_cmp);
	PG_RETURN_POINTER(j);
}
