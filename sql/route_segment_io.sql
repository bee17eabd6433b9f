-- route_segment: text and binary I/O, validation for ETL, comparison.
SET search_path = migrisk, public;
SET IntervalStyle = 'postgres';

-- The text form: MODE (LON LAT, LON LAT) DEPART/ARRIVE, times in UTC.
SELECT 'foot (-92.2667 14.9, -93.9 16.2333) 2024-03-01T06:00:00Z/2024-03-09T18:00:00Z'::route_segment AS full;
-- times may be unknown (?), or left out when both are; modes in any case;
-- offsets are converted to UTC, fractions trimmed, floats written shortest
SELECT s::route_segment AS canonical FROM (VALUES
  ('FREIGHT_TRAIN(-93.9 16.2333,-95.0333 16.5667)'),
  ('bus (-95.0333 16.5667, -94.4333 18.15) ?/?'),
  ('bus (-95.0333 16.5667, -94.4333 18.15) ?/2024-03-12T08:00:00-06:00'),
  ('car (0.1 +0.2, 1e2 -9E1) 2024-03-01T00:00:00.500000+05:30/?'),
  ('  boat   (  -0  -0.0 ,  180  90 )   2000-01-01t00:00z / 2000-01-01T00:00:00.000001Z  '),
  ('plane (-180 -90, 179.99999999999997 0.1) 0001-01-01T00:00:00Z/9999-12-31T23:59:59.999999Z')
) v(s);

-- Output does not depend on DateStyle, TimeZone or extra_float_digits.
SET DateStyle = 'SQL, DMY';
SET TimeZone = 'America/Mexico_City';
SET extra_float_digits = -15;
SELECT 'truck (-92.2667 14.9, 0.30000000000000004 1e-300) 2024-03-01T06:00:00Z/?'::route_segment AS settings_ignored;
RESET DateStyle;
RESET TimeZone;
RESET extra_float_digits;

-- Round trips, bit for bit: random values (seeded) through text and back.
SELECT setseed(0.42);
CREATE TEMP TABLE rs AS
SELECT route_segment(random() * 360 - 180, random() * 180 - 90,
                     random() * 360 - 180, random() * 180 - 90,
                     (ARRAY['foot','bus','car','truck','freight_train','boat','plane','other','unknown'])[1 + (i % 9)],
                     CASE WHEN i % 5 <> 0 THEN t END,
                     CASE WHEN i % 7 <> 0 THEN t + random() * interval '30 days' END) AS s
FROM (SELECT i, timestamptz '1900-01-01 00:00:00+00' + random() * interval '200 years' AS t
      FROM generate_series(1, 5000) i) g;
SELECT count(*) AS values,
       count(*) FILTER (WHERE s::text::route_segment = s) AS text_roundtrips,
       count(*) FILTER (WHERE route_segment_send(s) = route_segment_send(s::text::route_segment)) AS same_bytes,
       count(*) FILTER (WHERE depart(s) IS NULL) AS unknown_depart,
       count(*) FILTER (WHERE arrive(s) IS NULL) AS unknown_arrive
FROM rs;
-- and the accessors give back what the constructor took
SELECT count(*) FILTER (WHERE route_segment(from_lon(s), from_lat(s), to_lon(s), to_lat(s),
                                            transport_mode(s), depart(s), arrive(s)) <> s) AS mismatches
FROM rs;
-- the text of times agrees with PostgreSQL's own reading of them
SELECT count(*) FILTER (WHERE depart(s) <> split_part(split_part(s::text, ') ', 2), '/', 1)::timestamptz) AS depart_mismatch
FROM rs WHERE depart(s) IS NOT NULL;

-- Binary COPY round trip through a file (client-side \copy into results/).
\copy (SELECT s FROM rs) TO 'results/migrisk_route_segment_io.bin' WITH (FORMAT binary)
CREATE TEMP TABLE rs2 (s route_segment);
\copy rs2 FROM 'results/migrisk_route_segment_io.bin' WITH (FORMAT binary)
SELECT (SELECT count(*) FROM rs2) AS copied,
       (SELECT count(*) FROM (SELECT s FROM rs EXCEPT ALL SELECT s FROM rs2) d) AS missing,
       (SELECT count(*) FROM (SELECT s FROM rs2 EXCEPT ALL SELECT s FROM rs) d) AS extra;
-- the wire format: version 1, mode, flags, 4 float8, 2 int64
SELECT route_segment_send('bus (1 2, 3 4) 2000-01-01T00:00:00Z/?') AS wire;
SELECT length(route_segment_send(s)) AS wire_bytes FROM rs LIMIT 1;

-- Binary input is hostile input: every check of text input applies.  Each
-- payload is fed to COPY FROM in a binary COPY file written with lo_export.
CREATE TEMP TABLE bad (s route_segment);
CREATE FUNCTION pg_temp.try_recv(payload bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  -- signature, flags, header extension length, one tuple of one field, trailer
  f bytea := '\x5047434f50590aff0d0a00'::bytea || '\x00000000'::bytea || '\x00000000'::bytea
             || '\x0001'::bytea || int4send(length(payload)) || payload || '\xffff'::bytea;
  lo oid;
BEGIN
  lo := lo_from_bytea(0, f);
  PERFORM lo_export(lo, current_setting('data_directory') || '/migrisk_route_segment_io.bad');
  PERFORM lo_unlink(lo);
  EXECUTE format('COPY bad FROM %L WITH (FORMAT binary)', current_setting('data_directory') || '/migrisk_route_segment_io.bad');
  RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ' ' || SQLERRM;
END $$;
-- hex: version, mode, flags | from lon | from lat | to lon | to lat | depart | arrive
SELECT what, pg_temp.try_recv(decode(replace(payload, ' ', ''), 'hex')) AS result FROM (VALUES
  ('valid',              '010100 3ff0000000000000 4000000000000000 4008000000000000 4010000000000000 0000000000000000 0000000000000000'),
  ('version 2',          '020100 3ff0000000000000 4000000000000000 4008000000000000 4010000000000000 0000000000000000 0000000000000000'),
  ('mode 9',             '010900 3ff0000000000000 4000000000000000 4008000000000000 4010000000000000 0000000000000000 0000000000000000'),
  ('flags 0x04',         '010104 3ff0000000000000 4000000000000000 4008000000000000 4010000000000000 0000000000000000 0000000000000000'),
  ('NaN longitude',      '010100 7ff8000000000000 4000000000000000 4008000000000000 4010000000000000 0000000000000000 0000000000000000'),
  ('latitude 91',        '010100 3ff0000000000000 4056c00000000000 4008000000000000 4010000000000000 0000000000000000 0000000000000000'),
  ('unknown time not 0', '010100 3ff0000000000000 4000000000000000 4008000000000000 4010000000000000 0000000000000001 0000000000000000'),
  ('arrive < depart',    '010103 3ff0000000000000 4000000000000000 4008000000000000 4010000000000000 0000000000000002 0000000000000001'),
  ('time -infinity',     '010101 3ff0000000000000 4000000000000000 4008000000000000 4010000000000000 8000000000000000 0000000000000000'),
  ('year 10000',         '010101 3ff0000000000000 4000000000000000 4008000000000000 4010000000000000 0381000000000000 0000000000000000'),
  ('short by a byte',    '010100 3ff0000000000000 4000000000000000 4008000000000000 4010000000000000 0000000000000000 00000000000000'),
  ('a byte too many',    '010100 3ff0000000000000 4000000000000000 4008000000000000 4010000000000000 0000000000000000 000000000000000000'),
  ('empty',              ''),
  ('negative zero',      '010100 8000000000000000 4000000000000000 4008000000000000 4010000000000000 0000000000000000 0000000000000000')
) v(what, payload);
-- two rows were accepted: the valid one and -0 (stored as 0)
SELECT s, route_segment_send(s) = route_segment_send('bus (0 2, 3 4)') AS zero_is_plus_zero FROM bad ORDER BY s;

-- Every error path of text input and of the constructor: SQLSTATE, the
-- message quoting the input, the detail and the hint.
CREATE FUNCTION pg_temp.err(q text) RETURNS TABLE (state text, message text, detail text, hint text)
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  state := 'no error';
  RETURN NEXT;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                          detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
  RETURN NEXT;
END $$;
\pset format unaligned
\pset fieldsep ' | '
SELECT e.*
FROM (VALUES
  -- 22P02 malformed
  (1, ''), (2, '(0 0, 1 1)'), (3, 'foot 0 0, 1 1'), (4, 'foot (0,0, 1 1)'), (5, 'foot (0 0 1 1)'),
  (6, 'foot (0 0, 1 1'), (7, 'foot (0 0, 1 1) trailing'), (8, 'foot (0 0, 1 1)) '),
  (9, 'foot (x 0, 1 1)'), (10, 'foot (0x10 0, 1 1)'), (11, 'foot (1e 0, 1 1)'), (12, 'foot (1.2.3 0, 1 1)'),
  (13, 'foot (0 0, 1 1) 2024-03-01T06:00:00Z'), (14, 'foot (0 0, 1 1) 2024-03-01T06:00:00Z/'),
  (15, 'foot (0 0, 1 1) 2024-03-01/?'), (16, 'foot (0 0, 1 1) 2024-03-01T06:00:00/?'),
  (17, 'foot (0 0, 1 1) 2024-03-01T06:00:00.1234567Z/?'), (18, 'foot (0 0, 1 1) 2024-03-01T06:00:00+1/?'),
  -- 22003 out of range
  (20, 'foot (180.000001 0, 1 1)'), (21, 'foot (0 -90.5, 1 1)'), (22, 'foot (0 0, -181 1)'),
  (23, 'foot (0 0, 1 91)'), (24, 'foot (NaN 0, 1 1)'), (25, 'foot (0 -Infinity, 1 1)'),
  (26, 'foot (1e400 0, 1 1)'), (27, 'foot (0 1e-400, 1 1)'),
  -- 22008 time field out of range
  (30, 'foot (0 0, 1 1) 2024-02-30T00:00:00Z/?'), (31, 'foot (0 0, 1 1) 2024-03-01T24:00:00Z/?'),
  (32, 'foot (0 0, 1 1) 0001-01-01T00:00:00+01:00/?'), (33, 'foot (0 0, 1 1) ?/2024-03-01T00:00:00+16:00'),
  -- 22023 invalid parameter
  (40, 'hovercraft (0 0, 1 1)'), (41, 'foot (0 0, 1 1) 2024-03-02T00:00:00Z/2024-03-01T00:00:00Z')
) v(n, input), LATERAL pg_temp.err(format('SELECT %L::migrisk.route_segment', input)) e
ORDER BY n;
SELECT e.*
FROM (VALUES
  (1, 'SELECT migrisk.route_segment(200, 0, 0, 0)'),
  (2, 'SELECT migrisk.route_segment(0, ''NaN'', 0, 0)'),
  (3, 'SELECT migrisk.route_segment(0, 0, ''-Infinity'', 0)'),
  (4, 'SELECT migrisk.route_segment(0, 0, 0, 0, ''zeppelin'')'),
  (5, 'SELECT migrisk.route_segment(0, 0, 0, 0, ''bus'', ''infinity'', NULL)'),
  (6, 'SELECT migrisk.route_segment(0, 0, 0, 0, ''bus'', NULL, ''-infinity'')'),
  (7, 'SELECT migrisk.route_segment(0, 0, 0, 0, ''bus'', ''2024-03-02'', ''2024-03-01'')'),
  (8, 'SELECT migrisk.route_segment(0, 0, 0, 0, ''bus'', ''10000-01-01'', NULL)')
) v(n, q), LATERAL pg_temp.err(q) e
ORDER BY n;
\pset format aligned
-- and in psql's usual form
SELECT 'foot (-92.2667 14.9, -93.9 16.2333 2024-03-01T06:00:00Z/?'::route_segment;
-- NULL coordinates give NULL; a NULL mode is unknown
SELECT route_segment(NULL, 0, 0, 0) IS NULL AS null_in_null_out,
       transport_mode(route_segment(0, 0, 0, 0, NULL)) AS null_mode;

-- ETL: find the bad rows without aborting the load.
SELECT line, is_valid_route_segment(line) AS ok, route_segment_error(line) AS error
FROM (VALUES ('foot (-92.2667 14.9, -93.9 16.2333) 2024-03-01T06:00:00Z/?'),
             ('foot (-92.2667 14.9 -93.9 16.2333)'),
             ('foot (14.9 -92.2667, 16.2333 -93.9)'),
             ('bicycle (0 0, 1 1)'),
             ('bus (0 0, 1 1) 2024-03-02T00:00:00Z/2024-03-01T00:00:00Z'),
             ('bus (0 0, 1 1) 2024-13-01T00:00:00Z/?')) v(line);
-- is_valid agrees with the input function on the random set and its corruptions
SELECT count(*) FILTER (WHERE NOT is_valid_route_segment(s::text)) AS valid_rejected,
       count(*) FILTER (WHERE is_valid_route_segment(replace(s::text, ',', ';'))) AS corrupt_accepted
FROM rs;

-- Equality, order, hashing: DISTINCT, GROUP BY, UNION, unique and hash
-- indexes, hash joins.
SELECT 'bus (1 2, 3 4)'::route_segment = 'BUS ( 1 2 , 3 4 ) ?/?' AS eq,
       'bus (1 2, 3 4)'::route_segment <> 'car (1 2, 3 4)' AS ne_mode,
       'bus (1 2, 3 4)'::route_segment < 'bus (1 2, 3 4) 2000-01-01T00:00:00Z/?' AS unknown_first,
       'bus (-0 2, 3 4)'::route_segment = 'bus (0 2, 3 4)' AS zero_eq;
SELECT count(*) AS n, count(DISTINCT s) AS distinct_n FROM (SELECT s FROM rs UNION ALL SELECT s FROM rs) d;
SELECT count(*) AS union_n FROM (SELECT s FROM rs UNION SELECT s FROM rs) u;
CREATE UNIQUE INDEX rs_unique ON rs (s);
INSERT INTO rs SELECT s FROM rs LIMIT 1;
CREATE INDEX rs_hash ON rs USING hash (s);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM rs WHERE s = 'bus (1 2, 3 4)';
SELECT count(*) AS found_by_index FROM rs r WHERE s = (SELECT s FROM rs2 OFFSET 17 LIMIT 1);
RESET enable_seqscan;
RESET enable_bitmapscan;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM rs JOIN rs2 USING (s);
SELECT count(*) AS hash_joined FROM rs JOIN rs2 USING (s);
RESET enable_mergejoin;
RESET enable_nestloop;
-- the btree order agrees with ORDER BY on the fields
SELECT count(*) AS order_mismatches FROM (
  SELECT s, row_number() OVER (ORDER BY s) AS a,
         row_number() OVER (ORDER BY from_lon(s), from_lat(s), to_lon(s), to_lat(s),
                                     depart(s) NULLS FIRST, arrive(s) NULLS FIRST) AS b
  FROM rs) o WHERE a <> b;
