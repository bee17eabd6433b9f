-- journeys in time and place: position_at, point_at, geodesic_line,
-- stops, within_periods, time_within, crossing_legs, and their bad input.
-- Positions are checked against PostGIS on the spheroid (ST_Distance with
-- use_spheroid, ST_Azimuth and ST_Project on geography), an independent
-- implementation of the geodesic.
SET search_path = migrisk, public;
SET TimeZone = 'UTC';
SET IntervalStyle = 'postgres';
SET extra_float_digits = 0;
\set VERBOSITY terse

-- Tapachula to Arriaga by bus, 08:00 to 12:00 (229 351 m)
CREATE TEMP TABLE s AS SELECT
 'bus (-92.26 14.9, -93.9 16.23) 2024-03-01T08:00:00Z/2024-03-01T12:00:00Z'::route_segment AS seg;

-- the ends exactly, NULL outside the leg's times
SELECT ST_AsText(position_at(seg, '2024-03-01 08:00+00')) AS at_depart,
       ST_AsText(position_at(seg, '2024-03-01 12:00+00')) AS at_arrive,
       position_at(seg, '2024-03-01 07:59:59.999999+00') IS NULL AS before_is_null,
       position_at(seg, '2024-03-01 12:00:00.000001+00') IS NULL AS after_is_null,
       position_at(seg, NULL) IS NULL AS null_time
FROM s;

-- at 09:00, 10:00, 11:00 the point is 1/4, 1/2, 3/4 of the geodesic from
-- the start (by PostGIS's spheroidal distance), on the geodesic (the two
-- parts add up to the whole), and where PostGIS's ST_Project puts it (from
-- the start, with PostGIS's azimuth, over that distance): all to 1e-6 m
SELECT h, f,
       abs(ST_Distance(start_point(seg)::geography, p::geography, true) - f * len) < 1e-6 AS distance_from_start,
       abs(ST_Distance(start_point(seg)::geography, p::geography, true)
           + ST_Distance(p::geography, end_point(seg)::geography, true) - len) < 1e-6 AS on_the_geodesic,
       ST_Distance(p::geography,
                   ST_Project(start_point(seg)::geography, f * len,
                              ST_Azimuth(start_point(seg)::geography, end_point(seg)::geography)), true) < 1e-6 AS st_project
FROM s, LATERAL (SELECT ST_Distance(start_point(seg)::geography, end_point(seg)::geography, true) AS len) l,
     LATERAL (VALUES (9, 0.25), (10, 0.5), (11, 0.75)) AS v(h, f),
     LATERAL (SELECT position_at(seg, '2024-03-01 00:00+00'::timestamptz + make_interval(hours => h)) AS p) q
ORDER BY h;

-- point_at is the same point by fraction; the ends exactly; out of [0, 1] is an error
SELECT ST_Equals(point_at(seg, 0.5), position_at(seg, '2024-03-01 10:00+00')) AS same_point,
       ST_AsText(point_at(seg, 0)) AS f0, ST_AsText(point_at(seg, 1)) AS f1
FROM s;
SELECT point_at(seg, 1.5) FROM s;
SELECT point_at(seg, 'NaN') FROM s;

-- unknown times: no position; an instant leg is at its end at that instant
SELECT position_at('bus (-92.26 14.9, -93.9 16.23) 2024-03-01T08:00:00Z/?'::route_segment, '2024-03-01 09:00+00') IS NULL AS unknown_arrive,
       position_at('bus (-92.26 14.9, -93.9 16.23) ?/?'::route_segment, '2024-03-01 09:00+00') IS NULL AS unknown_both,
       ST_AsText(position_at('other (-92.26 14.9, -93.9 16.23) 2024-03-01T08:00:00Z/2024-03-01T08:00:00Z'::route_segment,
                             '2024-03-01 08:00+00')) AS instant;

-- across the antimeridian and over the pole: longitudes stay in [-180, 180],
-- the midpoint is halfway by PostGIS
SELECT ST_X(p) >= -180 AND ST_X(p) <= 180 AS lon_in_range,
       abs(ST_Distance(start_point(seg)::geography, p::geography, true)
           - ST_Distance(p::geography, end_point(seg)::geography, true)) < 1e-6 AS halfway
FROM (VALUES ('boat (179.5 -17.7, -179.5 -18.1)'::route_segment),
             ('plane (10 85, -170 86)'::route_segment)) AS v(seg),
     LATERAL (SELECT point_at(seg, 0.5) AS p) q;

-- geodesic_line: vertices at most step_m apart, ends exact, on the geodesic
SELECT ST_NPoints(geodesic_line(seg, 100000)) AS n_100km, ST_NPoints(geodesic_line(seg)) AS n_1km,
       ST_AsText(ST_StartPoint(geodesic_line(seg))) AS first, ST_AsText(ST_EndPoint(geodesic_line(seg))) AS last,
       ST_SRID(geodesic_line(seg)) AS srid
FROM s;
SELECT geodesic_line(seg, 0) FROM s;
SELECT geodesic_line(seg, 1e-3) FROM s;

-- A journey: Tapachula -> Arriaga (bus), 44 h in Arriaga, -> Ixtepec
-- (train), a 30-minute change 400 m away, -> Juchitan (bus), then a leg
-- that leaves 25 km away (a gap), then a leg with unknown times
CREATE TEMP TABLE jt AS SELECT journey(x ORDER BY n) AS j FROM (VALUES
 (1, 'bus (-92.26 14.9, -93.9 16.23) 2024-03-01T08:00:00Z/2024-03-01T12:00:00Z'::route_segment),
 (2, 'freight_train (-93.9 16.23, -95.03 16.56) 2024-03-03T08:00:00Z/2024-03-03T18:00:00Z'),
 (3, 'bus (-95.0337 16.56, -95.02 16.43) 2024-03-03T18:30:00Z/2024-03-03T19:00:00Z'),
 (4, 'bus (-94.8 16.5, -94.43 18.15) 2024-03-04T08:00:00Z/2024-03-04T14:00:00Z'),
 (5, 'foot (-94.43 18.15, -94.5 18.2) ?/?')) AS v(n, x);

-- stops of at least an hour with the next leg within 1 km: the 44 h in
-- Arriaga; the 30-minute change is too short; the 25 km jump and the
-- unknown times are gaps
SELECT kind, leg, ST_AsText(place) AS place, arrive, depart, dwell, round(distance_m::numeric, 1) AS distance_m, note
FROM jt, stops(j, 1000, '1 hour');
-- with a minimum of 0 the change is a stop too; within 100 m it is not (400 m apart)
SELECT kind, leg, dwell FROM jt, stops(j, 1000, '0') WHERE kind = 'stop';
SELECT kind, leg, note FROM jt, stops(j, 100, '0');
-- the 25 km jump becomes a stop when 30 km are allowed
SELECT kind, leg, dwell FROM jt, stops(j, 30000, '1 hour');
SELECT * FROM jt, stops(j, -1, '1 hour');
SELECT * FROM jt, stops(j, 'NaN', '1 hour');
SELECT * FROM jt, stops(j, 1000, '-1 hour');
SELECT count(*) FROM jt, stops(j, NULL, '1 hour');
SELECT count(*) FROM stops('[]'::journey, 1000, '1 hour');

-- positions along the journey: on a leg (as the leg's own), in Arriaga
-- during the stay, in the change within 1 km, NULL in the gap, before the
-- start and after the last known arrival
SELECT t, ST_AsText(position_at(j, t)) AS position
FROM jt, (VALUES ('2024-03-01 07:00+00'::timestamptz), ('2024-03-01 08:00+00'), ('2024-03-02 00:00+00'),
                 ('2024-03-03 18:15+00'), ('2024-03-03 22:00+00'), ('2024-03-04 14:00+00'),
                 ('2024-03-05 00:00+00')) AS v(t)
ORDER BY t;
SELECT ST_Equals(position_at(j, '2024-03-01 10:00+00'), position_at(seg, '2024-03-01 10:00+00')) AS leg_position
FROM jt, s;
-- with max_distance_m 100 the change (400 m) is a gap
SELECT position_at(j, '2024-03-03 18:15+00', 100) IS NULL AS change_is_gap FROM jt;
SELECT position_at(j, '2024-03-02 00:00+00', -5) FROM jt;
SELECT position_at('[]'::journey, '2024-03-02 00:00+00') IS NULL AS empty_journey;

-- legs that overlap in time: the first in journey order wins
SELECT ST_AsText(position_at('[bus (0 0, 0 1) 2024-01-01T00:00:00Z/2024-01-01T02:00:00Z; bus (5 5, 5 6) 2024-01-01T01:00:00Z/2024-01-01T03:00:00Z]'::journey,
                             '2024-01-01 02:30+00')) AS second_leg,
       ST_Equals(position_at('[bus (0 0, 0 1) 2024-01-01T00:00:00Z/2024-01-01T02:00:00Z; bus (5 5, 5 6) 2024-01-01T01:00:00Z/2024-01-01T03:00:00Z]'::journey,
                             '2024-01-01 01:30+00'),
                 point_at('bus (0 0, 0 1)'::route_segment, 0.75)) AS first_leg_wins;

-- within a radius of a point on the first leg's geodesic, its midpoint:
-- the distance from it along the leg is |s - s_mid|, so 10 km either side
-- at 229.351 km in 4 h: 10:00 -/+ 10000 / (229351.14 / 14400 s) = 627.86 s
SELECT round(extract(epoch FROM enter - '2024-03-01 10:00+00')::numeric, 2) AS enter_s,
       round(extract(epoch FROM leave - '2024-03-01 10:00+00')::numeric, 2) AS leave_s
FROM jt, s, within_periods(j, point_at(seg, 0.5), 10000);
-- 5 km around Arriaga: the end of the first leg, the 44 h stay and the
-- start of the train, as one period: it begins 5000 m / the bus's speed
-- before 12:00 and ends 5000 m / the train's speed after 08:00 (both legs
-- run straight at Arriaga, the centre on their geodesics)
SELECT enter, leave, duration FROM jt, within_periods(j, ST_Point(-93.9, 16.23, 4326), 5000);
SELECT abs(extract(epoch FROM '2024-03-01 12:00+00' - p.enter) - 5000 / (length_m(a) / 14400)) < 1e-3 AS enter_by_speed,
       abs(extract(epoch FROM p.leave - '2024-03-03 08:00+00') - 5000 / (length_m(b) / 36000)) < 1e-3 AS leave_by_speed
FROM jt, within_periods(j, ST_Point(-93.9, 16.23, 4326), 5000) AS p,
     (SELECT (SELECT s FROM segments((SELECT j FROM jt)) WITH ORDINALITY AS t(s, i) WHERE i = 1) AS a,
             (SELECT s FROM segments((SELECT j FROM jt)) WITH ORDINALITY AS t(s, i) WHERE i = 2) AS b) l;
SELECT time_within(j, ST_Point(-93.9, 16.23, 4326), 5000) FROM jt;
-- never near: 0
SELECT time_within(j, ST_Point(-99.13, 19.43, 4326), 5000) FROM jt;

-- inside polygons: a box around Arriaga holds the stay and parts of two
-- legs; each entry and exit lies on the box's boundary (to the distance
-- covered in a millisecond)
CREATE TEMP TABLE z AS SELECT ST_MakeEnvelope(-94.0, 16.1, -93.8, 16.3, 4326) AS box;
SELECT p.enter < '2024-03-01 12:00+00' AND p.leave > '2024-03-03 08:00+00' AS holds_the_stay,
       ST_Distance(position_at(j, p.enter)::geography, ST_Boundary(box)::geography, true) < 0.1 AS enter_on_boundary,
       ST_Distance(position_at(j, p.leave)::geography, ST_Boundary(box)::geography, true) < 0.1 AS leave_on_boundary,
       p.duration = time_within(j, box) AS total
FROM jt, z, within_periods(j, box) AS p;
-- a box holding the whole first leg: its 4 hours, the 44 h stay at its
-- end, and the train until it leaves the box at longitude -94, about
-- 0.1 / 1.13 of its 10 hours (53 minutes)
SELECT time_within(j, ST_MakeEnvelope(-94.0, 14.8, -92.0, 16.3, 4326)) FROM jt;
-- the time inside agrees with sampling position_at every minute
SELECT abs(extract(epoch FROM time_within(j, box))
           - 60 * (SELECT count(*) FROM generate_series('2024-03-01 00:00+00'::timestamptz, '2024-03-05 00:00+00', '1 minute') AS t
                   WHERE ST_Covers(box, position_at(j, t)))) < 120 AS agrees_with_sampling
FROM jt, z;
-- a multipolygon; an empty zone (no time); a polygon with a hole around Arriaga
SELECT time_within(j, ST_Multi(box)) = time_within(j, box) AS multi,
       time_within(j, 'SRID=4326;POLYGON EMPTY'::geometry) AS empty,
       time_within(j, ST_Difference(ST_Expand(box, 0.1), box)) < time_within(j, ST_Expand(box, 0.1)) AS hole
FROM jt, z;

-- which legs meet a polygon, whatever their times: the box meets legs 1
-- and 2; a box on the unknown-time leg finds it; a leg across the
-- antimeridian meets a box at 180
SELECT leg, transport_mode(segment) FROM jt, z, crossing_legs(j, box);
SELECT leg FROM jt, crossing_legs(j, ST_MakeEnvelope(-94.46, 18.17, -94.45, 18.18, 4326));
SELECT leg FROM crossing_legs('[boat (179.5 -17.7, -179.5 -18.1)]'::journey, ST_MakeEnvelope(179.9, -18.5, 180, -17, 4326));
SELECT count(*) FROM jt, crossing_legs(j, ST_MakeEnvelope(0, 0, 1, 1, 4326));

-- bad zones: another SRID, no SRID, an invalid polygon, a line, a radius
-- on a polygon, a negative radius; each 22023
SELECT time_within(j, ST_Transform(box, 3857)) FROM jt, z;
SELECT time_within(j, ST_SetSRID(box, 0)) FROM jt, z;
SELECT time_within(j, 'SRID=4326;POLYGON((-94 16, -93 17, -93 16, -94 17, -94 16))'::geometry) FROM jt;
SELECT time_within(j, 'SRID=4326;LINESTRING(-94 16, -93 17)'::geometry) FROM jt;
SELECT time_within(j, box, 100) FROM jt, z;
SELECT time_within(j, ST_Point(-93.9, 16.23, 4326), -1) FROM jt;
SELECT * FROM crossing_legs((SELECT j FROM jt), ST_Point(-93.9, 16.23, 4326));
SELECT * FROM crossing_legs((SELECT j FROM jt), 'SRID=4326;POLYGON((-94 16, -93 17, -93 16, -94 17, -94 16))'::geometry);
SELECT time_within(j, ST_Point(-93.9, 95, 4326), 10) FROM jt;
-- NULLs give NULL (or no rows)
SELECT time_within(j, NULL) IS NULL AS null_zone, time_within(NULL, box) IS NULL AS null_journey,
       position_at(NULL::journey, now()) IS NULL AS null_position
FROM jt, z;
SELECT count(*) FROM jt, within_periods(j, NULL);

-- every bad input above, with its SQLSTATE
\set VERBOSITY default
CREATE FUNCTION pg_temp.sqlstate(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END $$;
SELECT q, pg_temp.sqlstate(q) AS sqlstate
FROM (VALUES
	('SELECT point_at(seg, 1.5) FROM s'),
	('SELECT point_at(seg, ''NaN'') FROM s'),
	('SELECT geodesic_line(seg, 0) FROM s'),
	('SELECT geodesic_line(seg, 1e-3) FROM s'),
	('SELECT count(*) FROM jt, stops(j, -1, ''1 hour'')'),
	('SELECT count(*) FROM jt, stops(j, 1000, ''-1 hour'')'),
	('SELECT position_at(j, now(), -5) FROM jt'),
	('SELECT time_within(j, ST_Transform(box, 3857)) FROM jt, z'),
	('SELECT time_within(j, ST_SetSRID(box, 0)) FROM jt, z'),
	('SELECT time_within(j, ''SRID=4326;POLYGON((-94 16, -93 17, -93 16, -94 17, -94 16))''::geometry) FROM jt'),
	('SELECT time_within(j, ''SRID=4326;LINESTRING(-94 16, -93 17)''::geometry) FROM jt'),
	('SELECT time_within(j, box, 100) FROM jt, z'),
	('SELECT time_within(j, ST_Point(-93.9, 16.23, 4326), -1) FROM jt'),
	('SELECT time_within(j, ST_Point(-93.9, 95, 4326), 10) FROM jt'),
	('SELECT count(*) FROM jt, crossing_legs(j, ST_Point(-93.9, 16.23, 4326))')
) v(q) ORDER BY 1;
