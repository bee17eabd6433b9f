#!/bin/sh
# bench_linkage_scale: removals x receptions linked end to end at scale --
# blocking (with the date window), comparison (compare_persons plus
# return_plausibility), EM, scoring, then persons by link_clusters -- on the
# synthetic data set, printing the time of each stage, candidate pairs,
# pairs per second, the total against the bar (5 minutes for 1M x 1M on a
# 2-core machine) and precision / recall / F1 against the truth.
#
#   LINK_SCALE_PERSONS=3600000  synthetic population (about 1.0M removals
#                               to Mexico by land and 1.0M receptions at the
#                               default)
#   LINK_SCALE_RECORDS=1000000  land removals and receptions taken (the
#                               first by record id)
# Data generation and loading are not timed.
set -eu
cd "$(dirname "$0")/../.."
persons=${LINK_SCALE_PERSONS:-3600000}
records=${LINK_SCALE_RECORDS:-1000000}
dir=$(mktemp -d /tmp/migrisk_bench_scale.XXXXXX)
db=migrisk_bench_scale_$$
trap 'rm -rf "$dir"; psql -X -q -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
sh test/data/run.sh "$persons" 1 "$dir" --quiet >/dev/null
psql -X -q -c "CREATE DATABASE $db" >/dev/null
psql -X -q -d "$db" -c "CREATE EXTENSION migrisk CASCADE" >/dev/null 2>&1
psql -X -q -d "$db" -v dir="$dir" -v linkage_only=1 -f test/data/load.sql >/dev/null
rm -rf "$dir"
echo "persons: $persons (seed 1); removals and receptions taken: $records each at most"
psql -X -d "$db" -v ON_ERROR_STOP=1 -v records="$records" <<'SQL'
\pset footer off
\i test/bench/linkage_iso3.sql
-- removals to Mexico by land: the removals a Mexican reception can follow
CREATE TABLE rm AS SELECT substr(record_id, 3)::int8 AS id, * FROM synth.removals
	WHERE departure_country = 'MEXICO' ORDER BY record_id LIMIT :records;
CREATE TABLE rc AS SELECT 1000000000 + substr(record_id, 3)::int8 AS id, * FROM synth.receptions
	ORDER BY record_id LIMIT :records;
VACUUM ANALYZE rm, rc;
SELECT (SELECT count(*) FROM rm) AS removals, (SELECT count(*) FROM rc) AS receptions;
SET client_min_messages = warning;
SELECT clock_timestamp() AS t0 \gset
SELECT migrisk.link_records('rm', 'id',
	$$ROW(given_names, surname1, surname2, birth_date, CASE gender WHEN 'Male' THEN 'M' WHEN 'Female' THEN 'F' END, pg_temp.iso3(citizenship))::migrisk.person_ident$$,
	'rc', 'id',
	$$ROW(given_names, surname1, surname2, birth_date, CASE sexo WHEN 'H' THEN 'M' WHEN 'M' THEN 'F' END, pg_temp.iso3(nationality))::migrisk.person_ident$$,
	result_table => 'links', threshold => 0.5,
	plausibility => 'migrisk.return_plausibility(l.removal_date, l.port_of_departure, r.reception_date, r.reception_point)',
	left_date => 'removal_date', right_date => 'reception_date') AS model \gset
SELECT clock_timestamp() AS t1 \gset
-- persons: removal-reception links >= 0.9, plus removals sharing an
-- A-number (the US side's own person key), every record counted
CREATE TABLE persons AS SELECT * FROM migrisk.link_clusters($$
	SELECT id_a, id_b FROM links WHERE match_probability >= 0.9
	UNION ALL SELECT min(id) OVER (PARTITION BY a_number), id FROM rm WHERE a_number IS NOT NULL
	UNION ALL SELECT id, NULL FROM rm UNION ALL SELECT id, NULL FROM rc $$);
SELECT clock_timestamp() AS t2 \gset
RESET client_min_messages;
WITH r AS (SELECT :'model'::jsonb -> 'run' AS run)
SELECT s.stage, s.seconds FROM r, LATERAL (VALUES
	(1, 'blocking (identities, keys, candidates)', (run ->> 'blocking_s')::numeric),
	(2, 'comparison (compare_persons + plausibility)', (run ->> 'comparison_s')::numeric),
	(3, 'u from random pairs', (run ->> 'u_s')::numeric),
	(3, 'EM', (run ->> 'em_s')::numeric),
	(4, 'scoring (links >= 0.5 written)', (run ->> 'scoring_s')::numeric),
	(5, 'link_records total', (run ->> 'total_s')::numeric),
	(6, 'persons (link_clusters: links >= 0.9 and A-numbers)',
	 round(extract(epoch FROM :'t2'::timestamptz - :'t1'::timestamptz)::numeric, 3)),
	(7, 'end to end', round(extract(epoch FROM :'t2'::timestamptz - :'t0'::timestamptz)::numeric, 3))
) AS s(o, stage, seconds) ORDER BY s.o;
SELECT (run ->> 'candidate_pairs')::int8 AS candidate_pairs,
	   round((run ->> 'candidate_pairs')::numeric / nullif((run ->> 'comparison_s')::numeric, 0)) AS compared_pairs_per_s,
	   round((run ->> 'candidate_pairs')::numeric
			 / nullif(extract(epoch FROM :'t2'::timestamptz - :'t0'::timestamptz)::numeric, 0)) AS end_to_end_pairs_per_s,
	   (run ->> 'links')::int8 AS links,
	   round(extract(epoch FROM :'t2'::timestamptz - :'t0'::timestamptz)::numeric / 300, 3) AS end_to_end_over_5_min
FROM (SELECT :'model'::jsonb -> 'run' AS run) r;
-- truth: a removal and the reception that followed it (the same person,
-- received 0-7 days later: the generator receives 0-3 days after a land
-- removal); the window links each removal to its own reception, and a
-- person's other events join through link_clusters
CREATE TABLE truth AS
SELECT a.id AS id_a, b.id AS id_b
FROM rm a JOIN synth.truth_records ta ON ta.record_id = a.record_id
JOIN synth.truth_records tb ON tb.person_id = ta.person_id
JOIN rc b ON b.record_id = tb.record_id
WHERE b.reception_date - a.removal_date BETWEEN 0 AND 7;
SELECT count(*) AS true_pairs,
	   count(*) FILTER (WHERE l.id_a IS NULL) AS true_pairs_not_linked_at_0_5
FROM truth t LEFT JOIN links l USING (id_a, id_b);
WITH s AS (
	SELECT th, count(*) FILTER (WHERE t.id_a IS NOT NULL) AS tp, count(*) AS linked
	FROM (VALUES (0.5), (0.9)) v(th), links l LEFT JOIN truth t USING (id_a, id_b)
	WHERE l.match_probability >= v.th GROUP BY th)
SELECT th AS threshold, linked, tp, (SELECT count(*) FROM truth) AS true_pairs,
	   round(tp::numeric / linked, 4) AS precision,
	   round(tp::numeric / (SELECT count(*) FROM truth), 4) AS recall,
	   round(2.0 * tp / (linked + (SELECT count(*) FROM truth)), 4) AS f1
FROM s ORDER BY th;
-- persons again with links >= 0.5 (more recall, a little less precision)
CREATE TABLE persons_05 AS SELECT * FROM migrisk.link_clusters($$
	SELECT id_a, id_b FROM links
	UNION ALL SELECT min(id) OVER (PARTITION BY a_number), id FROM rm WHERE a_number IS NOT NULL
	UNION ALL SELECT id, NULL FROM rm UNION ALL SELECT id, NULL FROM rc $$);
WITH t AS (SELECT count(DISTINCT tr.person_id) AS n
		   FROM synth.truth_records tr
		   WHERE tr.record_id IN (SELECT record_id FROM rm UNION ALL SELECT record_id FROM rc))
SELECT p.links, p.persons, t.n AS persons_true, round(100.0 * (p.persons - t.n) / t.n, 2) AS error_percent
FROM t, (SELECT 1 AS o, 'links >= 0.9 and A-numbers' AS links, count(DISTINCT person_id) AS persons FROM persons
		 UNION ALL
		 SELECT 2, 'links >= 0.5 and A-numbers', count(DISTINCT person_id) FROM persons_05) p
ORDER BY p.o;
SQL
