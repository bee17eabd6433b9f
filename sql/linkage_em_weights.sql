-- linkage_em_weights: match weights and probabilities of a hand-written
-- model against hand computation, term-frequency adjustment, and models
-- that do not fit.

-- lambda = 0.2 (prior weight log2(0.2/0.8) = -2); three fields.
CREATE TEMP TABLE hand AS SELECT '{
  "lambda": 0.2,
  "fields": {
    "given":    {"m": [0.9, 0.04, 0.03, 0.02, 0.01], "u": [0.01, 0.01, 0.02, 0.06, 0.9]},
    "surname1": {"m": [0.8, 0.05, 0.05, 0.03, 0.04, 0.03], "u": [0.01, 0.01, 0.02, 0.03, 0.01, 0.92]},
    "sex":      {"m": [0.96, 0.04], "u": [0.5, 0.5]}
  }}'::jsonb AS model;

CREATE TEMP TABLE cases (name text, gamma migrisk.link_gamma, hand_weight float8);
INSERT INTO cases VALUES
	-- -2 + log2(0.9/0.01) + log2(0.8/0.01) + log2(0.96/0.5) = 11.754887502163468
	('all agree', 'given=exact,surname1=exact,sex=equal',
	 -2 + ln(0.9/0.01)/ln(2) + ln(0.8/0.01)/ln(2) + ln(0.96/0.5)/ln(2)),
	-- -2 + log2(0.01/0.9) + log2(0.03/0.92) + log2(0.04/0.5) = -17.074308741440255
	('all differ', 'given=different,surname1=different,sex=different',
	 -2 + ln(0.01/0.9)/ln(2) + ln(0.03/0.92)/ln(2) + ln(0.04/0.5)/ln(2)),
	-- only given compared: -2 + log2(90) = 4.491853096329675;
	-- probability 0.2*0.9 / (0.2*0.9 + 0.8*0.01) = 0.18/0.188
	('given only', 'given=exact', -2 + ln(90)/ln(2)),
	-- surname swapped: -2 + log2(0.04/0.01) = 0
	('swapped only', 'surname1=swapped', 0),
	-- dob is not in the model: no weight, the prior alone
	('field not in model', 'dob=exact', -2),
	('nothing compared', '', -2);

SELECT name, round(migrisk.match_weight(gamma, model)::numeric, 9) AS weight,
	   abs(migrisk.match_weight(gamma, model) - hand_weight) < 1e-12 AS weight_ok,
	   round(migrisk.match_probability(gamma, model)::numeric, 9) AS probability,
	   abs(migrisk.match_probability(gamma, model)
		   - 1 / (1 + 2 ^ (-hand_weight))) < 1e-12 AS probability_ok
FROM cases, hand ORDER BY name;

-- Bayes' rule directly: 0.18 / 0.188
SELECT abs(migrisk.match_probability('given=exact', model) - 0.18 / 0.188) < 1e-15 AS bayes
FROM hand;

-- NULLs
SELECT migrisk.match_weight(NULL, model) IS NULL AS null_gamma,
	   migrisk.match_weight('sex=equal', NULL) IS NULL AS null_model,
	   migrisk.match_probability(NULL, model, 0.1) IS NULL AS null_gamma_tf
FROM hand;

-- Term frequencies: on an exact surname1 agreement the weight moves by
-- log2(u_exact) - log2(max(tf, 0.001)), u_exact = 0.01.
SELECT tf,
	   round((migrisk.match_weight('given=exact,surname1=exact,sex=equal', model, tf)
			  - migrisk.match_weight('given=exact,surname1=exact,sex=equal', model))::numeric, 9) AS adjustment,
	   round(CASE WHEN tf IS NULL THEN 0 ELSE ln(0.01) - ln(greatest(tf, 0.001)) END::numeric
			 / ln(2)::numeric, 9) AS by_hand
FROM hand, (VALUES (0.05::float8), (0.01), (0.0001), (NULL)) t(tf)
ORDER BY tf NULLS LAST;
-- not an exact agreement: no adjustment; surname2 not in the model: none
SELECT migrisk.match_weight('surname1=phonetic', model, 0.05) = migrisk.match_weight('surname1=phonetic', model) AS only_exact,
	   migrisk.match_weight('surname2=exact', model, NULL, 0.05) = -2 AS surname2_absent
FROM hand;
-- tf_minimum from the model
SELECT round((migrisk.match_weight('surname1=exact', model || '{"tf_minimum": 0.0001}', 0.00001)
			  - migrisk.match_weight('surname1=exact', model))::numeric, 9) AS floored_at_1e_4
FROM hand;
SELECT migrisk.match_weight('surname1=exact', model, 0) FROM hand;
SELECT migrisk.match_weight('surname1=exact', model, 1.5) FROM hand;

-- The model read back as rows: weight = log2(m/u).
SELECT field, level, m, u, round(weight::numeric, 6) AS weight
FROM hand, migrisk.link_model_levels(model);

-- Models that do not fit: clear errors.
SELECT migrisk.match_weight('sex=equal', '[1, 2]');
SELECT migrisk.match_weight('sex=equal', '{"fields": {}}');
SELECT migrisk.match_weight('sex=equal', '{"lambda": 1.5, "fields": {}}');
SELECT migrisk.match_weight('sex=equal', '{"lambda": 0.1}');
SELECT migrisk.match_weight('sex=equal', '{"lambda": 0.1, "fields": {"gender": {"m": [0.9, 0.1], "u": [0.5, 0.5]}}}');
SELECT migrisk.match_weight('sex=equal', '{"lambda": 0.1, "fields": {"sex": {"m": [0.9, 0.05, 0.05], "u": [0.5, 0.5]}}}');
SELECT migrisk.match_weight('sex=equal', '{"lambda": 0.1, "fields": {"sex": {"m": [1, 0], "u": [0.5, 0.5]}}}');
SELECT migrisk.match_weight('sex=equal', '{"lambda": 0.1, "fields": {"sex": {"m": [0.9, 0.1]}}}');
SELECT migrisk.match_weight('sex=equal', '{"lambda": 0.1, "fields": {"sex": {"m": [0.9, "x"], "u": [0.5, 0.5]}}}');
SELECT migrisk.match_weight('sex=equal', '{"lambda": 0.1, "fields": {"sex": [0.9, 0.1]}}');
SELECT migrisk.match_weight('sex=equal', '{"lambda": 0.1, "tf_minimum": 0, "fields": {}}');

-- One cached model per call site: a changed model in the next row is
-- re-read, not served from the cache.
SELECT round(migrisk.match_weight('sex=equal', m)::numeric, 9) AS weight
FROM (VALUES ('{"lambda": 0.5, "fields": {"sex": {"m": [0.8, 0.2], "u": [0.4, 0.6]}}}'::jsonb),
			 ('{"lambda": 0.5, "fields": {"sex": {"m": [0.8, 0.2], "u": [0.2, 0.8]}}}'::jsonb)) v(m);

-- with_plausibility sets the plausibility field of a comparison vector.
SELECT migrisk.with_plausibility('given=exact', 0) AS fits,
	   migrisk.level(migrisk.with_plausibility('given=exact', 2), 'plausibility') AS point_only,
	   migrisk.with_plausibility(migrisk.with_plausibility('given=exact', 3), NULL)::text
	   = 'given=exact'::migrisk.link_gamma::text AS cleared;
SELECT migrisk.with_plausibility('given=exact', 4);
SELECT migrisk.with_plausibility('given=exact', -1);

-- A model that does not fit after one that does, through the same call
-- site (an exception block catches the error and the loop calls again):
-- every bad model must be refused, however often, and the good one scored
-- again.  The bad model differs from the good one in its last probability
-- only, so parsing gets far before it fails.
DO $$
DECLARE
	good jsonb := (SELECT model FROM hand);
	bad jsonb := jsonb_set((SELECT model FROM hand), '{fields,sex,u,1}', '7');
	m jsonb;
	w float8;
BEGIN
	FOREACH m IN ARRAY ARRAY[good, bad, bad, good, bad] LOOP
		BEGIN
			w := migrisk.match_weight('given=exact,surname1=exact,sex=equal', m);
			RAISE NOTICE '% model: weight %', CASE WHEN m = good THEN 'good' ELSE 'bad' END, round(w::numeric, 9);
		EXCEPTION WHEN invalid_parameter_value THEN
			RAISE NOTICE '% model: %', CASE WHEN m = good THEN 'good' ELSE 'bad' END, SQLERRM;
		END;
	END LOOP;
END $$;
