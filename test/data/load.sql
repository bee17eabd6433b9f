-- test/data/load.sql -- load a data set written by `make data` into plain
-- staging tables in schema synth (dropped and re-created), with client-side
-- \copy, so it works against any server the client can reach:
--
--   psql -X -v dir=/path/to/data -f test/data/load.sql
--
-- With -v linkage_only=1 only removals, receptions and truth_records are
-- filled (the linkage benchmarks need no more).
--
-- Layouts: docs/data.md.  Nothing here needs the migrisk extension; the
-- conversion of legs to route segments is in load_types.sql.
\set ON_ERROR_STOP on
\if :{?dir}
\else
DO $$ BEGIN RAISE EXCEPTION 'load.sql: give the data directory: psql -v dir=DIR -f test/data/load.sql'; END $$;
\endif
-- \copy takes file names relative to the client's working directory
\cd :dir
SET client_min_messages = warning;

BEGIN;
DROP SCHEMA IF EXISTS synth CASCADE;
CREATE SCHEMA synth;
COMMENT ON SCHEMA synth IS 'synthetic migration records loaded by test/data/load.sql (docs/data.md)';

-- truth: one row per synthetic person
CREATE TABLE synth.persons (
	person_id       integer PRIMARY KEY,
	given_names     text NOT NULL,
	surname1        text NOT NULL,
	surname2        text,
	sex             text NOT NULL,
	birth_date      date NOT NULL,
	nationality     text NOT NULL,
	state_of_origin text,
	a_number        bigint,
	first_departure timestamptz NOT NULL,
	n_journeys      integer NOT NULL,
	corridor        text NOT NULL
);

-- truth: the journeys, one row per leg
CREATE TABLE synth.legs (
	leg_id             text PRIMARY KEY,
	person_id          integer NOT NULL,
	journey_no         integer NOT NULL,
	leg_no             integer NOT NULL,
	from_place         text NOT NULL,
	from_key           text NOT NULL,
	from_lon           float8 NOT NULL,
	from_lat           float8 NOT NULL,
	to_place           text NOT NULL,
	to_key             text NOT NULL,
	to_lon             float8 NOT NULL,
	to_lat             float8 NOT NULL,
	mode               text NOT NULL,
	depart             timestamptz NOT NULL,
	arrive             timestamptz NOT NULL,
	implausible        boolean NOT NULL,
	implausible_reason text
);

-- INM (Mexico) and US Border Patrol apprehension events
CREATE TABLE synth.apprehensions (
	record_id           text PRIMARY KEY,
	agency              text NOT NULL,
	event_date          date NOT NULL,
	place_name          text NOT NULL,
	place_key           text NOT NULL,
	lon                 float8 NOT NULL,
	lat                 float8 NOT NULL,
	state_or_sector     text,
	given_names         text,
	surname1            text,
	surname2            text,
	sex                 text,
	birth_date          date,
	nationality         text,
	a_number            bigint,
	unaccompanied_minor boolean,
	outcome             text NOT NULL
);

-- US removals (ICE-style)
CREATE TABLE synth.removals (
	record_id              text PRIMARY KEY,
	a_number               bigint NOT NULL,
	apprehension_date      date NOT NULL,
	removal_date           date NOT NULL,
	port_of_departure      text NOT NULL,
	departure_country      text NOT NULL,
	area_of_responsibility text NOT NULL,
	citizenship            text NOT NULL,
	gender                 text,
	birth_date             date,
	given_names            text,
	surname1               text,
	surname2               text
);

-- Mexican receptions at the repatriation points (INM "eventos de repatriacion")
CREATE TABLE synth.receptions (
	record_id       text PRIMARY KEY,
	reception_date  date NOT NULL,
	reception_point text NOT NULL,
	point_key       text NOT NULL,
	lon             float8 NOT NULL,
	lat             float8 NOT NULL,
	given_names     text,
	surname1        text,
	surname2        text,
	sexo            text,
	birth_date      date,
	age_group       text NOT NULL,
	acompanamiento  text,
	state_of_origin text,
	nationality     text NOT NULL,
	us_port         text NOT NULL
);

-- flow-monitoring survey responses; indicator columns NULL = not asked / unknown
CREATE TABLE synth.survey (
	survey_id          text PRIMARY KEY,
	interview_date     date NOT NULL,
	location           text NOT NULL,
	location_key       text NOT NULL,
	stratum            integer NOT NULL,
	weight             numeric NOT NULL,
	sex                text NOT NULL,
	age                integer NOT NULL,
	nationality        text NOT NULL,
	journey_no         integer NOT NULL,
	module_b           boolean NOT NULL,
	debt               boolean,
	unpaid             boolean,
	forced_work        boolean,
	held               boolean,
	docs               boolean,
	threats            boolean,
	violence           boolean,
	deception          boolean,
	marriage           boolean,
	organs             boolean,
	minor_unaccompanied boolean,
	smuggler           boolean,
	freight_train      boolean,
	smuggler_debt      boolean,
	travels_alone      boolean,
	no_documents       boolean,
	repeat_deportation boolean,
	kidnap_extortion   boolean,
	hotspot            boolean
);

-- CTDC-style identified-victim case rows (column names of the CTDC global
-- dataset; blank means flag = not recorded)
CREATE TABLE synth.ctdc_cases (
	case_id                          text PRIMARY KEY,
	"yearOfRegistration"             integer NOT NULL,
	"Datasource"                     text NOT NULL,
	gender                           text NOT NULL,
	"ageBroad"                       text NOT NULL,
	"majorityStatus"                 text NOT NULL,
	citizenship                      text NOT NULL,
	"CountryOfExploitation"          text NOT NULL,
	"meansOfControlDebtBondage"      smallint,
	"meansOfControlTakesEarnings"    smallint,
	"meansOfControlThreats"          smallint,
	"meansOfControlPhysicalAbuse"    smallint,
	"meansOfControlFalsePromises"    smallint,
	"meansOfControlRestrictsMovement" smallint,
	"meansOfControlWithholdsDocuments" smallint,
	"meansOfControlPsychoactiveSubstances" smallint,
	"meansOfControlExcessiveWorkingHours" smallint,
	"meansOfControlWithholdsNecessities" smallint,
	"meansOfControlNotSpecified"     smallint,
	"isForcedLabour"                 smallint,
	"isSexualExploit"                smallint,
	"isOtherExploit"                 smallint,
	"isForcedMarriage"               smallint,
	"isOrganRemoval"                 smallint,
	"isAbduction"                    smallint,
	"typeOfExploitConcatenated"      text
);

-- truth: which person every record belongs to, and the errors in its copy
CREATE TABLE synth.truth_records (
	record_id text PRIMARY KEY,
	source    text NOT NULL,
	person_id integer NOT NULL,
	errors    text
);

-- truth: latent exploited status and the true value of every indicator
CREATE TABLE synth.truth_indicators (
	person_id          integer PRIMARY KEY,
	exploited          boolean NOT NULL,
	p_exploited        float8 NOT NULL,
	debt               boolean NOT NULL,
	unpaid             boolean NOT NULL,
	forced_work        boolean NOT NULL,
	held               boolean NOT NULL,
	docs               boolean NOT NULL,
	threats            boolean NOT NULL,
	violence           boolean NOT NULL,
	deception          boolean NOT NULL,
	marriage           boolean NOT NULL,
	organs             boolean NOT NULL,
	substances         boolean NOT NULL,
	deny_needs         boolean NOT NULL,
	excessive_hours    boolean NOT NULL,
	sexual_exploit     boolean NOT NULL,
	minor_unaccompanied boolean NOT NULL,
	smuggler           boolean NOT NULL,
	freight_train      boolean NOT NULL,
	smuggler_debt      boolean NOT NULL,
	travels_alone      boolean NOT NULL,
	no_documents       boolean NOT NULL,
	repeat_deportation boolean NOT NULL,
	kidnap_extortion   boolean NOT NULL,
	hotspot            boolean NOT NULL
);

-- the generator's parameters and row counts
CREATE TABLE synth.params (
	key   text PRIMARY KEY,
	value text NOT NULL
);

\copy synth.removals FROM 'removals.csv' WITH (FORMAT csv, HEADER true)
\copy synth.receptions FROM 'receptions.csv' WITH (FORMAT csv, HEADER true)
\copy synth.truth_records FROM 'truth_records.csv' WITH (FORMAT csv, HEADER true)
-- -v linkage_only=1: removals, receptions and the record truth alone
\if :{?linkage_only}
\else
\copy synth.persons FROM 'persons.csv' WITH (FORMAT csv, HEADER true)
\copy synth.legs FROM 'legs.csv' WITH (FORMAT csv, HEADER true)
\copy synth.apprehensions FROM 'apprehensions.csv' WITH (FORMAT csv, HEADER true)
\copy synth.survey FROM 'survey.csv' WITH (FORMAT csv, HEADER true)
\copy synth.ctdc_cases FROM 'ctdc_cases.csv' WITH (FORMAT csv, HEADER true)
\copy synth.truth_indicators FROM 'truth_indicators.csv' WITH (FORMAT csv, HEADER true)
\copy synth.params FROM 'params.csv' WITH (FORMAT csv, HEADER true)
\endif
COMMIT;
ANALYZE synth.persons, synth.legs, synth.apprehensions, synth.removals,
	synth.receptions, synth.survey, synth.ctdc_cases, synth.truth_records,
	synth.truth_indicators;
