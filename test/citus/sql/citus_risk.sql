-- citus_risk: risk_profile on a distributed table is split (partial states
-- on the workers, combined on the coordinator) and equals the aggregate over
-- the local copy exactly, ungrouped, grouped by another column and grouped
-- by the distribution column (pushed down whole).
SET search_path = public, migrisk;

SELECT plan_has('SELECT risk_profile(f, w) FROM interviews', 'worker_partial_agg') AS split_on_workers,
	   plan_has('SELECT risk_profile(f, w) FROM interviews', 'coord_combine_agg') AS combined_on_coordinator;
SELECT (SELECT risk_profile(f, w)::text FROM interviews) = (SELECT risk_profile(f, w)::text FROM interviews_local)
	   AS ungrouped_equal,
	   (SELECT risk_profile_state(f, w)::text FROM interviews) = (SELECT risk_profile_state(f, w)::text FROM interviews_local)
	   AS state_equal;

-- grouped by another column: one partial per group per shard.  Expected: no rows.
SELECT d.grp FROM
	(SELECT grp, risk_profile(f, w, 'iom_fms_any')::text AS s FROM interviews GROUP BY grp) d
	FULL JOIN (SELECT grp, risk_profile(f, w, 'iom_fms_any')::text AS s FROM interviews_local GROUP BY grp) l USING (grp)
WHERE d.s IS DISTINCT FROM l.s;
SELECT count(DISTINCT grp) AS groups FROM interviews;

-- grouped by the distribution column: the whole aggregate on the workers
SELECT plan_has('SELECT id, risk_profile(f, w) FROM interviews GROUP BY id', 'worker_partial_agg') AS split,
	   (SELECT count(*) FROM (SELECT id, risk_profile(f, w)::text AS s FROM interviews GROUP BY id) d
		JOIN (SELECT id, risk_profile(f, w)::text AS s FROM interviews_local GROUP BY id) l USING (id)
		WHERE d.s = l.s) AS equal_rows;
