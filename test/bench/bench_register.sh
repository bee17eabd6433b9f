#!/bin/sh
# bench_register: next week's batch linked into a person register that
# already holds a million records, against a full link_records re-run over
# every record with the same model and blocking.  Prints both times and
# their ratio (bar: the batch takes at most 5% of the re-run), and checks
# on the way that the batch's links are those of the re-run among the
# pairs with a new record (mismatches: 0).
#
#   REGISTER_PERSONS=3600000   synthetic population (seed 1)
#   REGISTER_HELD=1000000      removals held by the register (first by id)
#   REGISTER_BATCH=10000       removals of the batch (the next ones)
#
# The register is built in bulk: the records, their blocking keys, and as
# persons the connected components of the re-run's links (a register grown
# batch by batch, best first under the one-event-a-day rule, would split
# some; these chain most records into one person, the hardest case for the
# attachment).  Data generation, loading and the model fit are not timed.
set -eu
cd "$(dirname "$0")/../.."
persons=${REGISTER_PERSONS:-3600000}
held=${REGISTER_HELD:-1000000}
batch=${REGISTER_BATCH:-10000}
dir=$(mktemp -d /tmp/migrisk_bench_register.XXXXXX)
db=migrisk_bench_register_$$
trap 'rm -rf "$dir"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
sh test/data/run.sh "$persons" 1 "$dir" --quiet >/dev/null
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
psql -X -q -d "$db" -c "CREATE EXTENSION migrisk CASCADE" >/dev/null 2>&1
psql -X -q -d "$db" -v dir="$dir" -v linkage_only=1 -f test/data/load.sql >/dev/null
rm -rf "$dir"
echo "persons: $persons (seed 1); held: $held removals; batch: $batch removals"
psql -X -d "$db" -v ON_ERROR_STOP=1 -v held="$held" -v batch="$batch" <<'SQL'
\pset footer off
\i test/bench/linkage_iso3.sql
CREATE TABLE rec AS
SELECT row_number() OVER (ORDER BY record_id) AS id,
	   ROW(given_names, surname1, surname2, birth_date,
		   CASE gender WHEN 'Male' THEN 'M' WHEN 'Female' THEN 'F' END, pg_temp.iso3(citizenship))::migrisk.person_ident AS ident,
	   removal_date
FROM synth.removals ORDER BY record_id LIMIT :held + :batch;
ALTER TABLE rec ADD PRIMARY KEY (id);
VACUUM ANALYZE rec;
SELECT count(*) FILTER (WHERE id <= :held) AS held, count(*) FILTER (WHERE id > :held) AS batch FROM rec;
SET client_min_messages = warning;
-- the stored model: EM over the candidates of the first 50,000 records
CREATE TABLE fit AS SELECT * FROM rec WHERE id <= 50000;
CREATE TABLE model AS SELECT migrisk.link_records('fit', 'id', 'ident', result_table => 'fit_links') - 'run' AS m;
-- the full re-run: every record, the same model and blocking
SELECT clock_timestamp() AS t0 \gset
SELECT migrisk.link_records('rec', 'id', 'ident', result_table => 'full_links',
	model => (SELECT m FROM model)) -> 'run' AS full_run \gset
SELECT clock_timestamp() AS t1 \gset
-- the register as it stood before the batch
SELECT migrisk.register_create('reg');
CREATE TABLE held_persons AS SELECT * FROM migrisk.link_clusters(format(
	'SELECT id_a, id_b FROM full_links WHERE id_b <= %s UNION ALL SELECT id, NULL FROM rec WHERE id <= %s', :held, :held));
INSERT INTO reg.records (record_id, source, person_id, event_date, ident, link_id, batch, attached_at)
SELECT r.id, 'removal', p.person_id, r.removal_date, r.ident, NULL, NULL, now()
FROM rec r JOIN held_persons p ON p.record_id = r.id WHERE r.id <= :held;
INSERT INTO reg.record_keys (k, record_id)
SELECT DISTINCT k, id FROM rec, unnest(migrisk.blocking_keys(ident)) AS k WHERE id <= :held;
SELECT setval('reg.person_id_seq', :held);
VACUUM ANALYZE reg.records, reg.record_keys;
-- next week's batch
SELECT clock_timestamp() AS t2 \gset
SELECT migrisk.register_link_batch('reg', format('SELECT * FROM rec WHERE id > %s', :held), 'id', 'ident',
	'removal', 'removal_date', (SELECT m FROM model)) AS batch_run \gset
SELECT clock_timestamp() AS t3 \gset
RESET client_min_messages;
SELECT (:'full_run'::jsonb ->> 'candidate_pairs')::int8 AS full_candidate_pairs,
	   (:'full_run'::jsonb ->> 'links')::int8 AS full_links,
	   (:'batch_run'::jsonb ->> 'candidate_pairs')::int8 AS batch_candidate_pairs,
	   (:'batch_run'::jsonb ->> 'links')::int8 AS batch_links,
	   (:'batch_run'::jsonb ->> 'attached')::int8 AS attached,
	   (:'batch_run'::jsonb ->> 'new_persons')::int8 AS new_persons,
	   (:'batch_run'::jsonb ->> 'merges')::int8 AS merges;
-- the batch's links are the re-run's among the pairs with a new record
SELECT count(*) AS mismatches
FROM (SELECT * FROM reg.links) r
FULL JOIN (SELECT * FROM full_links WHERE id_b > :held) f USING (id_a, id_b)
WHERE r.id_a IS NULL OR f.match_weight IS NULL OR r.weight <> f.match_weight;
SELECT round(extract(epoch FROM :'t1'::timestamptz - :'t0'::timestamptz)::numeric, 2) AS full_rerun_s,
	   round(extract(epoch FROM :'t3'::timestamptz - :'t2'::timestamptz)::numeric, 2) AS batch_s,
	   round(extract(epoch FROM :'t3'::timestamptz - :'t2'::timestamptz)::numeric
			 / extract(epoch FROM :'t1'::timestamptz - :'t0'::timestamptz)::numeric, 4) AS ratio,
	   extract(epoch FROM :'t3'::timestamptz - :'t2'::timestamptz)
		 <= 0.05 * extract(epoch FROM :'t1'::timestamptz - :'t0'::timestamptz) AS within_5_percent;
SELECT key, value FROM jsonb_each(:'batch_run'::jsonb) WHERE key LIKE '%\_s' ORDER BY key;
SQL
