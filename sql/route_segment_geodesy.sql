-- route_segment geodesy: length_m against published reference values and
-- against PostGIS computed here; duration, speed and plausibility.
SET search_path = migrisk, public;
SET TimeZone = 'UTC';
SET IntervalStyle = 'postgres';

-- 1. GeographicLib's test set GeodTest.dat (C. F. F. Karney, "Test set for
-- geodesics", 2010, doi:10.5281/zenodo.32156): twenty geodesics as quoted
-- in GeographicLib's own test suite, s12 exact to the digits printed.  A
-- float8 near 1e7 m is spaced 1.9e-9 m, so 1e-8 m is a few units in the
-- last place.  Longitudes beyond 180 are reduced to (-180, 180] here.
CREATE TEMP TABLE geodtest (n int, lat1 float8, lon1 float8, lat2 float8, lon2 float8, s12 float8);
INSERT INTO geodtest VALUES
 (1, 35.60777, -139.44815, -11.17491, -69.95921, 8935244.5604818305),
 (2, 55.52454, 106.05087, 77.03196, 197.18234, 4105086.1713924406),
 (3, -21.97856, 142.59065, 41.84138, 98.56635, 8394328.894657671),
 (4, -66.99028, 112.2363, -12.70631, 285.90344, 11150344.2312080241),
 (5, -17.42761, 173.34268, -15.84784, 5.93557, 16076603.1631180673),
 (6, 32.84994, 48.28919, -56.28556, 202.29132, 16727068.9438164461),
 (7, 6.96833, 52.74123, -7.39675, 206.17291, 17102477.2496958388),
 (8, -50.56724, -16.30485, -33.56571, -94.97412, 6455670.5118668696),
 (9, -58.93002, -8.90775, -8.91104, 133.13503, 11756066.0219864627),
 (10, -68.82867, -74.28391, -50.63005, -8.36685, 3956936.926063544),
 (11, -10.62672, -32.0898, 5.883, -134.31681, 11470869.3864563009),
 (12, -21.76221, 166.90563, 48.72884, 213.97627, 9098627.3986554915),
 (13, -19.79938, -174.47484, -11.99349, -154.35109, 2319004.8601169389),
 (14, -11.95887, -116.94513, 4.57352, 7.16501, 13834722.5801401374),
 (15, -87.85331, 85.66836, 66.48646, 16.09921, 17286615.3147144645),
 (16, 1.74708, 128.32011, -11.16617, 11.87109, 12942901.1241347408),
 (17, -25.72959, -144.90758, -57.70581, -269.17879, 9413446.7452453107),
 (18, -41.22777, 122.32875, -7.57291, 130.37946, 3812686.035106021),
 (19, 11.01307, 138.25278, 6.62726, 247.05981, 11911190.819018408),
 (20, -29.47124, 95.14681, -27.46601, -69.15955, 13487015.8381145492);
UPDATE geodtest SET lon2 = lon2 - 360 WHERE lon2 > 180;
UPDATE geodtest SET lon2 = lon2 + 360 WHERE lon2 <= -180;
SELECT n, s12,
       abs(length_m(route_segment(lon1, lat1, lon2, lat2)) - s12) < 1e-8 AS geodtest_1e8,
       abs(ST_Distance(ST_MakePoint(lon1, lat1)::geography, ST_MakePoint(lon2, lat2)::geography, true) - s12) < 1e-6 AS postgis_1e6
FROM geodtest ORDER BY n;

-- 2. GeographicLib's "GeodSolve" regression cases, to the digits printed:
-- nearly antipodal points (6, 9, 10, 11, 78), the equator up to the
-- antipode (33), Vincenty's failure Wellington-Salamanca (76), short lines.
SELECT name, expected,
       abs(length_m(route_segment(lon1, lat1, lon2, lat2)) - expected) <= tol AS agrees
FROM (VALUES
  ('GeodSolve0 JFK-CDG',     40.6, -73.8, 49.01666667, 2.55, 5853226, 0.5),
  ('GeodSolve4 7 cm',        36.493349428792, 0, 36.49334942879201, .0000008, 0.072, 0.5e-3),
  ('GeodSolve6a antipodal',  88.202499451857, 0, -88.202499451857, 179.981022032992859592, 20003898.214, 0.5e-3),
  ('GeodSolve6b antipodal',  89.262080389218, 0, -89.262080389218, 179.992207982775375662, 20003925.854, 0.5e-3),
  ('GeodSolve6c antipodal',  89.333123580033, 0, -89.333123580032997687, 179.99295812360148422, 20003926.881, 0.5e-3),
  ('GeodSolve9 antipodal',   56.320923501171, 0, -56.320923501171, 179.664747671772880215, 19993558.287, 0.5e-3),
  ('GeodSolve10 antipodal',  52.784459512564, 0, -52.784459512563990912, 179.634407464943777557, 19991596.095, 0.5e-3),
  ('GeodSolve11 antipodal',  48.522876735459, 0, -48.52287673545898293, 179.599720456223079643, 19989144.774, 0.5e-3),
  ('GeodSolve33 equator 179',   0, 0, 0, 179, 19926189, 0.5),
  ('GeodSolve33 equator 179.5', 0, 0, 0, 179.5, 19980862, 0.5),
  ('GeodSolve33 equator 180',   0, 0, 0, 180, 20003931, 0.5),
  ('GeodSolve33 1N 180',        0, 0, 1, 180, 19893357, 0.5),
  ('GeodSolve59 nearly 180',    5, 0.00000000000001, 10, 180, 18345191.174332713, 5e-9),
  ('GeodSolve74 40 m',          54.1589, 15.3872, 54.1591, 15.3877, 39.527686385, 5e-9),
  ('GeodSolve76 Wellington-Salamanca', -41.316666666666667, 174.81666666666667, 40.966666666666667, -5.5, 19960543.857179, 0.5e-6),
  ('GeodSolve78 NGS fails',     27.2, 0.0, -27.1, 179.5, 19974354.765767, 0.5e-6),
  ('GeodSolve80 same point',    20.001, 0, 20.001, 0, 0, 1e-8),
  ('GeodSolve80 pole twice',    90, 0, 90, 180, 0, 1e-8),
  ('GeodSolve92 26 cm',         37.757540000000006, -122.47018, 37.75754, -122.470177, 0.264, 0.5e-3)
) v(name, lat1, lon1, lat2, lon2, expected, tol);

-- 3. PostGIS in the same run: ST_Distance(geography, geography, true),
-- which computes on the WGS84 spheroid (GeographicLib through PROJ), must
-- agree to 1 mm on any pair: worldwide, nearly antipodal (within 1e-3 to
-- 1e-9 degrees of the antipode), close pairs, and the migration corridor.
SELECT setseed(0.17);
CREATE TEMP TABLE pairs AS
SELECT kind, route_segment(lon1, lat1,
         CASE WHEN lon2 > 180 THEN lon2 - 360 WHEN lon2 < -180 THEN lon2 + 360 ELSE lon2 END,
         greatest(-90, least(90, lat2))) AS s
FROM (
  SELECT 'worldwide' AS kind, lon1, lat1, random() * 360 - 180 AS lon2, random() * 180 - 90 AS lat2
  FROM (SELECT random() * 360 - 180 AS lon1, random() * 180 - 90 AS lat1 FROM generate_series(1, 4000)) a
  UNION ALL
  SELECT 'nearly antipodal', lon1, lat1,
         lon1 + 180 + (random() - 0.5) * 10 ^ (-3 - 6 * random()),
         -lat1 + (random() - 0.5) * 10 ^ (-3 - 6 * random())
  FROM (SELECT random() * 360 - 180 AS lon1, random() * 180 - 90 AS lat1 FROM generate_series(1, 3000)) a
  UNION ALL
  SELECT 'antipodal band', lon1, lat1, lon1 + 179 + 2 * random(), -lat1 + (random() - 0.5) * 2
  FROM (SELECT random() * 360 - 180 AS lon1, random() * 180 - 90 AS lat1 FROM generate_series(1, 3000)) a
  UNION ALL
  SELECT 'close (< 1 km)', lon1, lat1, lon1 + (random() - 0.5) * 0.01, lat1 + (random() - 0.5) * 0.01
  FROM (SELECT random() * 360 - 180 AS lon1, random() * 170 - 85 AS lat1 FROM generate_series(1, 2000)) a
  UNION ALL
  SELECT 'southern Mexico', -95 + 4 * random(), 14.5 + 4 * random(), -95 + 4 * random(), 14.5 + 4 * random()
  FROM generate_series(1, 2000)
) p;
SELECT kind, count(*) AS pairs,
       count(*) FILTER (WHERE abs(length_m(s) - ST_Distance(s_from, s_to, true)) > 0.001) AS off_by_more_than_1mm,
       max(abs(length_m(s) - ST_Distance(s_from, s_to, true))) < 1e-6 AS max_diff_below_1um
FROM (SELECT kind, s, start_point(s)::geography AS s_from, end_point(s)::geography AS s_to FROM pairs) q
GROUP BY kind ORDER BY kind;

-- 4. Properties: symmetric, zero for a point, the meridian quadrant (the
-- WGS84 quarter meridian, 10001965.7293 m), the equator (a * pi / 2).
SELECT count(*) FILTER (WHERE length_m(s) <> length_m(route_segment(to_lon(s), to_lat(s), from_lon(s), from_lat(s)))) AS asymmetric
FROM pairs;
SELECT length_m('foot (-92.2667 14.9, -92.2667 14.9)'::route_segment) AS zero,
       length_m('foot (17 90, -123 90)'::route_segment) AS pole_to_pole_same_point,
       round(length_m('plane (0 0, 0 90)'::route_segment)::numeric, 4) AS quarter_meridian,
       length_m('plane (0 0, 90 0)'::route_segment) = 6378137 * pi() / 2 AS quarter_equator,
       length_m('plane (180 0, -180 0)'::route_segment) AS antimeridian_same_point;

-- 5. Duration, speed, plausibility.  Tapachula to Arriaga on foot, 8.5
-- days: 229351.1445 m (PROJ geod(1) gives 229351.1444797809 m), so
-- 229.351 km / 204 h = 1.1243 km/h.
SELECT round(length_m(s)::numeric, 6) AS length_m,
       round(ST_Distance(start_point(s)::geography, end_point(s)::geography, true)::numeric, 6) AS postgis,
       duration(s), round(speed_kmh(s)::numeric, 4) AS speed_kmh,
       max_speed_kmh(s), is_plausible(s)
FROM (SELECT 'foot (-92.26 14.9, -93.9 16.23) 2024-03-01T06:00:00Z/2024-03-09T18:00:00Z'::route_segment AS s) x;
SELECT label, duration(s), round(speed_kmh(s)::numeric, 2) AS speed_kmh, max_speed_kmh(s), is_plausible(s)
FROM (VALUES
  ('walked 230 km in a day',        'foot (-92.26 14.9, -93.9 16.23) 2024-03-01T06:00:00Z/2024-03-02T06:00:00Z'::route_segment),
  ('same, by bus',                  'bus (-92.26 14.9, -93.9 16.23) 2024-03-01T06:00:00Z/2024-03-02T06:00:00Z'),
  ('freight train, 14 h',           'freight_train (-93.9 16.23, -95.03 16.56) 2024-03-10T06:00:00Z/2024-03-10T20:00:00Z'),
  ('freight train, 1 h',            'freight_train (-93.9 16.23, -95.03 16.56) 2024-03-10T06:00:00Z/2024-03-10T07:00:00Z'),
  ('waited 2 days in place',        'unknown (-92.26 14.9, -92.26 14.9) 2024-03-01T00:00:00Z/2024-03-03T00:00:00Z'),
  ('zero length, zero time',        'foot (-92.26 14.9, -92.26 14.9) 2024-03-01T00:00:00Z/2024-03-01T00:00:00Z'),
  ('moved 1 m in zero time',        'foot (-92.26 14.9, -92.26 14.90001) 2024-03-01T00:00:00Z/2024-03-01T00:00:00Z'),
  ('departure unknown',             'bus (-92.26 14.9, -93.9 16.23) ?/2024-03-02T06:00:00Z'),
  ('flight Tapachula-Mexico City',  'plane (-92.37 14.79, -99.07 19.44) 2024-03-01T10:00:00Z/2024-03-01T11:50:00Z')
) v(label, s);
-- at the bound: 7 km/h on foot for 1 h covers 7 km; a few metres more is too far
SELECT is_plausible(route_segment(0, 0, 0, lat, 'foot', '2024-01-01 00:00+00', '2024-01-01 01:00+00')) AS plausible,
       round(length_m(route_segment(0, 0, 0, lat))::numeric, 3) AS length_m
FROM (VALUES (0.0633), (0.0634)) v(lat);
