-- migrisk install script: core objects.
-- Built from src/sql/*.sql in name order; do not edit the generated file.

\echo Use "CREATE EXTENSION migrisk CASCADE" to load this file. \quit

CREATE FUNCTION @extschema@.version()
RETURNS text
AS 'MODULE_PATHNAME', 'migrisk_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.version() IS
'version of the loaded migrisk library';
