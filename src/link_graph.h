/*
 * link_graph.h
 *		Record ids numbered densely as graph nodes, for the functions that
 *		cluster links (link_clusters.c, link_cluster_graph.c): the id map
 *		of unionfind.h grown in the caller's memory context, and the record
 *		id column types they accept.
 */
#ifndef MIGRISK_LINK_GRAPH_H
#define MIGRISK_LINK_GRAPH_H

#include "postgres.h"

#include "executor/spi.h"

typedef struct ClusterGraph
{
	int32		n;				/* nodes so far */
	int32		cap_nodes;
	uint32		cap_map;		/* power of two, at least 2 * cap_nodes */
	int64	   *ids;
	int32	   *parent;
	int32	   *size;
	int64	   *keys;
	int32	   *slots;
} ClusterGraph;

extern void link_graph_init(ClusterGraph *g);

/* node number of id, adding it as a new component if unseen */
extern int32 link_graph_node(ClusterGraph *g, int64 id, const char *caller);

extern bool link_graph_id_type_ok(Oid t);
extern int64 link_graph_id_value(Datum d, Oid t);

/*
 * Opens a cursor over query (one SELECT) after checking that it returns
 * natts columns; caller names the function in errors.
 */
extern Portal link_graph_open(const char *query, int natts, const char *columns,
							  const char *caller);

#endif							/* MIGRISK_LINK_GRAPH_H */
