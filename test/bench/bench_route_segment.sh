#!/bin/sh
# bench_route_segment.sh: route_segment against its peers, in one cluster,
# the issue's three bars (medians of RUNS runs, ratios printed):
#   1. COPY of N segments in text form vs the same data as seven plain
#      columns (4 float8, text, 2 timestamptz): ratio <= 1.5
#   2. length_m over N segments vs ST_Distance(geography, geography, true)
#      over the same point pairs (ratio >= 4 faster) and vs
#      ST_DistanceSphere(geometry, geometry) (within 3x)
#   3. on-disk size of N route_segment values vs the seven columns (<= 1)
# Run by `make bench BENCH=route_segment` inside a throwaway cluster
# (PGHOST/PGPORT/PGUSER set, superuser).  N and RUNS may be overridden.
set -eu
N=${N:-1000000}
RUNS=${RUNS:-5}
DB=migrisk_bench_route_segment
DIR=$(mktemp -d /tmp/migrisk_bench_rs.XXXXXX)
chmod 777 "$DIR"
trap 'rm -rf "$DIR"' EXIT

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

q <<SQL
CREATE EXTENSION migrisk CASCADE;
SET search_path = migrisk, public;
SET max_parallel_workers_per_gather = 0;
-- N legs in southern Mexico, all times known, modes cycling
SELECT setseed(0.3);
CREATE TABLE src AS
SELECT -95 + 4 * random() AS from_lon, 14.5 + 4 * random() AS from_lat,
       -95 + 4 * random() AS to_lon, 14.5 + 4 * random() AS to_lat,
       (ARRAY['foot','bus','car','truck','freight_train','boat','plane','other','unknown'])[1 + i % 9] AS mode,
       t AS depart, t + random() * interval '3 days' AS arrive
FROM (SELECT i, timestamptz '2020-01-01 00:00+00' + random() * interval '5 years' AS t
      FROM generate_series(1, $N) i) g;
CREATE TABLE seg_src AS
SELECT route_segment(from_lon, from_lat, to_lon, to_lat, mode, depart, arrive) AS s FROM src;
COPY (SELECT s FROM seg_src) TO '$DIR/segments.txt';
COPY (SELECT * FROM src) TO '$DIR/columns.txt';
-- reloaded by every run: without autovacuum, whose workers would else
-- vacuum and analyze them while the distance queries are timed
CREATE TABLE seg (s route_segment) WITH (autovacuum_enabled = false);
CREATE TABLE cols (from_lon float8, from_lat float8, to_lon float8, to_lat float8,
                   mode text, depart timestamptz, arrive timestamptz)
  WITH (autovacuum_enabled = false);
-- each contender reads its natural table: route_segment values, or the
-- same point pairs as PostGIS geography or geometry columns
CREATE TABLE seg_pairs AS SELECT s FROM seg_src;
CREATE TABLE geog_pairs AS
SELECT ST_SetSRID(ST_MakePoint(from_lon(s), from_lat(s)), 4326)::geography AS p1,
       ST_SetSRID(ST_MakePoint(to_lon(s), to_lat(s)), 4326)::geography AS p2
FROM seg_src;
CREATE TABLE geom_pairs AS
SELECT ST_SetSRID(ST_MakePoint(from_lon(s), from_lat(s)), 4326) AS p1,
       ST_SetSRID(ST_MakePoint(to_lon(s), to_lat(s)), 4326) AS p2
FROM seg_src;
VACUUM ANALYZE seg_pairs;
VACUUM ANALYZE geog_pairs;
VACUUM ANALYZE geom_pairs;
-- warm the cache once
DO \$\$ BEGIN
  PERFORM count(*) FROM seg_pairs;
  PERFORM count(*) FROM geog_pairs;
  PERFORM count(*) FROM geom_pairs;
END \$\$;

CREATE FUNCTION bench_copy(tbl text, file text) RETURNS float8 LANGUAGE plpgsql AS \$\$
DECLARE t0 timestamptz;
BEGIN
  EXECUTE format('TRUNCATE %I', tbl);
  t0 := clock_timestamp();
  EXECUTE format('COPY %I FROM %L', tbl, file);
  RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END \$\$;
CREATE FUNCTION bench_query(sql text) RETURNS float8 LANGUAGE plpgsql AS \$\$
DECLARE t0 timestamptz; r float8;
BEGIN
  t0 := clock_timestamp();
  EXECUTE sql INTO r;
  RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END \$\$;
CREATE TABLE timing (what text, run int, ms float8);
SQL

echo "route_segment bench: N=$N rows, $RUNS runs each, medians (ms)"
i=1
while [ "$i" -le "$RUNS" ]; do
	q <<SQL
SET max_parallel_workers_per_gather = 0;
SET search_path = migrisk, public;
INSERT INTO timing SELECT 'copy route_segment text', $i, bench_copy('seg', '$DIR/segments.txt');
INSERT INTO timing SELECT 'copy 7 columns', $i, bench_copy('cols', '$DIR/columns.txt');
SQL
	# In one session (one backend, so one CPU: this machine's two differ by
	# a quarter): the copies' dirty pages written out first, so that no
	# contender runs beside the checkpointer; each distance query once
	# untimed (a backend's first scan of a table is slower); then the
	# timed ones, each first in some runs.
	d1="INSERT INTO timing SELECT 'length_m', $i, bench_query('SELECT sum(migrisk.length_m(s)) FROM seg_pairs');"
	d2="INSERT INTO timing SELECT 'ST_Distance geography', $i, bench_query('SELECT sum(ST_Distance(p1, p2, true)) FROM geog_pairs');"
	d3="INSERT INTO timing SELECT 'ST_DistanceSphere', $i, bench_query('SELECT sum(ST_DistanceSphere(p1, p2)) FROM geom_pairs');"
	case $((i % 3)) in
		0) order="$d1 $d2 $d3" ;;
		1) order="$d2 $d3 $d1" ;;
		*) order="$d3 $d1 $d2" ;;
	esac
	q -c "CHECKPOINT" -c "SET max_parallel_workers_per_gather = 0" -c "SET search_path = migrisk, public" \
		-c "SELECT sum(migrisk.length_m(s)) FROM seg_pairs" \
		-c "SELECT sum(ST_Distance(p1, p2, true)) FROM geog_pairs" \
		-c "SELECT sum(ST_DistanceSphere(p1, p2)) FROM geom_pairs" -c "$order" > /dev/null
	i=$((i + 1))
done

q <<'SQL'
SET search_path = migrisk, public;
VACUUM ANALYZE seg;
VACUUM ANALYZE cols;
CREATE TEMP TABLE med AS
SELECT what, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM timing GROUP BY what;
SELECT rpad(what, 26) || to_char(ms, '999990.0') FROM med ORDER BY what;
SELECT format('check: same values loaded %s, same lengths %s',
  (SELECT count(*) FROM seg) = (SELECT count(*) FROM cols),
  (SELECT max(abs(migrisk.length_m(s) - ST_Distance(start_point(s)::geography, end_point(s)::geography, true))) < 0.001
   FROM seg_src));
\echo
\echo 'bar 1: COPY text route_segment / COPY seven columns (want <= 1.5)'
SELECT '  ratio ' || round(((SELECT ms FROM med WHERE what = 'copy route_segment text')
                           / (SELECT ms FROM med WHERE what = 'copy 7 columns'))::numeric, 2);
\echo 'bar 2: ST_Distance(geography, true) / length_m (want >= 4)'
SELECT '  ratio ' || round(((SELECT ms FROM med WHERE what = 'ST_Distance geography')
                           / (SELECT ms FROM med WHERE what = 'length_m'))::numeric, 2)
       || ' of the medians; median of the runs'' ratios (each run one backend) '
       || round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY a.ms / b.ms)
                 FROM timing a JOIN timing b USING (run)
                 WHERE a.what = 'ST_Distance geography' AND b.what = 'length_m')::numeric, 2);
\echo '       length_m / ST_DistanceSphere (want <= 3)'
SELECT '  ratio ' || round(((SELECT ms FROM med WHERE what = 'length_m')
                           / (SELECT ms FROM med WHERE what = 'ST_DistanceSphere'))::numeric, 2);
\echo 'bar 3: size of route_segment table / seven-column table (want <= 1)'
SELECT format('  %s vs %s: ratio %s',
  pg_size_pretty(pg_total_relation_size('seg')), pg_size_pretty(pg_total_relation_size('cols')),
  round((pg_total_relation_size('seg')::float8 / pg_total_relation_size('cols'))::numeric, 3));
SQL
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB"
