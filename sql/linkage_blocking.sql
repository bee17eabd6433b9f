-- linkage_blocking: key families, the year of the keys in full (issue 21),
-- nicknames, blocking_analysis against link_records, link_accuracy.
SET search_path = migrisk, public;
SET client_min_messages = warning;

-- The year keeps its sign and all its digits: 12024 and 2024, -2024 (2025
-- BC) and 2024 share no key with a year or a decade any more, only the one
-- of day and month (D), which has no year by design.
SELECT k FROM unnest(blocking_keys(ROW('Juan', 'Pérez', NULL, '12024-01-01', NULL, NULL))) k WHERE k ~ '^[SG]';
SELECT k FROM unnest(blocking_keys(ROW('Juan', 'Pérez', NULL, '2025-01-01 BC', NULL, NULL))) k WHERE k ~ '^[SG]';
SELECT blocking_keys(ROW('Juan', 'Pérez', NULL, '12024-01-01', NULL, NULL))
    && blocking_keys(ROW('Juan', 'Perez', NULL, '2024-01-01', NULL, NULL))
   AS shares_a_key,
       (SELECT array_agg(k) FROM unnest(blocking_keys(ROW('Juan', 'Pérez', NULL, '12024-01-01', NULL, NULL))) k
        WHERE k = ANY (blocking_keys(ROW('Juan', 'Perez', NULL, '2024-01-01', NULL, NULL)))) AS shared;

-- Nicknames: the table, and Pancho against Francisco
SELECT count(*) AS equivalents, count(*) FILTER (WHERE variant = 'PANCHO' AND name = 'FRANCISCO') AS pancho
FROM given_name_equivalents();
SELECT level(compare_persons(ROW('Francisco', 'Hernández', 'López', '1985-03-04', 'M', 'MEX'),
                             ROW('PANCHO', 'HERNANDEZ', 'LOPEZ', '1985-03-04', 'M', 'MEX')), 'given') AS nickname,
       level(compare_persons(ROW('Fernando Antonio', 'Pop', NULL, '1985-03-04', 'M', 'GTM'),
                             ROW('ANTONIO', 'POP', NULL, '1985-03-04', 'M', 'GTM')), 'given') AS one_name_dropped,
       level(compare_persons(ROW('María Elena', 'Pop', NULL, '1985-03-04', 'F', 'GTM'),
                             ROW('MARIA ROSA', 'POP', NULL, '1985-03-04', 'F', 'GTM')), 'given') AS only_maria_shared;

-- A blocking key of one family survives a nickname plus a year off by one:
-- D (surname, day and month) and N (given name read through the table).
SELECT k FROM unnest(blocking_keys(ROW('Jesús', 'Méndez', 'Pastrana', '1990-05-17', 'M', 'MEX'))) k
WHERE k = ANY (blocking_keys(ROW('CHUY', 'MENDEZ', NULL, '1991-05-17', 'M', 'USA'))) ORDER BY k;

-- blocking_analysis predicts the candidate pairs link_records compares
CREATE TEMP TABLE la (id int8, person int, given text, s1 text, s2 text, dob date);
CREATE TEMP TABLE lb (id int8, person int, given text, s1 text, s2 text, dob date);
INSERT INTO la VALUES
	(1, 1, 'Francisco', 'Hernández', 'López', '1985-03-04'),
	(2, 2, 'María Guadalupe', 'García', 'Pérez', '1990-07-09'),
	(3, 3, 'Jesús', 'Méndez', 'Pastrana', '1990-05-17'),
	(4, 4, 'Rosa', 'de la Cruz', 'Soto', '1979-11-02'),
	(5, 5, 'Juan', 'Hernández', 'Ruiz', '2000-01-01');
INSERT INTO lb VALUES
	(11, 1, 'PANCHO', 'HERNANDEZ', 'LOPEZ', '1985-04-03'),
	(12, 2, 'LUPE', 'GARCIA-PEREZ', NULL, '1991-07-09'),
	(13, 3, 'CHUY', 'MENDES', NULL, NULL),
	(14, 4, 'ROSA', 'CRUZ', 'SOTO', '1979-11-02'),
	(15, 6, 'JUAN', 'HERNANDEZ', 'LOPEZ', '1970-06-06');
SELECT family, keys, skipped_keys, candidate_pairs, true_pairs, true_pairs_kept,
       round(pair_completeness::numeric, 3) AS pc, round(reduction_ratio::numeric, 3) AS rr
FROM blocking_analysis('la', 'id', 'ROW(given, s1, s2, dob, NULL, NULL)::migrisk.person_ident',
                       'lb', 'id', 'ROW(given, s1, s2, dob, NULL, NULL)::migrisk.person_ident',
                       left_truth => 'person', right_truth => 'person');
SELECT (link_records('la', 'id', 'ROW(given, s1, s2, dob, NULL, NULL)::migrisk.person_ident',
                     'lb', 'id', 'ROW(given, s1, s2, dob, NULL, NULL)::migrisk.person_ident',
                     result_table => 'lab_links', threshold => 0) -> 'run' -> 'candidate_pairs') AS link_records_candidates;
SELECT id_a, id_b FROM lab_links ORDER BY 1, 2;

-- Deduplicating one table: the same equality.  Two more records of persons
-- 1 and 2 (abbreviated and nickname given names): the true pairs 1-6 and
-- 2-7 are kept.
INSERT INTO la VALUES (6, 1, 'Fco.', 'Hernandez', 'Lopez', '1985-03-04'),
	(7, 2, 'Lupita', 'Garcia', NULL, '1990-07-09');
SELECT family, candidate_pairs, true_pairs, true_pairs_kept, round(reduction_ratio::numeric, 3) AS rr
FROM blocking_analysis('la', 'id', 'ROW(given, s1, s2, dob, NULL, NULL)::migrisk.person_ident',
                       left_truth => 'person') WHERE family = 'all';
SELECT (link_records('la', 'id', 'ROW(given, s1, s2, dob, NULL, NULL)::migrisk.person_ident',
                     result_table => 'la_dups', threshold => 0) -> 'run' -> 'candidate_pairs') AS dedup_candidates;
SELECT id_a, id_b FROM la_dups ORDER BY 1, 2;

-- link_accuracy: with labels, against hand-counted values
CREATE TEMP TABLE scored (id_a int8, id_b int8, match_probability float8);
INSERT INTO scored VALUES (1, 11, 0.99), (2, 12, 0.8), (3, 13, 0.4), (5, 15, 0.6), (5, 11, 0.1);
SELECT threshold, links, true_links, false_links, missed_links, "precision", recall,
       round(f1::numeric, 4) AS f1, round(expected_false_links::numeric, 2) AS exp_false,
       round(expected_missed_links::numeric, 2) AS exp_missed
FROM link_accuracy('SELECT * FROM scored', 'SELECT 1 AS id_a, 11 AS id_b UNION ALL SELECT 2, 12 UNION ALL SELECT 3, 13 UNION ALL SELECT 4, 14',
                   '{0.5,0.9}');
SELECT threshold, links, true_links, "precision", round(expected_false_links::numeric, 2) AS exp_false
FROM link_accuracy('SELECT * FROM scored', thresholds => '{0.5}');
SELECT * FROM link_accuracy('SELECT * FROM scored', thresholds => '{1.5}');

-- Term-frequency adjustment of the given name (fifth argument): on an exact
-- given name, log2(u_exact) - log2(max(tf, 0.001)); u_exact = 0.01 here, so
-- tf 0.05 gives log2(0.2) = -2.321928, tf 0.0001 (floored at 0.001) gives
-- log2(10) = 3.321928; a given name not exact: no adjustment.
CREATE TEMP TABLE tfm AS SELECT '{"lambda": 0.2, "fields": {
    "given": {"m": [0.9, 0.04, 0.03, 0.02, 0.01], "u": [0.01, 0.01, 0.02, 0.06, 0.9]},
    "surname1": {"m": [0.8, 0.05, 0.05, 0.03, 0.04, 0.03], "u": [0.01, 0.01, 0.02, 0.03, 0.01, 0.92]}}}'::jsonb AS model;
SELECT round((match_weight('given=exact,surname1=exact', model, NULL, NULL, 0.05)
              - match_weight('given=exact,surname1=exact', model))::numeric, 6) AS common_given,
       round((match_weight('given=exact,surname1=exact', model, NULL, NULL, 0.0001)
              - match_weight('given=exact,surname1=exact', model))::numeric, 6) AS rare_given,
       match_weight('given=jw92,surname1=exact', model, NULL, NULL, 0.05)
         = match_weight('given=jw92,surname1=exact', model) AS only_exact,
       round((match_weight('given=exact,surname1=exact', model, 0.05, NULL, 0.05)
              - match_weight('given=exact,surname1=exact', model))::numeric, 6) AS both_common,
       round(match_probability('given=exact,surname1=exact', model, NULL, NULL, 0.05)::numeric, 6)
         = round((2 ^ match_weight('given=exact,surname1=exact', model, NULL, NULL, 0.05)
                  / (1 + 2 ^ match_weight('given=exact,surname1=exact', model, NULL, NULL, 0.05)))::numeric, 6) AS probability_agrees
FROM tfm;
SELECT match_weight('given=exact', model, NULL, NULL, 1.5) FROM tfm;
