-- errors_sqlstate: one SQLSTATE per kind of mistake.  A support function
-- of an aggregate called on its own is 0A000 (feature not supported), not
-- an internal error; a threshold outside [0, 1] is 22023 (invalid
-- parameter value) wherever it is given.
SET search_path = migrisk, public;
CREATE FUNCTION pg_temp.sqlstate(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END $$;

SELECT q, pg_temp.sqlstate(q) AS sqlstate
FROM (VALUES
	('SELECT migrisk._link_em_trans(NULL, ''given=exact'')'),
	('SELECT migrisk._link_em_combine(NULL, NULL)'),
	('SELECT migrisk._link_em_final(NULL::migrisk.link_em_state)'),
	('SELECT migrisk._link_u_final(NULL::migrisk.link_em_state)'),
	('SELECT migrisk._journey_accum(NULL, ''car (0 0, 1 1)'')'),
	('SELECT migrisk._journey_combine(NULL, NULL)'),
	('SELECT migrisk._risk_profile_sfunc(''1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0'', ''{held}'')')
) v(q) ORDER BY 1;

-- thresholds
CREATE TEMP TABLE ls_links (id_a int8, id_b int8, match_probability float8);
SELECT q, pg_temp.sqlstate(q) AS sqlstate
FROM (VALUES
	('SELECT * FROM migrisk.link_clusters(''ls_links''::regclass, 1.5)'),
	('SELECT * FROM migrisk.link_accuracy(''SELECT 1::int8, 2::int8, 0.5::float8'', NULL, ''{0.5,2}'')'),
	('SELECT * FROM migrisk.pprl_link(''ls_links'', ''ls_links'', threshold => -0.1)')
) v(q) ORDER BY 1;
