-- linkage_gamma: the link_gamma comparison-vector type.
SET search_path = migrisk, public;

-- Storage: four bytes, by value, int4 alignment.
SELECT typlen, typbyval, typalign, typstorage FROM pg_type
WHERE oid = 'migrisk.link_gamma'::regtype;

-- Text form: any subset, any order; the output lists all seven fields.
SELECT 'dob=transposed, given=exact'::link_gamma;
SELECT 'given=exact,surname1=swapped,surname2=missing,dob=transposed,sex=equal,nationality=equal,plausibility=missing'::link_gamma;
SELECT ''::link_gamma AS all_missing;
SELECT 'SEX=Different'::link_gamma AS case_insensitive;

-- Round trip of every level of every field, one field set at a time:
-- text -> link_gamma -> text gives the canonical form back and
-- level()/level_index() read the same level.  Expected: no rows.
SELECT l.field, l.level
FROM link_gamma_levels() l,
     LATERAL (SELECT format('%s=%s', l.field, l.level)::link_gamma AS g) x
WHERE level(x.g, l.field) IS DISTINCT FROM l.level
   OR level_index(x.g, l.field) IS DISTINCT FROM l.level_index
   OR x.g::text::link_gamma <> x.g
   OR x.g::text NOT LIKE '%' || l.field || '=' || l.level || '%';

-- The agreed level table (field order = bit order).
SELECT field_index, field, level_count, string_agg(level, ',' ORDER BY level_index) AS levels
FROM link_gamma_levels() GROUP BY 1, 2, 3 ORDER BY 1;

-- Accessors: a missing field reads as NULL.
SELECT level(g, 'surname1') AS s1, level_index(g, 'surname1') AS s1_idx,
       level(g, 'surname2') AS s2, level_index(g, 'surname2') AS s2_idx,
       level(g, 'DOB') AS dob
FROM (SELECT 'surname1=swapped,dob=within_year'::link_gamma AS g) x;

-- Equality, ordering, hashing: GROUP BY and DISTINCT work (hash and sort).
CREATE TEMP TABLE gammas AS
SELECT g::link_gamma AS g FROM (VALUES
  ('given=exact,sex=equal'), ('sex=equal,given=exact'), ('given=jw92'),
  ('given=jw92'), ('given=jw92'), ('')) v(g);
SET enable_hashagg = on;
SELECT g, count(*) FROM gammas GROUP BY g ORDER BY count(*) DESC, g;
SET enable_hashagg = off;
SELECT g, count(*) FROM gammas GROUP BY g ORDER BY count(*) DESC, g;
RESET enable_hashagg;
SELECT 'given=exact'::link_gamma = 'given=exact'::link_gamma AS eq,
       'given=exact'::link_gamma <> 'given=jw92'::link_gamma AS ne,
       'given=exact'::link_gamma < 'given=jw92'::link_gamma AS lt,
       link_gamma_hash('given=exact') = link_gamma_hash('given=exact,surname1=missing') AS same_hash,
       link_gamma_hash_extended('given=exact', 0) = link_gamma_hash_extended('given=exact', 1) AS seed_changes_hash;
CREATE INDEX ON gammas (g);
CREATE INDEX ON gammas USING hash (g);

-- Binary I/O: send and recv round trip; the wire form is the packed value.
SELECT link_gamma_send('given=exact,surname1=swapped,surname2=missing,dob=transposed,sex=equal,nationality=equal,plausibility=missing');
CREATE TEMP TABLE gamma_copy (g link_gamma);
\copy gammas TO 'results/migrisk_linkage_gamma.bin' WITH (FORMAT binary)
\copy gamma_copy FROM 'results/migrisk_linkage_gamma.bin' WITH (FORMAT binary)
SELECT (SELECT array_agg(g ORDER BY g) FROM gammas) = (SELECT array_agg(g ORDER BY g) FROM gamma_copy) AS binary_copy_roundtrip;

-- Hostile binary input is re-checked: a binary COPY file written by hand
-- holding given = level 5 (undefined), then one with bit 28 set, then a
-- valid one (all missing).
-- written server-side into the cluster's own data directory
SELECT current_setting('data_directory') || '/migrisk_linkage_gamma_hand.bin' AS handfile \gset
CREATE FUNCTION pg_temp.gamma_file(word text) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE o oid;
BEGIN
  o := lo_from_bytea(0,
          '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea   -- header
          || '\x0001'::bytea || '\x00000004'::bytea || decode(word, 'hex')    -- one row
          || '\xffff'::bytea);                                                 -- trailer
  PERFORM lo_export(o, current_setting('data_directory') || '/migrisk_linkage_gamma_hand.bin');
  PERFORM lo_unlink(o);
  RETURN length(word) / 2;
END $$;
SELECT pg_temp.gamma_file('0ffffff5');
COPY gamma_copy FROM :'handfile' WITH (FORMAT binary);
SELECT pg_temp.gamma_file('1fffffff');
COPY gamma_copy FROM :'handfile' WITH (FORMAT binary);
SELECT pg_temp.gamma_file('0fffffff');
COPY gamma_copy FROM :'handfile' WITH (FORMAT binary);
SELECT count(*) FILTER (WHERE g = ''::link_gamma) AS all_missing_rows FROM gamma_copy;

-- Errors: 22P02 naming the bad token, with a hint listing the valid names.
-- pg_temp.err runs a statement and shows SQLSTATE, message, detail, hint.
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text; msg text; det text; hin text;
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
                          det = PG_EXCEPTION_DETAIL, hin = PG_EXCEPTION_HINT;
  RETURN st || ' | ' || msg || ' | ' || coalesce(det, '') || ' | ' || coalesce(hin, '');
END $$;
SELECT pg_temp.err($$SELECT 'given=exact,name=exact'::migrisk.link_gamma$$);
SELECT pg_temp.err($$SELECT 'dob=swapped'::migrisk.link_gamma$$);
SELECT pg_temp.err($$SELECT 'sex=equal,sex=different'::migrisk.link_gamma$$);
SELECT pg_temp.err($$SELECT 'sex=equal,'::migrisk.link_gamma$$);
SELECT pg_temp.err($$SELECT 'sex=equal;dob=exact'::migrisk.link_gamma$$);
SELECT pg_temp.err($$SELECT 'sex = equal dob = exact'::migrisk.link_gamma$$);
SELECT pg_temp.err($$SELECT migrisk.level('given=exact', 'names')$$);
SELECT pg_temp.err($$SELECT migrisk.level_index('given=exact', '')$$);

-- The constructor from level names: named arguments, NULL = missing; it
-- goes through the text input, so bad level names fail the same way.
SELECT link_gamma(given => 'exact', dob => 'transposed', plausibility => 'fits') AS g,
       link_gamma() = ''::link_gamma AS all_missing,
       link_gamma('jw92', 'swapped', 'swapped', 'exact', 'equal', 'different', 'point_only')
         = 'given=jw92,surname1=swapped,surname2=swapped,dob=exact,sex=equal,nationality=different,plausibility=point_only'::link_gamma AS positional;
SELECT pg_temp.err($$SELECT migrisk.link_gamma(sex => 'same')$$);

-- NULL in, NULL out (STRICT).
SELECT level(NULL, 'given') IS NULL AS null_gamma, level('given=exact', NULL) IS NULL AS null_field;
