-- ICE Air's airport table (UWCHR/ice-air iceair_airports_coords.csv):
--
--   psql -v file=iceair_airports_coords.csv [-v source=NAME] [-v schema=realdata] -f load/airports.sql
--
-- Header ",AirportCode,AirportName,Longitude,Latitude" (a pandas index
-- first), coordinates in decimal degrees.  A later load of another file
-- updates the airports it names.
\set layout airports
\ir _begin.sql
SELECT migrisk.check_layout(:'source', 1, (SELECT migrisk.delimited_fields(line) FROM _line WHERE line_no = 1),
	ARRAY[NULL, 'AirportCode', 'AirportName', 'Longitude', 'Latitude']) \gset _
CREATE TEMP TABLE _parsed ON COMMIT DROP AS
SELECT line_no, f,
       CASE WHEN coalesce(line, '') = '' THEN 'empty line'
            WHEN f IS NULL THEN migrisk.delimited_fields_error(line)
            WHEN cardinality(f) <> 5 THEN format('%s fields, expected 5', cardinality(f))
            WHEN f[2] !~ '^[A-Z0-9]{3,4}$' THEN format('AirportCode "%s" is not an ICAO code', f[2])
            WHEN f[4] IS NULL OR f[5] IS NULL THEN format('airport %s has no coordinates', f[2])
            WHEN f[4] !~ '^-?[0-9]+(\.[0-9]+)?$' OR abs(f[4]::float8) > 180 THEN format('Longitude "%s" is not in [-180, 180]', f[4])
            WHEN f[5] !~ '^-?[0-9]+(\.[0-9]+)?$' OR abs(f[5]::float8) > 90 THEN format('Latitude "%s" is not in [-90, 90]', f[5])
            WHEN count(*) OVER (PARTITION BY f[2]) > 1 THEN format('AirportCode %s appears more than once', f[2])
       END AS reason
FROM (SELECT line_no, line, migrisk.delimited_fields(line) AS f FROM _line WHERE line_no > 1) s;
INSERT INTO :"schema".airport (icao, name, lon, lat, source)
SELECT f[2], f[3], f[4]::float8, f[5]::float8, :'source' FROM _parsed WHERE reason IS NULL
ON CONFLICT (icao) DO UPDATE SET name = excluded.name, lon = excluded.lon, lat = excluded.lat, source = excluded.source;
\set loaded :ROW_COUNT
\ir _end.sql
