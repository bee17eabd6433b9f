-- migrisk install script: persons from links under constraints, per-cluster
-- diagnostics, the match weight explained term by term, the review queue.
-- Reference: docs/reference.md; in plain words: docs/linkage.md.

------------------------------------------------------------------------
-- Persons from links, best link first, one record of a source a day
------------------------------------------------------------------------

CREATE FUNCTION @extschema@.link_clusters_constrained(links text, records text)
RETURNS TABLE (record_id int8, person_id int8)
AS 'MODULE_PATHNAME', 'link_clusters_constrained'
LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED
COST 1000 ROWS 10000;

COMMENT ON FUNCTION @extschema@.link_clusters_constrained(text, text) IS
'persons from links that respect sources: links is a query of (id_a, id_b, weight) (integer record ids, a weight such as match_weight; a row with one id NULL adds a record without a link), records a query of (record_id, source, day date); links are taken best first (weight descending, ties by the smaller then the larger record id) and a merge is refused when the two clusters would hold two records of one source on one day (no source or day: unconstrained); returns every record id with the smallest record id of its cluster, and a NOTICE with the merges and refusals; about 32 bytes per link and 60 per record of memory, not bounded by work_mem';

CREATE FUNCTION @extschema@.link_clusters_constrained(links regclass, records text, threshold float8)
RETURNS TABLE (record_id int8, person_id int8)
LANGUAGE plpgsql VOLATILE STRICT PARALLEL RESTRICTED
AS $$
-- No SET search_path: records is the caller's SQL, run on the caller's
-- path; built-ins are qualified with pg_catalog.
DECLARE
	col text;
BEGIN
	IF NOT (threshold OPERATOR(pg_catalog.>=) 0::float8 AND threshold OPERATOR(pg_catalog.<=) 1::float8) THEN
		RAISE EXCEPTION 'link_clusters_constrained: threshold % is outside [0, 1]', threshold
			USING ERRCODE = '22023',
				  HINT = 'The threshold is a match probability.';
	END IF;
	FOREACH col IN ARRAY ARRAY['id_a', 'id_b', 'match_weight', 'match_probability'] LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
					   WHERE a.attrelid OPERATOR(pg_catalog.=) links AND a.attname OPERATOR(pg_catalog.=) col
						 AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped) THEN
			RAISE EXCEPTION 'link_clusters_constrained: table % has no column "%"', links, col
				USING ERRCODE = '42703',
					  HINT = 'Pass a links table as written by migrisk.link_records, or use link_clusters_constrained(text, text) with your own query.';
		END IF;
	END LOOP;
	RETURN QUERY SELECT c.record_id, c.person_id
	FROM @extschema@.link_clusters_constrained(pg_catalog.format(
		'SELECT id_a::pg_catalog.int8, id_b::pg_catalog.int8, match_weight FROM %s WHERE match_probability OPERATOR(pg_catalog.>=) %s',
		links, threshold), records) AS c;
END
$$;

COMMENT ON FUNCTION @extschema@.link_clusters_constrained(regclass, text, float8) IS
'constrained persons from a links table (id_a, id_b, match_weight, match_probability, as link_records writes it): the links with match_probability >= threshold, best match_weight first, no cluster with two records of one source on one day (records: a query of record_id, source, day); records of the records query without a link are persons of their own';

------------------------------------------------------------------------
-- Per-cluster diagnostics: size, density, weakest link, bridges
------------------------------------------------------------------------

CREATE FUNCTION @extschema@.link_cluster_links(links text)
RETURNS TABLE (id_a int8, id_b int8, weight float8, person_id int8, bridge boolean)
AS 'MODULE_PATHNAME', 'link_cluster_links'
LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED
COST 1000 ROWS 10000;

COMMENT ON FUNCTION @extschema@.link_cluster_links(text) IS
'every distinct link of a query of (id_a, id_b, weight) with its cluster (person_id, the smallest record id of its connected component) and whether it is a bridge (its removal splits the cluster; Tarjan''s low-link search); a pair linked twice is one link (id_a < id_b, the higher weight), self links are dropped, a NULL weight is an error (22004)';

CREATE FUNCTION @extschema@.link_cluster_diagnostics(links text)
RETURNS TABLE (person_id int8, records int8, links int8, density float8,
	weakest_id_a int8, weakest_id_b int8, weakest_weight float8,
	bridges int8, bridge_links int8[])
LANGUAGE sql VOLATILE STRICT PARALLEL RESTRICTED
BEGIN ATOMIC
	WITH l AS (SELECT c.id_a, c.id_b, c.weight, c.person_id, c.bridge
			   FROM @extschema@.link_cluster_links(links) AS c),
		 r AS (SELECT s.person_id, pg_catalog.count(*) AS n
			   FROM (SELECT l.person_id, l.id_a AS id FROM l UNION SELECT l.person_id, l.id_b FROM l) AS s
			   GROUP BY s.person_id),
		 w AS (SELECT DISTINCT ON (l.person_id) l.person_id, l.id_a, l.id_b, l.weight
			   FROM l ORDER BY l.person_id, l.weight, l.id_a, l.id_b)
	SELECT r.person_id, r.n, g.n,
		   g.n::float8 OPERATOR(pg_catalog./) (r.n OPERATOR(pg_catalog.*) (r.n OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog./) 2)::float8,
		   w.id_a, w.id_b, w.weight, g.b, g.bl
	FROM r
	JOIN (SELECT l.person_id, pg_catalog.count(*) AS n,
				 pg_catalog.count(*) FILTER (WHERE l.bridge) AS b,
				 pg_catalog.array_agg(ARRAY[l.id_a, l.id_b] ORDER BY l.id_a, l.id_b) FILTER (WHERE l.bridge) AS bl
		  FROM l GROUP BY l.person_id) AS g ON g.person_id OPERATOR(pg_catalog.=) r.person_id
	JOIN w ON w.person_id OPERATOR(pg_catalog.=) r.person_id
	ORDER BY r.person_id;
END;

COMMENT ON FUNCTION @extschema@.link_cluster_diagnostics(text) IS
'per cluster of the links of a query of (id_a, id_b, weight), as link_cluster_links sees them: person_id, records, links, density (links / possible pairs, 1 for a clique), the weakest link (lowest weight, ties by ids), the number of bridge links and the bridges as {id_a, id_b} pairs (NULL when none): a cluster held together by one weak bridge deserves a look';

------------------------------------------------------------------------
-- The match weight term by term (a waterfall)
------------------------------------------------------------------------

CREATE FUNCTION @extschema@.match_weight_waterfall(gamma @extschema@.link_gamma, model jsonb)
RETURNS TABLE (step int, field text, level text, m float8, u float8,
	term float8, cumulative float8, probability float8)
AS 'MODULE_PATHNAME', 'match_weight_waterfall'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 8;
CREATE FUNCTION @extschema@.match_weight_waterfall(gamma @extschema@.link_gamma, model jsonb,
	surname1_tf float8, surname2_tf float8 DEFAULT NULL, given_tf float8 DEFAULT NULL)
RETURNS TABLE (step int, field text, level text, m float8, u float8,
	term float8, cumulative float8, probability float8)
AS 'MODULE_PATHNAME', 'match_weight_waterfall'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 11;

COMMENT ON FUNCTION @extschema@.match_weight_waterfall(@extschema@.link_gamma, jsonb) IS
'the match weight of a comparison vector term by term: step 0 the prior log2(lambda/(1-lambda)), then every field of the model with its level, m, u and log2(m/u) (0 for missing), with the running total (cumulative, summed as match_weight sums: the last row is match_weight exactly) and its probability';
COMMENT ON FUNCTION @extschema@.match_weight_waterfall(@extschema@.link_gamma, jsonb, float8, float8, float8) IS
'match_weight_waterfall with term-frequency adjustments: after the fields, a row surname1_tf, surname2_tf or given_tf (u = the frequency given) for each exact agreement adjusted, as match_weight with the same arguments; frequency outside (0, 1]: 22003; NULL gamma or model: no rows';

CREATE FUNCTION @extschema@._svg_escape(s text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
	s, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;');

COMMENT ON FUNCTION @extschema@._svg_escape(text) IS
'internal: text escaped for SVG/XML content and attribute values (& < > " '')';

CREATE FUNCTION @extschema@.match_weight_waterfall_svg(gamma @extschema@.link_gamma, model jsonb,
	surname1_tf float8 DEFAULT NULL, surname2_tf float8 DEFAULT NULL, given_tf float8 DEFAULT NULL,
	title text DEFAULT NULL)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	-- Layout: the bars span x 260..680 for the range of the running total
	-- (and 0); row i has its bar at y = 36 + 24 i.  Every OPERATOR() has
	-- one precedence, so each arithmetic step is parenthesised.
	WITH w AS (SELECT t.step, t.field, t.level, t.term, t.cumulative, t.probability,
					  (pg_catalog.row_number() OVER (ORDER BY t.step)) OPERATOR(pg_catalog.-) 1 AS i,
					  coalesce(pg_catalog.lag(t.cumulative) OVER (ORDER BY t.step), 0::float8) AS start
			   FROM @extschema@.match_weight_waterfall(gamma, model, surname1_tf, surname2_tf, given_tf) AS t),
		 f AS (SELECT w.cumulative AS total, w.probability, w.i OPERATOR(pg_catalog.+) 1 AS n
			   FROM w ORDER BY w.step DESC LIMIT 1),
		 s AS (SELECT least(0::float8, pg_catalog.min(least(w.start, w.cumulative))) AS lo,
					  greatest(0::float8, pg_catalog.max(greatest(w.start, w.cumulative))) AS hi
			   FROM w),
		 -- scale: pixels per bit
		 k AS (SELECT s.lo, 420::float8 OPERATOR(pg_catalog./)
					  (CASE WHEN s.hi OPERATOR(pg_catalog.>) s.lo THEN s.hi OPERATOR(pg_catalog.-) s.lo ELSE 1::float8 END) AS px
			   FROM s),
		 b AS (SELECT w.*,
					  260::float8 OPERATOR(pg_catalog.+) ((least(w.start, w.cumulative) OPERATOR(pg_catalog.-) k.lo) OPERATOR(pg_catalog.*) k.px) AS x0,
					  260::float8 OPERATOR(pg_catalog.+) ((greatest(w.start, w.cumulative) OPERATOR(pg_catalog.-) k.lo) OPERATOR(pg_catalog.*) k.px) AS x1,
					  36 OPERATOR(pg_catalog.+) (24 OPERATOR(pg_catalog.*) w.i) AS y
			   FROM w, k),
		 g AS (SELECT f.total, f.probability,
					  36 OPERATOR(pg_catalog.+) (24 OPERATOR(pg_catalog.*) f.n) AS y,
					  260::float8 OPERATOR(pg_catalog.+) ((0::float8 OPERATOR(pg_catalog.-) k.lo) OPERATOR(pg_catalog.*) k.px) AS xz,
					  260::float8 OPERATOR(pg_catalog.+) ((least(0::float8, f.total) OPERATOR(pg_catalog.-) k.lo) OPERATOR(pg_catalog.*) k.px) AS xt,
					  pg_catalog.abs(f.total) OPERATOR(pg_catalog.*) k.px AS wt
			   FROM f, k)
	SELECT pg_catalog.concat(
		'<svg xmlns="http://www.w3.org/2000/svg" width="760" height="', (g.y OPERATOR(pg_catalog.+) 40)::text,
		'" font-family="sans-serif" font-size="12">',
		'<title>', @extschema@._svg_escape(coalesce(title, 'match weight, term by term')), '</title>',
		'<rect width="100%" height="100%" fill="#ffffff"/>',
		'<text x="10" y="20" font-size="14" font-weight="bold">',
		@extschema@._svg_escape(coalesce(title, 'match weight, term by term')), '</text>',
		-- the zero line
		'<line x1="', pg_catalog.round(g.xz::numeric, 1)::text, '" x2="', pg_catalog.round(g.xz::numeric, 1)::text,
		'" y1="30" y2="', (g.y OPERATOR(pg_catalog.+) 20)::text, '" stroke="#888888"/>',
		(SELECT pg_catalog.string_agg(pg_catalog.concat(
			'<text x="250" y="', (b.y OPERATOR(pg_catalog.+) 12)::text, '" text-anchor="end">',
			@extschema@._svg_escape(CASE WHEN b.level IS NULL THEN b.field ELSE pg_catalog.concat(b.field, ': ', b.level) END),
			'</text><rect x="', pg_catalog.round(b.x0::numeric, 1)::text,
			'" y="', b.y::text,
			'" width="', pg_catalog.round(greatest(b.x1 OPERATOR(pg_catalog.-) b.x0, 1::float8)::numeric, 1)::text,
			'" height="16" fill="', CASE WHEN b.step OPERATOR(pg_catalog.=) 0 THEN '#607d8b'
										 WHEN b.term OPERATOR(pg_catalog.>=) 0::float8 THEN '#2e7d32' ELSE '#c62828' END,
			'"/><text x="', pg_catalog.round((b.x1 OPERATOR(pg_catalog.+) 4::float8)::numeric, 1)::text,
			'" y="', (b.y OPERATOR(pg_catalog.+) 12)::text, '">',
			CASE WHEN b.term OPERATOR(pg_catalog.>=) 0::float8 THEN '+' ELSE '' END,
			pg_catalog.round(b.term::numeric, 2)::text, '</text>'), '' ORDER BY b.step) FROM b),
		-- the total
		'<text x="250" y="', (g.y OPERATOR(pg_catalog.+) 12)::text,
		'" text-anchor="end" font-weight="bold">match weight</text><rect x="',
		pg_catalog.round(g.xt::numeric, 1)::text, '" y="', g.y::text,
		'" width="', pg_catalog.round(greatest(g.wt, 1::float8)::numeric, 1)::text,
		'" height="16" fill="#1565c0"/>',
		'<text x="10" y="', (g.y OPERATOR(pg_catalog.+) 36)::text, '">',
		'match weight ', pg_catalog.round(g.total::numeric, 2)::text, ' bits, probability ',
		pg_catalog.round(g.probability::numeric, 4)::text, '</text></svg>')
	FROM g;
END;

COMMENT ON FUNCTION @extschema@.match_weight_waterfall_svg(@extschema@.link_gamma, jsonb, float8, float8, float8, text) IS
'the match_weight_waterfall of a pair as a self-contained SVG chart (text, one bar per term from the running total before it to the one after, green for evidence for, red against, the prior grey, the match weight blue, and the probability): paste it into a report; every label, the title included, is escaped; NULL gamma or model: NULL';

------------------------------------------------------------------------
-- Review: the uncertain pairs to a table, m from the labels
------------------------------------------------------------------------

CREATE FUNCTION @extschema@.link_review_queue(links regclass, review_table text,
	lo float8 DEFAULT 0.2, hi float8 DEFAULT 0.8)
RETURNS int8
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
-- No SET search_path: review_table is named relative to the caller's path;
-- built-ins are qualified with pg_catalog.
DECLARE
	parts text[];
	tab text;
	n int8;
BEGIN
	IF links IS NULL OR review_table IS NULL OR lo IS NULL OR hi IS NULL THEN
		RAISE EXCEPTION 'link_review_queue: links, review_table, lo and hi must not be NULL'
			USING ERRCODE = '22004';
	END IF;
	IF NOT (lo OPERATOR(pg_catalog.>=) 0::float8 AND hi OPERATOR(pg_catalog.<=) 1::float8 AND lo OPERATOR(pg_catalog.<=) hi) THEN
		RAISE EXCEPTION 'link_review_queue: band [%, %] is not inside [0, 1]', lo, hi
			USING ERRCODE = '22023', HINT = 'lo and hi are match probabilities, lo <= hi.';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
				   WHERE attrelid OPERATOR(pg_catalog.=) links AND attname OPERATOR(pg_catalog.=) 'match_probability'
					 AND attnum OPERATOR(pg_catalog.>) 0 AND NOT attisdropped) THEN
		RAISE EXCEPTION 'link_review_queue: table % has no column "match_probability"', links
			USING ERRCODE = '42703', HINT = 'Pass a links table as written by migrisk.link_records (threshold => 0 keeps every candidate).';
	END IF;
	BEGIN
		parts := pg_catalog.parse_ident(review_table);
	EXCEPTION WHEN OTHERS THEN
		RAISE EXCEPTION 'link_review_queue: invalid review table name "%"', review_table
			USING ERRCODE = '42602';
	END;
	SELECT pg_catalog.string_agg(pg_catalog.quote_ident(p), '.') INTO tab FROM pg_catalog.unnest(parts) AS p;
	IF pg_catalog.to_regclass(tab) IS NOT NULL THEN
		RAISE EXCEPTION 'link_review_queue: review table % already exists', tab
			USING ERRCODE = '42P07', HINT = 'Drop it or name another review_table.';
	END IF;
	-- the most uncertain first; is_match for the reviewer's answer
	EXECUTE pg_catalog.format(
		'CREATE TABLE %s AS
		 SELECT pg_catalog.row_number() OVER (ORDER BY pg_catalog.abs(l.match_probability OPERATOR(pg_catalog.-) 0.5::float8), l.id_a, l.id_b) AS review_order,
				l.*, NULL::boolean AS is_match, NULL::text AS note
		 FROM %s AS l
		 WHERE l.match_probability OPERATOR(pg_catalog.>=) $1 AND l.match_probability OPERATOR(pg_catalog.<=) $2
		 ORDER BY 1', tab, links)
		USING lo, hi;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$fn$;

COMMENT ON FUNCTION @extschema@.link_review_queue(regclass, text, float8, float8) IS
'the pairs of a links table (as link_records writes it) whose match_probability lies in [lo, hi] (default 0.2..0.8), written to a new table review_table with review_order (1 = the most uncertain, closest to 0.5) and the columns is_match and note, empty, for the reviewer; returns the number of pairs; band outside [0, 1]: 22023, an existing table: 42P07';

CREATE FUNCTION @extschema@.link_m_from_labels(labels text, model jsonb)
RETURNS jsonb
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
-- No SET search_path: labels is the caller's SQL; built-ins are qualified.
DECLARE
	r record;
	n_pairs int8;
	n_match int8;
	res jsonb := model;
BEGIN
	IF labels IS NULL OR model IS NULL THEN
		RAISE EXCEPTION 'link_m_from_labels: labels and model must not be NULL'
			USING ERRCODE = '22004';
	END IF;
	-- parses and checks the model (22023 if it does not fit)
	PERFORM @extschema@.match_weight(''::@extschema@.link_gamma, model);
	EXECUTE pg_catalog.format(
		'CREATE TEMP TABLE _lm_labels ON COMMIT DROP AS
		 SELECT q.g::@extschema@.link_gamma AS g, q.is_match::boolean AS is_match FROM (%s) AS q(g, is_match)', labels);
	SELECT pg_catalog.count(*), pg_catalog.count(*) FILTER (WHERE l.is_match)
	INTO n_pairs, n_match FROM _lm_labels AS l;
	IF n_match OPERATOR(pg_catalog.=) 0 THEN
		DROP TABLE _lm_labels;
		RAISE EXCEPTION 'link_m_from_labels: no labelled match among % labelled pairs', n_pairs
			USING ERRCODE = '22023', HINT = 'm is estimated from the pairs with is_match true.';
	END IF;
	-- per field: the share of the matches compared on it that show each level
	FOR r IN
		SELECT c.field, pg_catalog.array_agg(greatest(c.k::float8 OPERATOR(pg_catalog./) c.n::float8, 1e-6::float8) ORDER BY c.level_index) AS m
		FROM (SELECT v.field, v.level_index,
					 pg_catalog.count(*) FILTER (WHERE @extschema@.level_index(l.g, v.field) OPERATOR(pg_catalog.=) v.level_index) AS k,
					 pg_catalog.count(*) FILTER (WHERE @extschema@.level_index(l.g, v.field) IS NOT NULL) AS n
			  FROM @extschema@.link_gamma_levels() AS v, _lm_labels AS l
			  WHERE l.is_match
			  GROUP BY v.field_index, v.field, v.level_index) AS c
		WHERE c.n OPERATOR(pg_catalog.>) 0 AND (model OPERATOR(pg_catalog.->) 'fields') OPERATOR(pg_catalog.?) c.field
		GROUP BY c.field
	LOOP
		res := pg_catalog.jsonb_set(res, ARRAY['fields', r.field, 'm'], pg_catalog.to_jsonb(r.m));
	END LOOP;
	DROP TABLE _lm_labels;
	RETURN res OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('m_from_labels',
		pg_catalog.jsonb_build_object('labelled_pairs', n_pairs, 'matches', n_match));
END
$fn$;

COMMENT ON FUNCTION @extschema@.link_m_from_labels(text, jsonb) IS
'the model with m re-estimated from labelled pairs (as Splink''s m from pairwise labels): labels is a query of (gamma, is_match); for each field of the model, m of a level = the share of the labelled matches compared on that field (level not missing) that show it, floored at 1e-6; u and lambda kept, fields no match was compared on kept; adds "m_from_labels" (labelled_pairs, matches); no labelled match: 22023';
