-- BI-ready views over the real files the loaders read (load/*.sql,
-- docs/loaders.md): plain column types only (bigint, text, date, PostGIS
-- geometry).  Documented in docs/bi.md.  Run after the loads:
--
--   psql -v bi_schema=bi -v schema=realdata [-v bi_role=bi_reader] -f bi/real_data_views.sql
--
-- These are published counts and public incident records, not estimates
-- over persons: no small-cell suppression applies.  With bi_role set (a
-- role that exists), it may read these views.
\if :{?bi_schema}
\else
\set bi_schema bi
\endif
\if :{?schema}
\else
\set schema realdata
\endif
SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS :"bi_schema";

CREATE OR REPLACE VIEW :"bi_schema".real_removals_by_month AS
SELECT date_trunc('month', r.removal_date)::date AS month,
       r.citizenship_iso3                         AS citizenship_code,
       coalesce(c.name_en, r.citizenship)         AS citizenship_en,
       coalesce(c.name_es, r.citizenship)         AS citizenship_es,
       count(*)::bigint                           AS removals
FROM :"schema".ice_removal r LEFT JOIN migrisk.country c ON c.iso3 = r.citizenship_iso3
GROUP BY 1, 2, 3, 4;
COMMENT ON VIEW :"bi_schema".real_removals_by_month IS
'ICE removals by month of removal and country of citizenship (ISO3, English and Spanish names), from the individual FOIA records';

CREATE OR REPLACE VIEW :"bi_schema".real_mexico_returns_by_month AS
SELECT m.month, m.nat_iso3 AS nationality_code, c.name_en AS nationality_en, c.name_es AS nationality_es,
       m.category, sum(m.n)::bigint AS people
FROM :"schema".monthly_count m LEFT JOIN migrisk.country c ON c.iso3 = m.nat_iso3
WHERE m.series = 'irreg_mexico_exp'
GROUP BY 1, 2, 3, 4, 5;
COMMENT ON VIEW :"bi_schema".real_mexico_returns_by_month IS
'deportations and assisted returns from Mexico by month and nationality (UPM table 3.2.4, via IOM gdidata)';

CREATE OR REPLACE VIEW :"bi_schema".real_cbp_encounters_by_month AS
SELECT e.month, e.fiscal_year, e.citizenship_iso3 AS citizenship_code,
       coalesce(c.name_en, e.citizenship) AS citizenship_en, e.demographic, e.authority, e.region,
       sum(e.encounters)::bigint AS encounters
FROM :"schema".cbp_encounter e LEFT JOIN migrisk.country c ON c.iso3 = e.citizenship_iso3
WHERE e.state IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7;
COMMENT ON VIEW :"bi_schema".real_cbp_encounters_by_month IS
'CBP nationwide encounters by month, citizenship, demographic, authority and land border region (the state files; load the AOR workbook for areas of responsibility)';

CREATE OR REPLACE VIEW :"bi_schema".real_removal_flight_routes AS
SELECT l.pickup AS from_airport, a.name AS from_name, l.dropoff AS to_airport, b.name AS to_name,
       count(*)::bigint AS legs, sum(l.passengers)::bigint AS passengers,
       min(l.mission_date) AS first_flight, max(l.mission_date) AS last_flight,
       round((migrisk.length_m((array_agg(l.seg))[1]) / 1000)::numeric) AS km,
       ST_MakeLine(a.geom, b.geom) AS geom
FROM :"schema".ice_air_leg l
JOIN :"schema".airport a ON a.icao = l.pickup
JOIN :"schema".airport b ON b.icao = l.dropoff
WHERE l.kind = 'R'
GROUP BY l.pickup, a.name, l.dropoff, b.name, a.geom, b.geom;
COMMENT ON VIEW :"bi_schema".real_removal_flight_routes IS
'ICE Air removal legs by route (pick-up and drop-off airport): legs, passengers, first and last flight, great-circle km; a line for maps';

CREATE OR REPLACE VIEW :"bi_schema".real_missing_migrants AS
SELECT i.incident_date, i.incident_type, i.route, i.country_iso3 AS country_code, c.name_en AS country_en,
       i.dead_and_missing::bigint AS dead_and_missing, i.cause, i.survivors::bigint AS survivors,
       i.location, i.geom
FROM :"schema".missing_migrant_incident i LEFT JOIN migrisk.country c ON c.iso3 = i.country_iso3;
COMMENT ON VIEW :"bi_schema".real_missing_migrants IS
'IOM Missing Migrants Project incidents: date, route, country, dead and missing, cause, survivors, point';

\if :{?bi_role}
GRANT USAGE ON SCHEMA :"bi_schema" TO :"bi_role";
GRANT SELECT ON :"bi_schema".real_removals_by_month, :"bi_schema".real_mexico_returns_by_month,
	:"bi_schema".real_cbp_encounters_by_month, :"bi_schema".real_removal_flight_routes,
	:"bi_schema".real_missing_migrants TO :"bi_role";
\endif
RESET client_min_messages;
