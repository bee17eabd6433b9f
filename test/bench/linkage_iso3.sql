-- pg_temp.iso3: the country names of the synthetic removals and receptions
-- (citizenship, nationality) to ISO 3166-1 alpha-3, for the linkage
-- benchmarks (\i from the repository root, after test/data/load.sql).
-- Every distinct name in the loaded data, as migrisk.country_iso3 maps it
-- (the receptions' demonym MEXICANA as MEXICO), written out as an
-- IMMUTABLE CASE so that the million-row benches do not time the table
-- lookup.  A name left unmapped would make the field missing and hide a
-- disagreement.  -v iso3_function=NAME names another function (on Citus,
-- one in a real schema: the workers need it too).
\if :{?iso3_function}
\else
\set iso3_function pg_temp.iso3
\endif
SELECT format('CREATE FUNCTION %s(t text) RETURNS text LANGUAGE sql IMMUTABLE AS %L', :'iso3_function',
	'SELECT CASE upper(t) ' || string_agg(format('WHEN %L THEN %L', n, c), ' ' ORDER BY n) || ' END')
FROM (SELECT DISTINCT upper(n) AS n,
			 migrisk.country_iso3(CASE upper(n) WHEN 'MEXICANA' THEN 'MEXICO' ELSE n END) AS c
	  FROM (SELECT citizenship FROM synth.removals UNION SELECT nationality FROM synth.receptions) s(n)
	  WHERE n IS NOT NULL) m
WHERE c IS NOT NULL \gexec
