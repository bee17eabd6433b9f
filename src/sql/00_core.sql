-- migrisk install script: core objects.
-- Built from src/sql/*.sql in name order; do not edit the generated file.

\echo Use "CREATE EXTENSION migrisk CASCADE" to load this file. \quit

CREATE FUNCTION @extschema@.version()
RETURNS text
AS 'MODULE_PATHNAME', 'migrisk_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.version() IS
'version of the loaded migrisk library';

-- The configuration tables (indicator, risk_model, risk_model_weight,
-- repatriation_point, pprl_key) are cached by every backend that reads
-- them; this statement-level trigger on each of them tells every backend's
-- cache that the table changed (seen by the next statement, by other
-- sessions at commit, and undone on rollback).
CREATE FUNCTION @extschema@._config_changed()
RETURNS trigger
AS 'MODULE_PATHNAME', 'config_changed'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION @extschema@._config_changed() IS
'internal: trigger of the configuration tables; invalidates the backends'' caches of the changed table';
