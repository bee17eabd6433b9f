-- Chapter 10: route segments.  One person's crossing of the Isthmus of
-- Tehuantepec in March 2024: on foot from Tapachula to Arriaga (Chiapas),
-- on the freight train ("La Bestia") from Arriaga to Ciudad Ixtepec
-- (Oaxaca), then by bus to Coatzacoalcos (Veracruz).  Times are local
-- (UTC-06:00) on input and always shown in UTC.
\pset footer off
\pset null '(unknown)'
SET search_path = migrisk, public;
SET IntervalStyle = 'postgres';

\echo
\echo '== 10 route segments: one leg = from, to, when, how'
CREATE TABLE demo_leg (person text, leg int, s route_segment);
INSERT INTO demo_leg VALUES
 ('P-0412', 1, 'foot (-92.2633 14.9056, -93.8994 16.2361) 2024-03-01T06:00:00-06:00/2024-03-09T17:00:00-06:00'),
 ('P-0412', 2, 'freight_train (-93.8994 16.2361, -95.0989 16.5633) 2024-03-11T04:30:00-06:00/2024-03-11T19:00:00-06:00'),
 ('P-0412', 3, 'bus (-95.0989 16.5633, -94.4333 18.1500) 2024-03-13T08:00:00-06:00/?'),
 -- a record with the times typed the wrong way round would be rejected;
 -- this one has a plausible-looking but impossible duration
 ('P-0977', 1, 'freight_train (-93.8994 16.2361, -95.0989 16.5633) 2024-03-11T04:30:00-06:00/2024-03-11T05:30:00-06:00');
SELECT person, leg, s FROM demo_leg ORDER BY person, leg;

\echo
\echo '-- geodesic length on WGS84 (Karney), against PostGIS geography (spheroid)'
SELECT person, leg, transport_mode(s) AS mode,
       round(length_m(s)::numeric, 3) AS length_m,
       round(ST_Distance(start_point(s)::geography, end_point(s)::geography, true)::numeric, 3) AS postgis_m,
       round(((length_m(s) - ST_Distance(start_point(s)::geography, end_point(s)::geography, true)) * 1000)::numeric, 6) AS diff_mm
FROM demo_leg ORDER BY person, leg;

\echo
\echo '-- duration, average speed and plausibility by mode (bounds in km/h)'
SELECT person, leg, transport_mode(s) AS mode, duration(s),
       round(speed_kmh(s)::numeric, 1) AS speed_kmh, max_speed_kmh(s) AS bound_kmh,
       is_plausible(s)
FROM demo_leg ORDER BY person, leg;

\echo
\echo '-- the journey: legs in order of departure'
SELECT person, legs(j), round((length_m(j) / 1000)::numeric, 1) AS km,
       round(gap_m(j)::numeric, 1) AS gap_m, duration(j)
FROM (SELECT person, journey(s ORDER BY depart(s)) AS j FROM demo_leg GROUP BY person) x
ORDER BY person;

\echo
\echo '-- for maps and polygons, hand it to PostGIS (SRID 4326)'
SELECT ST_AsText(s::geometry) AS leg_wkt FROM demo_leg WHERE person = 'P-0412' AND leg = 2;
SELECT ST_AsText(journey(s ORDER BY depart(s))::geometry) AS journey_wkt
FROM demo_leg WHERE person = 'P-0412';

\echo
\echo '-- loading: find the bad rows instead of aborting the load'
SELECT line, coalesce(route_segment_error(line), 'ok') AS check
FROM (VALUES ('bus (-92.2633 14.9056, -93.8994 16.2361) 2024-03-02T08:00:00-06:00/2024-03-02T14:00:00-06:00'),
             ('bus (14.9056 -92.2633, 16.2361 -93.8994)'),
             ('combi (-92.2633 14.9056, -92.1 15.0)'),
             ('foot (-92.2633 14.9056, -93.8994 16.2361) 2024-03-09T17:00:00-06:00/2024-03-01T06:00:00-06:00')) v(line);

DROP TABLE demo_leg;
