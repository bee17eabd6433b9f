#!/bin/sh
# bench_linkage_lambda: how link_records's choice of lambda (the share of
# candidate pairs that match) decides what EM fits, on the synthetic data
# across error levels.  For the removals deduplicated, the receptions
# deduplicated and removals against receptions (identity fields only, no
# date window): every candidate pair with its comparison vector
# (link_records at threshold 0), then link_em_fit over their patterns with
# lambda fixed as link_records fixed it before 0.3.0 ("prior": records / 2
# / candidates when deduplicating, min(left, right) / candidates
# otherwise), with lambda estimated by EM ("free"), and link_records's own
# model ("default": estimated, and fixed at the bound, half the records or
# the larger table's records over the candidates, when the estimate
# exceeds it).  The links at probability 0.5
# are scored against the generator's truth; the label-free estimates
# (sum of 1 - p over the links, of p over the rest) beside them.
#
#   LINK_BENCH_PERSONS=20000 (default)   LINK_BENCH_ERRORS="0.5 1 2" (default)
#   LINK_BENCH_SEED=1 (default)
set -eu
cd "$(dirname "$0")/../.."
persons=${LINK_BENCH_PERSONS:-20000}
levels=${LINK_BENCH_ERRORS:-0.5 1 2}
seed=${LINK_BENCH_SEED:-1}
dir=$(mktemp -d /tmp/migrisk_bench_lambda.XXXXXX)
db=migrisk_bench_lambda_$$
trap 'rm -rf "$dir"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
psql -X -q -d "$db" -c "CREATE EXTENSION migrisk CASCADE" >/dev/null 2>&1
psql -X -q -d "$db" -c "CREATE TABLE result (errors float8, tab text, fit text, lambda float8, links int8,
	false_links int8, true_links int8, true_pairs int8, est_false float8, est_missed float8, true_lambda float8)"
for e in $levels; do
	sh test/data/run.sh "$persons" "$seed" "$dir/d" --quiet --errors "$e" >/dev/null
	psql -X -q -d "$db" -v dir="$dir/d" -v linkage_only=1 -f test/data/load.sql >/dev/null
	psql -X -q -d "$db" -v ON_ERROR_STOP=1 -v errors="$e" <<'SQL' >/dev/null
SET client_min_messages = warning;
\i test/bench/linkage_iso3.sql
DROP TABLE IF EXISTS rm, rc, recs, c_rm, c_rc, c_x;
CREATE TABLE rm AS SELECT substr(r.record_id, 3)::int8 AS id, t.person_id, r.*
	FROM synth.removals r JOIN synth.truth_records t USING (record_id);
CREATE TABLE rc AS SELECT 1000000000 + substr(r.record_id, 3)::int8 AS id, t.person_id, r.*
	FROM synth.receptions r JOIN synth.truth_records t USING (record_id);
CREATE TABLE recs AS SELECT id, person_id FROM rm UNION ALL SELECT id, person_id FROM rc;
CREATE INDEX ON recs (id);
\set lid 'ROW(given_names, surname1, surname2, birth_date, CASE gender WHEN ''Male'' THEN ''M'' WHEN ''Female'' THEN ''F'' END, pg_temp.iso3(citizenship))::migrisk.person_ident'
\set rid 'ROW(given_names, surname1, surname2, birth_date, CASE sexo WHEN ''H'' THEN ''M'' WHEN ''M'' THEN ''F'' END, pg_temp.iso3(nationality))::migrisk.person_ident'
CREATE TEMP TABLE models AS
SELECT 'c_rm' AS tab, migrisk.link_records('rm', 'id', :'lid', result_table => 'c_rm', threshold => 0) AS m;
INSERT INTO models SELECT 'c_rc', migrisk.link_records('rc', 'id', :'rid', result_table => 'c_rc', threshold => 0);
INSERT INTO models SELECT 'c_x', migrisk.link_records('rm', 'id', :'lid', 'rc', 'id', :'rid', result_table => 'c_x', threshold => 0);
CREATE FUNCTION pg_temp.run(errors float8, tab text, prior float8, true_pairs int8) RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
	m jsonb;
	f text;
BEGIN
	FOREACH f IN ARRAY ARRAY['prior', 'free', 'default'] LOOP
		IF f = 'default' THEN
			SELECT x.m INTO m FROM models x WHERE x.tab = run.tab;
		ELSE
			EXECUTE format('SELECT migrisk.link_em_fit(array_agg(gamma), array_agg(n), lambda => $1)
				FROM (SELECT gamma, count(*)::float8 AS n FROM %I GROUP BY 1) p', tab)
				INTO m USING CASE WHEN f = 'prior' THEN prior END;
		END IF;
		EXECUTE format($q$INSERT INTO result SELECT $3, %L, %L, ($1 ->> 'lambda')::float8,
			count(*) FILTER (WHERE p >= 0.5), count(*) FILTER (WHERE p >= 0.5 AND a.person_id <> b.person_id),
			count(*) FILTER (WHERE p >= 0.5 AND a.person_id = b.person_id), $2,
			sum(1 - p) FILTER (WHERE p >= 0.5), sum(p) FILTER (WHERE p < 0.5),
			avg((a.person_id = b.person_id)::int)
			FROM (SELECT c.id_a, c.id_b, migrisk.match_probability(c.gamma, $1) AS p FROM %I c) c
			JOIN recs a ON a.id = c.id_a JOIN recs b ON b.id = c.id_b$q$, tab, f, tab)
			USING m, true_pairs, errors;
	END LOOP;
END $f$;
-- the priors as link_records fixed them before 0.3.0
SELECT pg_temp.run(:errors, 'c_rm', least(0.5, (SELECT count(*) FROM rm) / 2.0 / (SELECT count(*) FROM c_rm)),
	(SELECT count(*) FROM rm a JOIN rm b ON a.person_id = b.person_id AND a.id < b.id));
SELECT pg_temp.run(:errors, 'c_rc', least(0.5, (SELECT count(*) FROM rc) / 2.0 / (SELECT count(*) FROM c_rc)),
	(SELECT count(*) FROM rc a JOIN rc b ON a.person_id = b.person_id AND a.id < b.id));
SELECT pg_temp.run(:errors, 'c_x', least(0.5, least((SELECT count(*) FROM rm), (SELECT count(*) FROM rc))::float8 / (SELECT count(*) FROM c_x)),
	(SELECT count(*) FROM rm a JOIN rc b ON a.person_id = b.person_id));
SQL
done
echo "persons: $persons (seed $seed); identity fields only; links at match_probability >= 0.5"
echo "c_rm: removals deduplicated; c_rc: receptions deduplicated; c_x: removals x receptions"
echo "prior: lambda fixed as link_records fixed it before (records / 2 / candidates, min(left, right) / candidates);"
echo "free: lambda estimated by EM; default: link_records's own model (estimated; above the bound, from EM with u fixed)"
echo "true: true pairs among all records (blocking's losses count as missed); est_false, est_missed: label-free"
echo "true_lambda: the share of the candidates that are true pairs (from the truth; no fit sees it)"
psql -X -d "$db" <<'SQL'
\pset footer off
SELECT errors, tab, fit, round(lambda::numeric, 4) AS lambda, round(true_lambda::numeric, 4) AS true_lambda, links, false_links AS false, true_pairs AS true,
	round(true_links::numeric / nullif(links, 0), 4) AS precision, round(true_links::numeric / true_pairs, 4) AS recall,
	round(2 * true_links::numeric / (links + true_pairs), 4) AS f1,
	round(est_false::numeric, 1) AS est_false, round(est_missed::numeric, 1) AS est_missed
FROM result ORDER BY tab, errors, array_position(ARRAY['prior', 'free', 'default'], fit);
SQL
