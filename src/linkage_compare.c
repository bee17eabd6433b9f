/*
 * linkage_compare.c
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

#include "compare.h"

#define PERSON_NATTS 6

typedef struct
{
	Oid			typid;
	int32		typmod;
	TupleDesc	tupdesc;
	compare_cache *keys;		/* phonetic-key memo, compare_persons only */
} person_cache;

static TupleDesc
person_tupdesc(FunctionCallInfo fcinfo, HeapTupleHeader th)
{
	person_cache *c = (person_cache *) fcinfo->flinfo->fn_extra;
	Oid			typid = HeapTupleHeaderGetTypeId(th);
	int32		typmod = HeapTupleHeaderGetTypMod(th);

	if (c == NULL || c->typid != typid || c->typmod != typmod)
	{
		TupleDesc	td = lookup_rowtype_tupdesc(typid, typmod);
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (c == NULL)
			c = palloc0(sizeof(person_cache));
		else if (c->tupdesc)
			FreeTupleDesc(c->tupdesc);
		c->tupdesc = CreateTupleDescCopy(td);
		c->typid = typid;
		c->typmod = typmod;
		MemoryContextSwitchTo(old);
		ReleaseTupleDesc(td);
		fcinfo->flinfo->fn_extra = c;

		if (c->tupdesc->natts != PERSON_NATTS)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("person record has %d fields, expected %d",
							c->tupdesc->natts, PERSON_NATTS)));
	}
	return c->tupdesc;
}

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

PG_FUNCTION_INFO_V1(migrisk_compare_persons);

Datum
migrisk_compare_persons(PG_FUNCTION_ARGS)
{
	HeapTupleHeader a = PG_GETARG_HEAPTUPLEHEADER(0);
	HeapTupleHeader b = PG_GETARG_HEAPTUPLEHEADER(1);
	compare_person pa,
				pb;

	person_cache *c;

	person_read(fcinfo, a, &pa);
	person_read(fcinfo, b, &pb);
	c = (person_cache *) fcinfo->flinfo->fn_extra;
	if (c->keys == NULL)
	{
		c->keys = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, compare_cache_size());
		compare_cache_init(c->keys);
	}
	return UInt32GetDatum(compare_persons_cached(&pa, &pb, c->keys));
}

PG_FUNCTION_INFO_V1(migrisk_blocking_keys);

Datum
migrisk_blocking_keys(PG_FUNCTION_ARGS)
{
	HeapTupleHeader a = PG_GETARG_HEAPTUPLEHEADER(0);
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
