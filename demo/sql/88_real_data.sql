-- The real files: what governments and IOM published, loaded with the
-- project's loaders (load/*.sql, docs/loaders.md) into schema realdata.
-- ICE's removals by citizenship and month next to Mexico's deportations;
-- CBP's encounters next to them for later years; the removal flights as
-- route segments; the Missing Migrants deaths by Mexican state and
-- corridor, with the synthetic journeys that pass near them.
\pset footer off
\pset null ''
\set ECHO none
SET client_min_messages = warning;
\set real :top/data/real
\set loaddir :top/load

\echo
\echo '== Real files: loading (rows read = loaded + rejected; rejects in realdata.load_reject)'
\set QUIET 1
\o /dev/null
\set file :real/ice_removals/ICERemovals_FY2017.csv.gz
\i load/ice_removals.sql
\set file :real/ice_removals/ICERemovals_FY2018.csv.gz
\i load/ice_removals.sql
\set file :real/ice_air/iceair_airports_coords.csv
\i load/airports.sql
\set file :real/ice_air/iceair_daily_flight_legs_FY2011-2019.csv.gz
\i load/ice_air_legs.sql
\set file :real/cbp_encounters/cbp-nationwide-encounters-fy20-fy23-state.csv.gz
\i load/cbp_encounters.sql
\set file :real/iom_gdidata/irreg_mexico_exp.csv
\i load/monthly_series.sql
\set file :real/iom_gdidata/irreg_mexico_nat.csv
\i load/monthly_series.sql
\set file :real/iom_gdidata/iom_mmp.csv.gz
\i load/missing_migrants.sql
\o
\set QUIET 0
SELECT layout, source, rows_read AS read, rows_loaded AS loaded, rows_rejected AS rejected
FROM realdata.load_run ORDER BY layout, source;

\echo
\echo 'ICE''s published removals by country of citizenship against the loaded records (FY2017, FY2018):'
CREATE TEMP TABLE ice_published (country text, fy2017 bigint, fy2018 bigint);
\set pub :real/ice_air/FY2017andFY2018ICERemovalsbyCountryofCitizenship.csv
SELECT format('\copy ice_published FROM %L WITH (FORMAT csv, HEADER true)', :'pub') AS cmd \gset
:cmd
SELECT 'FY2017' AS fiscal_year, (SELECT sum(fy2017) FROM ice_published) AS published,
       (SELECT count(*) FROM realdata.ice_removal WHERE removal_date BETWEEN '2016-10-01' AND '2017-09-30') AS loaded
UNION ALL
SELECT 'FY2018', (SELECT sum(fy2018) FROM ice_published),
       (SELECT count(*) FROM realdata.ice_removal WHERE removal_date BETWEEN '2017-10-01' AND '2018-09-30');

\echo
\echo 'Removals from the US (ICE) and deportations and assisted returns from Mexico (UPM), by citizenship, FY2018:'
WITH ice AS (
	SELECT citizenship_iso3 AS iso3, count(*) AS removed_by_us
	FROM realdata.ice_removal
	WHERE removal_date BETWEEN '2017-10-01' AND '2018-09-30'
	GROUP BY 1),
upm AS (
	SELECT nat_iso3 AS iso3, sum(n) FILTER (WHERE category = 'deportation') AS deported_by_mexico,
	       sum(n) FILTER (WHERE category LIKE 'assisted return%') AS returned_by_mexico
	FROM realdata.monthly_count
	WHERE series = 'irreg_mexico_exp' AND month BETWEEN '2017-10-01' AND '2018-09-01'
	GROUP BY 1)
SELECT c.name_en AS citizenship, c.name_es, ice.removed_by_us, upm.deported_by_mexico, upm.returned_by_mexico
FROM ice FULL JOIN upm USING (iso3) JOIN migrisk.country c USING (iso3)
ORDER BY coalesce(ice.removed_by_us, 0) + coalesce(upm.deported_by_mexico, 0) + coalesce(upm.returned_by_mexico, 0) DESC
LIMIT 8;

\echo
\echo 'By month for the four countries of most removals (ICE removals | Mexico''s deportations + assisted returns), FY2018:'
SELECT to_char(m.month, 'YYYY-MM') AS month,
       max(i.n) FILTER (WHERE i.iso3 = 'MEX') AS mex_us,
       max(i.n) FILTER (WHERE i.iso3 = 'GTM') AS gtm_us, max(u.n) FILTER (WHERE u.iso3 = 'GTM') AS gtm_mx,
       max(i.n) FILTER (WHERE i.iso3 = 'HND') AS hnd_us, max(u.n) FILTER (WHERE u.iso3 = 'HND') AS hnd_mx,
       max(i.n) FILTER (WHERE i.iso3 = 'SLV') AS slv_us, max(u.n) FILTER (WHERE u.iso3 = 'SLV') AS slv_mx
FROM generate_series(date '2017-10-01', date '2018-09-01', interval '1 month') AS m(month)
LEFT JOIN (SELECT date_trunc('month', removal_date)::date AS month, citizenship_iso3 AS iso3, count(*) AS n
           FROM realdata.ice_removal GROUP BY 1, 2) i ON i.month = m.month
LEFT JOIN (SELECT month, nat_iso3 AS iso3, sum(n) AS n FROM realdata.monthly_count
           WHERE series = 'irreg_mexico_exp' GROUP BY 1, 2) u ON u.month = m.month AND u.iso3 = i.iso3
GROUP BY m.month ORDER BY m.month;

\echo
\echo 'CBP encounters (all of the US) next to Mexico''s deportations and assisted returns, fiscal year 2021 to 2023:'
WITH cbp AS (
	SELECT fiscal_year, citizenship_iso3 AS iso3, sum(encounters) AS cbp_encounters
	FROM realdata.cbp_encounter WHERE fiscal_year BETWEEN 2021 AND 2023 GROUP BY 1, 2),
upm AS (
	SELECT extract(year FROM month + interval '3 months')::int AS fiscal_year, nat_iso3 AS iso3, sum(n) AS mexico_returns
	FROM realdata.monthly_count WHERE series = 'irreg_mexico_exp' GROUP BY 1, 2)
SELECT cbp.fiscal_year, c.name_en AS citizenship, cbp.cbp_encounters, upm.mexico_returns
FROM cbp JOIN migrisk.country c USING (iso3) LEFT JOIN upm USING (fiscal_year, iso3)
WHERE cbp.iso3 IN ('MEX', 'GTM', 'HND', 'SLV', 'VEN')
ORDER BY cbp.fiscal_year, cbp.cbp_encounters DESC;

\echo
\echo '== Removal flights: ICE Air legs from US airports to Mexico and Central America, as route_segments'
-- ICAO prefixes: K the contiguous US; MM Mexico, MG Guatemala, MH Honduras,
-- MS El Salvador, MN Nicaragua, MR Costa Rica, MP Panama, MZ Belize
SELECT l.pickup || ' → ' || l.dropoff AS route, b.name AS to_airport,
       count(*) AS legs, sum(l.passengers) AS passengers,
       round((migrisk.length_m((array_agg(l.seg))[1]) / 1000)::numeric) AS km,
       min(l.mission_date) AS first, max(l.mission_date) AS last
FROM realdata.ice_air_leg l JOIN realdata.airport b ON b.icao = l.dropoff
WHERE l.kind = 'R' AND l.pickup LIKE 'K%' AND l.dropoff ~ '^M[MGHSNRPZ]'
GROUP BY l.pickup, l.dropoff, b.name
ORDER BY passengers DESC LIMIT 10;
-- the lines of those routes for a map (QGIS, the BI views): one line per route
DROP TABLE IF EXISTS realdata.removal_route;
CREATE TABLE realdata.removal_route AS
SELECT l.pickup, l.dropoff, count(*) AS legs, sum(l.passengers) AS passengers,
       ST_Segmentize(((array_agg(l.seg))[1])::geometry::geography, 50000)::geometry AS geom
FROM realdata.ice_air_leg l
WHERE l.kind = 'R' AND l.pickup LIKE 'K%' AND l.dropoff ~ '^M[MGHSNRPZ]'
GROUP BY l.pickup, l.dropoff;
COMMENT ON TABLE realdata.removal_route IS 'demo: ICE Air removal routes from US airports to Mexico and Central America, FY2011-2019, as great-circle lines from route_segments';
SELECT count(*) AS routes, sum(legs) AS legs, sum(passengers) AS passengers,
       round(sum(ST_Length(geom::geography) * legs) / 1e6) AS million_km_flown
FROM realdata.removal_route;

\echo
\echo '== Missing Migrants: deaths and disappearances by Mexican state (IOM, 2014-2025)'
DROP TABLE IF EXISTS realdata.mmp_mexico;
CREATE TABLE realdata.mmp_mexico AS
SELECT i.*, s.cve, s.name AS state
FROM realdata.missing_migrant_incident i JOIN migrisk_demo.state s ON ST_Intersects(s.geom, i.geom);
COMMENT ON TABLE realdata.mmp_mexico IS 'demo: Missing Migrants incidents inside Mexico''s state polygons, with the state';
SELECT state, count(*) AS incidents, sum(dead_and_missing) AS dead_and_missing,
       mode() WITHIN GROUP (ORDER BY cause) AS main_cause
FROM realdata.mmp_mexico GROUP BY state ORDER BY dead_and_missing DESC LIMIT 10;

\echo
\echo 'By corridor: incidents within 10 km of each corridor''s line'
SELECT c.name AS corridor, count(*) AS incidents, sum(m.dead_and_missing) AS dead_and_missing
FROM migrisk_demo.corridor c
JOIN realdata.mmp_mexico m ON ST_DWithin(c.geom::geography, m.geom::geography, 10000)
GROUP BY c.name ORDER BY dead_and_missing DESC;

\echo
\echo 'The synthetic journeys that pass within 10 km of a real incident (the hotspot factor on real risk points):'
SELECT count(*) AS journeys,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM realdata.missing_migrant_risk_point r
                                      WHERE r.country_iso3 = 'MEX'
                                        AND ST_DWithin(j.geom::geography, r.geom::geography, 10000))) AS near_a_real_incident,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM realdata.mmp_mexico r
                                      WHERE r.cause = 'Violence'
                                        AND ST_DWithin(j.geom::geography, r.geom::geography, 10000))) AS near_a_violent_death,
       count(*) FILTER (WHERE j.hotspot) AS near_a_documented_point
FROM migrisk_demo.journey j;
RESET client_min_messages;

\echo
\echo '== BI views over the real files (bi/real_data_views.sql): plain columns for dashboards'
SET client_min_messages = warning;
\set bi_schema bi
\set schema realdata
\set bi_role bi_reader
\set QUIET 1
\i bi/real_data_views.sql
\set QUIET 0
SELECT c.table_name AS view, count(*) AS columns,
       string_agg(DISTINCT CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name ELSE c.data_type END, ', ') AS types
FROM information_schema.columns c
WHERE c.table_schema = 'bi' AND c.table_name LIKE 'real\_%'
GROUP BY c.table_name ORDER BY 1;
RESET client_min_messages;
