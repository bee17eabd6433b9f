/*
 * link_em_state.c
 *		Type link_em_state: the pattern counts link_em and link_u gather,
 *		a real SQL type (text and binary I/O) so that parallel query and
 *		Citus can move partial states, and partials can be stored.
 *
 * In an aggregate the state is a read-write expanded object, updated in
 * place; flat, it is
 *
 *   int32 vl_len_, int32 version (1), int32 max_iter, int32 n,
 *   float8 tolerance, int64 counts[n], uint32 patterns[n]
 *
 * with the patterns strictly increasing, every one a valid link_gamma and
 * every count positive.  Text: "max_iter=1000;tolerance=1e-06" followed by
 * ";PATTERN:COUNT" per pattern, PATTERN the packed link_gamma in 8 hex
 * digits, in the same order.  Text and binary input check all of it.
 */
#include "postgres.h"

#include <ctype.h>
#include <math.h>

#include "common/int.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/memutils.h"

#include "compat.h"
#include "link_em_state.h"
#include "link_gamma.h"

#define LINK_EM_STATE_VERSION	1
#define LINK_EM_EMPTY			0xFFFFFFFFu		/* never a valid link_gamma */
/* at most one slot per valid pattern is ever needed; counts are int64 */
#define LINK_EM_MAX_PATTERNS	(1 << (4 * LINK_GAMMA_NFIELDS))

typedef struct LinkEmFlat
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	int32		version;
	int32		max_iter;
	int32		n;
	double		tolerance;
	int64		counts[FLEXIBLE_ARRAY_MEMBER];
	/* uint32 patterns[n] follow the counts */
} LinkEmFlat;

#define LINK_EM_FLAT_SIZE(n)	(offsetof(LinkEmFlat, counts) + (Size) (n) * (sizeof(int64) + sizeof(uint32)))
#define LINK_EM_FLAT_PATTERNS(f) ((uint32 *) ((f)->counts + (f)->n))

typedef struct EmPair
{
	uint32		key;
	int64		count;
} EmPair;

static Size em_get_flat_size(ExpandedObjectHeader *eohptr);
static void em_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods em_methods = {
	em_get_flat_size,
	em_flatten_into
};

void
link_em_check_options(int32 max_iter, double tolerance)
{
	if (max_iter < 1 || max_iter > LINK_EM_MAX_MAX_ITER)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("link_em: max_iter %d is out of range", max_iter),
				 errhint("Use 1 to %d iterations; the default is %d.",
						 LINK_EM_MAX_MAX_ITER, LINK_EM_DEFAULT_MAX_ITER)));
	if (!(tolerance > 0.0 && tolerance < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("link_em: tolerance %s is out of range", float8out_internal(tolerance)),
				 errhint("The tolerance is the largest change of a probability between iterations, in (0, 1); the default is 1e-06.")));
}

static inline uint32
em_hash(uint32 k)
{
	k ^= k >> 16;
	k *= 0x7feb352dU;
	k ^= k >> 15;
	k *= 0x846ca68bU;
	k ^= k >> 16;
	return k;
}

static void
em_alloc_slots(LinkEmState *st, uint32 cap)
{
	uint32		i;

	st->cap = cap;
	st->used = 0;
	st->keys = MemoryContextAlloc(st->hdr.eoh_context, sizeof(uint32) * cap);
	st->counts = MemoryContextAllocZero(st->hdr.eoh_context, sizeof(int64) * cap);
	for (i = 0; i < cap; i++)
		st->keys[i] = LINK_EM_EMPTY;
}

/* an empty state in a memory context of its own under parent */
LinkEmState *
link_em_state_new(MemoryContext parent, int32 max_iter, double tolerance)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "link_em state", ALLOCSET_SMALL_SIZES);
	LinkEmState *st = MemoryContextAllocZero(cxt, sizeof(LinkEmState));

	EOH_init_header(&st->hdr, &em_methods, cxt);
	st->max_iter = max_iter;
	st->tolerance = tolerance;
	em_alloc_slots(st, 256);
	return st;
}

static void
em_grow(LinkEmState *st)
{
	uint32		oldcap = st->cap;
	uint32	   *oldkeys = st->keys;
	int64	   *oldcounts = st->counts;
	uint32		i;

	em_alloc_slots(st, oldcap * 2);
	for (i = 0; i < oldcap; i++)
		if (oldkeys[i] != LINK_EM_EMPTY)
			link_em_state_add(st, oldkeys[i], oldcounts[i]);
	pfree(oldkeys);
	pfree(oldcounts);
}

void
link_em_state_add(LinkEmState *st, uint32 key, int64 n)
{
	uint32		mask = st->cap - 1;
	uint32		i = em_hash(key) & mask;

	for (;;)
	{
		if (st->keys[i] == key)
		{
			if (pg_add_s64_overflow(st->counts[i], n, &st->counts[i]))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("link_em: a pattern count is out of range")));
			return;
		}
		if (st->keys[i] == LINK_EM_EMPTY)
			break;
		i = (i + 1) & mask;
	}
	if ((st->used + 1) * 2 > st->cap)
	{
		em_grow(st);
		link_em_state_add(st, key, n);
		return;
	}
	st->keys[i] = key;
	st->counts[i] = n;
	st->used++;
}

static int
em_pair_cmp(const void *a, const void *b)
{
	uint32		ka = ((const EmPair *) a)->key;
	uint32		kb = ((const EmPair *) b)->key;

	return ka < kb ? -1 : ka > kb;
}

/* the (pattern, count) pairs of st in increasing pattern order, palloc'd */
static EmPair *
em_sorted_pairs(const LinkEmState *st)
{
	EmPair	   *p = palloc(sizeof(EmPair) * Max(st->used, 1));
	uint32		i,
				n = 0;

	for (i = 0; i < st->cap; i++)
		if (st->keys[i] != LINK_EM_EMPTY)
		{
			p[n].key = st->keys[i];
			p[n].count = st->counts[i];
			n++;
		}
	qsort(p, n, sizeof(EmPair), em_pair_cmp);
	return p;
}

/*
 * The distinct patterns and their counts, in increasing pattern order: EM
 * sums over them in this order, so the model does not depend on the order
 * the rows arrived in (serial, parallel and distributed runs agree to the
 * bit).
 */
int
link_em_state_patterns(const LinkEmState *st, uint32 **pat, double **cnt)
{
	EmPair	   *p = em_sorted_pairs(st);
	uint32		i;

	*pat = palloc(sizeof(uint32) * Max(st->used, 1));
	*cnt = palloc(sizeof(double) * Max(st->used, 1));
	for (i = 0; i < st->used; i++)
	{
		(*pat)[i] = p[i].key;
		(*cnt)[i] = (double) p[i].count;
	}
	pfree(p);
	return (int) st->used;
}

static Size
em_get_flat_size(ExpandedObjectHeader *eohptr)
{
	return LINK_EM_FLAT_SIZE(((LinkEmState *) eohptr)->used);
}

static void
em_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	LinkEmState *st = (LinkEmState *) eohptr;
	LinkEmFlat *f = (LinkEmFlat *) result;
	EmPair	   *p = em_sorted_pairs(st);
	uint32	   *pat;
	uint32		i;

	Assert(allocated_size == LINK_EM_FLAT_SIZE(st->used));
	memset(f, 0, allocated_size);
	SET_VARSIZE(f, allocated_size);
	f->version = LINK_EM_STATE_VERSION;
	f->max_iter = st->max_iter;
	f->n = (int32) st->used;
	f->tolerance = st->tolerance;
	pat = LINK_EM_FLAT_PATTERNS(f);
	for (i = 0; i < st->used; i++)
	{
		f->counts[i] = p[i].count;
		pat[i] = p[i].key;
	}
	pfree(p);
}

/* a flat state as an expanded one under parent; the flat one was checked */
static LinkEmState *
em_expand(const LinkEmFlat *f, MemoryContext parent)
{
	LinkEmState *st = link_em_state_new(parent, f->max_iter, f->tolerance);
	const uint32 *pat = (const uint32 *) (f->counts + f->n);
	int32		i;

	for (i = 0; i < f->n; i++)
		link_em_state_add(st, pat[i], f->counts[i]);
	return st;
}

static bool
em_is_ours(Datum d)
{
	return VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)) &&
		DatumGetEOHP(d)->eoh_methods == &em_methods;
}

/*
 * The state of an aggregate's transition or combine function, to update in
 * place: our own read-write object in the aggregate's context as it is,
 * anything else (a stored or received flat value, a parallel worker's
 * partial, another aggregate's object) as a copy there.
 */
LinkEmState *
link_em_state_for_update(Datum d, MemoryContext aggcxt)
{
	if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)) && em_is_ours(d) &&
		MemoryContextGetParent(DatumGetEOHP(d)->eoh_context) == aggcxt)
		return (LinkEmState *) DatumGetEOHP(d);
	return em_expand((LinkEmFlat *) PG_DETOAST_DATUM(d), aggcxt);
}

/* the state to read only (final functions) */
LinkEmState *
link_em_state_for_read(Datum d)
{
	if (em_is_ours(d))
		return (LinkEmState *) DatumGetEOHP(d);
	return em_expand((LinkEmFlat *) PG_DETOAST_DATUM(d), CurrentMemoryContext);
}

/* ---- I/O -------------------------------------------------------------- */

/* the flat form (an expanded state is flattened by detoasting) */
#define em_flat_of(d)	((LinkEmFlat *) PG_DETOAST_DATUM(d))

PG_FUNCTION_INFO_V1(link_em_state_out);

Datum
link_em_state_out(PG_FUNCTION_ARGS)
{
	LinkEmFlat *f = em_flat_of(PG_GETARG_DATUM(0));
	const uint32 *pat = LINK_EM_FLAT_PATTERNS(f);
	StringInfoData buf;
	int32		i;

	initStringInfo(&buf);
	appendStringInfo(&buf, "max_iter=%d;tolerance=%s", f->max_iter, float8out_internal(f->tolerance));
	for (i = 0; i < f->n; i++)
		appendStringInfo(&buf, ";%08x:" INT64_FORMAT, pat[i], f->counts[i]);
	PG_RETURN_CSTRING(buf.data);
}

#define EM_HINT "A link_em_state is written by link_em_state(gamma); store and reload its text unchanged."

/* checks shared by text and binary input: one message per mistake */
static bool
em_check_pattern(uint32 key, int64 count, uint32 prev, bool first, const char **detail)
{
	if (!link_gamma_valid(key))
		*detail = "is not a valid link_gamma";
	else if (!first && key <= prev)
		*detail = "is out of order (patterns are strictly increasing)";
	else if (count < 1)
		*detail = "has a count below 1";
	else
		return true;
	return false;
}

PG_FUNCTION_INFO_V1(link_em_state_in);

Datum
link_em_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	Node	   *escontext = fcinfo->context;
	char	   *p = str,
			   *end;
	long		max_iter;
	double		tolerance;
	int32		n = 0,
				cap = 16;
	uint32	   *keys;
	int64	   *counts;
	LinkEmFlat *f;
	int32		i;

	if (strncmp(p, "max_iter=", 9) != 0)
		ereturn(escontext, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type link_em_state: \"%s\"", str),
				 errdetail("A link_em_state starts with \"max_iter=\"."),
				 errhint(EM_HINT)));
	p += 9;
	errno = 0;
	max_iter = strtol(p, &end, 10);
	if (end == p || errno != 0 || !isdigit((unsigned char) *p) || strncmp(end, ";tolerance=", 11) != 0)
		ereturn(escontext, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type link_em_state: \"%s\"", str),
				 errdetail("Expected an integer max_iter followed by \";tolerance=\"."),
				 errhint(EM_HINT)));
	p = end + 11;
	errno = 0;
	tolerance = strtod(p, &end);
	/* underflow and overflow (errno ERANGE) fail the range check below */
	if (end == p || !(isdigit((unsigned char) *p) || *p == '.') || (*end != ';' && *end != '\0'))
		ereturn(escontext, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type link_em_state: \"%s\"", str),
				 errdetail("Expected a number for the tolerance."),
				 errhint(EM_HINT)));
	if (max_iter < 1 || max_iter > LINK_EM_MAX_MAX_ITER || !(tolerance > 0.0 && tolerance < 1.0))
		ereturn(escontext, (Datum) 0,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value out of range for type link_em_state: \"%s\"", str),
				 errdetail("max_iter is in 1..%d and the tolerance in (0, 1).", LINK_EM_MAX_MAX_ITER),
				 errhint(EM_HINT)));
	p = end;

	keys = palloc(sizeof(uint32) * cap);
	counts = palloc(sizeof(int64) * cap);
	while (*p == ';')
	{
		unsigned long key;
		long long	count;
		const char *detail;

		p++;
		errno = 0;
		key = strtoul(p, &end, 16);
		if (end - p != 8 || !isxdigit((unsigned char) *p) || *end != ':')
			ereturn(escontext, (Datum) 0,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type link_em_state: \"%s\"", str),
					 errdetail("Pattern %d is not written as 8 hex digits followed by \":\".", n + 1),
					 errhint(EM_HINT)));
		p = end + 1;
		errno = 0;
		count = strtoll(p, &end, 10);
		if (end == p || errno != 0 || !isdigit((unsigned char) *p) || (*end != ';' && *end != '\0'))
			ereturn(escontext, (Datum) 0,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type link_em_state: \"%s\"", str),
					 errdetail("The count of pattern %d is not an integer.", n + 1),
					 errhint(EM_HINT)));
		if (!em_check_pattern((uint32) key, (int64) count, n > 0 ? keys[n - 1] : 0, n == 0, &detail))
			ereturn(escontext, (Datum) 0,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type link_em_state: \"%s\"", str),
					 errdetail("Pattern %d (%08lx) %s.", n + 1, key, detail),
					 errhint(EM_HINT)));
		if (n == cap)
		{
			cap *= 2;
			keys = repalloc(keys, sizeof(uint32) * cap);
			counts = repalloc(counts, sizeof(int64) * cap);
		}
		keys[n] = (uint32) key;
		counts[n] = (int64) count;
		n++;
		p = end;
	}
	if (*p != '\0')
		ereturn(escontext, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type link_em_state: \"%s\"", str),
				 errdetail("Unexpected text after the patterns."),
				 errhint(EM_HINT)));

	f = palloc0(LINK_EM_FLAT_SIZE(n));
	SET_VARSIZE(f, LINK_EM_FLAT_SIZE(n));
	f->version = LINK_EM_STATE_VERSION;
	f->max_iter = (int32) max_iter;
	f->n = n;
	f->tolerance = tolerance;
	for (i = 0; i < n; i++)
	{
		f->counts[i] = counts[i];
		LINK_EM_FLAT_PATTERNS(f)[i] = keys[i];
	}
	PG_RETURN_POINTER(f);
}

PG_FUNCTION_INFO_V1(link_em_state_send);

Datum
link_em_state_send(PG_FUNCTION_ARGS)
{
	LinkEmFlat *f = em_flat_of(PG_GETARG_DATUM(0));
	const uint32 *pat = LINK_EM_FLAT_PATTERNS(f);
	StringInfoData buf;
	int32		i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, LINK_EM_STATE_VERSION);
	pq_sendint32(&buf, f->max_iter);
	pq_sendfloat8(&buf, f->tolerance);
	pq_sendint32(&buf, f->n);
	for (i = 0; i < f->n; i++)
	{
		pq_sendint32(&buf, pat[i]);
		pq_sendint64(&buf, f->counts[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* every length, option, pattern and count of a hostile message checked */
static LinkEmFlat *
em_recv(StringInfo buf)
{
	int			version;
	int32		max_iter,
				n,
				i;
	double		tolerance;
	LinkEmFlat *f;
	uint32	   *pat;

	if (buf->len - buf->cursor < 17)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary link_em_state: %d bytes, at least 17 needed",
						buf->len - buf->cursor)));
	version = pq_getmsgbyte(buf);
	if (version != LINK_EM_STATE_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary link_em_state: format %d, expected %d",
						version, LINK_EM_STATE_VERSION)));
	max_iter = pq_getmsgint(buf, 4);
	tolerance = pq_getmsgfloat8(buf);
	n = pq_getmsgint(buf, 4);
	if (max_iter < 1 || max_iter > LINK_EM_MAX_MAX_ITER || !(tolerance > 0.0 && tolerance < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary link_em_state: max_iter %d or tolerance %s out of range",
						max_iter, float8out_internal(tolerance))));
	if (n < 0 || n > LINK_EM_MAX_PATTERNS || (int64) n * 12 != buf->len - buf->cursor)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary link_em_state: %d patterns in %d bytes",
						n, buf->len - buf->cursor)));
	f = palloc0(LINK_EM_FLAT_SIZE(n));
	SET_VARSIZE(f, LINK_EM_FLAT_SIZE(n));
	f->version = LINK_EM_STATE_VERSION;
	f->max_iter = max_iter;
	f->n = n;
	f->tolerance = tolerance;
	pat = LINK_EM_FLAT_PATTERNS(f);
	for (i = 0; i < n; i++)
	{
		uint32		key = (uint32) pq_getmsgint(buf, 4);
		int64		count = pq_getmsgint64(buf);
		const char *detail;

		if (!em_check_pattern(key, count, i > 0 ? pat[i - 1] : 0, i == 0, &detail))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary link_em_state: pattern %d (%08x) %s", i + 1, key, detail)));
		pat[i] = key;
		f->counts[i] = count;
	}
	pq_getmsgend(buf);
	return f;
}

PG_FUNCTION_INFO_V1(link_em_state_recv);

Datum
link_em_state_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(em_recv((StringInfo) PG_GETARG_POINTER(0)));
}

/*
 * The install scripts of 0.1.0 and 0.2.0 (kept so those versions install
 * and update) declare link_em's state as internal, with these serial and
 * deserial functions; until ALTER EXTENSION UPDATE they move the state in
 * link_em_state's binary form.
 */
PG_FUNCTION_INFO_V1(migrisk_link_em_serial);

Datum
migrisk_link_em_serial(PG_FUNCTION_ARGS)
{
	return link_em_state_send(fcinfo);
}

PG_FUNCTION_INFO_V1(migrisk_link_em_deserial);

Datum
migrisk_link_em_deserial(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("_link_em_deserial called in non-aggregate context")));
	buf.data = VARDATA_ANY(b);
	buf.len = VARSIZE_ANY_EXHDR(b);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	PG_RETURN_DATUM(EOHPGetRWDatum(&em_expand(em_recv(&buf), aggcxt)->hdr));
}
