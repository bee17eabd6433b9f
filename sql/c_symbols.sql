-- c_symbols: the C symbol of every C function is its SQL name.
--
-- The scheme (src/symbols_compat.c keeps the old names loading):
--   * the C symbol is the SQL function's name, an internal function's
--     leading underscore dropped (C reserves identifiers beginning with an
--     underscore at file scope): _link_em_trans -> link_em_trans;
--   * overloads that one C function serves (it reads PG_NARGS()) share
--     it: every match_weight is match_weight;
--   * NAME_sql where a pure core of src/core/ already holds NAME
--     (name_normalize, name_phonetic, compare_persons, place_key);
--   * NAME_ARG for an overload that a second C function serves, ARG its
--     last argument: damerau_levenshtein(a, b, max) is
--     damerau_levenshtein_max;
--   * a type family's prefix (route_segment_, journey_, link_gamma_,
--     risk_, clk_): SQL names such as length_m and duration are overloaded
--     across types, the symbol says whose;
--   * the one exception: version() is migrisk_version, since "version" is
--     too generic a name to export into the backend's global symbol scope
--     (modules are loaded with RTLD_GLOBAL) and pg_catalog.version() is
--     PostgreSQL's own.
-- Expected: no rows.
SELECT p.oid::regprocedure AS function, p.prosrc AS c_symbol
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_language l ON l.oid = p.prolang,
     LATERAL (SELECT CASE WHEN p.proname::text LIKE '\_%' THEN substr(p.proname::text, 2)
                          ELSE p.proname::text END AS base) b
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'migrisk')
  AND l.lanname = 'c'
  AND p.prosrc <> b.base
  AND p.prosrc <> b.base || '_sql'
  AND p.prosrc IS DISTINCT FROM b.base || '_' || p.proargnames[p.pronargs]
  AND p.prosrc !~ '^(route_segment|journey|link_gamma|risk|clk)_'
  AND (p.oid::regprocedure::text, p.prosrc) NOT IN (('migrisk.version()', 'migrisk_version'))
ORDER BY 1::text;

-- The exception names a function that exists (a renamed or dropped
-- function must leave the list).  Expected: one row.
SELECT 'migrisk.version()'::regprocedure AS exception,
       (SELECT prosrc FROM pg_proc WHERE oid = 'migrisk.version()'::regprocedure);

-- Every C function names this library.  Expected: no rows.
SELECT p.oid::regprocedure AS function, p.probin
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_language l ON l.oid = p.prolang
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'migrisk')
  AND l.lanname = 'c'
  AND p.probin <> '$libdir/migrisk'
ORDER BY 1::text;

-- The old symbols, which the install scripts of 0.1.0 and 0.2.0 name,
-- still load (CREATE FUNCTION looks each up) and answer as the new ones.
DO $$
DECLARE
	s text;
BEGIN
	FOREACH s IN ARRAY ARRAY['name_normalize', 'name_phonetic', 'jaro_winkler',
		'damerau_levenshtein', 'damerau_levenshtein_max', 'compare_persons',
		'blocking_keys', 'link_clusters', 'with_plausibility', 'link_em_trans',
		'link_em_combine', 'link_em_final', 'link_u_final', 'link_em_fit',
		'match_weight', 'match_probability', 'place_key', 'return_plausibility',
		'config_changed', 'given_name_equivalents', 'link_em_serial',
		'link_em_deserial', 'version'] LOOP
		EXECUTE format('CREATE FUNCTION pg_temp.%I() RETURNS void AS %L, %L LANGUAGE C',
			'old_' || s, '$libdir/migrisk', 'migrisk_' || s);
	END LOOP;
END
$$;
SELECT count(*) AS old_symbols_loaded FROM pg_proc
WHERE pronamespace = pg_my_temp_schema() AND proname::text LIKE 'old\_%';
CREATE FUNCTION pg_temp.old_name_normalize(text) RETURNS text
AS '$libdir/migrisk', 'migrisk_name_normalize' LANGUAGE C IMMUTABLE STRICT;
CREATE FUNCTION pg_temp.old_damerau_levenshtein(text, text, int) RETURNS int
AS '$libdir/migrisk', 'migrisk_damerau_levenshtein_max' LANGUAGE C IMMUTABLE STRICT;
SELECT pg_temp.old_name_normalize('MA. GPE. de la Cruz') = migrisk.name_normalize('MA. GPE. de la Cruz') AS same_normal_form,
       pg_temp.old_damerau_levenshtein('VELAZQUEZ', 'BELASQUES', 5) AS old_distance,
       migrisk.damerau_levenshtein('VELAZQUEZ', 'BELASQUES', 5) AS new_distance;
