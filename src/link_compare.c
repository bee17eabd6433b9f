/*
 * link_compare.c
 *		SQL glue of compare_persons and blocking_keys: reads the
 *		migrisk.person_ident composite (its tuple descriptor cached in
 *		fn_extra for the life of the query) into a compare_person.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/tupdesc.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"

#include "compat.h"
#include "compare.h"
#include "given_names.h"

#define PERSON_NATTS 6
#define PERSON_MEMO_AFTER 32

/*
 * A composite value stored in a table has a 1-byte varlena header (at most
 * 127 bytes, unaligned); detoasting it would palloc a copy on every call.
 * It is copied instead into one of these MAXALIGNed buffers of fn_extra.
 */
#define PERSON_SHORT_BUF	((VARHDRSZ + 127) / sizeof(double) + 1)

typedef struct
{
	Oid			typid;
	int32		typmod;
	TupleDesc	tupdesc;
	compare_cache *keys;		/* name memo, compare_persons only */
	int			calls;			/* calls before the memo was made */
	double		shortbuf[2][PERSON_SHORT_BUF];
} person_cache;

static person_cache *
person_cache_of(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
														  sizeof(person_cache));
	return (person_cache *) fcinfo->flinfo->fn_extra;
}

static TupleDesc
person_tupdesc(FunctionCallInfo fcinfo, HeapTupleHeader th)
{
	person_cache *c = person_cache_of(fcinfo);
	Oid			typid = HeapTupleHeaderGetTypeId(th);
	int32		typmod = HeapTupleHeaderGetTypMod(th);

	if (c->tupdesc == NULL || c->typid != typid || c->typmod != typmod)
	{
		TupleDesc	td = lookup_rowtype_tupdesc(typid, typmod);
		MemoryContext old;

		/* checked before it is cached: later calls deform without looking */
		if (td->natts != PERSON_NATTS)
		{
			int			natts = td->natts;

			ReleaseTupleDesc(td);
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("person record has %d fields, expected %d",
							natts, PERSON_NATTS)));
		}
		old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		if (c->tupdesc)
			FreeTupleDesc(c->tupdesc);
		c->tupdesc = CreateTupleDescCopy(td);
		c->typid = typid;
		c->typmod = typmod;
		MemoryContextSwitchTo(old);
		ReleaseTupleDesc(td);
	}
	return c->tupdesc;
}

/*
 * The record in argument argno as a tuple header: a short-header value is
 * copied into a buffer of fn_extra (no palloc), anything else (compressed,
 * external, 4-byte header) goes through the usual detoasting.
 */
static HeapTupleHeader
person_arg(FunctionCallInfo fcinfo, int argno)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(PG_GETARG_DATUM(argno));

	if (VARATT_IS_SHORT(v) && argno < 2)
	{
		Size		len = VARSIZE_SHORT(v) - VARHDRSZ_SHORT;
		struct varlena *copy = (struct varlena *) person_cache_of(fcinfo)->shortbuf[argno];

		SET_VARSIZE(copy, len + VARHDRSZ);
		memcpy(VARDATA(copy), VARDATA_SHORT(v), len);
		return (HeapTupleHeader) copy;
	}
	return PG_GETARG_HEAPTUPLEHEADER(argno);
}

/* a text field: compressed or external values detoasted, others used in place */
static void
person_text(Datum d, bool isnull, const char **s, size_t *len)
{
	if (isnull)
	{
		*s = NULL;
		*len = 0;
	}
	else
	{
		text	   *t = (text *) PG_DETOAST_DATUM_PACKED(d);

		*s = VARDATA_ANY(t);
		*len = VARSIZE_ANY_EXHDR(t);
	}
}

static void
person_read(FunctionCallInfo fcinfo, HeapTupleHeader th, compare_person *p)
{
	TupleDesc	td = person_tupdesc(fcinfo, th);
	HeapTupleData tuple;
	Datum		values[PERSON_NATTS];
	bool		nulls[PERSON_NATTS];

	tuple.t_len = HeapTupleHeaderGetDatumLength(th);
	ItemPointerSetInvalid(&(tuple.t_self));
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = th;
	heap_deform_tuple(&tuple, td, values, nulls);

	person_text(values[0], nulls[0], &p->given, &p->given_len);
	person_text(values[1], nulls[1], &p->surname1, &p->surname1_len);
	person_text(values[2], nulls[2], &p->surname2, &p->surname2_len);
	/* infinite dates carry no birth date */
	if (nulls[3] || DATE_NOT_FINITE(DatumGetDateADT(values[3])))
		p->has_dob = 0;
	else
	{
		p->has_dob = 1;
		p->dob = DatumGetDateADT(values[3]);
	}
	person_text(values[4], nulls[4], &p->sex, &p->sex_len);
	person_text(values[5], nulls[5], &p->nationality, &p->nationality_len);
}

PG_FUNCTION_INFO_V1(compare_persons_sql);

Datum
compare_persons_sql(PG_FUNCTION_ARGS)
{
	HeapTupleHeader a = person_arg(fcinfo, 0);
	HeapTupleHeader b = person_arg(fcinfo, 1);
	compare_person pa,
				pb;

	person_cache *c;

	person_read(fcinfo, a, &pa);
	person_read(fcinfo, b, &pb);
	c = (person_cache *) fcinfo->flinfo->fn_extra;
	/* the memo (256 kB) pays only over many rows: not for the first few */
	if (c->keys == NULL && ++c->calls <= PERSON_MEMO_AFTER)
		return UInt32GetDatum(compare_persons(&pa, &pb));
	if (c->keys == NULL)
	{
		c->keys = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, compare_cache_size());
		compare_cache_init(c->keys);
	}
	return UInt32GetDatum(compare_persons_cached(&pa, &pb, c->keys));
}

PG_FUNCTION_INFO_V1(blocking_keys);

Datum
blocking_keys(PG_FUNCTION_ARGS)
{
	HeapTupleHeader a = person_arg(fcinfo, 0);
	compare_person p;
	char		keys[COMPARE_MAX_KEYS][COMPARE_KEY_SIZE];
	Datum		elems[COMPARE_MAX_KEYS];
	int			n,
				i;

	person_read(fcinfo, a, &p);
	n = compare_blocking_keys(&p, keys);
	for (i = 0; i < n; i++)
		elems[i] = CStringGetTextDatum(keys[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

PG_FUNCTION_INFO_V1(given_name_equivalents);

/* the nickname table of given_names.c, one row per (nickname, name) */
Datum
given_name_equivalents(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < given_name_equiv_count(); i++)
	{
		const given_name_equiv *e = given_name_equiv_at(i);
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = CStringGetTextDatum(e->variant);
		values[1] = CStringGetTextDatum(e->name);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
