#!/bin/sh
# bench_journey_analytics.sh: the position at a time against the length,
# over the same legs, in one cluster (medians of RUNS runs, ratios printed):
#   1. position_at(journey, t) over N journeys of three legs, t inside each
#      journey's time span, vs length_m(journey) over the same journeys:
#      the bar is a ratio <= 2
#   2. the same per leg: position_at(route_segment, t) vs
#      length_m(route_segment) over the 3 N legs (for the record)
# Run by `make bench BENCH=journey_analytics` inside a throwaway cluster
# (PGHOST/PGPORT/PGUSER set, superuser).  N and RUNS may be overridden.
set -eu
N=${N:-1000000}
RUNS=${RUNS:-5}
DB=migrisk_bench_journey_analytics

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

q <<SQL
CREATE EXTENSION migrisk CASCADE;
SET search_path = migrisk, public;
SET max_parallel_workers_per_gather = 0;
-- N journeys of three connected legs in southern Mexico, 1 to 10 hours
-- each with a stay of up to two days between them, and for each a time
-- somewhere in its span (on a leg or in a stay)
SELECT setseed(0.7);
CREATE TABLE legs AS
WITH p AS (
	SELECT i, -95 + 4 * random() AS x0, 14.5 + 4 * random() AS y0,
	       -95 + 4 * random() AS x1, 14.5 + 4 * random() AS y1,
	       -95 + 4 * random() AS x2, 14.5 + 4 * random() AS y2,
	       -95 + 4 * random() AS x3, 14.5 + 4 * random() AS y3,
	       timestamptz '2020-01-01 00:00+00' + random() * interval '5 years' AS t0
	FROM generate_series(1, $N) i
)
SELECT i, k, route_segment(ST_Point(xa, ya, 4326), ST_Point(xb, yb, 4326), 'bus', d, d + h) AS s
FROM p, LATERAL (VALUES
	(1, x0, y0, x1, y1, t0, interval '5 hours'),
	(2, x1, y1, x2, y2, t0 + interval '1 day', interval '8 hours'),
	(3, x2, y2, x3, y3, t0 + interval '3 days', interval '3 hours')) AS v(k, xa, ya, xb, yb, d, h);
CREATE TABLE j AS
SELECT i, journey(s ORDER BY k) AS j,
       min(depart(s)) + random() * (max(arrive(s)) - min(depart(s))) AS t
FROM legs GROUP BY i;
CREATE TABLE l AS
SELECT s, depart(s) + random() * (arrive(s) - depart(s)) AS t FROM legs;
DROP TABLE legs;
VACUUM ANALYZE j;
VACUUM ANALYZE l;
DO \$\$ BEGIN PERFORM count(*) FROM j; PERFORM count(*) FROM l; END \$\$;

CREATE FUNCTION bench_query(sql text) RETURNS float8 LANGUAGE plpgsql AS \$\$
DECLARE t0 timestamptz; r float8;
BEGIN
  t0 := clock_timestamp();
  EXECUTE sql INTO r;
  RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END \$\$;
CREATE TABLE timing (what text, run int, ms float8);
SQL

for run in $(seq 1 "$RUNS"); do
	q <<SQL
SET search_path = migrisk, public;
SET max_parallel_workers_per_gather = 0;
INSERT INTO timing SELECT 'journey position_at', $run, bench_query('SELECT count(position_at(j, t)) FROM j');
INSERT INTO timing SELECT 'journey length_m', $run, bench_query('SELECT sum(length_m(j)) FROM j');
INSERT INTO timing SELECT 'leg position_at', $run, bench_query('SELECT count(position_at(s, t)) FROM l');
INSERT INTO timing SELECT 'leg length_m', $run, bench_query('SELECT sum(length_m(s)) FROM l');
SQL
done

q <<SQL
SET search_path = migrisk, public;
SELECT 'position_at check: ' || count(*) FILTER (WHERE position_at(j, t) IS NOT NULL) || ' of ' || count(*)
       || ' journey times have a position' FROM j;
WITH m AS (SELECT what, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM timing GROUP BY what)
SELECT format('%-22s %s ms (median of $RUNS)', what, round(ms::numeric, 1)) FROM m ORDER BY what;
WITH m AS (SELECT what, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM timing GROUP BY what)
SELECT format('journeys ($N): position_at / length_m = %s (bar: <= 2) %s',
              round((a.ms / b.ms)::numeric, 2), CASE WHEN a.ms <= 2 * b.ms THEN 'PASS' ELSE 'FAIL' END)
FROM m a, m b WHERE a.what = 'journey position_at' AND b.what = 'journey length_m';
WITH m AS (SELECT what, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM timing GROUP BY what)
SELECT format('legs ($N x 3): position_at / length_m = %s (for the record)', round((a.ms / b.ms)::numeric, 2))
FROM m a, m b WHERE a.what = 'leg position_at' AND b.what = 'leg length_m';
SQL
psql -X -q -d postgres -c "DROP DATABASE $DB"
