-- citus_design: risk_profile_design over a distributed table (survey
-- interviews distributed by id, so every PSU spans shards) is split and
-- equals the design-based summary of the local copy exactly.
SET search_path = public, migrisk;

SELECT plan_has('SELECT risk_profile_design(f, w, grp, grp * 1000 + id % 61) FROM interviews', 'worker_partial_agg') AS split;
SELECT (SELECT risk_profile_design(f, w, grp, grp * 1000 + id % 61)::text FROM interviews)
	 = (SELECT risk_profile_design(f, w, grp, grp * 1000 + id % 61)::text FROM interviews_local) AS design_equal,
	   (SELECT (risk_profile_design(f, w, grp, grp * 1000 + id % 61)).psus FROM interviews) AS psus;
