/*
 * route_segment_journey.c
 *		The journey type (a varlena list of route segments), the journey()
 *		aggregate that builds it, and what is computed from it: length,
 *		duration, the gaps between legs, and the legs themselves.
 *
 * Text form: the legs in route_segment text form, separated by ";",
 * between square brackets: [foot (...) ...; bus (...) ...].  Binary form:
 * a version byte, the leg count, then each leg in route_segment's binary
 * form.
 *
 * The journey() aggregate is in route_segment_journey_agg.c.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "compat.h"
#include "geodesic.h"
#include "route_segment.h"

#define JOURNEY_BINARY_VERSION 1

static Journey *
journey_make(const RouteSegment *legs, int32 n)
{
	Size		size = JOURNEY_HEADER_SIZE + (Size) n * sizeof(RouteSegment);
	Journey    *j = palloc0(size);

	SET_VARSIZE(j, size);
	j->version = JOURNEY_VERSION;
	j->nlegs = n;
	if (n > 0)
		memcpy(j->legs, legs, (Size) n * sizeof(RouteSegment));
	return j;
}

void
journey_check_legs(int64 n)
{
	if (n > JOURNEY_LEGS_LIMIT)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a journey cannot have more than %d legs", JOURNEY_LEGS_LIMIT),
				 errhint("Split the route into several journeys.")));
}

void
journey_check_header(const Journey *j)
{
	if (j->version != JOURNEY_VERSION ||
		VARSIZE(j) != JOURNEY_HEADER_SIZE + (Size) j->nlegs * sizeof(RouteSegment))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("journey value of version %d with %d legs is corrupt", j->version, j->nlegs)));
}

/* ---- text and binary I/O -------------------------------------------- */

PG_FUNCTION_INFO_V1(journey_in);
Datum
journey_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	Node	   *escontext = fcinfo->context;
	size_t		len = strlen(str),
				p = 0;
	int32		n = 0,
				cap = 8;
	RouteSegment *legs = palloc(cap * sizeof(RouteSegment));
	segment_error err;
	Journey    *j;

	while (p < len && isspace((unsigned char) str[p]))
		p++;
	if (p >= len || str[p] != '[')
		ereturn(escontext, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type journey: \"%s\"", str),
				 errdetail("A journey starts with \"[\"."),
				 errhint("Write the legs as route_segment texts separated by \";\" between square brackets.")));
	p++;
	while (p < len && isspace((unsigned char) str[p]))
		p++;
	if (p < len && str[p] == ']')
		p++;					/* the empty journey */
	else
	{
		for (;;)
		{
			segment_fields f;
			segment_status st = segment_parse_at(str, len, &p, &f, &err);

			if (st != SEGMENT_OK)
			{
				route_segment_report(st, &err, "journey", str, escontext);
				PG_RETURN_NULL();	/* saved in escontext */
			}
			if (n == cap)
			{
				journey_check_legs((int64) n + 1);
				cap = Min(cap * 2, JOURNEY_LEGS_LIMIT);
				legs = repalloc(legs, cap * sizeof(RouteSegment));
			}
			route_segment_from_fields(&legs[n++], &f);
			if (p < len && str[p] == ';')
			{
				p++;
				continue;
			}
			if (p < len && str[p] == ']')
			{
				p++;
				break;
			}
			ereturn(escontext, (Datum) 0,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type journey: \"%s\"", str),
					 errdetail("Expected \";\" or \"]\" after leg %d at character %zu.", n, p + 1),
					 errhint("Write the legs as route_segment texts separated by \";\" between square brackets.")));
		}
	}
	while (p < len && isspace((unsigned char) str[p]))
		p++;
	if (p < len)
		ereturn(escontext, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type journey: \"%s\"", str),
				 errdetail("Unexpected text at character %zu after the closing \"]\".", p + 1),
				 errhint("Write the legs as route_segment texts separated by \";\" between square brackets.")));
	j = journey_make(legs, n);
	pfree(legs);
	PG_RETURN_POINTER(j);
}

PG_FUNCTION_INFO_V1(journey_out);
Datum
journey_out(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	StringInfoData buf;
	int32		i;

	journey_check_header(j);
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	for (i = 0; i < j->nlegs; i++)
	{
		if (i > 0)
			appendStringInfoString(&buf, "; ");
		route_segment_append_text(&buf, &j->legs[i]);
	}
	appendStringInfoChar(&buf, ']');
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(journey_send);
Datum
journey_send(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	StringInfoData buf;
	int32		i;

	journey_check_header(j);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, JOURNEY_BINARY_VERSION);
	pq_sendint32(&buf, j->nlegs);
	for (i = 0; i < j->nlegs; i++)
		route_segment_send_into(&buf, &j->legs[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(journey_recv);
Datum
journey_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	int32		n,
				i;
	Journey    *j;

	if (version != JOURNEY_BINARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary journey: unknown format version %d", version),
				 errhint("This server reads journey binary format version %d.", JOURNEY_BINARY_VERSION)));
	n = pq_getmsgint(buf, 4);
	if (n > 0)
		journey_check_legs(n);
	/* each leg takes 51 bytes on the wire: a count beyond the message is a lie */
	if (n < 0 || (Size) n * 51 > (Size) (buf->len - buf->cursor))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary journey: leg count %d does not fit the message", n)));
	j = journey_make(NULL, 0);
	j = repalloc(j, JOURNEY_HEADER_SIZE + (Size) n * sizeof(RouteSegment));
	SET_VARSIZE(j, JOURNEY_HEADER_SIZE + (Size) n * sizeof(RouteSegment));
	j->nlegs = n;
	for (i = 0; i < n; i++)
		route_segment_recv_from(buf, &j->legs[i]);
	pq_getmsgend(buf);
	PG_RETURN_POINTER(j);
}

/* ---- derived values ------------------------------------------------- */

PG_FUNCTION_INFO_V1(journey_legs);
Datum
journey_legs(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);

	journey_check_header(j);
	PG_RETURN_INT32(j->nlegs);
}

/* sum of the legs' geodesic lengths */
PG_FUNCTION_INFO_V1(journey_length_m);
Datum
journey_length_m(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	double		sum = 0;
	int32		i;

	journey_check_header(j);
	for (i = 0; i < j->nlegs; i++)
		sum += route_segment_length(&j->legs[i]);
	PG_RETURN_FLOAT8(sum);
}

/* sum of the distances from each leg's end to the next leg's start */
PG_FUNCTION_INFO_V1(journey_gap_m);
Datum
journey_gap_m(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	double		sum = 0;
	int32		i;

	journey_check_header(j);
	for (i = 0; i + 1 < j->nlegs; i++)
		sum += geodesic_inverse_wgs84(j->legs[i].to_lat, j->legs[i].to_lon,
									  j->legs[i + 1].from_lat, j->legs[i + 1].from_lon);
	PG_RETURN_FLOAT8(sum);
}

/* from the first leg's departure to the last leg's arrival */
PG_FUNCTION_INFO_V1(journey_duration);
Datum
journey_duration(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_GETARG_JOURNEY_P(0);
	int64		depart,
				arrive;

	journey_check_header(j);
	if (j->nlegs == 0)
		PG_RETURN_NULL();
	depart = j->legs[0].depart;
	arrive = j->legs[j->nlegs - 1].arrive;
	if (depart == SEGMENT_TIME_UNKNOWN || arrive == SEGMENT_TIME_UNKNOWN)
		PG_RETURN_NULL();
	return route_segment_interval(depart, arrive);
}

/* segments(journey): the legs, in order */
PG_FUNCTION_INFO_V1(journey_segments);
Datum
journey_segments(PG_FUNCTION_ARGS)
{
	FuncCallContext *fc;
	Journey    *j;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;

		fc = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(fc->multi_call_memory_ctx);
		j = PG_GETARG_JOURNEY_P(0);
		journey_check_header(j);
		fc->user_fctx = j;
		fc->max_calls = j->nlegs;
		MemoryContextSwitchTo(old);
	}
	fc = SRF_PERCALL_SETUP();
	j = (Journey *) fc->user_fctx;
	if (fc->call_cntr < fc->max_calls)
	{
		RouteSegment *seg = palloc(sizeof(RouteSegment));

		memcpy(seg, &j->legs[fc->call_cntr], sizeof(RouteSegment));
		SRF_RETURN_NEXT(fc, RouteSegmentPGetDatum(seg));
	}
	SRF_RETURN_DONE(fc);
}
