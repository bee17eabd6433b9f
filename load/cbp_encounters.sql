-- CBP's "Nationwide Encounters" downloads, by state (CSV) or by area of
-- responsibility (the .xlsx workbook, read by load/xlsx2csv.py):
--
--   psql -v file=nationwide-encounters-fy23-fy26-jan-state.csv [-v source=NAME] [-v schema=realdata] -f load/cbp_encounters.sql
--   psql -v file=nationwide-encounters-fy23-fy26-jan-aor.xlsx  [-v loaddir=load] ... -f load/cbp_encounters.sql
--
-- State layout: Fiscal Year, Month Grouping, Month (abbv), Land Border
-- Region, State, Demographic, Citizenship, Title of Authority, Encounter
-- Count.  AOR layout: Fiscal Year, Month Grouping, Month (abbv), Component,
-- Land Border Region, Area of Responsibility, AOR (Abbv), Demographic,
-- Citizenship, Title of Authority, Encounter Type, Encounter Count.  The
-- header says which.  Fiscal years run October to September: OCT 2023 of
-- fiscal year 2024 is month 2023-10-01.  "2026 (FYTD)" is fiscal year
-- 2026; 2023.0 (the workbook's numbers) is 2023.
\set layout cbp_encounters
\ir _begin.sql
SELECT CASE WHEN f = ARRAY['Fiscal Year', 'Month Grouping', 'Month (abbv)', 'Land Border Region', 'State',
                           'Demographic', 'Citizenship', 'Title of Authority', 'Encounter Count'] THEN 'state'
            WHEN f = ARRAY['Fiscal Year', 'Month Grouping', 'Month (abbv)', 'Component', 'Land Border Region',
                           'Area of Responsibility', 'AOR (Abbv)', 'Demographic', 'Citizenship', 'Title of Authority',
                           'Encounter Type', 'Encounter Count'] THEN 'aor'
            ELSE 'unknown' END AS cbp_layout
FROM (SELECT migrisk.delimited_fields(line) AS f FROM _line WHERE line_no = 1) h \gset
\if :{?cbp_layout}
\else
\set cbp_layout unknown
\endif
-- the state layout names the columns a file of unknown layout is held to
SELECT migrisk.check_layout(:'source', 1, (SELECT migrisk.delimited_fields(line) FROM _line WHERE line_no = 1),
	CASE :'cbp_layout' WHEN 'aor' THEN
	     ARRAY['Fiscal Year', 'Month Grouping', 'Month (abbv)', 'Component', 'Land Border Region',
	           'Area of Responsibility', 'AOR (Abbv)', 'Demographic', 'Citizenship', 'Title of Authority',
	           'Encounter Type', 'Encounter Count']
	ELSE ARRAY['Fiscal Year', 'Month Grouping', 'Month (abbv)', 'Land Border Region', 'State',
	           'Demographic', 'Citizenship', 'Title of Authority', 'Encounter Count'] END) \gset _

CREATE TEMP TABLE _split ON COMMIT DROP AS
SELECT line_no, line, f,
       CASE WHEN :'cbp_layout' = 'aor' THEN 12 ELSE 9 END AS nf,
       CASE WHEN :'cbp_layout' = 'aor'
            THEN jsonb_build_object('fy', f[1], 'grouping', f[2], 'month', f[3], 'component', f[4], 'region', f[5],
                                    'aor', f[6], 'aor_abbv', f[7], 'demographic', f[8], 'citizenship', f[9],
                                    'authority', f[10], 'type', f[11], 'n', f[12])
            ELSE jsonb_build_object('fy', f[1], 'grouping', f[2], 'month', f[3], 'region', f[4], 'state', f[5],
                                    'demographic', f[6], 'citizenship', f[7], 'authority', f[8], 'n', f[9]) END AS c
FROM (SELECT line_no, line, migrisk.delimited_fields(line) AS f FROM _line WHERE line_no > 1) s;

CREATE TEMP TABLE _parsed ON COMMIT DROP AS
SELECT line_no, c, fy, m,
       CASE WHEN coalesce(line, '') = '' THEN 'empty line'
            WHEN f IS NULL THEN migrisk.delimited_fields_error(line)
            WHEN cardinality(f) <> nf THEN format('%s fields, expected %s', cardinality(f), nf)
            WHEN fy IS NULL THEN format('Fiscal Year "%s" is not a year', c->>'fy')
            WHEN m IS NULL THEN format('Month (abbv) "%s" is not a month', c->>'month')
            WHEN migrisk.whole_count(c->>'n') IS NULL THEN format('Encounter Count "%s" is not a count', c->>'n')
       END AS reason
FROM (SELECT s.*,
             (SELECT migrisk.whole_count(x[1])::int FROM regexp_match(s.c->>'fy', '^([0-9]{4})(\.0*| \(FYTD\))?$') x) AS fy,
             array_position('{JAN,FEB,MAR,APR,MAY,JUN,JUL,AUG,SEP,OCT,NOV,DEC}'::text[], upper(s.c->>'month')) AS m
      FROM _split s) p;
CREATE TEMP TABLE _citizenship ON COMMIT DROP AS
SELECT v, migrisk.country_iso3(v) AS iso3 FROM (SELECT DISTINCT c->>'citizenship' AS v FROM _parsed) s WHERE v IS NOT NULL;

DELETE FROM :"schema".cbp_encounter WHERE source = :'source';
INSERT INTO :"schema".cbp_encounter
SELECT :'source', p.line_no, p.fy, make_date(CASE WHEN p.m >= 10 THEN p.fy - 1 ELSE p.fy END, p.m, 1),
       c->>'grouping', c->>'component', c->>'region', c->>'state', c->>'aor', c->>'aor_abbv', c->>'demographic',
       c->>'citizenship', z.iso3, c->>'authority', c->>'type', migrisk.whole_count(c->>'n')
FROM _parsed p LEFT JOIN _citizenship z ON z.v = p.c->>'citizenship'
WHERE p.reason IS NULL ORDER BY p.line_no;
\set loaded :ROW_COUNT
\ir _end.sql
