#!/bin/sh
# bench_pprl: Dice on 1024-bit encodings.
#  1. C micro-benchmark (test/bench/bench_pprl_dice.c): clk_dice and
#     clk_dice_counted against a byte-table popcount, one core.  Bar: 50 M/s.
#  2. Inside PostgreSQL, one backend (no parallel workers): a table of
#     PAIRS pairs of encodings; count(*) alone (the executor floor),
#     count(*) WHERE a = b (equality, a peer C comparator), and
#     count(*) WHERE dice(a, b) >= 0.8 and WHERE a % b.  Median of RUNS.
#     Bar: 5 M dice per second.
# Runs inside the bench cluster (PGHOST etc. set by make bench).
set -eu
cd "$(dirname "$0")/../.."
PAIRS=${PAIRS:-1000000}
RUNS=${RUNS:-5}

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
${CC:-gcc} -std=gnu99 -O2 -Isrc/core -o "$bin/dice" test/bench/bench_pprl_dice.c src/core/*.c -lm
"$bin/dice"

db=migrisk_bench_pprl
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<SQL
CREATE EXTENSION migrisk CASCADE;
SET max_parallel_workers_per_gather = 0;
-- 4000 random 1024-bit encodings (md5 bytes), paired at random
CREATE TABLE pool AS
SELECT i, encode(decode(string_agg(md5(i || '/' || j), '' ORDER BY j), 'hex'), 'base64')::migrisk.clk AS c
FROM generate_series(0, 3999) i, generate_series(1, 8) j GROUP BY i;
CREATE TABLE pairs AS
SELECT p.c AS a, q.c AS b
FROM generate_series(1::int8, $PAIRS) g
JOIN pool p ON p.i = (g * 7919) % 4000
JOIN pool q ON q.i = (g * 104729 + 13) % 4000;
VACUUM ANALYZE pairs;

CREATE FUNCTION pg_temp.ms(q text) RETURNS float8 LANGUAGE plpgsql AS \$\$
DECLARE t0 timestamptz; n int8;
BEGIN
	t0 := clock_timestamp();
	EXECUTE q INTO n;
	RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END \$\$;
CREATE TEMP TABLE timing (what text, run int, ms float8);
DO \$\$
DECLARE r int;
BEGIN
	-- a warm-up scan puts the table in shared buffers
	PERFORM count(*) FROM pairs;
	FOR r IN 1..$RUNS LOOP
		INSERT INTO timing SELECT 'count(*) floor', r, pg_temp.ms('SELECT count(*) FROM pairs');
		INSERT INTO timing SELECT 'a = b (peer)', r, pg_temp.ms('SELECT count(*) FROM pairs WHERE a OPERATOR(migrisk.=) b');
		INSERT INTO timing SELECT 'dice(a, b) >= 0.8', r, pg_temp.ms('SELECT count(*) FROM pairs WHERE migrisk.dice(a, b) >= 0.8');
		INSERT INTO timing SELECT 'a % b', r, pg_temp.ms('SELECT count(*) FROM pairs WHERE a OPERATOR(migrisk.%) b');
	END LOOP;
END \$\$;
\echo PostgreSQL, one backend, $PAIRS pairs of 1024-bit encodings, median of $RUNS runs:
WITH m AS (
	SELECT what, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM timing GROUP BY what),
f AS (SELECT ms FROM m WHERE what = 'count(*) floor')
SELECT m.what, round(m.ms::numeric, 1) AS ms,
       round(($PAIRS / (m.ms / 1000) / 1e6)::numeric, 2) AS m_rows_per_s,
       CASE WHEN m.what <> 'count(*) floor' THEN round(($PAIRS / ((m.ms - f.ms) / 1000) / 1e6)::numeric, 2) END
           AS m_per_s_above_floor,
       round((m.ms / f.ms)::numeric, 2) AS x_floor
FROM m, f ORDER BY m.ms;
SELECT CASE WHEN $PAIRS / (ms / 1000) >= 5e6 THEN 'met' ELSE 'NOT met' END AS "bar 5 M dice/s in PostgreSQL"
FROM (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM timing WHERE what = 'dice(a, b) >= 0.8') s;
SQL
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db"
