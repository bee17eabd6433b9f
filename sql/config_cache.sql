-- config_cache: the backend's caches of the configuration tables
-- (indicator, risk_model, risk_model_weight, repatriation_point, pprl_key)
-- see every change: from the next statement of the same transaction or DO
-- block on (PL/pgSQL keeps an expression's call site for the whole
-- transaction, so a cache kept there would not), from another session once
-- it commits, and never a change that was rolled back.
SET search_path = public, migrisk;
SET client_min_messages = notice;
INSERT INTO risk_model (name, kind, intercept, medium_threshold, high_threshold, description)
VALUES ('cc', 'additive', 0, 0.25, 0.5, 'test: held w, debt 1');
INSERT INTO risk_model_weight (model, indicator, weight) VALUES ('cc', 'held', 1), ('cc', 'debt', 1);

-- 1. the same expression, before and after a change in the same DO block
-- models: score of {held} is w / (w + 1): 1/2, 2/3, 3/4
DO $$
DECLARE
	s float8;
BEGIN
	FOR i IN 1 .. 3 LOOP
		s := migrisk.risk_score('{held}', 'cc');
		RAISE NOTICE 'held weight %: score %', i, s;
		UPDATE migrisk.risk_model_weight SET weight = i + 1 WHERE model = 'cc' AND indicator = 'held';
	END LOOP;
	UPDATE migrisk.risk_model_weight SET weight = 3 WHERE model = 'cc' AND indicator = 'held';
END $$;

-- the registry: a new indicator is registered at once (unknown_count of a
-- value with nothing known counts the registered indicators)
DO $$
DECLARE
	n int;
BEGIN
	FOR i IN 1 .. 2 LOOP
		n := migrisk.unknown_count(migrisk.risk_flags(0::int8, 0::int8));
		RAISE NOTICE 'registered: %, equal to the table: %', n,
			n = (SELECT count(*) FROM migrisk.indicator);
		INSERT INTO migrisk.indicator (code, bit, label, vocabulary, default_weight)
		VALUES ('cc_new' || i, 62 - i, 'test indicator', 'test', 0);
	END LOOP;
	DELETE FROM migrisk.indicator WHERE code LIKE 'cc_new%';
END $$;

-- repatriation points: a pair added makes the point fit (1 window only,
-- then 0 fits)
DO $$
BEGIN
	FOR i IN 1 .. 2 LOOP
		RAISE NOTICE 'plausibility: %',
			migrisk.return_plausibility('2024-03-01', 'Ccport', '2024-03-02', 'Ccpunto');
		IF i = 1 THEN
			INSERT INTO migrisk.repatriation_point (us_port, us_state, us_lon, us_lat, mx_point, mx_state, mx_lon, mx_lat)
			VALUES ('Ccport', 'TX', -100, 30, 'Ccpunto', 'Coahuila', -100, 29.9);
		END IF;
	END LOOP;
	DELETE FROM migrisk.repatriation_point WHERE us_port = 'Ccport';
END $$;

-- PPRL keys: after a key is replaced, the same expression encodes with the
-- new secret
SELECT pprl_set_key('cc', 'the first secret of this test');
CREATE TEMP TABLE cc_enc (i int, c clk);
DO $$
DECLARE
	c migrisk.clk;
BEGIN
	FOR i IN 1 .. 2 LOOP
		c := migrisk.clk_encode('cc', 'Garcia');
		INSERT INTO cc_enc VALUES (i, c);
		PERFORM migrisk.pprl_set_key('cc', 'the second secret of this test', replace => true);
	END LOOP;
END $$;
SELECT i, c OPERATOR(migrisk.=) clk_encode('cc', 'Garcia') AS under_the_current_key,
       c OPERATOR(migrisk.=) (SELECT c FROM cc_enc WHERE i = 1) AS same_as_first
FROM cc_enc ORDER BY i;

-- 2. rolled back: to a savepoint, and the whole transaction (weight 3: 3/4)
BEGIN;
SELECT risk_score('{held}', 'cc') AS before_change;
SAVEPOINT a;
UPDATE risk_model_weight SET weight = 9 WHERE model = 'cc' AND indicator = 'held';
SELECT risk_score('{held}', 'cc') AS changed;
ROLLBACK TO a;
SELECT risk_score('{held}', 'cc') AS after_rollback_to_savepoint;
UPDATE risk_model_weight SET weight = 9 WHERE model = 'cc' AND indicator = 'held';
SELECT risk_score('{held}', 'cc') AS changed;
ROLLBACK;
SELECT risk_score('{held}', 'cc') AS after_rollback;

-- the same in a DO block with an exception block (a subtransaction)
DO $$
DECLARE
	s float8;
BEGIN
	FOR i IN 1 .. 2 LOOP
		BEGIN
			s := migrisk.risk_score('{held}', 'cc');
			RAISE NOTICE 'pass %: score %', i, s;
			UPDATE migrisk.risk_model_weight SET weight = 9 WHERE model = 'cc' AND indicator = 'held';
			s := migrisk.risk_score('{held}', 'cc');
			RAISE NOTICE 'pass %: changed score %', i, s;
			RAISE EXCEPTION 'undo';
		EXCEPTION WHEN raise_exception THEN
			NULL;
		END;
	END LOOP;
END $$;

-- 3. another session: it sees a change once committed, not before, and
-- not after a rollback
CREATE EXTENSION IF NOT EXISTS dblink SCHEMA public;
SELECT dblink_connect('cc', pg_catalog.format('dbname=%s port=%s host=%s', current_database(),
	current_setting('port'), split_part(current_setting('unix_socket_directories'), ',', 1)));
SELECT s AS other_session FROM dblink('cc', $q$SELECT migrisk.risk_score('{held}', 'cc')$q$) AS t(s float8);
UPDATE risk_model_weight SET weight = 1 WHERE model = 'cc' AND indicator = 'held';
SELECT s AS other_session_after_commit FROM dblink('cc', $q$SELECT migrisk.risk_score('{held}', 'cc')$q$) AS t(s float8);
BEGIN;
UPDATE risk_model_weight SET weight = 9 WHERE model = 'cc' AND indicator = 'held';
SELECT s AS other_session_uncommitted FROM dblink('cc', $q$SELECT migrisk.risk_score('{held}', 'cc')$q$) AS t(s float8);
ROLLBACK;
SELECT s AS other_session_after_rollback FROM dblink('cc', $q$SELECT migrisk.risk_score('{held}', 'cc')$q$) AS t(s float8);
-- the registry and the key in the other session
SELECT n AS other_registered FROM dblink('cc', $q$SELECT migrisk.unknown_count(migrisk.risk_flags(0::int8, 0::int8))$q$) AS t(n int);
INSERT INTO indicator (code, bit, label, vocabulary, default_weight) VALUES ('cc_other', 61, 'test indicator', 'test', 0);
SELECT n AS other_registered_after_insert FROM dblink('cc', $q$SELECT migrisk.unknown_count(migrisk.risk_flags(0::int8, 0::int8))$q$) AS t(n int);
DELETE FROM indicator WHERE code = 'cc_other';
SELECT c OPERATOR(migrisk.=) clk_encode('cc', 'Garcia') AS other_session_same_key
FROM dblink('cc', $q$SELECT migrisk.clk_encode('cc', 'Garcia')$q$) AS t(c clk);
SELECT pprl_set_key('cc', 'the third secret of this test', replace => true);
SELECT c OPERATOR(migrisk.=) clk_encode('cc', 'Garcia') AS other_session_replaced_key
FROM dblink('cc', $q$SELECT migrisk.clk_encode('cc', 'Garcia')$q$) AS t(c clk);
SELECT dblink_disconnect('cc');
DROP EXTENSION dblink;

-- the triggers that make a change known, on every configuration table
SELECT tgrelid::regclass AS config_table, tgname, tgtype
FROM pg_trigger WHERE tgfoid = 'migrisk._config_changed'::regproc ORDER BY tgrelid::regclass::text;

SELECT pprl_drop_key('cc');
DELETE FROM risk_model WHERE name = 'cc';
RESET client_min_messages;
RESET search_path;
