-- jit: the module's functions give the same results when PostgreSQL
-- compiles the expressions and inlines function bodies from migrisk's
-- installed bitcode (jit forced on at every cost).  Inlined code calls the
-- module's own functions by name, so they must stay resolvable.
SET search_path = public, migrisk;
SELECT pg_jit_available() AS jit_available;

SELECT setseed(0.17);
CREATE TABLE jit_rows AS
SELECT i,
       (ARRAY['José', 'JOSE', 'María José', 'Xóchitl', 'Hernández', 'Ernandes', 'Núñez', ''])[1 + i % 8] AS a,
       (ARRAY['Jose Luis', 'Maria', 'Xochitl', 'Fernandez', 'Hernandes', 'Nunez', 'Lopez', 'Ñúñez'])[1 + (i * 7) % 8] AS b,
       risk_flags(ARRAY['held', 'debt', 'docs', 'smuggler', 'freight_train'],
                  ARRAY[CASE WHEN i % 11 = 0 THEN NULL ELSE random() < 0.3 END,
                        random() < 0.2, random() < 0.1,
                        CASE WHEN i % 13 = 0 THEN NULL ELSE random() < 0.4 END,
                        random() < 0.5]) AS f,
       round((random() * 5)::numeric, 3)::float8 AS w,
       route_segment(-94 + random() * 3, 15 + random() * 3, -97 + random() * 3, 17 + random() * 3,
                     (ARRAY['foot', 'bus', 'freight_train'])[1 + i % 3],
                     timestamptz '2024-03-01 00:00+00' + i * interval '1 hour',
                     timestamptz '2024-03-01 00:00+00' + i * interval '1 hour' + random() * interval '3 days') AS s,
       i % 5 AS grp
FROM generate_series(1, 2000) i;

CREATE VIEW jit_scalar AS
SELECT i, jaro_winkler(a, b) AS jw, damerau_levenshtein(a, b) AS dl,
       name_normalize(a) AS nn, name_phonetic(b) AS np,
       (f | risk_flags('{held}'))::text AS f_or, (f - risk_flags('{debt}'))::text AS f_minus,
       f @> risk_flags('{held}') AS f_contains, has_flag(f, 'smuggler') AS smuggler,
       flag_count(f) AS n_flags, to_codes(f) AS codes, risk_score(f) AS score,
       risk_level(f, 'iom_fms_any') AS level, length_m(s) AS len, speed_kmh(s) AS kmh,
       transport_mode(s) AS mode, s::text AS seg
FROM jit_rows;
CREATE VIEW jit_agg AS
SELECT grp, risk_profile(f, w)::text AS profile, risk_profile_state(f, w, 'iom_fms_any')::text AS state,
       journey(s ORDER BY i)::text AS path
FROM jit_rows GROUP BY grp;

-- whether a query was compiled, and with inlining
CREATE FUNCTION pg_temp.jit_info(q text, OUT functions int, OUT inlined boolean)
LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	-- the JIT summary comes with costs only
	EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || q INTO plan;
	functions := (plan -> 0 -> 'JIT' ->> 'Functions')::int;
	inlined := (plan -> 0 -> 'JIT' -> 'Options' ->> 'Inlining')::boolean;
END $$;

SET jit = off;
CREATE TEMP TABLE scalar_off AS SELECT * FROM jit_scalar;
CREATE TEMP TABLE agg_off AS SELECT * FROM jit_agg;

SET jit = on;
SET jit_above_cost = 0;
SET jit_inline_above_cost = 0;
SET jit_optimize_above_cost = 0;
SELECT functions > 0 AS compiled, inlined FROM pg_temp.jit_info('SELECT * FROM jit_scalar');
SELECT functions > 0 AS compiled, inlined FROM pg_temp.jit_info('SELECT * FROM jit_agg');
CREATE TEMP TABLE scalar_on AS SELECT * FROM jit_scalar;
CREATE TEMP TABLE agg_on AS SELECT * FROM jit_agg;
RESET jit_above_cost;
RESET jit_inline_above_cost;
RESET jit_optimize_above_cost;
RESET jit;

-- the same rows, to the bit.  Expected: 2000, 5, then no rows.
SELECT count(*) FROM scalar_on;
SELECT count(*) FROM agg_on;
(SELECT * FROM scalar_on EXCEPT SELECT * FROM scalar_off)
UNION ALL
(SELECT * FROM scalar_off EXCEPT SELECT * FROM scalar_on);
(SELECT * FROM agg_on EXCEPT SELECT * FROM agg_off)
UNION ALL
(SELECT * FROM agg_off EXCEPT SELECT * FROM agg_on);

DROP VIEW jit_scalar, jit_agg;
DROP TABLE jit_rows;
