-- migrisk install script: probabilistic linkage (Fellegi-Sunter with EM),
-- deportation-return plausibility, persons from links.
-- Reference: docs/reference.md; the model in plain words:
-- docs/linkage.md.

------------------------------------------------------------------------
-- Persons from links: connected components
------------------------------------------------------------------------

CREATE FUNCTION @extschema@.link_clusters(edges text)
RETURNS TABLE (record_id int8, person_id int8)
AS 'MODULE_PATHNAME', 'link_clusters'
LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED
COST 1000 ROWS 10000;

COMMENT ON FUNCTION @extschema@.link_clusters(text) IS
'persons from links: runs the query, which returns (id_a, id_b) integer record ids (a row with one id NULL adds a record without a link), and returns every record id with the smallest record id of its connected component; about 40 bytes of memory per distinct record, not bounded by work_mem';

CREATE FUNCTION @extschema@.link_clusters(links regclass, threshold float8)
RETURNS TABLE (record_id int8, person_id int8)
LANGUAGE plpgsql VOLATILE STRICT PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	col text;
BEGIN
	IF threshold IS NULL OR NOT (threshold >= 0 AND threshold <= 1) THEN
		RAISE EXCEPTION 'link_clusters: threshold % is outside [0, 1]', threshold
			USING ERRCODE = '22023',
				  HINT = 'The threshold is a match probability.';
	END IF;
	FOREACH col IN ARRAY ARRAY['id_a', 'id_b', 'match_probability'] LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_attribute
					   WHERE attrelid = links AND attname = col
						 AND attnum > 0 AND NOT attisdropped) THEN
			RAISE EXCEPTION 'link_clusters: table % has no column "%"', links, col
				USING ERRCODE = '42703',
					  HINT = 'Pass a links table as written by migrisk.link_records, or use link_clusters(text) with your own query.';
		END IF;
	END LOOP;
	RETURN QUERY SELECT c.record_id, c.person_id
	FROM @extschema@.link_clusters(format(
		'SELECT id_a::int8, id_b::int8 FROM %s WHERE match_probability >= %s',
		links, threshold)) AS c;
END
$$;

COMMENT ON FUNCTION @extschema@.link_clusters(regclass, float8) IS
'persons from a links table (columns id_a, id_b, match_probability, as link_records writes it): record id to person id (the smallest record id in its cluster) over the links with match_probability >= threshold; only records that appear in some link are returned';

------------------------------------------------------------------------
-- Repatriation points: US port of removal and Mexican reception point
------------------------------------------------------------------------

-- Key used to compare place names (src/core/place_key.h): upper case,
-- accents folded, "Cd." read as "Ciudad", punctuation to single spaces.
CREATE FUNCTION @extschema@._place_key(name text)
RETURNS text
AS 'MODULE_PATHNAME', 'place_key_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@._place_key(text) IS
'internal: the comparison key of a place name (letters upper case, accents, tilde and cedilla dropped, the word CD read as CIUDAD, other characters separate words joined by one space)';

CREATE FUNCTION @extschema@._place_keys(names text[])
RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN ARRAY(SELECT @extschema@._place_key(n) FROM pg_catalog.unnest(names) AS n);

COMMENT ON FUNCTION @extschema@._place_keys(text[]) IS
'internal: _place_key of every name of an array';

CREATE TABLE @extschema@.repatriation_point (
	us_port		text NOT NULL,
	us_state	text NOT NULL,
	us_lon		float8 NOT NULL CHECK (us_lon BETWEEN float8 '-180' AND float8 '180'),
	us_lat		float8 NOT NULL CHECK (us_lat BETWEEN float8 '-90' AND float8 '90'),
	mx_point	text NOT NULL,
	mx_state	text NOT NULL,
	mx_inegi	text CHECK (mx_inegi ~ '^[0-9]{5}$'),
	mx_lon		float8 NOT NULL CHECK (mx_lon BETWEEN float8 '-180' AND float8 '180'),
	mx_lat		float8 NOT NULL CHECK (mx_lat BETWEEN float8 '-90' AND float8 '90'),
	us_aliases	text[] NOT NULL DEFAULT '{}',
	mx_aliases	text[] NOT NULL DEFAULT '{}',
	seeded		boolean NOT NULL DEFAULT false,
	-- comparison keys of every name of each side, computed once
	us_keys		text[] GENERATED ALWAYS AS (@extschema@._place_keys(
					ARRAY[us_port, us_port || ' ' || us_state] OPERATOR(pg_catalog.||) us_aliases)) STORED,
	mx_keys		text[] GENERATED ALWAYS AS (@extschema@._place_keys(
					ARRAY[mx_point] OPERATOR(pg_catalog.||) mx_aliases)) STORED,
	PRIMARY KEY (us_port, mx_point)
);

COMMENT ON TABLE @extschema@.repatriation_point IS
'pairs of a US port of removal and the Mexican reception point (punto de recepcion) facing it, with approximate coordinates (WGS84, about 1 km) and the INEGI municipio key; used by return_plausibility; add rows for other ports, aliases and interior repatriation points (rows you add are kept by pg_dump)';

-- Sources: the reception points are those of the UPM (SEGOB) tables
-- "eventos de devolucion de mexicanos desde Estados Unidos, segun entidad
-- federativa y punto de recepcion" as reported for 2024 (Tijuana, Mexicali,
-- San Luis Rio Colorado, Nogales, Naco, Agua Prieta, Ciudad Juarez,
-- Ojinaga, Ciudad Acuna, Piedras Negras, Nuevo Laredo, Reynosa, Matamoros);
-- each faces the US port across the border crossing.  INEGI keys from the
-- INEGI Marco Geoestadistico municipio catalogue.  Coordinates are the
-- crossings' approximate positions, rounded to 0.01 degree.
INSERT INTO @extschema@.repatriation_point
	(us_port, us_state, us_lon, us_lat, mx_point, mx_state, mx_inegi, mx_lon, mx_lat, us_aliases, mx_aliases, seeded)
VALUES
	('San Ysidro', 'CA', -117.03, 32.54, 'Tijuana', 'Baja California', '02004', -117.03, 32.54, '{SAN DIEGO}', '{EL CHAPARRAL}', true),
	('Calexico', 'CA', -115.50, 32.67, 'Mexicali', 'Baja California', '02002', -115.49, 32.66, '{}', '{}', true),
	('San Luis', 'AZ', -114.78, 32.49, 'San Luis Río Colorado', 'Sonora', '26055', -114.78, 32.48, '{}', '{SAN LUIS R C}', true),
	('Nogales', 'AZ', -110.94, 31.33, 'Nogales', 'Sonora', '26043', -110.94, 31.32, '{}', '{}', true),
	('Naco', 'AZ', -109.95, 31.33, 'Naco', 'Sonora', '26039', -109.95, 31.32, '{}', '{}', true),
	('Douglas', 'AZ', -109.55, 31.33, 'Agua Prieta', 'Sonora', '26002', -109.55, 31.32, '{}', '{}', true),
	('El Paso', 'TX', -106.49, 31.76, 'Ciudad Juárez', 'Chihuahua', '08037', -106.49, 31.74, '{}', '{JUAREZ}', true),
	('Presidio', 'TX', -104.37, 29.56, 'Ojinaga', 'Chihuahua', '08052', -104.41, 29.55, '{}', '{}', true),
	('Del Rio', 'TX', -100.93, 29.33, 'Ciudad Acuña', 'Coahuila', '05002', -100.93, 29.32, '{}', '{ACUNA}', true),
	('Eagle Pass', 'TX', -100.50, 28.71, 'Piedras Negras', 'Coahuila', '05025', -100.52, 28.70, '{}', '{}', true),
	('Laredo', 'TX', -99.51, 27.50, 'Nuevo Laredo', 'Tamaulipas', '28027', -99.52, 27.48, '{}', '{}', true),
	('Hidalgo', 'TX', -98.27, 26.10, 'Reynosa', 'Tamaulipas', '28032', -98.28, 26.09, '{MCALLEN}', '{}', true),
	('Brownsville', 'TX', -97.50, 25.90, 'Matamoros', 'Tamaulipas', '28022', -97.50, 25.88, '{}', '{}', true);

SELECT pg_catalog.pg_extension_config_dump('@extschema@.repatriation_point', 'WHERE NOT seeded');
CREATE TRIGGER _config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.repatriation_point
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._config_changed();

------------------------------------------------------------------------
-- Deportation-return plausibility
------------------------------------------------------------------------

CREATE FUNCTION @extschema@.return_plausibility(
	removal_date date, removal_port text,
	reception_date date, reception_point text,
	min_days int DEFAULT 0, max_days int DEFAULT 7)
RETURNS int
AS 'MODULE_PATHNAME', 'return_plausibility'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.return_plausibility(date, text, date, text, int, int) IS
'plausibility that a reception follows a removal, as a comparison level: 0 fits (received min_days..max_days after removal, default 0..7, at the reception point facing the port of removal in repatriation_point; port names match with or without the state, "El Paso, TX"), 1 window_only (right time, other point), 2 point_only (right point, outside the window), 3 different';

------------------------------------------------------------------------
-- Fellegi-Sunter model estimated by EM
------------------------------------------------------------------------

CREATE FUNCTION @extschema@.with_plausibility(gamma @extschema@.link_gamma, level int)
RETURNS @extschema@.link_gamma
AS 'MODULE_PATHNAME', 'with_plausibility'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.with_plausibility(@extschema@.link_gamma, int) IS
'the comparison vector with its plausibility field set to level (0 fits .. 3 different, as return_plausibility returns it), or missing when level is NULL; level out of range: 22003';

-- link_em_state: the pattern counts of link_em and link_u, a real type so
-- that parallel workers and Citus move partial states and partials can be
-- stored and rolled up
CREATE TYPE @extschema@.link_em_state;
CREATE FUNCTION @extschema@.link_em_state_in(cstring) RETURNS @extschema@.link_em_state
AS 'MODULE_PATHNAME', 'link_em_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.link_em_state_out(@extschema@.link_em_state) RETURNS cstring
AS 'MODULE_PATHNAME', 'link_em_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.link_em_state_recv(internal) RETURNS @extschema@.link_em_state
AS 'MODULE_PATHNAME', 'link_em_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.link_em_state_send(@extschema@.link_em_state) RETURNS bytea
AS 'MODULE_PATHNAME', 'link_em_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.link_em_state (
	INPUT = @extschema@.link_em_state_in,
	OUTPUT = @extschema@.link_em_state_out,
	RECEIVE = @extschema@.link_em_state_recv,
	SEND = @extschema@.link_em_state_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);

COMMENT ON TYPE @extschema@.link_em_state IS
'the count of each distinct comparison pattern (and the EM options) that link_em and link_u gather: a partial state that link_em_state(gamma) returns, that can be stored and rolled up with link_em(state); text max_iter=N;tolerance=X;PATTERN:COUNT... with patterns in increasing order';
COMMENT ON FUNCTION @extschema@.link_em_state_in(cstring) IS 'internal: text input of link_em_state (every option, pattern and count checked)';
COMMENT ON FUNCTION @extschema@.link_em_state_out(@extschema@.link_em_state) IS 'internal: exact text output of link_em_state';
COMMENT ON FUNCTION @extschema@.link_em_state_recv(internal) IS 'internal: binary input of link_em_state (every length, option, pattern and count checked)';
COMMENT ON FUNCTION @extschema@.link_em_state_send(@extschema@.link_em_state) IS 'internal: binary output of link_em_state';

CREATE FUNCTION @extschema@._link_em_trans(@extschema@.link_em_state, @extschema@.link_gamma)
RETURNS @extschema@.link_em_state AS 'MODULE_PATHNAME', 'link_em_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._link_em_trans(@extschema@.link_em_state, @extschema@.link_gamma, int)
RETURNS @extschema@.link_em_state AS 'MODULE_PATHNAME', 'link_em_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._link_em_trans(@extschema@.link_em_state, @extschema@.link_gamma, int, float8)
RETURNS @extschema@.link_em_state AS 'MODULE_PATHNAME', 'link_em_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._link_em_combine(@extschema@.link_em_state, @extschema@.link_em_state)
RETURNS @extschema@.link_em_state AS 'MODULE_PATHNAME', 'link_em_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._link_em_final(@extschema@.link_em_state)
RETURNS jsonb AS 'MODULE_PATHNAME', 'link_em_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@._link_em_trans(@extschema@.link_em_state, @extschema@.link_gamma) IS
'internal: link_em transition (counts each distinct comparison pattern)';
COMMENT ON FUNCTION @extschema@._link_em_trans(@extschema@.link_em_state, @extschema@.link_gamma, int) IS
'internal: link_em transition with max_iter';
COMMENT ON FUNCTION @extschema@._link_em_trans(@extschema@.link_em_state, @extschema@.link_gamma, int, float8) IS
'internal: link_em transition with max_iter and tolerance';
COMMENT ON FUNCTION @extschema@._link_em_combine(@extschema@.link_em_state, @extschema@.link_em_state) IS
'internal: link_em combine (adds the pattern counts of two partial states with the same options); the transition of the roll-ups over stored states';
COMMENT ON FUNCTION @extschema@._link_em_final(@extschema@.link_em_state) IS
'internal: link_em final function (runs EM over the pattern counts in increasing pattern order, returns the model)';

CREATE AGGREGATE @extschema@.link_em(gamma @extschema@.link_gamma) (
	SFUNC = @extschema@._link_em_trans,
	STYPE = @extschema@.link_em_state,
	FINALFUNC = @extschema@._link_em_final,
	COMBINEFUNC = @extschema@._link_em_combine,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.link_em(gamma @extschema@.link_gamma, max_iter int) (
	SFUNC = @extschema@._link_em_trans,
	STYPE = @extschema@.link_em_state,
	FINALFUNC = @extschema@._link_em_final,
	COMBINEFUNC = @extschema@._link_em_combine,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.link_em(gamma @extschema@.link_gamma, max_iter int, tolerance float8) (
	SFUNC = @extschema@._link_em_trans,
	STYPE = @extschema@.link_em_state,
	FINALFUNC = @extschema@._link_em_final,
	COMBINEFUNC = @extschema@._link_em_combine,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.link_em(state @extschema@.link_em_state) (
	SFUNC = @extschema@._link_em_combine,
	STYPE = @extschema@.link_em_state,
	FINALFUNC = @extschema@._link_em_final,
	COMBINEFUNC = @extschema@._link_em_combine,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.link_em(@extschema@.link_gamma) IS
'Fellegi-Sunter model (jsonb: lambda, m and u per level per field) estimated by EM, without labels, from the comparison vectors of candidate pairs; EM runs over the counts of distinct patterns in increasing pattern order (max_iter 1000, tolerance 1e-6), so the model does not depend on row order or on parallel or distributed plans; the result is what match_weight and match_probability take';
COMMENT ON AGGREGATE @extschema@.link_em(@extschema@.link_gamma, int) IS
'link_em with a maximum number of EM iterations (1..100000)';
COMMENT ON AGGREGATE @extschema@.link_em(@extschema@.link_gamma, int, float8) IS
'link_em with a maximum number of EM iterations and a convergence tolerance (largest change of any probability, in (0, 1))';
COMMENT ON AGGREGATE @extschema@.link_em(@extschema@.link_em_state) IS
'link_em over stored partial states (link_em_state(gamma) per batch or group): the same model as link_em over all their pairs';

CREATE AGGREGATE @extschema@.link_em_state(gamma @extschema@.link_gamma) (
	SFUNC = @extschema@._link_em_trans,
	STYPE = @extschema@.link_em_state,
	COMBINEFUNC = @extschema@._link_em_combine,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.link_em_state(gamma @extschema@.link_gamma, max_iter int, tolerance float8) (
	SFUNC = @extschema@._link_em_trans,
	STYPE = @extschema@.link_em_state,
	COMBINEFUNC = @extschema@._link_em_combine,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.link_em_state(@extschema@.link_gamma) IS
'the pattern counts of link_em as a value (link_em_state) to store and roll up later with link_em(state) or link_u(state)';
COMMENT ON AGGREGATE @extschema@.link_em_state(@extschema@.link_gamma, int, float8) IS
'link_em_state with the EM options the roll-up will use (max_iter, tolerance)';

CREATE FUNCTION @extschema@._link_u_final(@extschema@.link_em_state)
RETURNS jsonb AS 'MODULE_PATHNAME', 'link_u_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@._link_u_final(@extschema@.link_em_state) IS
'internal: link_u final function (level frequencies of the pairs as u)';

CREATE AGGREGATE @extschema@.link_u(gamma @extschema@.link_gamma) (
	SFUNC = @extschema@._link_em_trans,
	STYPE = @extschema@.link_em_state,
	FINALFUNC = @extschema@._link_u_final,
	COMBINEFUNC = @extschema@._link_em_combine,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.link_u(state @extschema@.link_em_state) (
	SFUNC = @extschema@._link_em_combine,
	STYPE = @extschema@.link_em_state,
	FINALFUNC = @extschema@._link_u_final,
	COMBINEFUNC = @extschema@._link_em_combine,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.link_u(@extschema@.link_gamma) IS
'u probabilities as the level frequencies of the comparison vectors of random pairs (nearly all non-matches), for link_em_fit; its m and lambda are only starting values';
COMMENT ON AGGREGATE @extschema@.link_u(@extschema@.link_em_state) IS
'link_u over stored partial states (link_em_state(gamma))';

CREATE FUNCTION @extschema@.link_em_fit(patterns @extschema@.link_gamma[], counts float8[],
	u_model jsonb DEFAULT NULL, max_iter int DEFAULT 1000, tolerance float8 DEFAULT 1e-6,
	fix_u boolean DEFAULT true, lambda float8 DEFAULT NULL)
RETURNS jsonb AS 'MODULE_PATHNAME', 'link_em_fit'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.link_em_fit(@extschema@.link_gamma[], float8[], jsonb, int, float8, boolean, float8) IS
'EM over a table of distinct comparison patterns and their counts (as from GROUP BY gamma), summed in pattern order: the model does not depend on the order of the arrays; with u_model (e.g. link_u over random pairs) u is fixed at its values for the fields it has (fix_u => false: only starting values), which keeps EM from splitting blocked candidate pairs along another line; with lambda, lambda is fixed, else estimated';

CREATE FUNCTION @extschema@.match_weight(gamma @extschema@.link_gamma, model jsonb)
RETURNS float8 AS 'MODULE_PATHNAME', 'match_weight'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.match_weight(gamma @extschema@.link_gamma, model jsonb,
	surname1_tf float8, surname2_tf float8 DEFAULT NULL)
RETURNS float8 AS 'MODULE_PATHNAME', 'match_weight'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.match_probability(gamma @extschema@.link_gamma, model jsonb)
RETURNS float8 AS 'MODULE_PATHNAME', 'match_probability'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.match_probability(gamma @extschema@.link_gamma, model jsonb,
	surname1_tf float8, surname2_tf float8 DEFAULT NULL)
RETURNS float8 AS 'MODULE_PATHNAME', 'match_probability'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.match_weight(@extschema@.link_gamma, jsonb) IS
'match weight of a comparison vector: log2(lambda/(1-lambda)) + sum over compared fields of log2(m/u) of its level; missing fields and fields absent from the model add nothing; a model that does not fit: 22023';
COMMENT ON FUNCTION @extschema@.match_weight(@extschema@.link_gamma, jsonb, float8, float8) IS
'match weight with term-frequency adjustment: on an exact surname agreement adds log2(u_exact) - log2(max(tf, tf_minimum)), tf = share of records carrying that surname (NULL: no adjustment)';
COMMENT ON FUNCTION @extschema@.match_probability(@extschema@.link_gamma, jsonb) IS
'posterior probability that the pair is a match: 2^w / (1 + 2^w) of the match weight w';
COMMENT ON FUNCTION @extschema@.match_probability(@extschema@.link_gamma, jsonb, float8, float8) IS
'match probability with term-frequency adjustment of exact surname agreements (see match_weight)';

CREATE FUNCTION @extschema@.match_weight(gamma @extschema@.link_gamma, model jsonb,
	surname1_tf float8, surname2_tf float8, given_tf float8)
RETURNS float8 AS 'MODULE_PATHNAME', 'match_weight'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.match_probability(gamma @extschema@.link_gamma, model jsonb,
	surname1_tf float8, surname2_tf float8, given_tf float8)
RETURNS float8 AS 'MODULE_PATHNAME', 'match_probability'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.match_weight(@extschema@.link_gamma, jsonb, float8, float8, float8) IS
'match weight with term-frequency adjustment of exact surname and given-name agreements: on each adds log2(u_exact) - log2(max(tf, tf_minimum)), tf = share of records carrying that name (NULL: no adjustment)';
COMMENT ON FUNCTION @extschema@.match_probability(@extschema@.link_gamma, jsonb, float8, float8, float8) IS
'match probability with term-frequency adjustment of exact surname and given-name agreements (see match_weight)';

CREATE FUNCTION @extschema@.link_model_levels(model jsonb)
RETURNS TABLE (field text, level_index int, level text, m float8, u float8, weight float8)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT l.field, l.level_index, l.level,
		   (model -> 'fields' -> l.field -> 'm' ->> l.level_index)::float8,
		   (model -> 'fields' -> l.field -> 'u' ->> l.level_index)::float8,
		   ln((model -> 'fields' -> l.field -> 'm' ->> l.level_index)::float8) / ln(2::float8)
		   - ln((model -> 'fields' -> l.field -> 'u' ->> l.level_index)::float8) / ln(2::float8)
	FROM @extschema@.link_gamma_levels() AS l
	WHERE model -> 'fields' ? l.field
	ORDER BY l.field_index, l.level_index;
END;

COMMENT ON FUNCTION @extschema@.link_model_levels(jsonb) IS
'a link model as rows: field, level, m, u and the level''s weight log2(m/u), in link_gamma order';

------------------------------------------------------------------------
-- The one-call workflow
------------------------------------------------------------------------

------------------------------------------------------------------------
-- Blocking, shared by link_records and blocking_analysis
------------------------------------------------------------------------

CREATE FUNCTION @extschema@._link_blocking_prepare(
	left_table regclass, left_id text, left_identity text,
	right_table regclass, right_id text, right_identity text,
	blocking_function text, max_block int,
	left_date text, right_date text, min_days int, max_days int,
	OUT n_left int8, OUT n_right int8, OUT n_cand int8, OUT n_skipped int8)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
-- No SET search_path: the identity expressions and the blocking function
-- are the caller's SQL; built-ins are qualified with pg_catalog.
DECLARE
	dedup boolean := right_table IS NULL;
	windowed boolean := left_date IS NOT NULL;
	bucket int;
	ldate text := '';
	rdate text := '';
BEGIN
	IF windowed THEN
		ldate := pg_catalog.format(', (%s)::date AS _lr_date', left_date);
		rdate := pg_catalog.format(', (%s)::date AS _lr_date', right_date);
		bucket := max_days - min_days + 1;
	END IF;
	-- identities (temporary tables are ANALYZEd: the planner has no
	-- statistics for them otherwise and picks nested loops)
	EXECUTE pg_catalog.format('CREATE TEMP TABLE _lr_left ON COMMIT DROP AS SELECT %2$I::int8 AS _lr_id, (%3$s) AS _lr_ident %4$s, * FROM %1$s',
				   left_table, left_id, left_identity, ldate);
	GET DIAGNOSTICS n_left = ROW_COUNT;
	ANALYZE _lr_left;
	IF dedup THEN
		n_right := n_left;
	ELSE
		EXECUTE pg_catalog.format('CREATE TEMP TABLE _lr_right ON COMMIT DROP AS SELECT %2$I::int8 AS _lr_id, (%3$s) AS _lr_ident %4$s, * FROM %1$s',
					   right_table, right_id, right_identity, rdate);
		GET DIAGNOSTICS n_right = ROW_COUNT;
		ANALYZE _lr_right;
	END IF;
	IF windowed THEN
		-- Date-window blocking: each key is suffixed with a bucket of
		-- (max_days - min_days + 1) days.  A right record's bucket holds
		-- its date; a left record takes the buckets of date + min_days and
		-- date + max_days, so every pair whose right date lies min_days to
		-- max_days after its left date shares a key (and a few pairs a
		-- little outside the window do too).  No date, or an infinite
		-- one: no keys.
		EXECUTE pg_catalog.format(
			'CREATE TEMP TABLE _lr_lkey ON COMMIT DROP AS
			 SELECT DISTINCT l._lr_id AS id, k.k OPERATOR(pg_catalog.||) ''@'' OPERATOR(pg_catalog.||) b.b AS k
			 FROM _lr_left l, pg_catalog.unnest(%1$s(l._lr_ident)) AS k(k),
				  LATERAL (VALUES (pg_catalog.floor((l._lr_date - date ''2000-01-01'' + %2$s)::float8 / %4$s::float8)::int8),
								  (pg_catalog.floor((l._lr_date - date ''2000-01-01'' + %3$s)::float8 / %4$s::float8)::int8)) AS b(b)
			 WHERE pg_catalog.isfinite(l._lr_date)',
			blocking_function, min_days, max_days, bucket);
		EXECUTE pg_catalog.format(
			'CREATE TEMP TABLE _lr_rkey ON COMMIT DROP AS
			 SELECT DISTINCT r._lr_id AS id, k.k OPERATOR(pg_catalog.||) ''@'' OPERATOR(pg_catalog.||) pg_catalog.floor((r._lr_date - date ''2000-01-01'')::float8 / %2$s::float8)::int8 AS k
			 FROM _lr_right r, pg_catalog.unnest(%1$s(r._lr_ident)) AS k(k)
			 WHERE pg_catalog.isfinite(r._lr_date)',
			blocking_function, bucket);
		ANALYZE _lr_lkey;
		ANALYZE _lr_rkey;
	ELSE
		EXECUTE pg_catalog.format('CREATE TEMP TABLE _lr_lkey ON COMMIT DROP AS SELECT DISTINCT _lr_id AS id, pg_catalog.unnest(%s(_lr_ident)) AS k FROM _lr_left',
					   blocking_function);
		ANALYZE _lr_lkey;
		IF NOT dedup THEN
			EXECUTE pg_catalog.format('CREATE TEMP TABLE _lr_rkey ON COMMIT DROP AS SELECT DISTINCT _lr_id AS id, pg_catalog.unnest(%s(_lr_ident)) AS k FROM _lr_right',
						   blocking_function);
			ANALYZE _lr_rkey;
		END IF;
	END IF;
	-- keys too common to block on (more than max_block records on a side)
	EXECUTE pg_catalog.format(
		'CREATE TEMP TABLE _lr_big ON COMMIT DROP AS
		 SELECT k FROM _lr_lkey GROUP BY k HAVING pg_catalog.count(*) > %1$s::int8
		 UNION SELECT k FROM %2$s GROUP BY k HAVING pg_catalog.count(*) > %1$s::int8',
		max_block, CASE WHEN dedup THEN '_lr_lkey' ELSE '_lr_rkey' END);
	GET DIAGNOSTICS n_skipped = ROW_COUNT;
	ANALYZE _lr_big;
	EXECUTE pg_catalog.format(
		'CREATE TEMP TABLE _lr_cand ON COMMIT DROP AS
		 SELECT DISTINCT a.id AS id_a, b.id AS id_b
		 FROM _lr_lkey a JOIN %s b USING (k)
		 WHERE NOT EXISTS (SELECT 1 FROM _lr_big g WHERE g.k = a.k) %s',
		CASE WHEN dedup THEN '_lr_lkey' ELSE '_lr_rkey' END,
		CASE WHEN dedup THEN 'AND a.id < b.id' ELSE '' END);
	GET DIAGNOSTICS n_cand = ROW_COUNT;
	ANALYZE _lr_cand;
END
$fn$;

COMMENT ON FUNCTION @extschema@._link_blocking_prepare(regclass, text, text, regclass, text, text, text, int, text, text, int, int) IS
'internal: the blocking step of link_records and blocking_analysis (temporary tables _lr_left, _lr_right, _lr_lkey, _lr_rkey, _lr_big, _lr_cand, dropped at commit); returns the record, candidate and skipped-key counts';

------------------------------------------------------------------------
-- The stages of link_records after blocking: comparison, model, scoring
------------------------------------------------------------------------

CREATE FUNCTION @extschema@._link_records_compare(compare_expr text, dedup boolean, n_cand int8)
RETURNS jsonb
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
-- No SET search_path: compare_expr is the caller's SQL (link_records makes
-- it of compare_function and plausibility, over l.* and r.*); built-ins
-- are qualified with pg_catalog, the temporary tables with pg_temp.
DECLARE
	t timestamptz := pg_catalog.clock_timestamp();
	secs numeric;
BEGIN
	EXECUTE pg_catalog.format(
		'CREATE TEMP TABLE _lr_pairs ON COMMIT DROP AS
		 SELECT c.id_a, c.id_b, %s AS gamma
		 FROM pg_temp._lr_cand c JOIN pg_temp._lr_left l ON l._lr_id = c.id_a JOIN pg_temp.%I r ON r._lr_id = c.id_b',
		compare_expr, CASE WHEN dedup THEN '_lr_left' ELSE '_lr_right' END);
	secs := pg_catalog.round(EXTRACT(epoch FROM pg_catalog.clock_timestamp() - t)::numeric, 3);
	RAISE NOTICE 'link_records: comparison: % pairs compared (% s, % pairs/s)',
		n_cand, secs,
		CASE WHEN secs > 0::numeric THEN pg_catalog.round(n_cand::numeric / secs) END;
	RETURN pg_catalog.jsonb_build_object('comparison_s', secs);
END
$fn$;

COMMENT ON FUNCTION @extschema@._link_records_compare(text, boolean, int8) IS
'internal: the comparison step of link_records: the comparison vector (compare_expr over l.* and r.*) of every candidate pair of _lr_cand into temporary table _lr_pairs (id_a, id_b, gamma; dropped at commit); returns its time';

CREATE FUNCTION @extschema@._link_records_distributed(
	left_table regclass, left_id text, left_identity text,
	right_table regclass, right_id text, right_identity text,
	blocking_function text, max_block int,
	left_date text, right_date text, min_days int, max_days int,
	compare_expr text, plausibility text, work text[],
	OUT n_left int8, OUT n_right int8, OUT n_cand int8, OUT n_skipped int8, OUT times jsonb)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
-- No SET search_path: the expressions and functions are the caller's SQL;
-- built-ins are qualified with pg_catalog.  work holds the qualified names
-- of the work tables to create: left and right records, left and right
-- keys, pairs.
--
-- Blocking and comparison where the records are, on Citus.  Each table's
-- records with their identity (computed once: the identity expression
-- may be costly) and the columns plausibility names, distributed by id;
-- their blocking keys, each with its record, into tables distributed by
-- key (the two colocated), so that the pairs sharing a key meet on one
-- worker; keys with more than max_block records on a side dropped there;
-- the pairs compared in the same pushed-down join and written to a table
-- distributed by id_a (a pair sharing several keys is compared once per
-- key and kept once).  No record or pair passes through the coordinator.
DECLARE
	dedup boolean := right_table IS NULL;
	windowed boolean := left_date IS NOT NULL;
	-- the day bucket of a record's date + %d days
	b_expr text := pg_catalog.format(
		'pg_catalog.floor((s._lr_date OPERATOR(pg_catalog.-) date ''2000-01-01'' OPERATOR(pg_catalog.+) %%d)::float8 OPERATOR(pg_catalog./) %s::float8)::int8',
		max_days - min_days + 1);
	lk text := work[3];
	rk text := CASE WHEN right_table IS NULL THEN work[3] ELSE work[4] END;
	t timestamptz := pg_catalog.clock_timestamp();
	side int;
	tab regclass;
	q text;
	big text;
	cand text;
BEGIN
	FOR side IN 1 .. CASE WHEN dedup THEN 1 ELSE 2 END LOOP
		tab := CASE side WHEN 1 THEN left_table ELSE right_table END;
		-- records: id, identity, date, the columns plausibility names
		q := pg_catalog.format('SELECT %2$I::int8 AS _lr_id, (%3$s) AS _lr_ident %4$s %5$s FROM %1$s',
			tab, CASE side WHEN 1 THEN left_id ELSE right_id END,
			CASE side WHEN 1 THEN left_identity ELSE right_identity END,
			CASE WHEN windowed THEN pg_catalog.format(', (%s)::date AS _lr_date', CASE side WHEN 1 THEN left_date ELSE right_date END) ELSE '' END,
			(SELECT pg_catalog.string_agg(', ' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(a.attname), '' ORDER BY a.attnum)
			 FROM pg_catalog.pg_attribute a
			 WHERE a.attrelid OPERATOR(pg_catalog.=) tab AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped
			   AND a.attname OPERATOR(pg_catalog.<>) ALL (ARRAY['_lr_k', '_lr_id', '_lr_ident', '_lr_date']::name[])
			   AND plausibility OPERATOR(pg_catalog.~*) ('\m' OPERATOR(pg_catalog.||)
				   pg_catalog.regexp_replace(a.attname, '([^[:alnum:]_])', '\\\1', 'g') OPERATOR(pg_catalog.||) '\M')));
		EXECUTE pg_catalog.format('CREATE TABLE %s AS %s WITH NO DATA', work[side], q);
		-- not colocated with the input, so the rows are repartitioned:
		-- Citus 13.2 deparses a colocated INSERT ... SELECT wrongly when
		-- the identity holds a CASE x WHEN inside ROW(...)::type (each
		-- WHEN becomes NULL::boolean)
		PERFORM pg_catalog.create_distributed_table(work[side]::regclass, '_lr_id', colocate_with => 'none');
		EXECUTE pg_catalog.format('INSERT INTO %s %s', work[side], q);
		IF side = 1 THEN
			GET DIAGNOSTICS n_left = ROW_COUNT;
		ELSE
			GET DIAGNOSTICS n_right = ROW_COUNT;
		END IF;
		-- keys: per blocking key (windowed: per key and day bucket, the
		-- buckets of _link_blocking_prepare: a left record's of date +
		-- min_days and date + max_days, a right record's of its date) the
		-- record's columns
		q := pg_catalog.format(
			'SELECT %1$s AS _lr_k, s.* FROM %3$s s, pg_catalog.unnest(%2$s(s._lr_ident)) AS k(k) %4$s',
			CASE WHEN NOT windowed THEN 'k.k'
				 WHEN side = 1 THEN 'k.k OPERATOR(pg_catalog.||) ''@'' OPERATOR(pg_catalog.||) b.b'
				 ELSE pg_catalog.format('k.k OPERATOR(pg_catalog.||) ''@'' OPERATOR(pg_catalog.||) %s', pg_catalog.replace(b_expr, '%d', '0')) END,
			blocking_function, work[side],
			CASE WHEN NOT windowed THEN ''
				 WHEN side = 1 THEN pg_catalog.format(
					', pg_catalog.unnest(CASE WHEN %1$s OPERATOR(pg_catalog.=) %2$s THEN ARRAY[%1$s] ELSE ARRAY[%1$s, %2$s] END) AS b(b)
					 WHERE pg_catalog.isfinite(s._lr_date)',
					pg_catalog.replace(b_expr, '%d', min_days::text), pg_catalog.replace(b_expr, '%d', max_days::text))
				 ELSE ' WHERE pg_catalog.isfinite(s._lr_date)' END);
		EXECUTE pg_catalog.format('CREATE TABLE %s AS %s WITH NO DATA', work[side + 2], q);
		PERFORM pg_catalog.create_distributed_table(work[side + 2]::regclass, '_lr_k', colocate_with => CASE side WHEN 1 THEN 'default' ELSE work[3] END);
		EXECUTE pg_catalog.format('INSERT INTO %s %s', work[side + 2], q);
		-- the planner's statistics of the key (the join below is a merge
		-- join of sorted wide rows without them, three times slower)
		EXECUTE pg_catalog.format('ANALYZE %s (_lr_k)', work[side + 2]);
	END LOOP;
	IF dedup THEN
		n_right := n_left;
	END IF;
	-- keys with more than max_block records on a side (a key's rows are on
	-- one worker: grouped there), dropped from both key tables.  Rows are
	-- counted first, and distinct records only for the few keys with more
	-- rows than that (a blocking function may repeat a key of a record):
	-- a count of distinct ids over every key costs a sort per key.
	big := pg_catalog.format(
		'SELECT g._lr_k FROM (SELECT _lr_k FROM %1$s GROUP BY _lr_k HAVING pg_catalog.count(*) > %3$s::int8) g
			 JOIN %1$s d ON d._lr_k OPERATOR(pg_catalog.=) g._lr_k
		 GROUP BY g._lr_k HAVING pg_catalog.count(DISTINCT d._lr_id) > %3$s::int8
		 UNION
		 SELECT g._lr_k FROM (SELECT _lr_k FROM %2$s GROUP BY _lr_k HAVING pg_catalog.count(*) > %3$s::int8) g
			 JOIN %2$s d ON d._lr_k OPERATOR(pg_catalog.=) g._lr_k
		 GROUP BY g._lr_k HAVING pg_catalog.count(DISTINCT d._lr_id) > %3$s::int8',
		lk, rk, max_block);
	EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM (%s) g', big) INTO n_skipped;
	IF n_skipped > 0 THEN
		EXECUTE pg_catalog.format('DELETE FROM %1$s d USING (%2$s) g WHERE d._lr_k OPERATOR(pg_catalog.=) g._lr_k', lk, big);
		IF NOT dedup THEN
			EXECUTE pg_catalog.format('DELETE FROM %1$s d USING (%2$s) g WHERE d._lr_k OPERATOR(pg_catalog.=) g._lr_k', rk, big);
		END IF;
	END IF;
	times := pg_catalog.jsonb_build_object('blocking_s',
		pg_catalog.round(EXTRACT(epoch FROM pg_catalog.clock_timestamp() - t)::numeric, 3));
	t := pg_catalog.clock_timestamp();
	cand := pg_catalog.format(
		'SELECT l._lr_id AS id_a, r._lr_id AS id_b, %s AS gamma
		 FROM %s l JOIN %s r ON l._lr_k OPERATOR(pg_catalog.=) r._lr_k %s',
		compare_expr, lk, rk, CASE WHEN dedup THEN 'AND l._lr_id OPERATOR(pg_catalog.<) r._lr_id' ELSE '' END);
	EXECUTE pg_catalog.format('CREATE TABLE %s AS %s WITH NO DATA', work[5], cand);
	EXECUTE pg_catalog.format('ALTER TABLE %s ADD PRIMARY KEY (id_a, id_b)', work[5]);
	PERFORM pg_catalog.create_distributed_table(work[5]::regclass, 'id_a');
	EXECUTE pg_catalog.format('INSERT INTO %s %s ON CONFLICT DO NOTHING', work[5], cand);
	EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM %s', work[5]) INTO n_cand;
	times := times OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('comparison_s',
		pg_catalog.round(EXTRACT(epoch FROM pg_catalog.clock_timestamp() - t)::numeric, 3));
END
$fn$;

COMMENT ON FUNCTION @extschema@._link_records_distributed(regclass, text, text, regclass, text, text, text, int, text, text, int, int, text, text, text[]) IS
'internal: blocking and comparison of link_records on Citus, into the work tables named by work: each table''s records (id, identity, date and the columns plausibility names) distributed by id, their blocking keys with the record distributed by key and colocated, keys with more than max_block records on a side dropped, the candidate pairs compared in the pushed-down join into a table (id_a, id_b, gamma) distributed by id_a; returns the record, candidate and skipped-key counts and the times';

CREATE FUNCTION @extschema@._link_records_fit(compare_expr text, dedup boolean, windowed boolean,
	n_left int8, n_right int8, n_cand int8, lambda float8,
	pairs text, left_rows text, right_rows text,
	OUT model jsonb, OUT u_pairs int8, OUT times jsonb)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
-- No SET search_path: compare_expr is the caller's SQL; built-ins are
-- qualified with pg_catalog.  pairs (id_a, id_b, gamma), left_rows and
-- right_rows (_lr_id, _lr_ident and the table's columns) name the
-- candidates and the records, qualified: link_records's temporary tables,
-- or on Citus its distributed pairs and the input tables.
DECLARE
	t timestamptz := pg_catalog.clock_timestamp();
	sample_a int8;
	sample_b int8;
	u jsonb;
	lam float8;
	bound float8;
	pats @extschema@.link_gamma[];
	cnts float8[];
	u_all jsonb;
BEGIN
	times := '{}';
	-- EM over the distinct patterns of the candidates, lambda estimated.
	-- Blocking selects pairs that agree on its keys, and EM can then split
	-- the candidates along those agreements (namesakes against the rest)
	-- instead of matches against non-matches, with a match class larger
	-- than the records allow.  Such a fit is refused: when lambda times
	-- the candidates exceeds the bound (deduplicating, half the records;
	-- two tables, the larger table's records), lambda is taken from a fit
	-- that cannot move u (u fixed at the level frequencies of all the
	-- candidates, nearly all non-matches; at most the bound), and EM runs
	-- again with lambda fixed there; a WARNING says so.  Not lambda fixed
	-- at the bound itself (the default before): EM fills such a match
	-- class with namesakes wherever the true share is below it
	-- (docs/linkage.md).  lambda = -1: estimated, without the bound.
	--
	-- With the date window the candidates are mostly matches, and their
	-- disagreements say little about non-matches: u then starts from
	-- random pairs (the cross product of a random sample of each table,
	-- about a million pairs: Splink's way of estimating u), and EM
	-- estimates m, u and lambda from there (lambda fixed if given).  The
	-- bound does not apply: the candidates are about as many as the
	-- records.
	IF windowed AND n_cand > 0 THEN
		sample_a := least(n_left, 1000::int8);
		sample_b := least(n_right, pg_catalog.ceil(1000000.0 / greatest(sample_a, 1))::int8);
		EXECUTE pg_catalog.format(
			'SELECT @extschema@.link_u(%s)
			 FROM (SELECT * FROM %s ORDER BY pg_catalog.random() LIMIT %s) l,
				  (SELECT * FROM %s ORDER BY pg_catalog.random() LIMIT %s) r',
			compare_expr, left_rows, sample_a, right_rows, sample_b) INTO u;
		times := times OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('u_s',
			pg_catalog.round(EXTRACT(epoch FROM pg_catalog.clock_timestamp() - t)::numeric, 3));
		RAISE NOTICE 'link_records: u from % random pairs (% s)', sample_a * sample_b, times ->> 'u_s';
		t := pg_catalog.clock_timestamp();
		u_pairs := sample_a * sample_b;
	END IF;
	lam := CASE WHEN lambda = float8 '-1' THEN NULL ELSE lambda END;
	bound := CASE WHEN lambda IS NOT NULL OR u IS NOT NULL OR n_cand = 0::int8 THEN NULL
				  WHEN dedup THEN n_left::float8 / float8 '2' / n_cand::float8
				  ELSE greatest(n_left, n_right)::float8 / n_cand::float8 END;
	EXECUTE pg_catalog.format(
		'SELECT pg_catalog.array_agg(p.gamma), pg_catalog.array_agg(p.n)
		 FROM (SELECT gamma, pg_catalog.count(*)::float8 AS n FROM %s GROUP BY gamma) p', pairs)
		INTO pats, cnts;
	model := @extschema@.link_em_fit(pats, cnts, u_model => u, fix_u => false, lambda => lam);
	IF model IS NULL THEN
		RAISE EXCEPTION 'link_records: no candidate pairs to estimate a model from'
			USING ERRCODE = '22023',
				  HINT = 'Check the blocking keys (max_block may skip every key) or pass a model.';
	END IF;
	IF bound < float8 '1' AND (model ->> 'lambda')::float8 > bound THEN
		EXECUTE pg_catalog.format('SELECT @extschema@.link_u(q.gamma) FROM %s q', pairs) INTO u_all;
		lam := least(bound, (@extschema@.link_em_fit(pats, cnts, u_model => u_all, fix_u => true) ->> 'lambda')::float8);
		RAISE WARNING 'link_records: EM estimated lambda % (% matching pairs among % candidates), more than % allows; lambda % from EM with u fixed at the candidates'' level frequencies',
			pg_catalog.round((model ->> 'lambda')::numeric, 4),
			pg_catalog.round((model ->> 'lambda')::numeric * n_cand), n_cand,
			CASE WHEN dedup THEN 'half the records (' OPERATOR(pg_catalog.||) n_left / 2::int8 OPERATOR(pg_catalog.||) ')'
				 ELSE 'the larger table''s records (' OPERATOR(pg_catalog.||) greatest(n_left, n_right) OPERATOR(pg_catalog.||) ')' END,
			pg_catalog.round(lam::numeric, 4)
			USING DETAIL = 'EM took pairs that agree on the blocking keys (namesakes) for matches.',
				  HINT = 'Check the links near the threshold; labels (link_m_from_labels) or lambda give the model what the candidates cannot.';
		model := @extschema@.link_em_fit(pats, cnts, u_model => u, fix_u => false, lambda => lam);
	END IF;
	-- With the window the candidates hold few non-matches, and EM can
	-- take a level's u below what the random pairs show (a year off by
	-- one: none among a few hundred non-matches, u -> 0, +15 bits).
	-- No u falls below its random-pair value (each field renormalised),
	-- so a level's weight stays what the population supports, also
	-- when the model scores other candidates (a table's duplicates).
	IF u IS NOT NULL THEN
		SELECT model OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('fields',
			pg_catalog.jsonb_object_agg(f.key, f.value OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('u',
				(SELECT pg_catalog.jsonb_agg(x.v / x.s ORDER BY x.i)
				 FROM (SELECT e.i, e.v, pg_catalog.sum(e.v) OVER () AS s
					   FROM (SELECT e.i, greatest(e.v::float8,
									coalesce((u -> 'fields' -> f.key -> 'u' ->> (e.i - 1)::int)::float8, float8 '0')) AS v
							 FROM pg_catalog.jsonb_array_elements_text(f.value -> 'u') WITH ORDINALITY AS e(v, i)) e) x))))
		INTO model
		FROM pg_catalog.jsonb_each(model -> 'fields') AS f;
	END IF;
	times := times OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('em_s',
		pg_catalog.round(EXTRACT(epoch FROM pg_catalog.clock_timestamp() - t)::numeric, 3));
	RAISE NOTICE 'link_records: EM: % patterns, % iterations, lambda % (%) (% s)',
		model -> 'em' ->> 'patterns', model -> 'em' ->> 'iterations', model ->> 'lambda',
		CASE WHEN lam IS NULL THEN 'estimated' WHEN lambda IS NULL THEN 'from u fixed, within the bound' ELSE 'given' END
		OPERATOR(pg_catalog.||) CASE WHEN u IS NOT NULL THEN ', u started from random pairs' ELSE '' END,
		times ->> 'em_s';
END
$fn$;

COMMENT ON FUNCTION @extschema@._link_records_fit(text, boolean, boolean, int8, int8, int8, float8, text, text, text) IS
'internal: the model step of link_records: EM (link_em_fit) over the distinct patterns of the candidate pairs (the table pairs), lambda estimated unless given; when the estimate exceeds the bound (deduplicating, half the records over the candidates; two tables, the larger table''s records over the candidates), a WARNING and lambda from EM with u fixed at the candidates'' level frequencies (at most the bound), then EM with that lambda (-1: estimated, no bound); windowed, u started from random pairs of left_rows and right_rows and kept at least at their values; returns the model, the number of random pairs and the times';

CREATE FUNCTION @extschema@._link_records_score(result_table text[], model jsonb, threshold float8,
	pairs text, distributed boolean,
	OUT n_links int8, OUT expected_false_links float8, OUT expected_missed_links float8,
	OUT times jsonb)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
-- No SET search_path: the result table lands where the caller names it;
-- built-ins are qualified with pg_catalog; pairs is qualified.
DECLARE
	t timestamptz := pg_catalog.clock_timestamp();
	res text;
	links text := pg_catalog.format(
		'SELECT id_a, id_b, gamma, match_weight, match_probability
		 FROM (SELECT id_a, id_b, gamma,
					  @extschema@.match_weight(gamma, $1) AS match_weight,
					  @extschema@.match_probability(gamma, $1) AS match_probability
			   FROM %s) s
		 WHERE match_probability OPERATOR(pg_catalog.>=) $2', pairs);
BEGIN
	SELECT pg_catalog.string_agg(pg_catalog.quote_ident(p), '.') INTO res
	FROM pg_catalog.unnest(result_table) AS p;
	IF distributed THEN
		-- on Citus: the result distributed as the pairs are, written on
		-- the workers (no link passes through the coordinator)
		EXECUTE pg_catalog.format('CREATE TABLE %s AS %s WITH NO DATA', res, links) USING model, threshold;
		PERFORM pg_catalog.create_distributed_table(res::regclass, 'id_a', colocate_with => pairs);
		EXECUTE pg_catalog.format('INSERT INTO %s %s', res, links) USING model, threshold;
	ELSE
		EXECUTE pg_catalog.format('CREATE TABLE %s AS %s', res, links) USING model, threshold;
	END IF;
	GET DIAGNOSTICS n_links = ROW_COUNT;
	times := pg_catalog.jsonb_build_object('scoring_s',
		pg_catalog.round(EXTRACT(epoch FROM pg_catalog.clock_timestamp() - t)::numeric, 3));
	RAISE NOTICE 'link_records: scoring: % links with match_probability >= % written to % (% s)',
		n_links, threshold, res, times ->> 'scoring_s';
	-- label-free accuracy (as fastLink): among the candidates, a link
	-- with probability p is false with probability 1 - p, a pair left out
	-- a missed match with probability p; summed over the distinct vectors
	EXECUTE pg_catalog.format(
		'SELECT pg_catalog.sum(CASE WHEN s.p OPERATOR(pg_catalog.>=) $2 THEN (float8 ''1'' OPERATOR(pg_catalog.-) s.p) OPERATOR(pg_catalog.*) s.n ELSE float8 ''0'' END),
				pg_catalog.sum(CASE WHEN s.p OPERATOR(pg_catalog.<) $2 THEN s.p OPERATOR(pg_catalog.*) s.n ELSE float8 ''0'' END)
		 FROM (SELECT @extschema@.match_probability(g.gamma, $1) AS p, g.n
			   FROM (SELECT gamma, pg_catalog.count(*)::float8 AS n FROM %s GROUP BY gamma) g) s', pairs)
		INTO expected_false_links, expected_missed_links
		USING model, threshold;
	RAISE NOTICE 'link_records: label-free estimate: % expected false links, % expected missed matches among the candidates (estimated precision %, recall %)',
		pg_catalog.round(expected_false_links::numeric, 1), pg_catalog.round(expected_missed_links::numeric, 1),
		CASE WHEN n_links > 0::int8 THEN pg_catalog.round((float8 '1' - expected_false_links / n_links::float8)::numeric, 4) END,
		CASE WHEN n_links::float8 - expected_false_links + expected_missed_links > float8 '0'
			 THEN pg_catalog.round(((n_links::float8 - expected_false_links)
					/ (n_links::float8 - expected_false_links + expected_missed_links))::numeric, 4) END;
END
$fn$;

COMMENT ON FUNCTION @extschema@._link_records_score(text[], jsonb, float8, text, boolean) IS
'internal: the scoring step of link_records: the candidate pairs (the table pairs) with match_probability >= threshold under the model into a new table named by the parts of result_table (id_a, id_b, gamma, match_weight, match_probability; distributed: a Citus table distributed by id_a, colocated with pairs), and the label-free estimate of false links and missed matches among the candidates; returns the counts and the time';

CREATE FUNCTION @extschema@.link_records(
	left_table regclass, left_id text, left_identity text,
	right_table regclass DEFAULT NULL, right_id text DEFAULT NULL, right_identity text DEFAULT NULL,
	result_table text DEFAULT 'links',
	model jsonb DEFAULT NULL,
	threshold float8 DEFAULT 0.5,
	plausibility text DEFAULT NULL,
	max_block int DEFAULT 1000,
	lambda float8 DEFAULT NULL,
	compare_function text DEFAULT '@extschema@.compare_persons',
	blocking_function text DEFAULT '@extschema@.blocking_keys',
	left_date text DEFAULT NULL, right_date text DEFAULT NULL,
	min_days int DEFAULT 0, max_days int DEFAULT 7)
RETURNS jsonb
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
-- No SET search_path: the identity, plausibility and function names are the
-- caller's SQL and resolve in the caller's search path; every object of
-- this extension is schema-qualified below.
DECLARE
	dedup boolean := right_table IS NULL;
	rtab regclass := coalesce(right_table, left_table);
	rid text := coalesce(right_id, left_id);
	rident text := coalesce(right_identity, left_identity);
	res text;
	res_parts text[];
	t0 timestamptz := pg_catalog.clock_timestamp();
	t timestamptz;
	n_left int8;
	n_right int8;
	n_cand int8;
	n_skipped int8;
	n_links int8;
	m jsonb := model;
	times jsonb := '{}';
	col text;
	tab regclass;
	windowed boolean := left_date IS NOT NULL;
	ldate text := '';
	rdate text := '';
	-- the comparison vector of a pair (l, r), with plausibility if given
	compare_expr text := CASE WHEN plausibility IS NULL
		THEN pg_catalog.format('%s(l._lr_ident, r._lr_ident)', compare_function)
		ELSE pg_catalog.format('@extschema@.with_plausibility(%s(l._lr_ident, r._lr_ident), (%s)::int)', compare_function, plausibility) END;
	u_pairs int8;
	stage_times jsonb;
	exp_false float8;
	exp_missed float8;
	-- on Citus, with a distributed input: work tables beside the result
	distributed boolean := false;
	work text[];
	pairs text := 'pg_temp._lr_pairs';
	left_rows text := 'pg_temp._lr_left';
	right_rows text := 'pg_temp._lr_right';
BEGIN
	-- Every check before any work.
	IF left_table IS NULL OR left_id IS NULL OR left_identity IS NULL OR result_table IS NULL
	   OR compare_function IS NULL OR blocking_function IS NULL OR max_block IS NULL THEN
		RAISE EXCEPTION 'link_records: left_table, left_id, left_identity, result_table, compare_function, blocking_function and max_block must not be NULL'
			USING ERRCODE = '22004';
	END IF;
	IF (right_table IS NULL) <> (right_id IS NULL) OR (right_table IS NULL AND right_identity IS NOT NULL) THEN
		RAISE EXCEPTION 'link_records: give right_table and right_id together (or neither, to deduplicate left_table)'
			USING ERRCODE = '22023';
	END IF;
	IF threshold IS NULL OR NOT (threshold >= float8 '0' AND threshold <= float8 '1') THEN
		RAISE EXCEPTION 'link_records: threshold % is outside [0, 1]', threshold
			USING ERRCODE = '22023', HINT = 'The threshold is a match probability.';
	END IF;
	IF lambda IS NOT NULL AND NOT (lambda > float8 '0' AND lambda < float8 '1' OR lambda = float8 '-1') THEN
		RAISE EXCEPTION 'link_records: lambda % is outside (0, 1)', lambda
			USING ERRCODE = '22023',
				  HINT = 'lambda is the share of candidate pairs that match; NULL: estimated by EM within the bound; -1: estimated by EM, no bound.';
	END IF;
	IF (left_date IS NULL) <> (right_date IS NULL) THEN
		RAISE EXCEPTION 'link_records: give left_date and right_date together (or neither)'
			USING ERRCODE = '22023';
	END IF;
	IF windowed AND dedup THEN
		RAISE EXCEPTION 'link_records: date-window blocking needs two tables'
			USING ERRCODE = '22023',
				  HINT = 'left_date and right_date pair a record of each table by when its event happened; to deduplicate one table, block without them.';
	END IF;
	IF windowed AND (min_days IS NULL OR max_days IS NULL OR min_days > max_days) THEN
		RAISE EXCEPTION 'link_records: window [%, %] days is empty', min_days, max_days
			USING ERRCODE = '22023', HINT = 'min_days must not exceed max_days.';
	END IF;
	IF max_block < 2 THEN
		RAISE EXCEPTION 'link_records: max_block % is too small', max_block
			USING ERRCODE = '22023', HINT = 'Blocks with more records than max_block on a side are skipped; use at least 2.';
	END IF;
	FOR tab, col IN SELECT * FROM (VALUES (left_table, left_id), (rtab, rid)) v LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
					   WHERE attrelid = tab AND attname = col AND attnum > 0 AND NOT attisdropped) THEN
			RAISE EXCEPTION 'link_records: table % has no column "%"', tab, col
				USING ERRCODE = '42703', HINT = 'Name the id column of each table.';
		END IF;
	END LOOP;
	BEGIN
		res_parts := pg_catalog.parse_ident(result_table);
	EXCEPTION WHEN OTHERS THEN
		RAISE EXCEPTION 'link_records: invalid result table name "%"', result_table
			USING ERRCODE = '42602';
	END;
	SELECT pg_catalog.string_agg(pg_catalog.quote_ident(p), '.') INTO res FROM pg_catalog.unnest(res_parts) AS p;
	IF pg_catalog.to_regclass(res) IS NOT NULL THEN
		RAISE EXCEPTION 'link_records: result table % already exists', res
			USING ERRCODE = '42P07', HINT = 'Drop it or name another result_table.';
	END IF;
	IF m IS NOT NULL THEN
		-- parses and checks the model (22023 if it does not fit)
		PERFORM @extschema@.match_weight('', m);
	END IF;
	IF windowed THEN
		ldate := pg_catalog.format(', (%s)::date AS _lr_date', left_date);
		rdate := pg_catalog.format(', (%s)::date AS _lr_date', right_date);
	END IF;
	-- The expressions, the functions and the id types, checked by the parser
	-- on an empty query: a typo fails here, not after blocking.
	BEGIN
		EXECUTE pg_catalog.format(
			'SELECT %3$s(l._lr_ident, r._lr_ident), %4$s(l._lr_ident), %4$s(r._lr_ident), l._lr_id::int8, r._lr_id::int8 %5$s
			 FROM (SELECT %6$I AS _lr_id, (%7$s) AS _lr_ident %10$s, * FROM %1$s) l,
				  (SELECT %8$I AS _lr_id, (%9$s) AS _lr_ident %11$s, * FROM %2$s) r LIMIT 0',
			left_table, rtab, compare_function, blocking_function,
			CASE WHEN plausibility IS NULL THEN '' ELSE pg_catalog.format(', (%s)::int', plausibility) END,
			left_id, left_identity, rid, rident, ldate, rdate);
	EXCEPTION WHEN OTHERS THEN
		RAISE EXCEPTION 'link_records: %', SQLERRM
			USING ERRCODE = SQLSTATE,
				  HINT = 'Check left_identity/right_identity and left_date/right_date (SQL expressions over each table''s columns), plausibility (an expression over l.* and r.*), compare_function and blocking_function.';
	END;

	-- Citus: is an input a distributed table (not a reference table)?
	IF pg_catalog.to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL THEN
		EXECUTE 'SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition
				 WHERE logicalrelid OPERATOR(pg_catalog.=) ANY (ARRAY[$1, $2]) AND partmethod OPERATOR(pg_catalog.<>) ''n'')'
			INTO distributed USING left_table, rtab;
	END IF;

	IF distributed THEN
		-- 1-2. blocking and comparison on the workers, into work tables
		-- in the result's schema, named after this transaction
		work := ARRAY(SELECT pg_catalog.quote_ident(coalesce(res_parts[pg_catalog.array_length(res_parts, 1) - 1], pg_catalog.current_schema()))
						 OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||)
						 pg_catalog.quote_ident('_lr_' OPERATOR(pg_catalog.||) pg_catalog.txid_current() OPERATOR(pg_catalog.||) '_' OPERATOR(pg_catalog.||) w)
					  FROM pg_catalog.unnest(ARRAY['lrec', 'rrec', 'lkey', 'rkey', 'pairs']) WITH ORDINALITY AS w(w, i) ORDER BY i);
		pairs := work[5];
		left_rows := work[1];
		right_rows := CASE WHEN dedup THEN work[1] ELSE work[2] END;
		SELECT b.n_left, b.n_right, b.n_cand, b.n_skipped, b.times INTO n_left, n_right, n_cand, n_skipped, stage_times
		FROM @extschema@._link_records_distributed(left_table, left_id, left_identity,
			right_table, right_id, right_identity, blocking_function, max_block,
			left_date, right_date, min_days, max_days, compare_expr, plausibility, work) b;
		times := times OPERATOR(pg_catalog.||) stage_times;
		RAISE NOTICE 'link_records: blocking% on the Citus workers: % x % records, % keys skipped as larger than max_block (% s)',
			CASE WHEN windowed THEN pg_catalog.format(' (date window %s..%s days)', min_days, max_days) ELSE '' END,
			n_left, n_right, n_skipped, times ->> 'blocking_s';
		RAISE NOTICE 'link_records: comparison on the Citus workers: % candidate pairs compared (% s)',
			n_cand, times ->> 'comparison_s';
	ELSE
		-- 1. identities and blocking keys (_link_blocking_prepare, which
		-- blocking_analysis shares: its counts are these)
		t := pg_catalog.clock_timestamp();
		SELECT b.n_left, b.n_right, b.n_cand, b.n_skipped INTO n_left, n_right, n_cand, n_skipped
		FROM @extschema@._link_blocking_prepare(left_table, left_id, left_identity,
			right_table, right_id, right_identity, blocking_function, max_block,
			left_date, right_date, min_days, max_days) b;
		times := times || pg_catalog.jsonb_build_object('blocking_s', pg_catalog.round(EXTRACT(epoch FROM pg_catalog.clock_timestamp() - t)::numeric, 3));
		RAISE NOTICE 'link_records: blocking%: % x % records, % candidate pairs, % keys skipped as larger than max_block (% s)',
			CASE WHEN windowed THEN pg_catalog.format(' (date window %s..%s days)', min_days, max_days) ELSE '' END,
			n_left, n_right, n_cand, n_skipped, times ->> 'blocking_s';

		-- 2. comparison, into _lr_pairs
		times := times OPERATOR(pg_catalog.||) @extschema@._link_records_compare(compare_expr, dedup, n_cand);
	END IF;

	-- 3. model, unless given
	IF m IS NULL THEN
		SELECT f.model, f.u_pairs, f.times INTO m, u_pairs, stage_times
		FROM @extschema@._link_records_fit(compare_expr, dedup, windowed, n_left, n_right, n_cand, lambda,
			pairs, left_rows, right_rows) f;
		times := times OPERATOR(pg_catalog.||) stage_times;
	END IF;

	-- 4. scoring, into the result table, and the label-free estimate
	SELECT s.n_links, s.expected_false_links, s.expected_missed_links, s.times
	INTO n_links, exp_false, exp_missed, stage_times
	FROM @extschema@._link_records_score(res_parts, m, threshold, pairs, distributed) s;
	times := times OPERATOR(pg_catalog.||) stage_times;

	IF distributed THEN
		EXECUTE pg_catalog.format('DROP TABLE %s, %s, %s', work[1], work[3], work[5]);
		IF NOT dedup THEN
			EXECUTE pg_catalog.format('DROP TABLE %s, %s', work[2], work[4]);
		END IF;
	ELSE
		DROP TABLE _lr_left, _lr_lkey, _lr_big, _lr_cand, _lr_pairs;
		IF NOT dedup THEN
			DROP TABLE _lr_right, _lr_rkey;
		END IF;
	END IF;
	times := times || pg_catalog.jsonb_build_object('total_s', pg_catalog.round(EXTRACT(epoch FROM pg_catalog.clock_timestamp() - t0)::numeric, 3));
	RETURN m || pg_catalog.jsonb_build_object('run', pg_catalog.jsonb_build_object(
		'left_records', n_left, 'right_records', n_right, 'candidate_pairs', n_cand,
		'skipped_keys', n_skipped, 'links', n_links, 'threshold', threshold,
		'expected_false_links', exp_false, 'expected_missed_links', exp_missed,
		'date_window', CASE WHEN windowed THEN pg_catalog.jsonb_build_array(min_days, max_days) END,
		'u_pairs', u_pairs,
		'result_table', res, 'model_given', model IS NOT NULL,
		'distributed', distributed) || times);
END
$fn$;

COMMENT ON FUNCTION @extschema@.link_records(regclass, text, text, regclass, text, text, text, jsonb, float8, text, int, float8, text, text, text, text, int, int) IS
'one-call linkage: identities from left_identity/right_identity (SQL expressions over each table''s columns), candidates by shared blocking keys (keys with more than max_block records on a side skipped), comparison (plus plausibility, an expression over l.* and r.*), a model unless given (EM over the candidates'' patterns, link_em_fit, lambda estimated unless given; when the estimate would make more matching pairs than half the records when deduplicating or the larger table''s records otherwise, a WARNING, and lambda from EM with u fixed at the candidates'' level frequencies (at most that bound); lambda = -1: estimated, no bound; with the date window, u starts from random pairs and m, u and lambda are estimated, lambda fixed only if given, and no u falls below its random-pair value), and the links with match_probability >= threshold written to a new result_table (id_a, id_b, gamma, match_weight, match_probability); without right_table, deduplicates left_table; with left_date and right_date (date expressions over each table), only pairs whose right date may lie min_days..max_days (default 0..7) after the left date are candidates; NOTICE per stage, and the label-free estimate of false links and missed matches at threshold (sum of 1 - p over the links, of p over the other candidates); on Citus, when an input is a distributed table, blocking, comparison and the result table (distributed by id_a) are on the workers and only pattern counts reach the coordinator (docs/scale.md); returns the model with run statistics';

------------------------------------------------------------------------
-- Blocking analysis: what a run will compare, before the run
------------------------------------------------------------------------

CREATE FUNCTION @extschema@.blocking_analysis(
	left_table regclass, left_id text, left_identity text,
	right_table regclass DEFAULT NULL, right_id text DEFAULT NULL, right_identity text DEFAULT NULL,
	left_truth text DEFAULT NULL, right_truth text DEFAULT NULL,
	max_block int DEFAULT 1000,
	blocking_function text DEFAULT '@extschema@.blocking_keys',
	left_date text DEFAULT NULL, right_date text DEFAULT NULL,
	min_days int DEFAULT 0, max_days int DEFAULT 7,
	top_blocks int DEFAULT 5)
RETURNS TABLE (family text, keys int8, skipped_keys int8, candidate_pairs int8,
	largest_blocks text, true_pairs int8, true_pairs_kept int8,
	pair_completeness float8, reduction_ratio float8)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
-- No SET search_path: the expressions are the caller's SQL; built-ins are
-- qualified with pg_catalog, the extension's objects with its schema.
DECLARE
	dedup boolean := right_table IS NULL;
	rtab regclass := coalesce(right_table, left_table);
	rid text := coalesce(right_id, left_id);
	rident text := coalesce(right_identity, left_identity);
	rtruth text := coalesce(right_truth, left_truth);
	r record;
	total float8;
	n_true int8;
	rk text := CASE WHEN right_table IS NULL THEN '_lr_lkey' ELSE '_lr_rkey' END;
	rt text := CASE WHEN right_table IS NULL THEN '_lr_left' ELSE '_lr_right' END;
BEGIN
	IF left_table IS NULL OR left_id IS NULL OR left_identity IS NULL OR max_block IS NULL
	   OR blocking_function IS NULL OR top_blocks IS NULL THEN
		RAISE EXCEPTION 'blocking_analysis: left_table, left_id, left_identity, max_block, blocking_function and top_blocks must not be NULL'
			USING ERRCODE = '22004';
	END IF;
	IF (right_table IS NULL) <> (right_id IS NULL) OR (right_table IS NULL AND right_identity IS NOT NULL) THEN
		RAISE EXCEPTION 'blocking_analysis: give right_table and right_id together (or neither, to deduplicate left_table)'
			USING ERRCODE = '22023';
	END IF;
	IF (left_date IS NULL) <> (right_date IS NULL) OR (left_date IS NOT NULL AND right_table IS NULL) THEN
		RAISE EXCEPTION 'blocking_analysis: give left_date and right_date together, with two tables'
			USING ERRCODE = '22023';
	END IF;
	IF left_date IS NOT NULL AND (min_days IS NULL OR max_days IS NULL OR min_days > max_days) THEN
		RAISE EXCEPTION 'blocking_analysis: window [%, %] days is empty', min_days, max_days
			USING ERRCODE = '22023';
	END IF;
	IF max_block < 2 THEN
		RAISE EXCEPTION 'blocking_analysis: max_block % is too small', max_block
			USING ERRCODE = '22023';
	END IF;
	IF pg_catalog.to_regclass('pg_temp._lr_left') IS NOT NULL THEN
		RAISE EXCEPTION 'blocking_analysis: a linkage is already under way in this transaction'
			USING ERRCODE = '55006';
	END IF;
	SELECT b.n_left, b.n_right, b.n_cand, b.n_skipped INTO r
	FROM @extschema@._link_blocking_prepare(left_table, left_id, left_identity,
		right_table, CASE WHEN right_table IS NULL THEN NULL ELSE rid END,
		CASE WHEN right_table IS NULL THEN NULL ELSE rident END,
		blocking_function, max_block, left_date, right_date, min_days, max_days) b;
	total := CASE WHEN dedup THEN r.n_left::float8 * (r.n_left - 1)::float8 / 2::float8
				  ELSE r.n_left::float8 * r.n_right::float8 END;
	-- the true pairs, when labels are given
	IF left_truth IS NOT NULL THEN
		EXECUTE pg_catalog.format(
			'CREATE TEMP TABLE _ba_true ON COMMIT DROP AS
			 SELECT DISTINCT l._lr_id AS id_a, r._lr_id AS id_b
			 FROM (SELECT _lr_id, (%1$s) AS t FROM _lr_left l) l
			 JOIN (SELECT _lr_id, (%2$s) AS t FROM %3$s r) r ON l.t = r.t %4$s',
			left_truth, rtruth, rt, CASE WHEN dedup THEN 'AND l._lr_id < r._lr_id' ELSE '' END);
		GET DIAGNOSTICS n_true = ROW_COUNT;
		ANALYZE _ba_true;
	END IF;
	-- per family (the key up to its first '|'): pairs sharing a key of the family
	RETURN QUERY EXECUTE pg_catalog.format(
		'WITH lk AS (SELECT id, k, pg_catalog.split_part(k, ''|'', 1) AS f FROM _lr_lkey),
			  rk AS (SELECT id, k, pg_catalog.split_part(k, ''|'', 1) AS f FROM %1$s),
			  blocks AS (SELECT f, k, ln, rn, NOT EXISTS (SELECT 1 FROM _lr_big g WHERE g.k = s.k) AS used
						 FROM (SELECT l.f, l.k, l.n AS ln, r.n AS rn
							   FROM (SELECT f, k, pg_catalog.count(*) AS n FROM lk GROUP BY f, k) l
							   JOIN (SELECT k, pg_catalog.count(*) AS n FROM rk GROUP BY k) r USING (k)) s),
			  pairs AS (SELECT DISTINCT a.f, a.id AS id_a, b.id AS id_b
						FROM lk a JOIN rk b USING (k)
						WHERE NOT EXISTS (SELECT 1 FROM _lr_big g WHERE g.k = a.k) %2$s),
			  fam AS (SELECT f, pg_catalog.count(*) AS n FROM pairs GROUP BY f),
			  kept AS (%3$s),
			  top AS (SELECT f, pg_catalog.string_agg(k OPERATOR(pg_catalog.||) '' '' OPERATOR(pg_catalog.||) ln OPERATOR(pg_catalog.||) ''x'' OPERATOR(pg_catalog.||) rn
											   OPERATOR(pg_catalog.||) CASE WHEN used THEN '''' ELSE '' (skipped)'' END, '', '' ORDER BY ln * rn DESC, k) AS s
					  FROM (SELECT b.*, pg_catalog.row_number() OVER (PARTITION BY f ORDER BY ln * rn DESC, k) AS i FROM blocks b) x
					  WHERE i <= %4$s GROUP BY f),
			  keyc AS (SELECT f, pg_catalog.count(*) AS keys, pg_catalog.count(*) FILTER (WHERE NOT used) AS skipped
					   FROM blocks GROUP BY f)
		 SELECT * FROM (
		 SELECT c.f AS family, c.keys, c.skipped, coalesce(fam.n, 0::int8) AS candidate_pairs, t.s, $1, kept.n,
				CASE WHEN $1 > 0::int8 THEN kept.n::float8 / $1::float8 END,
				CASE WHEN $2 > 0::float8 THEN 1::float8 - coalesce(fam.n, 0::int8)::float8 / $2 END
		 FROM keyc c LEFT JOIN fam USING (f) LEFT JOIN top t USING (f) LEFT JOIN kept USING (f)
		 UNION ALL
		 SELECT ''all'', (SELECT pg_catalog.count(*) FROM blocks), $4, $3, NULL, $1,
				(SELECT n FROM kept WHERE f IS NULL),
				CASE WHEN $1 > 0::int8 THEN (SELECT n FROM kept WHERE f IS NULL)::float8 / $1::float8 END,
				CASE WHEN $2 > 0::float8 THEN 1::float8 - $3::float8 / $2 END) x
		 ORDER BY x.family OPERATOR(pg_catalog.=) ''all'', x.family',
		rk, CASE WHEN dedup THEN 'AND a.id < b.id' ELSE '' END,
		CASE WHEN left_truth IS NULL THEN 'SELECT NULL::text AS f, NULL::int8 AS n WHERE false'
			 ELSE 'SELECT p.f, pg_catalog.count(*) AS n FROM pairs p JOIN _ba_true t USING (id_a, id_b) GROUP BY p.f
				   UNION ALL SELECT NULL, pg_catalog.count(*) FROM _lr_cand c JOIN _ba_true t USING (id_a, id_b)' END,
		top_blocks)
		USING n_true, total, r.n_cand, r.n_skipped;
	DROP TABLE _lr_left, _lr_lkey, _lr_big, _lr_cand;
	IF NOT dedup THEN
		DROP TABLE _lr_right, _lr_rkey;
	END IF;
	IF left_truth IS NOT NULL THEN
		DROP TABLE _ba_true;
	END IF;
END
$fn$;

COMMENT ON FUNCTION @extschema@.blocking_analysis(regclass, text, text, regclass, text, text, text, text, int, text, text, text, int, int, int) IS
'before a linkage: the candidate pairs link_records will compare with the same arguments, per key family (the key up to its first |) and in all (row ''all'', equal to link_records''s candidate pairs), the number of keys, of keys skipped as larger than max_block, the top_blocks largest blocks (key left x right); with left_truth/right_truth (expressions giving the true entity of a record), the true pairs, those kept, pair completeness and reduction ratio';

------------------------------------------------------------------------
-- Accuracy per threshold, with labels or without
------------------------------------------------------------------------

CREATE FUNCTION @extschema@.link_accuracy(
	scored text, truth text DEFAULT NULL,
	thresholds float8[] DEFAULT '{0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95,0.99}')
RETURNS TABLE (threshold float8, links int8, true_links int8, false_links int8, missed_links int8,
	"precision" float8, recall float8, f1 float8,
	expected_false_links float8, expected_missed_links float8,
	expected_precision float8, expected_recall float8)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
-- No SET search_path: the queries are the caller's SQL; built-ins are
-- qualified with pg_catalog.
BEGIN
	IF scored IS NULL OR thresholds IS NULL THEN
		RAISE EXCEPTION 'link_accuracy: scored and thresholds must not be NULL'
			USING ERRCODE = '22004';
	END IF;
	IF pg_catalog.array_position(thresholds, NULL) IS NOT NULL
	   OR EXISTS (SELECT 1 FROM pg_catalog.unnest(thresholds) t WHERE NOT (t >= float8 '0' AND t <= float8 '1')) THEN
		RAISE EXCEPTION 'link_accuracy: thresholds must lie in [0, 1]'
			USING ERRCODE = '22023', HINT = 'The thresholds are match probabilities.';
	END IF;
	RETURN QUERY EXECUTE pg_catalog.format(
		'WITH s AS (SELECT q.id_a::int8 AS id_a, q.id_b::int8 AS id_b, q.p::float8 AS p FROM (%1$s) q(id_a, id_b, p)),
			  t AS (SELECT DISTINCT q.id_a::int8 AS id_a, q.id_b::int8 AS id_b FROM (%2$s) q(id_a, id_b)),
			  st AS (SELECT s.*, t.id_a IS NOT NULL AS match FROM s LEFT JOIN t USING (id_a, id_b)),
			  nt AS (SELECT pg_catalog.count(*) AS n FROM t)
		 SELECT th, l, CASE WHEN $2 THEN tl END, CASE WHEN $2 THEN l - tl END, CASE WHEN $2 THEN nt.n - tl END,
				CASE WHEN $2 AND l > 0::int8 THEN tl::float8 / l::float8 END,
				CASE WHEN $2 AND nt.n > 0::int8 THEN tl::float8 / nt.n::float8 END,
				CASE WHEN $2 AND l + nt.n > 0::int8 THEN 2::float8 * tl::float8 / (l + nt.n)::float8 END,
				ef, em,
				CASE WHEN l > 0::int8 THEN 1::float8 - ef / l::float8 END,
				CASE WHEN l::float8 - ef + em > 0::float8 THEN (l::float8 - ef) / (l::float8 - ef + em) END
		 FROM (SELECT th, pg_catalog.count(*) FILTER (WHERE p >= th) AS l,
					  pg_catalog.count(*) FILTER (WHERE p >= th AND match) AS tl,
					  coalesce(pg_catalog.sum(1::float8 - p) FILTER (WHERE p >= th), 0) AS ef,
					  coalesce(pg_catalog.sum(p) FILTER (WHERE p < th), 0) AS em
			   FROM st, pg_catalog.unnest($1) AS th GROUP BY th) a, nt
		 ORDER BY th',
		scored, coalesce(truth, 'SELECT NULL::int8 AS id_a, NULL::int8 AS id_b WHERE false'))
		USING thresholds, truth IS NOT NULL;
END
$fn$;

COMMENT ON FUNCTION @extschema@.link_accuracy(text, text, float8[]) IS
'accuracy of scored pairs at each threshold: scored is a query whose first three columns are id_a, id_b and the match probability, best every candidate pair (link_records with threshold 0); with truth, a query whose two columns are the true pairs (id_a, id_b): links, true and false links, missed matches, precision, recall and F1 against every true pair; without: the label-free expected false links (sum of 1 - p over links) and missed matches (sum of p over the rest), and the precision and recall they imply';
