/*
 * link_clusters.c
 *		migrisk.link_clusters(edges text): persons from links.  Runs the
 *		query, streams its (id_a, id_b) rows through a cursor into the
 *		union-find core, and returns every record id with the smallest record
 *		id of its connected component as its person id.  Also the id map
 *		(link_graph.h) that the other clustering functions share.
 *
 * Memory: edges are never held (fetched 10,000 at a time); what stays in
 * memory is about 40 bytes per distinct record id (the forest, the id map,
 * ids and labels; unionfind.c), allocated in the function's own context and
 * not bounded by work_mem -- 10 million records need about 400 MB.  The
 * result goes through a tuplestore, which does respect work_mem and spills
 * to disk beyond it.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "compat.h"
#include "link_graph.h"
#include "migrisk.h"
#include "unionfind.h"

#define CLUSTER_FETCH 10000

void
link_graph_init(ClusterGraph *g)
{
	g->n = 0;
	g->cap_nodes = 1024;
	g->cap_map = 2048;
	g->ids = palloc(sizeof(int64) * g->cap_nodes);
	g->parent = palloc(sizeof(int32) * g->cap_nodes);
	g->size = palloc(sizeof(int32) * g->cap_nodes);
	g->keys = palloc(sizeof(int64) * g->cap_map);
	g->slots = palloc(sizeof(int32) * g->cap_map);
	unionfind_map_clear(g->slots, g->cap_map);
}

/* node number of id, adding it as a new component if unseen */
int32
link_graph_node(ClusterGraph *g, int64 id, const char *caller)
{
	bool		inserted;
	int32		x;

	if (g->n == g->cap_nodes)
	{
		if (g->cap_nodes >= PG_INT32_MAX / 4)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s: too many distinct record ids (%d)", caller, g->n)));
		g->cap_nodes *= 2;
		g->ids = repalloc_huge(g->ids, sizeof(int64) * g->cap_nodes);
		g->parent = repalloc_huge(g->parent, sizeof(int32) * g->cap_nodes);
		g->size = repalloc_huge(g->size, sizeof(int32) * g->cap_nodes);
		pfree(g->keys);
		pfree(g->slots);
		g->cap_map = (uint32) g->cap_nodes * 2;
		g->keys = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int64) * g->cap_map);
		g->slots = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int32) * g->cap_map);
		unionfind_map_rehash(g->keys, g->slots, g->cap_map, g->ids, g->n);
	}
	x = unionfind_map_get(g->keys, g->slots, g->cap_map, id, g->n, &inserted);
	if (inserted)
	{
		g->ids[x] = id;
		unionfind_make(g->parent, g->size, x);
		g->n++;
	}
	return x;
}

bool
link_graph_id_type_ok(Oid t)
{
	return t == INT8OID || t == INT4OID || t == INT2OID;
}

int64
link_graph_id_value(Datum d, Oid t)
{
	if (t == INT8OID)
		return DatumGetInt64(d);
	if (t == INT4OID)
		return (int64) DatumGetInt32(d);
	return (int64) DatumGetInt16(d);
}

Portal
link_graph_open(const char *query, int natts, const char *columns, const char *caller)
{
	SPIPlanPtr	plan;
	Portal		portal;

	plan = SPI_prepare(query, 0, NULL);
	if (plan == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: could not prepare the query: %s",
						caller, SPI_result_code_string(SPI_result)),
				 errdetail("Query: \"%s\"", query)));
	if (!SPI_is_cursor_plan(plan))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the query must be a single SELECT: \"%s\"", caller, query)));
	portal = SPI_cursor_open(NULL, plan, NULL, NULL, true);
	if (portal->tupDesc->natts != natts)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the query must return %d columns %s, not %d",
						caller, natts, columns, portal->tupDesc->natts),
				 errdetail("Query: \"%s\"", query)));
	return portal;
}

PG_FUNCTION_INFO_V1(link_clusters);

Datum
link_clusters(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *query = text_to_cstring(PG_GETARG_TEXT_PP(0));
	MemoryContext work,
				old;
	ClusterGraph g;
	SPIPlanPtr	plan;
	Portal		portal;
	TupleDesc	desc;
	Oid			ta,
				tb;
	int64	   *label;
	int32		x;

	InitMaterializedSRF(fcinfo, 0);

	work = AllocSetContextCreate(CurrentMemoryContext, "link_clusters",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	link_graph_init(&g);
	MemoryContextSwitchTo(old);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "link_clusters: SPI_connect failed");
	plan = SPI_prepare(query, 0, NULL);
	if (plan == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("link_clusters: could not prepare the edge query: %s",
						SPI_result_code_string(SPI_result)),
				 errdetail("Query: \"%s\"", query)));
	if (!SPI_is_cursor_plan(plan))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("link_clusters: the edge query must be a single SELECT: \"%s\"", query)));
	portal = SPI_cursor_open(NULL, plan, NULL, NULL, true);
	desc = portal->tupDesc;
	if (desc->natts != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("link_clusters: the edge query must return 2 columns (id_a, id_b), not %d", desc->natts),
				 errdetail("Query: \"%s\"", query)));
	ta = TupleDescAttr(desc, 0)->atttypid;
	tb = TupleDescAttr(desc, 1)->atttypid;
	if (!link_graph_id_type_ok(ta) || !link_graph_id_type_ok(tb))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("link_clusters: record ids must be bigint, integer or smallint, not %s and %s",
						format_type_be(ta), format_type_be(tb)),
				 errdetail("Query: \"%s\"", query)));

	for (;;)
	{
		uint64		i;

		SPI_cursor_fetch(portal, true, CLUSTER_FETCH);
		if (SPI_processed == 0)
			break;
		old = MemoryContextSwitchTo(work);
		for (i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			bool		na,
						nb;
			Datum		da = SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &na);
			Datum		db = SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &nb);
			int32		xa = -1,
						xb = -1;

			/* a row with one id NULL is a record without a link */
			if (!na)
				xa = link_graph_node(&g, link_graph_id_value(da, ta), "link_clusters");
			if (!nb)
				xb = link_graph_node(&g, link_graph_id_value(db, tb), "link_clusters");
			if (xa >= 0 && xb >= 0)
				unionfind_union(g.parent, g.size, xa, xb);
		}
		MemoryContextSwitchTo(old);
		SPI_freetuptable(SPI_tuptable);
		CHECK_FOR_INTERRUPTS();
	}
	SPI_cursor_close(portal);
	SPI_finish();

	old = MemoryContextSwitchTo(work);
	label = MemoryContextAllocHuge(work, sizeof(int64) * Max(g.n, 1));
	unionfind_min_labels(g.parent, g.ids, g.n, label);
	MemoryContextSwitchTo(old);

	for (x = 0; x < g.n; x++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = Int64GetDatum(g.ids[x]);
		values[1] = Int64GetDatum(label[x]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(work);
	return (Datum) 0;
}
