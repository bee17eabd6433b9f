-- citus_linkage: link_em and link_u on distributed pairs are split (their
-- state is link_em_state, a real type), and the model equals the local one
-- to the last bit; so does a roll-up of partial states stored on the
-- workers.
SET search_path = public, migrisk;

SELECT plan_has('SELECT link_em(gamma) FROM pairs', 'worker_partial_agg') AS em_split,
	   plan_has('SELECT link_u(gamma) FROM pairs', 'worker_partial_agg') AS u_split;
SELECT (SELECT link_em(gamma) FROM pairs) = (SELECT link_em(gamma) FROM pairs_local) AS em_equal,
	   (SELECT link_u(gamma) FROM pairs) = (SELECT link_u(gamma) FROM pairs_local) AS u_equal,
	   ((SELECT link_em(gamma) FROM pairs) -> 'em' ->> 'pairs')::int AS pairs;
-- per group, grouped by a column that is not the distribution column.
-- Expected: no rows.
SELECT grp FROM (SELECT grp, link_em(gamma) AS m FROM pairs GROUP BY grp) d
	FULL JOIN (SELECT grp, link_em(gamma) AS m FROM pairs_local GROUP BY grp) l USING (grp)
WHERE d.m IS DISTINCT FROM l.m;

-- partial states stored in a distributed table, rolled up
CREATE TABLE em_partial (grp int, s link_em_state);
SELECT create_distributed_table('em_partial', 'grp');
INSERT INTO em_partial SELECT grp, link_em_state(gamma) FROM pairs_local GROUP BY grp;
SELECT (SELECT link_em(s) FROM em_partial) = (SELECT link_em(gamma) FROM pairs_local) AS rollup_equal;
DROP TABLE em_partial;
