-- citus_setup: the tables every distributed check uses, each once as a
-- distributed table (32 shards over the two workers) and once as a local
-- copy on the coordinator: the local result is the reference.
SET search_path = public, migrisk;
SET citus.shard_count = 32;

-- a plan contains the named function: the check of where work runs
CREATE FUNCTION plan_has(q text, what text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
	l text;
	found boolean := false;
BEGIN
	FOR l IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q LOOP
		found := found OR strpos(l, what) > 0;
	END LOOP;
	RETURN found;
END $$;

CREATE TABLE interviews_local AS
SELECT g AS id, g % 7 AS grp,
       risk_flags(ARRAY['held', 'debt', 'docs', 'smuggler', 'freight_train'],
                  ARRAY[CASE WHEN g % 13 = 0 THEN NULL ELSE (g * 7919) % 10 < 3 END,
                        (g * 104729) % 10 < 2, (g * 1299709) % 10 < 1,
                        CASE WHEN g % 17 = 0 THEN NULL ELSE (g * 15485863) % 10 < 4 END,
                        (g * 32452843) % 10 < 5]) AS f,
       ((g * 2654435761) % 1000) / 97.0 + 0.01 AS w
FROM generate_series(1::bigint, 40000) g;
CREATE TABLE interviews (LIKE interviews_local);
SELECT create_distributed_table('interviews', 'id');
INSERT INTO interviews SELECT * FROM interviews_local;

-- comparison vectors of candidate pairs, from a generating model
SELECT setseed(0.2);
CREATE TABLE pairs_local AS
SELECT n AS id, n % 10 AS grp,
	   (SELECT string_agg(field || '=' || CASE WHEN m AND random() < 0.85 THEN levels[1]
					ELSE levels[1 + floor(random() * cardinality(levels))::int] END, ',' ORDER BY field)
		FROM (SELECT field, array_agg(level ORDER BY level_index) AS levels
			  FROM link_gamma_levels() WHERE field IN ('given', 'surname1', 'dob', 'sex')
			  GROUP BY field) l)::link_gamma AS gamma
FROM (SELECT n, random() < 0.1 AS m FROM generate_series(1, 30000) n) s;
CREATE TABLE pairs (LIKE pairs_local);
SELECT create_distributed_table('pairs', 'id');
INSERT INTO pairs SELECT * FROM pairs_local;

-- legs of journeys, distributed by leg id (not by person)
CREATE TABLE legs_local AS
SELECT k AS leg_id, 1 + k % 200 AS person,
	   route_segment(-92 - (k % 50) / 10.0, 14 + (k % 37) / 10.0, -93 - (k % 41) / 10.0, 15 + (k % 29) / 10.0,
					 'bus', timestamptz '2024-01-01' + (k * 7919 % 5000) * interval '1 hour',
					 CASE WHEN k % 5 = 0 THEN NULL ELSE timestamptz '2024-08-01' END) AS s
FROM generate_series(1, 2400) k;
CREATE TABLE legs (LIKE legs_local);
SELECT create_distributed_table('legs', 'leg_id');
INSERT INTO legs SELECT * FROM legs_local;

SELECT (SELECT count(*) FROM interviews) AS interviews, (SELECT count(*) FROM pairs) AS pairs,
	   (SELECT count(*) FROM legs) AS legs,
	   (SELECT count(DISTINCT nodeport) FROM citus_shards WHERE table_name = 'interviews'::regclass) AS worker_nodes;
