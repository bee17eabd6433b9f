-- soft_errors: bad input of every migrisk type, through the hard path (a
-- cast, which raises) and the soft one (PostgreSQL 16+: pg_input_is_valid,
-- pg_input_error_info; 17+: COPY ... ON_ERROR ignore), which must report
-- the same SQLSTATE, message, detail and hint without raising.  On 15 the
-- ETL functions is_valid_route_segment / route_segment_error answer alone.
-- The version branches keep one file for every major; the expected
-- outputs are soft_errors.out (15) and soft_errors_1.out (17 and 18 print
-- the same; 16, not tested here, would need its own: no COPY block).
SET search_path = migrisk, public;
SELECT current_setting('server_version_num')::int >= 160000 AS pg16,
       current_setting('server_version_num')::int >= 170000 AS pg17 \gset

-- the hard error a cast raises, NULLs when the text is accepted
CREATE FUNCTION pg_temp.hard(input text, typ text)
RETURNS TABLE (state text, message text, detail text, hint text)
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('SELECT %L::%s', input, typ);
  RETURN NEXT;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                          detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
  detail := nullif(detail, '');
  hint := nullif(hint, '');
  RETURN NEXT;
END $$;

-- good inputs and one bad input of each error kind of each type
CREATE TEMP TABLE soft_case (n int PRIMARY KEY, typ text, kind text, input text);
INSERT INTO soft_case VALUES
  -- route_segment: 22P02, 22003 (range, not finite, double overflow), 22008, 22023
  (1,  'migrisk.route_segment', 'good',   'foot (-92.2667 14.9, -93.9 16.2333) 2024-03-01T06:00:00Z/2024-03-09T18:00:00Z'),
  (2,  'migrisk.route_segment', 'good',   'BUS ( 1 2 , 3 4 ) ?/?'),
  (3,  'migrisk.route_segment', 'syntax', 'foot (0 0, 1 1'),
  (4,  'migrisk.route_segment', 'syntax', ''),
  (5,  'migrisk.route_segment', 'syntax', 'foot (0 0, 1 1) 2024-03-01T06:00:00/?'),
  (6,  'migrisk.route_segment', 'range',  'foot (0 -90.5, 1 1)'),
  (7,  'migrisk.route_segment', 'range',  'foot (NaN 0, 1 1)'),
  (8,  'migrisk.route_segment', 'range',  'foot (1e400 0, 1 1)'),
  (9,  'migrisk.route_segment', 'time',   'foot (0 0, 1 1) 2024-02-30T00:00:00Z/?'),
  (10, 'migrisk.route_segment', 'time',   'foot (0 0, 1 1) 0001-01-01T00:00:00+01:00/?'),
  (11, 'migrisk.route_segment', 'param',  'hovercraft (0 0, 1 1)'),
  (12, 'migrisk.route_segment', 'param',  'foot (0 0, 1 1) 2024-03-02T00:00:00Z/2024-03-01T00:00:00Z'),
  -- journey: its own syntax errors, and each kind of a bad leg
  (20, 'migrisk.journey', 'good',   '[car (0 0, 1 1); bus (1 1, 2 2) 2024-03-01T06:00:00Z/?]'),
  (21, 'migrisk.journey', 'good',   ' [ ] '),
  (22, 'migrisk.journey', 'syntax', 'car (0 0, 1 1)'),
  (23, 'migrisk.journey', 'syntax', '[car (0 0, 1 1) bus (1 1, 2 2)]'),
  (24, 'migrisk.journey', 'syntax', '[car (0 0, 1 1)] x'),
  (25, 'migrisk.journey', 'syntax', '[car (0 0, 1 1); ]'),
  (26, 'migrisk.journey', 'range',  '[car (0 0, 1 1); car (0 0, 1 100)]'),
  (27, 'migrisk.journey', 'time',   '[car (0 0, 1 1) 2024-03-01T24:00:00Z/?]'),
  (28, 'migrisk.journey', 'param',  '[zeppelin (0 0, 1 1)]'),
  -- risk_flags: unknown code, bit out of range, syntax
  (30, 'migrisk.risk_flags', 'good',   '{held,-debt,?docs}'),
  (31, 'migrisk.risk_flags', 'good',   '{#40,?}'),
  (32, 'migrisk.risk_flags', 'code',   '{held,-Nope}'),
  (33, 'migrisk.risk_flags', 'range',  '{#64}'),
  (34, 'migrisk.risk_flags', 'syntax', '{held;debt}'),
  (35, 'migrisk.risk_flags', 'syntax', '{held,-held}'),
  (36, 'migrisk.risk_flags', 'syntax', ''),
  -- risk_state: syntax and consistency
  (40, 'migrisk.risk_state', 'good',   '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0'),
  (41, 'migrisk.risk_state', 'syntax', 'x'),
  (42, 'migrisk.risk_state', 'syntax', '1:0000000000000000:0000000000000000:0:5:0:0:0:0:0:0'),
  (43, 'migrisk.risk_state', 'syntax', '1:00000000000000aa:0000000000000009:1:16777216:16777216:0:0:0:0:0;64:0:0:0:0'),
  -- link_gamma: unknown field, unknown level, duplicate, syntax (two forms)
  (50, 'migrisk.link_gamma', 'good',   'dob=transposed, given=exact'),
  (51, 'migrisk.link_gamma', 'good',   ''),
  (52, 'migrisk.link_gamma', 'field',  'given=exact,name=exact'),
  (53, 'migrisk.link_gamma', 'level',  'dob=swapped'),
  (54, 'migrisk.link_gamma', 'dup',    'sex=equal,sex=different'),
  (55, 'migrisk.link_gamma', 'syntax', 'sex=equal,'),
  (56, 'migrisk.link_gamma', 'syntax', 'sex=equal;dob=exact'),
  -- clk: base64 syntax, length out of range
  (60, 'migrisk.clk', 'good',   'AAECAwQFBgc='),
  (61, 'migrisk.clk', 'syntax', 'AAECAwQFBg!='),
  (62, 'migrisk.clk', 'range',  'AAECAwQF'),
  -- link_em_state: syntax, range, a bad pattern
  (70, 'migrisk.link_em_state', 'good',   'max_iter=1000;tolerance=1e-06;0ff0ffff:1;0ffffff0:2'),
  (71, 'migrisk.link_em_state', 'syntax', 'max_iter=1000'),
  (72, 'migrisk.link_em_state', 'range',  'max_iter=0;tolerance=1e-06'),
  (73, 'migrisk.link_em_state', 'syntax', 'max_iter=1000;tolerance=1e-06;0ffffff0:2;0ff0ffff:1'),
  (74, 'migrisk.link_em_state', 'syntax', 'max_iter=1000;tolerance=1e-06;ffffffff:2'),
  -- risk_design_state: a good state, a bad sampling fraction, syntax (both 22P02)
  (80, 'migrisk.risk_design_state', 'good',   '1:0000000000000000:0000000000000000:0000000000000000:1:0:0:0:0;0:5:0:0:0:0'),
  (81, 'migrisk.risk_design_state', 'fpc',    '1:0000000000000000:0000000000000000:0000000000000000:1:0:0:0:0;0:5:1.5:0:0:0'),
  (82, 'migrisk.risk_design_state', 'syntax', 'x');

-- The hard errors, for reference: each bad input fails with its SQLSTATE,
-- a message quoting the input, a detail and (mostly) a hint.
\pset format unaligned
\pset fieldsep ' | '
SELECT c.n, c.kind, coalesce(h.state, 'accepted') AS state, h.message, h.detail, h.hint
FROM soft_case c, LATERAL pg_temp.hard(c.input, c.typ) h
ORDER BY c.n;
\pset format aligned

-- Every major: the ETL functions agree with the input function: valid
-- exactly when the cast succeeds, the error text is the cast's detail.
SELECT c.n, c.kind, is_valid_route_segment(c.input) AS valid,
       (h.state IS NULL) = is_valid_route_segment(c.input) AS agrees,
       route_segment_error(c.input) IS NOT DISTINCT FROM h.detail AS error_is_detail
FROM soft_case c, LATERAL pg_temp.hard(c.input, c.typ) h
WHERE c.typ = 'migrisk.route_segment'
ORDER BY c.n;

\if :pg16
-- PostgreSQL 16+: the input functions save their errors in the caller's
-- ErrorSaveContext.  pg_input_is_valid and pg_input_error_info answer
-- without raising, with exactly the hard error's fields.
SELECT c.n, c.typ, c.kind,
       pg_input_is_valid(c.input, c.typ) AS valid,
       e.sql_error_code AS state,
       (pg_input_is_valid(c.input, c.typ) = (h.state IS NULL)) AS valid_agrees,
       (e.sql_error_code, e.message, e.detail, e.hint)
         IS NOT DISTINCT FROM (h.state, h.message, h.detail, h.hint) AS same_error
FROM soft_case c, LATERAL pg_temp.hard(c.input, c.typ) h,
     LATERAL pg_input_error_info(c.input, c.typ) e
ORDER BY c.n;
-- the differences, if any (expected: none)
SELECT c.n, e.*, h.*
FROM soft_case c, LATERAL pg_temp.hard(c.input, c.typ) h,
     LATERAL pg_input_error_info(c.input, c.typ) e
WHERE (e.sql_error_code, e.message, e.detail, e.hint)
        IS DISTINCT FROM (h.state, h.message, h.detail, h.hint);
-- one in full
SELECT * FROM pg_input_error_info('foot (0 -90.5, 1 1)', 'migrisk.route_segment');
-- arrays pass an element's soft error on (array_in is soft too)
SELECT sql_error_code, message
FROM pg_input_error_info('{"bus (0 0, 1 1)","bus (0 0, 1 91)"}', 'migrisk.route_segment[]');
SELECT pg_input_is_valid('{"{held}","{?,-debt}"}', 'migrisk.risk_flags[]') AS flags_array_ok,
       pg_input_is_valid('{"{held}","{hel}"}', 'migrisk.risk_flags[]') AS flags_array_bad;
-- a whole statement over good and bad text, none of it raising
SELECT count(*) FILTER (WHERE pg_input_is_valid(input, typ)) AS valid,
       count(*) FILTER (WHERE NOT pg_input_is_valid(input, typ)) AS invalid
FROM soft_case;
-- is_valid_route_segment, pg_input_is_valid and the cast agree on random
-- segments (seeded) and their corruptions
SELECT setseed(0.17);
SELECT count(*) FILTER (WHERE NOT pg_input_is_valid(t, 'migrisk.route_segment')) AS valid_rejected,
       count(*) FILTER (WHERE pg_input_is_valid(t, 'migrisk.route_segment')
                              <> is_valid_route_segment(t)) AS soft_vs_etl,
       count(*) FILTER (WHERE pg_input_is_valid(c, 'migrisk.route_segment')
                              <> is_valid_route_segment(c)) AS soft_vs_etl_corrupt,
       count(*) FILTER (WHERE pg_input_is_valid(c, 'migrisk.route_segment')) AS corrupt_accepted
FROM (SELECT s::text AS t, overlay(s::text placing chr(32 + (random() * 94)::int)
                                   from 1 + (random() * (length(s::text) - 1))::int for 1) AS c
      FROM (SELECT route_segment(random() * 360 - 180, random() * 180 - 90,
                                 random() * 360 - 180, random() * 180 - 90,
                                 (ARRAY['foot', 'bus', 'boat'])[1 + (random() * 2)::int],
                                 '2024-01-01'::timestamptz + random() * interval '300 days', NULL) AS s
            FROM generate_series(1, 2000)) g) x;
\endif

\if :pg17
-- PostgreSQL 17+: COPY ... ON_ERROR ignore skips the rows whose text a
-- migrisk type rejects and keeps the rest; LOG_VERBOSITY verbose names
-- each skipped row by line and column.  The file is written by the
-- server into its data directory (line n of the file is row n).
CREATE TEMP TABLE leg_src (line int, seg text, flags text);
INSERT INTO leg_src VALUES
  (1,  'foot (-92.2667 14.9, -93.9 16.2333) 2024-03-01T06:00:00Z/2024-03-09T18:00:00Z', '{held,debt}'),
  (2,  'bus (0 0, 1 1)', '{nope}'),
  (3,  'foot (0 -90.5, 1 1)', '{}'),
  (4,  'car (1 1, 2 2)', '{held,?}'),
  (5,  'hovercraft (0 0, 1 1)', '{?held}'),
  (6,  'boat (3 3, 4 4) 2024-03-02T00:00:00Z/2024-03-01T00:00:00Z', '{}'),
  (7,  'plane (5 5, 6 6)', '{#64}'),
  (8,  'truck (1 2, 3 4) ?/?', NULL),
  (9,  'foot (0 0, 1 1) 2024-02-30T00:00:00Z/?', '{docs}'),
  (10, 'foot (0 0, 1 1', '{docs}'),
  (11, 'other (7 7, 8 8)', '{-held,?debt}'),
  (12, 'bus (9 9, 10 10)', '{held;debt}');
SELECT current_setting('data_directory') || '/migrisk_soft_errors.copy' AS loadfile \gset
COPY (SELECT line, seg, flags FROM leg_src ORDER BY line) TO :'loadfile';
CREATE TEMP TABLE leg_load (line int, s route_segment, f risk_flags);
-- without ON_ERROR the first bad row stops the load, with the hard error
COPY leg_load FROM :'loadfile';
SELECT count(*) AS loaded_after_stop FROM leg_load;
COPY leg_load FROM :'loadfile' WITH (ON_ERROR ignore, LOG_VERBOSITY verbose);
SELECT line, s, f FROM leg_load ORDER BY line;
-- every good row arrived with its value, and only they (expected: no rows)
SELECT coalesce(src.line, l.line) AS line, src.line IS NOT NULL AS good, l.line IS NOT NULL AS loaded
FROM (SELECT line, seg::route_segment AS s, flags::risk_flags AS f FROM leg_src
      WHERE pg_input_is_valid(seg, 'migrisk.route_segment')
        AND (flags IS NULL OR pg_input_is_valid(flags, 'migrisk.risk_flags'))) src
FULL JOIN leg_load l ON l.line = src.line AND l.s = src.s AND l.f IS NOT DISTINCT FROM src.f
WHERE src.line IS NULL OR l.line IS NULL;
SELECT count(*) AS good_rows FROM leg_load;
\endif
