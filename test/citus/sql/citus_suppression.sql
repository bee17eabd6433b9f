-- citus_suppression: small-cell suppression set for a BI role with ALTER
-- ROLE reaches the workers (Citus propagates role settings), so the role's
-- results are suppressed whether the aggregate is split or pushed down.
SET search_path = public, migrisk;
CREATE ROLE citus_bi LOGIN;
GRANT USAGE ON SCHEMA migrisk TO citus_bi;
GRANT SELECT ON interviews TO citus_bi;
ALTER ROLE citus_bi SET migrisk.min_cell_size = 100000;
SELECT result FROM run_command_on_workers($$SELECT coalesce((SELECT setconfig::text FROM pg_db_role_setting s
	JOIN pg_roles r ON r.oid = s.setrole WHERE r.rolname = 'citus_bi'), 'none')$$) ORDER BY nodeport;
\c - citus_bi
SET search_path = public, migrisk;
SHOW migrisk.min_cell_size;
-- the whole table (40,000 rows) is below 100,000: suppressed, split or not
SELECT (risk_profile(f, w)).suppressed AS split_suppressed FROM interviews;
SELECT bool_and((p).suppressed) AS pushed_down_suppressed
FROM (SELECT id, risk_profile(f, w) AS p FROM interviews GROUP BY id) x;
\c - postgres
DROP OWNED BY citus_bi;
DROP ROLE citus_bi;
