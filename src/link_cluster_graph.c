/*
 * link_cluster_graph.c
 *		Persons from links beyond plain components:
 *
 *		migrisk._link_clusters_constrained(links text, records text): links
 *		(id_a, id_b, weight) taken best first, ties by record ids, a merge
 *		refused when the two clusters would hold two records of one source
 *		on one day (records (record_id, source, day)); the core is
 *		src/core/cluster_constrained.c.
 *
 *		migrisk._link_cluster_links(links text): every distinct link with
 *		its cluster (smallest record id of its connected component) and
 *		whether it is a bridge (src/core/bridges.c), for the per-cluster
 *		diagnostics.
 *
 * Memory: the links are held (32 bytes each, plus 40 bytes a record as in
 * link_clusters), in the function's own context, not bounded by work_mem.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/memutils.h"

#include "bridges.h"
#include "cluster_constrained.h"
#include "compat.h"
#include "link_graph.h"
#include "unionfind.h"

#define GRAPH_FETCH 10000

/* a growing array of links */
typedef struct EdgeList
{
	CcEdge	   *e;
	int64		n;
	int64		cap;
} EdgeList;

static void
edge_add(EdgeList *l, int32 a, int32 b, int64 ida, int64 idb, double w, const char *caller)
{
	CcEdge	   *e;

	if (l->n == l->cap)
	{
		if (l->cap >= PG_INT32_MAX / 2)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s: too many links (%lld)", caller, (long long) l->n)));
		l->cap = l->cap ? l->cap * 2 : 1024;
		l->e = l->e ? repalloc_huge(l->e, sizeof(CcEdge) * l->cap)
			: MemoryContextAllocHuge(CurrentMemoryContext, sizeof(CcEdge) * l->cap);
	}
	e = &l->e[l->n++];
	e->weight = w;
	e->a = a;
	e->b = b;
	e->id_lo = Min(ida, idb);
	e->id_hi = Max(ida, idb);
}

/* checks the id columns (and the column count) of a caller's query */
static void
check_query(const char *query, int natts, const char *columns, int nid,
			Oid third, const char *caller)
{
	Portal		p = link_graph_open(query, natts, columns, caller);
	TupleDesc	d = p->tupDesc;
	int			i;

	for (i = 0; i < nid; i++)
		if (!link_graph_id_type_ok(TupleDescAttr(d, i)->atttypid))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("%s: record ids must be bigint, integer or smallint, not %s (column %d)",
							caller, format_type_be(TupleDescAttr(d, i)->atttypid), i + 1),
					 errdetail("Query: \"%s\"", query)));
	if (OidIsValid(third) && TupleDescAttr(d, natts - 1)->atttypid != third)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s: column %d must be of type %s, not %s", caller, natts,
						format_type_be(third), format_type_be(TupleDescAttr(d, natts - 1)->atttypid)),
				 errdetail("Query: \"%s\"", query)));
	SPI_cursor_close(p);
}

/*
 * Reads links (id_a, id_b, weight float8) from the wrapped query; a row
 * with one id NULL adds a record without a link.
 */
static void
read_links(const char *wrapped, const char *query, ClusterGraph *g, EdgeList *edges,
		   MemoryContext work, const char *caller)
{
	Portal		portal = link_graph_open(wrapped, 3, "(id_a, id_b, weight)", caller);
	Oid			ta = TupleDescAttr(portal->tupDesc, 0)->atttypid;
	Oid			tb = TupleDescAttr(portal->tupDesc, 1)->atttypid;

	for (;;)
	{
		uint64		i;
		MemoryContext old;

		SPI_cursor_fetch(portal, true, GRAPH_FETCH);
		if (SPI_processed == 0)
			break;
		old = MemoryContextSwitchTo(work);
		for (i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			TupleDesc	d = SPI_tuptable->tupdesc;
			bool		na,
						nb,
						nw;
			Datum		da = SPI_getbinval(tup, d, 1, &na);
			Datum		db = SPI_getbinval(tup, d, 2, &nb);
			Datum		dw = SPI_getbinval(tup, d, 3, &nw);
			int32		xa = -1,
						xb = -1;
			int64		ida = 0,
						idb = 0;
			double		w;

			if (!na)
				xa = link_graph_node(g, ida = link_graph_id_value(da, ta), caller);
			if (!nb)
				xb = link_graph_node(g, idb = link_graph_id_value(db, tb), caller);
			if (xa < 0 || xb < 0)
				continue;
			if (nw)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("%s: the link (%lld, %lld) has no weight", caller,
								(long long) ida, (long long) idb),
						 errdetail("Query: \"%s\"", query)));
			w = DatumGetFloat8(dw);
			if (isnan(w))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: the link (%lld, %lld) has weight NaN", caller,
								(long long) ida, (long long) idb),
						 errdetail("Query: \"%s\"", query)));
			edge_add(edges, xa, xb, ida, idb, w, caller);
		}
		MemoryContextSwitchTo(old);
		SPI_freetuptable(SPI_tuptable);
		CHECK_FOR_INTERRUPTS();
	}
	SPI_cursor_close(portal);
}

static void
put_labels(ReturnSetInfo *rsinfo, ClusterGraph *g, MemoryContext work)
{
	int64	   *label = MemoryContextAllocHuge(work, sizeof(int64) * Max(g->n, 1));
	int32		x;

	unionfind_min_labels(g->parent, g->ids, g->n, label);
	for (x = 0; x < g->n; x++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = Int64GetDatum(g->ids[x]);
		values[1] = Int64GetDatum(label[x]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
}

PG_FUNCTION_INFO_V1(link_clusters_constrained);

Datum
link_clusters_constrained(PG_FUNCTION_ARGS)
{
	static const char *caller = "link_clusters_constrained";
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *links = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *records = text_to_cstring(PG_GETARG_TEXT_PP(1));
	MemoryContext work,
				old;
	ClusterGraph g;
	EdgeList	edges = {NULL, 0, 0};
	StringInfoData q;
	Portal		portal;
	Oid			tr;
	int32	   *rec_node = NULL;
	uint64	   *rec_key = NULL;
	int64		nrec = 0,
				caprec = 0,
				i,
				merged = 0,
				refused = 0;
	CcForest	f;
	uint64	   *key;
	int32		x;

	InitMaterializedSRF(fcinfo, 0);
	work = AllocSetContextCreate(CurrentMemoryContext, "link_cluster_graph", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	link_graph_init(&g);
	MemoryContextSwitchTo(old);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "%s: SPI_connect failed", caller);

	/* records: (record_id, source, day); sources numbered by dense_rank */
	check_query(records, 3, "(record_id, source, day)", 1, DATEOID, caller);
	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT q.r, CASE WHEN q.s IS NOT NULL THEN pg_catalog.dense_rank() OVER (ORDER BY q.s) END, q.d "
					 "FROM (%s) AS q(r, s, d)", records);
	portal = link_graph_open(q.data, 3, "(record_id, source, day)", caller);
	tr = TupleDescAttr(portal->tupDesc, 0)->atttypid;
	for (;;)
	{
		uint64		k;

		SPI_cursor_fetch(portal, true, GRAPH_FETCH);
		if (SPI_processed == 0)
			break;
		old = MemoryContextSwitchTo(work);
		for (k = 0; k < SPI_processed; k++)
		{
			HeapTuple	tup = SPI_tuptable->vals[k];
			TupleDesc	d = SPI_tuptable->tupdesc;
			bool		nr,
						ns,
						nd;
			Datum		dr = SPI_getbinval(tup, d, 1, &nr);
			Datum		ds = SPI_getbinval(tup, d, 2, &ns);
			Datum		dd = SPI_getbinval(tup, d, 3, &nd);
			int64		src;
			DateADT		day;

			if (nr)
				continue;
			x = link_graph_node(&g, link_graph_id_value(dr, tr), caller);
			if (ns || nd)
				continue;		/* no source or no day: unconstrained */
			day = DatumGetDateADT(dd);
			if (DATE_NOT_FINITE(day))
				continue;
			src = DatumGetInt64(ds);
			if (src > PG_INT32_MAX)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("%s: too many distinct sources", caller)));
			if (nrec == caprec)
			{
				caprec = caprec ? caprec * 2 : 1024;
				rec_node = rec_node ? repalloc_huge(rec_node, sizeof(int32) * caprec)
					: MemoryContextAllocHuge(work, sizeof(int32) * caprec);
				rec_key = rec_key ? repalloc_huge(rec_key, sizeof(uint64) * caprec)
					: MemoryContextAllocHuge(work, sizeof(uint64) * caprec);
			}
			rec_node[nrec] = x;
			rec_key[nrec++] = cc_key((int32) src, (int32) day);
		}
		MemoryContextSwitchTo(old);
		SPI_freetuptable(SPI_tuptable);
		CHECK_FOR_INTERRUPTS();
	}
	SPI_cursor_close(portal);

	/* links: (id_a, id_b, weight) */
	check_query(links, 3, "(id_a, id_b, weight)", 2, InvalidOid, caller);
	resetStringInfo(&q);
	appendStringInfo(&q, "SELECT q.a, q.b, q.w::pg_catalog.float8 FROM (%s) AS q(a, b, w)", links);
	read_links(q.data, links, &g, &edges, work, caller);
	SPI_finish();

	/* every record's key; a record listed twice must agree with itself */
	old = MemoryContextSwitchTo(work);
	key = MemoryContextAllocHuge(work, sizeof(uint64) * Max(g.n, 1));
	f.parent = g.parent;
	f.size = g.size;
	f.head = MemoryContextAllocHuge(work, sizeof(int32) * Max(g.n, 1));
	f.next = MemoryContextAllocHuge(work, sizeof(int32) * Max(g.n, 1));
	f.key = key;
	for (x = 0; x < g.n; x++)
		key[x] = CC_NO_KEY;
	for (i = 0; i < nrec; i++)
	{
		if (key[rec_node[i]] != CC_NO_KEY && key[rec_node[i]] != rec_key[i])
			ereport(ERROR,
					(errcode(ERRCODE_CARDINALITY_VIOLATION),
					 errmsg("%s: record %lld appears twice in the records query, with different sources or days",
							caller, (long long) g.ids[rec_node[i]]),
					 errdetail("Query: \"%s\"", records)));
		key[rec_node[i]] = rec_key[i];
	}
	for (x = 0; x < g.n; x++)
		cc_make(&f, x);
	cc_sort_edges(edges.e, (size_t) edges.n);
	for (i = 0; i < edges.n; i++)
	{
		CcMerge		r = cc_merge(&f, edges.e[i].a, edges.e[i].b);

		merged += r == CC_MERGED;
		refused += r == CC_REFUSED;
		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	ereport(NOTICE,
			(errmsg("%s: %lld records, %lld links: %lld merges, %lld refused (two records of one source on one day), %lld persons",
					caller, (long long) g.n, (long long) edges.n, (long long) merged,
					(long long) refused, (long long) (g.n - merged))));
	put_labels(rsinfo, &g, work);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(link_cluster_links);

Datum
link_cluster_links(PG_FUNCTION_ARGS)
{
	static const char *caller = "link_cluster_links";
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *links = text_to_cstring(PG_GETARG_TEXT_PP(0));
	MemoryContext work,
				old;
	ClusterGraph g;
	EdgeList	edges = {NULL, 0, 0};
	StringInfoData q;
	int32	   *ea,
			   *eb,
			   *adj_start,
			   *adj,
			   *order,
			   *low,
			   *sn,
			   *se,
			   *sp;
	bool	   *bridge;
	int64	   *label;
	int64		i,
				n1;

	InitMaterializedSRF(fcinfo, 0);
	work = AllocSetContextCreate(CurrentMemoryContext, "link_cluster_graph", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	link_graph_init(&g);
	MemoryContextSwitchTo(old);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "%s: SPI_connect failed", caller);
	check_query(links, 3, "(id_a, id_b, weight)", 2, InvalidOid, caller);
	/* one link per pair of records (the highest weight), no self links */
	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT least(q.a::pg_catalog.int8, q.b::pg_catalog.int8), greatest(q.a::pg_catalog.int8, q.b::pg_catalog.int8), "
					 "CASE WHEN pg_catalog.count(q.w) OPERATOR(pg_catalog.=) pg_catalog.count(*) "
					 "THEN pg_catalog.max(q.w::pg_catalog.float8) END "
					 "FROM (%s) AS q(a, b, w) "
					 "WHERE q.a::pg_catalog.int8 OPERATOR(pg_catalog.<>) q.b::pg_catalog.int8 GROUP BY 1, 2", links);
	read_links(q.data, links, &g, &edges, work, caller);
	SPI_finish();

	old = MemoryContextSwitchTo(work);
	n1 = Max(g.n, 1);
	ea = MemoryContextAllocHuge(work, sizeof(int32) * Max(edges.n, 1));
	eb = MemoryContextAllocHuge(work, sizeof(int32) * Max(edges.n, 1));
	bridge = MemoryContextAllocHuge(work, sizeof(bool) * Max(edges.n, 1));
	adj = MemoryContextAllocHuge(work, sizeof(int32) * 2 * Max(edges.n, 1));
	adj_start = MemoryContextAllocHuge(work, sizeof(int32) * (n1 + 1));
	order = MemoryContextAllocHuge(work, sizeof(int32) * n1);
	low = MemoryContextAllocHuge(work, sizeof(int32) * n1);
	sn = MemoryContextAllocHuge(work, sizeof(int32) * n1);
	se = MemoryContextAllocHuge(work, sizeof(int32) * n1);
	sp = MemoryContextAllocHuge(work, sizeof(int32) * n1);
	label = MemoryContextAllocHuge(work, sizeof(int64) * n1);
	for (i = 0; i < edges.n; i++)
	{
		ea[i] = edges.e[i].a;
		eb[i] = edges.e[i].b;
		unionfind_union(g.parent, g.size, ea[i], eb[i]);
	}
	(void) bridges_find(g.n, (int32) edges.n, ea, eb, adj_start, adj, order, low,
						sn, se, sp, bridge);
	unionfind_min_labels(g.parent, g.ids, g.n, label);
	for (i = 0; i < edges.n; i++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		values[0] = Int64GetDatum(edges.e[i].id_lo);
		values[1] = Int64GetDatum(edges.e[i].id_hi);
		values[2] = Float8GetDatum(edges.e[i].weight);
		values[3] = Int64GetDatum(label[edges.e[i].a]);
		values[4] = BoolGetDatum(bridge[i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	return (Datum) 0;
}
