-- pprl_f1.sql: accuracy of privacy-preserving linkage against the plain
-- linkage, removals to receptions of the synthetic data set with truth.
--
-- Needs the synthetic data loaded in schema synth (make data, then
-- test/data/load.sql) and migrisk with the plain linkage (link_records,
-- person_ident).  Run:
--   make data PERSONS=20000 SEED=7 OUT=/tmp/d
--   psql -X -v dir=/tmp/d -f test/data/load.sql
--   PGOPTIONS="-c f1.spec=name,name,name,date,exact -c f1.spec_surnames=name,name,date,exact" \
--     psql -X -f test/bench/pprl_f1.sql
--
-- Both methods use the same five fields (given names, both surnames, birth
-- date, sex) and the same greedy one-to-one assignment (migrisk._pprl_greedy;
-- the plain linkage's pairs ordered by match weight, the encodings' by
-- Dice).  Truth: a link is correct when both records are of the same
-- person; recall is over the most one-to-one true links there can be,
-- sum over persons of min(removals, receptions).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
DROP TABLE IF EXISTS rm, rc, truth, tp, plain_links, rm_enc, rc_enc, res CASCADE;
CREATE TABLE rm AS SELECT substr(record_id, 3)::int8 AS id, given_names, surname1, surname2, birth_date,
	CASE gender WHEN 'Male' THEN 'M' WHEN 'Female' THEN 'F' END AS sex FROM synth.removals;
CREATE TABLE rc AS SELECT substr(record_id, 3)::int8 AS id, given_names, surname1, surname2, birth_date,
	CASE sexo WHEN 'H' THEN 'M' WHEN 'M' THEN 'F' END AS sex FROM synth.receptions;
CREATE TABLE truth AS SELECT substr(record_id, 3)::int8 AS id, source, person_id
	FROM synth.truth_records WHERE source IN ('removal', 'reception');
CREATE TABLE tp AS SELECT a.id AS l, b.id AS r FROM truth a JOIN truth b USING (person_id)
	WHERE a.source = 'removal' AND b.source = 'reception';
CREATE INDEX ON tp (l, r);
-- the most one-to-one true links there can be
CREATE TEMP TABLE rmax AS SELECT sum(least(nrm, nrc))::float8 AS n FROM (
	SELECT person_id, count(*) FILTER (WHERE source = 'removal') nrm, count(*) FILTER (WHERE source = 'reception') nrc
	FROM truth GROUP BY 1) s;
SELECT (SELECT count(*) FROM rm) AS removals, (SELECT count(*) FROM rc) AS receptions,
       (SELECT count(*) FROM tp) AS true_pairs, (SELECT n FROM rmax) AS max_one_to_one;
CREATE TABLE res (method text, threshold float8, links int8, correct int8, precision float8, recall float8, f1 float8, seconds float8);
CREATE FUNCTION pg_temp.score(method text, thr float8, q text, secs float8) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format($q$INSERT INTO res
		SELECT %L, %s, count(*), count(t.l), count(t.l)::float8 / nullif(count(*), 0), count(t.l) / (SELECT n FROM rmax),
		       2 * count(t.l) / (count(*) + (SELECT n FROM rmax)), %s
		FROM (%s) k LEFT JOIN tp t ON t.l = k.left_id AND t.r = k.right_id$q$, method, thr, secs, q);
END $$;

-- plain linkage: link_records (EM), then the same greedy one-to-one
DO $$
DECLARE t0 timestamptz := clock_timestamp(); s float8;
BEGIN
	PERFORM migrisk.link_records('rm', 'id', 'ROW(given_names, surname1, surname2, birth_date, sex, NULL)::migrisk.person_ident',
		'rc', 'id', 'ROW(given_names, surname1, surname2, birth_date, sex, NULL)::migrisk.person_ident',
		result_table => 'plain_links', threshold => 0.01);
	s := extract(epoch FROM clock_timestamp() - t0);
	FOR thr IN 1..9 LOOP
		PERFORM pg_temp.score('plain', thr / 10.0, format(
			'SELECT g.* FROM (SELECT array_agg(id_a) a, array_agg(id_b) b, array_agg(match_weight) c
			 FROM plain_links WHERE match_probability >= %s) k, migrisk._pprl_greedy(k.a, k.b, k.c) g', thr / 10.0), s);
	END LOOP;
	PERFORM pg_temp.score('plain', 0.99, 'SELECT g.* FROM (SELECT array_agg(id_a) a, array_agg(id_b) b, array_agg(match_weight) c
			 FROM plain_links WHERE match_probability >= 0.99) k, migrisk._pprl_greedy(k.a, k.b, k.c) g', s);
END $$;

-- PPRL with the same five fields, three encodings: each surname its own
-- field; both surnames as one field (a swap, a compound surname in one
-- field or a dropped second surname then keeps most bigrams, as the plain
-- comparison compares the surnames crosswise); and that with the given
-- names of kind given (nicknames read as the names they stand for, as the
-- plain comparison reads them; the spec's first item "name" becomes
-- "given")
SELECT migrisk.pprl_set_key('f1', 'f1 experiment secret, 32 bytes..') WHERE NOT EXISTS (SELECT 1 FROM migrisk.pprl_key WHERE name = 'f1');
DO $$
DECLARE t0 timestamptz; s float8; thr float8; v text; sp text; t text;
BEGIN
	FOREACH v IN ARRAY ARRAY['pprl', 'pprl_surnames', 'pprl_surnames_given'] LOOP
		t0 := clock_timestamp();
		sp := CASE v WHEN 'pprl' THEN current_setting('f1.spec')
					 WHEN 'pprl_surnames' THEN current_setting('f1.spec_surnames')
					 ELSE regexp_replace(current_setting('f1.spec_surnames'), '^name', 'given') END;
		FOREACH t IN ARRAY ARRAY['rm', 'rc'] LOOP
			EXECUTE format($q$CREATE TABLE %I AS SELECT id, migrisk.clk_encode_spec('f1', %L, VARIADIC CASE WHEN %L = 'pprl'
				THEN ARRAY[given_names, surname1, surname2, birth_date::text, sex]
				ELSE ARRAY[given_names, concat_ws(' ', surname1, surname2), birth_date::text, sex] END) AS clk FROM %I$q$,
				t || '_enc', sp, v, t);
		END LOOP;
		s := extract(epoch FROM clock_timestamp() - t0);
		FOREACH thr IN ARRAY ARRAY[0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9] LOOP
			t0 := clock_timestamp();
			CREATE TEMP TABLE pl AS SELECT * FROM migrisk.pprl_link('rm_enc', 'rc_enc', thr);
			PERFORM pg_temp.score(v, thr, 'SELECT * FROM pl', s + extract(epoch FROM clock_timestamp() - t0));
			DROP TABLE pl;
		END LOOP;
		DROP TABLE rm_enc, rc_enc;
	END LOOP;
END $$;
SELECT method, threshold, links, correct, round(precision::numeric, 4) p, round(recall::numeric, 4) r,
       round(f1::numeric, 4) f1, round(seconds::numeric, 1) s FROM res ORDER BY method, threshold;
SELECT method, max(f1) AS best_f1 FROM res GROUP BY 1 ORDER BY 1;
-- at the default thresholds (match probability 0.5, Dice 0.8)
SELECT method, round(f1::numeric, 4) AS f1_at_default FROM res
WHERE (method = 'plain' AND threshold = 0.5) OR (method <> 'plain' AND threshold = 0.8) ORDER BY 1;
