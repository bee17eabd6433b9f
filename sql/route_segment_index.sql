-- route_segment_index: the space-time box of a leg, the operator && with a
-- box, a geometry or a tstzrange, its GiST index, and time buckets.
SET search_path = migrisk, public;
SET TimeZone = 'UTC';

-- The box of a leg holds its whole geodesic: across the antimeridian
-- (179E to 179W is 2 degrees wide, [179, 181]), up to the vertex near a pole
-- (80N 0E to 80N 170E passes within a degree of the pole), and its known
-- time span (one known time: that instant; none: untimed).
SELECT s AS leg, route_segment_box(s) AS box
FROM (VALUES
	('bus (-92.2677 14.9039, -93.8947 16.2333) 2024-03-01T08:00:00Z/2024-03-01T14:00:00Z'::route_segment),
	('plane (179 10, -179 12) 2024-03-01T08:00:00Z/?'),
	('plane (-179 -40, 179.5 -41) ?/2024-03-02T00:00:00Z'),
	('foot (-99 19, -99 19)')) v(s);
SELECT route_segment_box('plane (0 80, 170 80)'::route_segment)::text LIKE 'BOX(0 80, 170 89.%' AS reaches_the_vertex,
       route_segment_box('plane (0 10, 180 20)'::route_segment)::text = 'BOX(-180 -90, 180 90) untimed' AS half_a_turn_is_the_world;
-- the box of the geodesic is wider than PostGIS's box of the planar line
-- exactly where it must be: across 180 (narrower) and near the pole (higher)
SELECT ST_XMax(s::geometry) - ST_XMin(s::geometry) AS planar_width, ST_YMax(s::geometry) AS planar_ymax,
       route_segment_box(s) AS geodesic_box
FROM (VALUES ('plane (179 10, -179 12)'::route_segment), ('plane (0 80, 170 80)')) v(s);
-- a point of the geodesic near its vertex, from PostGIS geography (a sphere,
-- the geodesic's latitude differs by less than 0.2 degree) is inside
SELECT ST_Y(ST_LineInterpolatePoint(ST_Segmentize(s::geography, 1000)::geometry, 0.5)) < 89.6 AS sphere_vertex_below_box
FROM (VALUES ('plane (0 80, 170 80)'::route_segment)) v(s);

-- Query boxes: from a geometry (SRID 4326 or unknown), a range, or both.
SELECT route_segment_box(ST_MakeEnvelope(-94.5, 14.5, -90.3, 18, 4326)) AS chiapas_box,
       route_segment_box(tstzrange('2024-03-01', '2024-04-01')) AS march,
       route_segment_box('POLYGON((170 -20, 190 -20, 190 -10, 170 -10, 170 -20))'::geometry,
                         tstzrange('2024-03-01', '2024-03-01', '[]')) AS across_180_one_instant,
       route_segment_box(tstzrange('2024-03-01', '2024-03-01')) AS empty_range,
       route_segment_box(tstzrange(NULL, NULL)) AS every_time;

-- Semantics of &&: the leg's box meets the query box in space, and in time
-- if the query has a time; a leg without a known time meets no time query,
-- not even an unbounded one; a range with exclusive bounds leaves out the
-- instant at its bound.
SELECT s AS leg,
       s && ST_MakeEnvelope(-94.5, 14.5, -90.3, 18, 4326) AS in_chiapas_box,
       s && tstzrange('2024-03-01', '2024-03-02') AS on_march_1,
       s && tstzrange('2024-03-01 14:00+00', '2024-03-02', '()') AS after_14h_exclusive,
       s && tstzrange(NULL, NULL) AS any_time,
       s && route_segment_box(ST_MakeEnvelope(-94.5, 14.5, -90.3, 18, 4326), tstzrange('2024-03-01', '2024-03-02')) AS both
FROM (VALUES
	('bus (-92.2677 14.9039, -93.8947 16.2333) 2024-03-01T08:00:00Z/2024-03-01T14:00:00Z'::route_segment),
	('bus (-92.2677 14.9039, -93.8947 16.2333)'),
	('bus (-92.2677 14.9039, -93.8947 16.2333) ?/2024-03-01T14:00:00Z'),
	('plane (179 10, -179 12) 2024-03-01T08:00:00Z/?')) v(s);
-- across 180: a query west of 180 (-179.5) meets the leg 179E-179W, a query
-- at 0-10E does not; the same box written past 180 (180.5) meets it too
SELECT s && ST_MakeEnvelope(-179.5, 9, -179.2, 13, 4326) AS west_of_180,
       s && ST_MakeEnvelope(0, 9, 10, 13, 4326) AS at_0_10e,
       s && ST_MakeEnvelope(180.5, 9, 180.8, 13, 4326) AS written_past_180
FROM (VALUES ('plane (179 10, -179 12)'::route_segment)) v(s);

-- NULLs give NULL (no row); errors with their SQLSTATE.
SELECT 'bus (0 0, 1 1)'::route_segment && NULL::geometry AS null_geometry,
       'bus (0 0, 1 1)'::route_segment && NULL::tstzrange AS null_range,
       route_segment_box(NULL::geometry, tstzrange('2024-01-01', '2024-02-01')) AS null_in_box;
\set VERBOSITY sqlstate
SELECT 'bus (0 0, 1 1)'::route_segment && ST_MakeEnvelope(0, 0, 1, 1, 3857);
SELECT 'bus (0 0, 1 1)'::route_segment && 'POLYGON EMPTY'::geometry;
SELECT 'bus (0 0, 1 1)'::route_segment && 'POINT(10 95)'::geometry;
SELECT 'BOX(0 0, 1 1)'::route_segment_box;
SELECT time_buckets('bus (0 0, 1 1) 2024-01-01T00:00:00Z/?'::route_segment, 'fortnight');
\set VERBOSITY default
-- a self-intersecting (OGC-invalid) polygon still has a box: not an error
SELECT 'bus (0 0, 1 1)'::route_segment && 'POLYGON((0 0, 2 2, 2 0, 0 2, 0 0))'::geometry AS bowtie_box;

-- The index: legs of southern Mexico over 2024, some across the antimeridian
-- and near the poles, some without times.
CREATE TABLE rsi (id int PRIMARY KEY, journey int, seg route_segment);
INSERT INTO rsi
SELECT i, i / 4,
	route_segment(lon, lat, lon + dlon, lat + dlat,
		'bus',
		CASE WHEN i % 17 <> 0 THEN t END,
		CASE WHEN i % 17 <> 0 AND i % 23 <> 0 THEN t + (h || ' hours')::interval END)
FROM (SELECT i,
		-97 + 7 * ((i * 7919) % 1000) / 1000.0 AS lon,
		14.5 + 5 * ((i * 104729) % 1000) / 1000.0 AS lat,
		(((i * 31) % 200) - 100) / 100.0 AS dlon,
		(((i * 37) % 200) - 100) / 100.0 AS dlat,
		timestamptz '2024-01-01' + ((i * 6151) % 366) * interval '1 day' + (i % 24) * interval '1 hour' AS t,
		1 + i % 30 AS h
	FROM generate_series(1, 3000) i) x;
INSERT INTO rsi VALUES
	(3001, 900, 'plane (179 10, -179 12) 2024-03-01T08:00:00Z/2024-03-01T12:00:00Z'),
	(3002, 900, 'plane (-179.9 -16, 179.9 -17) 2024-03-02T08:00:00Z/2024-03-02T12:00:00Z'),
	(3003, 901, 'plane (0 80, 170 80) 2024-06-01T08:00:00Z/2024-06-01T20:00:00Z'),
	(3004, 901, 'plane (-60 -70, 100 -75) 2024-06-02T08:00:00Z/2024-06-02T20:00:00Z'),
	(3005, 902, 'plane (10 90, 20 45)'),
	(3006, 902, 'plane (0 10, 180 20) 2024-07-01T00:00:00Z/?');
CREATE INDEX rsi_seg ON rsi USING gist (seg);
ANALYZE rsi;

-- EXPLAIN: one index scan answers a box, a range, and both together (two
-- conditions or one box of both).
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM rsi WHERE seg && ST_MakeEnvelope(-94.5, 14.5, -90.3, 18, 4326);
EXPLAIN (COSTS OFF) SELECT id FROM rsi WHERE seg && tstzrange('2024-03-01', '2024-04-01');
EXPLAIN (COSTS OFF) SELECT id FROM rsi
WHERE seg && ST_MakeEnvelope(-94.5, 14.5, -90.3, 18, 4326) AND seg && tstzrange('2024-03-01', '2024-04-01');
EXPLAIN (COSTS OFF) SELECT id FROM rsi
WHERE seg && route_segment_box(ST_MakeEnvelope(-94.5, 14.5, -90.3, 18, 4326), tstzrange('2024-03-01', '2024-04-01'));

-- Equivalence: 400 random queries (boxes, ranges, both, some across 180 or
-- up to a pole, some ranges empty or unbounded) give the same rows with
-- the index and without.  Expected: no mismatch.
CREATE TABLE rsi_q AS
SELECT q, kind,
	ST_MakeEnvelope(x, y, x + w, least(90, y + h), 4326) AS g,
	CASE WHEN q % 29 = 0 THEN tstzrange(t, t)
	     WHEN q % 31 = 0 THEN tstzrange(NULL, t)
	     WHEN q % 37 = 0 THEN tstzrange(NULL, NULL)
	     ELSE tstzrange(t, t + (d || ' days')::interval, CASE q % 4 WHEN 0 THEN '[]' WHEN 1 THEN '()' WHEN 2 THEN '[)' ELSE '(]' END) END AS r
FROM (SELECT q, q % 3 AS kind,
		CASE WHEN q % 10 = 0 THEN 170 + (q % 15) WHEN q % 10 = 1 THEN -180 + q % 360 ELSE -98 + ((q * 7) % 90) / 10.0 END AS x,
		CASE WHEN q % 10 = 1 THEN 60 + q % 30 WHEN q % 10 = 0 THEN -20 + q % 35 ELSE 14 + ((q * 11) % 60) / 10.0 END AS y,
		CASE WHEN q % 10 IN (0, 1) THEN 5 + q % 40 ELSE 0.1 + ((q * 13) % 30) / 10.0 END AS w,
		CASE WHEN q % 10 = 1 THEN 30 ELSE 0.1 + ((q * 17) % 30) / 10.0 END AS h,
		timestamptz '2024-01-01' + ((q * 53) % 380) * interval '1 day' + (q % 48) * interval '30 minutes' AS t,
		(q * 7) % 45 AS d
	FROM generate_series(1, 400) q) x;

CREATE FUNCTION rsi_hits(with_index boolean) RETURNS TABLE (q int, id int)
LANGUAGE plpgsql AS $$
DECLARE
	c record;
BEGIN
	PERFORM set_config('enable_seqscan', CASE WHEN with_index THEN 'off' ELSE 'on' END, true);
	PERFORM set_config('enable_indexscan', CASE WHEN with_index THEN 'on' ELSE 'off' END, true);
	PERFORM set_config('enable_bitmapscan', CASE WHEN with_index THEN 'on' ELSE 'off' END, true);
	FOR c IN SELECT * FROM rsi_q LOOP
		IF c.kind = 0 THEN
			RETURN QUERY EXECUTE 'SELECT $1, id FROM rsi WHERE seg && $2' USING c.q, c.g;
		ELSIF c.kind = 1 THEN
			RETURN QUERY EXECUTE 'SELECT $1, id FROM rsi WHERE seg && $2' USING c.q, c.r;
		ELSE
			RETURN QUERY EXECUTE 'SELECT $1, id FROM rsi WHERE seg && $2 AND seg && $3' USING c.q, c.g, c.r;
		END IF;
	END LOOP;
END
$$;
-- the index is used by the indexed side, also with the query as a parameter
-- (as EXECUTE ... USING passes it): the box is computed once, at run time
SET enable_seqscan = off;
PREPARE rsi_p(geometry, tstzrange) AS SELECT id FROM rsi WHERE seg && $1 AND seg && $2;
SET plan_cache_mode = force_generic_plan;
EXPLAIN (COSTS OFF) EXECUTE rsi_p(ST_MakeEnvelope(-94.5, 14.5, -90.3, 18, 4326), tstzrange('2024-03-01', '2024-04-01'));
RESET plan_cache_mode;
DEALLOCATE rsi_p;
RESET enable_seqscan;
RESET enable_bitmapscan;
CREATE TABLE rsi_with AS SELECT * FROM rsi_hits(true);
CREATE TABLE rsi_without AS SELECT * FROM rsi_hits(false);
SELECT 'index only' AS side, * FROM (SELECT * FROM rsi_with EXCEPT ALL SELECT * FROM rsi_without) a
UNION ALL
SELECT 'scan only', * FROM (SELECT * FROM rsi_without EXCEPT ALL SELECT * FROM rsi_with) b;
-- the comparison is not vacuous: queries of every kind found rows, the
-- special legs among them
SELECT kind, count(DISTINCT w.q) AS queries_with_rows, count(*) > 100 AS many_rows
FROM rsi_with w JOIN rsi_q USING (q) GROUP BY kind ORDER BY kind;
SELECT array_agg(DISTINCT id ORDER BY id) AS special_legs_found FROM rsi_with WHERE id > 3000;
-- and the index agrees with a plain SQL reading of the semantics on the
-- legs of southern Mexico: in longitude the end points' range; in latitude
-- the end points' range, which the geodesic of a leg of at most 1.5 degrees
-- here leaves by less than 0.001 degree (pairs within that of an edge are
-- left out); in time the known span, closed.  Expected: 0 of many.
SELECT count(*) FILTER (WHERE idx IS DISTINCT FROM plain) AS mismatches, count(*) > 50000 AS many_pairs,
       count(*) FILTER (WHERE idx) > 500 AS many_hits
FROM (SELECT seg && g AND seg && r AS idx,
		least(from_lon(seg), to_lon(seg)) <= gx2 AND greatest(from_lon(seg), to_lon(seg)) >= gx1
		AND least(from_lat(seg), to_lat(seg)) <= gy2 AND greatest(from_lat(seg), to_lat(seg)) >= gy1
		AND coalesce(depart(seg), arrive(seg)) IS NOT NULL
		AND tstzrange(coalesce(depart(seg), arrive(seg)), coalesce(arrive(seg), depart(seg)), '[]') && r AS plain
	FROM (SELECT *, ST_XMin(g) AS gx1, ST_XMax(g) AS gx2, ST_YMin(g) AS gy1, ST_YMax(g) AS gy2
	      FROM rsi_q WHERE kind = 2) q, rsi
	WHERE id <= 3000
	  AND NOT (gy1 - greatest(from_lat(seg), to_lat(seg)) BETWEEN 0 AND 0.001)
	  AND NOT (least(from_lat(seg), to_lat(seg)) - gy2 BETWEEN 0 AND 0.001)) x;

-- Journeys on a corridor per week: time_buckets() expands a leg's known
-- span into the weeks it touches; the same counts from plain SQL.
SELECT time_buckets('bus (0 0, 1 1) 2024-03-09T22:00:00Z/2024-03-11T02:00:00Z'::route_segment) AS days;
SELECT time_buckets('bus (0 0, 1 1) 2024-03-09T22:00:00Z/2024-03-11T02:00:00Z'::route_segment, 'day', 'America/Mexico_City') AS local_days;
SELECT time_buckets('bus (0 0, 1 1) ?/2024-03-11T02:00:00Z'::route_segment, 'week') AS week_of_arrival,
       (SELECT count(*) FROM time_buckets('bus (0 0, 1 1)'::route_segment)) AS untimed_buckets;
WITH corridor AS (SELECT ST_MakeEnvelope(-95, 15, -93, 17, 4326) AS g),
via_index AS (
	SELECT b AS week, count(DISTINCT journey) AS journeys
	FROM rsi, corridor, time_buckets(seg, 'week') b
	WHERE seg && route_segment_box(g, tstzrange('2024-03-01', '2024-06-01'))
	  AND b >= '2024-02-26' AND b < '2024-06-01'
	GROUP BY b),
plain AS (
	SELECT w AS week, count(DISTINCT journey) AS journeys
	FROM rsi, corridor,
		LATERAL generate_series(date_trunc('week', coalesce(depart(seg), arrive(seg))),
		                        coalesce(arrive(seg), depart(seg)), interval '7 days') w
	WHERE least(from_lon(seg), to_lon(seg)) <= ST_XMax(g) AND greatest(from_lon(seg), to_lon(seg)) >= ST_XMin(g)
	  AND least(from_lat(seg), to_lat(seg)) <= ST_YMax(g) AND greatest(from_lat(seg), to_lat(seg)) >= ST_YMin(g)
	  AND tstzrange(coalesce(depart(seg), arrive(seg)), coalesce(arrive(seg), depart(seg)), '[]') && tstzrange('2024-03-01', '2024-06-01')
	  AND w >= '2024-02-26' AND w < '2024-06-01'
	GROUP BY w)
SELECT (SELECT count(*) FROM via_index) AS weeks, (SELECT sum(journeys) FROM via_index) AS journey_weeks,
       (SELECT count(*) FROM (SELECT * FROM via_index EXCEPT SELECT * FROM plain) d) +
       (SELECT count(*) FROM (SELECT * FROM plain EXCEPT SELECT * FROM via_index) d) AS differences;

DROP TABLE rsi, rsi_q, rsi_with, rsi_without;
DROP FUNCTION rsi_hits(boolean);
