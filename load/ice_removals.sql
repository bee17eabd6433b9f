-- ICE individual removals (FOIA 2019-ICFO-53623), as published:
--
--   psql -v file=ICERemovals_FY2017.csv.gz [-v source=NAME] [-v schema=realdata] -f load/ice_removals.sql
--
-- Pipe-delimited, five banner rows (the unit, the marking, the FOIA
-- number, an empty row, "ICE Removals for FY2017", or with the period
-- covered: "ICE Removals for FY2019 (10/1/2018 - 8/31/2019)"), the header on line 6,
-- then one removal per line.  Dates M/D/YYYY; a value ICE redacted is
-- written as FOIA exemption codes ("(B)(6);(B)(7)(C) "): it is loaded as
-- NULL and the code goes to the column's *_redaction column.  A line that
-- does not split into 10 fields, or a date that is neither a date nor a
-- redaction, or a removal date that is neither, is rejected with its line number.
-- docs/loaders.md says what each column becomes.
\set layout ice_removals
\ir _begin.sql

-- the layout: banner and header, before anything is loaded
SELECT migrisk.check_layout(:'source', 1, (SELECT migrisk.delimited_fields(line, '|') FROM _line WHERE line_no = 1),
	ARRAY['ERO-LESA Statistical Tracking Unit']) \gset _
SELECT migrisk.check_layout(:'source', 4, (SELECT migrisk.delimited_fields(line, '|') FROM _line WHERE line_no = 4),
	'{}'::text[]) \gset _
SELECT migrisk.check_layout(:'source', 5,
	(SELECT CASE WHEN f[1] ~ '^ICE Removals for FY[0-9]{4}( \([0-9]{1,2}/[0-9]{1,2}/[0-9]{4} - [0-9]{1,2}/[0-9]{1,2}/[0-9]{4}\))?$'
	             THEN ARRAY['ICE Removals for FY<year>[ (<first day> - <last day>)]'] || f[2:] ELSE f END
	 FROM (SELECT migrisk.delimited_fields(line, '|') AS f FROM _line WHERE line_no = 5) s),
	ARRAY['ICE Removals for FY<year>[ (<first day> - <last day>)]']) \gset _
SELECT migrisk.check_layout(:'source', 6, (SELECT migrisk.delimited_fields(line, '|') FROM _line WHERE line_no = 6),
	ARRAY['Area of Responsibility', 'Apprehension Date', 'Processing Disposition Code', 'Birth Date',
	      'Citizenship', 'Gender', 'RC Threat Level', 'Final Charge Section', 'Departed Date', 'Removal Date']) \gset _

CREATE TEMP TABLE _split ON COMMIT DROP AS
SELECT line_no, migrisk.delimited_fields(line, '|') AS f,
       CASE WHEN coalesce(line, '') = '' THEN 'empty line'
            ELSE migrisk.delimited_fields_error(line, '|') END AS split_error
FROM _line WHERE line_no > 6;

-- each distinct value is read once (dates, redactions, citizenships):
-- a file of 250,000 removals has a few thousand distinct values
CREATE TEMP TABLE _value ON COMMIT DROP AS
SELECT v, migrisk.us_date(v) AS d, migrisk.foia_redaction(v) AS redaction
FROM (SELECT DISTINCT unnest(ARRAY[f[2], f[4], f[7], f[9], f[10]]) AS v FROM _split) s
WHERE v IS NOT NULL;
CREATE TEMP TABLE _citizenship ON COMMIT DROP AS
SELECT v, migrisk.country_iso3(v) AS iso3
FROM (SELECT DISTINCT f[5] AS v FROM _split) s WHERE v IS NOT NULL;
ANALYZE _split, _value, _citizenship;

-- a date column holds a date, a redaction, or nothing; anything else rejects
CREATE TEMP TABLE _parsed ON COMMIT DROP AS
SELECT s.line_no, s.f,
       a.d AS apprehension_date, a.redaction AS apprehension_redaction,
       b.d AS birth_date, b.redaction AS birth_date_redaction,
       t.redaction AS threat_level_redaction,
       dp.d AS departed_date, dp.redaction AS departed_redaction,
       r.d AS removal_date, r.redaction AS removal_redaction,
       c.iso3 AS citizenship_iso3,
       CASE
           WHEN s.split_error IS NOT NULL THEN s.split_error
           WHEN cardinality(s.f) <> 10 THEN format('%s fields, expected 10', cardinality(s.f))
           WHEN s.f[2] IS NOT NULL AND a.d IS NULL AND a.redaction IS NULL
               THEN format('Apprehension Date "%s" is not a M/D/YYYY date nor a redaction', s.f[2])
           WHEN s.f[4] IS NOT NULL AND b.d IS NULL AND b.redaction IS NULL
               THEN format('Birth Date "%s" is not a M/D/YYYY date nor a redaction', s.f[4])
           WHEN s.f[9] IS NOT NULL AND dp.d IS NULL AND dp.redaction IS NULL
               THEN format('Departed Date "%s" is not a M/D/YYYY date nor a redaction', s.f[9])
           WHEN r.d IS NULL AND r.redaction IS NULL
               THEN format('Removal Date "%s" is not a M/D/YYYY date nor a redaction', coalesce(s.f[10], ''))
       END AS reason
FROM _split s
LEFT JOIN _value a ON a.v = s.f[2]
LEFT JOIN _value b ON b.v = s.f[4]
LEFT JOIN _value t ON t.v = s.f[7]
LEFT JOIN _value dp ON dp.v = s.f[9]
LEFT JOIN _value r ON r.v = s.f[10]
LEFT JOIN _citizenship c ON c.v = s.f[5];

DELETE FROM :"schema".ice_removal WHERE source = :'source';
INSERT INTO :"schema".ice_removal
SELECT :'source', p.line_no, p.f[1], p.apprehension_date, p.apprehension_redaction,
       p.f[3], p.birth_date, p.birth_date_redaction, p.f[5], p.citizenship_iso3, p.f[6],
       CASE WHEN p.threat_level_redaction IS NULL THEN p.f[7] END, p.threat_level_redaction,
       p.f[8], p.departed_date, p.departed_redaction, p.removal_date, p.removal_redaction
FROM _parsed p WHERE p.reason IS NULL
ORDER BY p.line_no;
\set loaded :ROW_COUNT
\ir _end.sql
