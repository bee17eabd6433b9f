-- pprl_key: keys (set, replace, drop, privileges), clk_encode and
-- clk_encode_spec.  Bit positions are checked against pgcrypto's hmac():
-- with 64 bits and k = 1 a token sets bit (last byte of the first 8 bytes
-- of HMAC-SHA256(field key, token)) mod 64, the field key being
-- HMAC-SHA256(secret, 'migrisk clk v1 field <n>').

CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
CREATE FUNCTION pg_temp.bits(c migrisk.clk) RETURNS varbit LANGUAGE sql AS $$
	SELECT ('x' || encode(decode(c::text, 'base64'), 'hex'))::varbit
$$;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- the key table is closed to PUBLIC
SELECT has_table_privilege('public', 'migrisk.pprl_key', 'SELECT') AS public_can_read,
       has_table_privilege('public', 'migrisk.pprl_key', 'INSERT') AS public_can_write;

SELECT migrisk.pprl_set_key('regress', 'correct horse battery staple');
SELECT name, octet_length(secret) FROM migrisk.pprl_key ORDER BY name;

-- HMAC positions computed by pgcrypto: "a" and "b" in two text fields,
-- tokens " A", "A " in field 1 and " B", "B " in field 2, k = 1
WITH fk AS (
	SELECT n, hmac(convert_to('migrisk clk v1 field ' || n, 'UTF8'),
	               convert_to('correct horse battery staple', 'UTF8'), 'sha256') AS k
	FROM generate_series(1, 2) n),
tokens(n, tok) AS (VALUES (1, 'B A'), (1, 'BA '), (2, 'B B'), (2, 'BB ')),
pos AS (SELECT n, tok, get_byte(hmac(convert_to(tok, 'UTF8'), k, 'sha256'), 7) & 63 AS p
        FROM tokens JOIN fk USING (n))
SELECT (SELECT string_agg(format('%s:%s->%s', n, tok, p), ' ' ORDER BY n, tok) FROM pos) AS positions,
       pg_temp.bits(migrisk.clk_encode_spec('regress', 'bits=64, text:1, text:1', 'a', 'b')) AS encoded,
       pg_temp.bits(migrisk.clk_encode_spec('regress', 'bits=64, text:1, text:1', 'a', 'b')) =
       (SELECT bit_or(set_bit(repeat('0', 64)::bit(64), p, 1)) FROM pos) AS matches_pgcrypto;

-- dates: positional digits "D" || position || digit
WITH fk AS (
	SELECT hmac(convert_to('migrisk clk v1 field 1', 'UTF8'),
	            convert_to('correct horse battery staple', 'UTF8'), 'sha256') AS k),
pos AS (SELECT get_byte(hmac(convert_to('D' || i || substr('19900715', i + 1, 1), 'UTF8'), k, 'sha256'), 7) & 63 AS p
        FROM fk, generate_series(0, 7) i)
SELECT pg_temp.bits(migrisk.clk_encode_spec('regress', 'bits=64, date:1', '1990-07-15')) =
       (SELECT bit_or(set_bit(repeat('0', 64)::bit(64), p, 1)) FROM pos) AS date_matches_pgcrypto,
       migrisk.clk_encode_spec('regress', 'bits=64, date:1', '1990-07-15') OPERATOR(migrisk.=)
       migrisk.clk_encode_spec('regress', 'bits=64, date:1', '19900715') AS separators_do_not_matter;

-- digits: positional characters "P" || position || character; a field's
-- budget "/B" spreads B hashes over its tokens ("ANA": 4 bigrams, 200/4 = 50)
WITH fk AS (
	SELECT hmac(convert_to('migrisk clk v1 field 1', 'UTF8'),
	            convert_to('correct horse battery staple', 'UTF8'), 'sha256') AS k),
pos AS (SELECT get_byte(hmac(convert_to('P' || i || substr('4223', i + 1, 1), 'UTF8'), k, 'sha256'), 7) & 63 AS p
        FROM fk, generate_series(0, 3) i)
SELECT pg_temp.bits(migrisk.clk_encode_spec('regress', 'bits=64, digits:1', '4223')) =
       (SELECT bit_or(set_bit(repeat('0', 64)::bit(64), p, 1)) FROM pos) AS digits_match_pgcrypto,
       migrisk.clk_encode_spec('regress', 'name/200', 'Ana') OPERATOR(migrisk.=)
       migrisk.clk_encode_spec('regress', 'name:50', 'Ana') AS budget_200_is_k50,
       migrisk.clk_encode_spec('regress', 'name/200', 'Ana') OPERATOR(migrisk.=)
       migrisk.clk_encode_spec('regress', 'name:49', 'Ana') AS not_k49;

-- given: the name normalised, then each word read through the nickname
-- table (given_name_equivalents), as the plain comparison reads given
-- names; a word not in the table stays; a budget counts the name's tokens
SELECT migrisk.clk_encode_spec('regress', 'given:20', 'Pancho') OPERATOR(migrisk.=)
       migrisk.clk_encode_spec('regress', 'name:20', 'Francisco') AS nickname_is_the_name,
       migrisk.clk_encode_spec('regress', 'given:20', 'Pancho') OPERATOR(migrisk.=)
       migrisk.clk_encode_spec('regress', 'name:20', 'Pancho') AS name_kind_same,
       migrisk.clk_encode_spec('regress', 'given:20', 'Ma. Lupe del Carmen') OPERATOR(migrisk.=)
       migrisk.clk_encode_spec('regress', 'text:20', (SELECT string_agg(coalesce(e.name, w), ' ' ORDER BY o)
			FROM unnest(string_to_array(migrisk.name_normalize('Ma. Lupe del Carmen'), ' ')) WITH ORDINALITY AS u(w, o)
			LEFT JOIN LATERAL (SELECT min(q.name) AS name FROM migrisk.given_name_equivalents() q WHERE q.variant = u.w) e ON true)) AS words_through_the_table,
       migrisk.clk_encode_spec('regress', 'given/200', 'Lupe') OPERATOR(migrisk.=)
       migrisk.clk_encode_spec('regress', 'name/200', 'Guadalupe') AS budget_over_the_name;
SELECT (SELECT name FROM migrisk.given_name_equivalents() WHERE variant = 'LUPE' LIMIT 1) AS lupe,
       migrisk.name_normalize('Ma. Lupe del Carmen') AS normalised;
SELECT pg_temp.err($$SELECT migrisk.clk_encode_spec('regress', 'givn', 'Ana')$$) AS unknown_kind;

-- the default: 1024 bits, each field auto (a date if it is one, else a
-- name), k = round(1024 ln 2 / (8 n)) = 89 for one field, 22 for four
SET search_path = migrisk, public;
SELECT clk_length(clk_encode('regress', 'Garcia')) AS bits,
       clk_encode('regress', 'Garcia') = clk_encode_spec('regress', 'name:89', 'GARCIA') AS name_k89,
       clk_encode('regress', '1990-07-15') = clk_encode_spec('regress', 'date:89', '1990-07-15') AS date_k89,
       clk_encode('regress', 'Jose', 'Garcia', 'Lopez', '1990-07-15') =
       clk_encode_spec('regress', 'name:22, name:22, name:22, date:22', 'Jose', 'Garcia', 'Lopez', '1990-07-15') AS four_k22;
-- names go through the linkage core's name_normalize (case, blanks,
-- accents, particles), exactly as the plain linkage compares them; text
-- fields only fold ASCII case and blanks; a missing field adds nothing
SELECT clk_encode('regress', 'garcia') = clk_encode('regress', '  GARCIA ') AS folded,
       clk_encode('regress', 'García') = clk_encode('regress', 'GARCIA') AS accents,
       clk_encode('regress', 'de la Cruz') = clk_encode('regress', 'CRUZ') AS particles,
       clk_encode('regress', 'Núñez') = clk_encode_spec('regress', 'name:89', name_normalize('Núñez')) AS same_as_name_normalize,
       clk_encode_spec('regress', 'text', 'García') = clk_encode_spec('regress', 'text', 'GARCIA') AS text_keeps_accents,
       clk_encode('regress', 'Ana', NULL) = clk_encode('regress', 'Ana', '') AS null_is_empty,
       clk_popcount(clk_encode('regress', NULL, NULL)) AS all_missing;
-- a typical record sets about 40% of 1024 bits (26 tokens x 22 hashes:
-- 1 - exp(-572/1024) = 0.43 expected); one typo keeps Dice high, another
-- person does not
SELECT clk_popcount(clk_encode('regress', 'Jose', 'Garcia', 'Lopez', '1990-07-15')) BETWEEN 360 AND 520 AS about_forty_percent,
       dice(clk_encode('regress', 'Jose', 'Garcia', 'Lopez', '1990-07-15'),
            clk_encode('regress', 'Jose', 'Garsia', 'Lopez', '1990-07-15')) > 0.85 AS typo_close,
       dice(clk_encode('regress', 'Jose', 'Garcia', 'Lopez', '1990-07-15'),
            clk_encode('regress', 'Maria', 'Perez', 'Cruz', '1985-02-03')) < 0.6 AS other_far;
-- the same value in two field positions is hashed under two keys
-- (independent filters of density p = 1 - exp(-7 * 44 / 1024) = 0.26 have
-- an expected Dice of about p; the same key would give 1)
SELECT dice(clk_encode('regress', 'Garcia', ''), clk_encode('regress', '', 'Garcia')) < 0.5 AS field_keys_differ;

-- bad input
SELECT clk_encode('nokey', 'Garcia');
SELECT clk_encode('regress', VARIADIC ARRAY[]::text[]);
SELECT clk_encode('regress');
SELECT clk_encode_spec('regress', 'name, surname', 'a', 'b');
SELECT clk_encode_spec('regress', 'bits=1000, name', 'a');
SELECT clk_encode_spec('regress', 'name, name', 'a');
SELECT clk_encode_spec('regress', 'name, date', 'Garcia', '1990-02-30');
SELECT t, pg_temp.err(q) FROM (VALUES
	('unknown key', $$SELECT migrisk.clk_encode('nokey', 'a')$$),
	('no field', $$SELECT migrisk.clk_encode('regress', VARIADIC ARRAY[]::text[])$$),
	('65 fields', $$SELECT migrisk.clk_encode('regress', VARIADIC array_fill('a'::text, ARRAY[65]))$$),
	('spec syntax', $$SELECT migrisk.clk_encode_spec('regress', 'name:x', 'a')$$),
	('spec k range', $$SELECT migrisk.clk_encode_spec('regress', 'name:300', 'a')$$),
	('spec budget range', $$SELECT migrisk.clk_encode_spec('regress', 'name/5000', 'a')$$),
	('spec k and budget', $$SELECT migrisk.clk_encode_spec('regress', 'name:3/200', 'a')$$),
	('spec count', $$SELECT migrisk.clk_encode_spec('regress', 'name', 'a', 'b')$$),
	('not a date', $$SELECT migrisk.clk_encode_spec('regress', 'date', 'Garcia')$$),
	('64 fields', $$SELECT migrisk.clk_length(migrisk.clk_encode('regress', VARIADIC array_fill('a'::text, ARRAY[64])))$$)
) v(t, q);

-- two keys in one query: the cached key follows the key name
SELECT migrisk.pprl_set_key('regress2', 'another secret, long enough');
SELECT k, migrisk.dice(migrisk.clk_encode(k, 'Garcia'), migrisk.clk_encode('regress', 'Garcia')) = 1 AS same_as_regress
FROM (VALUES ('regress'), ('regress2'), ('regress')) v(k);

-- keys: set twice is an error unless replace => true
SELECT migrisk.pprl_set_key('regress2', 'another secret, long enough');
CREATE TEMP TABLE before AS SELECT migrisk.clk_encode('regress2', 'Garcia') AS c;
SELECT migrisk.pprl_set_key('regress2', 'a replacement secret, long enough', replace => true);
SELECT c OPERATOR(migrisk.=) migrisk.clk_encode('regress2', 'Garcia') AS unchanged_after_replace FROM before;
SELECT migrisk.pprl_set_key('regress3', 'replace also creates a key', true);
SELECT migrisk.pprl_set_key('regress4', 'short secret');
SELECT migrisk.pprl_set_key('', 'long enough secret value');
SELECT migrisk.pprl_set_key('regress4', NULL);
SELECT migrisk.pprl_drop_key('regress3') AS dropped, migrisk.pprl_drop_key('regress3') AS dropped_again;
SELECT name FROM migrisk.pprl_key ORDER BY name;
RESET search_path;

-- no secret in any error message, detail, hint or context
DO $$
DECLARE
	q text;
	m text; d text; h text; c text;
	leaks int := 0;
BEGIN
	FOREACH q IN ARRAY ARRAY[
		$q$SELECT migrisk.pprl_set_key('regress', 'correct horse battery staple')$q$,
		$q$SELECT migrisk.pprl_set_key('regress5', 'horse battery')$q$,
		$q$SELECT migrisk.clk_encode_spec('regress', 'date', 'correct horse battery staple')$q$,
		$q$SELECT migrisk.clk_encode('regress', VARIADIC ARRAY[]::text[])$q$]
	LOOP
		BEGIN
			EXECUTE q;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS m = MESSAGE_TEXT, d = PG_EXCEPTION_DETAIL,
				h = PG_EXCEPTION_HINT, c = PG_EXCEPTION_CONTEXT;
			-- the context quotes this block's own EXECUTE of q: drop that
			IF strpos(concat(m, d, h, replace(c, q, '')), 'horse') > 0 THEN
				leaks := leaks + 1;
			END IF;
		END;
	END LOOP;
	RAISE NOTICE 'errors quoting a secret or a field value: %', leaks;
END $$;

-- privileges: a role without SELECT on the key table cannot read keys or
-- encode; with SELECT granted it encodes exactly as the owner does, and
-- still cannot set keys
CREATE ROLE regress_pprl_nokey;
CREATE ROLE regress_pprl_encoder;
GRANT USAGE ON SCHEMA migrisk TO regress_pprl_nokey, regress_pprl_encoder;
GRANT SELECT ON migrisk.pprl_key TO regress_pprl_encoder;
CREATE TEMP TABLE owner_enc AS SELECT migrisk.clk_encode('regress', 'Garcia') AS c;
GRANT SELECT ON owner_enc TO regress_pprl_encoder;
SET ROLE regress_pprl_nokey;
SELECT count(*) FROM migrisk.pprl_key;
SELECT migrisk.clk_encode('regress', 'Garcia');
SELECT migrisk.pprl_set_key('regress9', 'correct horse battery staple');
RESET ROLE;
SET ROLE regress_pprl_encoder;
SELECT migrisk.clk_encode('regress', 'Garcia') OPERATOR(migrisk.=) c AS same_as_owner FROM owner_enc;
SELECT migrisk.pprl_set_key('regress9', 'correct horse battery staple');
RESET ROLE;
DROP TABLE owner_enc;
REVOKE ALL ON migrisk.pprl_key FROM regress_pprl_encoder;
REVOKE ALL ON SCHEMA migrisk FROM regress_pprl_nokey, regress_pprl_encoder;
DROP ROLE regress_pprl_nokey;
DROP ROLE regress_pprl_encoder;
-- in parallel workers (PARALLEL SAFE: each worker reads the key with the
-- same user) the encodings are the ones a single backend makes
CREATE TABLE pprl_par AS SELECT g AS id, 'N' || g AS given, 'S' || (g % 97) AS surname FROM generate_series(1, 2000) g;
SET max_parallel_workers_per_gather = 0;
SELECT sum(hashtext(migrisk.clk_encode('regress', given, surname)::text)::int8) AS serial_sum FROM pprl_par \gset
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
-- the encodings are computed below the Gather, in the workers
EXPLAIN (COSTS OFF)
SELECT sum(hashtext(migrisk.clk_encode('regress', given, surname)::text)::int8) FROM pprl_par;
SELECT sum(hashtext(migrisk.clk_encode('regress', given, surname)::text)::int8) = :serial_sum
	AS parallel_equals_serial
FROM pprl_par;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
DROP TABLE pprl_par;

DROP EXTENSION pgcrypto;
