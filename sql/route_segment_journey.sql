-- journeys: the journey() aggregate, its functions, text and binary I/O.
SET search_path = migrisk, public;
SET TimeZone = 'UTC';
SET IntervalStyle = 'postgres';

-- Three people crossing southern Mexico, one leg per row, out of order.
CREATE TEMP TABLE legs (person text, s route_segment);
INSERT INTO legs VALUES
 ('A', 'freight_train (-93.9 16.23, -95.03 16.56) 2024-03-10T06:00:00Z/2024-03-10T20:00:00Z'),
 ('A', 'foot (-92.26 14.9, -93.9 16.23) 2024-03-01T06:00:00Z/2024-03-09T18:00:00Z'),
 ('A', 'bus (-95.03 16.56, -94.43 18.15) 2024-03-12T08:00:00Z/2024-03-12T13:00:00Z'),
 ('B', 'bus (-92.26 14.9, -93.9 16.23) 2024-04-02T10:00:00Z/?'),
 ('B', NULL),
 ('C', NULL);

SELECT person, journey(s ORDER BY depart(s)) AS j
FROM legs GROUP BY person ORDER BY person;

CREATE TEMP TABLE j AS
SELECT person, journey(s ORDER BY depart(s)) AS j FROM legs GROUP BY person;

-- legs, length (sum of the legs), gaps (leg end to next start), duration
-- (first departure to last arrival); NULL legs are skipped, a journey of
-- only NULL legs is NULL.
SELECT person, legs(j), round(length_m(j)::numeric, 3) AS length_m,
       round(gap_m(j)::numeric, 3) AS gap_m, duration(j)
FROM j ORDER BY person;
-- the same numbers from the legs and from PostGIS: sum of length_m, and
-- the gaps as ST_Distance(geography, geography, true) between end and start
SELECT person,
       abs(length_m(j) - (SELECT sum(length_m(s)) FROM legs l WHERE l.person = j.person)) < 1e-6 AS length_is_sum,
       abs(gap_m(j) - coalesce((SELECT sum(ST_Distance(end_point(a)::geography, start_point(b)::geography, true))
                                FROM (SELECT s AS a, lead(s) OVER (ORDER BY depart(s)) AS b
                                      FROM legs l WHERE l.person = j.person AND s IS NOT NULL) p
                                WHERE b IS NOT NULL), 0)) < 0.001 AS gap_is_postgis
FROM j WHERE j IS NOT NULL ORDER BY person;
-- A's gaps are zero: each leg starts where the previous ended

-- segments() gives the legs back, in order
SELECT person, ord, s FROM j, segments(j) WITH ORDINALITY AS t(s, ord) ORDER BY person, ord;

-- a MULTILINESTRING in SRID 4326, one line per leg
SELECT person, ST_AsText(j::geometry) AS wkt, ST_SRID(j::geometry) AS srid,
       ST_NumGeometries(j::geometry) AS lines
FROM j WHERE j IS NOT NULL ORDER BY person;
SELECT abs(ST_Length(ST_Multi(j::geometry)::geography, true) - length_m(j)) < 0.001 AS same_length
FROM j WHERE person = 'A';

-- order matters: the same legs in another order have other gaps
SELECT round(gap_m(journey(s ORDER BY depart(s) DESC))::numeric, 3) AS gap_reversed
FROM legs WHERE person = 'A';

-- text I/O: round trip, the empty journey, errors
SELECT count(*) FILTER (WHERE j::text::journey::text = j::text) AS text_roundtrips FROM j WHERE j IS NOT NULL;
SELECT '[]'::journey AS empty, legs('[]'), length_m('[]'::journey), gap_m('[]'), duration('[]'::journey),
       ST_AsText(('[]'::journey)::geometry) AS empty_wkt;
SELECT ' [ car (0 0, 1 1) ; boat (1 1, 2 2) ?/? ] '::journey AS spaced;
\set VERBOSITY default
SELECT 'car (0 0, 1 1)'::journey;
SELECT '[car (0 0, 1 1)'::journey;
SELECT '[car (0 0, 1 1); ]'::journey;
SELECT '[car (0 0, 1 1)] x'::journey;
SELECT '[car (0 0, 1 1) bus (1 1, 2 2)]'::journey;
SELECT '[car (0 0, 1 100)]'::journey;
SELECT '[zeppelin (0 0, 1 1)]'::journey;

-- binary COPY round trip
\copy (SELECT person, j FROM j) TO 'results/migrisk_route_segment_journey.bin' WITH (FORMAT binary)
CREATE TEMP TABLE j2 (person text, j journey);
\copy j2 FROM 'results/migrisk_route_segment_journey.bin' WITH (FORMAT binary)
SELECT count(*) AS copied,
       count(*) FILTER (WHERE j2.j::text IS NOT DISTINCT FROM j.j::text) AS identical
FROM j2 JOIN j USING (person);

-- hostile binary input: the leg count must fit the message, every leg is
-- checked like route_segment's binary input
CREATE TEMP TABLE jbad (j journey);
CREATE FUNCTION pg_temp.try_recv(payload bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  f bytea := '\x5047434f50590aff0d0a00'::bytea || '\x00000000'::bytea || '\x00000000'::bytea
             || '\x0001'::bytea || int4send(length(payload)) || payload || '\xffff'::bytea;
  lo oid;
BEGIN
  lo := lo_from_bytea(0, f);
  PERFORM lo_export(lo, current_setting('data_directory') || '/migrisk_route_segment_journey.bad');
  PERFORM lo_unlink(lo);
  EXECUTE format('COPY jbad FROM %L WITH (FORMAT binary)', current_setting('data_directory') || '/migrisk_route_segment_journey.bad');
  RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ' ' || SQLERRM;
END $$;
-- hex: version | leg count | legs (51 bytes each)
SELECT what, pg_temp.try_recv(decode(replace(payload, ' ', ''), 'hex')) AS result FROM (VALUES
  ('one leg',          '01 00000001 010100 3ff0000000000000 4000000000000000 4008000000000000 4010000000000000 0000000000000000 0000000000000000'),
  ('no legs',          '01 00000000'),
  ('version 2',        '02 00000000'),
  ('count too large',  '01 7fffffff 010100 3ff0000000000000 4000000000000000 4008000000000000 4010000000000000 0000000000000000 0000000000000000'),
  ('negative count',   '01 ffffffff'),
  ('count 2, one leg', '01 00000002 010100 3ff0000000000000 4000000000000000 4008000000000000 4010000000000000 0000000000000000 0000000000000000'),
  ('bad leg',          '01 00000001 010100 3ff0000000000000 4060000000000000 4008000000000000 4010000000000000 0000000000000000 0000000000000000')
) v(what, payload);
SELECT j FROM jbad ORDER BY legs(j);

-- a long journey: 10000 legs, each from the previous end, 1 km apart
SELECT legs(jj), round(length_m(jj)::numeric, 3) = round((SELECT sum(length_m(route_segment(0, i / 1000.0, 0, (i + 1) / 1000.0)))
                                                          FROM generate_series(0, 9999) i)::numeric, 3) AS length_ok,
       gap_m(jj) AS gap
FROM (SELECT journey(route_segment(0, i / 1000.0, 0, (i + 1) / 1000.0, 'foot') ORDER BY i) AS jj
      FROM generate_series(0, 9999) i) x;
