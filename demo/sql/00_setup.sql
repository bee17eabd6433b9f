-- The migrisk demo, played by `make demo` in a throwaway cluster.
\pset footer off
\pset null '(unknown)'
\set ECHO none

CREATE EXTENSION migrisk CASCADE;

\echo
\echo '== migrisk' `date +%T`
SELECT migrisk.version() AS migrisk, postgis_lib_version() AS postgis;
