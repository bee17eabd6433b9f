#!/bin/sh
# bench_linkage_em: removal-to-reception linkage on the synthetic data set
# with known truth (test/data, docs/data.md): link_records end to end
# (blocking, comparison with plausibility, EM, scoring), then persons by
# link_clusters.  Prints the stage times, candidate pairs and pairs per
# second, precision / recall / F1 against the truth for the model
# link_records estimates (lambda estimated within its bound) and, as the
# peer in the same run, for plain EM with lambda free (link_em), and the
# person count against the truth.  No labels are used by either model.
#
#   LINK_BENCH_PERSONS=20000 (default) persons in the synthetic population
set -eu
cd "$(dirname "$0")/../.."
persons=${LINK_BENCH_PERSONS:-20000}
dir=$(mktemp -d /tmp/migrisk_bench_linkage.XXXXXX)
trap 'rm -rf "$dir"' EXIT
sh test/data/run.sh "$persons" 1 "$dir" --quiet >/dev/null
db=migrisk_bench_linkage_$$
psql -X -q -c "CREATE DATABASE $db" >/dev/null
psql -X -q -d "$db" -c "CREATE EXTENSION migrisk CASCADE" >/dev/null 2>&1
psql -X -q -d "$db" -v dir="$dir" -f test/data/load.sql >/dev/null
echo "persons: $persons (seed 1)"
psql -X -d "$db" -v ON_ERROR_STOP=1 <<'SQL'
\pset footer off
\i test/bench/linkage_iso3.sql
-- integer ids: removals as they are, receptions offset by 10^9
CREATE TABLE rm AS SELECT substr(record_id, 3)::int8 AS id, * FROM synth.removals;
CREATE TABLE rc AS SELECT 1000000000 + substr(record_id, 3)::int8 AS id, * FROM synth.receptions;
SELECT count(*) AS removals FROM rm;
SELECT count(*) AS receptions FROM rc;
\timing on
SELECT migrisk.link_records('rm', 'id',
	$$ROW(given_names, surname1, surname2, birth_date, CASE gender WHEN 'Male' THEN 'M' WHEN 'Female' THEN 'F' END, pg_temp.iso3(citizenship))::migrisk.person_ident$$,
	'rc', 'id',
	$$ROW(given_names, surname1, surname2, birth_date, CASE sexo WHEN 'H' THEN 'M' WHEN 'M' THEN 'F' END, pg_temp.iso3(nationality))::migrisk.person_ident$$,
	result_table => 'links', threshold => 0,
	plausibility => 'migrisk.return_plausibility(l.removal_date, l.port_of_departure, r.reception_date, r.reception_point)') AS model \gset
SELECT (:'model'::jsonb -> 'run' ->> 'candidate_pairs')::int8 AS candidate_pairs,
	   round((:'model'::jsonb -> 'run' ->> 'candidate_pairs')::numeric
			 / nullif((:'model'::jsonb -> 'run' ->> 'comparison_s')::numeric, 0)) AS compared_pairs_per_s,
	   round((:'model'::jsonb -> 'run' ->> 'candidate_pairs')::numeric
			 / nullif((:'model'::jsonb -> 'run' ->> 'total_s')::numeric, 0)) AS end_to_end_pairs_per_s,
	   :'model'::jsonb -> 'run' ->> 'blocking_s' AS blocking_s,
	   :'model'::jsonb -> 'run' ->> 'comparison_s' AS comparison_s,
	   :'model'::jsonb -> 'run' ->> 'em_s' AS em_s,
	   :'model'::jsonb -> 'run' ->> 'scoring_s' AS scoring_s;
CREATE TABLE models AS
SELECT 'link_records (lambda one-to-one)' AS model, :'model'::jsonb AS m
UNION ALL
SELECT 'peer: link_em (lambda free)', migrisk.link_em(gamma) FROM links;
\timing off
-- truth: pairs of a removal and a reception of the same person
CREATE TABLE truth AS
SELECT a.id AS id_a, b.id AS id_b
FROM rm a JOIN synth.truth_records ta ON ta.record_id = a.record_id
JOIN synth.truth_records tb ON tb.person_id = ta.person_id
JOIN rc b ON b.record_id = tb.record_id;
SELECT (SELECT count(*) FROM truth) AS true_pairs,
	   (SELECT count(*) FROM truth JOIN links USING (id_a, id_b)) AS true_pairs_in_candidates;
WITH s AS (
	SELECT m.model, th, count(*) FILTER (WHERE t.id_a IS NOT NULL) AS tp, count(*) AS linked
	FROM models m, (VALUES (0.5), (0.9)) v(th), links l LEFT JOIN truth t USING (id_a, id_b)
	WHERE migrisk.match_probability(l.gamma, m.m) >= v.th
	GROUP BY 1, 2)
SELECT model, th AS threshold, linked, tp,
	   round(tp::numeric / linked, 4) AS precision,
	   round(tp::numeric / (SELECT count(*) FROM truth), 4) AS recall,
	   round(2.0 * tp / (linked + (SELECT count(*) FROM truth)), 4) AS f1
FROM s ORDER BY model, th;
-- persons among the removal and reception records: removal-reception links
-- >= 0.9 clustered; then with the removals' A-numbers as links (a realistic
-- US-side key, stable across encounters: a person removed twice by air has
-- no reception to join the two removals); then with each table's own
-- probabilistic deduplication (link_records without a right table)
\timing on
SELECT migrisk.link_records('rm', 'id',
	$$ROW(given_names, surname1, surname2, birth_date, CASE gender WHEN 'Male' THEN 'M' WHEN 'Female' THEN 'F' END, pg_temp.iso3(citizenship))::migrisk.person_ident$$,
	result_table => 'links_rm', threshold => 0.9) -> 'run' ->> 'links' AS removal_duplicate_links;
SELECT migrisk.link_records('rc', 'id',
	$$ROW(given_names, surname1, surname2, birth_date, CASE sexo WHEN 'H' THEN 'M' WHEN 'M' THEN 'F' END, pg_temp.iso3(nationality))::migrisk.person_ident$$,
	result_table => 'links_rc', threshold => 0.9) -> 'run' ->> 'links' AS reception_duplicate_links;
CREATE TABLE persons_cross AS SELECT * FROM migrisk.link_clusters($$
	SELECT id_a, id_b FROM links WHERE match_probability >= 0.9
	UNION ALL SELECT id, NULL FROM rm UNION ALL SELECT id, NULL FROM rc $$);
CREATE TABLE persons_anum AS SELECT * FROM migrisk.link_clusters($$
	SELECT id_a, id_b FROM links WHERE match_probability >= 0.9
	UNION ALL SELECT min(id) OVER (PARTITION BY a_number), id FROM rm WHERE a_number IS NOT NULL
	UNION ALL SELECT id, NULL FROM rm UNION ALL SELECT id, NULL FROM rc $$);
CREATE TABLE persons_all AS SELECT * FROM migrisk.link_clusters($$
	SELECT id_a, id_b FROM links WHERE match_probability >= 0.9
	UNION ALL SELECT id_a, id_b FROM links_rm UNION ALL SELECT id_a, id_b FROM links_rc
	UNION ALL SELECT id, NULL FROM rm UNION ALL SELECT id, NULL FROM rc $$);
-- persons by links alone: the model of the date-window linkage (whose
-- candidates are nearly all matches, so EM learns sharp m and u) scores
-- each table's deduplication candidates too
SET client_min_messages = warning;
CREATE TABLE window_model AS SELECT migrisk.link_records('rm', 'id',
	$$ROW(given_names, surname1, surname2, birth_date, CASE gender WHEN 'Male' THEN 'M' WHEN 'Female' THEN 'F' END, pg_temp.iso3(citizenship))::migrisk.person_ident$$,
	'rc', 'id',
	$$ROW(given_names, surname1, surname2, birth_date, CASE sexo WHEN 'H' THEN 'M' WHEN 'M' THEN 'F' END, pg_temp.iso3(nationality))::migrisk.person_ident$$,
	result_table => 'links_w',
	plausibility => 'migrisk.return_plausibility(l.removal_date, l.port_of_departure, r.reception_date, r.reception_point)',
	left_date => 'removal_date', right_date => 'reception_date') AS m;
SELECT migrisk.link_records('rm', 'id',
	$$ROW(given_names, surname1, surname2, birth_date, CASE gender WHEN 'Male' THEN 'M' WHEN 'Female' THEN 'F' END, pg_temp.iso3(citizenship))::migrisk.person_ident$$,
	result_table => 'links_rm_w', threshold => 0.9, model => (SELECT m FROM window_model)) -> 'run' ->> 'links' AS removal_duplicate_links_window_model;
SELECT migrisk.link_records('rc', 'id',
	$$ROW(given_names, surname1, surname2, birth_date, CASE sexo WHEN 'H' THEN 'M' WHEN 'M' THEN 'F' END, pg_temp.iso3(nationality))::migrisk.person_ident$$,
	result_table => 'links_rc_w', threshold => 0.9, model => (SELECT m FROM window_model)) -> 'run' ->> 'links' AS reception_duplicate_links_window_model;
RESET client_min_messages;
CREATE TABLE persons_window AS SELECT * FROM migrisk.link_clusters($$
	SELECT id_a, id_b FROM links_w
	UNION ALL SELECT id_a, id_b FROM links_rm_w UNION ALL SELECT id_a, id_b FROM links_rc_w
	UNION ALL SELECT id, NULL FROM rm UNION ALL SELECT id, NULL FROM rc $$);
\timing off
WITH t AS (SELECT count(DISTINCT person_id) AS n FROM synth.truth_records WHERE source IN ('removal', 'reception'))
SELECT v.links, v.persons, t.n AS persons_true, round(100.0 * (v.persons - t.n) / t.n, 2) AS error_percent
FROM t, (SELECT 1 AS o, 'removal-reception links' AS links, count(DISTINCT person_id) AS persons FROM persons_cross
		 UNION ALL
		 SELECT 2, 'plus removals sharing an A-number', count(DISTINCT person_id) FROM persons_anum
		 UNION ALL
		 SELECT 3, 'plus probabilistic deduplication of each table', count(DISTINCT person_id) FROM persons_all
		 UNION ALL
		 SELECT 4, 'links alone: date window, then each table deduplicated with its model', count(DISTINCT person_id) FROM persons_window) v
ORDER BY v.o;
SQL
psql -X -q -c "DROP DATABASE $db" >/dev/null
