-- Journeys: the legs of each trip as route_segment values, assembled into
-- journeys, placed on the corridors and in the states they cross with
-- PostGIS, and the transit risk factors that geography alone reveals.
\pset footer off
\pset null '(unknown)'
\set ECHO none
SET client_min_messages = warning;
\if :{?hotspot_km}
\else
\set hotspot_km 10
\endif

\echo
\echo '== Journeys: route segments -> journeys, corridors, states, transit risk factors'

DROP TABLE IF EXISTS migrisk_demo.journey CASCADE;
CREATE TABLE migrisk_demo.journey AS
SELECT journey_id,
       min(person_id) AS person_id,
       min(journey_no) AS journey_no,
       migrisk.journey(seg ORDER BY leg_no) AS j,
       min(migrisk.depart(seg))::date AS start_date,
       max(migrisk.arrive(seg))::date AS end_date,
       bool_or(migrisk.transport_mode(seg) = 'freight_train') AS freight_train,
       count(*) FILTER (WHERE NOT migrisk.is_plausible(seg)) AS implausible_legs
FROM migrisk_demo.leg
GROUP BY journey_id;
ALTER TABLE migrisk_demo.journey ADD PRIMARY KEY (journey_id);
-- The part of each journey inside Mexico, for the corridors and the map.
ALTER TABLE migrisk_demo.journey ADD COLUMN geom geometry(MultiLineString, 4326);
UPDATE migrisk_demo.journey SET geom = ST_Multi(j::geometry);
CREATE INDEX ON migrisk_demo.journey USING gist (geom);
ANALYZE migrisk_demo.journey;

SELECT count(*) AS journeys,
       count(DISTINCT person_id) AS travellers,
       round(avg(migrisk.legs(j)), 1) AS legs_per_journey,
       round((avg(migrisk.length_m(j)) / 1000)::numeric) AS mean_km,
       round(extract(epoch FROM avg(migrisk.duration(j))) / 86400, 1) AS mean_days,
       sum(implausible_legs) AS implausible_legs
FROM migrisk_demo.journey;

-- States crossed: a PostGIS join of the legs (route_segment cast to a
-- geometry) with the 32 state polygons.  Legs between the same two points
-- cross the same states, so the join runs once per distinct line (a few
-- hundred: the routes share their stops) against the polygons cut into
-- small pieces, and the journeys take their states from their legs.
DROP TABLE IF EXISTS migrisk_demo.journey_state;
CREATE TEMP TABLE hop AS
SELECT DISTINCT ON (migrisk.from_lon(seg), migrisk.from_lat(seg), migrisk.to_lon(seg), migrisk.to_lat(seg))
       migrisk.from_lon(seg) AS x0, migrisk.from_lat(seg) AS y0, migrisk.to_lon(seg) AS x1, migrisk.to_lat(seg) AS y1,
       seg::geometry AS g
FROM migrisk_demo.leg;
CREATE TEMP TABLE hop_state AS
SELECT DISTINCT h.x0, h.y0, h.x1, h.y1, s.cve
FROM hop h JOIN migrisk_demo.state_piece s ON ST_Intersects(s.geom, h.g);
CREATE TABLE migrisk_demo.journey_state AS
SELECT DISTINCT l.journey_id, hs.cve
FROM migrisk_demo.leg l
JOIN hop_state hs ON (hs.x0, hs.y0, hs.x1, hs.y1)
                   = (migrisk.from_lon(l.seg), migrisk.from_lat(l.seg), migrisk.to_lon(l.seg), migrisk.to_lat(l.seg));
ALTER TABLE migrisk_demo.journey_state ADD PRIMARY KEY (journey_id, cve);

-- Places passed: every leg's start and end matched to the places within
-- about 1 km (0.01 degree).
DROP TABLE IF EXISTS migrisk_demo.journey_place;
CREATE TABLE migrisk_demo.journey_place AS
SELECT DISTINCT e.journey_id, p.code AS place
FROM (SELECT l.journey_id, pt
      FROM migrisk_demo.leg l,
           LATERAL (VALUES (migrisk.start_point(l.seg)), (migrisk.end_point(l.seg))) AS v(pt)) e
JOIN migrisk_demo.place p ON ST_DWithin(p.geom, e.pt, 0.01);
ALTER TABLE migrisk_demo.journey_place ADD PRIMARY KEY (journey_id, place);

-- Corridors: the southern and the northern corridor of which the journey
-- passes most places (at least two).
DROP TABLE IF EXISTS migrisk_demo.journey_corridor;
CREATE TABLE migrisk_demo.journey_corridor AS
SELECT DISTINCT ON (jp.journey_id, c.part) jp.journey_id, c.part, c.code AS corridor, count(*) AS places
FROM migrisk_demo.journey_place jp
JOIN migrisk_demo.corridor_stop s ON s.place = jp.place
JOIN migrisk_demo.corridor c ON c.code = s.corridor
GROUP BY jp.journey_id, c.part, c.code
HAVING count(*) >= 2
ORDER BY jp.journey_id, c.part, count(*) DESC, c.code;
ALTER TABLE migrisk_demo.journey_corridor ADD PRIMARY KEY (journey_id, part);

ALTER TABLE migrisk_demo.journey ADD COLUMN route text;
UPDATE migrisk_demo.journey j
SET route = coalesce((SELECT corridor FROM migrisk_demo.journey_corridor c
                      WHERE c.journey_id = j.journey_id AND c.part = 'south'), 'mexican_domestic')
         || '+' || coalesce((SELECT corridor FROM migrisk_demo.journey_corridor c
                             WHERE c.journey_id = j.journey_id AND c.part = 'north'), 'none');

-- Hotspot exposure: the journey passes within :hotspot_km km of a documented
-- risk point placed where the reported events happened (placement 'event';
-- points that stand only for state-level evidence do not count).
ALTER TABLE migrisk_demo.journey ADD COLUMN hotspot boolean;
UPDATE migrisk_demo.journey j
SET hotspot = EXISTS (SELECT 1 FROM migrisk_demo.risk_point r
                      WHERE r.placement = 'event'
                        AND ST_DWithin(j.geom::geography, r.geom::geography, :hotspot_km * 1000));

\echo
\echo 'Journeys by route (southern + northern corridor, assigned by PostGIS from the legs alone):'
SELECT route, count(*) AS journeys,
       round(100.0 * avg(freight_train::int), 1) AS freight_train_pct,
       round(100.0 * avg(hotspot::int), 1) AS hotspot_pct,
       round((avg(migrisk.length_m(j)) / 1000)::numeric) AS mean_km
FROM migrisk_demo.journey
GROUP BY route ORDER BY journeys DESC;

\echo 'The corridors found from the legs against the generator''s record of each traveller''s first journey:'
SELECT count(*) AS first_journeys,
       count(*) FILTER (WHERE j.route = p.corridor
                           OR (p.corridor = 'mexican_domestic' AND j.route LIKE 'mexican_domestic+%')) AS same_route,
       round(100.0 * count(*) FILTER (WHERE j.route = p.corridor
                           OR (p.corridor = 'mexican_domestic' AND j.route LIKE 'mexican_domestic+%')) / count(*), 1) AS pct
FROM migrisk_demo.journey j JOIN synth.persons p ON p.person_id = j.person_id
WHERE j.journey_no = 1;

\echo
\echo 'States crossed most often:'
SELECT s.name AS state, count(*) AS journeys
FROM migrisk_demo.journey_state js JOIN migrisk_demo.state s USING (cve)
GROUP BY s.name ORDER BY journeys DESC LIMIT 8;
