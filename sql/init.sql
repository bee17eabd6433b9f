-- init: installing migrisk, and what holds for every object it creates.

-- Without CASCADE, a missing PostGIS is PostgreSQL's own clear error.
CREATE EXTENSION migrisk;

CREATE EXTENSION migrisk CASCADE;

-- Each at its default version (the one its control file names), PostGIS
-- of major version 3 whichever minor the server's distribution ships.
SELECT e.extname, split_part(e.extversion, '.', 1) AS major,
       e.extversion = a.default_version AS is_default_version,
       n.nspname, e.extrelocatable
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
JOIN pg_available_extensions a ON a.name = e.extname
WHERE e.extname IN ('migrisk', 'postgis')
ORDER BY 1;

-- The library and the installed SQL agree on the version.
SELECT migrisk.version() = extversion AS library_matches_sql
FROM pg_extension WHERE extname = 'migrisk';

-- Every function, aggregate, type and table of the extension has a comment
-- (docs/reference.md is written from the same text).  Expected: no rows.
SELECT pg_describe_object(d.classid, d.objid, 0) AS undocumented
FROM pg_depend d
WHERE d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'migrisk')
  AND d.deptype = 'e'
  AND d.classid IN ('pg_proc'::regclass, 'pg_type'::regclass, 'pg_class'::regclass)
  AND obj_description(d.objid, d.classid::regclass::name) IS NULL
  -- array types and a table's row type are documented with their element
  AND NOT (d.classid = 'pg_type'::regclass AND EXISTS (
        SELECT 1 FROM pg_type t WHERE t.oid = d.objid
          AND (t.typelem <> 0 AND t.typlen = -1 OR t.typrelid <> 0)))
ORDER BY 1;

-- No SECURITY DEFINER anywhere: every function runs with the caller's
-- rights.  Expected: no rows.
SELECT p.oid::regprocedure AS security_definer
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'migrisk')
  AND p.prosecdef;

-- Every C function carries an explicit parallel label and a volatility we
-- chose; list any left at PARALLEL UNSAFE so the label is a decision.
SELECT p.oid::regprocedure AS parallel_unsafe
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'migrisk')
  AND p.proparallel = 'u'
ORDER BY 1;

-- migrisk.min_cell_size exists once the library is loaded and is
-- superuser-only.
SELECT name, setting, context FROM pg_settings WHERE name = 'migrisk.min_cell_size';
