#!/bin/sh
# route_segment and journey values, and an index on the geometry cast,
# survive pg_dump and pg_restore into a fresh database unchanged.
set -eu
src=migrisk_rs_dump_src_$$
dst=migrisk_rs_dump_dst_$$
dump=$(mktemp)
trap 'rm -f "$dump"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst"' EXIT
psql -X -q -d postgres -c "CREATE DATABASE $src" -c "CREATE DATABASE $dst"
psql -X -q -v ON_ERROR_STOP=1 -d "$src" <<'SQL'
CREATE EXTENSION migrisk CASCADE;
CREATE TABLE leg (id int PRIMARY KEY, person text, s migrisk.route_segment);
SELECT setseed(0.9) \g /dev/null
INSERT INTO leg
SELECT i, 'P' || (i % 50), migrisk.route_segment(-95 + 4 * random(), 14.5 + 4 * random(),
       -95 + 4 * random(), 14.5 + 4 * random(), 'bus',
       timestamptz '2024-01-01 00:00+00' + i * interval '1 hour',
       CASE WHEN i % 3 > 0 THEN timestamptz '2024-01-01 00:00+00' + i * interval '1 hour' + interval '5 hours' END)
FROM generate_series(1, 2000) i;
CREATE INDEX leg_geom ON leg USING gist ((s::geometry));
CREATE TABLE trip AS
SELECT person, migrisk.journey(s ORDER BY migrisk.depart(s)) AS j FROM leg GROUP BY person;
SQL
pg_dump -Fc -d "$src" -f "$dump"
pg_restore -d "$dst" "$dump"
# compare the full text of both databases' tables
a=$(psql -X -q -At -d "$src" -c "SELECT md5(string_agg(id || ' ' || s::text, ',' ORDER BY id)) FROM leg" \
	-c "SELECT md5(string_agg(person || ' ' || j::text, ',' ORDER BY person)) FROM trip")
b=$(psql -X -q -At -d "$dst" -c "SELECT md5(string_agg(id || ' ' || s::text, ',' ORDER BY id)) FROM leg" \
	-c "SELECT md5(string_agg(person || ' ' || j::text, ',' ORDER BY person)) FROM trip")
echo "source:   $a"
echo "restored: $b"
[ "$a" = "$b" ]
# the restored index is there and is used
plan=$(psql -X -q -At -d "$dst" -c "SET enable_seqscan = off" \
	-c "EXPLAIN (COSTS OFF) SELECT count(*) FROM leg WHERE ST_Intersects(s::geometry, ST_MakeEnvelope(-94, 15, -93, 16, 4326))")
echo "$plan"
echo "$plan" | grep -q leg_geom
