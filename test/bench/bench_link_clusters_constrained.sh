#!/bin/sh
# bench_link_clusters_constrained: persons from links, plain connected
# components (link_clusters) against constrained clustering
# (link_clusters_constrained: links best first, no cluster with two
# removals or two receptions of one day), on the synthetic data across
# error levels (test/data, --errors K multiplies every identity error
# rate).  Links: the date-window linkage of removals to receptions, plus
# each table deduplicated (link_records without a right table) either
# with the window linkage's model or with EM's own model over its
# candidates (the namesake trap of docs/linkage.md).  Truth: the
# generator's person of every record.  Prints, per level, variant and
# threshold: persons found, true persons (among the records clustered), the error in percent, and the
# share of true persons recovered exactly (a cluster holding all of their
# records and no other).
#
#   LINK_BENCH_PERSONS=20000 (default)   LINK_BENCH_ERRORS="0.5 1 2" (default)
#   LINK_BENCH_SEED=1 (default)
set -eu
cd "$(dirname "$0")/../.."
persons=${LINK_BENCH_PERSONS:-20000}
levels=${LINK_BENCH_ERRORS:-0.5 1 2}
seed=${LINK_BENCH_SEED:-1}
dir=$(mktemp -d /tmp/migrisk_bench_constrained.XXXXXX)
db=migrisk_bench_constrained_$$
trap 'rm -rf "$dir"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
psql -X -q -d "$db" -c "CREATE EXTENSION migrisk CASCADE" >/dev/null 2>&1
psql -X -q -d "$db" -c "CREATE TABLE result (errors float8, variant text, threshold float8, method text,
	persons int8, true_persons int8, exact int8, seconds float8, links int8, false_links int8)"
for e in $levels; do
	sh test/data/run.sh "$persons" "$seed" "$dir/d" --quiet --errors "$e" >/dev/null
	psql -X -q -d "$db" -v dir="$dir/d" -v linkage_only=1 -f test/data/load.sql >/dev/null
	psql -X -q -d "$db" -v ON_ERROR_STOP=1 -v errors="$e" <<'SQL' >/dev/null
SET client_min_messages = warning;
\i test/bench/linkage_iso3.sql
DROP TABLE IF EXISTS rm, rc, recs, window_model, links_w, links_rm, links_rc, links_rm_em, links_rc_em;
CREATE TABLE rm AS SELECT substr(r.record_id, 3)::int8 AS id, t.person_id, r.*
	FROM synth.removals r JOIN synth.truth_records t USING (record_id);
CREATE TABLE rc AS SELECT 1000000000 + substr(r.record_id, 3)::int8 AS id, t.person_id, r.*
	FROM synth.receptions r JOIN synth.truth_records t USING (record_id);
-- every record with its true person, source and day
CREATE TABLE recs AS SELECT id, person_id, 'removal' AS source, removal_date AS day FROM rm
	UNION ALL SELECT id, person_id, 'reception', reception_date FROM rc;
\set lid '$$ROW(given_names, surname1, surname2, birth_date, CASE gender WHEN ''Male'' THEN ''M'' WHEN ''Female'' THEN ''F'' END, pg_temp.iso3(citizenship))::migrisk.person_ident$$'
\set rid '$$ROW(given_names, surname1, surname2, birth_date, CASE sexo WHEN ''H'' THEN ''M'' WHEN ''M'' THEN ''F'' END, pg_temp.iso3(nationality))::migrisk.person_ident$$'
CREATE TABLE window_model AS SELECT migrisk.link_records('rm', 'id', :lid, 'rc', 'id', :rid, result_table => 'links_w',
	plausibility => 'migrisk.return_plausibility(l.removal_date, l.port_of_departure, r.reception_date, r.reception_point)',
	left_date => 'removal_date', right_date => 'reception_date') AS m;
SELECT migrisk.link_records('rm', 'id', :lid, result_table => 'links_rm', model => (SELECT m FROM window_model));
SELECT migrisk.link_records('rc', 'id', :rid, result_table => 'links_rc', model => (SELECT m FROM window_model));
SELECT migrisk.link_records('rm', 'id', :lid, result_table => 'links_rm_em');
SELECT migrisk.link_records('rc', 'id', :rid, result_table => 'links_rc_em');
CREATE FUNCTION pg_temp.measure(errors float8, variant text, links text, th float8, sources text[]) RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
	q text := format('SELECT id_a, id_b, match_weight FROM (%s) l WHERE match_probability >= %s', links, th);
	t timestamptz;
BEGIN
	CREATE TEMP TABLE rs AS SELECT * FROM recs WHERE source = ANY (sources);
	CREATE TEMP TABLE true_size AS SELECT person_id, count(*) AS n FROM rs GROUP BY 1;
	t := clock_timestamp();
	CREATE TEMP TABLE p_plain AS SELECT * FROM migrisk.link_clusters(
		format('SELECT id_a, id_b FROM (%s) l UNION ALL SELECT id, NULL FROM rs', q));
	INSERT INTO result SELECT errors, variant, th, 'components', (SELECT count(DISTINCT person_id) FROM p_plain),
		(SELECT count(*) FROM true_size), NULL, extract(epoch FROM clock_timestamp() - t);
	t := clock_timestamp();
	CREATE TEMP TABLE p_con AS SELECT * FROM migrisk.link_clusters_constrained(q, 'SELECT id, source, day FROM rs');
	INSERT INTO result SELECT errors, variant, th, 'constrained', (SELECT count(DISTINCT person_id) FROM p_con),
		(SELECT count(*) FROM true_size), NULL, extract(epoch FROM clock_timestamp() - t);
	-- exact: clusters of one true person holding all of that person's records
	UPDATE result r SET exact = x.n FROM (
		SELECT m, count(*) FILTER (WHERE k = 1 AND c.n = s.n) AS n
		FROM (SELECT 'components' AS m, p.person_id AS c, count(DISTINCT r.person_id) AS k, count(*) AS n, min(r.person_id) AS tp
			  FROM p_plain p JOIN rs r ON r.id = p.record_id GROUP BY p.person_id
			  UNION ALL
			  SELECT 'constrained', p.person_id, count(DISTINCT r.person_id), count(*), min(r.person_id)
			  FROM p_con p JOIN rs r ON r.id = p.record_id GROUP BY p.person_id) c
		JOIN true_size s ON s.person_id = c.tp GROUP BY m) x
	WHERE r.errors = measure.errors AND r.variant = measure.variant AND r.threshold = th AND r.method = x.m;
	-- the links themselves: how many join two true persons
	EXECUTE format('UPDATE result r SET links = x.n, false_links = x.f FROM (
		SELECT count(*) AS n, count(*) FILTER (WHERE a.person_id <> b.person_id) AS f
		FROM (%s) l JOIN rs a ON a.id = l.id_a JOIN rs b ON b.id = l.id_b) x
		WHERE r.errors = $1 AND r.variant = $2 AND r.threshold = $3', q) USING errors, variant, th;
	DROP TABLE p_plain, p_con, true_size;
	DROP TABLE rs;
END $f$;
SELECT pg_temp.measure(:errors, 'window links + dedup with the window model',
	'SELECT * FROM links_w UNION ALL SELECT * FROM links_rm UNION ALL SELECT * FROM links_rc', th, '{removal,reception}')
FROM unnest('{0.5,0.9}'::float8[]) th;
SELECT pg_temp.measure(:errors, 'window links + dedup with its own EM model',
	'SELECT * FROM links_w UNION ALL SELECT * FROM links_rm_em UNION ALL SELECT * FROM links_rc_em', th, '{removal,reception}')
FROM unnest('{0.5,0.9}'::float8[]) th;
SELECT pg_temp.measure(:errors, 'dedup of the removals alone, its own EM model',
	'SELECT * FROM links_rm_em', th, '{removal}')
FROM unnest('{0.5,0.9}'::float8[]) th;
SQL
done
echo "persons: $persons (seed $seed); records: every removal and reception; error_pct = (persons - true) / true"
echo "exact_pct: share of true persons whose records form one cluster with no other record"
echo "links, false: the links clustered, and those joining two true persons"
psql -X -d "$db" <<'SQL'
\pset footer off
SELECT errors, variant, threshold AS th, method, persons, true_persons AS true,
	round(100.0 * (persons - true_persons) / true_persons, 2) AS error_pct,
	round(100.0 * exact / true_persons, 2) AS exact_pct, links, false_links AS false, round(seconds::numeric, 2) AS s
FROM result ORDER BY variant, errors, threshold, method;
SQL
