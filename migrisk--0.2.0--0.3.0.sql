-- migrisk 0.2.0 -> 0.3.0
\echo Use "ALTER EXTENSION migrisk UPDATE TO '0.3.0'" to load this file. \quit

-- link_em and link_u: a named state type (link_em_state) instead of internal,
-- so Citus splits them and partials can be stored; the patterns are fitted
-- in increasing order.  The aggregates are made anew on the new state.
DROP AGGREGATE @extschema@.link_em(@extschema@.link_gamma);
DROP AGGREGATE @extschema@.link_em(@extschema@.link_gamma, int);
DROP AGGREGATE @extschema@.link_em(@extschema@.link_gamma, int, float8);
DROP AGGREGATE @extschema@.link_u(@extschema@.link_gamma);
DROP FUNCTION @extschema@._link_em_trans(internal, @extschema@.link_gamma);
DROP FUNCTION @extschema@._link_em_trans(internal, @extschema@.link_gamma, int);
DROP FUNCTION @extschema@._link_em_trans(internal, @extschema@.link_gamma, int, float8);
DROP FUNCTION @extschema@._link_em_combine(internal, internal);
DROP FUNCTION @extschema@._link_em_serial(internal);
DROP FUNCTION @extschema@._link_em_deserial(bytea, internal);
DROP FUNCTION @extschema@._link_em_final(internal);
DROP FUNCTION @extschema@._link_u_final(internal);

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
RETURNS @extschema@.link_em_state AS 'MODULE_PATHNAME', 'migrisk_link_em_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._link_em_trans(@extschema@.link_em_state, @extschema@.link_gamma, int)
RETURNS @extschema@.link_em_state AS 'MODULE_PATHNAME', 'migrisk_link_em_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._link_em_trans(@extschema@.link_em_state, @extschema@.link_gamma, int, float8)
RETURNS @extschema@.link_em_state AS 'MODULE_PATHNAME', 'migrisk_link_em_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._link_em_combine(@extschema@.link_em_state, @extschema@.link_em_state)
RETURNS @extschema@.link_em_state AS 'MODULE_PATHNAME', 'migrisk_link_em_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._link_em_final(@extschema@.link_em_state)
RETURNS jsonb AS 'MODULE_PATHNAME', 'migrisk_link_em_final'
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
RETURNS jsonb AS 'MODULE_PATHNAME', 'migrisk_link_u_final'
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

-- reference: corrected comments (docs/reference.md is generated from them)
COMMENT ON FUNCTION @extschema@.link_em_fit(@extschema@.link_gamma[], float8[], jsonb, int, float8, boolean, float8) IS
'EM over a table of distinct comparison patterns and their counts (as from GROUP BY gamma); with u_model (e.g. link_u over random pairs) u is fixed at its values for the fields it has (fix_u => false: only starting values), which keeps EM from splitting blocked candidate pairs along another line; with lambda, lambda is fixed, else estimated';
COMMENT ON FUNCTION @extschema@.link_records(regclass, text, text, regclass, text, text, text, jsonb, float8, text, int, float8, text, text, text, text, int, int) IS
'one-call linkage: identities from left_identity/right_identity (SQL expressions over each table''s columns), candidates by shared blocking keys (keys with more than max_block records on a side skipped), comparison (plus plausibility, an expression over l.* and r.*), a model unless given (EM over the candidates'' patterns, link_em_fit, with lambda fixed at the one-to-one prior min(left, right) / candidates, or (records / 2) / candidates when deduplicating, unless lambda is given; lambda = -1: estimated; with the date window, u starts from random pairs and m, u and lambda are estimated, lambda fixed only if given), and the links with match_probability >= threshold written to a new result_table (id_a, id_b, gamma, match_weight, match_probability); without right_table, deduplicates left_table; with left_date and right_date (date expressions over each table), only pairs whose right date may lie min_days..max_days (default 0..7) after the left date are candidates; NOTICE per stage; returns the model with run statistics';

-- journey: the state is a journey (a real type) with a combine function, so
-- the aggregate runs in parallel and splits on Citus; without ORDER BY the
-- legs come out by departure.
DROP AGGREGATE @extschema@.journey(@extschema@.route_segment);
DROP FUNCTION @extschema@._journey_accum(internal, @extschema@.route_segment);
DROP FUNCTION @extschema@._journey_final(internal);
CREATE FUNCTION @extschema@._journey_accum(@extschema@.journey, @extschema@.route_segment) RETURNS @extschema@.journey
AS 'MODULE_PATHNAME', 'journey_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._journey_combine(@extschema@.journey, @extschema@.journey) RETURNS @extschema@.journey
AS 'MODULE_PATHNAME', 'journey_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._journey_final(@extschema@.journey) RETURNS @extschema@.journey
AS 'MODULE_PATHNAME', 'journey_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@._journey_accum(@extschema@.journey, @extschema@.route_segment) IS
'internal: transition function of the journey aggregate (appends the leg in place)';
COMMENT ON FUNCTION @extschema@._journey_combine(@extschema@.journey, @extschema@.journey) IS
'internal: combine function of the journey aggregate (appends the second partial journey''s legs)';
COMMENT ON FUNCTION @extschema@._journey_final(@extschema@.journey) IS
'internal: final function of the journey aggregate (legs by departure unless the call has ORDER BY)';

CREATE AGGREGATE @extschema@.journey(@extschema@.route_segment) (
	SFUNC = @extschema@._journey_accum,
	STYPE = @extschema@.journey,
	FINALFUNC = @extschema@._journey_final,
	COMBINEFUNC = @extschema@._journey_combine,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.journey(@extschema@.route_segment) IS
'the legs as a journey: by departure (a leg with an unknown departure by its arrival, a leg with neither last, ties in route_segment order), or in the order of journey(s ORDER BY ...); NULL legs are skipped; runs in parallel and splits on Citus';
-- hardening: search-path-safe SQL bodies, caches that notice changes.
--
-- Polymorphic built-ins called from SQL bodies are schema-qualified
-- (pg_catalog.array_agg, pg_catalog.unnest, OPERATOR(pg_catalog.&&), ...):
-- a concretely typed look-alike in a schema on the caller's path, such as
-- public.&&(text[], text[]), would win over them.  (The generated columns
-- us_keys and mx_keys of repatriation_point are qualified in the install
-- script too; a table column's expression cannot be replaced here, and
-- the one bound at install time is pg_catalog's unless a look-alike
-- existed then.)

CREATE OR REPLACE FUNCTION @extschema@.link_gamma(
	given text DEFAULT NULL, surname1 text DEFAULT NULL, surname2 text DEFAULT NULL,
	dob text DEFAULT NULL, sex text DEFAULT NULL, nationality text DEFAULT NULL,
	plausibility text DEFAULT NULL)
RETURNS @extschema@.link_gamma
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN pg_catalog.format('given=%s,surname1=%s,surname2=%s,dob=%s,sex=%s,nationality=%s,plausibility=%s',
	coalesce(given, 'missing'), coalesce(surname1, 'missing'), coalesce(surname2, 'missing'),
	coalesce(dob, 'missing'), coalesce(sex, 'missing'), coalesce(nationality, 'missing'),
	coalesce(plausibility, 'missing'))::@extschema@.link_gamma;


CREATE OR REPLACE FUNCTION @extschema@._place_keys(names text[])
RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN ARRAY(SELECT @extschema@._place_key(n) FROM pg_catalog.unnest(names) AS n);


CREATE OR REPLACE FUNCTION @extschema@.link_records(
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
	t0 timestamptz := clock_timestamp();
	t timestamptz;
	n_left int8;
	n_right int8;
	n_cand int8;
	n_skipped int8;
	n_links int8;
	m jsonb := model;
	times jsonb := '{}';
	lam float8;
	col text;
	tab regclass;
	windowed boolean := left_date IS NOT NULL;
	bucket int;
	ldate text := '';
	rdate text := '';
	-- the comparison vector of a pair (l, r), with plausibility if given
	compare_expr text := CASE WHEN plausibility IS NULL
		THEN pg_catalog.format('%s(l._lr_ident, r._lr_ident)', compare_function)
		ELSE pg_catalog.format('@extschema@.with_plausibility(%s(l._lr_ident, r._lr_ident), (%s)::int)', compare_function, plausibility) END;
	sample_a int8;
	sample_b int8;
	u jsonb;
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
				  HINT = 'lambda is the share of candidate pairs that match; NULL: the one-to-one prior; -1: estimated by EM.';
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
		res_parts := parse_ident(result_table);
	EXCEPTION WHEN OTHERS THEN
		RAISE EXCEPTION 'link_records: invalid result table name "%"', result_table
			USING ERRCODE = '42602';
	END;
	SELECT string_agg(quote_ident(p), '.') INTO res FROM pg_catalog.unnest(res_parts) AS p;
	IF to_regclass(res) IS NOT NULL THEN
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
		bucket := max_days - min_days + 1;
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

	-- 1. identities and blocking keys (temporary tables are ANALYZEd: the
	-- planner has no statistics for them otherwise and picks nested loops)
	t := clock_timestamp();
	EXECUTE pg_catalog.format('CREATE TEMP TABLE _lr_left ON COMMIT DROP AS SELECT %2$I::int8 AS _lr_id, (%3$s) AS _lr_ident %4$s, * FROM %1$s',
				   left_table, left_id, left_identity, ldate);
	GET DIAGNOSTICS n_left = ROW_COUNT;
	ANALYZE _lr_left;
	IF dedup THEN
		n_right := n_left;
	ELSE
		EXECUTE pg_catalog.format('CREATE TEMP TABLE _lr_right ON COMMIT DROP AS SELECT %2$I::int8 AS _lr_id, (%3$s) AS _lr_ident %4$s, * FROM %1$s',
					   rtab, rid, rident, rdate);
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
				  LATERAL (VALUES (floor((l._lr_date - date ''2000-01-01'' + %2$s)::float8 / %4$s)::int8),
								  (floor((l._lr_date - date ''2000-01-01'' + %3$s)::float8 / %4$s)::int8)) AS b(b)
			 WHERE isfinite(l._lr_date)',
			blocking_function, min_days, max_days, bucket);
		EXECUTE pg_catalog.format(
			'CREATE TEMP TABLE _lr_rkey ON COMMIT DROP AS
			 SELECT DISTINCT r._lr_id AS id, k.k OPERATOR(pg_catalog.||) ''@'' OPERATOR(pg_catalog.||) floor((r._lr_date - date ''2000-01-01'')::float8 / %2$s)::int8 AS k
			 FROM _lr_right r, pg_catalog.unnest(%1$s(r._lr_ident)) AS k(k)
			 WHERE isfinite(r._lr_date)',
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
		 SELECT k FROM _lr_lkey GROUP BY k HAVING count(*) > %1$s::int8
		 UNION SELECT k FROM %2$s GROUP BY k HAVING count(*) > %1$s::int8',
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
	times := times || pg_catalog.jsonb_build_object('blocking_s', round(extract(epoch FROM clock_timestamp() - t)::numeric, 3));
	RAISE NOTICE 'link_records: blocking%: % x % records, % candidate pairs, % keys skipped as larger than max_block (% s)',
		CASE WHEN windowed THEN pg_catalog.format(' (date window %s..%s days)', min_days, max_days) ELSE '' END,
		n_left, n_right, n_cand, n_skipped, times ->> 'blocking_s';

	-- 2. comparison
	t := clock_timestamp();
	EXECUTE pg_catalog.format(
		'CREATE TEMP TABLE _lr_pairs ON COMMIT DROP AS
		 SELECT c.id_a, c.id_b, %s AS gamma
		 FROM _lr_cand c JOIN _lr_left l ON l._lr_id = c.id_a JOIN %s r ON r._lr_id = c.id_b',
		compare_expr, CASE WHEN dedup THEN '_lr_left' ELSE '_lr_right' END);
	times := times || pg_catalog.jsonb_build_object('comparison_s', round(extract(epoch FROM clock_timestamp() - t)::numeric, 3));
	RAISE NOTICE 'link_records: comparison: % pairs compared (% s, % pairs/s)',
		n_cand, times ->> 'comparison_s',
		CASE WHEN (times ->> 'comparison_s')::numeric > 0::numeric
			 THEN round(n_cand::numeric / (times ->> 'comparison_s')::numeric) END;

	-- 3. model: EM over the distinct patterns of the candidates.  Blocking
	-- selects pairs that agree on its keys, and left to itself EM then
	-- splits the candidates along those agreements (namesakes against the
	-- rest) instead of matches against non-matches; fixing lambda at the
	-- one-to-one prior (each record of the smaller table matches at most
	-- one record of the other: min(left, right) / candidates) keeps the
	-- match class the size it can have; deduplicating, each record has at
	-- most one duplicate: (records / 2) / candidates.  lambda = -1: lambda
	-- estimated by EM.
	t := clock_timestamp();
	-- With the date window the candidates are mostly matches, and their
	-- disagreements say little about non-matches: u then starts from
	-- random pairs (the cross product of a random sample of each table,
	-- about a million pairs: Splink's way of estimating u), and EM
	-- estimates m, u and lambda from there (lambda fixed if given).  The
	-- one-to-one prior does not apply: the candidates are about as many
	-- as the records.
	IF m IS NULL AND windowed AND n_cand > 0 THEN
		t := clock_timestamp();
		sample_a := least(n_left, 1000::int8);
		sample_b := least(n_right, ceil(1000000.0 / greatest(sample_a, 1))::int8);
		EXECUTE pg_catalog.format(
			'SELECT @extschema@.link_u(%s)
			 FROM (SELECT * FROM _lr_left ORDER BY random() LIMIT %s) l,
				  (SELECT * FROM _lr_right ORDER BY random() LIMIT %s) r',
			compare_expr, sample_a, sample_b) INTO u;
		times := times || pg_catalog.jsonb_build_object('u_s', round(extract(epoch FROM clock_timestamp() - t)::numeric, 3));
		RAISE NOTICE 'link_records: u from % random pairs (% s)', sample_a * sample_b, times ->> 'u_s';
		t := clock_timestamp();
	END IF;
	IF m IS NULL THEN
		lam := CASE WHEN lambda = float8 '-1' THEN NULL
					WHEN lambda IS NOT NULL THEN lambda
					WHEN n_cand = 0::int8 THEN NULL
					WHEN u IS NOT NULL THEN NULL
					WHEN dedup THEN least(float8 '0.5', n_left::float8 / float8 '2' / n_cand::float8)
					ELSE least(float8 '0.5', least(n_left, n_right)::float8 / n_cand::float8) END;
		SELECT @extschema@.link_em_fit(pg_catalog.array_agg(p.gamma), pg_catalog.array_agg(p.n), u_model => u, fix_u => false, lambda => lam) INTO m
		FROM (SELECT gamma, count(*)::float8 AS n FROM _lr_pairs GROUP BY gamma) p;
		IF m IS NULL THEN
			RAISE EXCEPTION 'link_records: no candidate pairs to estimate a model from'
				USING ERRCODE = '22023',
					  HINT = 'Check the blocking keys (max_block may skip every key) or pass a model.';
		END IF;
		times := times || pg_catalog.jsonb_build_object('em_s', round(extract(epoch FROM clock_timestamp() - t)::numeric, 3));
		RAISE NOTICE 'link_records: EM: % patterns, % iterations, lambda % (%) (% s)',
			m -> 'em' ->> 'patterns', m -> 'em' ->> 'iterations', m ->> 'lambda',
			CASE WHEN lam IS NULL THEN 'estimated' WHEN lambda IS NULL THEN 'one-to-one prior' ELSE 'given' END
			|| CASE WHEN u IS NOT NULL THEN ', u started from random pairs' ELSE '' END,
			times ->> 'em_s';
	END IF;

	-- 4. scoring, into the result table
	t := clock_timestamp();
	EXECUTE pg_catalog.format(
		'CREATE TABLE %s AS
		 SELECT id_a, id_b, gamma, match_weight, match_probability
		 FROM (SELECT id_a, id_b, gamma,
					  @extschema@.match_weight(gamma, $1) AS match_weight,
					  @extschema@.match_probability(gamma, $1) AS match_probability
			   FROM _lr_pairs) s
		 WHERE match_probability >= $2', res)
		USING m, threshold;
	GET DIAGNOSTICS n_links = ROW_COUNT;
	times := times || pg_catalog.jsonb_build_object('scoring_s', round(extract(epoch FROM clock_timestamp() - t)::numeric, 3));
	RAISE NOTICE 'link_records: scoring: % links with match_probability >= % written to % (% s)',
		n_links, threshold, res, times ->> 'scoring_s';

	DROP TABLE _lr_left, _lr_lkey, _lr_big, _lr_cand, _lr_pairs;
	IF NOT dedup THEN
		DROP TABLE _lr_right, _lr_rkey;
	END IF;
	times := times || pg_catalog.jsonb_build_object('total_s', round(extract(epoch FROM clock_timestamp() - t0)::numeric, 3));
	RETURN m || pg_catalog.jsonb_build_object('run', pg_catalog.jsonb_build_object(
		'left_records', n_left, 'right_records', n_right, 'candidate_pairs', n_cand,
		'skipped_keys', n_skipped, 'links', n_links, 'threshold', threshold,
		'date_window', CASE WHEN windowed THEN pg_catalog.jsonb_build_array(min_days, max_days) END,
		'u_pairs', sample_a * sample_b,
		'result_table', res, 'model_given', model IS NOT NULL) || times);
END
$fn$;


CREATE OR REPLACE FUNCTION @extschema@.risk_flags_from_ctdc(rec jsonb) RETURNS @extschema@.risk_flags
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT @extschema@.risk_flags(coalesce(pg_catalog.array_agg(s.code), '{}'), coalesce(pg_catalog.array_agg(s.state), '{}'))
	FROM (
		SELECT i.code,
			CASE WHEN bool_or(v.val IN ('1', 'true', 'True', 'TRUE')) THEN true
			     WHEN bool_and(v.val IN ('0', 'false', 'False', 'FALSE')) THEN false
			END AS state
		FROM @extschema@.indicator i
		CROSS JOIN LATERAL pg_catalog.unnest(i.ctdc_columns OPERATOR(pg_catalog.||) i.ctdc_synthetic_columns) AS c(col)
		JOIN LATERAL (SELECT e.value AS val FROM jsonb_each_text(rec) e
		              WHERE lower(e.key) = lower(c.col)
		                AND e.value IS NOT NULL AND btrim(e.value) NOT IN ('', '-99')) v ON true
		GROUP BY i.code
	) s
$$;


CREATE OR REPLACE FUNCTION @extschema@.risk_flags_from_htcds(vals text[]) RETURNS @extschema@.risk_flags
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT @extschema@.risk_flags(coalesce(pg_catalog.array_agg(i.code), '{}'),
	                              coalesce(pg_catalog.array_agg(i.htcds_values OPERATOR(pg_catalog.&&) vals), '{}'))
	FROM @extschema@.indicator i
	WHERE i.htcds_values OPERATOR(pg_catalog.<>) '{}'
$$;


CREATE OR REPLACE FUNCTION @extschema@.indicator_prevalence(s @extschema@.risk_summary)
RETURNS TABLE (code text, label text, known_n bigint, prevalence float8, ci_low float8, ci_high float8)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT u.code, i.label, u.known_n, u.prevalence, u.ci_low, u.ci_high
	FROM ROWS FROM (pg_catalog.unnest(s.codes), pg_catalog.unnest(s.known_n), pg_catalog.unnest(s.prevalence),
	                pg_catalog.unnest(s.prevalence_ci_low), pg_catalog.unnest(s.prevalence_ci_high))
	     WITH ORDINALITY AS u(code, known_n, prevalence, ci_low, ci_high, ord)
	LEFT JOIN @extschema@.indicator i ON i.code = u.code
	ORDER BY u.ord
$$;


CREATE OR REPLACE FUNCTION @extschema@.summary_prevalence(s @extschema@.risk_summary, code text) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT s.prevalence[pg_catalog.array_position(s.codes, code)] $$;

-- The configuration tables are cached by every backend (not per query any
-- more); a statement-level trigger on each makes every change known to the
-- caches (src/config_cache.c).
CREATE FUNCTION @extschema@._config_changed()
RETURNS trigger
AS 'MODULE_PATHNAME', 'migrisk_config_changed'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION @extschema@._config_changed() IS
'internal: trigger of the configuration tables; invalidates the backends'' caches of the changed table';

CREATE TRIGGER _config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.indicator
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._config_changed();
CREATE TRIGGER _config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.risk_model
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._config_changed();
CREATE TRIGGER _config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.risk_model_weight
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._config_changed();
CREATE TRIGGER _config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.repatriation_point
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._config_changed();
CREATE TRIGGER _config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.pprl_key
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._config_changed();

-- survey design: risk_profile_design, its state type and functions (src/sql/35_risk_design.sql)

CREATE TYPE @extschema@.risk_design_state;
CREATE FUNCTION @extschema@.risk_design_state_in(cstring) RETURNS @extschema@.risk_design_state
AS 'MODULE_PATHNAME', 'risk_design_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_design_state_out(@extschema@.risk_design_state) RETURNS cstring
AS 'MODULE_PATHNAME', 'risk_design_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_design_state_recv(internal) RETURNS @extschema@.risk_design_state
AS 'MODULE_PATHNAME', 'risk_design_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_design_state_send(@extschema@.risk_design_state) RETURNS bytea
AS 'MODULE_PATHNAME', 'risk_design_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.risk_design_state (
	INPUT = @extschema@.risk_design_state_in,
	OUTPUT = @extschema@.risk_design_state_out,
	RECEIVE = @extschema@.risk_design_state_recv,
	SEND = @extschema@.risk_design_state_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE @extschema@.risk_design_state IS
'partial state of risk_profile_design: exact per-PSU totals (weights in units of 2^-48) with stratum and sampling fraction; store and roll up with risk_design_union';
COMMENT ON FUNCTION @extschema@.risk_design_state_in(cstring) IS 'internal: text input of risk_design_state (checked for consistency)';
COMMENT ON FUNCTION @extschema@.risk_design_state_out(@extschema@.risk_design_state) IS 'internal: exact text output of risk_design_state (PSUs in stratum, PSU order)';
COMMENT ON FUNCTION @extschema@.risk_design_state_recv(internal) IS 'internal: binary input of risk_design_state (checked for consistency)';
COMMENT ON FUNCTION @extschema@.risk_design_state_send(@extschema@.risk_design_state) IS 'internal: binary output of risk_design_state';

CREATE TYPE @extschema@.risk_design_summary AS (
	n bigint,
	rows bigint,
	weighted_n float8,
	kish_n float8,
	psus integer,
	strata integer,
	lonely_psu text,
	suppressed boolean,
	any_estimate float8,
	any_se float8,
	any_deff float8,
	any_df integer,
	any_effective_n float8,
	any_ci_low float8,
	any_ci_high float8,
	any_wilson_low float8,
	any_wilson_high float8,
	codes text[],
	known_n bigint[],
	estimate float8[],
	se float8[],
	deff float8[],
	df integer[],
	effective_n float8[],
	ci_low float8[],
	ci_high float8[],
	wilson_low float8[],
	wilson_high float8[]
);
COMMENT ON TYPE @extschema@.risk_design_summary IS
'result of risk_profile_design: design-based any-indicator prevalence and per-indicator prevalences with linearised SE, design effect, degrees of freedom, Korn-Graubard and Wilson 95% intervals';

CREATE FUNCTION @extschema@._risk_design_sfunc(@extschema@.risk_design_state, @extschema@.risk_flags, float8, bigint, bigint)
RETURNS @extschema@.risk_design_state AS 'MODULE_PATHNAME', 'risk_design_sfunc' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._risk_design_sfunc(@extschema@.risk_design_state, @extschema@.risk_flags, float8, bigint, bigint) IS 'internal: transition function of risk_profile_design';
CREATE FUNCTION @extschema@._risk_design_sfunc(@extschema@.risk_design_state, @extschema@.risk_flags, float8, bigint, bigint, float8)
RETURNS @extschema@.risk_design_state AS 'MODULE_PATHNAME', 'risk_design_sfunc_fpc' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._risk_design_sfunc(@extschema@.risk_design_state, @extschema@.risk_flags, float8, bigint, bigint, float8) IS 'internal: transition function of risk_profile_design';
CREATE FUNCTION @extschema@._risk_design_sfunc(@extschema@.risk_design_state, @extschema@.risk_flags, float8, bigint, bigint, text)
RETURNS @extschema@.risk_design_state AS 'MODULE_PATHNAME', 'risk_design_sfunc_model' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._risk_design_sfunc(@extschema@.risk_design_state, @extschema@.risk_flags, float8, bigint, bigint, text) IS 'internal: transition function of risk_profile_design';
CREATE FUNCTION @extschema@._risk_design_sfunc(@extschema@.risk_design_state, @extschema@.risk_flags, float8, bigint, bigint, float8, text)
RETURNS @extschema@.risk_design_state AS 'MODULE_PATHNAME', 'risk_design_sfunc_fpc_model' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._risk_design_sfunc(@extschema@.risk_design_state, @extschema@.risk_flags, float8, bigint, bigint, float8, text) IS 'internal: transition function of risk_profile_design';
CREATE FUNCTION @extschema@._risk_design_combine(@extschema@.risk_design_state, @extschema@.risk_design_state)
RETURNS @extschema@.risk_design_state AS 'MODULE_PATHNAME', 'risk_design_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._risk_design_combine(@extschema@.risk_design_state, @extschema@.risk_design_state) IS
'internal: combine function of risk_profile_design (parallel query, Citus) and transition of risk_design_union';
CREATE FUNCTION @extschema@.risk_design_state_summary(@extschema@.risk_design_state)
RETURNS @extschema@.risk_design_summary AS 'MODULE_PATHNAME', 'risk_design_state_summary' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_design_state_summary(@extschema@.risk_design_state) IS
'the risk_design_summary of a stored design state; a stratum with a single PSU is an error (suppressed below migrisk.min_cell_size)';
CREATE FUNCTION @extschema@.risk_design_state_summary(state @extschema@.risk_design_state, lonely_psu text)
RETURNS @extschema@.risk_design_summary AS 'MODULE_PATHNAME', 'risk_design_state_summary' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_design_state_summary(@extschema@.risk_design_state, text) IS
'the risk_design_summary of a design state under a lonely-PSU policy: fail, remove, certainty, adjust or average (as R survey''s survey.lonely.psu)';
CREATE FUNCTION @extschema@.risk_design_domain(domain @extschema@.risk_design_state, design @extschema@.risk_design_state)
RETURNS @extschema@.risk_design_state AS 'MODULE_PATHNAME', 'risk_design_domain' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_design_domain(@extschema@.risk_design_state, @extschema@.risk_design_state) IS
'a domain''s (GROUP BY group''s) design state with every PSU of the whole design it lacks, empty: domain estimates over the whole design';

CREATE AGGREGATE @extschema@.risk_profile_design(@extschema@.risk_flags, float8, bigint, bigint) (
	SFUNC = @extschema@._risk_design_sfunc, STYPE = @extschema@.risk_design_state,
	INITCOND = '1:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0',
	FINALFUNC = @extschema@.risk_design_state_summary,
	COMBINEFUNC = @extschema@._risk_design_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.risk_profile_design(@extschema@.risk_flags, float8, bigint, bigint) IS
'design-based risk_design_summary of (flags, weight, stratum, psu); NULL flags: outside the domain, its PSU still counts';
CREATE AGGREGATE @extschema@.risk_profile_design(@extschema@.risk_flags, float8, bigint, bigint, float8) (
	SFUNC = @extschema@._risk_design_sfunc, STYPE = @extschema@.risk_design_state,
	INITCOND = '1:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0',
	FINALFUNC = @extschema@.risk_design_state_summary,
	COMBINEFUNC = @extschema@._risk_design_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.risk_profile_design(@extschema@.risk_flags, float8, bigint, bigint, float8) IS
'design-based risk_design_summary of (flags, weight, stratum, psu, fpc); NULL flags: outside the domain, its PSU still counts';
CREATE AGGREGATE @extschema@.risk_profile_design(@extschema@.risk_flags, float8, bigint, bigint, text) (
	SFUNC = @extschema@._risk_design_sfunc, STYPE = @extschema@.risk_design_state,
	INITCOND = '1:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0',
	FINALFUNC = @extschema@.risk_design_state_summary,
	COMBINEFUNC = @extschema@._risk_design_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.risk_profile_design(@extschema@.risk_flags, float8, bigint, bigint, text) IS
'design-based risk_design_summary of (flags, weight, stratum, psu, model); NULL flags: outside the domain, its PSU still counts';
CREATE AGGREGATE @extschema@.risk_profile_design(@extschema@.risk_flags, float8, bigint, bigint, float8, text) (
	SFUNC = @extschema@._risk_design_sfunc, STYPE = @extschema@.risk_design_state,
	INITCOND = '1:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0',
	FINALFUNC = @extschema@.risk_design_state_summary,
	COMBINEFUNC = @extschema@._risk_design_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.risk_profile_design(@extschema@.risk_flags, float8, bigint, bigint, float8, text) IS
'design-based risk_design_summary of (flags, weight, stratum, psu, fpc, model); NULL flags: outside the domain, its PSU still counts';
CREATE AGGREGATE @extschema@.risk_profile_design_state(@extschema@.risk_flags, float8, bigint, bigint) (
	SFUNC = @extschema@._risk_design_sfunc, STYPE = @extschema@.risk_design_state,
	INITCOND = '1:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0',
	COMBINEFUNC = @extschema@._risk_design_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.risk_profile_design_state(@extschema@.risk_flags, float8, bigint, bigint) IS
'the partial state of risk_profile_design(flags, weight, stratum, psu), to store, pad with risk_design_domain and roll up (not suppressed: keep it from BI roles)';
CREATE AGGREGATE @extschema@.risk_profile_design_state(@extschema@.risk_flags, float8, bigint, bigint, float8) (
	SFUNC = @extschema@._risk_design_sfunc, STYPE = @extschema@.risk_design_state,
	INITCOND = '1:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0',
	COMBINEFUNC = @extschema@._risk_design_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.risk_profile_design_state(@extschema@.risk_flags, float8, bigint, bigint, float8) IS
'the partial state of risk_profile_design(flags, weight, stratum, psu, fpc), to store, pad with risk_design_domain and roll up (not suppressed: keep it from BI roles)';
CREATE AGGREGATE @extschema@.risk_profile_design_state(@extschema@.risk_flags, float8, bigint, bigint, text) (
	SFUNC = @extschema@._risk_design_sfunc, STYPE = @extschema@.risk_design_state,
	INITCOND = '1:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0',
	COMBINEFUNC = @extschema@._risk_design_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.risk_profile_design_state(@extschema@.risk_flags, float8, bigint, bigint, text) IS
'the partial state of risk_profile_design(flags, weight, stratum, psu, model), to store, pad with risk_design_domain and roll up (not suppressed: keep it from BI roles)';
CREATE AGGREGATE @extschema@.risk_profile_design_state(@extschema@.risk_flags, float8, bigint, bigint, float8, text) (
	SFUNC = @extschema@._risk_design_sfunc, STYPE = @extschema@.risk_design_state,
	INITCOND = '1:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0',
	COMBINEFUNC = @extschema@._risk_design_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.risk_profile_design_state(@extschema@.risk_flags, float8, bigint, bigint, float8, text) IS
'the partial state of risk_profile_design(flags, weight, stratum, psu, fpc, model), to store, pad with risk_design_domain and roll up (not suppressed: keep it from BI roles)';

CREATE AGGREGATE @extschema@.risk_design_union(@extschema@.risk_design_state) (
	SFUNC = @extschema@._risk_design_combine, STYPE = @extschema@.risk_design_state,
	INITCOND = '1:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0',
	COMBINEFUNC = @extschema@._risk_design_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.risk_design_union(@extschema@.risk_design_state) IS
'roll stored risk_design_state partials up into one state (exact: equals the state of all their records)';

CREATE FUNCTION @extschema@.design_estimates(s @extschema@.risk_design_summary)
RETURNS TABLE (code text, label text, n bigint, estimate float8, se float8, deff float8, df integer,
               ci_low float8, ci_high float8, wilson_low float8, wilson_high float8)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT '(any)', 'any model indicator', s.n, s.any_estimate, s.any_se, s.any_deff, s.any_df,
	       s.any_ci_low, s.any_ci_high, s.any_wilson_low, s.any_wilson_high
	UNION ALL
	(SELECT u.code, i.label, u.n, u.estimate, u.se, u.deff, u.df, u.ci_low, u.ci_high, u.wl, u.wh
	 FROM unnest(s.codes, s.known_n, s.estimate, s.se, s.deff, s.df, s.ci_low, s.ci_high,
	                        s.wilson_low, s.wilson_high)
	      WITH ORDINALITY AS u(code, n, estimate, se, deff, df, ci_low, ci_high, wl, wh, ord)
	 LEFT JOIN @extschema@.indicator i ON i.code OPERATOR(pg_catalog.=) u.code
	 ORDER BY u.ord)
$$;
COMMENT ON FUNCTION @extschema@.design_estimates(@extschema@.risk_design_summary) IS
'one row for the any-indicator composite (code "(any)") and one per registered indicator: design-based estimate, SE, deff, df, Korn-Graubard and Wilson 95% intervals';
