-- The tables the real-data loaders fill (docs/loaders.md), in schema
-- :schema (realdata unless set).  They belong to the user, not to the
-- extension: pg_dump keeps them with their data and DROP EXTENSION does
-- not remove them.  Every loader runs this first; it creates what is missing and
-- changes nothing that exists.
--
--   psql -v schema=realdata -f load/tables.sql
\if :{?schema}
\else
\set schema realdata
\endif
CREATE SCHEMA IF NOT EXISTS :"schema";

-- one row per load: what was read, loaded and rejected
CREATE TABLE IF NOT EXISTS :"schema".load_run (
	layout        text NOT NULL,
	source        text NOT NULL,
	file          text NOT NULL,
	rows_read     bigint NOT NULL,
	rows_loaded   bigint NOT NULL,
	rows_rejected bigint NOT NULL,
	loaded_at     timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (layout, source),
	CHECK (rows_read = rows_loaded + rows_rejected)
);
COMMENT ON TABLE :"schema".load_run IS 'one row per file loaded by load/*.sql: rows read = loaded + rejected';

-- every rejected line, with its number in the file and the reason
CREATE TABLE IF NOT EXISTS :"schema".load_reject (
	layout  text NOT NULL,
	source  text NOT NULL,
	line_no bigint NOT NULL,
	line    text,
	reason  text NOT NULL,
	PRIMARY KEY (layout, source, line_no)
);
COMMENT ON TABLE :"schema".load_reject IS 'lines load/*.sql did not load: line number in the file, the line as read, why';

-- ICE individual removals (load/ice_removals.sql)
CREATE TABLE IF NOT EXISTS :"schema".ice_removal (
	source                  text NOT NULL,
	line_no                 bigint NOT NULL,
	aor                     text,
	apprehension_date       date,
	apprehension_redaction  text,
	disposition             text,
	birth_date              date,
	birth_date_redaction    text,
	citizenship             text,
	citizenship_iso3        text,
	gender                  text,
	threat_level            text,
	threat_level_redaction  text,
	charge                  text,
	departed_date           date,
	departed_redaction      text,
	removal_date            date,
	removal_redaction       text,
	PRIMARY KEY (source, line_no)
);
COMMENT ON TABLE :"schema".ice_removal IS 'ICE removals, one row per removal (FOIA 2019-ICFO-53623); *_redaction: the FOIA exemption code where ICE redacted the value (the value is NULL)';

-- airports (load/airports.sql): ICE Air's airport table with coordinates
CREATE TABLE IF NOT EXISTS :"schema".airport (
	icao    text PRIMARY KEY,
	name    text,
	lon     float8 NOT NULL CHECK (lon BETWEEN -180 AND 180),
	lat     float8 NOT NULL CHECK (lat BETWEEN -90 AND 90),
	source  text NOT NULL,
	geom    geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED
);
COMMENT ON TABLE :"schema".airport IS 'airports by ICAO code with coordinates (ICE Air ARTS tables)';

-- ICE Air daily flight legs (load/ice_air_legs.sql)
CREATE TABLE IF NOT EXISTS :"schema".ice_air_leg (
	source       text NOT NULL,
	line_no      bigint NOT NULL,
	leg_id       bigint,
	mission_date date NOT NULL,
	kind         text NOT NULL,
	pickup       text NOT NULL,
	dropoff      text NOT NULL,
	passengers   integer NOT NULL,
	seg          migrisk.route_segment NOT NULL,
	PRIMARY KEY (source, line_no)
);
COMMENT ON TABLE :"schema".ice_air_leg IS 'ICE Air legs: route_segment of mode plane between the airports, passengers on the leg (AlienMasterID count); kind R removal, T transfer';

-- CBP nationwide encounters, state file and AOR workbook (load/cbp_encounters.sql)
CREATE TABLE IF NOT EXISTS :"schema".cbp_encounter (
	source           text NOT NULL,
	line_no          bigint NOT NULL,
	fiscal_year      integer NOT NULL,
	month            date NOT NULL,
	month_grouping   text,
	component        text,
	region           text,
	state            text,
	aor              text,
	aor_abbv         text,
	demographic      text,
	citizenship      text,
	citizenship_iso3 text,
	authority        text,
	encounter_type   text,
	encounters       bigint NOT NULL,
	PRIMARY KEY (source, line_no)
);
COMMENT ON TABLE :"schema".cbp_encounter IS 'CBP nationwide encounters by month (first day), citizenship, demographic, authority; by state or by area of responsibility';

-- IOM gdidata monthly series by nationality or demography (load/monthly_series.sql)
CREATE TABLE IF NOT EXISTS :"schema".monthly_count (
	series    text NOT NULL,
	source    text NOT NULL,
	line_no   bigint NOT NULL,
	month     date NOT NULL,
	nat_iso3  text,
	category  text,
	sex       text,
	age       text,
	n         bigint NOT NULL,
	PRIMARY KEY (source, line_no)
);
COMMENT ON TABLE :"schema".monthly_count IS 'monthly counts of the official series compiled by IOM (UPM Mexico, Panama, Honduras, Guatemala): nationality (ISO3, names in migrisk.country), category (deportation, assisted return, demography)';

-- IOM Missing Migrants Project incidents (load/missing_migrants.sql)
CREATE TABLE IF NOT EXISTS :"schema".missing_migrant_incident (
	source           text NOT NULL,
	line_no          bigint NOT NULL,
	incident_date    date NOT NULL,
	incident_type    text,
	route            text,
	country_iso3     text,
	dead_and_missing integer NOT NULL,
	cause            text,
	survivors        integer,
	nationality      text,
	location         text,
	geom             geometry(Point, 4326) NOT NULL,
	PRIMARY KEY (source, line_no)
);
COMMENT ON TABLE :"schema".missing_migrant_incident IS 'IOM Missing Migrants Project incidents: date, route, country, dead and missing, cause, survivors, nationality, point';
CREATE INDEX IF NOT EXISTS missing_migrant_incident_geom ON :"schema".missing_migrant_incident USING gist (geom);

-- ICE Air journeys: the legs file has no mission identifier, so a journey
-- is a mission day: the legs of one date and kind (R removal, T transfer)
-- in the file's order; gap_m says where they do not join up
CREATE OR REPLACE VIEW :"schema".ice_air_mission_day AS
SELECT source, mission_date, kind, count(*) AS legs, sum(passengers) AS passengers,
       migrisk.journey(seg ORDER BY line_no) AS journey
FROM :"schema".ice_air_leg
GROUP BY source, mission_date, kind;
COMMENT ON VIEW :"schema".ice_air_mission_day IS 'ICE Air legs of one mission date and kind as a migrisk.journey (the file has no mission identifier)';

-- Missing Migrants incidents as documented risk points: the shape the
-- hotspot risk factor reads (a point, a date, what happened, the source)
CREATE OR REPLACE VIEW :"schema".missing_migrant_risk_point AS
SELECT 'iom_mmp_' || source || '_' || line_no AS code, 'death_or_disappearance'::text AS kind,
       'event'::text AS placement, incident_date,
       format('%s dead or missing (%s), %s', dead_and_missing, cause, location) AS what,
       'IOM Missing Migrants Project (iom/gdidata iom_mmp), ' || source || ' line ' || line_no AS source,
       route, country_iso3, dead_and_missing, geom
FROM :"schema".missing_migrant_incident;
COMMENT ON VIEW :"schema".missing_migrant_risk_point IS 'IOM Missing Migrants incidents as documented risk points (placement event): code, kind, date, what, source, point';
