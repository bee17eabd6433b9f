-- migrisk's journeys against MobilityDB 1.2 (test/shell/mobilitydb.sh).
-- Each journey is built twice from the same legs: as a migrisk journey and
-- as a MobilityDB temporal point (one sequence per run of legs joined by
-- stays, a new sequence after each gap), and every check selects the
-- mismatches: the expected output of each is zero rows, printed as a count.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS mobilitydb CASCADE;
CREATE EXTENSION IF NOT EXISTS migrisk CASCADE;
SET search_path = public, migrisk;

-- legs of journeys through Chiapas, Oaxaca and Veracruz; consecutive legs
-- of one journey join exactly (a stay) or leave far away (a gap)
CREATE TEMP TABLE leg (jid int, n int, seg route_segment);
INSERT INTO leg VALUES
	-- Tapachula - Arriaga - Ixtepec - Coatzacoalcos with two long stays
	(1, 1, 'bus (-92.2633 14.9056, -93.8994 16.2361) 2024-03-01T08:00:00Z/2024-03-01T12:30:00Z'),
	(1, 2, 'freight_train (-93.8994 16.2361, -95.0989 16.5633) 2024-03-03T06:00:00Z/2024-03-03T16:00:00Z'),
	(1, 3, 'bus (-95.0989 16.5633, -94.4333 18.15) 2024-03-06T09:15:00Z/2024-03-06T14:45:00Z'),
	-- on foot with a 20-minute change (shorter than the minimum dwell)
	(2, 1, 'foot (-92.2633 14.9056, -92.5 15.2) 2024-04-10T05:00:00Z/2024-04-10T15:00:00Z'),
	(2, 2, 'car (-92.5 15.2, -93.1167 16.75) 2024-04-10T15:20:00Z/2024-04-10T20:00:00Z'),
	-- a gap: the third leg leaves 100 km from where the second arrived
	(3, 1, 'bus (-94.4333 18.15, -94.9 17.95) 2024-05-01T10:00:00Z/2024-05-01T11:30:00Z'),
	(3, 2, 'bus (-94.9 17.95, -96.13 19.19) 2024-05-01T13:00:00Z/2024-05-01T18:00:00Z'),
	(3, 3, 'truck (-97.07 18.85, -99.13 19.43) 2024-05-03T07:00:00Z/2024-05-03T14:00:00Z'),
	-- northwards, a long line
	(4, 1, 'bus (-99.13 19.43, -106.42 31.69) 2024-06-01T00:00:00Z/2024-06-02T06:00:00Z'),
	(4, 2, 'foot (-106.42 31.69, -106.49 31.76) 2024-06-03T22:00:00Z/2024-06-04T03:00:00Z');

CREATE TEMP TABLE j AS
SELECT jid, journey(seg ORDER BY n) AS journey FROM leg GROUP BY jid;

-- the MobilityDB value: instants at every departure and arrival; a stay
-- is the arrival place held until the next departure; a gap (next
-- departure more than 1000 m away) starts a new sequence
CREATE TEMP TABLE m AS
WITH l AS (
	SELECT jid, n, seg, depart(seg) AS d, arrive(seg) AS a,
	       coalesce(ST_Distance(end_point(lag(seg) OVER w)::geography, start_point(seg)::geography, true) > 1000,
	                true) AS starts
	FROM leg WINDOW w AS (PARTITION BY jid ORDER BY n)
), r AS (
	SELECT *, sum(starts::int) OVER (PARTITION BY jid ORDER BY n) AS run FROM l
), inst AS (
	SELECT jid, run, d AS t, format('Point(%s %s)@%s', from_lon(seg), from_lat(seg), d) AS i FROM r
	UNION ALL
	SELECT jid, run, a, format('Point(%s %s)@%s', to_lon(seg), to_lat(seg), a) FROM r
), seqs AS (
	SELECT jid, run, '[' || string_agg(i, ', ' ORDER BY t) || ']' AS s FROM inst GROUP BY jid, run
)
SELECT jid,
       ('{' || string_agg(s, ', ' ORDER BY run) || '}')::tgeogpoint AS tg,
       ('SRID=4326;{' || string_agg(s, ', ' ORDER BY run) || '}')::tgeompoint AS tm
FROM seqs GROUP BY jid;

-- 1. positions every 20 minutes from an hour before the first departure to
-- an hour after the last arrival, and at every departure, arrival and
-- leg midpoint: both NULL or both a point.  During a stay the two agree
-- to a millimetre; on a leg MobilityDB 1.2 interpolates a tgeogpoint on the
-- sphere (a great circle) and migrisk on the WGS84 ellipsoid (the
-- geodesic), and the two paths between the same ends part by an amount of
-- the order of f L^2 / R (f the flattening, L the leg's length, R the
-- Earth's radius: 28 m for 229 km, 1.25 km for 1540 km): that is the
-- tolerance.  (migrisk's positions are checked to lie on the ellipsoidal
-- geodesic against PostGIS in sql/journey_analytics.sql.)
CREATE TEMP TABLE pos AS
WITH ts AS (
	SELECT jid, generate_series(min(depart(seg)) - interval '1 hour', max(arrive(seg)) + interval '1 hour',
	                            interval '20 minutes') AS t FROM leg GROUP BY jid
	UNION SELECT jid, depart(seg) FROM leg
	UNION SELECT jid, arrive(seg) FROM leg
	UNION SELECT jid, depart(seg) + (arrive(seg) - depart(seg)) / 2 FROM leg
)
SELECT ts.jid, ts.t, position_at(j.journey, ts.t) AS ours, valueAtTimestamp(m.tg, ts.t) AS theirs,
       (SELECT (1 / 298.257223563) * length_m(l.seg) ^ 2 / 6371008.8 FROM leg l
        WHERE l.jid = ts.jid AND ts.t BETWEEN depart(l.seg) AND arrive(l.seg) ORDER BY l.n LIMIT 1) AS tol
FROM ts JOIN j USING (jid) JOIN m USING (jid);

SELECT 'positions compared', count(*), count(ours) AS known FROM pos;
SELECT 'positions: worst distance (m) and share of tolerance',
       round(max(ST_Distance(ours::geography, theirs, true))::numeric, 3),
       round(max(ST_Distance(ours::geography, theirs, true) / coalesce(tol, 1e-3))::numeric, 3)
FROM pos WHERE ours IS NOT NULL AND theirs IS NOT NULL;
SELECT 'position mismatches', count(*) FROM pos
WHERE (ours IS NULL) <> (theirs IS NULL)
   OR ST_Distance(ours::geography, theirs, true) > coalesce(tol, 0) + 1e-3;

-- 2. stops of at least an hour with legs leaving within 1000 m: the same
-- stays.  MobilityDB's stop also takes in the ends of the legs while they
-- are within the distance of the place, so its stop may begin earlier by
-- up to 1000 m / the arriving leg's speed and end later by up to 1000 m /
-- the departing leg's speed; migrisk's is the stay between the legs
CREATE TEMP TABLE theirs_stops AS
SELECT jid, startTimestamp(s) AS b, endTimestamp(s) AS e
FROM m, unnest(sequences(stops(m.tg, 1000, interval '1 hour'))) AS s;
CREATE TEMP TABLE ours_stops AS
SELECT j.jid, st.leg, st.arrive, st.depart,
       1000 / (length_m(a.seg) / extract(epoch FROM duration(a.seg))) AS slack_in,
       1000 / (length_m(b.seg) / extract(epoch FROM duration(b.seg))) AS slack_out
FROM j, stops(j.journey, 1000, interval '1 hour') AS st
JOIN leg a ON a.n = st.leg JOIN leg b ON b.n = st.leg + 1
WHERE st.kind = 'stop' AND a.jid = j.jid AND b.jid = j.jid;
SELECT 'stops: ours, theirs', (SELECT count(*) FROM ours_stops), (SELECT count(*) FROM theirs_stops);
SELECT 'stop mismatches', count(*) FROM ours_stops o FULL JOIN theirs_stops t
	ON o.jid = t.jid AND t.b <= o.arrive AND t.e >= o.depart
	   AND extract(epoch FROM o.arrive - t.b) <= o.slack_in + 1e-3
	   AND extract(epoch FROM t.e - o.depart) <= o.slack_out + 1e-3
WHERE o.jid IS NULL OR t.jid IS NULL;

-- 3. time inside polygons: MobilityDB's atGeometry is on tgeompoint, whose
-- path runs straight in longitude and latitude; migrisk's follows the
-- geodesic.  The two paths are at most delta apart on a leg (measured
-- below at 33 points), so each boundary crossing (at 15 degrees or more in
-- these polygons) moves by at most delta / (speed sin 15 degrees) < 4 delta /
-- speed; a period has two crossings
CREATE TEMP TABLE zone (zid int, geom geometry);
INSERT INTO zone VALUES
	(1, ST_MakeEnvelope(-94.0, 16.1, -93.8, 16.3, 4326)),	-- Arriaga
	(2, ST_MakeEnvelope(-95.2, 16.4, -94.9, 16.7, 4326)),	-- Ixtepec
	(3, ST_MakeEnvelope(-93.2, 15.4, -92.9, 15.9, 4326)),	-- across the coast road
	(4, ST_Buffer(ST_Point(-94.6, 17.4, 4326), 0.3, 32)),	-- the isthmus, a circle in lon/lat
	(5, ST_MakeEnvelope(-107.0, 31.0, -106.0, 32.0, 4326)),	-- Ciudad Juarez
	(6, ST_MakeEnvelope(-100.0, 19.0, -95.5, 20.0, 4326));	-- Veracruz to Mexico City
CREATE TEMP TABLE slack AS
SELECT jid, max(4 * delta / (length_m(seg) / extract(epoch FROM duration(seg)))) AS per_crossing
FROM (SELECT l.jid, l.seg,
             (SELECT max(ST_Distance(point_at(l.seg, k / 32.0)::geography,
                                     ST_LineInterpolatePoint(l.seg::geometry, k / 32.0)::geography, true))
              FROM generate_series(0, 32) AS k) AS delta
      FROM leg l) d
GROUP BY jid;
CREATE TEMP TABLE inside AS
SELECT j.jid, z.zid,
       extract(epoch FROM time_within(j.journey, z.geom)) AS ours,
       coalesce(extract(epoch FROM duration(atGeometry(m.tm, z.geom), false)), 0) AS theirs,
       (SELECT count(*) FROM within_periods(j.journey, z.geom)) AS periods,
       s.per_crossing
FROM j JOIN m USING (jid) JOIN slack s USING (jid) CROSS JOIN zone z;
SELECT 'time inside: pairs, pairs with time, worst difference (s)', count(*), count(*) FILTER (WHERE ours > 0),
       round(max(abs(ours - theirs))::numeric, 3) FROM inside;
SELECT 'time inside mismatches', count(*) FROM inside
WHERE abs(ours - theirs) > 2 * greatest(periods, 1) * per_crossing + 1e-3;
