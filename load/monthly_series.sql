-- The official monthly series IOM compiles (iom/gdidata, data/*.csv), one
-- loader for their layouts; the series is named by the file:
--
--   psql -v file=irreg_mexico_nat.csv [-v series=NAME] [-v source=NAME] [-v schema=realdata] -f load/monthly_series.sql
--
--   irreg_mexico_nat    t,nat,n          UPM: foreigners in an irregular situation, by nationality
--   irreg_mexico_exp    t,nat,type,n     UPM: deportations and assisted returns, by nationality
--   irreg_mexico_dmg    t,sex,age,n      UPM: the same by sex and age
--   irreg_darien_nat    t,q,nat,n        Panama (SNM): Darién transits by nationality
--   irreg_darien_dmg    t,q,demog,n      Panama: by demography
--   irreg_honduras_nat  t,nat,n          Honduras (INM): irregular migrants by nationality
--   irreg_honduras_dmg  t,demog,n        Honduras: by demography
--   irreg_guatemala     t,sex,age,origin,n  Guatemala (IGM): by sex, age and origin
--
-- t is the month (YYYY-MM), nationalities are ISO3 codes (names in
-- migrisk.country); n a count (12 or 12.0).  A code that is not in
-- migrisk.country is rejected, not guessed.
\set layout monthly_series
\if :{?series}
\else
SELECT regexp_replace(regexp_replace(:'file', '^.*/', ''), '\.csv(\.gz)?$', '') AS series \gset
\endif
\ir _begin.sql
SELECT CASE :'series'
	WHEN 'irreg_mexico_nat' THEN '{t,nat,n}' WHEN 'irreg_honduras_nat' THEN '{t,nat,n}'
	WHEN 'irreg_mexico_exp' THEN '{t,nat,type,n}' WHEN 'irreg_mexico_dmg' THEN '{t,sex,age,n}'
	WHEN 'irreg_darien_nat' THEN '{t,q,nat,n}' WHEN 'irreg_darien_dmg' THEN '{t,q,demog,n}'
	WHEN 'irreg_honduras_dmg' THEN '{t,demog,n}' WHEN 'irreg_guatemala' THEN '{t,sex,age,origin,n}'
	ELSE '' END AS want \gset
SELECT migrisk.check_layout(:'source', 1, (SELECT migrisk.delimited_fields(line) FROM _line WHERE line_no = 1),
	coalesce(nullif(:'want', '')::text[], ARRAY['(a known series: irreg_mexico_nat, irreg_mexico_exp, ...; set -v series)'])) \gset _
CREATE TEMP TABLE _split ON COMMIT DROP AS
SELECT s.line_no, s.line, s.f, h.h
FROM (SELECT line_no, line, migrisk.delimited_fields(line) AS f FROM _line WHERE line_no > 1) s,
     (SELECT :'want'::text[] AS h) h;
CREATE TEMP TABLE _parsed ON COMMIT DROP AS
SELECT line_no, f, col,
       CASE WHEN coalesce(line, '') = '' THEN 'empty line'
            WHEN f IS NULL THEN migrisk.delimited_fields_error(line)
            WHEN cardinality(f) <> cardinality(h) THEN format('%s fields, expected %s', cardinality(f), cardinality(h))
            WHEN coalesce(col->>'t', '') !~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])$' THEN format('t "%s" is not a month YYYY-MM', col->>'t')
            WHEN migrisk.whole_count(col->>'n') IS NULL THEN format('n "%s" is not a count', col->>'n')
            WHEN coalesce(col->>'nat', col->>'origin') IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM migrisk.country c WHERE c.iso3 = coalesce(col->>'nat', col->>'origin'))
                THEN format('nationality "%s" is not in migrisk.country', coalesce(col->>'nat', col->>'origin'))
       END AS reason
FROM (SELECT s.*, (SELECT jsonb_object_agg(k, v) FROM unnest(s.h, s.f) AS u(k, v) WHERE k IS NOT NULL) AS col FROM _split s) s;
DELETE FROM :"schema".monthly_count WHERE source = :'source';
INSERT INTO :"schema".monthly_count (series, source, line_no, month, nat_iso3, category, sex, age, n)
SELECT :'series', :'source', line_no, (col->>'t' || '-01')::date, coalesce(col->>'nat', col->>'origin'),
       coalesce(col->>'type', col->>'demog'), col->>'sex', col->>'age', migrisk.whole_count(col->>'n')
FROM _parsed WHERE reason IS NULL ORDER BY line_no;
\set loaded :ROW_COUNT
\ir _end.sql
