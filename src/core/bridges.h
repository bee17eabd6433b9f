/*
 * bridges.h
 *		Bridges of an undirected multigraph (edges whose removal leaves
 *		their endpoints in different components), by Tarjan's low-link
 *		numbering, iteratively (no recursion: a chain of a million links is
 *		fine).  Pure C: the caller owns and sizes every array.
 */
#ifndef BRIDGES_H
#define BRIDGES_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Nodes 0..n-1, edges 0..m-1 from ea[e] to eb[e] (a self loop is never a
 * bridge, two parallel edges neither).  Scratch arrays: adj_start[n + 1],
 * adj[2 * m], order[n], low[n], stack_node[n], stack_edge[n], stack_pos[n].
 * Sets bridge[e] for every edge; returns the number of bridges.
 */
extern int64_t bridges_find(int32_t n, int32_t m, const int32_t *ea, const int32_t *eb,
							int32_t *adj_start, int32_t *adj,
							int32_t *order, int32_t *low,
							int32_t *stack_node, int32_t *stack_edge, int32_t *stack_pos,
							bool *bridge);

#endif							/* BRIDGES_H */
