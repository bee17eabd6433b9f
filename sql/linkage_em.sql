-- linkage_em: EM estimation of a Fellegi-Sunter model from comparison
-- vectors generated with known m, u and lambda.

-- The truth: five fields, lambda = 0.1.  100,000 pairs give about 10,000
-- matches, so the binomial standard error of an m is at most
-- sqrt(0.25 / 10000) = 0.005 and of a u at most sqrt(0.25 / 90000) = 0.0017;
-- the tolerance of 0.02 is four standard errors of the worst m.
CREATE TEMP TABLE em_truth (field text, m float8[], u float8[], mcum float8[], ucum float8[]);
INSERT INTO em_truth (field, m, u) VALUES
	('given', '{0.80,0.10,0.05,0.03,0.02}', '{0.01,0.02,0.03,0.04,0.90}'),
	('surname1', '{0.75,0.10,0.05,0.03,0.04,0.03}', '{0.005,0.01,0.02,0.03,0.005,0.93}'),
	('dob', '{0.85,0.05,0.02,0.02,0.03,0.03}', '{0.002,0.003,0.005,0.015,0.075,0.90}'),
	('sex', '{0.98,0.02}', '{0.5,0.5}'),
	('nationality', '{0.95,0.05}', '{0.7,0.3}');
-- cumulative thresholds without the last: width_bucket(random(), t) is the level
UPDATE em_truth SET
	mcum = (SELECT array_agg(s ORDER BY i) FROM (SELECT i, sum(x) OVER (ORDER BY i) AS s
			FROM unnest(m) WITH ORDINALITY AS t(x, i)) q WHERE i < cardinality(m)),
	ucum = (SELECT array_agg(s ORDER BY i) FROM (SELECT i, sum(x) OVER (ORDER BY i) AS s
			FROM unnest(u) WITH ORDINALITY AS t(x, i)) q WHERE i < cardinality(u));
-- every row's probabilities sum to 1
SELECT field, (SELECT sum(x) FROM unnest(m) x)::numeric(4,3) AS sum_m,
	   (SELECT sum(x) FROM unnest(u) x)::numeric(4,3) AS sum_u
FROM em_truth ORDER BY field;

SELECT setseed(0.42);
CREATE TEMP TABLE em_draws AS
SELECT s.n, s.is_match, t.field,
	   width_bucket(random(), CASE WHEN s.is_match THEN t.mcum ELSE t.ucum END) AS lvl
FROM (SELECT n, random() < 0.1 AS is_match FROM generate_series(1, 100000) AS n) AS s
CROSS JOIN em_truth AS t;
CREATE TEMP TABLE em_pairs AS
SELECT d.n, d.is_match, string_agg(d.field || '=' || l.level, ',')::migrisk.link_gamma AS gamma
FROM em_draws d
JOIN migrisk.link_gamma_levels() l ON l.field = d.field AND l.level_index = d.lvl
GROUP BY d.n, d.is_match;
SELECT count(*) AS pairs, count(*) FILTER (WHERE is_match) AS matches FROM em_pairs;

-- link_em with no other argument: the first-time user's call
CREATE TEMP TABLE em_model AS SELECT migrisk.link_em(gamma) AS model FROM em_pairs;
SELECT (model -> 'em' ->> 'pairs')::int AS pairs,
	   (model -> 'em' ->> 'converged')::boolean AS converged,
	   (model -> 'em' ->> 'patterns')::int = (SELECT count(DISTINCT gamma) FROM em_pairs) AS patterns_counted,
	   abs((model ->> 'lambda')::float8 - 0.1) < 0.01 AS lambda_within_001,
	   model -> 'fields' ? 'surname2' AS surname2_learnt,
	   model -> 'fields' ? 'plausibility' AS plausibility_learnt
FROM em_model;

-- every m and u within 0.02 of the truth.  Expected: no rows.
SELECT l.field, l.level, l.m, t.m[l.level_index + 1] AS true_m, l.u, t.u[l.level_index + 1] AS true_u
FROM em_model, migrisk.link_model_levels(model) l JOIN em_truth t USING (field)
WHERE abs(l.m - t.m[l.level_index + 1]) >= 0.02 OR abs(l.u - t.u[l.level_index + 1]) >= 0.02;
SELECT count(*) AS levels_checked FROM em_model, migrisk.link_model_levels(model);

-- Read back in two decimals: the estimates next to the truth.
SELECT l.field, l.level, round(l.m::numeric, 2) AS m, t.m[l.level_index + 1] AS true_m,
	   round(l.u::numeric, 2) AS u, t.u[l.level_index + 1] AS true_u
FROM em_model, migrisk.link_model_levels(model) l JOIN em_truth t USING (field)
ORDER BY l.field, l.level_index;

-- The estimated model separates the pairs: classifying at probability 0.5
-- against the generating label.
SELECT count(*) FILTER (WHERE p >= 0.5 AND is_match) AS true_pos,
	   count(*) FILTER (WHERE p >= 0.5 AND NOT is_match) AS false_pos,
	   count(*) FILTER (WHERE p < 0.5 AND is_match) AS false_neg,
	   (2.0 * count(*) FILTER (WHERE p >= 0.5 AND is_match)
		/ (count(*) FILTER (WHERE p >= 0.5) + count(*) FILTER (WHERE is_match)) > 0.95) AS f1_above_095
FROM (SELECT is_match, migrisk.match_probability(gamma, model) AS p FROM em_pairs, em_model) q;

-- Parallel: a forced parallel plan has a Partial Aggregate, and the model
-- equals the serial one up to the order of floating-point sums.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
ANALYZE em_pairs;
CREATE TABLE em_pairs_p AS SELECT * FROM em_pairs;
ANALYZE em_pairs_p;
EXPLAIN (COSTS OFF) SELECT migrisk.link_em(gamma) FROM em_pairs_p;
SELECT max(abs(a.m - b.m)) < 1e-9 AS m_same, max(abs(a.u - b.u)) < 1e-9 AS u_same,
	   (SELECT (migrisk.link_em(gamma) -> 'em' ->> 'pairs')::int FROM em_pairs_p) AS parallel_pairs
FROM em_model,
	 (SELECT migrisk.link_em(gamma) AS pm FROM em_pairs_p) p,
	 migrisk.link_model_levels(em_model.model) a
JOIN LATERAL migrisk.link_model_levels(p.pm) b ON b.field = a.field AND b.level_index = a.level_index;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE em_pairs_p;

-- max_iter and tolerance: two iterations are not enough (NOTICE), a loose
-- tolerance stops early.
SELECT (migrisk.link_em(gamma, 2) -> 'em') ->> 'iterations' AS iterations FROM em_pairs;
SELECT (migrisk.link_em(gamma, 1000, 0.01) -> 'em' ->> 'iterations')::int
	   < (SELECT (model -> 'em' ->> 'iterations')::int FROM em_model) AS stops_earlier,
	   (migrisk.link_em(gamma, 1000, 0.01) -> 'em' ->> 'converged')::boolean AS converged
FROM em_pairs;

-- link_em_fit: the same EM over a pattern table (as GROUP BY gives it).
CREATE TEMP TABLE em_pat AS SELECT gamma, count(*)::float8 AS n FROM em_pairs GROUP BY gamma;
SELECT max(abs(a.m - b.m)) < 1e-9 AS same_m, max(abs(a.u - b.u)) < 1e-9 AS same_u
FROM em_model, (SELECT migrisk.link_em_fit(array_agg(gamma), array_agg(n)) AS fm FROM em_pat) f,
	 migrisk.link_model_levels(em_model.model) a
JOIN LATERAL migrisk.link_model_levels(f.fm) b ON b.field = a.field AND b.level_index = a.level_index;
-- ... and not on the order of the arrays: EM sums in pattern order, so the
-- patterns shuffled, reversed or by count give the same model to the bit
-- (on Citus array_agg gets the groups in another order than on one node)
SELECT count(DISTINCT fm) AS distinct_models, count(*) AS orders
FROM (SELECT migrisk.link_em_fit(array_agg(gamma), array_agg(n)) AS fm FROM em_pat
	  UNION ALL SELECT migrisk.link_em_fit(array_agg(gamma ORDER BY n DESC, gamma::text), array_agg(n ORDER BY n DESC, gamma::text)) FROM em_pat
	  UNION ALL SELECT migrisk.link_em_fit(array_agg(gamma ORDER BY gamma::text DESC), array_agg(n ORDER BY gamma::text DESC)) FROM em_pat
	  UNION ALL SELECT migrisk.link_em_fit(array_agg(gamma ORDER BY o), array_agg(n ORDER BY o))
	  FROM (SELECT gamma, n, md5(gamma::text) AS o FROM em_pat) s) f;
-- lambda fixed at the truth: stays there, and m and u still within 0.02
SELECT (fm ->> 'lambda')::float8 = 0.1 AS lambda_kept,
	   (SELECT bool_and(abs(l.m - t.m[l.level_index + 1]) < 0.02 AND abs(l.u - t.u[l.level_index + 1]) < 0.02)
		FROM migrisk.link_model_levels(fm) l JOIN em_truth t USING (field)) AS within_002
FROM (SELECT migrisk.link_em_fit(array_agg(gamma), array_agg(n), lambda => 0.1) AS fm FROM em_pat) f;
-- link_u over the non-matches alone gives their u; EM with that u fixed
-- keeps it (fixed_u) and finds m within 0.02
CREATE TEMP TABLE em_u AS SELECT migrisk.link_u(gamma) AS um FROM em_pairs WHERE NOT is_match;
SELECT (SELECT bool_and(abs(l.u - t.u[l.level_index + 1]) < 0.01)
		FROM migrisk.link_model_levels(um) l JOIN em_truth t USING (field)) AS u_within_001
FROM em_u;
SELECT (fm -> 'em' ->> 'fixed_u')::boolean AS fixed_u,
	   (SELECT bool_and(l.u = k.u) FROM migrisk.link_model_levels(fm) l
		JOIN migrisk.link_model_levels(um) k USING (field, level_index)) AS u_kept,
	   (SELECT bool_and(abs(l.m - t.m[l.level_index + 1]) < 0.02)
		FROM migrisk.link_model_levels(fm) l JOIN em_truth t USING (field)) AS m_within_002
FROM (SELECT migrisk.link_em_fit(array_agg(gamma), array_agg(n), (SELECT um FROM em_u)) AS fm FROM em_pat) f, em_u;
-- errors
SELECT migrisk.link_em_fit(ARRAY['sex=equal']::migrisk.link_gamma[], ARRAY[1, 2]::float8[]);
SELECT migrisk.link_em_fit(ARRAY['sex=equal', NULL]::migrisk.link_gamma[], ARRAY[1, 2]::float8[]);
SELECT migrisk.link_em_fit(ARRAY['sex=equal']::migrisk.link_gamma[], ARRAY[-1]::float8[]);
SELECT migrisk.link_em_fit(ARRAY['sex=equal']::migrisk.link_gamma[], ARRAY[1]::float8[], lambda => 1);
SELECT migrisk.link_em_fit(ARRAY['sex=equal']::migrisk.link_gamma[], ARRAY[1]::float8[], max_iter => 0);
SELECT migrisk.link_em_fit('{}', '{}') IS NULL AS empty_is_null;

-- Empty input and NULL gammas give no model.
SELECT migrisk.link_em(gamma) IS NULL AS empty_is_null FROM em_pairs WHERE false;
SELECT migrisk.link_em(NULL::migrisk.link_gamma) IS NULL AS nulls_are_null FROM generate_series(1, 3);

-- Fewer than three compared fields cannot be separated: a WARNING.
SELECT migrisk.link_em(g) -> 'fields' ? 'sex' AS sex_only
FROM (VALUES ('sex=equal'::migrisk.link_gamma), ('sex=different')) v(g);

-- Bad options: before any work.
SELECT migrisk.link_em(gamma, 0) FROM em_pairs;
SELECT migrisk.link_em(gamma, 100001) FROM em_pairs;
SELECT migrisk.link_em(gamma, 10, 0) FROM em_pairs;
SELECT migrisk.link_em(gamma, 10, 1) FROM em_pairs;
SELECT migrisk.link_em(gamma, 10, 'NaN') FROM em_pairs;
