-- ICE Air daily removal-flight legs, FY2011-2019 (ARTS, UWCHR/ice-air):
--
--   psql -v file=iceair_daily_flight_legs_FY2011-2019.csv [-v source=NAME] [-v schema=realdata] -f load/ice_air_legs.sql
--
-- Header ",MissionDate,R-T,PULOC,DropLoc,AlienMasterID": a pandas index,
-- the mission date (YYYY-MM-DD), R (removal) or T (transfer) (and a few
-- other ARTS statuses, kept as written), pick-up and drop-off airports
-- (ICAO), and the number of passengers on the leg (the count of
-- AlienMasterIDs).  Each leg becomes a route_segment of mode plane between
-- the two airports of load/airports.sql (load them first), without times:
-- the file gives the day, not the hour.  A leg whose airport is not in the
-- airport table is rejected.
\set layout ice_air_legs
\ir _begin.sql
SELECT migrisk.check_layout(:'source', 1, (SELECT migrisk.delimited_fields(line) FROM _line WHERE line_no = 1),
	ARRAY[NULL, 'MissionDate', 'R-T', 'PULOC', 'DropLoc', 'AlienMasterID']) \gset _
CREATE TEMP TABLE _parsed ON COMMIT DROP AS
SELECT s.line_no, s.f, a.lon AS from_lon, a.lat AS from_lat, b.lon AS to_lon, b.lat AS to_lat,
       CASE WHEN coalesce(s.line, '') = '' THEN 'empty line'
            WHEN s.f IS NULL THEN migrisk.delimited_fields_error(s.line)
            WHEN cardinality(s.f) <> 6 THEN format('%s fields, expected 6', cardinality(s.f))
            WHEN s.f[2] !~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
                THEN format('MissionDate "%s" is not a YYYY-MM-DD date', s.f[2])
            WHEN substr(s.f[2], 9, 2)::int > extract(day FROM (substr(s.f[2], 1, 8) || '01')::date + interval '1 month' - interval '1 day')
                THEN format('MissionDate "%s" is not a day of the calendar', s.f[2])
            WHEN s.f[3] IS NULL THEN 'R-T is empty'
            WHEN a.icao IS NULL THEN format('PULOC "%s" is not in the airport table (or has no coordinates there)', s.f[4])
            WHEN b.icao IS NULL THEN format('DropLoc "%s" is not in the airport table (or has no coordinates there)', s.f[5])
            WHEN migrisk.whole_count(s.f[6]) IS NULL OR migrisk.whole_count(s.f[6]) > 2147483647
                THEN format('AlienMasterID "%s" is not a count', s.f[6])
       END AS reason
FROM (SELECT line_no, line, migrisk.delimited_fields(line) AS f FROM _line WHERE line_no > 1) s
LEFT JOIN :"schema".airport a ON a.icao = s.f[4]
LEFT JOIN :"schema".airport b ON b.icao = s.f[5];
DELETE FROM :"schema".ice_air_leg WHERE source = :'source';
INSERT INTO :"schema".ice_air_leg
SELECT :'source', line_no, migrisk.whole_count(f[1]), f[2]::date, f[3], f[4], f[5], migrisk.whole_count(f[6])::int,
       migrisk.route_segment(from_lon, from_lat, to_lon, to_lat, 'plane')
FROM _parsed WHERE reason IS NULL ORDER BY line_no;
\set loaded :ROW_COUNT
\ir _end.sql
