/*
 * bridges.c
 *		Tarjan's bridge-finding by depth-first search with low links: a tree
 *		edge (p, v) is a bridge when nothing below v reaches back above v,
 *		i.e. low[v] > order[p].  The search is iterative with an explicit
 *		stack of (node, edge it was entered by, next adjacency position);
 *		the entering edge is skipped by its number, not by its other end, so
 *		a second edge between the same two nodes counts as a way back.
 *		O(n + m) time, the caller's arrays as memory.
 */
#include "bridges.h"

int64_t
bridges_find(int32_t n, int32_t m, const int32_t *ea, const int32_t *eb,
			 int32_t *adj_start, int32_t *adj,
			 int32_t *order, int32_t *low,
			 int32_t *stack_node, int32_t *stack_edge, int32_t *stack_pos,
			 bool *bridge)
{
	int32_t		v,
				e,
				root,
				time = 0;
	int64_t		nbridges = 0;

	/* adjacency lists (compressed rows of edge numbers) */
	for (v = 0; v <= n; v++)
		adj_start[v] = 0;
	for (e = 0; e < m; e++)
	{
		bridge[e] = false;
		if (ea[e] == eb[e])
			continue;
		adj_start[ea[e] + 1]++;
		adj_start[eb[e] + 1]++;
	}
	for (v = 0; v < n; v++)
		adj_start[v + 1] += adj_start[v];
	for (v = 0; v < n; v++)
		stack_pos[v] = adj_start[v];	/* fill cursor, reused below */
	for (e = 0; e < m; e++)
	{
		if (ea[e] == eb[e])
			continue;
		adj[stack_pos[ea[e]]++] = e;
		adj[stack_pos[eb[e]]++] = e;
	}
	for (v = 0; v < n; v++)
		order[v] = -1;

	for (root = 0; root < n; root++)
	{
		int32_t		top = 0;

		if (order[root] >= 0)
			continue;
		order[root] = low[root] = time++;
		stack_node[0] = root;
		stack_edge[0] = -1;
		stack_pos[0] = adj_start[root];
		while (top >= 0)
		{
			v = stack_node[top];
			if (stack_pos[top] < adj_start[v + 1])
			{
				int32_t		w;

				e = adj[stack_pos[top]++];
				if (e == stack_edge[top])
					continue;
				w = ea[e] == v ? eb[e] : ea[e];
				if (order[w] < 0)
				{
					order[w] = low[w] = time++;
					top++;
					stack_node[top] = w;
					stack_edge[top] = e;
					stack_pos[top] = adj_start[w];
				}
				else if (order[w] < low[v])
					low[v] = order[w];
			}
			else
			{
				/* v is done: hand its low link to its parent */
				top--;
				if (top >= 0)
				{
					int32_t		p = stack_node[top];

					if (low[v] < low[p])
						low[p] = low[v];
					if (low[v] > order[p])
					{
						bridge[stack_edge[top + 1]] = true;
						nbridges++;
					}
				}
			}
		}
	}
	return nbridges;
}
