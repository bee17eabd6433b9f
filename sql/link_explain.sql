-- link_explain: persons from links under the one-record-a-source-a-day
-- constraint, per-cluster diagnostics with bridges, the match weight term
-- by term (rows and SVG), the review queue and m from labels.  Every
-- answer is checked against a hand computation or a second, independent
-- computation in SQL.
SET extra_float_digits = 0;
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

------------------------------------------------------------------------
-- 1. Constrained clustering
------------------------------------------------------------------------
-- Removals 1 (Jan 1) and 2 (Mar 1) of one man, his receptions 101 (Jan 2)
-- and 103 (Mar 2); 102 is a namesake received on Jan 2 too.  Links best
-- first: 1-101 (10) merges; 1-102 (8) is refused (101 and 102: two
-- receptions of Jan 2); 2-103 (9) merges; 101-103 (2) joins the two
-- stays; 102-103 (1) is refused (102 against 101, both Jan 2).
-- Records 5 and 6: two removals of one day, both linked to reception 201
-- with weight 4: the tie goes to the smaller ids (5, 201), 6 is refused.
-- 7 has no day (unconstrained) and joins 201's cluster; 8 is in the
-- records only; 9 only in a link row with NULL (a record without a link).
CREATE TEMP TABLE rec (id int8, src text, day date);
INSERT INTO rec VALUES
	(1, 'US', '2024-01-01'), (2, 'US', '2024-03-01'),
	(101, 'MX', '2024-01-02'), (102, 'MX', '2024-01-02'), (103, 'MX', '2024-03-02'),
	(5, 'US', '2024-05-01'), (6, 'US', '2024-05-01'), (201, 'MX', '2024-05-02'),
	(7, 'US', NULL), (8, 'MX', '2024-06-01');
CREATE TEMP TABLE lk (id_a int8, id_b int8, w float8);
INSERT INTO lk VALUES (1, 101, 10), (1, 102, 8), (2, 103, 9), (101, 103, 2), (102, 103, 1),
	(6, 201, 4), (5, 201, 4), (7, 201, 0.5), (9, NULL, NULL);
SELECT record_id, person_id
FROM migrisk.link_clusters_constrained('SELECT id_a, id_b, w FROM lk', 'SELECT id, src, day FROM rec')
ORDER BY record_id;
-- plain components chain the namesake in: 4 persons there, 6 here
SELECT (SELECT count(DISTINCT person_id) FROM migrisk.link_clusters('SELECT id_a, id_b FROM lk UNION ALL SELECT id, NULL FROM rec')) AS plain,
	   (SELECT count(DISTINCT person_id) FROM migrisk.link_clusters_constrained('SELECT id_a, id_b, w FROM lk', 'SELECT id, src, day FROM rec')) AS constrained;
-- the link order does not matter, only the weights (and ids on ties)
SELECT count(*) AS differences
FROM migrisk.link_clusters_constrained('SELECT id_a, id_b, w FROM lk', 'SELECT id, src, day FROM rec') a
FULL JOIN migrisk.link_clusters_constrained('SELECT id_b, id_a, w FROM lk ORDER BY w, id_a DESC', 'SELECT id, src, day FROM rec ORDER BY id DESC') b
	USING (record_id)
WHERE a.person_id IS DISTINCT FROM b.person_id;
-- sources of any type: integers here; infinite days are unconstrained
SELECT record_id, person_id FROM migrisk.link_clusters_constrained(
	$$VALUES (1::int, 2::int, 1.0), (1, 3, 0.5)$$,
	$$VALUES (1::smallint, 7, date '2024-01-01'), (2, 8, 'infinity'), (3, 8, 'infinity')$$) ORDER BY 1;
-- no links, no records: nothing
SELECT count(*) FROM migrisk.link_clusters_constrained('SELECT 1::int8, 2::int8, 1.0 WHERE false', 'SELECT 1::int8, 1, current_date WHERE false');

-- Against an independent greedy in PL/pgSQL on a random graph: 300
-- records of 3 sources over 20 days, 500 links with distinct weights.
SELECT setseed(0.25);
CREATE TEMP TABLE rrec AS SELECT i AS id, (random() * 2)::int AS src,
	CASE WHEN random() < 0.1 THEN NULL ELSE date '2024-01-01' + (random() * 19)::int END AS day
	FROM generate_series(1, 300) i;
CREATE TEMP TABLE rlk AS SELECT DISTINCT ON (w) (random() * 299)::int8 + 1 AS a, (random() * 299)::int8 + 1 AS b, round((random() * 1000)::numeric, 3)::float8 AS w
	FROM generate_series(1, 520) ORDER BY w LIMIT 500;
CREATE FUNCTION pg_temp.greedy() RETURNS TABLE (record_id int8, person_id int8) LANGUAGE plpgsql AS $$
DECLARE
	l record;
	pa int8;
	pb int8;
BEGIN
	CREATE TEMP TABLE g (id int8 PRIMARY KEY, p int8);
	INSERT INTO g SELECT id, id FROM rrec;
	FOR l IN SELECT * FROM rlk ORDER BY w DESC LOOP
		SELECT p INTO pa FROM g WHERE id = l.a;
		SELECT p INTO pb FROM g WHERE id = l.b;
		CONTINUE WHEN pa = pb;
		CONTINUE WHEN EXISTS (SELECT 1 FROM g x JOIN rrec rx ON rx.id = x.id, g y JOIN rrec ry ON ry.id = y.id
							  WHERE x.p = pa AND y.p = pb AND rx.src = ry.src AND rx.day = ry.day);
		UPDATE g SET p = least(pa, pb) WHERE p IN (pa, pb);
	END LOOP;
	RETURN QUERY SELECT id, p FROM g;
	DROP TABLE g;
END $$;
SELECT count(*) AS records, count(*) FILTER (WHERE a.person_id IS DISTINCT FROM b.person_id) AS mismatches
FROM pg_temp.greedy() a
FULL JOIN migrisk.link_clusters_constrained('SELECT a, b, w FROM rlk', 'SELECT id, src, day FROM rrec') b USING (record_id);

-- From a links table written as link_records writes it, at a threshold.
CREATE TEMP TABLE links (id_a int8, id_b int8, match_weight float8, match_probability float8);
INSERT INTO links SELECT id_a, id_b, w, 1 - 2 ^ (-w) FROM lk WHERE id_b IS NOT NULL;
SELECT record_id, person_id FROM migrisk.link_clusters_constrained('links', 'SELECT id, src, day FROM rec', 0.7)
ORDER BY record_id;

-- the records query runs on the caller's search_path (a table in public)
CREATE TABLE public.rec_public AS SELECT * FROM rec;
SELECT count(*) AS records, count(DISTINCT person_id) AS persons
FROM migrisk.link_clusters_constrained('links', 'SELECT id, src, day FROM rec_public', 0.7);
DROP TABLE public.rec_public;

-- Errors.
CREATE TEMP TABLE not_links (id_a int8, id_b int8, match_probability float8);
SELECT q, pg_temp.err(q) FROM (VALUES
	('SELECT * FROM migrisk.link_clusters_constrained(''SELECT id_a, id_b FROM lk'', ''SELECT id, src, day FROM rec'')'),
	('SELECT * FROM migrisk.link_clusters_constrained(''SELECT id_a::text, id_b, w FROM lk'', ''SELECT id, src, day FROM rec'')'),
	('SELECT * FROM migrisk.link_clusters_constrained(''SELECT id_a, id_b, w FROM lk'', ''SELECT id, src FROM rec'')'),
	('SELECT * FROM migrisk.link_clusters_constrained(''SELECT id_a, id_b, w FROM lk'', ''SELECT id, src, day::text FROM rec'')'),
	('SELECT * FROM migrisk.link_clusters_constrained(''SELECT id_a, id_b, w FROM lk'', ''SELECT id::text, src, day FROM rec'')'),
	('SELECT * FROM migrisk.link_clusters_constrained(''SELECT 1, 2, NULL::float8'', ''SELECT id, src, day FROM rec'')'),
	('SELECT * FROM migrisk.link_clusters_constrained(''SELECT 1, 2, ''''NaN''''::float8'', ''SELECT id, src, day FROM rec'')'),
	('SELECT * FROM migrisk.link_clusters_constrained(''SELECT 1, 2, ''''x''''::text'', ''SELECT id, src, day FROM rec'')'),
	('SELECT * FROM migrisk.link_clusters_constrained(''SELECT id_a, id_b, w FROM lk'', ''SELECT id, src, day FROM rec UNION ALL SELECT 1, ''''US'''', date ''''2024-01-09'''''')'),
	('SELECT * FROM migrisk.link_clusters_constrained(''DELETE FROM lk'', ''SELECT id, src, day FROM rec'')'),
	('SELECT * FROM migrisk.link_clusters_constrained(''SELECT id_a, id_b, w FROM no_such_table'', ''SELECT id, src, day FROM rec'')'),
	('SELECT * FROM migrisk.link_clusters_constrained(''links'', ''SELECT id, src, day FROM rec'', 1.5)'),
	('SELECT * FROM migrisk.link_clusters_constrained(''links'', ''SELECT id, src, day FROM rec'', ''NaN'')'),
	('SELECT * FROM migrisk.link_clusters_constrained(''not_links'', ''SELECT id, src, day FROM rec'', 0.5)')
) v(q);
-- a record listed twice with the same source and day is fine
SELECT count(*) FROM migrisk.link_clusters_constrained('SELECT id_a, id_b, w FROM lk', 'SELECT id, src, day FROM rec UNION ALL SELECT id, src, day FROM rec');

------------------------------------------------------------------------
-- 2. Per-cluster diagnostics
------------------------------------------------------------------------
-- Triangle 1-2-3 with a tail 3-4-5 (two bridges, the weakest link 3-4);
-- 10-11 linked twice (one link with the higher weight, 5: a bridge);
-- the square 20-21-22-23-20 with the diagonal 20-22 (no bridge, density
-- 5/6); a self link on 30 is dropped.
CREATE TEMP TABLE dl (a int8, b int8, w float8);
INSERT INTO dl VALUES (1, 2, 9), (2, 3, 8), (3, 1, 7), (3, 4, 3), (5, 4, 6),
	(10, 11, 2), (11, 10, 5),
	(20, 21, 4), (21, 22, 4), (22, 23, 4), (23, 20, 4), (20, 22, 1),
	(30, 30, 1);
SELECT * FROM migrisk.link_cluster_links('SELECT a, b, w FROM dl') ORDER BY person_id, id_a, id_b;
SELECT * FROM migrisk.link_cluster_diagnostics('SELECT a, b, w FROM dl');

-- Bridges against brute force on a random graph (60 records, 70 links):
-- a link is a bridge when its ends are not connected without it.
SELECT setseed(0.5);
CREATE TEMP TABLE bl AS SELECT DISTINCT least(a, b) AS a, greatest(a, b) AS b, 1.0::float8 AS w
	FROM (SELECT (random() * 59)::int8 AS a, (random() * 59)::int8 AS b FROM generate_series(1, 75)) s WHERE a <> b;
WITH RECURSIVE e AS (SELECT row_number() OVER (ORDER BY a, b) AS k, a, b FROM bl),
	und AS (SELECT e1.k AS skip, e2.a, e2.b FROM e e1, e e2 WHERE e2.k <> e1.k
			UNION ALL SELECT e1.k, e2.b, e2.a FROM e e1, e e2 WHERE e2.k <> e1.k),
	reach(skip, dst) AS (SELECT k, a FROM e UNION SELECT r.skip, u.b FROM reach r JOIN und u ON u.skip = r.skip AND u.a = r.dst),
	brute AS (SELECT e.a, e.b, NOT EXISTS (SELECT 1 FROM reach r WHERE r.skip = e.k AND r.dst = e.b) AS bridge FROM e)
SELECT count(*) AS links, count(*) FILTER (WHERE brute.bridge) AS bridges,
	   count(*) FILTER (WHERE brute.bridge IS DISTINCT FROM c.bridge) AS mismatches
FROM brute FULL JOIN migrisk.link_cluster_links('SELECT a, b, w FROM bl') c ON c.id_a = brute.a AND c.id_b = brute.b;

-- Errors.
SELECT q, pg_temp.err(q) FROM (VALUES
	('SELECT * FROM migrisk.link_cluster_links(''SELECT 1, 2, NULL::float8'')'),
	('SELECT * FROM migrisk.link_cluster_links(''SELECT 1, 2, ''''NaN''''::float8'')'),
	('SELECT * FROM migrisk.link_cluster_links(''SELECT a, b FROM dl'')'),
	('SELECT * FROM migrisk.link_cluster_links(''SELECT a, b::text, w FROM dl'')'),
	('SELECT * FROM migrisk.link_cluster_diagnostics(''SELECT a, b FROM dl'')')
) v(q);

------------------------------------------------------------------------
-- 3. The match weight term by term
------------------------------------------------------------------------
-- A hand model: lambda 0.2, given m (0.8, 0.1, 0.05, 0.04, 0.01), u (0.1,
-- 0.1, 0.2, 0.1, 0.5); dob m 0.9 exact, u 0.01; the rest 1/2 each.
CREATE TEMP TABLE hm AS SELECT jsonb_build_object('lambda', 0.2, 'fields', jsonb_object_agg(field, f)) AS m
FROM (SELECT field, jsonb_build_object(
		'm', jsonb_agg(CASE field WHEN 'given' THEN (ARRAY[0.8, 0.1, 0.05, 0.04, 0.01])[level_index + 1]
								  WHEN 'dob' THEN CASE WHEN level_index = 0 THEN 0.9 ELSE 0.02 END
								  ELSE round(1.0 / level_count, 6) END ORDER BY level_index),
		'u', jsonb_agg(CASE field WHEN 'given' THEN (ARRAY[0.1, 0.1, 0.2, 0.1, 0.5])[level_index + 1]
								  WHEN 'dob' THEN CASE WHEN level_index = 0 THEN 0.01 ELSE 0.198 END
								  ELSE round(1.0 / level_count, 6) END ORDER BY level_index)) AS f
	  FROM migrisk.link_gamma_levels() GROUP BY field) s;
-- given exact: log2(0.8/0.1) = 3; dob exact: log2(90) = 6.4918530963;
-- prior log2(0.25) = -2; surname1 exact 0 (m = u); the missing fields 0.
-- Total 7.4918530963, probability 2^w/(1+2^w) = 0.994475138 (= 180/181).
SELECT step, field, level, m, u, round(term::numeric, 10) AS term, round(cumulative::numeric, 10) AS cumulative,
	   round(probability::numeric, 9) AS probability
FROM migrisk.match_weight_waterfall(migrisk.link_gamma(given => 'exact', surname1 => 'exact', dob => 'exact'), (SELECT m FROM hm));
SELECT 180.0 / 181 AS by_hand;
-- with a surname frequency of 0.05: + log2(u_exact / 0.05)
SELECT step, field, level, u, round(term::numeric, 10) AS term, round(cumulative::numeric, 10) AS cumulative
FROM migrisk.match_weight_waterfall(migrisk.link_gamma(given => 'exact', surname1 => 'exact', dob => 'exact'), (SELECT m FROM hm), 0.05)
WHERE step = 0 OR field LIKE '%tf';
SELECT round(((ln((SELECT (m -> 'fields' -> 'surname1' -> 'u' ->> 0)::float8 FROM hm)) - ln(0.05::float8)) / ln(2::float8))::numeric, 10) AS tf_by_hand;

-- Over 3000 random vectors of a model estimated by EM, with and without
-- frequencies: the terms add up to match_weight, the last running total
-- is match_weight's double exactly.
SELECT setseed(0.125);
CREATE TEMP TABLE rg AS
SELECT (SELECT string_agg(field || '=' || CASE WHEN random() < 0.15 THEN 'missing' ELSE
			(SELECT level FROM migrisk.link_gamma_levels() l2 WHERE l2.field = l.field
			 ORDER BY random() + i * 0 LIMIT 1) END, ',')
		FROM (SELECT DISTINCT field_index, field FROM migrisk.link_gamma_levels()) l)::migrisk.link_gamma AS g,
	   CASE WHEN random() < 0.5 THEN random() * 0.2 END AS s1, CASE WHEN random() < 0.5 THEN random() * 0.2 END AS s2,
	   CASE WHEN random() < 0.5 THEN random() * 0.2 END AS gv
FROM generate_series(1, 3000) i;
CREATE TEMP TABLE em AS SELECT migrisk.link_em(g, 1000, 1e-4) AS m FROM rg;
SELECT count(*) AS vectors,
	   max(abs(t.s - migrisk.match_weight(rg.g, em.m, rg.s1, rg.s2, rg.gv))) < 1e-12 AS terms_sum_within_1e_12,
	   count(*) FILTER (WHERE t.last <> migrisk.match_weight(rg.g, em.m, rg.s1, rg.s2, rg.gv)) AS last_total_differs,
	   count(*) FILTER (WHERE t.lastp <> migrisk.match_probability(rg.g, em.m, rg.s1, rg.s2, rg.gv)) AS probability_differs,
	   count(*) FILTER (WHERE t.n2 <> migrisk.match_weight(rg.g, em.m)) AS untouched_differs
FROM rg, em, LATERAL (
	SELECT sum(w.term) AS s, (array_agg(w.cumulative ORDER BY w.step DESC))[1] AS last,
		   (array_agg(w.probability ORDER BY w.step DESC))[1] AS lastp,
		   (SELECT cumulative FROM migrisk.match_weight_waterfall(rg.g, em.m) ORDER BY step DESC LIMIT 1) AS n2
	FROM migrisk.match_weight_waterfall(rg.g, em.m, rg.s1, rg.s2, rg.gv) w) t;
-- the largest difference itself (1.4e-14 on x86-64 glibc; printed as a
-- bound, the last bits depend on the platform's log2)
SELECT CASE WHEN max(abs(t.s - migrisk.match_weight(rg.g, em.m, rg.s1, rg.s2, rg.gv))) = 0 THEN '0'
			WHEN max(abs(t.s - migrisk.match_weight(rg.g, em.m, rg.s1, rg.s2, rg.gv))) < 1e-12 THEN 'below 1e-12'
			ELSE 'too large' END AS max_abs_sum_minus_weight
FROM rg, em, LATERAL (SELECT sum(term) AS s FROM migrisk.match_weight_waterfall(rg.g, em.m, rg.s1, rg.s2, rg.gv)) t;

-- The SVG: well-formed XML, one bar per term plus the background and the
-- total, a hostile title escaped.
SELECT xml_is_well_formed_document(s) AS well_formed,
	   (length(s) - length(replace(s, '<rect', ''))) / 5 AS rects,
	   strpos(s, '<script>') = 0 AND strpos(s, '&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)') > 0 AS title_escaped,
	   left(s, 58) AS head, right(s, 60) AS tail
FROM (SELECT migrisk.match_weight_waterfall_svg(migrisk.link_gamma(given => 'exact', surname1 => 'exact', dob => 'exact'),
		(SELECT m FROM hm), title => '<script>alert("x" & ''y'')</script>') AS s) v;
-- The geometry by hand: the running total spans -2 .. 7.4918530963, so
-- 420 px / 9.4918530963 bits = 44.2486 px a bit from x = 260.  Prior: 260
-- wide 88.5 (2 bits); given from -2 to 1: 260, 132.7; surname1 and the
-- missing surname2 (term 0): 1 px at 392.7; dob: 392.7, 287.3; the missing
-- fields at the right end, 680; rows 24 px apart from y = 36; the total
-- (blue) from the zero line at 348.5, 331.5 wide (7.49 bits), y 228.
SELECT r[1] AS x, r[2] AS y, r[3] AS width, r[4] AS fill
FROM regexp_matches(migrisk.match_weight_waterfall_svg(migrisk.link_gamma(given => 'exact', surname1 => 'exact', dob => 'exact'),
		(SELECT m FROM hm)), '<rect x="([^"]*)" y="([^"]*)" width="([^"]*)" height="16" fill="([^"]*)"', 'g') AS r;
SELECT substring(s from '<line x1="([^"]*)"') AS zero_line_x, substring(s from 'height="([^"]*)"') AS height
FROM (SELECT migrisk.match_weight_waterfall_svg(migrisk.link_gamma(given => 'exact', surname1 => 'exact', dob => 'exact'),
		(SELECT m FROM hm)) AS s) v;
SELECT migrisk.match_weight_waterfall_svg(NULL, (SELECT m FROM hm)) IS NULL AS null_gamma;

-- Errors.
SELECT q, pg_temp.err(q) FROM (VALUES
	('SELECT * FROM migrisk.match_weight_waterfall(''given=exact'', ''{"lambda": 2, "fields": {}}'')'),
	('SELECT * FROM migrisk.match_weight_waterfall(''given=exact'', ''{"lambda": 0.5, "fields": {"givn": {}}}'')'),
	('SELECT * FROM migrisk.match_weight_waterfall(migrisk.link_gamma(surname1 => ''exact''), (SELECT m FROM hm), 1.5)'),
	('SELECT * FROM migrisk.match_weight_waterfall(migrisk.link_gamma(given => ''exact''), (SELECT m FROM hm), NULL, NULL, 0)'),
	('SELECT migrisk.match_weight_waterfall_svg(migrisk.link_gamma(given => ''exact''), (SELECT m FROM hm), given_tf => -1)')
) v(q);

------------------------------------------------------------------------
-- 4. Review queue and m from labels
------------------------------------------------------------------------
CREATE TEMP TABLE sl (id_a int8, id_b int8, gamma migrisk.link_gamma, match_probability float8);
INSERT INTO sl VALUES (1, 2, 'given=exact', 0.95), (1, 3, 'given=phonetic', 0.55), (2, 3, 'given=exact', 0.3),
	(4, 5, 'given=different', 0.05), (4, 6, 'given=jw92', 0.5), (5, 6, 'given=exact', 0.8);
SELECT migrisk.link_review_queue('sl', 'pg_temp.review', 0.3, 0.8) AS queued;
SELECT review_order, id_a, id_b, match_probability, is_match FROM pg_temp.review ORDER BY review_order;
-- the reviewer's answers: three matches (given exact, exact, phonetic),
-- one non-match; a fourth match has given missing
UPDATE pg_temp.review SET is_match = (id_a, id_b) <> (4, 6);
INSERT INTO pg_temp.review (id_a, id_b, gamma, is_match) VALUES (7, 8, 'surname1=exact', true);
-- by hand: given m = (2/3, 1/3, 1e-6, 1e-6, 1e-6) over the 3 matches
-- compared on given; surname1 m = (1, 1e-6, ...) from the one match
-- compared on it; dob untouched; u and lambda kept
SELECT field, level, round(m::numeric, 6) AS m, round(u::numeric, 6) AS u
FROM migrisk.link_model_levels(migrisk.link_m_from_labels('SELECT gamma, is_match FROM pg_temp.review', (SELECT m FROM hm)))
WHERE field IN ('given', 'surname1') OR (field = 'dob' AND level_index = 0);
SELECT migrisk.link_m_from_labels('SELECT gamma, is_match FROM pg_temp.review', (SELECT m FROM hm)) -> 'm_from_labels' AS counts,
	   migrisk.link_m_from_labels('SELECT gamma, is_match FROM pg_temp.review', (SELECT m FROM hm)) -> 'lambda' AS lambda;

-- Errors.
SELECT q, pg_temp.err(q) FROM (VALUES
	('SELECT migrisk.link_review_queue(''sl'', ''pg_temp.review'', 0.3, 0.8)'),
	('SELECT migrisk.link_review_queue(''sl'', ''pg_temp.r2'', 0.8, 0.3)'),
	('SELECT migrisk.link_review_queue(''sl'', ''pg_temp.r2'', -0.1, 0.3)'),
	('SELECT migrisk.link_review_queue(''sl'', NULL, 0.1, 0.3)'),
	('SELECT migrisk.link_review_queue(''sl'', ''a.b.c.d..'', 0.1, 0.3)'),
	('SELECT migrisk.link_review_queue(''lk'', ''pg_temp.r2'', 0.1, 0.3)'),
	('SELECT migrisk.link_m_from_labels(''SELECT gamma, false FROM sl'', (SELECT m FROM hm))'),
	('SELECT migrisk.link_m_from_labels(''SELECT gamma, true FROM sl'', ''{"lambda": 0}'')'),
	('SELECT migrisk.link_m_from_labels(NULL, (SELECT m FROM hm))')
) v(q);
