-- linkage_em_state: the state of link_em and link_u as a value: exact text
-- and binary round trips, a model that does not depend on row order or on
-- the plan, stored partials rolled up, and every kind of bad input.

-- 20,000 pairs on four fields: a tenth agree on every field nine times in
-- ten, the rest take random levels.
CREATE TABLE es_levels AS
SELECT field, array_agg(level ORDER BY level_index) AS levels
FROM migrisk.link_gamma_levels()
WHERE field IN ('given', 'surname1', 'dob', 'sex')
GROUP BY field;
SELECT setseed(0.17);
CREATE TABLE es_pairs AS
SELECT n, n % 7 AS grp,
	   (SELECT string_agg(field || '=' || CASE WHEN m AND random() < 0.9 THEN levels[1]
					ELSE levels[1 + floor(random() * cardinality(levels))::int] END, ',' ORDER BY field)
		FROM es_levels)::migrisk.link_gamma AS gamma
FROM (SELECT n, random() < 0.1 AS m FROM generate_series(1, 20000) n) s;
SELECT count(*) AS pairs, count(DISTINCT gamma) > 50 AS many_patterns FROM es_pairs;

-- The text form: options, then each pattern (8 hex digits, increasing) with
-- its count.  given=exact is level 0 of the first field, sex=equal level 0
-- of the sixth, every other field missing (level 15, f).
SELECT migrisk.link_em_state(g)
FROM (VALUES ('sex=equal'::migrisk.link_gamma), ('given=exact'), ('given=exact'), (NULL)) v(g);
SELECT migrisk.link_em_state(g, 50, 0.001)
FROM (VALUES ('given=exact,sex=equal'::migrisk.link_gamma)) v(g);

-- Text round trip of a real state, and its binary round trip through COPY.
CREATE TABLE es_state AS SELECT migrisk.link_em_state(gamma) AS s FROM es_pairs;
SELECT s::text::migrisk.link_em_state::text = s::text AS text_roundtrip,
	   length(s::text) > 100 AS long_enough
FROM es_state;
CREATE TABLE es_state_copy (s migrisk.link_em_state);
\copy es_state TO 'results/migrisk_linkage_em_state.bin' WITH (FORMAT binary)
\copy es_state_copy FROM 'results/migrisk_linkage_em_state.bin' WITH (FORMAT binary)
SELECT a.s::text = b.s::text AS binary_roundtrip FROM es_state a, es_state_copy b;

-- The model does not depend on the order of the rows: the same jsonb to the
-- last bit in three orders, and from the stored state.
CREATE TABLE es_models AS
SELECT migrisk.link_em(gamma ORDER BY n) AS asc_order,
	   migrisk.link_em(gamma ORDER BY n DESC) AS desc_order,
	   migrisk.link_em(gamma ORDER BY md5(n::text)) AS hashed_order
FROM es_pairs;
SELECT asc_order = desc_order AS asc_eq_desc, asc_order = hashed_order AS asc_eq_hashed,
	   asc_order = (SELECT migrisk.link_em(s) FROM es_state) AS eq_stored,
	   (asc_order -> 'em' ->> 'pairs')::int AS pairs
FROM es_models;

-- Partial states per group, stored, rolled up: the same model as over all
-- pairs at once; link_u likewise.
CREATE TABLE es_partial AS SELECT grp, migrisk.link_em_state(gamma) AS s FROM es_pairs GROUP BY grp;
SELECT (SELECT migrisk.link_em(s) FROM es_partial) = asc_order AS rollup_eq_all,
	   (SELECT migrisk.link_u(s) FROM es_partial) = (SELECT migrisk.link_u(gamma) FROM es_pairs) AS link_u_rollup
FROM es_models;
-- a roll-up of nothing and of NULL states is NULL, like link_em of no pairs
SELECT migrisk.link_em(s) IS NULL AS empty_rollup FROM es_partial WHERE false;
SELECT migrisk.link_em(NULL::migrisk.link_em_state) IS NULL AS null_rollup;

-- Parallel plans: Partial Aggregate, and the model equals the serial one to
-- the last bit.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
ANALYZE es_pairs;
EXPLAIN (COSTS OFF) SELECT migrisk.link_em(gamma) FROM es_pairs;
SELECT migrisk.link_em(gamma) = (SELECT asc_order FROM es_models) AS parallel_eq_serial FROM es_pairs;
SELECT migrisk.link_em(gamma) = (SELECT migrisk.link_em(gamma ORDER BY n) FROM es_pairs g2 WHERE g2.grp = es_pairs.grp) AS group_eq
FROM es_pairs GROUP BY grp ORDER BY grp;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- States with other options do not combine.
SELECT migrisk.link_em(s)
FROM (SELECT migrisk.link_em_state(gamma) AS s FROM es_pairs WHERE grp = 1
	  UNION ALL SELECT migrisk.link_em_state(gamma, 1000, 0.01) FROM es_pairs WHERE grp = 2) q;

-- Bad text: each mistake named.
SELECT 'max_iter=1000;tolerance=1e-06'::migrisk.link_em_state;
SELECT 'max_iter=1000;tolerance=1e-06;0fff0fff:3;0ffff0ff:2'::migrisk.link_em_state;
SELECT 'iterations=1000;tolerance=1e-06'::migrisk.link_em_state;
SELECT 'max_iter= 1000;tolerance=1e-06'::migrisk.link_em_state;
SELECT 'max_iter=1000;tolerance=x'::migrisk.link_em_state;
SELECT 'max_iter=0;tolerance=1e-06'::migrisk.link_em_state;
SELECT 'max_iter=1000;tolerance=1'::migrisk.link_em_state;
SELECT 'max_iter=1000;tolerance=1e-06;0ffff0ff:2;0fff0fff:3'::migrisk.link_em_state;
SELECT 'max_iter=1000;tolerance=1e-06;0ffff0ff:2;0ffff0ff:3'::migrisk.link_em_state;
SELECT 'max_iter=1000;tolerance=1e-06;0ffff0ff:0'::migrisk.link_em_state;
SELECT 'max_iter=1000;tolerance=1e-06;0ffff0ff:-2'::migrisk.link_em_state;
SELECT 'max_iter=1000;tolerance=1e-06;ffffffff:2'::migrisk.link_em_state;
SELECT 'max_iter=1000;tolerance=1e-06;fff0fff:2'::migrisk.link_em_state;
SELECT 'max_iter=1000;tolerance=1e-06;0ffff0ff:2 x'::migrisk.link_em_state;
SELECT 'max_iter=1000;tolerance=1e-06;0ffff0ff:99999999999999999999'::migrisk.link_em_state;

-- The transition and combine functions outside an aggregate.
SELECT migrisk._link_em_trans(NULL, 'given=exact');
SELECT migrisk._link_em_combine(NULL, NULL);

DROP TABLE es_levels, es_pairs, es_state, es_state_copy, es_models, es_partial;
