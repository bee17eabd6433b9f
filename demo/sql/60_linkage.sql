-- Linkage: events are not people.  A removal recorded by the United States
-- is linked to its reception at a Mexican repatriation point; then every
-- agency record (apprehensions, removals, receptions) and the route
-- module's register of travellers are deduplicated into persons.  The
-- synthetic data knows the truth, so the demo can say how well it did.
\pset footer off
\pset null '(unknown)'
\set ECHO none
SET client_min_messages = warning;

\echo
\echo '== Linkage: removals to receptions, then events to persons'

-- Agencies write sex and nationality their own way (H/M, Male/Female,
-- HOMBRE/MUJER; MEXICO, MEXICANA, HAITÍ): person_ident wants F/M and
-- ISO 3166-1 alpha-3.
CREATE OR REPLACE FUNCTION migrisk_demo.iso3(country text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE upper(country)
		WHEN 'MEXICO' THEN 'MEX' WHEN 'MEXICANA' THEN 'MEX' WHEN 'MÉXICO' THEN 'MEX'
		WHEN 'GUATEMALA' THEN 'GTM' WHEN 'HONDURAS' THEN 'HND' WHEN 'EL SALVADOR' THEN 'SLV'
		WHEN 'NICARAGUA' THEN 'NIC' WHEN 'VENEZUELA' THEN 'VEN' WHEN 'CUBA' THEN 'CUB'
		WHEN 'HAITI' THEN 'HTI' WHEN 'HAITÍ' THEN 'HTI' WHEN 'ECUADOR' THEN 'ECU'
		WHEN 'COLOMBIA' THEN 'COL'
		ELSE nullif(upper(country), '') END
$$;
COMMENT ON FUNCTION migrisk_demo.iso3(text) IS 'demo: country names as agencies write them, to ISO 3166-1 alpha-3';

-- One view per source with an integer id (link_records and link_clusters
-- take int8 ids: source prefix AP/RM/RC becomes 1e9/2e9/3e9 + number; the
-- register of travellers is 4e9 + person_id) and the identity as a
-- migrisk.person_ident.
CREATE OR REPLACE VIEW migrisk_demo.apprehension_rec AS
SELECT 1000000000 + substr(record_id, 3)::bigint AS rid, *,
       ROW(given_names, surname1, surname2, birth_date,
           CASE upper(sex) WHEN 'M' THEN 'M' WHEN 'HOMBRE' THEN 'M' WHEN 'F' THEN 'F' WHEN 'MUJER' THEN 'F' END,
           migrisk_demo.iso3(nationality))::migrisk.person_ident AS ident
FROM synth.apprehensions;
CREATE OR REPLACE VIEW migrisk_demo.removal AS
SELECT 2000000000 + substr(record_id, 3)::bigint AS rid, *,
       ROW(given_names, surname1, surname2, birth_date,
           CASE gender WHEN 'Male' THEN 'M' WHEN 'Female' THEN 'F' END,
           migrisk_demo.iso3(citizenship))::migrisk.person_ident AS ident
FROM synth.removals;
CREATE OR REPLACE VIEW migrisk_demo.reception AS
SELECT 3000000000 + substr(record_id, 3)::bigint AS rid, *,
       ROW(given_names, surname1, surname2, birth_date,
           CASE sexo WHEN 'H' THEN 'M' WHEN 'M' THEN 'F' END,     -- hombre / mujer
           migrisk_demo.iso3(nationality))::migrisk.person_ident AS ident
FROM synth.receptions;
CREATE OR REPLACE VIEW migrisk_demo.traveller AS
SELECT 4000000000 + person_id::bigint AS rid, person_id AS traveller_id,
       ROW(given_names, surname1, surname2, birth_date, sex, nationality)::migrisk.person_ident AS ident
FROM synth.persons;
COMMENT ON VIEW migrisk_demo.apprehension_rec IS 'demo: apprehensions with an int8 id and a person_ident';
COMMENT ON VIEW migrisk_demo.removal IS 'demo: US removals with an int8 id and a person_ident';
COMMENT ON VIEW migrisk_demo.reception IS 'demo: receptions at repatriation points with an int8 id and a person_ident';
COMMENT ON VIEW migrisk_demo.traveller IS 'demo: the route module''s register of travellers (their journeys are in migrisk_demo.leg)';

DROP TABLE IF EXISTS migrisk_demo.return_link, migrisk_demo.person_link;

-- 1. Removals to receptions: one call.  Plausibility: received at the
-- point facing the port of removal within 0-7 days (a seventh comparison
-- field, estimated by EM like the others).
\echo
\echo 'Removals linked to receptions with migrisk.link_records (blocking, comparison, EM, scoring):'
SELECT migrisk.link_records(
	'migrisk_demo.removal', 'rid', 'ident',
	'migrisk_demo.reception', 'rid', 'ident',
	result_table => 'migrisk_demo.return_link',
	plausibility => 'migrisk.return_plausibility(l.removal_date, split_part(l.port_of_departure, '','', 1), r.reception_date, r.reception_point)')
	AS return_model \gset
SELECT (:'return_model'::jsonb -> 'run' ->> 'left_records')::int AS removals,
       (:'return_model'::jsonb -> 'run' ->> 'right_records')::int AS receptions,
       (:'return_model'::jsonb -> 'run' ->> 'candidate_pairs')::int AS candidate_pairs,
       (:'return_model'::jsonb -> 'run' ->> 'links')::int AS links,
       round((:'return_model'::jsonb ->> 'lambda')::numeric, 4) AS lambda,
       (:'return_model'::jsonb -> 'run' ->> 'total_s')::numeric AS seconds;

\echo 'Against the truth (the generator knows who is who): one reception per removal at most, best link kept'
WITH best AS (
	SELECT DISTINCT ON (id_b) id_a, id_b FROM migrisk_demo.return_link
	ORDER BY id_b, match_probability DESC, id_a
),
found AS (
	SELECT DISTINCT ON (id_a) id_a, id_b FROM best ORDER BY id_a, id_b
),
truth AS (
	-- a true pair: same person, received 0-7 days after the removal at the facing point
	SELECT m.rid AS id_a, c.rid AS id_b
	FROM migrisk_demo.removal m JOIN synth.truth_records tm ON tm.record_id = m.record_id
	JOIN migrisk_demo.reception c ON c.reception_date BETWEEN m.removal_date AND m.removal_date + 7
	JOIN synth.truth_records tc ON tc.record_id = c.record_id AND tc.person_id = tm.person_id
),
tp AS (SELECT count(*) AS n FROM found f JOIN truth t USING (id_a, id_b))
SELECT (SELECT count(*) FROM found) AS links, (SELECT count(*) FROM truth) AS true_pairs, tp.n AS correct,
       round(tp.n::numeric / nullif((SELECT count(*) FROM found), 0), 4) AS precision,
       round(tp.n::numeric / nullif((SELECT count(*) FROM truth), 0), 4) AS recall,
       round(2.0 * tp.n / nullif((SELECT count(*) FROM found) + (SELECT count(*) FROM truth), 0), 4) AS f1
FROM tp \gset link_
SELECT :link_links AS links, :link_true_pairs AS true_pairs, :link_correct AS correct,
       :link_precision AS precision, :link_recall AS recall, :link_f1 AS f1;
INSERT INTO migrisk_demo.headline VALUES
	(3, 'removal-to-reception links: F1 against the truth (no labels used)', :'link_f1');

-- 2. Events to persons: every record of every source, deduplicated in one
-- call, then clustered (union-find) into persons.
DROP TABLE IF EXISTS migrisk_demo.record CASCADE;
CREATE TABLE migrisk_demo.record AS
SELECT rid, 'apprehension'::text AS source, record_id AS src_id, event_date, place_name AS place, agency, ident
FROM migrisk_demo.apprehension_rec
UNION ALL SELECT rid, 'removal', record_id, removal_date, port_of_departure, 'ICE', ident FROM migrisk_demo.removal
UNION ALL SELECT rid, 'reception', record_id, reception_date, reception_point, 'INM', ident FROM migrisk_demo.reception
UNION ALL SELECT rid, 'register', traveller_id::text, NULL, NULL, NULL, ident FROM migrisk_demo.traveller;
ALTER TABLE migrisk_demo.record ADD PRIMARY KEY (rid);
COMMENT ON TABLE migrisk_demo.record IS 'demo: every identity-bearing record (apprehension, removal, reception, register) with a person_ident';

\echo
\echo 'All records deduplicated into persons (link_records without a right table, then link_clusters):'
-- The model: the one EM estimated on removals and receptions, where a
-- true pair exists for most records (in a deduplication of tens of
-- thousands of records, pairs sharing a common name and nothing else
-- outnumber the true ones, and EM left alone can take name agreement
-- for identity).
SELECT migrisk.link_records('migrisk_demo.record', 'rid', 'ident',
                            result_table => 'migrisk_demo.person_link',
                            model => :'return_model') AS person_model \gset

-- Clusters are transitive (a-b and b-c put a and c together), so they take
-- only links the model is nearly sure of: 0.95 rather than the 0.5 that
-- decides a single pair.
DROP TABLE IF EXISTS migrisk_demo.record_person;
CREATE TABLE migrisk_demo.record_person AS
SELECT r.rid, r.source, coalesce(c.person_id, r.rid) AS person_id
FROM migrisk_demo.record r
LEFT JOIN migrisk.link_clusters('migrisk_demo.person_link', 0.95) c ON c.record_id = r.rid;
ALTER TABLE migrisk_demo.record_person ADD PRIMARY KEY (rid);

\echo 'Events and persons (agency records only; the register only helps to link):'
WITH ev AS (
	SELECT rp.*, t.person_id AS true_person
	FROM migrisk_demo.record_person rp
	JOIN migrisk_demo.record r USING (rid)
	JOIN synth.truth_records t ON t.record_id = r.src_id
	WHERE rp.source <> 'register'
)
SELECT count(*) AS events,
       count(DISTINCT person_id) AS persons_linked,
       count(DISTINCT true_person) AS persons_true,
       round(100.0 * (count(DISTINCT person_id) - count(DISTINCT true_person)) / count(DISTINCT true_person), 2) AS error_pct,
       round(count(*)::numeric / count(DISTINCT person_id), 2) AS events_per_person
FROM ev \gset ev_
SELECT :ev_events AS events, :ev_persons_linked AS persons_linked, :ev_persons_true AS persons_true,
       :ev_error_pct AS error_pct, :ev_events_per_person AS events_per_person;
INSERT INTO migrisk_demo.headline VALUES
	(1, 'agency records (events)', to_char(:ev_events, 'FM999,999,999')),
	(2, 'distinct persons found by linkage (truth: ' || to_char(:ev_persons_true, 'FM999,999,999') || ')',
	    to_char(:ev_persons_linked, 'FM999,999,999'));

-- The analysis tables the risk chapter, the BI views and the report read.
DROP TABLE IF EXISTS migrisk_demo.return_event, migrisk_demo.apprehension, migrisk_demo.traveller_history;
CREATE TABLE migrisk_demo.return_event AS
SELECT c.rid AS record_id, rp.person_id, c.reception_point AS point, c.reception_date AS event_date
FROM migrisk_demo.reception c JOIN migrisk_demo.record_person rp USING (rid);
COMMENT ON TABLE migrisk_demo.return_event IS 'demo: receptions at repatriation points with the linked person';
CREATE TABLE migrisk_demo.apprehension AS
SELECT a.rid AS record_id, rp.person_id, a.event_date, a.agency, a.place_name AS place, a.state_or_sector
FROM migrisk_demo.apprehension_rec a JOIN migrisk_demo.record_person rp USING (rid);
COMMENT ON TABLE migrisk_demo.apprehension IS 'demo: apprehensions (INM in Mexico, US Border Patrol) with the linked person';
-- Each traveller of the register: the removals and receptions linked to
-- them, with their dates (for "repeated deportation" on a journey).
CREATE TABLE migrisk_demo.traveller_history AS
SELECT t.traveller_id, rp.person_id,
       array_agg(r.event_date ORDER BY r.event_date) FILTER (WHERE r.source IN ('removal', 'reception')) AS return_dates
FROM migrisk_demo.traveller t
JOIN migrisk_demo.record_person rp ON rp.rid = t.rid
LEFT JOIN migrisk_demo.record_person rq ON rq.person_id = rp.person_id AND rq.source <> 'register'
LEFT JOIN migrisk_demo.record r ON r.rid = rq.rid
GROUP BY t.traveller_id, rp.person_id;
ALTER TABLE migrisk_demo.traveller_history ADD PRIMARY KEY (traveller_id);

\echo
\echo 'Re-migration: persons received at a repatriation point and apprehended again within 90 days'
WITH r AS (
	SELECT e.person_id,
	       bool_or(EXISTS (SELECT 1 FROM migrisk_demo.apprehension a
	                       WHERE a.person_id = e.person_id
	                         AND a.event_date > e.event_date AND a.event_date <= e.event_date + 90)) AS again
	FROM migrisk_demo.return_event e
	GROUP BY e.person_id
)
SELECT count(*) AS persons_received, count(*) FILTER (WHERE again) AS again_within_90_days,
       round(100.0 * count(*) FILTER (WHERE again) / count(*), 1) AS pct
FROM r \gset rm_
SELECT :rm_persons_received AS persons_received, :rm_again_within_90_days AS again_within_90_days, :rm_pct AS pct;
INSERT INTO migrisk_demo.headline VALUES
	(4, 'persons received at a repatriation point and apprehended again within 90 days', :'rm_pct' || '%');
