-- The story begins: geography (states, places, corridors, documented risk
-- points) and the synthetic records, loaded with the data set's own loader
-- (test/data/load.sql: plain tables in schema synth, docs/data.md).
\pset footer off
\pset null '(unknown)'
\set ECHO none
SET client_min_messages = warning;

\echo
\echo '== Geography: Mexico''s 32 states (INEGI), places, corridors, documented risk points'
\i demo/lib/geography.sql
SET client_min_messages = warning;
SELECT (SELECT count(*) FROM migrisk_demo.state) AS states,
       (SELECT count(*) FROM migrisk_demo.place) AS places,
       (SELECT count(*) FROM migrisk_demo.corridor) AS corridors,
       (SELECT count(*) FROM migrisk_demo.risk_point) AS risk_points,
       (SELECT round((sum(ST_Area(geom::geography)) / 1e6)::numeric) FROM migrisk_demo.state) AS area_km2;

-- The headline numbers each chapter finds, for the report.
DROP TABLE IF EXISTS migrisk_demo.headline;
CREATE TABLE migrisk_demo.headline (ord int PRIMARY KEY, label text NOT NULL, value text NOT NULL);
COMMENT ON TABLE migrisk_demo.headline IS 'demo: headline numbers of the story, shown at the top of the report';

\echo
\echo '== Records: the synthetic data set (test/data/load.sql into schema synth)'
-- load.sql changes the client's directory to the data; come back after.
\set dir :data_dir
\i test/data/load.sql
\cd :top
SET client_min_messages = warning;

SELECT 'apprehensions (INM, US Border Patrol)' AS source, count(*) AS records FROM synth.apprehensions
UNION ALL SELECT 'removals (US)', count(*) FROM synth.removals
UNION ALL SELECT 'receptions at repatriation points (MX)', count(*) FROM synth.receptions
UNION ALL SELECT 'flow-monitoring survey responses', count(*) FROM synth.survey
UNION ALL SELECT 'journey legs (route module)', count(*) FROM synth.legs;

-- Every leg as a migrisk.route_segment: the legs' columns become one typed
-- value that knows its geodesic length, duration and plausibility.  As an
-- ETL job would, check each row first (migrisk.route_segment_error) and
-- route the bad ones to a reject table instead of aborting the load.
SELECT to_regtype('migrisk.route_segment') IS NOT NULL AS have_route_segment \gset
\if :have_route_segment
DROP TABLE IF EXISTS migrisk_demo.leg_text, migrisk_demo.leg_reject, migrisk_demo.leg CASCADE;
CREATE TEMP TABLE leg_text AS
SELECT l.*, format('%s (%s %s, %s %s) %s/%s', l.mode, l.from_lon, l.from_lat, l.to_lon, l.to_lat,
                   to_char(l.depart AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                   to_char(l.arrive AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) AS txt
FROM synth.legs l;
CREATE TABLE migrisk_demo.leg_reject AS
SELECT leg_id, person_id, journey_no, leg_no, txt, migrisk.route_segment_error(txt) AS error
FROM leg_text
WHERE NOT migrisk.is_valid_route_segment(txt);
COMMENT ON TABLE migrisk_demo.leg_reject IS 'legs that are not valid route segments, with the reason (migrisk.route_segment_error)';
CREATE TABLE migrisk_demo.leg AS
SELECT l.person_id::bigint * 10 + l.journey_no AS journey_id,
       l.person_id::bigint AS person_id, l.journey_no, l.leg_no, l.from_place, l.to_place,
       l.txt::migrisk.route_segment AS seg, l.implausible
FROM leg_text l
WHERE migrisk.is_valid_route_segment(l.txt);
ALTER TABLE migrisk_demo.leg ADD PRIMARY KEY (journey_id, leg_no);
COMMENT ON TABLE migrisk_demo.leg IS 'every valid leg of every journey as a migrisk.route_segment (journey_id = person_id * 10 + journey_no)';
SELECT (SELECT count(*) FROM migrisk_demo.leg) AS legs_loaded,
       (SELECT count(*) FROM migrisk_demo.leg_reject) AS legs_rejected,
       (SELECT count(*) FROM migrisk_demo.leg WHERE NOT migrisk.is_plausible(seg)) AS loaded_but_implausible;
\echo 'A rejected leg and the reason, as an ETL job would log it:'
SELECT leg_id, txt, error FROM migrisk_demo.leg_reject ORDER BY leg_id LIMIT 1;
\else
\echo 'migrisk.route_segment is not in this build: the journey chapters are skipped.'
\endif
