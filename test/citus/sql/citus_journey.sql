-- citus_journey: journey(s) over legs distributed by leg id, grouped by
-- person (not the distribution column): split between workers and
-- coordinator, and each journey equals the one from the local copy.
SET search_path = public, migrisk;

SELECT plan_has('SELECT person, journey(s) FROM legs GROUP BY person', 'worker_partial_agg') AS split;
-- Expected: no rows.
SELECT person FROM (SELECT person, journey(s)::text AS j FROM legs GROUP BY person) d
	FULL JOIN (SELECT person, journey(s)::text AS j FROM legs_local GROUP BY person) l USING (person)
WHERE d.j IS DISTINCT FROM l.j;
SELECT count(DISTINCT person) AS persons, sum(legs(j)) AS legs
FROM (SELECT person, journey(s) AS j FROM legs GROUP BY person) x;
