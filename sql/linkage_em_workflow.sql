-- linkage_em_workflow: the one-call workflow (link_records) end to end on
-- removals and receptions with a known truth, then persons from links.
-- The comparison and blocking functions are small stand-ins defined here,
-- so the workflow is tested on its own: link_records takes any function
-- pair (identity, identity) -> link_gamma and identity -> text[].

-- CONTEXT lines carry line numbers of link_records: not shown
\set SHOW_CONTEXT never

CREATE TYPE wf_ident AS (given text, surname1 text, dob date);
CREATE FUNCTION wf_compare(a wf_ident, b wf_ident) RETURNS migrisk.link_gamma
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
	IF a.given = 'BOOM' OR b.given = 'BOOM' THEN
		RAISE EXCEPTION 'wf_compare: refused';
	END IF;
	RETURN format('given=%s,surname1=%s,dob=%s',
		CASE WHEN a.given = b.given THEN 'exact'
			 WHEN left(a.given, 3) = left(b.given, 3) THEN 'jw92' ELSE 'different' END,
		CASE WHEN a.surname1 = b.surname1 THEN 'exact'
			 WHEN left(a.surname1, 3) = left(b.surname1, 3) THEN 'jw92' ELSE 'different' END,
		CASE WHEN a.dob = b.dob THEN 'exact'
			 WHEN abs(a.dob - b.dob) <= 366 THEN 'within_year' ELSE 'different' END
	)::migrisk.link_gamma;
END
$$;
CREATE FUNCTION wf_blocking(a wf_ident) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT AS $$
	SELECT ARRAY[left(a.surname1, 3) || extract(year FROM a.dob), left(a.given, 3) || a.dob]
$$;

-- 600 persons from 12 given names, 15 surnames and birth dates over 30
-- years; each is removed once (id = person).  90% are received (id =
-- 10000 + person) 0-3 days later at the point facing the port, a quarter of
-- those with the given name cut short by one letter, a tenth with the birth
-- date one day off.  50 receptions are of people never removed.
SELECT setseed(0.11);
CREATE TEMP TABLE wf_person AS
SELECT p AS person,
	   (ARRAY['JOSE','JUAN','MARIA','LUIS','CARLOS','ANA','JORGE','ROSA','PEDRO','MIGUEL','SANDRA','DIEGO'])[1 + floor(random() * 12)::int] AS given,
	   (ARRAY['HERNANDEZ','GARCIA','LOPEZ','MARTINEZ','GONZALEZ','PEREZ','RODRIGUEZ','SANCHEZ','RAMIREZ','CRUZ','FLORES','GOMEZ','MORALES','VAZQUEZ','REYES'])[1 + floor(random() * 15)::int] AS surname1,
	   date '1975-01-01' + floor(random() * 11000)::int AS dob,
	   1 + floor(random() * 13)::int AS pointno
FROM generate_series(1, 650) p;
CREATE TEMP TABLE wf_points AS
SELECT row_number() OVER (ORDER BY us_port) AS pointno, us_port, mx_point FROM migrisk.repatriation_point;
CREATE TABLE wf_removal AS
SELECT person AS removal_id, given, surname1, dob, us_port AS port,
	   date '2024-01-01' + (person % 300) AS removal_date
FROM wf_person JOIN wf_points USING (pointno) WHERE person <= 600;
CREATE TABLE wf_reception AS
SELECT 10000 + person AS reception_id,
	   CASE WHEN random() < 0.25 THEN left(given, -1) ELSE given END AS nombre,
	   surname1 AS apellido,
	   dob + CASE WHEN random() < 0.1 THEN 1 ELSE 0 END AS nacimiento,
	   mx_point AS punto,
	   date '2024-01-01' + (person % 300) + floor(random() * 4)::int AS fecha,
	   person <= 600 AS was_removed
FROM wf_person JOIN wf_points USING (pointno)
WHERE person > 600 OR random() < 0.9;
SELECT count(*) FILTER (WHERE was_removed) AS true_links, count(*) AS receptions FROM wf_reception;

-- The call: removals to receptions, with plausibility; NOTICEs carry
-- timings, so they are silenced here (docs/linkage.md shows them).
SET client_min_messages = warning;
CREATE TEMP TABLE wf_run AS
SELECT migrisk.link_records(
	'wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	'wf_reception', 'reception_id', 'ROW(nombre, apellido, nacimiento)::wf_ident',
	result_table => 'wf_links',
	plausibility => 'migrisk.return_plausibility(l.removal_date, l.port, r.fecha, r.punto)',
	compare_function => 'wf_compare', blocking_function => 'wf_blocking') AS model;
RESET client_min_messages;

SELECT (model -> 'run' ->> 'left_records')::int AS left_records,
	   (model -> 'run' ->> 'right_records')::int AS right_records,
	   (model -> 'run' ->> 'links')::int = (SELECT count(*) FROM wf_links) AS links_counted,
	   (model -> 'run' ->> 'candidate_pairs')::int > (model -> 'run' ->> 'links')::int AS more_candidates_than_links,
	   model -> 'fields' ? 'plausibility' AS plausibility_estimated,
	   -- lambda estimated (not the old one-to-one prior min(600, 580) /
	   -- candidates) and within the bound: at most 600 matching pairs
	   (model ->> 'lambda')::float8 <> 580.0 / (model -> 'run' ->> 'candidate_pairs')::int
	   AND (model ->> 'lambda')::float8 * (model -> 'run' ->> 'candidate_pairs')::int <= 600 AS lambda_estimated_within_bound,
	   (model -> 'em' ->> 'converged')::boolean AS converged
FROM wf_run;

-- Precision, recall and F1 against the truth (a removal links to the
-- reception of the same person).  The stand-in comparator is crude, so the
-- bar here is 0.9; the weights of the result agree with match_weight.
WITH t AS (
	SELECT count(*) FILTER (WHERE id_b = id_a + 10000) AS tp, count(*) AS linked,
		   (SELECT count(*) FROM wf_reception WHERE was_removed) AS truth
	FROM wf_links)
SELECT tp::float8 / linked > 0.9 AS precision_above_09,
	   tp::float8 / truth > 0.9 AS recall_above_09,
	   2.0 * tp / (linked + truth) > 0.9 AS f1_above_09
FROM t;
SELECT bool_and(l.match_weight = migrisk.match_weight(l.gamma, r.model)
				AND l.match_probability = migrisk.match_probability(l.gamma, r.model)
				AND l.match_probability >= 0.5) AS scores_consistent
FROM wf_links l, wf_run r;

-- Persons: removals and receptions linked above 0.5, every record counted;
-- within 1% of the 650 true persons.
SELECT count(*) AS records, count(DISTINCT person_id) AS persons,
	   abs(count(DISTINCT person_id) - 650) <= 6.5 AS within_1_percent
FROM migrisk.link_clusters($$
	SELECT id_a, id_b FROM wf_links WHERE match_probability >= 0.5
	UNION ALL SELECT removal_id, NULL FROM wf_removal
	UNION ALL SELECT reception_id, NULL FROM wf_reception$$);

-- A given model is used as it is (no EM), and deduplication of one table.
SET client_min_messages = warning;
SELECT (migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
		'wf_reception', 'reception_id', 'ROW(nombre, apellido, nacimiento)::wf_ident',
		result_table => 'wf_links2', model => (SELECT model FROM wf_run),
		compare_function => 'wf_compare', blocking_function => 'wf_blocking')
		-> 'run' ->> 'model_given')::boolean AS model_given;
SELECT (migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
		result_table => 'public.wf_dedup', threshold => 0,
		compare_function => 'wf_compare', blocking_function => 'wf_blocking')
		-> 'run' ->> 'right_records')::int AS dedup_right_records;
RESET client_min_messages;
SELECT bool_and(id_a < id_b) AS ordered_pairs, count(*) > 0 AS some_pairs FROM wf_dedup;

-- Date-window blocking: receptions 0-7 days after the removal.  Checked
-- against plain SQL over the same keys: no candidate lies outside the
-- buckets' reach (-7..14 days), every key-sharing pair inside the window is
-- a candidate, and fewer pairs are compared than without the window.  u
-- starts from random pairs: here the two tables are small enough (600 x
-- 580 < 1M) for every pair; EM then re-estimates it with m and lambda.
SET client_min_messages = warning;
CREATE TEMP TABLE wf_run_w AS
SELECT migrisk.link_records(
	'wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	'wf_reception', 'reception_id', 'ROW(nombre, apellido, nacimiento)::wf_ident',
	result_table => 'wf_links_w', threshold => 0,
	plausibility => 'migrisk.return_plausibility(l.removal_date, l.port, r.fecha, r.punto)',
	compare_function => 'wf_compare', blocking_function => 'wf_blocking',
	left_date => 'removal_date', right_date => 'fecha') AS model;
RESET client_min_messages;
CREATE TEMP TABLE wf_keypairs AS
SELECT DISTINCT a.removal_id, b.reception_id, b.fecha - a.removal_date AS days
FROM wf_removal a JOIN wf_reception b
  ON wf_blocking(ROW(a.given, a.surname1, a.dob)::wf_ident) && wf_blocking(ROW(b.nombre, b.apellido, b.nacimiento)::wf_ident);
SELECT model -> 'run' -> 'date_window' AS date_window,
	   (SELECT bool_and(b.fecha - a.removal_date BETWEEN -7 AND 14)
		FROM wf_links_w l JOIN wf_removal a ON a.removal_id = l.id_a
		JOIN wf_reception b ON b.reception_id = l.id_b) AS within_reach,
	   (SELECT count(*) FROM wf_keypairs k
		WHERE k.days BETWEEN 0 AND 7
		  AND NOT EXISTS (SELECT 1 FROM wf_links_w l WHERE l.id_a = k.removal_id AND l.id_b = k.reception_id)) AS window_pairs_missed,
	   (model -> 'run' ->> 'candidate_pairs')::int = (SELECT count(*) FROM wf_links_w) AS all_candidates_written,
	   (model -> 'run' ->> 'candidate_pairs')::int * 2 < (SELECT count(*) FROM wf_keypairs) AS half_the_pairs_or_fewer,
	   (model -> 'run' ->> 'u_pairs')::int = 600 * 580 AS u_from_every_pair,
	   (model -> 'em' ->> 'fixed_u')::boolean AS u_fixed
FROM wf_run_w;
WITH t AS (
	SELECT count(*) FILTER (WHERE id_b = id_a + 10000) AS tp, count(*) AS linked,
		   (SELECT count(*) FROM wf_reception WHERE was_removed) AS truth
	FROM wf_links_w WHERE match_probability >= 0.5)
SELECT tp::float8 / linked > 0.97 AS precision_above_097,
	   tp::float8 / truth > 0.97 AS recall_above_097
FROM t;

-- Clear errors before any work.
SELECT migrisk.link_records('wf_removal', 'nope', 'ROW(given, surname1, dob)::wf_ident',
	compare_function => 'wf_compare', blocking_function => 'wf_blocking');
SELECT migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	'wf_reception', 'nope', 'ROW(nombre, apellido, nacimiento)::wf_ident',
	compare_function => 'wf_compare', blocking_function => 'wf_blocking');
SELECT migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname_typo, dob)::wf_ident',
	compare_function => 'wf_compare', blocking_function => 'wf_blocking');
SELECT migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	threshold => 1.01, compare_function => 'wf_compare', blocking_function => 'wf_blocking');
SELECT migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	result_table => 'wf_links', compare_function => 'wf_compare', blocking_function => 'wf_blocking');
SELECT migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	result_table => 'x', model => '{"lambda": 2}',
	compare_function => 'wf_compare', blocking_function => 'wf_blocking');
SELECT migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	right_table => 'wf_reception', result_table => 'x',
	compare_function => 'wf_compare', blocking_function => 'wf_blocking');
SELECT migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	result_table => 'x', plausibility => 'l.no_such_column',
	compare_function => 'wf_compare', blocking_function => 'wf_blocking');
SELECT migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	result_table => 'x', compare_function => 'no_such_compare', blocking_function => 'wf_blocking');
SELECT migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	result_table => 'x', lambda => 1.5,
	compare_function => 'wf_compare', blocking_function => 'wf_blocking');
SELECT migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	result_table => 'x', max_block => 1,
	compare_function => 'wf_compare', blocking_function => 'wf_blocking');
SELECT migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	result_table => 'bad..name', compare_function => 'wf_compare', blocking_function => 'wf_blocking');

-- Date-window errors: one date without the other, a window on one table,
-- an empty window.
SELECT migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	'wf_reception', 'reception_id', 'ROW(nombre, apellido, nacimiento)::wf_ident', result_table => 'x',
	compare_function => 'wf_compare', blocking_function => 'wf_blocking', left_date => 'removal_date');
SELECT migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	result_table => 'x', compare_function => 'wf_compare', blocking_function => 'wf_blocking',
	left_date => 'removal_date', right_date => 'removal_date');
SELECT migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	'wf_reception', 'reception_id', 'ROW(nombre, apellido, nacimiento)::wf_ident', result_table => 'x',
	compare_function => 'wf_compare', blocking_function => 'wf_blocking',
	left_date => 'removal_date', right_date => 'fecha', min_days => 3, max_days => 1);
SELECT migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	'wf_reception', 'reception_id', 'ROW(nombre, apellido, nacimiento)::wf_ident', result_table => 'x',
	compare_function => 'wf_compare', blocking_function => 'wf_blocking',
	left_date => 'no_such_column', right_date => 'fecha');

-- A failure half-way (the comparator raises an error on one record) leaves
-- no result table behind.
INSERT INTO wf_removal VALUES (9999, 'BOOM', 'HERNANDEZ', '1990-01-01', 'Laredo', '2024-01-01');
INSERT INTO wf_removal VALUES (9998, 'BOOX', 'HERNANDEZ', '1990-01-01', 'Laredo', '2024-01-01');
SET client_min_messages = warning;
SELECT migrisk.link_records('wf_removal', 'removal_id', 'ROW(given, surname1, dob)::wf_ident',
	result_table => 'wf_half', compare_function => 'wf_compare', blocking_function => 'wf_blocking');
RESET client_min_messages;
SELECT to_regclass('wf_half') IS NULL AS no_half_written_table;

DROP TABLE wf_removal, wf_reception, wf_links, wf_links2, wf_dedup;
DROP FUNCTION wf_compare(wf_ident, wf_ident), wf_blocking(wf_ident);
DROP TYPE wf_ident;
