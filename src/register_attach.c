/*
 * register_attach.c
 *		migrisk._register_attach(reg text, batch int8): best-first
 *		attachment over the temporary tables that register_link_batch and
 *		_register_recluster fill, _rg_comp (record_id, comp, source,
 *		event_date, attach_link; comp > 0 a person of the register, comp < 0
 *		new records) and _rg_edge (ord, link_id, id_a, id_b, probability,
 *		forced, reviewer).  The core is src/core/register_attach.c.
 *
 *		Links are taken in ord order.  Two components join unless they hold
 *		two records of one source on one day or a pair decided "not same"
 *		(a forced link joins them whatever).  Two persons joined is a merge,
 *		logged in reg.merges with the smaller person id surviving; new
 *		records joining a person, or other new records, attach by their
 *		root record (attach_link = the link).
 *
 *		Leaves _rg_comp.comp as each record's component label (its person,
 *		or for new records only the comp of its least record), and creates
 *		_rg_label (label, n, person: NULL for new records only, root: their
 *		least record id).  Returns joined, conflicts, blocked and merges.
 *
 * Memory: about 250 bytes a record of _rg_comp (the id map, the forest,
 * the key set, the labels written back and their parameter arrays) and 8 a
 * "not same" decision, in the function's own context; links are streamed.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/memutils.h"

#include "compat.h"
#include "link_graph.h"
#include "register_attach.h"
#include "unionfind.h"

#define ATTACH_FETCH 10000

/* arrays of one entry a record may pass 1 GB */
#define huge_array(type, count) \
	((type *) MemoryContextAllocHuge(CurrentMemoryContext, sizeof(type) * (Size) (count)))
#define huge_array0(type, count) \
	((type *) MemoryContextAllocExtended(CurrentMemoryContext, sizeof(type) * (Size) (count), \
										 MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO))

static const char *caller = "_register_attach";

/* one bigint array for a statement parameter; nulls may be NULL */
static Datum
int8_array(Datum *elems, bool *nulls, int n)
{
	int			dims[1] = {n};
	int			lbs[1] = {1};

	return PointerGetDatum(construct_md_array(elems, nulls, 1, dims, lbs, INT8OID,
											  sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

static int
int64_cmp(const void *a, const void *b)
{
	int64		x = *(const int64 *) a,
				y = *(const int64 *) b;

	return x < y ? -1 : x > y;
}

/* node of a record id that must be in _rg_comp */
static int32
known_node(ClusterGraph *g, int32 n, int64 id, const char *what)
{
	int32		x = link_graph_node(g, id, caller);

	if (x >= n)
		elog(ERROR, "%s: %s names record %lld, which is not in _rg_comp",
			 caller, what, (long long) id);
	return x;
}

PG_FUNCTION_INFO_V1(register_attach);

Datum
register_attach(PG_FUNCTION_ARGS)
{
	char	   *reg;
	bool		batch_null = PG_ARGISNULL(1);
	int64		batch = batch_null ? 0 : PG_GETARG_INT64(1);
	MemoryContext work,
				old;
	ClusterGraph g;
	RaForest	f;
	StringInfoData q;
	Portal		portal;
	SPIPlanPtr	merge_plan = NULL;
	int64	   *comp0,
			   *link,
			   *buf;
	bool	   *has_link;
	uint64	   *key;
	int32		n,
				x,
				prev = -1;
	int64		joined = 0,
				conflicts = 0,
				blocked = 0,
				merges = 0,
				nedges = 0;
	TupleDesc	td;
	Datum		result[4];
	bool		result_null[4] = {false, false, false, false};

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: the register must not be NULL", caller)));
	reg = text_to_cstring(PG_GETARG_TEXT_PP(0));
	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "%s: return type must be a row type", caller);
	work = AllocSetContextCreate(CurrentMemoryContext, "register_attach", ALLOCSET_DEFAULT_SIZES);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "%s: SPI_connect failed", caller);
	initStringInfo(&q);

	/* 1. the records and the components they start in */
	if (SPI_execute("SELECT pg_catalog.count(*) FROM pg_temp._rg_comp", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "%s: could not count _rg_comp", caller);
	{
		bool		isnull;
		int64		cnt = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));

		if (cnt >= PG_INT32_MAX / 4)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s: too many records to attach at once (%lld)", caller, (long long) cnt)));
		n = (int32) cnt;
	}
	old = MemoryContextSwitchTo(work);
	link_graph_init(&g);
	comp0 = huge_array(int64, Max(n, 1));
	link = huge_array(int64, Max(n, 1));
	has_link = huge_array0(bool, Max(n, 1));
	key = huge_array(uint64, Max(n, 1));
	buf = huge_array(int64, Max(n, 1));
	MemoryContextSwitchTo(old);

	/* the casts fix the types the rows are read as, whatever made the tables */
	portal = link_graph_open("SELECT record_id::pg_catalog.int8, comp::pg_catalog.int8, "
							 "CASE WHEN source IS NOT NULL AND event_date IS NOT NULL "
							 "THEN pg_catalog.dense_rank() OVER (ORDER BY source) END, event_date::pg_catalog.date "
							 "FROM pg_temp._rg_comp ORDER BY 2, 1",
							 4, "(record_id, comp, source, event_date)", caller);
	for (;;)
	{
		uint64		k;

		SPI_cursor_fetch(portal, true, ATTACH_FETCH);
		if (SPI_processed == 0)
			break;
		old = MemoryContextSwitchTo(work);
		for (k = 0; k < SPI_processed; k++)
		{
			HeapTuple	tup = SPI_tuptable->vals[k];
			TupleDesc	d = SPI_tuptable->tupdesc;
			bool		nr,
						nc,
						ns,
						nd;
			int64		id = DatumGetInt64(SPI_getbinval(tup, d, 1, &nr));
			int64		comp = DatumGetInt64(SPI_getbinval(tup, d, 2, &nc));
			Datum		ds = SPI_getbinval(tup, d, 3, &ns);
			Datum		dd = SPI_getbinval(tup, d, 4, &nd);

			if (nr || nc)
				elog(ERROR, "%s: _rg_comp holds a record without an id or component", caller);
			x = link_graph_node(&g, id, caller);
			if (x != g.n - 1 || x >= n)
				elog(ERROR, "%s: record %lld is twice in _rg_comp", caller, (long long) id);
			comp0[x] = comp;
			/* infinite dates are days too: two records of one are refused */
			key[x] = ns ? CC_NO_KEY : cc_key((int32) DatumGetInt64(ds), (int32) DatumGetDateADT(dd));
		}
		MemoryContextSwitchTo(old);
		SPI_freetuptable(SPI_tuptable);
		CHECK_FOR_INTERRUPTS();
	}
	SPI_cursor_close(portal);
	if (g.n != n)
		elog(ERROR, "%s: _rg_comp changed while it was read", caller);

	old = MemoryContextSwitchTo(work);
	f.parent = g.parent;
	f.size = g.size;
	f.key = key;
	f.mask = ra_slots(n) - 1;
	f.slots = huge_array(RaKeySlot, (Size) f.mask + 1);
	f.ring = huge_array(int32, Max(n, 1));
	f.person = huge_array(int64, Max(n, 1));
	f.root = huge_array(int32, Max(n, 1));
	f.ids = g.ids;
	f.not_start = NULL;
	f.not_adj = NULL;
	ra_clear(&f);
	/* the records of one comp (adjacent in comp order) start as one */
	for (x = 0; x < n; x++)
	{
		ra_make(&f, x, comp0[x] > 0 ? comp0[x] : 0);
		if (prev >= 0 && comp0[prev] == comp0[x])
			(void) ra_join(&f, unionfind_find(f.parent, prev), x);
		prev = x;
	}
	MemoryContextSwitchTo(old);

	/* 2. the "not same" decisions between these records, both ways */
	appendStringInfo(&q,
					 "SELECT d.id_a::pg_catalog.int8, d.id_b::pg_catalog.int8 FROM %s.decisions d "
					 "WHERE NOT d.same AND d.id_a IN (SELECT record_id FROM pg_temp._rg_comp) "
					 "AND d.id_b IN (SELECT record_id FROM pg_temp._rg_comp)", reg);
	if (SPI_execute(q.data, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "%s: could not read the decisions of %s", caller, reg);
	if (SPI_processed > 0)
	{
		uint64		m = SPI_processed,
					k;
		int32	   *pa,
				   *pb;

		if (m >= PG_INT32_MAX / 4)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s: too many \"not same\" decisions (%llu)", caller, (unsigned long long) m)));
		old = MemoryContextSwitchTo(work);
		pa = huge_array(int32, m);
		pb = huge_array(int32, m);
		for (k = 0; k < m; k++)
		{
			bool		na,
						nb;
			int64		ia = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[k], SPI_tuptable->tupdesc, 1, &na));
			int64		ib = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[k], SPI_tuptable->tupdesc, 2, &nb));

			pa[k] = known_node(&g, n, ia, "a decision");
			pb[k] = known_node(&g, n, ib, "a decision");
		}
		ra_decisions(&f, n, (int32) m, pa, pb, huge_array(int32, n + 1), huge_array(int32, 2 * m));
		MemoryContextSwitchTo(old);
	}
	SPI_freetuptable(SPI_tuptable);

	/* 3. the links, best first */
	portal = link_graph_open("SELECT link_id::pg_catalog.int8, id_a::pg_catalog.int8, id_b::pg_catalog.int8, "
							 "probability::pg_catalog.float8, forced::pg_catalog.bool, reviewer::pg_catalog.text "
							 "FROM pg_temp._rg_edge ORDER BY ord",
							 6, "(link_id, id_a, id_b, probability, forced, reviewer)", caller);
	for (;;)
	{
		uint64		k;

		SPITupleTable *tt;
		uint64		nt;

		SPI_cursor_fetch(portal, true, ATTACH_FETCH);
		/* a merge logged below runs a statement: keep the fetched rows */
		tt = SPI_tuptable;
		nt = SPI_processed;
		if (nt == 0)
			break;
		for (k = 0; k < nt; k++)
		{
			HeapTuple	tup = tt->vals[k];
			TupleDesc	d = tt->tupdesc;
			bool		nl,
						na,
						nb,
						nf;
			Datum		dl = SPI_getbinval(tup, d, 1, &nl);
			int64		ia = DatumGetInt64(SPI_getbinval(tup, d, 2, &na));
			int64		ib = DatumGetInt64(SPI_getbinval(tup, d, 3, &nb));
			bool		forced = DatumGetBool(SPI_getbinval(tup, d, 5, &nf));
			int32		a,
						b,
						ra,
						rb;
			int64		pa,
						pb;

			if (na || nb)
				elog(ERROR, "%s: _rg_edge holds a link without its records", caller);
			old = MemoryContextSwitchTo(work);
			a = known_node(&g, n, ia, "a link");
			b = known_node(&g, n, ib, "a link");
			MemoryContextSwitchTo(old);
			switch (ra_check(&f, a, b, !nf && forced, &ra, &rb))
			{
				case RA_SAME:
					continue;
				case RA_CONFLICT:
					conflicts++;
					continue;
				case RA_BLOCKED:
					blocked++;
					continue;
				case RA_JOIN:
					break;
			}
			pa = f.person[ra];
			pb = f.person[rb];
			if (pa != 0 && pb != 0)
			{
				/* two persons: the smaller id survives, the other's records logged */
				int32		absorbed = pa > pb ? ra : rb,
							y = absorbed;
				int			nrec = 0;
				Datum		values[7];
				char		nulls[7] = {' ', ' ', ' ', ' ', ' ', ' ', ' '};
				Datum	   *elems;
				bool		np,
							nv;

				do
				{
					buf[nrec++] = g.ids[y];
					y = f.ring[y];
				} while (y != absorbed);
				qsort(buf, nrec, sizeof(int64), int64_cmp);
				if (merge_plan == NULL)
				{
					Oid			types[7] = {INT8OID, INT8OID, INT8OID, FLOAT8OID, INT8OID, TEXTOID, INT8ARRAYOID};

					resetStringInfo(&q);
					appendStringInfo(&q,
									 "INSERT INTO %s.merges (surviving, absorbed, link_id, probability, batch, reviewer, records) "
									 "VALUES ($1, $2, $3, $4, $5, $6, $7)", reg);
					merge_plan = SPI_prepare(q.data, 7, types);
					if (merge_plan == NULL)
						elog(ERROR, "%s: could not prepare the merge log: %s", caller,
							 SPI_result_code_string(SPI_result));
				}
				elems = huge_array(Datum, Max(nrec, 1));
				for (y = 0; y < nrec; y++)
					elems[y] = Int64GetDatum(buf[y]);
				values[0] = Int64GetDatum(Min(pa, pb));
				values[1] = Int64GetDatum(Max(pa, pb));
				values[2] = dl;
				nulls[2] = nl ? 'n' : ' ';
				values[3] = SPI_getbinval(tup, d, 4, &np);
				nulls[3] = np ? 'n' : ' ';
				values[4] = Int64GetDatum(batch);
				nulls[4] = batch_null ? 'n' : ' ';
				values[5] = SPI_getbinval(tup, d, 6, &nv);
				nulls[5] = nv ? 'n' : ' ';
				values[6] = int8_array(elems, NULL, nrec);
				if (SPI_execute_plan(merge_plan, values, nulls, false, 0) != SPI_OK_INSERT)
					elog(ERROR, "%s: could not log a merge in %s", caller, reg);
				pfree(elems);
				merges++;
			}
			else if (!nl)
			{
				/*
				 * new records attach by their root: to a person, or the later
				 * root to the earlier
				 */
				int32		r;

				if (pa != 0 || pb != 0)
					r = f.root[pa != 0 ? rb : ra];
				else
					r = g.ids[f.root[ra]] > g.ids[f.root[rb]] ? f.root[ra] : f.root[rb];
				link[r] = DatumGetInt64(dl);
				has_link[r] = true;
			}
			(void) ra_join(&f, ra, rb);
			joined++;
			if ((++nedges & 0xFFF) == 0)
				CHECK_FOR_INTERRUPTS();
		}
		SPI_freetuptable(tt);
		CHECK_FOR_INTERRUPTS();
	}
	SPI_cursor_close(portal);

	/* 4. labels back into _rg_comp (only the rows that changed), _rg_label */
	{
		Datum	   *e_id,
				   *e_comp,
				   *e_link,
				   *l_label,
				   *l_n,
				   *l_person,
				   *l_root;
		bool	   *e_link_null;
		int32		nchanged = 0,
					nlabel = 0;
		Oid			types[4] = {INT8ARRAYOID, INT8ARRAYOID, INT8ARRAYOID, INT8ARRAYOID};
		Datum		values[4];

		old = MemoryContextSwitchTo(work);
		e_id = huge_array(Datum, Max(n, 1));
		e_comp = huge_array(Datum, Max(n, 1));
		e_link = huge_array(Datum, Max(n, 1));
		e_link_null = huge_array(bool, Max(n, 1));
		l_label = huge_array(Datum, Max(n, 1));
		l_n = huge_array(Datum, Max(n, 1));
		l_person = huge_array(Datum, Max(n, 1));
		l_root = huge_array(Datum, Max(n, 1));
		for (x = 0; x < n; x++)
		{
			int32		r = unionfind_find(f.parent, x);
			int64		label = f.person[r] != 0 ? f.person[r] : comp0[f.root[r]];

			if (label != comp0[x] || has_link[x])
			{
				e_id[nchanged] = Int64GetDatum(g.ids[x]);
				e_comp[nchanged] = Int64GetDatum(label);
				e_link[nchanged] = Int64GetDatum(has_link[x] ? link[x] : 0);
				e_link_null[nchanged++] = !has_link[x];
			}
			if (r == x)
			{
				l_label[nlabel] = Int64GetDatum(label);
				l_n[nlabel] = Int64GetDatum(f.size[r]);
				l_person[nlabel] = Int64GetDatum(f.person[r]);
				l_root[nlabel++] = Int64GetDatum(g.ids[f.root[r]]);
			}
		}
		MemoryContextSwitchTo(old);
		if (nchanged > 0)
		{
			values[0] = int8_array(e_id, NULL, nchanged);
			values[1] = int8_array(e_comp, NULL, nchanged);
			values[2] = int8_array(e_link, e_link_null, nchanged);
			if (SPI_execute_with_args("UPDATE pg_temp._rg_comp c SET comp = u.comp, attach_link = u.link "
									  "FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3)) AS u(record_id, comp, link) "
									  "WHERE c.record_id OPERATOR(pg_catalog.=) u.record_id",
									  3, types, values, NULL, false, 0) != SPI_OK_UPDATE)
				elog(ERROR, "%s: could not label _rg_comp", caller);
		}
		if (SPI_execute("CREATE TEMP TABLE _rg_label (label int8 PRIMARY KEY, n int8, person int8, root int8) "
						"ON COMMIT DROP", false, 0) != SPI_OK_UTILITY)
			elog(ERROR, "%s: could not create _rg_label", caller);
		values[0] = int8_array(l_label, NULL, nlabel);
		values[1] = int8_array(l_n, NULL, nlabel);
		values[2] = int8_array(l_person, NULL, nlabel);
		values[3] = int8_array(l_root, NULL, nlabel);
		if (SPI_execute_with_args("INSERT INTO pg_temp._rg_label "
								  "SELECT u.label, u.n, CASE WHEN u.person OPERATOR(pg_catalog.<>) 0 THEN u.person END, "
								  "CASE WHEN u.person OPERATOR(pg_catalog.=) 0 THEN u.root END "
								  "FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), pg_catalog.unnest($4)) AS u(label, n, person, root)",
								  4, types, values, NULL, false, 0) != SPI_OK_INSERT)
			elog(ERROR, "%s: could not fill _rg_label", caller);
		if (SPI_execute("ANALYZE pg_temp._rg_label", false, 0) != SPI_OK_UTILITY)
			elog(ERROR, "%s: could not analyze _rg_label", caller);
	}
	SPI_finish();
	MemoryContextDelete(work);

	result[0] = Int64GetDatum(joined);
	result[1] = Int64GetDatum(conflicts);
	result[2] = Int64GetDatum(blocked);
	result[3] = Int64GetDatum(merges);
	td = BlessTupleDesc(td);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(td, result, result_null)));
}
