-- FEBRL 4 (data/febrl4/): 5,000 original records and one duplicate of each,
-- written by the Febrl generator with its own error model (typos, OCR and
-- phonetic errors, missing values); migrisk did not write them.  The true
-- pairs are rec-N-org / rec-N-dup-0.  Run by bench_linkage_febrl.sh with
-- -v dir=data/febrl4.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE TEMP TABLE raw (file text, rec_id text, given_name text, surname text, street_number text,
	address_1 text, address_2 text, suburb text, postcode text, state text, date_of_birth text, soc_sec_id text);
\set a 'zcat ' :dir '/dataset4a.csv.gz'
\set b 'zcat ' :dir '/dataset4b.csv.gz'
CREATE TEMP TABLE raw1 (LIKE raw);
ALTER TABLE raw1 DROP COLUMN file;
COPY raw1 FROM PROGRAM :'a' WITH (FORMAT csv, HEADER);
INSERT INTO raw SELECT 'a', * FROM raw1;
TRUNCATE raw1;
COPY raw1 FROM PROGRAM :'b' WITH (FORMAT csv, HEADER);
INSERT INTO raw SELECT 'b', * FROM raw1;

-- the published layout pads each field with a blank after the comma
CREATE FUNCTION pg_temp.f(t text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT nullif(btrim(t), '') $$;
CREATE FUNCTION pg_temp.dob(t text) RETURNS date LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	d date;
BEGIN
	IF t IS NULL OR t !~ '^[0-9]{8}$' THEN
		RETURN NULL;
	END IF;
	d := to_date(t, 'YYYYMMDD');
	RETURN CASE WHEN to_char(d, 'YYYYMMDD') = t THEN d END;
EXCEPTION WHEN others THEN
	RETURN NULL;			-- a day or month out of range
END $$;
CREATE TABLE febrl AS
SELECT file, substring(rec_id FROM 'rec-([0-9]+)-')::int8 AS id,
	   pg_temp.f(given_name) AS given_name, pg_temp.f(surname) AS surname,
	   pg_temp.f(street_number) AS street_number, pg_temp.f(address_1) AS address_1,
	   pg_temp.f(address_2) AS address_2, pg_temp.f(suburb) AS suburb,
	   pg_temp.f(postcode) AS postcode, pg_temp.f(state) AS state,
	   pg_temp.f(date_of_birth) AS date_of_birth
FROM raw;
CREATE TABLE fa AS SELECT * FROM febrl WHERE file = 'a';
CREATE TABLE fb AS SELECT * FROM febrl WHERE file = 'b';
ANALYZE fa; ANALYZE fb;
SELECT (SELECT count(*) FROM fa) AS originals, (SELECT count(*) FROM fb) AS duplicates,
	   (SELECT count(*) FROM fa JOIN fb USING (id)) AS true_pairs,
	   (SELECT count(*) FROM febrl WHERE date_of_birth IS NOT NULL AND pg_temp.dob(date_of_birth) IS NULL) AS invalid_birth_dates,
	   (SELECT count(*) FROM febrl WHERE date_of_birth IS NULL) AS missing_birth_dates;

\echo
\echo '== 1. Plain linkage on names and birth date (the fields the two registers of removals and receptions share)'
\set ident 'ROW(given_name, surname, NULL, pg_temp.dob(date_of_birth), NULL, NULL)::migrisk.person_ident'
SELECT family, candidate_pairs, true_pairs_kept, round(pair_completeness::numeric, 4) AS pair_completeness,
	   round(reduction_ratio::numeric, 6) AS reduction_ratio
FROM migrisk.blocking_analysis('fa', 'id', :'ident', 'fb', 'id', :'ident', left_truth => 'id', right_truth => 'id');
\timing on
SELECT migrisk.link_records('fa', 'id', :'ident', 'fb', 'id', :'ident', result_table => 'links_plain') -> 'run' AS run;
\timing off
-- all links at a threshold, and one link per record (each the best of both
-- its records: a pair kept only when neither record has a better link)
CREATE TEMP TABLE plain_eval AS
WITH best AS (
	SELECT id_a, id_b, match_probability AS p,
		   rank() OVER (PARTITION BY id_a ORDER BY match_probability DESC, id_b) AS ra,
		   rank() OVER (PARTITION BY id_b ORDER BY match_probability DESC, id_a) AS rb
	FROM links_plain)
SELECT t, one_to_one, count(*) AS links, count(*) FILTER (WHERE id_a = id_b) AS true_links
FROM best, (VALUES (0.5), (0.9), (0.99)) v(t), (VALUES (false), (true)) o(one_to_one)
WHERE p >= t AND (NOT one_to_one OR (ra = 1 AND rb = 1))
GROUP BY t, one_to_one;
SELECT t AS threshold, one_to_one, links, true_links,
	   round(true_links::numeric / nullif(links, 0), 4) AS precision,
	   round(true_links::numeric / 5000, 4) AS recall,
	   round(2.0 * true_links / (links + 5000), 4) AS f1
FROM plain_eval ORDER BY one_to_one, t;

\echo
\echo '== 2. Privacy-preserving linkage: Bloom-filter encodings, Dice, one link per record (greedy)'
\echo 'The published anchor (clkhash tutorial on FEBRL 4, 1024-bit CLKs of the nine fields, all pairs):'
\echo '  Dice >= 0.8: precision 1.000, recall 0.992; Dice >= 0.9: precision 1.000, recall 0.810.'
SELECT migrisk.pprl_set_key('febrl', 'a secret shared by the two data holders, for the benchmark only');
-- The specification that mirrors the published schema's field choices:
-- bigrams of the names and the address text, positional digits of the
-- house number, postcode and birth date; 200 hashes for each name and the
-- birth date, 100 for each other field, spread over its tokens.
CREATE TEMP TABLE specs (spec_name text, spec text);
INSERT INTO specs VALUES
	('budgets as published (text names)', 'bits=1024, text/200, text/200, digits/100, text/100, text/100, text/100, digits/100, text/100, digits/200'),
	('budgets as published (name normalisation)', 'bits=1024, name/200, name/200, digits/100, text/100, text/100, text/100, digits/100, text/100, digits/200'),
	('default: auto fields, k for 8 tokens each', NULL);
CREATE TEMP TABLE enc AS
SELECT s.spec_name, f.file, f.id,
	   CASE WHEN s.spec IS NULL
	        THEN migrisk.clk_encode('febrl', f.given_name, f.surname, f.street_number, f.address_1, f.address_2,
	                                f.suburb, f.postcode, f.state, f.date_of_birth)
	        ELSE migrisk.clk_encode_spec('febrl', s.spec, f.given_name, f.surname, f.street_number, f.address_1,
	                                     f.address_2, f.suburb, f.postcode, f.state, f.date_of_birth) END AS clk
FROM specs s, febrl f;
-- a date field of kind auto must be a date: the default spec encodes the
-- birth date as text when it is not one (auto)
CREATE INDEX ON enc (spec_name, file);
ANALYZE enc;
-- every pair of the two files (25 million per encoding) at Dice >= 0.7
SET max_parallel_workers_per_gather = 2;
\timing on
CREATE TEMP TABLE scored AS
SELECT a.spec_name, a.id AS id_a, b.id AS id_b, migrisk.dice(a.clk, b.clk) AS score
FROM enc a JOIN enc b ON b.spec_name = a.spec_name AND b.file = 'b'
WHERE a.file = 'a' AND migrisk.dice(a.clk, b.clk) >= 0.7;
\timing off
CREATE TEMP TABLE pprl_eval AS
SELECT s.spec_name, v.t, count(*) AS links, count(*) FILTER (WHERE g.left_id = g.right_id) AS true_links
FROM (SELECT DISTINCT spec_name FROM scored) s
CROSS JOIN (VALUES (0.7), (0.75), (0.8), (0.85), (0.9)) v(t)
CROSS JOIN LATERAL (
	SELECT array_agg(id_a) AS a, array_agg(id_b) AS b, array_agg(score) AS c
	FROM scored x WHERE x.spec_name = s.spec_name AND x.score >= v.t) k
CROSS JOIN LATERAL migrisk._pprl_greedy(k.a, k.b, k.c) g
GROUP BY s.spec_name, v.t;
SELECT spec_name, t AS dice_threshold, links, true_links,
	   round(true_links::numeric / nullif(links, 0), 4) AS precision,
	   round(true_links::numeric / 5000, 4) AS recall,
	   round(2.0 * true_links / (links + 5000), 4) AS f1
FROM pprl_eval ORDER BY spec_name, t;

\echo
\echo 'With pprl_link''s own blocking (32 bands of 12 sampled bits), Dice >= 0.8:'
CREATE TEMP TABLE ea AS SELECT id, clk FROM enc WHERE file = 'a' AND spec_name = 'budgets as published (text names)';
CREATE TEMP TABLE eb AS SELECT id, clk FROM enc WHERE file = 'b' AND spec_name = 'budgets as published (text names)';
\timing on
CREATE TEMP TABLE lsh AS SELECT * FROM migrisk.pprl_link('ea', 'eb', 0.8);
\timing off
SELECT count(*) AS links, count(*) FILTER (WHERE left_id = right_id) AS true_links,
	   round(count(*) FILTER (WHERE left_id = right_id)::numeric / nullif(count(*), 0), 4) AS precision,
	   round(count(*) FILTER (WHERE left_id = right_id)::numeric / 5000, 4) AS recall,
	   (SELECT true_links FROM pprl_eval WHERE spec_name = 'budgets as published (text names)' AND t = 0.8) AS true_links_all_pairs
FROM lsh;
