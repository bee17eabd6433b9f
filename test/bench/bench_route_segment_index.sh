#!/bin/sh
# bench_route_segment_index.sh: the route_segment GiST index against a
# sequential scan and against PostGIS indexes on the same legs, in one
# cluster (medians of RUNS runs, ratios from the same run).  The query:
# the legs of one month (March 2024) in the bounding box of Chiapas.
#   migrisk    GiST on seg:  seg && route_segment_box(chiapas, march)
#   seqscan    the same query, indexes off
#   postgis    GiST on geometry(seg) and GiST on tstzrange(depart, arrive)
#              (NULL for a leg without a time, which then matches no month)
#              (a bitmap AND of the two), and one two-column GiST on
#              (geometry(seg), tstzrange(depart, arrive)): the best counts
# Bars: migrisk >= 10x faster than seqscan, and at least as fast as the
# best PostGIS plan.  Run by `make bench BENCH=route_segment_index` inside a
# throwaway cluster (PGHOST/PGPORT/PGUSER set).  N and RUNS may be set.
set -eu
N=${N:-1000000}
RUNS=${RUNS:-7}
DB=migrisk_bench_route_segment_index

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
q() { PGOPTIONS='-c search_path=migrisk,public' psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

q <<SQL
CREATE EXTENSION migrisk CASCADE;
SET search_path = migrisk, public;
-- N legs in southern Mexico (Oaxaca to Veracruz and Tabasco, Chiapas and
-- Guatemala's border) over 2023-2024, up to about 50 km and 2 days long;
-- one in twenty without a time
SELECT setseed(0.2);
CREATE TABLE legs AS
SELECT i AS id, route_segment(lon, lat, lon + 0.9 * random() - 0.45, lat + 0.9 * random() - 0.45, 'bus',
		CASE WHEN i % 20 <> 0 THEN t END, CASE WHEN i % 20 <> 0 THEN t + random() * interval '2 days' END) AS seg
FROM (SELECT i, -99 + 10 * random() AS lon, 14.5 + 7 * random() AS lat,
		timestamptz '2023-01-01 00:00+00' + random() * interval '2 years' AS t
	FROM generate_series(1, $N) i) g;
VACUUM ANALYZE legs;
SQL

q <<'SQL'
SET search_path = migrisk, public;
CREATE TABLE area AS
SELECT ST_GeomFromText('POLYGON((-94.13 16.05, -93.45 15.60, -92.20 14.53, -91.98 14.80, -92.05 15.25, -91.73 16.07, -90.44 16.08, -90.40 16.42, -91.02 17.25, -91.44 17.25, -91.97 17.18, -92.47 17.98, -93.55 17.80, -94.12 17.60, -94.13 16.05))', 4326) AS chiapas;
CREATE TABLE result (name text, ms float8, n bigint);
CREATE FUNCTION median_ms(query text, settings text, runs int) RETURNS TABLE (ms float8, n bigint)
LANGUAGE plpgsql AS $$
DECLARE
	t timestamptz;
	times float8[] := '{}';
	c bigint;
	s text;
BEGIN
	PERFORM set_config('max_parallel_workers_per_gather', '0', true);
	PERFORM set_config('jit', 'off', true);
	FOREACH s IN ARRAY string_to_array(settings, ',') LOOP
		PERFORM set_config(split_part(s, '=', 1), split_part(s, '=', 2), true);
	END LOOP;
	EXECUTE query INTO c;			-- warm
	FOR i IN 1 .. runs LOOP
		t := clock_timestamp();
		EXECUTE query INTO c;
		times := times || extract(epoch FROM clock_timestamp() - t) * 1000;
	END LOOP;
	ms := (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(times) x);
	n := c;
	RETURN NEXT;
END
$$;
-- the queries, with the area and the month as constants (as an analyst writes them)
CREATE TABLE queries AS
SELECT format($q$SELECT count(*) FROM legs WHERE seg && route_segment_box(%L::geometry, tstzrange('2024-03-01', '2024-04-01'))$q$, chiapas) AS q_migrisk,
       format($q$SELECT count(*) FROM legs WHERE geometry(seg) && %L::geometry AND (CASE WHEN depart(seg) IS NOT NULL THEN tstzrange(depart(seg), arrive(seg), '[]') END) && tstzrange('2024-03-01', '2024-04-01')$q$, chiapas) AS q_postgis
FROM area;
SQL
m() { q -c "SET search_path = migrisk, public" -c "INSERT INTO result SELECT '$1', r.* FROM queries, median_ms($2, '$3', $RUNS) r"; }

t0=$(date +%s)
q -c "SET search_path = migrisk, public" -c "CREATE INDEX legs_st ON legs USING gist (seg)" -c "ANALYZE legs"
t1=$(date +%s)
size() { q -c "SELECT 'index ' || relname || ': ' || pg_size_pretty(pg_relation_size(oid)) FROM pg_class WHERE relname IN ($1) ORDER BY 1"; }
size "'legs_st'"
m seqscan q_migrisk enable_indexscan=off,enable_bitmapscan=off
m "migrisk gist (seg)" q_migrisk enable_seqscan=off,enable_bitmapscan=off
m "migrisk gist (seg), bitmap" q_migrisk enable_seqscan=off,enable_indexscan=off
q -c "DROP INDEX legs_st"
# PostGIS: a GiST on the geometry and one on the time range, then both in
# one two-column GiST (GiST takes a geometry and a range without btree_gist)
t2=$(date +%s)
q -c "SET search_path = migrisk, public" \
  -c "CREATE INDEX legs_geom ON legs USING gist (geometry(seg))" \
  -c "CREATE INDEX legs_during ON legs USING gist ((CASE WHEN depart(seg) IS NOT NULL THEN tstzrange(depart(seg), arrive(seg), '[]') END))" -c "ANALYZE legs"
t3=$(date +%s)
size "'legs_geom', 'legs_during'"
m "postgis gist geometry + gist range (BitmapAnd)" q_postgis enable_seqscan=off
q -c "DROP INDEX legs_geom, legs_during"
t4=$(date +%s)
q -c "SET search_path = migrisk, public" \
  -c "CREATE INDEX legs_geom_during ON legs USING gist (geometry(seg), (CASE WHEN depart(seg) IS NOT NULL THEN tstzrange(depart(seg), arrive(seg), '[]') END))" -c "ANALYZE legs"
t5=$(date +%s)
size "'legs_geom_during'"
m "postgis gist (geometry, range)" q_postgis enable_seqscan=off,enable_bitmapscan=off
m "postgis gist (geometry, range), bitmap" q_postgis enable_seqscan=off,enable_indexscan=off

q <<'SQL'
\pset format aligned
\pset footer off
\pset tuples_only off
SELECT name, round(ms::numeric, 2) AS median_ms, n AS legs_found FROM result ORDER BY ms;
WITH m AS (SELECT min(ms) AS ms FROM result WHERE name LIKE 'migrisk%'),
     p AS (SELECT min(ms) AS ms FROM result WHERE name LIKE 'postgis%'),
     s AS (SELECT ms FROM result WHERE name = 'seqscan')
SELECT round((s.ms / m.ms)::numeric, 1) AS seqscan_over_migrisk, (s.ms / m.ms >= 10) AS bar_10x,
       round((p.ms / m.ms)::numeric, 2) AS best_postgis_over_migrisk, (p.ms >= m.ms) AS bar_postgis
FROM m, p, s;
SQL
echo "N=$N RUNS=$RUNS; index builds: migrisk gist $((t1 - t0)) s, postgis geometry + range $((t3 - t2)) s, two-column $((t5 - t4)) s"
echo "(legs_found differ where the boxes differ: migrisk's box holds the geodesic, PostGIS's the planar line)"
psql -X -q -d postgres -c "DROP DATABASE $DB"
