-- IOM Missing Migrants Project incidents (iom/gdidata iom_mmp.csv):
--
--   psql -v file=iom_mmp.csv [-v source=NAME] [-v schema=realdata] -f load/missing_migrants.sql
--
-- Header t,m,type,route,geo,dead,cause,surv,nat,location,lon,lat: date
-- (YYYY-MM-DD), month, incident type, route, country of the incident
-- (ISO3), dead (the project counts people who died or went missing: one
-- number, dead_and_missing), cause, survivors, nationalities (ISO3, several
-- joined by commas), location text, longitude, latitude.  Each incident
-- becomes a PostGIS point; one without coordinates or date is rejected.
\set layout missing_migrants
\ir _begin.sql
SELECT migrisk.check_layout(:'source', 1, (SELECT migrisk.delimited_fields(line) FROM _line WHERE line_no = 1),
	ARRAY['t', 'm', 'type', 'route', 'geo', 'dead', 'cause', 'surv', 'nat', 'location', 'lon', 'lat']) \gset _
CREATE TEMP TABLE _parsed ON COMMIT DROP AS
SELECT line_no, f,
       CASE WHEN coalesce(line, '') = '' THEN 'empty line'
            WHEN f IS NULL THEN migrisk.delimited_fields_error(line)
            WHEN cardinality(f) <> 12 THEN format('%s fields, expected 12', cardinality(f))
            WHEN coalesce(f[1], '') !~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
                THEN format('t "%s" is not a YYYY-MM-DD date', f[1])
            WHEN substr(f[1], 9, 2)::int > extract(day FROM (substr(f[1], 1, 8) || '01')::date + interval '1 month' - interval '1 day')
                THEN format('t "%s" is not a day of the calendar', f[1])
            WHEN migrisk.whole_count(f[6]) IS NULL OR migrisk.whole_count(f[6]) > 2147483647 THEN format('dead "%s" is not a count', f[6])
            WHEN f[8] IS NOT NULL AND (migrisk.whole_count(f[8]) IS NULL OR migrisk.whole_count(f[8]) > 2147483647)
                THEN format('surv "%s" is not a count', f[8])
            WHEN coalesce(f[11], '') !~ '^-?[0-9]+(\.[0-9]+)?$' OR abs(f[11]::float8) > 180 THEN format('lon "%s" is not in [-180, 180]', f[11])
            WHEN coalesce(f[12], '') !~ '^-?[0-9]+(\.[0-9]+)?$' OR abs(f[12]::float8) > 90 THEN format('lat "%s" is not in [-90, 90]', f[12])
       END AS reason
FROM (SELECT line_no, line, migrisk.delimited_fields(line) AS f FROM _line WHERE line_no > 1) s;
DELETE FROM :"schema".missing_migrant_incident WHERE source = :'source';
INSERT INTO :"schema".missing_migrant_incident
SELECT :'source', line_no, f[1]::date, f[3], f[4], f[5], migrisk.whole_count(f[6])::int, f[7],
       migrisk.whole_count(f[8])::int, f[9], f[10],
       ST_SetSRID(ST_MakePoint(f[11]::float8, f[12]::float8), 4326)
FROM _parsed WHERE reason IS NULL ORDER BY line_no;
\set loaded :ROW_COUNT
\ir _end.sql
