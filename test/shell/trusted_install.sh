#!/bin/sh
# A database owner without superuser rights installs migrisk (a trusted
# extension) once a superuser has installed PostGIS, and gains nothing more.
set -eu
db=migrisk_trusted_$$
psql -X -q -v ON_ERROR_STOP=1 -d postgres <<SQL
DROP ROLE IF EXISTS migrisk_owner;
CREATE ROLE migrisk_owner LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB;
CREATE DATABASE $db OWNER migrisk_owner;
SQL
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP ROLE IF EXISTS migrisk_owner"' EXIT
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c 'CREATE EXTENSION postgis'
out=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
SET ROLE migrisk_owner;
CREATE EXTENSION migrisk;
SELECT migrisk.version() IS NOT NULL;
SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user;
-- the superuser-only setting stays out of the owner's reach
DO $$
BEGIN
	SET migrisk.min_cell_size = 0;
	RAISE EXCEPTION 'non-superuser could set migrisk.min_cell_size';
EXCEPTION WHEN insufficient_privilege THEN
	RAISE NOTICE 'refused as expected';
END $$;
SQL
)
echo "$out"
[ "$out" = "$(printf 't\nf')" ]
