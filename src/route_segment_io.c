/*
 * route_segment_io.c
 *		route_segment type support: text and binary I/O, the validation
 *		functions for ETL (is_valid_route_segment, route_segment_error),
 *		and the comparison and hash functions behind the btree and hash
 *		operator classes.
 *
 * The text format and its rules live in the pure core
 * (core/segment_parse.c); this file maps the core's statuses to SQLSTATEs
 * and writes floats as float8out does with extra_float_digits > 0 (the
 * shortest text that reads back to the same double), whatever the
 * session's extra_float_digits, DateStyle or TimeZone, so that
 * s::text::route_segment = s holds bit for bit.
 *
 * Text input reports bad text through the caller's soft-error context
 * (PostgreSQL 16+: pg_input_is_valid, COPY ... ON_ERROR), binary input and
 * the constructors raise; route_segment_report serves both.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "common/shortest_dec.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "compat.h"
#include "route_segment.h"

StaticAssertDecl(sizeof(RouteSegment) == ROUTE_SEGMENT_SIZE,
				 "route_segment must stay 56 bytes (INTERNALLENGTH)");

#define SEGMENT_BINARY_VERSION 1
#define SEND_DEPART_KNOWN 0x01
#define SEND_ARRIVE_KNOWN 0x02

void
route_segment_from_fields(RouteSegment *seg, const segment_fields *f)
{
	memset(seg, 0, sizeof(*seg));
	seg->from_lon = f->from_lon;
	seg->from_lat = f->from_lat;
	seg->to_lon = f->to_lon;
	seg->to_lat = f->to_lat;
	seg->depart = f->depart;
	seg->arrive = f->arrive;
	seg->mode = f->mode;
	seg->reserved = 0;
}

/*
 * Report the error the core described.  input is the text that was read
 * (quoted in the message), or NULL for values built by a constructor or
 * received in binary.  escontext is the input function's fcinfo->context:
 * when it is an ErrorSaveContext (pg_input_is_valid, COPY ... ON_ERROR on
 * PostgreSQL 16 and later) the error is saved there and this returns, and
 * the caller returns at once; otherwise (NULL, or 15) the error is raised.
 */
void
route_segment_report(segment_status st, const segment_error *err,
					 const char *type_name, const char *input,
					 struct Node *escontext)
{
	int			code;
	const char *what;

	switch (st)
	{
		case SEGMENT_ERR_SYNTAX:
			code = ERRCODE_INVALID_TEXT_REPRESENTATION;
			what = "invalid input syntax for type";
			break;
		case SEGMENT_ERR_RANGE:
			code = ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
			what = "coordinate out of range for type";
			break;
		case SEGMENT_ERR_TIME_RANGE:
			code = ERRCODE_DATETIME_FIELD_OVERFLOW;
			what = "time out of range for type";
			break;
		case SEGMENT_ERR_PARAM:
		default:
			code = ERRCODE_INVALID_PARAMETER_VALUE;
			what = "invalid value for type";
			break;
	}
	if (input != NULL)
		errsave(escontext,
				(errcode(code),
				 errmsg("%s %s: \"%s\"", what, type_name, input),
				 errdetail("%s", err->detail),
				 err->hint ? errhint("%s", err->hint) : 0));
	else
		errsave(escontext,
				(errcode(code),
				 errmsg("%s %s", what, type_name),
				 errdetail("%s", err->detail),
				 err->hint ? errhint("%s", err->hint) : 0));
}

/* ---- text ----------------------------------------------------------- */

static void
append_double(StringInfo buf, double v)
{
	char		tmp[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(v, tmp);
	appendStringInfoString(buf, tmp);
}

static void
append_time(StringInfo buf, int64 t)
{
	char		tmp[32];

	if (t == SEGMENT_TIME_UNKNOWN)
		appendStringInfoChar(buf, '?');
	else
	{
		segment_format_time(t, tmp);
		appendStringInfoString(buf, tmp);
	}
}

/* MODE (LON LAT, LON LAT)[ DEPART/ARRIVE] */
void
route_segment_append_text(StringInfo buf, const RouteSegment *seg)
{
	const char *mode = segment_mode_name(seg->mode);

	appendStringInfoString(buf, mode ? mode : "unknown");
	appendStringInfoString(buf, " (");
	append_double(buf, seg->from_lon);
	appendStringInfoChar(buf, ' ');
	append_double(buf, seg->from_lat);
	appendStringInfoString(buf, ", ");
	append_double(buf, seg->to_lon);
	appendStringInfoChar(buf, ' ');
	append_double(buf, seg->to_lat);
	appendStringInfoChar(buf, ')');
	if (seg->depart != SEGMENT_TIME_UNKNOWN || seg->arrive != SEGMENT_TIME_UNKNOWN)
	{
		appendStringInfoChar(buf, ' ');
		append_time(buf, seg->depart);
		appendStringInfoChar(buf, '/');
		append_time(buf, seg->arrive);
	}
}

PG_FUNCTION_INFO_V1(route_segment_in);
Datum
route_segment_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	segment_fields f;
	segment_error err;
	segment_status st;
	RouteSegment *seg;

	st = segment_parse(str, strlen(str), &f, &err);
	if (st != SEGMENT_OK)
	{
		route_segment_report(st, &err, "route_segment", str, fcinfo->context);
		PG_RETURN_NULL();		/* the error is saved in fcinfo->context */
	}
	seg = palloc(sizeof(RouteSegment));
	route_segment_from_fields(seg, &f);
	PG_RETURN_ROUTE_SEGMENT_P(seg);
}

PG_FUNCTION_INFO_V1(route_segment_out);
Datum
route_segment_out(PG_FUNCTION_ARGS)
{
	RouteSegment *seg = PG_GETARG_ROUTE_SEGMENT_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	route_segment_append_text(&buf, seg);
	PG_RETURN_CSTRING(buf.data);
}

/*
 * is_valid_route_segment(text): would the text be accepted?  Uses the same
 * core parser as route_segment_in, without raising an error.
 */
PG_FUNCTION_INFO_V1(route_segment_is_valid);
Datum
route_segment_is_valid(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	segment_fields f;
	segment_error err;

	PG_RETURN_BOOL(segment_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &f, &err) == SEGMENT_OK);
}

/* route_segment_error(text): the error detail, or NULL when valid */
PG_FUNCTION_INFO_V1(route_segment_error);
Datum
route_segment_error(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	segment_fields f;
	segment_error err;

	if (segment_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &f, &err) == SEGMENT_OK)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(err.detail));
}

/* ---- binary --------------------------------------------------------- */

/*
 * Wire format: a version byte (1), the mode byte, a flags byte (1: departure
 * known, 2: arrival known), four float8 (from lon, from lat, to lon, to
 * lat), two int64 times in microseconds since 2000-01-01 UTC (0 when
 * unknown): 3 + 32 + 16 = 51 bytes.
 */
void
route_segment_send_into(StringInfo buf, const RouteSegment *seg)
{
	int			flags = 0;

	if (seg->depart != SEGMENT_TIME_UNKNOWN)
		flags |= SEND_DEPART_KNOWN;
	if (seg->arrive != SEGMENT_TIME_UNKNOWN)
		flags |= SEND_ARRIVE_KNOWN;
	pq_sendbyte(buf, SEGMENT_BINARY_VERSION);
	pq_sendbyte(buf, seg->mode);
	pq_sendbyte(buf, flags);
	pq_sendfloat8(buf, seg->from_lon);
	pq_sendfloat8(buf, seg->from_lat);
	pq_sendfloat8(buf, seg->to_lon);
	pq_sendfloat8(buf, seg->to_lat);
	pq_sendint64(buf, (flags & SEND_DEPART_KNOWN) ? seg->depart : 0);
	pq_sendint64(buf, (flags & SEND_ARRIVE_KNOWN) ? seg->arrive : 0);
}

/* read one segment, trusting nothing: every rule of the text input holds */
void
route_segment_recv_from(StringInfo buf, RouteSegment *seg)
{
	int			version,
				flags;
	segment_fields f;
	segment_error err;
	segment_status st;
	int64		depart,
				arrive;

	/* pq_getmsg* raise 08P01 on a short message, before reading past it */
	version = pq_getmsgbyte(buf);
	if (version != SEGMENT_BINARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary route_segment: unknown format version %d", version),
				 errhint("This server reads route_segment binary format version %d.",
						 SEGMENT_BINARY_VERSION)));
	f.mode = pq_getmsgbyte(buf);
	flags = pq_getmsgbyte(buf);
	if ((flags & ~(SEND_DEPART_KNOWN | SEND_ARRIVE_KNOWN)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary route_segment: unknown flags 0x%02x", flags),
				 errhint("Only bits 0x01 (departure known) and 0x02 (arrival known) are defined.")));
	f.from_lon = pq_getmsgfloat8(buf);
	f.from_lat = pq_getmsgfloat8(buf);
	f.to_lon = pq_getmsgfloat8(buf);
	f.to_lat = pq_getmsgfloat8(buf);
	depart = pq_getmsgint64(buf);
	arrive = pq_getmsgint64(buf);
	if ((!(flags & SEND_DEPART_KNOWN) && depart != 0) ||
		(!(flags & SEND_ARRIVE_KNOWN) && arrive != 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary route_segment: a time marked unknown is not zero"),
				 errhint("Send 0 for a time whose flag bit is clear.")));
	f.depart = (flags & SEND_DEPART_KNOWN) ? depart : SEGMENT_TIME_UNKNOWN;
	f.arrive = (flags & SEND_ARRIVE_KNOWN) ? arrive : SEGMENT_TIME_UNKNOWN;
	/* a known time equal to the "unknown" marker is out of range too */
	if ((flags & SEND_DEPART_KNOWN) && depart == SEGMENT_TIME_UNKNOWN)
		f.depart = SEGMENT_TIME_MIN - 1;
	if ((flags & SEND_ARRIVE_KNOWN) && arrive == SEGMENT_TIME_UNKNOWN)
		f.arrive = SEGMENT_TIME_MIN - 1;
	st = segment_check(&f, &err);
	if (st != SEGMENT_OK)
		route_segment_report(st, &err, "route_segment", NULL, NULL);	/* raises */
	segment_canonicalize(&f);
	route_segment_from_fields(seg, &f);
}

PG_FUNCTION_INFO_V1(route_segment_recv);
Datum
route_segment_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	RouteSegment *seg = palloc(sizeof(RouteSegment));

	route_segment_recv_from(buf, seg);
	pq_getmsgend(buf);
	PG_RETURN_ROUTE_SEGMENT_P(seg);
}

PG_FUNCTION_INFO_V1(route_segment_send);
Datum
route_segment_send(PG_FUNCTION_ARGS)
{
	RouteSegment *seg = PG_GETARG_ROUTE_SEGMENT_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	route_segment_send_into(&buf, seg);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---- comparison and hashing ----------------------------------------- */

/*
 * Order: start longitude, start latitude, end longitude, end latitude,
 * departure (unknown first), arrival (unknown first), mode number.  No
 * stored coordinate is NaN or -0, so this order agrees with byte equality.
 */
int
route_segment_compare(const RouteSegment *a, const RouteSegment *b)
{
#define CMP_FIELD(x) \
	do { \
		if (a->x < b->x) \
			return -1; \
		if (a->x > b->x) \
			return 1; \
	} while (0)
	CMP_FIELD(from_lon);
	CMP_FIELD(from_lat);
	CMP_FIELD(to_lon);
	CMP_FIELD(to_lat);
	CMP_FIELD(depart);
	CMP_FIELD(arrive);
	CMP_FIELD(mode);
#undef CMP_FIELD
	return 0;
}

PG_FUNCTION_INFO_V1(route_segment_cmp);
Datum
route_segment_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(route_segment_compare(PG_GETARG_ROUTE_SEGMENT_P(0), PG_GETARG_ROUTE_SEGMENT_P(1)));
}

#define SEGMENT_CMP_FN(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(route_segment_compare(PG_GETARG_ROUTE_SEGMENT_P(0), PG_GETARG_ROUTE_SEGMENT_P(1)) op 0); \
}

SEGMENT_CMP_FN(route_segment_eq, ==)
SEGMENT_CMP_FN(route_segment_ne, !=)
SEGMENT_CMP_FN(route_segment_lt, <)
SEGMENT_CMP_FN(route_segment_le, <=)
SEGMENT_CMP_FN(route_segment_gt, >)
SEGMENT_CMP_FN(route_segment_ge, >=)

PG_FUNCTION_INFO_V1(route_segment_hash);
Datum
route_segment_hash(PG_FUNCTION_ARGS)
{
	RouteSegment *seg = PG_GETARG_ROUTE_SEGMENT_P(0);

	return hash_any((const unsigned char *) seg, sizeof(RouteSegment));
}

PG_FUNCTION_INFO_V1(route_segment_hash_extended);
Datum
route_segment_hash_extended(PG_FUNCTION_ARGS)
{
	RouteSegment *seg = PG_GETARG_ROUTE_SEGMENT_P(0);

	return hash_any_extended((const unsigned char *) seg, sizeof(RouteSegment),
							 PG_GETARG_INT64(1));
}
