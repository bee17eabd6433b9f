-- route_segment and PostGIS: constructors from points, start/end points,
-- casts to geometry and geography, and GiST indexes on the cast.
SET search_path = migrisk, public;
SET TimeZone = 'UTC';
SET IntervalStyle = 'postgres';

-- Casts: a LINESTRING in SRID 4326, lon lat order, built by PostGIS itself.
SELECT ST_AsText(s::geometry) AS wkt, ST_SRID(s::geometry) AS srid,
       GeometryType(s::geometry) AS type,
       ST_AsText(s::geography) AS geog_wkt, ST_SRID(s::geography) AS geog_srid,
       ST_AsText(start_point(s)) AS start_point, ST_SRID(start_point(s)) AS start_srid,
       ST_AsText(end_point(s)) AS end_point
FROM (SELECT 'freight_train (-93.9 16.2333, -95.0333 16.5667) 2024-03-10T06:00:00Z/?'::route_segment AS s) x;
-- the coordinates survive exactly
SELECT ST_X(start_point(s)) = from_lon(s) AND ST_Y(start_point(s)) = from_lat(s)
   AND ST_X(end_point(s)) = to_lon(s) AND ST_Y(end_point(s)) = to_lat(s) AS exact,
   ST_Equals(s::geometry, ST_MakeLine(start_point(s), end_point(s))) AS line_of_the_points
FROM (SELECT 'bus (-92.123456789012345 14.98765432109876, -99.13 19.43)'::route_segment AS s) x;
-- the geography cast measures the same as length_m (to 1 mm)
SELECT abs(ST_Length(s::geography, true) - length_m(s)) < 0.001 AS same_length
FROM (SELECT 'bus (-92.26 14.9, -99.13 19.43)'::route_segment AS s) x;
-- the casts and functions are labelled so that indexes may use them
SELECT p.oid::regprocedure AS function, p.provolatile AS volatility, p.proparallel AS parallel
FROM pg_cast c JOIN pg_proc p ON p.oid = c.castfunc
WHERE c.castsource IN ('migrisk.route_segment'::regtype, 'migrisk.journey'::regtype)
ORDER BY 1;

-- Constructors from PostGIS points: SRID 4326 or unknown (0).
SELECT route_segment(ST_SetSRID(ST_MakePoint(-92.26, 14.9), 4326),
                     ST_SetSRID(ST_MakePoint(-93.9, 16.23), 4326),
                     'foot', '2024-03-01 06:00+00', '2024-03-09 18:00+00') AS srid_4326,
       route_segment(ST_MakePoint(-92.26, 14.9), ST_MakePoint(-93.9, 16.23)) AS srid_0,
       route_segment(ST_MakePoint(-92.26, 14.9), ST_MakePoint(-93.9, 16.23), 'BUS') AS mode_any_case,
       route_segment(NULL::geometry, ST_MakePoint(-93.9, 16.23)) IS NULL AS null_point_null_segment;
-- a round trip through the points
SELECT route_segment(start_point(s), end_point(s), transport_mode(s), depart(s), arrive(s)) = s AS roundtrip
FROM (SELECT 'boat (-92.5 14.6, -94.8 16.1) 2024-05-01T00:00:00Z/2024-05-01T09:30:00Z'::route_segment AS s) x;
-- errors: other SRIDs, other geometry types, empty points, bad coordinates
CREATE FUNCTION pg_temp.err(q text) RETURNS TABLE (state text, message text, detail text, hint text)
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  state := 'no error';
  RETURN NEXT;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                          detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
  RETURN NEXT;
END $$;
\pset format unaligned
\pset fieldsep ' | '
SELECT e.* FROM (VALUES
  (1, 'SELECT migrisk.route_segment(ST_SetSRID(ST_MakePoint(-10270000, 1680000), 3857), ST_MakePoint(-93.9, 16.23))'),
  (2, 'SELECT migrisk.route_segment(ST_MakePoint(-92.26, 14.9), ST_SetSRID(ST_MakePoint(-93.9, 16.23), 4269))'),
  (3, 'SELECT migrisk.route_segment(ST_MakeLine(ST_MakePoint(0, 0), ST_MakePoint(1, 1)), ST_MakePoint(-93.9, 16.23))'),
  (4, 'SELECT migrisk.route_segment(ST_MakePoint(-92.26, 14.9), ''POLYGON((0 0,1 0,1 1,0 0))''::geometry)'),
  (5, 'SELECT migrisk.route_segment(''POINT EMPTY''::geometry, ST_MakePoint(-93.9, 16.23))'),
  (6, 'SELECT migrisk.route_segment(ST_MakePoint(14.9, -92.26), ST_MakePoint(16.23, -93.9))'),
  (7, 'SELECT migrisk.route_segment(ST_MakePoint(-92.26, 14.9), ST_MakePoint(-93.9, 16.23), ''llama'')')
) v(n, q), LATERAL pg_temp.err(q) e ORDER BY n;
\pset format aligned

-- A GiST index on the cast, used by PostGIS predicates.  The state polygon
-- is Chiapas from INEGI's Marco Geoestadístico (via the geojson-mexico
-- project), simplified to 26 vertices on a 0.01 degree grid for this test.
CREATE TEMP TABLE legs (id int PRIMARY KEY, s route_segment);
SELECT setseed(0.5);
INSERT INTO legs
SELECT i, route_segment(lon, lat, lon + (random() - 0.5) * 0.5, lat + (random() - 0.5) * 0.5,
                        (ARRAY['foot','bus','freight_train'])[1 + i % 3])
FROM (SELECT i, -105 + 20 * random() AS lon, 14 + 15 * random() AS lat
      FROM generate_series(1, 20000) i) g;
CREATE INDEX legs_geom ON legs USING gist ((s::geometry));
CREATE INDEX legs_geog ON legs USING gist ((s::geography));
ANALYZE legs;
CREATE TEMP TABLE chiapas AS SELECT ST_GeomFromText('POLYGON((-91.44 17.25,-91.42 17.37,-91.7 17.47,
  -91.65 17.68,-91.83 17.74,-91.81 17.9,-92 17.94,-92.75 17.34,-93.04 17.61,-93.03 17.83,-93.28 17.98,
  -93.36 17.65,-93.87 17.15,-94.14 16.46,-94.03 16.28,-94.1 16.14,-93.25 15.52,-92.23 14.53,-92.06 15.07,
  -92.21 15.26,-91.73 16.07,-90.44 16.07,-90.42 16.1,-90.39 16.41,-90.63 16.48,-90.72 16.73,
  -91.44 17.25))', 4326) AS g;
SELECT ST_IsValid(g) AS valid, round((ST_Area(g::geography) / 1e6)::numeric, -3) AS area_km2 FROM chiapas;

-- The plan without the "Disabled: true" lines PostgreSQL 18 adds under nodes
-- of a kind that is switched off; the plans are otherwise the same.
CREATE FUNCTION pg_temp.plan(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
	l text;
BEGIN
	FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
		CONTINUE WHEN l ~ '^\s*Disabled: ';
		RETURN NEXT l;
	END LOOP;
END $$;
SET enable_seqscan = off;
SELECT * FROM pg_temp.plan('SELECT count(*) FROM legs, chiapas WHERE ST_Intersects(legs.s::geometry, chiapas.g)');
-- a hotspot: legs passing within 25 km of Arriaga (geography, metres)
SELECT * FROM pg_temp.plan('SELECT count(*) FROM legs WHERE ST_DWithin(s::geography, ST_SetSRID(ST_MakePoint(-93.9, 16.23), 4326)::geography, 25000)');
CREATE TEMP TABLE with_index AS
SELECT 'chiapas' AS q, id FROM legs, chiapas WHERE ST_Intersects(legs.s::geometry, chiapas.g)
UNION ALL
SELECT 'arriaga', id FROM legs WHERE ST_DWithin(s::geography, ST_SetSRID(ST_MakePoint(-93.9, 16.23), 4326)::geography, 25000);
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
CREATE TEMP TABLE without_index AS
SELECT 'chiapas' AS q, id FROM legs, chiapas WHERE ST_Intersects(legs.s::geometry, chiapas.g)
UNION ALL
SELECT 'arriaga', id FROM legs WHERE ST_DWithin(s::geography, ST_SetSRID(ST_MakePoint(-93.9, 16.23), 4326)::geography, 25000);
RESET enable_indexscan;
RESET enable_bitmapscan;
-- the index finds exactly what a sequential scan finds (and finds something)
SELECT q, count(*) AS found FROM with_index GROUP BY q ORDER BY q;
SELECT count(*) AS mismatches FROM (
  (SELECT * FROM with_index EXCEPT ALL SELECT * FROM without_index)
  UNION ALL
  (SELECT * FROM without_index EXCEPT ALL SELECT * FROM with_index)) d;
