-- The inputs of the report's real-data panels (demo/lib/report.sql includes
-- this), gathered into temporary tables:
--
--   rd_series(iso3 text, country text, source text, month date, n bigint)
--       monthly counts by citizenship; source 'ice' (ICE removals), 'upm'
--       (Mexico's deportations and assisted returns, UPM series compiled
--       by IOM), 'cbp' (CBP encounters).
--   rd_route(pickup text, pickup_name text, pickup_lon float8, pickup_lat float8,
--            dropoff text, dropoff_name text, dropoff_lon float8, dropoff_lat float8,
--            legs bigint, passengers bigint)
--       ICE Air removal routes from US airports to Mexico and Central America.
--   rd_death_state(cve text, incidents bigint, dead bigint)
--       Missing Migrants incidents and dead or missing by Mexican state.
--   rd_death_group(kind text, label text, incidents bigint, dead bigint)
--       the same by corridor (kind 'corridor': within 10 km of its line) and
--       by IOM's route (kind 'route').
--
-- Each comes from migrisk_demo.report_series, report_route,
-- report_death_state, report_death_group when such a relation exists (the
-- placeholders, demo/lib/report_placeholder.sql), else from the tables the
-- real-data loaders fill (schema realdata, docs/loaders.md) when they
-- exist, else it is empty and the panel says that no real data is loaded.

SELECT to_regclass('migrisk_demo.report_series') IS NOT NULL AS rd_given_series,
       to_regclass('migrisk_demo.report_route') IS NOT NULL AS rd_given_route,
       to_regclass('migrisk_demo.report_death_state') IS NOT NULL AS rd_given_death_state,
       to_regclass('migrisk_demo.report_death_group') IS NOT NULL AS rd_given_death_group,
       to_regclass('realdata.ice_removal') IS NOT NULL AS rd_have_ice,
       to_regclass('realdata.monthly_count') IS NOT NULL AS rd_have_upm,
       to_regclass('realdata.cbp_encounter') IS NOT NULL AS rd_have_cbp,
       to_regclass('realdata.ice_air_leg') IS NOT NULL AND to_regclass('realdata.airport') IS NOT NULL AS rd_have_air,
       to_regclass('realdata.missing_migrant_incident') IS NOT NULL
           AND to_regclass('migrisk_demo.state') IS NOT NULL AS rd_have_mmp,
       to_regclass('realdata.mmp_mexico') IS NOT NULL AS rd_have_mmp_mexico,
       to_regclass('migrisk.country') IS NOT NULL AS rd_have_country
\gset

CREATE TEMP TABLE rd_series (iso3 text, country text, source text, month date, n bigint);
\if :rd_given_series
INSERT INTO rd_series SELECT iso3, country, source, month, n FROM migrisk_demo.report_series;
\else
\if :rd_have_ice
INSERT INTO rd_series (iso3, source, month, n)
SELECT citizenship_iso3, 'ice', date_trunc('month', removal_date)::date, count(*)
FROM realdata.ice_removal
WHERE removal_date IS NOT NULL AND citizenship_iso3 IS NOT NULL
GROUP BY 1, 3;
\endif
\if :rd_have_upm
INSERT INTO rd_series (iso3, source, month, n)
SELECT nat_iso3, 'upm', month, sum(n)
FROM realdata.monthly_count
WHERE series = 'irreg_mexico_exp' AND nat_iso3 IS NOT NULL
  AND (category = 'deportation' OR category LIKE 'assisted return%')
GROUP BY 1, 3;
\endif
\if :rd_have_cbp
INSERT INTO rd_series (iso3, source, month, n)
SELECT citizenship_iso3, 'cbp', month, sum(encounters)
FROM realdata.cbp_encounter
WHERE citizenship_iso3 IS NOT NULL
GROUP BY 1, 3;
\endif
\if :rd_have_country
UPDATE rd_series s SET country = c.name_en FROM migrisk.country c WHERE c.iso3 = s.iso3;
\endif
UPDATE rd_series SET country = iso3 WHERE country IS NULL;
\endif

CREATE TEMP TABLE rd_route (pickup text, pickup_name text, pickup_lon float8, pickup_lat float8,
                            dropoff text, dropoff_name text, dropoff_lon float8, dropoff_lat float8,
                            legs bigint, passengers bigint);
\if :rd_given_route
INSERT INTO rd_route SELECT pickup, pickup_name, pickup_lon, pickup_lat, dropoff, dropoff_name,
                            dropoff_lon, dropoff_lat, legs, passengers FROM migrisk_demo.report_route;
\elif :rd_have_air
-- ICAO prefixes: K the contiguous US; MM Mexico, MG Guatemala, MH Honduras,
-- MS El Salvador, MN Nicaragua, MR Costa Rica, MP Panama, MZ Belize
INSERT INTO rd_route
SELECT l.pickup, a.name, a.lon, a.lat, l.dropoff, b.name, b.lon, b.lat, l.legs, l.passengers
FROM (SELECT pickup, dropoff, count(*) AS legs, sum(passengers) AS passengers
      FROM realdata.ice_air_leg
      WHERE kind = 'R' AND pickup LIKE 'K%' AND dropoff ~ '^M[MGHSNRPZ]'
      GROUP BY pickup, dropoff) l
JOIN realdata.airport a ON a.icao = l.pickup
JOIN realdata.airport b ON b.icao = l.dropoff;
\endif

CREATE TEMP TABLE rd_death_state (cve text, incidents bigint, dead bigint);
CREATE TEMP TABLE rd_death_group (kind text, label text, incidents bigint, dead bigint);
\if :rd_given_death_state
INSERT INTO rd_death_state SELECT cve, incidents, dead FROM migrisk_demo.report_death_state;
\elif :rd_have_mmp
\if :rd_have_mmp_mexico
CREATE TEMP TABLE rd_mmp AS SELECT cve, route, dead_and_missing, geom FROM realdata.mmp_mexico;
\else
CREATE TEMP TABLE rd_mmp AS
SELECT s.cve, i.route, i.dead_and_missing, i.geom
FROM realdata.missing_migrant_incident i JOIN migrisk_demo.state s ON ST_Intersects(s.geom, i.geom);
\endif
INSERT INTO rd_death_state SELECT cve, count(*), sum(dead_and_missing) FROM rd_mmp GROUP BY cve;
\endif
\if :rd_given_death_group
INSERT INTO rd_death_group SELECT kind, label, incidents, dead FROM migrisk_demo.report_death_group;
\elif :rd_have_mmp
INSERT INTO rd_death_group
SELECT 'corridor', c.name, count(*), sum(m.dead_and_missing)
FROM migrisk_demo.corridor c
JOIN rd_mmp m ON ST_DWithin(c.geom::geography, m.geom::geography, 10000)
GROUP BY c.name;
INSERT INTO rd_death_group
SELECT 'route', coalesce(route, '(no route given)'), count(*), sum(dead_and_missing)
FROM rd_mmp GROUP BY 2;
\endif
