-- pprl_clk: the clk type (text and binary forms, equality, hashing), Dice
-- similarity, the % operator and blocking keys.  Dice values are checked
-- against popcounts computed independently with bit strings (bit_count).

-- errors as SQLSTATE and message, for the rows of the error tables below
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- the filter's bits as a bit string, decoded by PostgreSQL, not by migrisk
CREATE FUNCTION pg_temp.bits(c migrisk.clk) RETURNS varbit LANGUAGE sql AS $$
	SELECT ('x' || encode(decode(c::text, 'base64'), 'hex'))::varbit
$$;

-- round trips: bytes 0..7 are "AAECAwQFBgc=" in RFC 4648 base64
SELECT 'AAECAwQFBgc='::migrisk.clk AS c,
       migrisk.clk_length('AAECAwQFBgc='),
       migrisk.clk_popcount('AAECAwQFBgc=') AS popcount,
       bit_count(pg_temp.bits('AAECAwQFBgc=')) AS bit_count;
-- whitespace is skipped, as decode() does; encode() breaks lines at 76
SELECT E'  AAEC\nAwQF Bgc=\n'::migrisk.clk::text;
SELECT x::migrisk.clk::text = replace(x, E'\n', '') AS encode_round_trip,
       migrisk.clk_length(x::migrisk.clk)
FROM (SELECT encode(decode(repeat('0123456789abcdef', 16), 'hex'), 'base64') AS x) s;
-- the longest, 8192 bits: 341 quads of zeros and "AA==" (1 byte)
SELECT migrisk.clk_length((repeat('A', 1364) || 'AA==')::migrisk.clk);

-- bad text, each with its SQLSTATE
SELECT left(t, 16) AS t, left(pg_temp.err(format('SELECT %L::migrisk.clk', t)), 64) AS err
FROM (VALUES (''), ('   '), ('AAECAwQFBgc'), ('AAECAwQFBg!='), ('AA=CAwQFBgc='),
             ('AAECAwQFBgd='), ('AAECAwQFBgc=AAAA'), ('AAECAwQF'), ('AAECAw=='),
             (repeat('A', 1368))) v(t);
-- and the full report of one of each kind
SELECT 'AAECAwQFBg!='::migrisk.clk;
SELECT 'AAECAwQF'::migrisk.clk;

-- binary form: version 1, length 64 as int16, the bytes
SELECT migrisk.clk_send('AAECAwQFBgc=');

-- equality and hashing (the operators live in schema migrisk)
SET search_path = migrisk, public;
CREATE TEMP TABLE c (id int, v migrisk.clk);
INSERT INTO c VALUES (1, 'AAECAwQFBgc='), (2, 'AAECAwQFBgc='), (3, 'AAAAAAAAAP8='),
	(4, 'AAAAAAAAAAAAAAAAAAAA/w=='), (5, 'AAAAAAAAAA8=');
SELECT a.id, b.id, a.v = b.v AS eq, a.v <> b.v AS ne
FROM c a, c b WHERE a.id < b.id AND a.id <= 2 ORDER BY 1, 2;
SET enable_sort = off;
SELECT count(*) AS distinct_values FROM (SELECT DISTINCT v FROM c) d;
SELECT v, count(*) FROM c GROUP BY v ORDER BY 2 DESC, 1::text;
RESET enable_sort;
-- a hash join on clk equality
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM c a JOIN c b ON a.v = b.v;
SELECT count(*) FROM c a JOIN c b ON a.v = b.v;
RESET enable_mergejoin;
RESET enable_nestloop;
RESET search_path;

-- Dice by hand: 0xff (8 bits) and 0x0f (4 bits) share 4: 2*4/(8+4) = 2/3
SELECT migrisk.dice('AAAAAAAAAP8=', 'AAAAAAAAAA8='), 2 * 4 / 12.0 AS by_hand;
SELECT migrisk.dice('AAAAAAAAAAA=', 'AAAAAAAAAAA=') AS both_empty,
       migrisk.dice('AAAAAAAAAAA=', 'AAAAAAAAAP8=') AS one_empty,
       migrisk.dice('AAECAwQFBgc=', 'AAECAwQFBgc=') AS same;

-- 200 random 1024-bit filters (from md5): dice against bit_count of the
-- bit strings' AND; expected: no mismatch
CREATE TEMP TABLE r AS
SELECT i, encode(decode(string_agg(md5(i || '/' || j), '' ORDER BY j), 'hex'), 'base64')::migrisk.clk AS v
FROM generate_series(1, 200) i, generate_series(1, 8) j GROUP BY i;
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE abs(migrisk.dice(a.v, b.v) -
           2.0 * bit_count(pg_temp.bits(a.v) & pg_temp.bits(b.v)) /
           (bit_count(pg_temp.bits(a.v)) + bit_count(pg_temp.bits(b.v)))) > 1e-12) AS mismatches,
       count(*) FILTER (WHERE migrisk.clk_popcount(a.v) <> bit_count(pg_temp.bits(a.v))) AS popcount_mismatches
FROM r a JOIN r b ON b.i BETWEEN a.i AND a.i + 9;

-- different lengths: an error, also through the operator
SELECT migrisk.dice('AAECAwQFBgc=', 'AAAAAAAAAAAAAAAAAAAA/w==');
SELECT 'AAECAwQFBgc='::migrisk.clk OPERATOR(migrisk.%) 'AAAAAAAAAAAAAAAAAAAA/w=='::migrisk.clk;

-- the % operator follows migrisk.pprl_threshold (default 0.8)
SHOW migrisk.pprl_threshold;
SET search_path = migrisk, public;
SELECT 'AAAAAAAAAP8='::clk % 'AAAAAAAAAA8='::clk AS at_default;
SET migrisk.pprl_threshold = 0.66;
SELECT 'AAAAAAAAAP8='::clk % 'AAAAAAAAAA8='::clk AS at_066;
SET migrisk.pprl_threshold = 0.67;
SELECT 'AAAAAAAAAP8='::clk % 'AAAAAAAAAA8='::clk AS at_067;
SET migrisk.pprl_threshold = 1.5;
RESET migrisk.pprl_threshold;
-- in a join it agrees with dice >= threshold
SET migrisk.pprl_threshold = 0.55;
SELECT (SELECT count(*) FROM r a JOIN r b ON a.v % b.v AND a.i < b.i) AS by_operator,
       (SELECT count(*) FROM r a JOIN r b ON dice(a.v, b.v) >= 0.55 AND a.i < b.i) AS by_dice;
RESET migrisk.pprl_threshold;
RESET search_path;

-- blocking keys: one per band, (band << 40) | sampled bits
SELECT migrisk.clk_blocking_keys('AAAAAAAAAAA=', 4, 12) AS empty_filter;
SELECT migrisk.clk_blocking_keys('//////////8=', 3, 12) AS full_filter,
       (1::int8 << 40) | 4095 AS band1_all_ones;
SELECT cardinality(migrisk.clk_blocking_keys(v)) AS default_bands,
       (SELECT max(k >> 40) FROM unnest(migrisk.clk_blocking_keys(v)) k) AS last_band,
       (SELECT max(k & ((1::int8 << 40) - 1)) < 4096 FROM unnest(migrisk.clk_blocking_keys(v)) k) AS twelve_bits
FROM r WHERE i = 1;
-- equal filters, equal keys; keys depend on the filter
SELECT count(DISTINCT migrisk.clk_blocking_keys(v)) AS distinct_key_sets FROM r;
SELECT t, pg_temp.err(format('SELECT migrisk.clk_blocking_keys(%L, %s, %s)', 'AAECAwQFBgc=', b, p))
FROM (VALUES ('zero bands', 0, 12), ('65 bands', 65, 12), ('0 bits', 4, 0), ('33 bits', 4, 33),
             ('64 bands of 32 bits', 64, 32)) v(t, b, p);
SELECT migrisk.clk_blocking_keys('AAECAwQFBgc=', 0, 12);
