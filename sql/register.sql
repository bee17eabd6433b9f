-- register: the person register (register_create, register_link_batch,
-- register_unmerge, register_withdraw, register_decide, register_persons)
-- on a small generated population: the links of a batch equal those of a
-- full link_records re-run; a batch run twice changes nothing; merges are
-- undone; withdrawals re-cluster; decisions hold; every error path.

-- CONTEXT lines carry line numbers of the functions: not shown
\set SHOW_CONTEXT never

CREATE FUNCTION pg_temp.sqlstate(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- 240 persons from 12 given names and 15 surnames, born over 33 years.
-- Removals: every person once (id = person), a third of them again 60
-- days later (id = 1000 + person, a fifth of those with the given name cut
-- short, 30% without the second surname).  Receptions: 80% of the first
-- removals, 0-3 days later (id = 2000 + person), a quarter with the given
-- name cut short, a tenth with the birth date one day off.  Removal 5 is
-- typed twice on its day (id 3005).
SELECT setseed(0.19);
CREATE TABLE rg_person AS
SELECT p AS person,
	   (ARRAY['JOSE','JUAN','MARIA','LUIS','CARLOS','ANA','JORGE','ROSA','PEDRO','MIGUEL','SANDRA','DIEGO'])[1 + floor(random() * 12)::int] AS given,
	   (ARRAY['HERNANDEZ','GARCIA','LOPEZ','MARTINEZ','GONZALEZ','PEREZ','RODRIGUEZ','SANCHEZ','RAMIREZ','CRUZ','FLORES','GOMEZ','MORALES','VAZQUEZ','REYES'])[1 + floor(random() * 15)::int] AS surname1,
	   (ARRAY['HERNANDEZ','GARCIA','LOPEZ','MARTINEZ','GONZALEZ','PEREZ','RODRIGUEZ','SANCHEZ','RAMIREZ','CRUZ','FLORES','GOMEZ','MORALES','VAZQUEZ','REYES'])[1 + floor(random() * 15)::int] AS surname2,
	   date '1970-01-01' + floor(random() * 12000)::int AS dob,
	   CASE WHEN random() < 0.5 THEN 'M' ELSE 'F' END AS sex
FROM generate_series(1, 240) p;
CREATE TABLE rg_removal AS
SELECT person AS removal_id, person, given, surname1, surname2, dob, sex,
	   date '2024-01-01' + person % 150 AS removal_date
FROM rg_person
UNION ALL
SELECT 1000 + person, person, CASE WHEN random() < 0.2 THEN left(given, -1) ELSE given END,
	   surname1, CASE WHEN random() < 0.3 THEN NULL ELSE surname2 END, dob, sex,
	   date '2024-01-01' + person % 150 + 60
FROM rg_person WHERE person % 3 = 0
UNION ALL
SELECT 3005, person, given, surname1, surname2, dob, sex, date '2024-01-01' + person % 150
FROM rg_person WHERE person = 5;
CREATE TABLE rg_reception AS
SELECT 2000 + person AS reception_id, person,
	   CASE WHEN random() < 0.25 THEN left(given, -1) ELSE given END AS nombre,
	   surname1 AS paterno, surname2 AS materno,
	   dob + CASE WHEN random() < 0.1 THEN 1 ELSE 0 END AS nacimiento, sex AS sexo,
	   date '2024-01-01' + person % 150 + floor(random() * 4)::int AS fecha
FROM rg_person WHERE random() < 0.8;
SELECT (SELECT count(*) FROM rg_removal WHERE removal_id < 1000 OR removal_id = 3005) AS first_removals,
	   (SELECT count(*) FROM rg_reception) AS receptions,
	   (SELECT count(*) FROM rg_removal WHERE removal_id BETWEEN 1000 AND 1999) AS second_removals;

-- The model: EM over the candidates of all records deduplicated at once
-- (link_records); the register stores no model of its own, each batch
-- passes one.
CREATE TABLE rg_all AS
SELECT removal_id AS record_id, ROW(given, surname1, surname2, dob, sex, 'MEX')::migrisk.person_ident AS ident FROM rg_removal
UNION ALL
SELECT reception_id, ROW(nombre, paterno, materno, nacimiento, sexo, 'MEX')::migrisk.person_ident FROM rg_reception;
SET client_min_messages = warning;
CREATE TABLE rg_model AS
SELECT migrisk.link_records('rg_all', 'record_id', 'ident', result_table => 'rg_fit', max_block => 8) - 'run' AS m;
RESET client_min_messages;
SELECT m -> 'fields' ?& ARRAY['given', 'surname1', 'surname2', 'dob', 'sex', 'nationality'] AS six_fields,
	   (m -> 'em' ->> 'converged')::boolean AS converged
FROM rg_model;

-- The WARNING above: EM's lambda made more matching pairs than half the
-- records.  Recomputed from every candidate (threshold 0): EM's own
-- estimate exceeds the bound, and link_records's lambda is the one EM
-- gives with u fixed at the candidates' level frequencies (at most the
-- bound), its m and u refitted with that lambda.
SET client_min_messages = error;
CREATE TEMP TABLE rg_cand_run AS
SELECT migrisk.link_records('rg_all', 'record_id', 'ident', result_table => 'rg_cand', max_block => 8, threshold => 0) AS m;
RESET client_min_messages;
WITH p AS (SELECT array_agg(gamma) AS g, array_agg(n) AS n
		   FROM (SELECT gamma, count(*)::float8 AS n FROM rg_cand GROUP BY gamma) x),
	 b AS (SELECT (SELECT count(*) FROM rg_all) / 2.0 / count(*) AS bound,
				  migrisk.link_u(gamma) AS u_marg FROM rg_cand),
	 f AS (SELECT (migrisk.link_em_fit(p.g, p.n) ->> 'lambda')::float8 AS free,
				  least(b.bound, (migrisk.link_em_fit(p.g, p.n, u_model => b.u_marg, fix_u => true) ->> 'lambda')::float8) AS fallback,
				  b.bound, p.g, p.n
		   FROM p, b)
SELECT f.free > f.bound AS estimate_above_bound,
	   (r.m ->> 'lambda')::float8 = f.fallback AS lambda_from_u_fixed,
	   (r.m - 'run') = migrisk.link_em_fit(f.g, f.n, lambda => f.fallback) AS refitted,
	   (r.m - 'run') = (SELECT m FROM rg_model) AS same_as_above
FROM f, rg_cand_run r;
DROP TABLE rg_cand;

------------------------------------------------------------------------
-- The layout
------------------------------------------------------------------------

SELECT migrisk.register_create('rg', max_block => 8);
SELECT c.relname, c.relkind,
	   string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum) AS columns
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind = 'r'
WHERE n.nspname = 'rg' AND c.relkind IN ('r', 'S')
GROUP BY c.relname, c.relkind ORDER BY c.relname;
SELECT layout, threshold, max_block FROM rg.register_meta;

-- the whole register's rows, for before/after comparisons
CREATE FUNCTION pg_temp.rg_state(s text) RETURNS TABLE (tab text, n bigint, checksum text)
LANGUAGE plpgsql AS $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['register_meta', 'records', 'record_keys', 'links', 'merges', 'decisions', 'batches'] LOOP
		RETURN QUERY EXECUTE format('SELECT %L, count(*), md5(coalesce(string_agg(x::text, %L ORDER BY x::text), %L)) FROM %I.%I x',
			t, '|', '', s, t);
	END LOOP;
	RETURN QUERY EXECUTE format('SELECT ''sequences'', (SELECT last_value FROM %1$I.person_id_seq), (SELECT last_value FROM %1$I.batch_seq)::text', s);
END $$;

------------------------------------------------------------------------
-- Three batches: first removals, receptions, second removals
------------------------------------------------------------------------

SET client_min_messages = warning;
CREATE TABLE rg_runs AS
SELECT 1 AS run, migrisk.register_link_batch('rg',
	'SELECT * FROM rg_removal WHERE removal_id < 1000 OR removal_id = 3005', 'removal_id',
	'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'removal', 'removal_date',
	(SELECT m FROM rg_model)) AS r;
RESET client_min_messages;

-- Equivalence: the links a batch writes are those of link_records over
-- every record the register then holds, with the same model, threshold and
-- max_block, among the pairs with a record of the batch (same pairs, same
-- weights and probabilities).  Mismatches listed: none.
CREATE FUNCTION pg_temp.rg_mismatch(b bigint) RETURNS TABLE (id_a bigint, id_b bigint, register_weight float8, full_weight float8)
LANGUAGE plpgsql AS $$
BEGIN
	DROP TABLE IF EXISTS rg_held, rg_full;
	CREATE TEMP TABLE rg_held AS SELECT record_id, ident, batch FROM rg.records;
	SET LOCAL client_min_messages = warning;
	PERFORM migrisk.link_records('rg_held', 'record_id', 'ident', result_table => 'rg_full',
		model => (SELECT m FROM rg_model), threshold => 0.5, max_block => 8);
	RETURN QUERY
	SELECT coalesce(r.id_a, f.id_a), coalesce(r.id_b, f.id_b), r.weight, f.match_weight
	FROM (SELECT * FROM rg.links WHERE batch = b) r
	FULL JOIN (SELECT f.* FROM rg_full f
			   WHERE f.id_a IN (SELECT record_id FROM rg_held WHERE batch = b)
				  OR f.id_b IN (SELECT record_id FROM rg_held WHERE batch = b)) f
		   ON f.id_a = r.id_a AND f.id_b = r.id_b
	WHERE r.id_a IS NULL OR f.id_a IS NULL OR r.weight <> f.match_weight
	   OR r.probability <> f.match_probability OR r.gamma::text <> f.gamma::text;
END $$;
SELECT * FROM pg_temp.rg_mismatch(1);
SELECT (SELECT count(*) FROM rg.links WHERE batch = 1) = (SELECT count(*) FROM rg_full) AS batch1_all_links,
	   (SELECT count(*) FROM rg.links WHERE batch = 1) > 0 AS some_links;

SET client_min_messages = warning;
INSERT INTO rg_runs
SELECT 2, migrisk.register_link_batch('rg', 'rg_reception', 'reception_id',
	'ROW(nombre, paterno, materno, nacimiento, sexo, ''MEX'')::migrisk.person_ident', 'reception', 'fecha',
	(SELECT m FROM rg_model));
RESET client_min_messages;
SELECT * FROM pg_temp.rg_mismatch(2);

SET client_min_messages = warning;
INSERT INTO rg_runs
SELECT 3, migrisk.register_link_batch('rg',
	'SELECT * FROM rg_removal WHERE removal_id BETWEEN 1000 AND 1999', 'removal_id',
	'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'removal', 'removal_date',
	(SELECT m FROM rg_model));
RESET client_min_messages;
SELECT * FROM pg_temp.rg_mismatch(3);
-- the batches' links with a record held before: the full re-run over all
-- records has them too, and batch 3 met held records
SELECT count(*) > 0 AS batch3_links_to_held
FROM rg.links l JOIN rg.records a ON a.record_id = l.id_a JOIN rg.records b ON b.record_id = l.id_b
WHERE l.batch = 3 AND least(a.batch, b.batch) < 3;

-- What each run reports agrees with the tables.
SELECT run, (r ->> 'batch')::int AS batch, (r ->> 'records')::int AS records,
	   (r ->> 'records')::int = (SELECT count(*) FROM rg.records WHERE batch = run) AS records_held,
	   (r ->> 'links')::int = (SELECT count(*) FROM rg.links WHERE batch = run) AS links_held,
	   (r ->> 'new_persons')::int = (SELECT new_persons FROM rg.batches WHERE batch = run) AS persons_logged,
	   (r ->> 'merges')::int = (SELECT count(*) FROM rg.merges WHERE batch = run) AS merges_logged,
	   (r ->> 'skipped_keys')::int > 0 AS keys_skipped
FROM rg_runs ORDER BY run;

-- Person ids: from the sequence, never two persons with one id; every
-- record has one; a person holds at most one record of a source per day;
-- the double entry 3005 is linked to removal 5 yet a person of its own.
SELECT count(*) AS records, count(DISTINCT person_id) AS persons,
	   max(person_id) <= (SELECT last_value FROM rg.person_id_seq) AS ids_from_sequence,
	   count(*) FILTER (WHERE person_id IS NULL) AS without_person
FROM rg.records;
SELECT count(*) AS same_source_same_day
FROM (SELECT person_id, source, event_date FROM rg.records GROUP BY 1, 2, 3 HAVING count(*) > 1) s;
SELECT (SELECT probability >= 0.5 FROM rg.links WHERE id_a = 5 AND id_b = 3005) AS double_entry_linked,
	   (SELECT person_id FROM rg.records WHERE record_id = 5) <> (SELECT person_id FROM rg.records WHERE record_id = 3005) AS apart;
-- Persons against the truth (240 persons, one typed twice) and against
-- connected components of the full re-run's links (link_clusters): the
-- register's best-first attachment with one record of a source per
-- person and day never joins more, and both are within 10% of the truth.
SELECT count(DISTINCT person_id) >= (SELECT count(DISTINCT person_id) FROM migrisk.link_clusters(
		   'SELECT id_a, id_b FROM rg_full UNION ALL SELECT record_id, NULL FROM rg_held')) AS not_fewer_than_components,
	   abs(count(DISTINCT person_id) - 241) <= 24 AS within_10_percent,
	   (SELECT abs(count(DISTINCT person_id) - 241) <= 24 FROM migrisk.link_clusters(
		   'SELECT id_a, id_b FROM rg_full UNION ALL SELECT record_id, NULL FROM rg_held')) AS components_within_10_percent,
	   (SELECT count(*) FROM rg.records r JOIN rg_all a USING (record_id) WHERE r.ident IS DISTINCT FROM a.ident) AS identities_changed
FROM rg.records;
-- Attaching links: a record that joined a person names a link to a record
-- of that person; the first record of a person (or one moved by a merge)
-- names none.
SELECT count(*) FILTER (WHERE r.link_id IS NOT NULL) > 0 AS some_attached,
	   bool_and(r.link_id IS NULL OR (o.person_id = r.person_id AND l.batch = r.batch)) AS attached_within_person
FROM rg.records r
LEFT JOIN rg.links l ON l.link_id = r.link_id
LEFT JOIN rg.records o ON o.record_id = CASE WHEN l.id_a = r.record_id THEN l.id_b ELSE l.id_a END;

------------------------------------------------------------------------
-- Idempotence: the same batches again change nothing
------------------------------------------------------------------------

CREATE TEMP TABLE rg_before AS SELECT * FROM pg_temp.rg_state('rg');
SET client_min_messages = warning;
SELECT r ->> 'records' AS new_records, r ->> 'known_records' AS known_records, r ->> 'links' AS links
FROM (SELECT migrisk.register_link_batch('rg',
		'SELECT * FROM rg_removal WHERE removal_id BETWEEN 1000 AND 1999', 'removal_id',
		'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'removal', 'removal_date',
		(SELECT m FROM rg_model)) AS r) s;
SELECT (migrisk.register_link_batch('rg', 'rg_reception', 'reception_id',
	'ROW(nombre, paterno, materno, nacimiento, sexo, ''MEX'')::migrisk.person_ident', 'reception', 'fecha',
	(SELECT m FROM rg_model))) ->> 'known_records' AS known_records;
RESET client_min_messages;
SELECT b.tab, b.n = a.n AS same_rows, b.checksum = a.checksum AS same_checksum
FROM rg_before b JOIN pg_temp.rg_state('rg') a USING (tab) ORDER BY b.tab;

------------------------------------------------------------------------
-- Bad input; a failed batch leaves the register as it was
------------------------------------------------------------------------

CREATE TABLE rg_bad AS SELECT * FROM rg_removal WHERE removal_id IN (1, 2);
UPDATE rg_bad SET given = 'XIMENA' WHERE removal_id = 2;
INSERT INTO rg_bad SELECT 4000, person, given, surname1, surname2, dob, sex, removal_date FROM rg_removal WHERE removal_id = 7;
CREATE TABLE rg_dup AS SELECT 4001 AS removal_id, 'ANA' AS given UNION ALL SELECT 4001, 'ROSA';
CREATE TABLE rg_other (x int);
CREATE SCHEMA rg_notreg;
CREATE TABLE rg_notreg.records (record_id int8);
SELECT migrisk.register_create('rg_old');
ALTER TABLE rg_old.links DROP COLUMN gamma;
SET client_min_messages = warning;
SELECT q, pg_temp.sqlstate(q) AS error
FROM (VALUES
	($$SELECT migrisk.register_link_batch('rg', 'rg_bad', 'removal_id', 'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'removal', 'removal_date', (SELECT m FROM rg_model))$$),
	($$SELECT migrisk.register_link_batch('rg', 'SELECT * FROM rg_bad WHERE removal_id <> 2', 'removal_id', 'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'reception', 'removal_date', (SELECT m FROM rg_model))$$),
	($$SELECT migrisk.register_link_batch('rg', 'rg_dup', 'removal_id', 'ROW(given, NULL, NULL, NULL, NULL, NULL)::migrisk.person_ident', 'removal', NULL, (SELECT m FROM rg_model))$$),
	($$SELECT migrisk.register_link_batch('rg', 'SELECT NULL::int AS removal_id, ''ANA'' AS given', 'removal_id', 'ROW(given, NULL, NULL, NULL, NULL, NULL)::migrisk.person_ident', 'removal', NULL, (SELECT m FROM rg_model))$$),
	($$SELECT migrisk.register_link_batch('rg', 'rg_bad', 'removal_id', 'ROW(given, surname1, surname2)', 'removal', 'removal_date', (SELECT m FROM rg_model))$$),
	($$SELECT migrisk.register_link_batch('rg', 'rg_bad', 'given', 'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'removal', 'removal_date', (SELECT m FROM rg_model))$$),
	($$SELECT migrisk.register_link_batch('rg', 'rg_bad', 'no_such_id', 'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'removal', 'removal_date', (SELECT m FROM rg_model))$$),
	($$SELECT migrisk.register_link_batch('rg', 'rg_bad', 'removal_id', 'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'removal', 'no_such_date', (SELECT m FROM rg_model))$$),
	($$SELECT migrisk.register_link_batch('rg', 'rg_no_such_table', 'removal_id', 'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'removal', 'removal_date', (SELECT m FROM rg_model))$$),
	($$SELECT migrisk.register_link_batch('rg', 'rg_bad', 'removal_id', 'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'removal', 'removal_date', (SELECT m FROM rg_model) #- '{fields,dob}')$$),
	($$SELECT migrisk.register_link_batch('rg', 'rg_bad', 'removal_id', 'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'removal', 'removal_date', jsonb_set((SELECT m FROM rg_model), '{fields,dob,m}', '[0.5, 0.5]'))$$),
	($$SELECT migrisk.register_link_batch('rg', 'rg_bad', 'removal_id', 'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'removal', 'removal_date', NULL)$$),
	($$SELECT migrisk.register_link_batch('rg_none', 'rg_bad', 'removal_id', 'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'removal', 'removal_date', (SELECT m FROM rg_model))$$),
	($$SELECT migrisk.register_link_batch('rg_notreg', 'rg_bad', 'removal_id', 'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'removal', 'removal_date', (SELECT m FROM rg_model))$$),
	($$SELECT migrisk.register_link_batch('rg_old', 'rg_bad', 'removal_id', 'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'removal', 'removal_date', (SELECT m FROM rg_model))$$),
	($$SELECT migrisk.register_link_batch(NULL, 'rg_bad', 'removal_id', 'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'removal', 'removal_date', (SELECT m FROM rg_model))$$),
	($$SELECT migrisk.register_create('rg')$$),
	($$SELECT migrisk.register_create('rg_notreg')$$),
	($$SELECT migrisk.register_create('rg_x', threshold => 1.5)$$),
	($$SELECT migrisk.register_create('rg_x', max_block => 1)$$),
	($$SELECT migrisk.register_create(NULL)$$),
	($$SELECT migrisk.register_unmerge('rg', 999)$$),
	($$SELECT migrisk.register_unmerge('rg', NULL)$$),
	($$SELECT migrisk.register_withdraw('rg', 999999)$$),
	($$SELECT migrisk.register_withdraw('rg_notreg', 1)$$),
	($$SELECT migrisk.register_decide('rg', 1, 1, true, 'ana')$$),
	($$SELECT migrisk.register_decide('rg', 1, 999999, true, 'ana')$$),
	($$SELECT migrisk.register_decide('rg', 1, 2, true, NULL)$$),
	($$SELECT * FROM migrisk.register_persons('rg_none')$$)
) v(q);
RESET client_min_messages;
-- rg_x was never made; a failure at the last write (a trigger refusing
-- record 4000) leaves nothing of the batch behind
SELECT to_regnamespace('rg_x') IS NULL AS no_rg_x;
CREATE FUNCTION rg_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.record_id = 4000 THEN RAISE EXCEPTION 'rg_refuse: record 4000 refused'; END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER rg_refuse BEFORE INSERT ON rg.records FOR EACH ROW EXECUTE FUNCTION rg_refuse();
SET client_min_messages = warning;
SELECT pg_temp.sqlstate($$SELECT migrisk.register_link_batch('rg', 'SELECT * FROM rg_bad WHERE removal_id <> 2', 'removal_id', 'ROW(given, surname1, surname2, dob, sex, ''MEX'')::migrisk.person_ident', 'removal', 'removal_date', (SELECT m FROM rg_model))$$) AS error;
RESET client_min_messages;
DROP TRIGGER rg_refuse ON rg.records;
-- every table as it was; only the sequences moved on (a batch number and
-- person ids drawn are never given again)
SELECT b.tab, b.n = a.n AS same_rows, b.checksum = a.checksum AS same_checksum
FROM rg_before b JOIN pg_temp.rg_state('rg') a USING (tab) ORDER BY b.tab;

------------------------------------------------------------------------
-- Merge and unmerge, decisions, withdrawal: a register by hand
------------------------------------------------------------------------

-- Records 1 and 2 share the names but not a blocking key (born 1980 and
-- 1999); record 3, without a birth date, shares keys with both and links
-- to both: the second link merges their persons.
CREATE TABLE rg_hand (id int8, src text, day date, given text, s1 text, s2 text, dob date);
INSERT INTO rg_hand VALUES
	(1, 'x', '2024-01-10', 'JUAN', 'PEREZ', 'LOPEZ', '1980-03-04'),
	(2, 'x', '2024-01-11', 'JUAN', 'PEREZ', 'LOPEZ', '1999-07-21'),
	(3, 'y', '2024-01-12', 'JUAN', 'PEREZ', 'LOPEZ', NULL),
	(4, 'z', '2024-02-01', 'JUAN', 'PEREZ', 'LOPEZ', NULL);
CREATE FUNCTION pg_temp.rg_hand_batch(reg text, ids int8[]) RETURNS jsonb LANGUAGE sql AS $$
	SELECT migrisk.register_link_batch(reg, format('SELECT * FROM rg_hand WHERE id = ANY (%L)', ids), 'id',
		'ROW(given, s1, s2, dob, ''M'', ''MEX'')::migrisk.person_ident',
		(SELECT src FROM rg_hand WHERE id = ids[1]), 'day', (SELECT m FROM rg_model))
$$;
CREATE FUNCTION pg_temp.rg_persons(reg text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE s text;
BEGIN
	EXECUTE format('SELECT string_agg(record_id || '':'' || person_id, '' '' ORDER BY record_id) FROM %I.records', reg) INTO s;
	RETURN s;
END $$;
SELECT migrisk.register_create('rg2');
SET client_min_messages = warning;
SELECT pg_temp.rg_hand_batch('rg2', '{1,2}') ->> 'links' AS links;
SELECT pg_temp.rg_persons('rg2') AS persons;
SELECT r ->> 'links' AS links, r ->> 'attached' AS attached, r ->> 'merges' AS merges
FROM pg_temp.rg_hand_batch('rg2', '{3}') r;
RESET client_min_messages;
SELECT pg_temp.rg_persons('rg2') AS persons;
SELECT id_a, id_b, probability >= 0.5 AS linked, batch FROM rg2.links ORDER BY link_id;
SELECT r.record_id, l.id_a, l.id_b FROM rg2.records r LEFT JOIN rg2.links l USING (link_id) ORDER BY 1;
SELECT merge_id, surviving, absorbed, (SELECT id_a || '-' || id_b FROM rg2.links l WHERE l.link_id = m.link_id) AS link,
	   probability >= 0.5 AS probable, batch, reviewer, records, undone
FROM rg2.merges m ORDER BY merge_id;

-- unmerge: record 2 takes person 2 again; twice is an error
SELECT migrisk.register_unmerge('rg2', 1) AS moved;
SELECT pg_temp.rg_persons('rg2') AS persons;
SELECT merge_id, undone, undone_at IS NOT NULL AS undone_at FROM rg2.merges;
SELECT pg_temp.sqlstate($$SELECT migrisk.register_unmerge('rg2', 1)$$) AS error;

-- "same" merges (logged with the reviewer), and an unmerge against it is
-- refused
SELECT migrisk.register_decide('rg2', 3, 2, true, 'ana') AS person_of_3;
SELECT pg_temp.rg_persons('rg2') AS persons;
SELECT merge_id, surviving, absorbed, batch, reviewer, records FROM rg2.merges WHERE merge_id = 2;
SELECT pg_temp.sqlstate($$SELECT migrisk.register_unmerge('rg2', 2)$$) AS error;

-- "not same" on the pair replaces "same" and splits the person: record 1
-- keeps person 1 with record 3 (their link), record 2 takes a new id (3:
-- ids are never reused)
SELECT migrisk.register_decide('rg2', 2, 3, false, 'ben') AS person_of_2;
SELECT pg_temp.rg_persons('rg2') AS persons;
SELECT id_a, id_b, same, reviewer FROM rg2.decisions;

-- a new record linked to both persons joins the first (best first, equal
-- weights by id) and cannot join them: the decision blocks the second link
SET client_min_messages = warning;
SELECT r ->> 'links' AS links, r ->> 'attached' AS attached, r ->> 'merges' AS merges, r ->> 'blocked' AS blocked
FROM pg_temp.rg_hand_batch('rg2', '{4}') r;
RESET client_min_messages;
SELECT pg_temp.rg_persons('rg2') AS persons;

-- a "same" decision against "not same" (2 with 4 would put 2 with 3): refused,
-- nothing changes
SELECT pg_temp.sqlstate($$SELECT migrisk.register_decide('rg2', 2, 4, true, 'ana')$$) AS error;
SELECT pg_temp.rg_persons('rg2') AS persons;

-- Withdrawal: the bridge of a person goes, the person falls in two; the
-- part with the smallest record id keeps the id, the other a new one
SELECT migrisk.register_create('rg3');
SET client_min_messages = warning;
SELECT pg_temp.rg_hand_batch('rg3', '{1,2}') ->> 'records' AS records;
SELECT pg_temp.rg_hand_batch('rg3', '{3}') ->> 'merges' AS merges;
RESET client_min_messages;
SELECT pg_temp.rg_persons('rg3') AS persons;
SELECT migrisk.register_withdraw('rg3', 3) AS parts;
SELECT pg_temp.rg_persons('rg3') AS persons;
SELECT count(*) AS links_left, (SELECT count(*) FROM rg3.record_keys WHERE record_id = 3) AS keys_left FROM rg3.links;
SELECT migrisk.register_withdraw('rg3', 2) AS parts;
SELECT pg_temp.rg_persons('rg3') AS persons;
-- withdrawn, a record can come back as new (the batch links it again)
SET client_min_messages = warning;
SELECT r ->> 'records' AS records, r ->> 'attached' AS attached FROM pg_temp.rg_hand_batch('rg3', '{3}') r;
RESET client_min_messages;
SELECT pg_temp.rg_persons('rg3') AS persons;

------------------------------------------------------------------------
-- Persons, with small-cell suppression
------------------------------------------------------------------------

SELECT * FROM migrisk.register_persons('rg2');
-- on the large register: one row per person, consistent with the records
SELECT count(*) = (SELECT count(DISTINCT person_id) FROM rg.records) AS one_row_per_person,
	   sum(records) = (SELECT count(*) FROM rg.records) AS records_add_up,
	   bool_and(first_event <= last_event) AS ordered,
	   count(*) FILTER (WHERE suppressed) AS suppressed
FROM migrisk.register_persons('rg');
-- with a minimum cell size of 2, profiles (dates and events) held by a
-- single person are suppressed; those shared are shown
SET migrisk.min_cell_size = 2;
SELECT * FROM migrisk.register_persons('rg2');
SELECT count(*) FILTER (WHERE suppressed) = count(*) FILTER (WHERE c = 1) AS suppressed_singletons,
	   count(*) FILTER (WHERE NOT suppressed) > 0 AS some_shown,
	   count(*) FILTER (WHERE NOT suppressed AND records IS NULL) AS shown_without_records
FROM (SELECT p.*, count(*) OVER (PARTITION BY q.first_event, q.last_event, q.events, q.again) AS c
	  FROM migrisk.register_persons('rg') p
	  JOIN (SELECT person_id, min(event_date) AS first_event, max(event_date) AS last_event,
				   (SELECT jsonb_object_agg(source, n) FROM (SELECT source, count(*) AS n FROM rg.records i
															  WHERE i.person_id = o.person_id GROUP BY source) s) AS events,
				   EXISTS (SELECT FROM rg.records a JOIN rg.records b USING (person_id, source)
						   WHERE a.person_id = o.person_id AND b.event_date - a.event_date BETWEEN 1 AND 90) AS again
			FROM rg.records o GROUP BY person_id) q USING (person_id)) x;
RESET migrisk.min_cell_size;
-- Re-migration: again_within against a second method (some two events of
-- a person and source 1 to N days apart); the second removals of 80 of
-- the 240 persons come 60 days after the first: within 30 days none,
-- within 60 and 90 days those 80
SELECT n, count(*) FILTER (WHERE p.again_within) AS again_within,
	   count(*) FILTER (WHERE p.again_within IS DISTINCT FROM EXISTS (
		   SELECT FROM rg.records a JOIN rg.records b USING (person_id, source)
		   WHERE a.person_id = p.person_id AND b.event_date - a.event_date BETWEEN 1 AND n)) AS disagree
FROM (VALUES (30), (60), (90)) v(n), LATERAL migrisk.register_persons('rg', n) p
GROUP BY n ORDER BY n;
SELECT count(DISTINCT person_id) AS removed_twice_within_90
FROM rg.records a JOIN rg.records b USING (person_id, source)
WHERE a.source = 'removal' AND b.event_date - a.event_date BETWEEN 1 AND 90;
SELECT pg_temp.sqlstate($$SELECT migrisk.register_persons('rg', NULL)$$) AS error;
SELECT pg_temp.sqlstate($$SELECT migrisk.register_persons('rg', 0)$$) AS error;

-- The attachment step on its own (internal; called with its temporary
-- tables): a NULL register, tables that name a record twice or a link to a
-- record they do not hold are errors, not wrong persons.
SELECT pg_temp.sqlstate($$SELECT migrisk._register_attach(NULL, 1)$$) AS error;
BEGIN;
CREATE TEMP TABLE _rg_comp (record_id int8, comp int8, source text, event_date date, attach_link int8);
CREATE TEMP TABLE _rg_edge (ord int8, link_id int8, id_a int8, id_b int8, probability float8, forced bool, reviewer text);
INSERT INTO _rg_comp VALUES (1, -1, 'removal', '2024-01-01', NULL), (2, -2, 'removal', '2024-01-01', NULL), (3, -3, NULL, NULL, NULL);
INSERT INTO _rg_edge VALUES (1, 10, 1, 3, 0.9, false, NULL), (2, 11, 2, 3, 0.8, false, NULL);
-- 1 and 3 join (3 attaches, the later root); 2 is refused (removal 1 of the same day)
SELECT * FROM migrisk._register_attach('rg', NULL);
SELECT record_id, comp, attach_link FROM _rg_comp ORDER BY record_id;
SELECT * FROM _rg_label ORDER BY label;
DROP TABLE _rg_label;
INSERT INTO _rg_edge VALUES (3, 12, 1, 99, 0.7, false, NULL);
SELECT pg_temp.sqlstate($$SELECT migrisk._register_attach('rg', NULL)$$) AS error;
INSERT INTO _rg_comp VALUES (1, -4, NULL, NULL, NULL);
SELECT pg_temp.sqlstate($$SELECT migrisk._register_attach('rg', NULL)$$) AS error;
ROLLBACK;

SET client_min_messages = warning;
DROP SCHEMA rg, rg2, rg3, rg_old, rg_notreg CASCADE;
RESET client_min_messages;
DROP TABLE rg_person, rg_removal, rg_reception, rg_all, rg_model, rg_fit, rg_runs, rg_bad, rg_dup, rg_other, rg_hand;
DROP FUNCTION rg_refuse();
