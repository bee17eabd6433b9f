#!/bin/sh
# bench_linkage_errors: removal-to-reception linkage across error levels of
# the synthetic data (test/data, docs/data.md: --errors K multiplies every
# identity error rate; the model is never told the rates).  For each level
# and for identity fields only / with the date window and return
# plausibility: blocking_analysis (per key family: candidate pairs, pair
# completeness), then link_records with no labels, then link_accuracy at
# probability 0.5 against the generator's truth, beside the label-free
# estimates (expected false links, expected missed matches).
#
#   LINK_BENCH_PERSONS=20000 (default)   LINK_BENCH_ERRORS="0.5 1 2" (default)
#   LINK_BENCH_SEED=1 (default)
set -eu
cd "$(dirname "$0")/../.."
persons=${LINK_BENCH_PERSONS:-20000}
levels=${LINK_BENCH_ERRORS:-0.5 1 2}
seed=${LINK_BENCH_SEED:-1}
dir=$(mktemp -d /tmp/migrisk_bench_errors.XXXXXX)
db=migrisk_bench_errors_$$
trap 'rm -rf "$dir"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
psql -X -q -d "$db" -c "CREATE EXTENSION migrisk CASCADE" >/dev/null 2>&1
psql -X -q -d "$db" -c "CREATE TABLE result (errors float8, mode text, family text, candidate_pairs int8,
	pair_completeness float8, reduction_ratio float8, true_pairs int8, true_kept int8, links int8, precision float8, recall float8, f1 float8,
	false_links int8, expected_false float8, missed int8, expected_missed float8, total_s float8);
	CREATE TABLE models (errors float8, mode text, m jsonb)"
for e in $levels; do
	sh test/data/run.sh "$persons" "$seed" "$dir/d" --quiet --errors "$e" >/dev/null
	psql -X -q -d "$db" -v dir="$dir/d" -f test/data/load.sql >/dev/null
	psql -X -q -d "$db" -v ON_ERROR_STOP=1 -v errors="$e" <<'SQL' >/dev/null
SET client_min_messages = warning;
\i test/bench/linkage_iso3.sql
DROP TABLE IF EXISTS rm, rc, truth, links_id, links_win;
CREATE TABLE rm AS SELECT substr(r.record_id, 3)::int8 AS id, t.person_id, r.*
	FROM synth.removals r JOIN synth.truth_records t USING (record_id);
CREATE TABLE rc AS SELECT 1000000000 + substr(r.record_id, 3)::int8 AS id, t.person_id, r.*
	FROM synth.receptions r JOIN synth.truth_records t USING (record_id);
CREATE TABLE truth AS SELECT a.id AS id_a, b.id AS id_b FROM rm a JOIN rc b USING (person_id);
\set lid '$$ROW(given_names, surname1, surname2, birth_date, CASE gender WHEN ''Male'' THEN ''M'' WHEN ''Female'' THEN ''F'' END, pg_temp.iso3(citizenship))::migrisk.person_ident$$'
\set rid '$$ROW(given_names, surname1, surname2, birth_date, CASE sexo WHEN ''H'' THEN ''M'' WHEN ''M'' THEN ''F'' END, pg_temp.iso3(nationality))::migrisk.person_ident$$'
-- identity fields only
INSERT INTO result (errors, mode, family, candidate_pairs, pair_completeness, reduction_ratio, true_pairs, true_kept)
SELECT :errors, 'identity', family, candidate_pairs, pair_completeness, reduction_ratio, true_pairs, true_pairs_kept
FROM migrisk.blocking_analysis('rm', 'id', :lid, 'rc', 'id', :rid, left_truth => 'person_id', right_truth => 'person_id');
SELECT migrisk.link_records('rm', 'id', :lid, 'rc', 'id', :rid, result_table => 'links_id', threshold => 0) AS m \gset
INSERT INTO models VALUES (:errors, 'identity', :'m');
UPDATE result SET total_s = (:'m'::jsonb -> 'run' ->> 'total_s')::float8,
	candidate_pairs = CASE WHEN candidate_pairs = (:'m'::jsonb -> 'run' ->> 'candidate_pairs')::int8
		THEN candidate_pairs ELSE -1 END   -- -1: the analysis did not predict the run
WHERE errors = :errors AND mode = 'identity' AND family = 'all';
UPDATE result r SET links = a.links, precision = a.precision, recall = a.recall, f1 = a.f1,
	false_links = a.false_links, expected_false = a.expected_false_links,
	missed = a.missed_links - (r.true_pairs - r.true_kept), expected_missed = a.expected_missed_links
FROM migrisk.link_accuracy('SELECT id_a, id_b, match_probability FROM links_id', 'SELECT id_a, id_b FROM truth', '{0.5}') a
WHERE r.errors = :errors AND r.mode = 'identity' AND r.family = 'all';
-- with the date window and return plausibility
INSERT INTO result (errors, mode, family, candidate_pairs, pair_completeness, reduction_ratio, true_pairs, true_kept)
SELECT :errors, 'window+plausibility', family, candidate_pairs, pair_completeness, reduction_ratio, true_pairs, true_pairs_kept
FROM migrisk.blocking_analysis('rm', 'id', :lid, 'rc', 'id', :rid,
	-- the true pairs of this linkage: a removal and the reception 0..7 days after it
	left_truth => 'id', right_truth => '(SELECT min(a.id) FROM rm a WHERE a.person_id = r.person_id
		AND r.reception_date - a.removal_date BETWEEN 0 AND 7)',
	left_date => 'removal_date', right_date => 'reception_date');
SELECT migrisk.link_records('rm', 'id', :lid, 'rc', 'id', :rid, result_table => 'links_win', threshold => 0,
	plausibility => 'migrisk.return_plausibility(l.removal_date, l.port_of_departure, r.reception_date, r.reception_point)',
	left_date => 'removal_date', right_date => 'reception_date') AS m \gset
INSERT INTO models VALUES (:errors, 'window+plausibility', :'m');
UPDATE result SET total_s = (:'m'::jsonb -> 'run' ->> 'total_s')::float8,
	candidate_pairs = CASE WHEN candidate_pairs = (:'m'::jsonb -> 'run' ->> 'candidate_pairs')::int8
		THEN candidate_pairs ELSE -1 END
WHERE errors = :errors AND mode = 'window+plausibility' AND family = 'all';
UPDATE result r SET links = a.links, precision = a.precision, recall = a.recall, f1 = a.f1,
	false_links = a.false_links, expected_false = a.expected_false_links,
	missed = a.missed_links - (r.true_pairs - r.true_kept), expected_missed = a.expected_missed_links
FROM migrisk.link_accuracy('SELECT id_a, id_b, match_probability FROM links_win',
	-- true: a removal and a reception of the same person 0..7 days apart,
	-- and any candidate pair of one person (the day buckets of the window
	-- let through a few pairs up to two weeks apart: correct links too)
	'SELECT a.id, b.id FROM rm a JOIN rc b USING (person_id)
	 WHERE b.reception_date - a.removal_date BETWEEN 0 AND 7
	 UNION SELECT l.id_a, l.id_b FROM links_win l JOIN rm a ON a.id = l.id_a JOIN rc b ON b.id = l.id_b
	 WHERE a.person_id = b.person_id', '{0.5}') a
WHERE r.errors = :errors AND r.mode = 'window+plausibility' AND r.family = 'all';
SQL
done
echo "persons: $persons (seed $seed); threshold 0.5; no labels used by the model"
echo "window+plausibility: true pairs = a removal and a reception of one person 0..7 days apart"
echo "  (pc, rr) and, for precision/recall, also any candidate pair of one person"
echo "false/missed_in_cand: the truth; exp_false/exp_missed: the label-free estimates"
psql -X -d "$db" <<'SQL'
\pset footer off
SELECT errors, mode, candidate_pairs AS cand, round(pair_completeness::numeric, 4) AS pc,
	round(reduction_ratio::numeric, 6) AS rr, links, round(precision::numeric, 4) AS prec,
	round(recall::numeric, 4) AS recall, round(f1::numeric, 4) AS f1,
	false_links AS false, round(expected_false::numeric, 1) AS exp_false,
	missed AS missed_in_cand, round(expected_missed::numeric, 1) AS exp_missed, total_s
FROM result WHERE family = 'all' ORDER BY mode, errors;
\echo 'per key family (pair completeness of each family alone):'
SELECT errors, mode, family, candidate_pairs AS cand, round(pair_completeness::numeric, 4) AS pc
FROM result WHERE family <> 'all' ORDER BY mode, errors, family;
\echo 'levels of the fitted models at ERRORS=1 (m, u; identity fields only | with window and plausibility):'
SELECT field, coalesce(a.level, b.level) AS level, round(a.m::numeric, 4) AS m_identity, round(a.u::numeric, 4) AS u_identity,
	round(b.m::numeric, 4) AS m_window, round(b.u::numeric, 4) AS u_window
FROM (SELECT l.* FROM models, migrisk.link_model_levels(m) l WHERE errors = 1 AND mode = 'identity') a
FULL JOIN (SELECT l.* FROM models, migrisk.link_model_levels(m) l WHERE errors = 1 AND mode <> 'identity') b
	USING (field, level_index)
ORDER BY field = 'plausibility', field, level_index;
SQL
