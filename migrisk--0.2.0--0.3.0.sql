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
'EM over a table of distinct comparison patterns and their counts (as from GROUP BY gamma), summed in pattern order: the model does not depend on the order of the arrays; with u_model (e.g. link_u over random pairs) u is fixed at its values for the fields it has (fix_u => false: only starting values), which keeps EM from splitting blocked candidate pairs along another line; with lambda, lambda is fixed, else estimated';
COMMENT ON FUNCTION @extschema@.link_records(regclass, text, text, regclass, text, text, text, jsonb, float8, text, int, float8, text, text, text, text, int, int) IS
'one-call linkage: identities from left_identity/right_identity (SQL expressions over each table''s columns), candidates by shared blocking keys (keys with more than max_block records on a side skipped), comparison (plus plausibility, an expression over l.* and r.*), a model unless given (EM over the candidates'' patterns, link_em_fit, lambda estimated unless given; when the estimate would make more matching pairs than half the records when deduplicating or the larger table''s records otherwise, a WARNING, and lambda from EM with u fixed at the candidates'' level frequencies (at most that bound); lambda = -1: estimated, no bound; with the date window, u starts from random pairs and m, u and lambda are estimated, lambda fixed only if given), and the links with match_probability >= threshold written to a new result_table (id_a, id_b, gamma, match_weight, match_probability); without right_table, deduplicates left_table; with left_date and right_date (date expressions over each table), only pairs whose right date may lie min_days..max_days (default 0..7) after the left date are candidates; NOTICE per stage; returns the model with run statistics';

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

-- real data loaders (src/sql/50_loaders.sql, the same objects; docs/loaders.md)

-- ---- splitting lines ----

CREATE FUNCTION @extschema@.delimited_fields(line text, delimiter text DEFAULT ',')
RETURNS text[]
AS 'MODULE_PATHNAME', 'delimited_fields'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.delimited_fields(text, text) IS
'one line of a delimited file (RFC 4180 quoting, "" for a quote) as its fields; empty unquoted fields are NULL, empty quoted ones empty; NULL when the line cannot be split (see delimited_fields_error)';

CREATE FUNCTION @extschema@.delimited_fields_error(line text, delimiter text DEFAULT ',')
RETURNS text
AS 'MODULE_PATHNAME', 'delimited_fields_error'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.delimited_fields_error(text, text) IS
'why delimited_fields cannot split the line (an unclosed quote, text after a closing quote), with the field and the byte where the problem starts (1-based); NULL when it can';

-- ---- values ----

CREATE FUNCTION @extschema@.us_date(value text)
RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE
	WHEN m IS NULL THEN NULL
	WHEN m[1]::int BETWEEN 1 AND 12 AND m[2]::int >= 1
	     AND m[2]::int <= extract(day FROM make_date(m[3]::int, m[1]::int, 1) + interval '1 month' - interval '1 day')
	THEN make_date(m[3]::int, m[1]::int, m[2]::int)
END
FROM regexp_match(btrim(value), '^([0-9]{1,2})/([0-9]{1,2})/([1-9][0-9]{3})$') AS m
$$;
COMMENT ON FUNCTION @extschema@.us_date(text) IS
'a US-style date M/D/YYYY (months and days with or without a leading zero) as a date; NULL when the text is not such a date or names no day of the calendar';

CREATE FUNCTION @extschema@.foia_redaction(value text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN upper(btrim(value)) ~ '^\(B\)\([1-9]\)(\([A-F]\))?( *[;,] *\(B\)\([1-9]\)(\([A-F]\))?)*$'
	THEN regexp_replace(upper(btrim(value)), ' *([;,]) *', ';', 'g') END
$$;
COMMENT ON FUNCTION @extschema@.foia_redaction(text) IS
'the FOIA exemption codes a redacted value stands for, as (B)(6);(B)(7)(C) (upper case, ";" between codes, blanks dropped); NULL when the value is not a redaction';

CREATE FUNCTION @extschema@.whole_count(value text)
RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN btrim(value) ~ '^[0-9]{1,18}(\.0*)?$'
	THEN split_part(btrim(value), '.', 1)::bigint END
$$;
COMMENT ON FUNCTION @extschema@.whole_count(text) IS
'a count written as 12 or 12.0 (a float where a count was meant) as a bigint; NULL for a negative, fractional or non-numeric value, which a loader rejects';

-- ---- layouts ----

CREATE FUNCTION @extschema@.check_layout(source text, line_no bigint, got text[], want text[])
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	i int;
BEGIN
	IF got IS NULL THEN
		RAISE EXCEPTION '%: line % is missing or cannot be split; expected %', source, line_no,
			array_to_string(want, ' | ')
			USING ERRCODE = 'bad_copy_file_format';
	END IF;
	FOR i IN 1 .. greatest(cardinality(got), cardinality(want)) LOOP
		IF i > cardinality(want) THEN
			IF got[i] IS NOT NULL THEN
				RAISE EXCEPTION '%: line %, column %: expected no more columns, found "%"', source, line_no, i, got[i]
					USING ERRCODE = 'bad_copy_file_format',
					      DETAIL = 'expected: ' || array_to_string(want, ' | ');
			END IF;
		ELSIF want[i] IS NOT NULL AND got[i] IS DISTINCT FROM want[i] THEN
			RAISE EXCEPTION '%: line %, column %: expected "%", found %', source, line_no, i, want[i],
				coalesce('"' || got[i] || '"', 'nothing')
				USING ERRCODE = 'bad_copy_file_format',
				      DETAIL = 'expected: ' || array_to_string(want, ' | ', '*');
		END IF;
	END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.check_layout(text, bigint, text[], text[]) IS
'raises bad_copy_file_format naming the line and column unless the fields found are those expected (a NULL expected field matches anything; trailing empty fields are allowed); the load/ scripts call it on header and banner lines before loading anything';

-- ---- countries ----

CREATE FUNCTION @extschema@.country_key(name text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT regexp_replace(btrim(translate(upper(name),
	'ÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇ', 'AAAAAAEEEEIIIIOOOOOUUUUNC')), '\s+', ' ', 'g')
$$;
COMMENT ON FUNCTION @extschema@.country_key(text) IS
'a country name as country_alias keys it: upper case, accents removed, blanks collapsed';

CREATE TABLE @extschema@.country (
	iso3        text PRIMARY KEY CHECK (iso3 ~ '^[A-Z]{3}$'),
	iso2        text CHECK (iso2 ~ '^[A-Z]{2}$'),
	iso_numeric text CHECK (iso_numeric ~ '^[0-9]{3}$'),
	name_en     text NOT NULL,
	name_es     text NOT NULL,
	status      text NOT NULL CHECK (status IN ('official', 'former', 'publisher'))
);
COMMENT ON TABLE @extschema@.country IS
'countries by ISO 3166 alpha-3 code with English and Spanish names (Debian iso-codes): official codes, withdrawn codes publishers still use (former), and non-ISO codes of the IOM series (publisher); reference data of the extension';

CREATE TABLE @extschema@.country_alias (
	alias   text PRIMARY KEY CHECK (alias = @extschema@.country_key(alias)),
	iso3    text NOT NULL REFERENCES @extschema@.country,
	builtin boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.country_alias IS
'names of countries as publishers write them (ICE, CBP, ISO in English and Spanish), keyed by country_key, with the alpha-3 code; rows a user adds (builtin false) are kept by pg_dump';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.country_alias', 'WHERE NOT builtin');

CREATE FUNCTION @extschema@.country_iso3(name text)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT coalesce(
	(SELECT c.iso3 FROM @extschema@.country c WHERE c.iso3 = upper(btrim(name))),
	(SELECT a.iso3 FROM @extschema@.country_alias a WHERE a.alias = @extschema@.country_key(name)))
$$;
COMMENT ON FUNCTION @extschema@.country_iso3(text) IS
'the ISO 3166 alpha-3 code of a country given by code or by a name in country_alias; NULL when the name is not known (categories such as OTHER or an ambiguous KOREA are left unmapped, not guessed)';

-- countries: generated by data/reference/country_sql.py (Debian iso-codes 4.15.0)
INSERT INTO @extschema@.country (iso3, iso2, iso_numeric, name_en, name_es, status) VALUES
	('ABW', 'AW', '533', 'Aruba', 'Aruba', 'official'),
	('AFG', 'AF', '004', 'Afghanistan', 'Afganistán', 'official'),
	('AGO', 'AO', '024', 'Angola', 'Angola', 'official'),
	('AIA', 'AI', '660', 'Anguilla', 'Anguila', 'official'),
	('ALA', 'AX', '248', 'Åland Islands', 'Islas Äland', 'official'),
	('ALB', 'AL', '008', 'Albania', 'Albania', 'official'),
	('AND', 'AD', '020', 'Andorra', 'Andorra', 'official'),
	('ARE', 'AE', '784', 'United Arab Emirates', 'Emiratos Árabes Unidos', 'official'),
	('ARG', 'AR', '032', 'Argentina', 'Argentina', 'official'),
	('ARM', 'AM', '051', 'Armenia', 'Armenia', 'official'),
	('ASM', 'AS', '016', 'American Samoa', 'Samoa Estadounidense', 'official'),
	('ATA', 'AQ', '010', 'Antarctica', 'Antártida', 'official'),
	('ATF', 'TF', '260', 'French Southern Territories', 'Territorios Franceses del Sur', 'official'),
	('ATG', 'AG', '028', 'Antigua and Barbuda', 'Antigua y Barbuda', 'official'),
	('AUS', 'AU', '036', 'Australia', 'Australia', 'official'),
	('AUT', 'AT', '040', 'Austria', 'Austria', 'official'),
	('AZE', 'AZ', '031', 'Azerbaijan', 'Azerbaiyán', 'official'),
	('BDI', 'BI', '108', 'Burundi', 'Burundi', 'official'),
	('BEL', 'BE', '056', 'Belgium', 'Bélgica', 'official'),
	('BEN', 'BJ', '204', 'Benin', 'Benín', 'official'),
	('BES', 'BQ', '535', 'Bonaire, Sint Eustatius and Saba', 'Islas BES (Caribe Neerlandés)', 'official'),
	('BFA', 'BF', '854', 'Burkina Faso', 'Burquina Faso', 'official'),
	('BGD', 'BD', '050', 'Bangladesh', 'Bangladés', 'official'),
	('BGR', 'BG', '100', 'Bulgaria', 'Bulgaria', 'official'),
	('BHR', 'BH', '048', 'Bahrain', 'Baréin', 'official'),
	('BHS', 'BS', '044', 'Bahamas', 'Bahamas', 'official'),
	('BIH', 'BA', '070', 'Bosnia and Herzegovina', 'Bosnia y Herzegovina', 'official'),
	('BLM', 'BL', '652', 'Saint Barthélemy', 'San Bartolomé', 'official'),
	('BLR', 'BY', '112', 'Belarus', 'Bielorrusia', 'official'),
	('BLZ', 'BZ', '084', 'Belize', 'Belice', 'official'),
	('BMU', 'BM', '060', 'Bermuda', 'Islas Bermudas', 'official'),
	('BOL', 'BO', '068', 'Bolivia', 'Bolivia, Estado plurinacional de', 'official'),
	('BRA', 'BR', '076', 'Brazil', 'Brasil', 'official'),
	('BRB', 'BB', '052', 'Barbados', 'Barbados', 'official'),
	('BRN', 'BN', '096', 'Brunei Darussalam', 'Brunei Darussalam', 'official'),
	('BTN', 'BT', '064', 'Bhutan', 'Bután', 'official'),
	('BVT', 'BV', '074', 'Bouvet Island', 'Isla Bouvet', 'official'),
	('BWA', 'BW', '072', 'Botswana', 'Botsuana', 'official'),
	('CAF', 'CF', '140', 'Central African Republic', 'República Centroafricana', 'official'),
	('CAN', 'CA', '124', 'Canada', 'Canadá', 'official'),
	('CCK', 'CC', '166', 'Cocos (Keeling) Islands', 'Islas Cocos (Keeling)', 'official'),
	('CHE', 'CH', '756', 'Switzerland', 'Suiza', 'official'),
	('CHL', 'CL', '152', 'Chile', 'Chile', 'official'),
	('CHN', 'CN', '156', 'China', 'China', 'official'),
	('CIV', 'CI', '384', 'Côte d''Ivoire', 'Costa de Marfíl', 'official'),
	('CMR', 'CM', '120', 'Cameroon', 'Camerún', 'official'),
	('COD', 'CD', '180', 'Congo, The Democratic Republic of the', 'Congo, República Democrática del', 'official'),
	('COG', 'CG', '178', 'Congo', 'Congo', 'official'),
	('COK', 'CK', '184', 'Cook Islands', 'Islas Cook', 'official'),
	('COL', 'CO', '170', 'Colombia', 'Colombia', 'official'),
	('COM', 'KM', '174', 'Comoros', 'Comores, Islas', 'official'),
	('CPV', 'CV', '132', 'Cabo Verde', 'Cabo Verde', 'official'),
	('CRI', 'CR', '188', 'Costa Rica', 'Costa Rica', 'official'),
	('CUB', 'CU', '192', 'Cuba', 'Cuba', 'official'),
	('CUW', 'CW', '531', 'Curaçao', 'Curazao', 'official'),
	('CXR', 'CX', '162', 'Christmas Island', 'Isla de Navidad', 'official'),
	('CYM', 'KY', '136', 'Cayman Islands', 'Islas Caimán', 'official'),
	('CYP', 'CY', '196', 'Cyprus', 'Chipre', 'official'),
	('CZE', 'CZ', '203', 'Czechia', 'Chequia', 'official'),
	('DEU', 'DE', '276', 'Germany', 'Alemania', 'official'),
	('DJI', 'DJ', '262', 'Djibouti', 'Yibuti', 'official'),
	('DMA', 'DM', '212', 'Dominica', 'Dominica', 'official'),
	('DNK', 'DK', '208', 'Denmark', 'Dinamarca', 'official'),
	('DOM', 'DO', '214', 'Dominican Republic', 'República Dominicana', 'official'),
	('DZA', 'DZ', '012', 'Algeria', 'Algeria', 'official'),
	('ECU', 'EC', '218', 'Ecuador', 'Ecuador', 'official'),
	('EGY', 'EG', '818', 'Egypt', 'Egipto', 'official'),
	('ERI', 'ER', '232', 'Eritrea', 'Eritrea', 'official'),
	('ESH', 'EH', '732', 'Western Sahara', 'Sahara Occidental', 'official'),
	('ESP', 'ES', '724', 'Spain', 'España', 'official'),
	('EST', 'EE', '233', 'Estonia', 'Estonia', 'official'),
	('ETH', 'ET', '231', 'Ethiopia', 'Etiopía', 'official'),
	('FIN', 'FI', '246', 'Finland', 'Finlandia', 'official'),
	('FJI', 'FJ', '242', 'Fiji', 'Fiyi', 'official'),
	('FLK', 'FK', '238', 'Falkland Islands (Malvinas)', 'Islas Falkland (Malvinas)', 'official'),
	('FRA', 'FR', '250', 'France', 'Francia', 'official'),
	('FRO', 'FO', '234', 'Faroe Islands', 'Islas Feroe', 'official'),
	('FSM', 'FM', '583', 'Micronesia, Federated States of', 'Micronesia, Estados Federados de', 'official'),
	('GAB', 'GA', '266', 'Gabon', 'Gabón', 'official'),
	('GBR', 'GB', '826', 'United Kingdom', 'Reino Unido', 'official'),
	('GEO', 'GE', '268', 'Georgia', 'Georgia', 'official'),
	('GGY', 'GG', '831', 'Guernsey', 'Guernsey', 'official'),
	('GHA', 'GH', '288', 'Ghana', 'Ghana', 'official'),
	('GIB', 'GI', '292', 'Gibraltar', 'Gibraltar', 'official'),
	('GIN', 'GN', '324', 'Guinea', 'Guinea', 'official'),
	('GLP', 'GP', '312', 'Guadeloupe', 'Guadalupe', 'official'),
	('GMB', 'GM', '270', 'Gambia', 'Gambia', 'official'),
	('GNB', 'GW', '624', 'Guinea-Bissau', 'Guinea-Bisáu', 'official'),
	('GNQ', 'GQ', '226', 'Equatorial Guinea', 'Guinea Ecuatorial', 'official'),
	('GRC', 'GR', '300', 'Greece', 'Grecia', 'official'),
	('GRD', 'GD', '308', 'Grenada', 'Granada', 'official'),
	('GRL', 'GL', '304', 'Greenland', 'Groenlandia', 'official'),
	('GTM', 'GT', '320', 'Guatemala', 'Guatemala', 'official'),
	('GUF', 'GF', '254', 'French Guiana', 'Guayana Francesa', 'official'),
	('GUM', 'GU', '316', 'Guam', 'Guam', 'official'),
	('GUY', 'GY', '328', 'Guyana', 'Guyana', 'official'),
	('HKG', 'HK', '344', 'Hong Kong', 'Hong Kong', 'official'),
	('HMD', 'HM', '334', 'Heard Island and McDonald Islands', 'Islas Heard y McDonald', 'official'),
	('HND', 'HN', '340', 'Honduras', 'Honduras', 'official'),
	('HRV', 'HR', '191', 'Croatia', 'Croacia', 'official'),
	('HTI', 'HT', '332', 'Haiti', 'Haití', 'official'),
	('HUN', 'HU', '348', 'Hungary', 'Hungría', 'official'),
	('IDN', 'ID', '360', 'Indonesia', 'Indonesia', 'official'),
	('IMN', 'IM', '833', 'Isle of Man', 'Isla de Man', 'official'),
	('IND', 'IN', '356', 'India', 'India', 'official'),
	('IOT', 'IO', '086', 'British Indian Ocean Territory', 'Territorio Británico del Océano Índico', 'official'),
	('IRL', 'IE', '372', 'Ireland', 'Irlanda', 'official'),
	('IRN', 'IR', '364', 'Iran', 'Irán, República islámica de', 'official'),
	('IRQ', 'IQ', '368', 'Iraq', 'Irak', 'official'),
	('ISL', 'IS', '352', 'Iceland', 'Islandia', 'official'),
	('ISR', 'IL', '376', 'Israel', 'Israel', 'official'),
	('ITA', 'IT', '380', 'Italy', 'Italia', 'official'),
	('JAM', 'JM', '388', 'Jamaica', 'Jamaica', 'official'),
	('JEY', 'JE', '832', 'Jersey', 'Jersey', 'official'),
	('JOR', 'JO', '400', 'Jordan', 'Jordania', 'official'),
	('JPN', 'JP', '392', 'Japan', 'Japón', 'official'),
	('KAZ', 'KZ', '398', 'Kazakhstan', 'Kazajistán', 'official'),
	('KEN', 'KE', '404', 'Kenya', 'Kenia', 'official'),
	('KGZ', 'KG', '417', 'Kyrgyzstan', 'Kirguistán', 'official'),
	('KHM', 'KH', '116', 'Cambodia', 'Camboya', 'official'),
	('KIR', 'KI', '296', 'Kiribati', 'Kiribati', 'official'),
	('KNA', 'KN', '659', 'Saint Kitts and Nevis', 'San Cristóbal y Nieves', 'official'),
	('KOR', 'KR', '410', 'South Korea', 'Corea, República de', 'official'),
	('KWT', 'KW', '414', 'Kuwait', 'Kuwait', 'official'),
	('LAO', 'LA', '418', 'Laos', 'República Democrática Popular de Lao', 'official'),
	('LBN', 'LB', '422', 'Lebanon', 'Líbano', 'official'),
	('LBR', 'LR', '430', 'Liberia', 'Liberia', 'official'),
	('LBY', 'LY', '434', 'Libya', 'Libia', 'official'),
	('LCA', 'LC', '662', 'Saint Lucia', 'Santa Lucía', 'official'),
	('LIE', 'LI', '438', 'Liechtenstein', 'Liechtenstein', 'official'),
	('LKA', 'LK', '144', 'Sri Lanka', 'Sri Lanka', 'official'),
	('LSO', 'LS', '426', 'Lesotho', 'Lesoto', 'official'),
	('LTU', 'LT', '440', 'Lithuania', 'Lituania', 'official'),
	('LUX', 'LU', '442', 'Luxembourg', 'Luxemburgo', 'official'),
	('LVA', 'LV', '428', 'Latvia', 'Letonia', 'official'),
	('MAC', 'MO', '446', 'Macao', 'Macao', 'official'),
	('MAF', 'MF', '663', 'Saint Martin (French part)', 'San Martín (zona francesa)', 'official'),
	('MAR', 'MA', '504', 'Morocco', 'Marruecos', 'official'),
	('MCO', 'MC', '492', 'Monaco', 'Mónaco', 'official'),
	('MDA', 'MD', '498', 'Moldova', 'Moldavia, República de', 'official'),
	('MDG', 'MG', '450', 'Madagascar', 'Madagascar', 'official'),
	('MDV', 'MV', '462', 'Maldives', 'Islas Maldivas', 'official'),
	('MEX', 'MX', '484', 'Mexico', 'México', 'official'),
	('MHL', 'MH', '584', 'Marshall Islands', 'Islas Marshall', 'official'),
	('MKD', 'MK', '807', 'North Macedonia', 'Macedonia del Norte', 'official'),
	('MLI', 'ML', '466', 'Mali', 'Malí', 'official'),
	('MLT', 'MT', '470', 'Malta', 'Malta', 'official'),
	('MMR', 'MM', '104', 'Myanmar', 'Birmania', 'official'),
	('MNE', 'ME', '499', 'Montenegro', 'Montenegro', 'official'),
	('MNG', 'MN', '496', 'Mongolia', 'Mongolia', 'official'),
	('MNP', 'MP', '580', 'Northern Mariana Islands', 'Islas Marianas del Norte', 'official'),
	('MOZ', 'MZ', '508', 'Mozambique', 'Mozambique', 'official'),
	('MRT', 'MR', '478', 'Mauritania', 'Mauritania', 'official'),
	('MSR', 'MS', '500', 'Montserrat', 'Montserrat', 'official'),
	('MTQ', 'MQ', '474', 'Martinique', 'Martinica', 'official'),
	('MUS', 'MU', '480', 'Mauritius', 'Mauricio', 'official'),
	('MWI', 'MW', '454', 'Malawi', 'Malaui', 'official'),
	('MYS', 'MY', '458', 'Malaysia', 'Malasia', 'official'),
	('MYT', 'YT', '175', 'Mayotte', 'Mayotte', 'official'),
	('NAM', 'NA', '516', 'Namibia', 'Namibia', 'official'),
	('NCL', 'NC', '540', 'New Caledonia', 'Nueva Caledonia', 'official'),
	('NER', 'NE', '562', 'Niger', 'Niger', 'official'),
	('NFK', 'NF', '574', 'Norfolk Island', 'Isla Norfolk', 'official'),
	('NGA', 'NG', '566', 'Nigeria', 'Nigeria', 'official'),
	('NIC', 'NI', '558', 'Nicaragua', 'Nicaragua', 'official'),
	('NIU', 'NU', '570', 'Niue', 'Niue', 'official'),
	('NLD', 'NL', '528', 'Netherlands', 'Países Bajos', 'official'),
	('NOR', 'NO', '578', 'Norway', 'Noruega', 'official'),
	('NPL', 'NP', '524', 'Nepal', 'Nepal', 'official'),
	('NRU', 'NR', '520', 'Nauru', 'Nauru', 'official'),
	('NZL', 'NZ', '554', 'New Zealand', 'Nueva Zelanda', 'official'),
	('OMN', 'OM', '512', 'Oman', 'Omán', 'official'),
	('PAK', 'PK', '586', 'Pakistan', 'Pakistán', 'official'),
	('PAN', 'PA', '591', 'Panama', 'Panamá', 'official'),
	('PCN', 'PN', '612', 'Pitcairn', 'Pitcairn', 'official'),
	('PER', 'PE', '604', 'Peru', 'Perú', 'official'),
	('PHL', 'PH', '608', 'Philippines', 'Filipinas', 'official'),
	('PLW', 'PW', '585', 'Palau', 'Palaos', 'official'),
	('PNG', 'PG', '598', 'Papua New Guinea', 'Papúa Nueva Guinea', 'official'),
	('POL', 'PL', '616', 'Poland', 'Polonia', 'official'),
	('PRI', 'PR', '630', 'Puerto Rico', 'Puerto Rico', 'official'),
	('PRK', 'KP', '408', 'North Korea', 'Corea, República Democrática Popular de', 'official'),
	('PRT', 'PT', '620', 'Portugal', 'Portugal', 'official'),
	('PRY', 'PY', '600', 'Paraguay', 'Paraguay', 'official'),
	('PSE', 'PS', '275', 'Palestine, State of', 'Palestina, Estado de', 'official'),
	('PYF', 'PF', '258', 'French Polynesia', 'Polinesia Francesa', 'official'),
	('QAT', 'QA', '634', 'Qatar', 'Catar', 'official'),
	('REU', 'RE', '638', 'Réunion', 'Reunión', 'official'),
	('ROU', 'RO', '642', 'Romania', 'Rumanía', 'official'),
	('RUS', 'RU', '643', 'Russian Federation', 'Federación Rusa', 'official'),
	('RWA', 'RW', '646', 'Rwanda', 'Ruanda', 'official'),
	('SAU', 'SA', '682', 'Saudi Arabia', 'Arabia Saudí', 'official'),
	('SDN', 'SD', '729', 'Sudan', 'Sudán', 'official'),
	('SEN', 'SN', '686', 'Senegal', 'Senegal', 'official'),
	('SGP', 'SG', '702', 'Singapore', 'Singapur', 'official'),
	('SGS', 'GS', '239', 'South Georgia and the South Sandwich Islands', 'Islas Georgias del Sur y Sándwich del Sur', 'official'),
	('SHN', 'SH', '654', 'Saint Helena, Ascension and Tristan da Cunha', 'Santa Elena, Ascensión y Tristán de Acuña', 'official'),
	('SJM', 'SJ', '744', 'Svalbard and Jan Mayen', 'Svalbard y Jan Mayen', 'official'),
	('SLB', 'SB', '090', 'Solomon Islands', 'Islas Salomón', 'official'),
	('SLE', 'SL', '694', 'Sierra Leone', 'Sierra Leona', 'official'),
	('SLV', 'SV', '222', 'El Salvador', 'El Salvador', 'official'),
	('SMR', 'SM', '674', 'San Marino', 'San Marino', 'official'),
	('SOM', 'SO', '706', 'Somalia', 'Somalia', 'official'),
	('SPM', 'PM', '666', 'Saint Pierre and Miquelon', 'San Pedro y Miquelon', 'official'),
	('SRB', 'RS', '688', 'Serbia', 'Serbia', 'official'),
	('SSD', 'SS', '728', 'South Sudan', 'Sudán del Sur', 'official'),
	('STP', 'ST', '678', 'Sao Tome and Principe', 'Santo Tomé y Príncipe', 'official'),
	('SUR', 'SR', '740', 'Suriname', 'Surinám', 'official'),
	('SVK', 'SK', '703', 'Slovakia', 'Eslovaquia', 'official'),
	('SVN', 'SI', '705', 'Slovenia', 'Eslovenia', 'official'),
	('SWE', 'SE', '752', 'Sweden', 'Suecia', 'official'),
	('SWZ', 'SZ', '748', 'Eswatini', 'Esuatini', 'official'),
	('SXM', 'SX', '534', 'Sint Maarten (Dutch part)', 'Isla de San Martín (zona holandsea)', 'official'),
	('SYC', 'SC', '690', 'Seychelles', 'Seychelles', 'official'),
	('SYR', 'SY', '760', 'Syria', 'República árabe de Siria', 'official'),
	('TCA', 'TC', '796', 'Turks and Caicos Islands', 'Islas Turcas y Caicos', 'official'),
	('TCD', 'TD', '148', 'Chad', 'Chad', 'official'),
	('TGO', 'TG', '768', 'Togo', 'Togo', 'official'),
	('THA', 'TH', '764', 'Thailand', 'Tailandia', 'official'),
	('TJK', 'TJ', '762', 'Tajikistan', 'Tayikistán', 'official'),
	('TKL', 'TK', '772', 'Tokelau', 'Tokelau', 'official'),
	('TKM', 'TM', '795', 'Turkmenistan', 'Turkmenistán', 'official'),
	('TLS', 'TL', '626', 'Timor-Leste', 'Timor Oriental', 'official'),
	('TON', 'TO', '776', 'Tonga', 'Tonga', 'official'),
	('TTO', 'TT', '780', 'Trinidad and Tobago', 'Trinidad y Tobago', 'official'),
	('TUN', 'TN', '788', 'Tunisia', 'Tunez', 'official'),
	('TUR', 'TR', '792', 'Türkiye', 'Türkiye', 'official'),
	('TUV', 'TV', '798', 'Tuvalu', 'Tuvalu', 'official'),
	('TWN', 'TW', '158', 'Taiwan', 'Taiwán, Provincia de China', 'official'),
	('TZA', 'TZ', '834', 'Tanzania', 'Tanzania, República unida de', 'official'),
	('UGA', 'UG', '800', 'Uganda', 'Uganda', 'official'),
	('UKR', 'UA', '804', 'Ukraine', 'Ucrania', 'official'),
	('UMI', 'UM', '581', 'United States Minor Outlying Islands', 'Islas Ultramarinas Menores de Estados Unidos', 'official'),
	('URY', 'UY', '858', 'Uruguay', 'Uruguay', 'official'),
	('USA', 'US', '840', 'United States', 'Estados Unidos', 'official'),
	('UZB', 'UZ', '860', 'Uzbekistan', 'Uzbekistán', 'official'),
	('VAT', 'VA', '336', 'Holy See (Vatican City State)', 'Santa Sede (Ciudad Estado del Vaticano)', 'official'),
	('VCT', 'VC', '670', 'Saint Vincent and the Grenadines', 'San Vicente y las Granadinas', 'official'),
	('VEN', 'VE', '862', 'Venezuela', 'Venezuela, República Bolivariana de', 'official'),
	('VGB', 'VG', '092', 'Virgin Islands, British', 'Islas Vírgenes, Británicas', 'official'),
	('VIR', 'VI', '850', 'Virgin Islands, U.S.', 'Islas Vírgenes, de EEUU', 'official'),
	('VNM', 'VN', '704', 'Vietnam', 'Vietnam', 'official'),
	('VUT', 'VU', '548', 'Vanuatu', 'Vanuatu', 'official'),
	('WLF', 'WF', '876', 'Wallis and Futuna', 'Wallis y Futuna', 'official'),
	('WSM', 'WS', '882', 'Samoa', 'Samoa', 'official'),
	('YEM', 'YE', '887', 'Yemen', 'Yemen', 'official'),
	('ZAF', 'ZA', '710', 'South Africa', 'Sudáfrica', 'official'),
	('ZMB', 'ZM', '894', 'Zambia', 'Zambia', 'official'),
	('ZWE', 'ZW', '716', 'Zimbabwe', 'Zimbabue', 'official'),
	('ANT', NULL, '530', 'Netherlands Antilles', 'Antillas Neerlandesas', 'former'),
	('CSK', NULL, '200', 'Czechoslovakia, Czechoslovak Socialist Republic', 'Checoslovaquia, República Socialista Checoslovaca', 'former'),
	('SCG', NULL, '891', 'Serbia and Montenegro', 'Serbia y Montenegro', 'former'),
	('YUG', NULL, '891', 'Yugoslavia, (Socialist) Federal Republic of', 'Yugoslavia, (Socialist) Federal Republic of', 'former'),
	('XKX', NULL, NULL, 'Kosovo', 'Kosovo', 'publisher'),
	('UNK', NULL, NULL, 'Unknown', 'Desconocida', 'publisher'),
	('STL', NULL, NULL, 'Stateless', 'Apátrida', 'publisher'),
	('TIB', NULL, NULL, 'Tibet (code used by the publisher)', 'Tíbet (código del editor)', 'publisher'),
	('OOO', NULL, NULL, 'OOO (code used by the publisher, meaning not stated)', 'OOO (código del editor, sin definición)', 'publisher');

INSERT INTO @extschema@.country_alias (alias, iso3, builtin)
SELECT @extschema@.country_key(v.alias), v.iso3, true FROM (VALUES
	('CHINA, PEOPLES REPUBLIC OF', 'CHN'),
	('MYANMAR (BURMA)', 'MMR'),
	('BURMA', 'MMR'),
	('RUSSIA', 'RUS'),
	('TURKEY', 'TUR'),
	('ANTIGUA-BARBUDA', 'ATG'),
	('BOSNIA-HERZEGOVINA', 'BIH'),
	('CAPE VERDE', 'CPV'),
	('DEM REP OF THE CONGO', 'COD'),
	('IVORY COAST', 'CIV'),
	('MACAU', 'MAC'),
	('MACEDONIA', 'MKD'),
	('ST. KITTS-NEVIS', 'KNA'),
	('ST. LUCIA', 'LCA'),
	('ST. VINCENT-GRENADINES', 'VCT'),
	('SWAZILAND', 'SWZ'),
	('MICRONESIA', 'FSM'),
	('KOSOVO', 'XKX'),
	('CZECHOSLOVAKIA', 'CSK'),
	('YUGOSLAVIA', 'YUG'),
	('SERBIA AND MONTENEGRO', 'SCG'),
	('NETHERLANDS ANTILLES', 'ANT'),
	('UNKNOWN', 'UNK'),
	('Aruba', 'ABW'),
	('Aruba', 'ABW'),
	('Aruba', 'ABW'),
	('Afghanistan', 'AFG'),
	('Afghanistan', 'AFG'),
	('Islamic Republic of Afghanistan', 'AFG'),
	('Afganistán', 'AFG'),
	('Angola', 'AGO'),
	('Angola', 'AGO'),
	('Republic of Angola', 'AGO'),
	('Angola', 'AGO'),
	('Anguilla', 'AIA'),
	('Anguilla', 'AIA'),
	('Anguila', 'AIA'),
	('Åland Islands', 'ALA'),
	('Åland Islands', 'ALA'),
	('Islas Äland', 'ALA'),
	('Albania', 'ALB'),
	('Albania', 'ALB'),
	('Republic of Albania', 'ALB'),
	('Albania', 'ALB'),
	('Andorra', 'AND'),
	('Andorra', 'AND'),
	('Principality of Andorra', 'AND'),
	('Andorra', 'AND'),
	('United Arab Emirates', 'ARE'),
	('United Arab Emirates', 'ARE'),
	('Emiratos Árabes Unidos', 'ARE'),
	('Argentina', 'ARG'),
	('Argentina', 'ARG'),
	('Argentine Republic', 'ARG'),
	('Argentina', 'ARG'),
	('Armenia', 'ARM'),
	('Armenia', 'ARM'),
	('Republic of Armenia', 'ARM'),
	('Armenia', 'ARM'),
	('American Samoa', 'ASM'),
	('American Samoa', 'ASM'),
	('Samoa Estadounidense', 'ASM'),
	('Antarctica', 'ATA'),
	('Antarctica', 'ATA'),
	('Antártida', 'ATA'),
	('French Southern Territories', 'ATF'),
	('French Southern Territories', 'ATF'),
	('Territorios Franceses del Sur', 'ATF'),
	('Antigua and Barbuda', 'ATG'),
	('Antigua and Barbuda', 'ATG'),
	('Antigua y Barbuda', 'ATG'),
	('Australia', 'AUS'),
	('Australia', 'AUS'),
	('Australia', 'AUS'),
	('Austria', 'AUT'),
	('Austria', 'AUT'),
	('Republic of Austria', 'AUT'),
	('Austria', 'AUT'),
	('Azerbaijan', 'AZE'),
	('Azerbaijan', 'AZE'),
	('Republic of Azerbaijan', 'AZE'),
	('Azerbaiyán', 'AZE'),
	('Burundi', 'BDI'),
	('Burundi', 'BDI'),
	('Republic of Burundi', 'BDI'),
	('Burundi', 'BDI'),
	('Belgium', 'BEL'),
	('Belgium', 'BEL'),
	('Kingdom of Belgium', 'BEL'),
	('Bélgica', 'BEL'),
	('Benin', 'BEN'),
	('Benin', 'BEN'),
	('Republic of Benin', 'BEN'),
	('Benín', 'BEN'),
	('Bonaire, Sint Eustatius and Saba', 'BES'),
	('Bonaire, Sint Eustatius and Saba', 'BES'),
	('Bonaire, Sint Eustatius and Saba', 'BES'),
	('Islas BES (Caribe Neerlandés)', 'BES'),
	('Burkina Faso', 'BFA'),
	('Burkina Faso', 'BFA'),
	('Burquina Faso', 'BFA'),
	('Bangladesh', 'BGD'),
	('Bangladesh', 'BGD'),
	('People''s Republic of Bangladesh', 'BGD'),
	('Bangladés', 'BGD'),
	('Bulgaria', 'BGR'),
	('Bulgaria', 'BGR'),
	('Republic of Bulgaria', 'BGR'),
	('Bulgaria', 'BGR'),
	('Bahrain', 'BHR'),
	('Bahrain', 'BHR'),
	('Kingdom of Bahrain', 'BHR'),
	('Baréin', 'BHR'),
	('Bahamas', 'BHS'),
	('Bahamas', 'BHS'),
	('Commonwealth of the Bahamas', 'BHS'),
	('Bahamas', 'BHS'),
	('Bosnia and Herzegovina', 'BIH'),
	('Bosnia and Herzegovina', 'BIH'),
	('Republic of Bosnia and Herzegovina', 'BIH'),
	('Bosnia y Herzegovina', 'BIH'),
	('Saint Barthélemy', 'BLM'),
	('Saint Barthélemy', 'BLM'),
	('San Bartolomé', 'BLM'),
	('Belarus', 'BLR'),
	('Belarus', 'BLR'),
	('Republic of Belarus', 'BLR'),
	('Bielorrusia', 'BLR'),
	('Belize', 'BLZ'),
	('Belize', 'BLZ'),
	('Belice', 'BLZ'),
	('Bermuda', 'BMU'),
	('Bermuda', 'BMU'),
	('Islas Bermudas', 'BMU'),
	('Bolivia', 'BOL'),
	('Bolivia, Plurinational State of', 'BOL'),
	('Plurinational State of Bolivia', 'BOL'),
	('Bolivia, Estado plurinacional de', 'BOL'),
	('Brazil', 'BRA'),
	('Brazil', 'BRA'),
	('Federative Republic of Brazil', 'BRA'),
	('Brasil', 'BRA'),
	('Barbados', 'BRB'),
	('Barbados', 'BRB'),
	('Barbados', 'BRB'),
	('Brunei Darussalam', 'BRN'),
	('Brunei Darussalam', 'BRN'),
	('Brunei Darussalam', 'BRN'),
	('Bhutan', 'BTN'),
	('Bhutan', 'BTN'),
	('Kingdom of Bhutan', 'BTN'),
	('Bután', 'BTN'),
	('Bouvet Island', 'BVT'),
	('Bouvet Island', 'BVT'),
	('Isla Bouvet', 'BVT'),
	('Botswana', 'BWA'),
	('Botswana', 'BWA'),
	('Republic of Botswana', 'BWA'),
	('Botsuana', 'BWA'),
	('Central African Republic', 'CAF'),
	('Central African Republic', 'CAF'),
	('República Centroafricana', 'CAF'),
	('Canada', 'CAN'),
	('Canada', 'CAN'),
	('Canadá', 'CAN'),
	('Cocos (Keeling) Islands', 'CCK'),
	('Cocos (Keeling) Islands', 'CCK'),
	('Islas Cocos (Keeling)', 'CCK'),
	('Switzerland', 'CHE'),
	('Switzerland', 'CHE'),
	('Swiss Confederation', 'CHE'),
	('Suiza', 'CHE'),
	('Chile', 'CHL'),
	('Chile', 'CHL'),
	('Republic of Chile', 'CHL'),
	('Chile', 'CHL'),
	('China', 'CHN'),
	('China', 'CHN'),
	('People''s Republic of China', 'CHN'),
	('China', 'CHN'),
	('Côte d''Ivoire', 'CIV'),
	('Côte d''Ivoire', 'CIV'),
	('Republic of Côte d''Ivoire', 'CIV'),
	('Costa de Marfíl', 'CIV'),
	('Cameroon', 'CMR'),
	('Cameroon', 'CMR'),
	('Republic of Cameroon', 'CMR'),
	('Camerún', 'CMR'),
	('Congo, The Democratic Republic of the', 'COD'),
	('Congo, The Democratic Republic of the', 'COD'),
	('Congo, República Democrática del', 'COD'),
	('Congo', 'COG'),
	('Congo', 'COG'),
	('Republic of the Congo', 'COG'),
	('Congo', 'COG'),
	('Cook Islands', 'COK'),
	('Cook Islands', 'COK'),
	('Islas Cook', 'COK'),
	('Colombia', 'COL'),
	('Colombia', 'COL'),
	('Republic of Colombia', 'COL'),
	('Colombia', 'COL'),
	('Comoros', 'COM'),
	('Comoros', 'COM'),
	('Union of the Comoros', 'COM'),
	('Comores, Islas', 'COM'),
	('Cabo Verde', 'CPV'),
	('Cabo Verde', 'CPV'),
	('Republic of Cabo Verde', 'CPV'),
	('Cabo Verde', 'CPV'),
	('Costa Rica', 'CRI'),
	('Costa Rica', 'CRI'),
	('Republic of Costa Rica', 'CRI'),
	('Costa Rica', 'CRI'),
	('Cuba', 'CUB'),
	('Cuba', 'CUB'),
	('Republic of Cuba', 'CUB'),
	('Cuba', 'CUB'),
	('Curaçao', 'CUW'),
	('Curaçao', 'CUW'),
	('Curaçao', 'CUW'),
	('Curazao', 'CUW'),
	('Christmas Island', 'CXR'),
	('Christmas Island', 'CXR'),
	('Isla de Navidad', 'CXR'),
	('Cayman Islands', 'CYM'),
	('Cayman Islands', 'CYM'),
	('Islas Caimán', 'CYM'),
	('Cyprus', 'CYP'),
	('Cyprus', 'CYP'),
	('Republic of Cyprus', 'CYP'),
	('Chipre', 'CYP'),
	('Czechia', 'CZE'),
	('Czechia', 'CZE'),
	('Czech Republic', 'CZE'),
	('Chequia', 'CZE'),
	('Germany', 'DEU'),
	('Germany', 'DEU'),
	('Federal Republic of Germany', 'DEU'),
	('Alemania', 'DEU'),
	('Djibouti', 'DJI'),
	('Djibouti', 'DJI'),
	('Republic of Djibouti', 'DJI'),
	('Yibuti', 'DJI'),
	('Dominica', 'DMA'),
	('Dominica', 'DMA'),
	('Commonwealth of Dominica', 'DMA'),
	('Dominica', 'DMA'),
	('Denmark', 'DNK'),
	('Denmark', 'DNK'),
	('Kingdom of Denmark', 'DNK'),
	('Dinamarca', 'DNK'),
	('Dominican Republic', 'DOM'),
	('Dominican Republic', 'DOM'),
	('República Dominicana', 'DOM'),
	('Algeria', 'DZA'),
	('Algeria', 'DZA'),
	('People''s Democratic Republic of Algeria', 'DZA'),
	('Algeria', 'DZA'),
	('Ecuador', 'ECU'),
	('Ecuador', 'ECU'),
	('Republic of Ecuador', 'ECU'),
	('Ecuador', 'ECU'),
	('Egypt', 'EGY'),
	('Egypt', 'EGY'),
	('Arab Republic of Egypt', 'EGY'),
	('Egipto', 'EGY'),
	('Eritrea', 'ERI'),
	('Eritrea', 'ERI'),
	('the State of Eritrea', 'ERI'),
	('Eritrea', 'ERI'),
	('Western Sahara', 'ESH'),
	('Western Sahara', 'ESH'),
	('Sahara Occidental', 'ESH'),
	('Spain', 'ESP'),
	('Spain', 'ESP'),
	('Kingdom of Spain', 'ESP'),
	('España', 'ESP'),
	('Estonia', 'EST'),
	('Estonia', 'EST'),
	('Republic of Estonia', 'EST'),
	('Estonia', 'EST'),
	('Ethiopia', 'ETH'),
	('Ethiopia', 'ETH'),
	('Federal Democratic Republic of Ethiopia', 'ETH'),
	('Etiopía', 'ETH'),
	('Finland', 'FIN'),
	('Finland', 'FIN'),
	('Republic of Finland', 'FIN'),
	('Finlandia', 'FIN'),
	('Fiji', 'FJI'),
	('Fiji', 'FJI'),
	('Republic of Fiji', 'FJI'),
	('Fiyi', 'FJI'),
	('Falkland Islands (Malvinas)', 'FLK'),
	('Falkland Islands (Malvinas)', 'FLK'),
	('Islas Falkland (Malvinas)', 'FLK'),
	('France', 'FRA'),
	('France', 'FRA'),
	('French Republic', 'FRA'),
	('Francia', 'FRA'),
	('Faroe Islands', 'FRO'),
	('Faroe Islands', 'FRO'),
	('Islas Feroe', 'FRO'),
	('Micronesia, Federated States of', 'FSM'),
	('Micronesia, Federated States of', 'FSM'),
	('Federated States of Micronesia', 'FSM'),
	('Micronesia, Estados Federados de', 'FSM'),
	('Gabon', 'GAB'),
	('Gabon', 'GAB'),
	('Gabonese Republic', 'GAB'),
	('Gabón', 'GAB'),
	('United Kingdom', 'GBR'),
	('United Kingdom', 'GBR'),
	('United Kingdom of Great Britain and Northern Ireland', 'GBR'),
	('Reino Unido', 'GBR'),
	('Georgia', 'GEO'),
	('Georgia', 'GEO'),
	('Georgia', 'GEO'),
	('Guernsey', 'GGY'),
	('Guernsey', 'GGY'),
	('Guernsey', 'GGY'),
	('Ghana', 'GHA'),
	('Ghana', 'GHA'),
	('Republic of Ghana', 'GHA'),
	('Ghana', 'GHA'),
	('Gibraltar', 'GIB'),
	('Gibraltar', 'GIB'),
	('Gibraltar', 'GIB'),
	('Guinea', 'GIN'),
	('Guinea', 'GIN'),
	('Republic of Guinea', 'GIN'),
	('Guinea', 'GIN'),
	('Guadeloupe', 'GLP'),
	('Guadeloupe', 'GLP'),
	('Guadalupe', 'GLP'),
	('Gambia', 'GMB'),
	('Gambia', 'GMB'),
	('Republic of the Gambia', 'GMB'),
	('Gambia', 'GMB'),
	('Guinea-Bissau', 'GNB'),
	('Guinea-Bissau', 'GNB'),
	('Republic of Guinea-Bissau', 'GNB'),
	('Guinea-Bisáu', 'GNB'),
	('Equatorial Guinea', 'GNQ'),
	('Equatorial Guinea', 'GNQ'),
	('Republic of Equatorial Guinea', 'GNQ'),
	('Guinea Ecuatorial', 'GNQ'),
	('Greece', 'GRC'),
	('Greece', 'GRC'),
	('Hellenic Republic', 'GRC'),
	('Grecia', 'GRC'),
	('Grenada', 'GRD'),
	('Grenada', 'GRD'),
	('Granada', 'GRD'),
	('Greenland', 'GRL'),
	('Greenland', 'GRL'),
	('Groenlandia', 'GRL'),
	('Guatemala', 'GTM'),
	('Guatemala', 'GTM'),
	('Republic of Guatemala', 'GTM'),
	('Guatemala', 'GTM'),
	('French Guiana', 'GUF'),
	('French Guiana', 'GUF'),
	('Guayana Francesa', 'GUF'),
	('Guam', 'GUM'),
	('Guam', 'GUM'),
	('Guam', 'GUM'),
	('Guyana', 'GUY'),
	('Guyana', 'GUY'),
	('Republic of Guyana', 'GUY'),
	('Guyana', 'GUY'),
	('Hong Kong', 'HKG'),
	('Hong Kong', 'HKG'),
	('Hong Kong Special Administrative Region of China', 'HKG'),
	('Hong Kong', 'HKG'),
	('Heard Island and McDonald Islands', 'HMD'),
	('Heard Island and McDonald Islands', 'HMD'),
	('Islas Heard y McDonald', 'HMD'),
	('Honduras', 'HND'),
	('Honduras', 'HND'),
	('Republic of Honduras', 'HND'),
	('Honduras', 'HND'),
	('Croatia', 'HRV'),
	('Croatia', 'HRV'),
	('Republic of Croatia', 'HRV'),
	('Croacia', 'HRV'),
	('Haiti', 'HTI'),
	('Haiti', 'HTI'),
	('Republic of Haiti', 'HTI'),
	('Haití', 'HTI'),
	('Hungary', 'HUN'),
	('Hungary', 'HUN'),
	('Hungary', 'HUN'),
	('Hungría', 'HUN'),
	('Indonesia', 'IDN'),
	('Indonesia', 'IDN'),
	('Republic of Indonesia', 'IDN'),
	('Indonesia', 'IDN'),
	('Isle of Man', 'IMN'),
	('Isle of Man', 'IMN'),
	('Isla de Man', 'IMN'),
	('India', 'IND'),
	('India', 'IND'),
	('Republic of India', 'IND'),
	('India', 'IND'),
	('British Indian Ocean Territory', 'IOT'),
	('British Indian Ocean Territory', 'IOT'),
	('Territorio Británico del Océano Índico', 'IOT'),
	('Ireland', 'IRL'),
	('Ireland', 'IRL'),
	('Irlanda', 'IRL'),
	('Iran', 'IRN'),
	('Iran, Islamic Republic of', 'IRN'),
	('Islamic Republic of Iran', 'IRN'),
	('Irán, República islámica de', 'IRN'),
	('Iraq', 'IRQ'),
	('Iraq', 'IRQ'),
	('Republic of Iraq', 'IRQ'),
	('Irak', 'IRQ'),
	('Iceland', 'ISL'),
	('Iceland', 'ISL'),
	('Republic of Iceland', 'ISL'),
	('Islandia', 'ISL'),
	('Israel', 'ISR'),
	('Israel', 'ISR'),
	('State of Israel', 'ISR'),
	('Israel', 'ISR'),
	('Italy', 'ITA'),
	('Italy', 'ITA'),
	('Italian Republic', 'ITA'),
	('Italia', 'ITA'),
	('Jamaica', 'JAM'),
	('Jamaica', 'JAM'),
	('Jamaica', 'JAM'),
	('Jersey', 'JEY'),
	('Jersey', 'JEY'),
	('Jersey', 'JEY'),
	('Jordan', 'JOR'),
	('Jordan', 'JOR'),
	('Hashemite Kingdom of Jordan', 'JOR'),
	('Jordania', 'JOR'),
	('Japan', 'JPN'),
	('Japan', 'JPN'),
	('Japón', 'JPN'),
	('Kazakhstan', 'KAZ'),
	('Kazakhstan', 'KAZ'),
	('Republic of Kazakhstan', 'KAZ'),
	('Kazajistán', 'KAZ'),
	('Kenya', 'KEN'),
	('Kenya', 'KEN'),
	('Republic of Kenya', 'KEN'),
	('Kenia', 'KEN'),
	('Kyrgyzstan', 'KGZ'),
	('Kyrgyzstan', 'KGZ'),
	('Kyrgyz Republic', 'KGZ'),
	('Kirguistán', 'KGZ'),
	('Cambodia', 'KHM'),
	('Cambodia', 'KHM'),
	('Kingdom of Cambodia', 'KHM'),
	('Camboya', 'KHM'),
	('Kiribati', 'KIR'),
	('Kiribati', 'KIR'),
	('Republic of Kiribati', 'KIR'),
	('Kiribati', 'KIR'),
	('Saint Kitts and Nevis', 'KNA'),
	('Saint Kitts and Nevis', 'KNA'),
	('San Cristóbal y Nieves', 'KNA'),
	('South Korea', 'KOR'),
	('Korea, Republic of', 'KOR'),
	('Corea, República de', 'KOR'),
	('Kuwait', 'KWT'),
	('Kuwait', 'KWT'),
	('State of Kuwait', 'KWT'),
	('Kuwait', 'KWT'),
	('Laos', 'LAO'),
	('Lao People''s Democratic Republic', 'LAO'),
	('República Democrática Popular de Lao', 'LAO'),
	('Lebanon', 'LBN'),
	('Lebanon', 'LBN'),
	('Lebanese Republic', 'LBN'),
	('Líbano', 'LBN'),
	('Liberia', 'LBR'),
	('Liberia', 'LBR'),
	('Republic of Liberia', 'LBR'),
	('Liberia', 'LBR'),
	('Libya', 'LBY'),
	('Libya', 'LBY'),
	('Libya', 'LBY'),
	('Libia', 'LBY'),
	('Saint Lucia', 'LCA'),
	('Saint Lucia', 'LCA'),
	('Santa Lucía', 'LCA'),
	('Liechtenstein', 'LIE'),
	('Liechtenstein', 'LIE'),
	('Principality of Liechtenstein', 'LIE'),
	('Liechtenstein', 'LIE'),
	('Sri Lanka', 'LKA'),
	('Sri Lanka', 'LKA'),
	('Democratic Socialist Republic of Sri Lanka', 'LKA'),
	('Sri Lanka', 'LKA'),
	('Lesotho', 'LSO'),
	('Lesotho', 'LSO'),
	('Kingdom of Lesotho', 'LSO'),
	('Lesoto', 'LSO'),
	('Lithuania', 'LTU'),
	('Lithuania', 'LTU'),
	('Republic of Lithuania', 'LTU'),
	('Lituania', 'LTU'),
	('Luxembourg', 'LUX'),
	('Luxembourg', 'LUX'),
	('Grand Duchy of Luxembourg', 'LUX'),
	('Luxemburgo', 'LUX'),
	('Latvia', 'LVA'),
	('Latvia', 'LVA'),
	('Republic of Latvia', 'LVA'),
	('Letonia', 'LVA'),
	('Macao', 'MAC'),
	('Macao', 'MAC'),
	('Macao Special Administrative Region of China', 'MAC'),
	('Macao', 'MAC'),
	('Saint Martin (French part)', 'MAF'),
	('Saint Martin (French part)', 'MAF'),
	('San Martín (zona francesa)', 'MAF'),
	('Morocco', 'MAR'),
	('Morocco', 'MAR'),
	('Kingdom of Morocco', 'MAR'),
	('Marruecos', 'MAR'),
	('Monaco', 'MCO'),
	('Monaco', 'MCO'),
	('Principality of Monaco', 'MCO'),
	('Mónaco', 'MCO'),
	('Moldova', 'MDA'),
	('Moldova, Republic of', 'MDA'),
	('Republic of Moldova', 'MDA'),
	('Moldavia, República de', 'MDA'),
	('Madagascar', 'MDG'),
	('Madagascar', 'MDG'),
	('Republic of Madagascar', 'MDG'),
	('Madagascar', 'MDG'),
	('Maldives', 'MDV'),
	('Maldives', 'MDV'),
	('Republic of Maldives', 'MDV'),
	('Islas Maldivas', 'MDV'),
	('Mexico', 'MEX'),
	('Mexico', 'MEX'),
	('United Mexican States', 'MEX'),
	('México', 'MEX'),
	('Marshall Islands', 'MHL'),
	('Marshall Islands', 'MHL'),
	('Republic of the Marshall Islands', 'MHL'),
	('Islas Marshall', 'MHL'),
	('North Macedonia', 'MKD'),
	('North Macedonia', 'MKD'),
	('Republic of North Macedonia', 'MKD'),
	('Macedonia del Norte', 'MKD'),
	('Mali', 'MLI'),
	('Mali', 'MLI'),
	('Republic of Mali', 'MLI'),
	('Malí', 'MLI'),
	('Malta', 'MLT'),
	('Malta', 'MLT'),
	('Republic of Malta', 'MLT'),
	('Malta', 'MLT'),
	('Myanmar', 'MMR'),
	('Myanmar', 'MMR'),
	('Republic of Myanmar', 'MMR'),
	('Birmania', 'MMR'),
	('Montenegro', 'MNE'),
	('Montenegro', 'MNE'),
	('Montenegro', 'MNE'),
	('Montenegro', 'MNE'),
	('Mongolia', 'MNG'),
	('Mongolia', 'MNG'),
	('Mongolia', 'MNG'),
	('Northern Mariana Islands', 'MNP'),
	('Northern Mariana Islands', 'MNP'),
	('Commonwealth of the Northern Mariana Islands', 'MNP'),
	('Islas Marianas del Norte', 'MNP'),
	('Mozambique', 'MOZ'),
	('Mozambique', 'MOZ'),
	('Republic of Mozambique', 'MOZ'),
	('Mozambique', 'MOZ'),
	('Mauritania', 'MRT'),
	('Mauritania', 'MRT'),
	('Islamic Republic of Mauritania', 'MRT'),
	('Mauritania', 'MRT'),
	('Montserrat', 'MSR'),
	('Montserrat', 'MSR'),
	('Montserrat', 'MSR'),
	('Martinique', 'MTQ'),
	('Martinique', 'MTQ'),
	('Martinica', 'MTQ'),
	('Mauritius', 'MUS'),
	('Mauritius', 'MUS'),
	('Republic of Mauritius', 'MUS'),
	('Mauricio', 'MUS'),
	('Malawi', 'MWI'),
	('Malawi', 'MWI'),
	('Republic of Malawi', 'MWI'),
	('Malaui', 'MWI'),
	('Malaysia', 'MYS'),
	('Malaysia', 'MYS'),
	('Malasia', 'MYS'),
	('Mayotte', 'MYT'),
	('Mayotte', 'MYT'),
	('Mayotte', 'MYT'),
	('Namibia', 'NAM'),
	('Namibia', 'NAM'),
	('Republic of Namibia', 'NAM'),
	('Namibia', 'NAM'),
	('New Caledonia', 'NCL'),
	('New Caledonia', 'NCL'),
	('Nueva Caledonia', 'NCL'),
	('Niger', 'NER'),
	('Niger', 'NER'),
	('Republic of the Niger', 'NER'),
	('Niger', 'NER'),
	('Norfolk Island', 'NFK'),
	('Norfolk Island', 'NFK'),
	('Isla Norfolk', 'NFK'),
	('Nigeria', 'NGA'),
	('Nigeria', 'NGA'),
	('Federal Republic of Nigeria', 'NGA'),
	('Nigeria', 'NGA'),
	('Nicaragua', 'NIC'),
	('Nicaragua', 'NIC'),
	('Republic of Nicaragua', 'NIC'),
	('Nicaragua', 'NIC'),
	('Niue', 'NIU'),
	('Niue', 'NIU'),
	('Niue', 'NIU'),
	('Niue', 'NIU'),
	('Netherlands', 'NLD'),
	('Netherlands', 'NLD'),
	('Kingdom of the Netherlands', 'NLD'),
	('Países Bajos', 'NLD'),
	('Norway', 'NOR'),
	('Norway', 'NOR'),
	('Kingdom of Norway', 'NOR'),
	('Noruega', 'NOR'),
	('Nepal', 'NPL'),
	('Nepal', 'NPL'),
	('Federal Democratic Republic of Nepal', 'NPL'),
	('Nepal', 'NPL'),
	('Nauru', 'NRU'),
	('Nauru', 'NRU'),
	('Republic of Nauru', 'NRU'),
	('Nauru', 'NRU'),
	('New Zealand', 'NZL'),
	('New Zealand', 'NZL'),
	('Nueva Zelanda', 'NZL'),
	('Oman', 'OMN'),
	('Oman', 'OMN'),
	('Sultanate of Oman', 'OMN'),
	('Omán', 'OMN'),
	('Pakistan', 'PAK'),
	('Pakistan', 'PAK'),
	('Islamic Republic of Pakistan', 'PAK'),
	('Pakistán', 'PAK'),
	('Panama', 'PAN'),
	('Panama', 'PAN'),
	('Republic of Panama', 'PAN'),
	('Panamá', 'PAN'),
	('Pitcairn', 'PCN'),
	('Pitcairn', 'PCN'),
	('Pitcairn', 'PCN'),
	('Peru', 'PER'),
	('Peru', 'PER'),
	('Republic of Peru', 'PER'),
	('Perú', 'PER'),
	('Philippines', 'PHL'),
	('Philippines', 'PHL'),
	('Republic of the Philippines', 'PHL'),
	('Filipinas', 'PHL'),
	('Palau', 'PLW'),
	('Palau', 'PLW'),
	('Republic of Palau', 'PLW'),
	('Palaos', 'PLW'),
	('Papua New Guinea', 'PNG'),
	('Papua New Guinea', 'PNG'),
	('Independent State of Papua New Guinea', 'PNG'),
	('Papúa Nueva Guinea', 'PNG'),
	('Poland', 'POL'),
	('Poland', 'POL'),
	('Republic of Poland', 'POL'),
	('Polonia', 'POL'),
	('Puerto Rico', 'PRI'),
	('Puerto Rico', 'PRI'),
	('Puerto Rico', 'PRI'),
	('North Korea', 'PRK'),
	('Korea, Democratic People''s Republic of', 'PRK'),
	('Democratic People''s Republic of Korea', 'PRK'),
	('Corea, República Democrática Popular de', 'PRK'),
	('Portugal', 'PRT'),
	('Portugal', 'PRT'),
	('Portuguese Republic', 'PRT'),
	('Portugal', 'PRT'),
	('Paraguay', 'PRY'),
	('Paraguay', 'PRY'),
	('Republic of Paraguay', 'PRY'),
	('Paraguay', 'PRY'),
	('Palestine, State of', 'PSE'),
	('Palestine, State of', 'PSE'),
	('the State of Palestine', 'PSE'),
	('Palestina, Estado de', 'PSE'),
	('French Polynesia', 'PYF'),
	('French Polynesia', 'PYF'),
	('Polinesia Francesa', 'PYF'),
	('Qatar', 'QAT'),
	('Qatar', 'QAT'),
	('State of Qatar', 'QAT'),
	('Catar', 'QAT'),
	('Réunion', 'REU'),
	('Réunion', 'REU'),
	('Reunión', 'REU'),
	('Romania', 'ROU'),
	('Romania', 'ROU'),
	('Rumanía', 'ROU'),
	('Russian Federation', 'RUS'),
	('Russian Federation', 'RUS'),
	('Federación Rusa', 'RUS'),
	('Rwanda', 'RWA'),
	('Rwanda', 'RWA'),
	('Rwandese Republic', 'RWA'),
	('Ruanda', 'RWA'),
	('Saudi Arabia', 'SAU'),
	('Saudi Arabia', 'SAU'),
	('Kingdom of Saudi Arabia', 'SAU'),
	('Arabia Saudí', 'SAU'),
	('Sudan', 'SDN'),
	('Sudan', 'SDN'),
	('Republic of the Sudan', 'SDN'),
	('Sudán', 'SDN'),
	('Senegal', 'SEN'),
	('Senegal', 'SEN'),
	('Republic of Senegal', 'SEN'),
	('Senegal', 'SEN'),
	('Singapore', 'SGP'),
	('Singapore', 'SGP'),
	('Republic of Singapore', 'SGP'),
	('Singapur', 'SGP'),
	('South Georgia and the South Sandwich Islands', 'SGS'),
	('South Georgia and the South Sandwich Islands', 'SGS'),
	('Islas Georgias del Sur y Sándwich del Sur', 'SGS'),
	('Saint Helena, Ascension and Tristan da Cunha', 'SHN'),
	('Saint Helena, Ascension and Tristan da Cunha', 'SHN'),
	('Santa Elena, Ascensión y Tristán de Acuña', 'SHN'),
	('Svalbard and Jan Mayen', 'SJM'),
	('Svalbard and Jan Mayen', 'SJM'),
	('Svalbard y Jan Mayen', 'SJM'),
	('Solomon Islands', 'SLB'),
	('Solomon Islands', 'SLB'),
	('Islas Salomón', 'SLB'),
	('Sierra Leone', 'SLE'),
	('Sierra Leone', 'SLE'),
	('Republic of Sierra Leone', 'SLE'),
	('Sierra Leona', 'SLE'),
	('El Salvador', 'SLV'),
	('El Salvador', 'SLV'),
	('Republic of El Salvador', 'SLV'),
	('El Salvador', 'SLV'),
	('San Marino', 'SMR'),
	('San Marino', 'SMR'),
	('Republic of San Marino', 'SMR'),
	('San Marino', 'SMR'),
	('Somalia', 'SOM'),
	('Somalia', 'SOM'),
	('Federal Republic of Somalia', 'SOM'),
	('Somalia', 'SOM'),
	('Saint Pierre and Miquelon', 'SPM'),
	('Saint Pierre and Miquelon', 'SPM'),
	('San Pedro y Miquelon', 'SPM'),
	('Serbia', 'SRB'),
	('Serbia', 'SRB'),
	('Republic of Serbia', 'SRB'),
	('Serbia', 'SRB'),
	('South Sudan', 'SSD'),
	('South Sudan', 'SSD'),
	('Republic of South Sudan', 'SSD'),
	('Sudán del Sur', 'SSD'),
	('Sao Tome and Principe', 'STP'),
	('Sao Tome and Principe', 'STP'),
	('Democratic Republic of Sao Tome and Principe', 'STP'),
	('Santo Tomé y Príncipe', 'STP'),
	('Suriname', 'SUR'),
	('Suriname', 'SUR'),
	('Republic of Suriname', 'SUR'),
	('Surinám', 'SUR'),
	('Slovakia', 'SVK'),
	('Slovakia', 'SVK'),
	('Slovak Republic', 'SVK'),
	('Eslovaquia', 'SVK'),
	('Slovenia', 'SVN'),
	('Slovenia', 'SVN'),
	('Republic of Slovenia', 'SVN'),
	('Eslovenia', 'SVN'),
	('Sweden', 'SWE'),
	('Sweden', 'SWE'),
	('Kingdom of Sweden', 'SWE'),
	('Suecia', 'SWE'),
	('Eswatini', 'SWZ'),
	('Eswatini', 'SWZ'),
	('Kingdom of Eswatini', 'SWZ'),
	('Esuatini', 'SWZ'),
	('Sint Maarten (Dutch part)', 'SXM'),
	('Sint Maarten (Dutch part)', 'SXM'),
	('Sint Maarten (Dutch part)', 'SXM'),
	('Isla de San Martín (zona holandsea)', 'SXM'),
	('Seychelles', 'SYC'),
	('Seychelles', 'SYC'),
	('Republic of Seychelles', 'SYC'),
	('Seychelles', 'SYC'),
	('Syria', 'SYR'),
	('Syrian Arab Republic', 'SYR'),
	('República árabe de Siria', 'SYR'),
	('Turks and Caicos Islands', 'TCA'),
	('Turks and Caicos Islands', 'TCA'),
	('Islas Turcas y Caicos', 'TCA'),
	('Chad', 'TCD'),
	('Chad', 'TCD'),
	('Republic of Chad', 'TCD'),
	('Chad', 'TCD'),
	('Togo', 'TGO'),
	('Togo', 'TGO'),
	('Togolese Republic', 'TGO'),
	('Togo', 'TGO'),
	('Thailand', 'THA'),
	('Thailand', 'THA'),
	('Kingdom of Thailand', 'THA'),
	('Tailandia', 'THA'),
	('Tajikistan', 'TJK'),
	('Tajikistan', 'TJK'),
	('Republic of Tajikistan', 'TJK'),
	('Tayikistán', 'TJK'),
	('Tokelau', 'TKL'),
	('Tokelau', 'TKL'),
	('Tokelau', 'TKL'),
	('Turkmenistan', 'TKM'),
	('Turkmenistan', 'TKM'),
	('Turkmenistán', 'TKM'),
	('Timor-Leste', 'TLS'),
	('Timor-Leste', 'TLS'),
	('Democratic Republic of Timor-Leste', 'TLS'),
	('Timor Oriental', 'TLS'),
	('Tonga', 'TON'),
	('Tonga', 'TON'),
	('Kingdom of Tonga', 'TON'),
	('Tonga', 'TON'),
	('Trinidad and Tobago', 'TTO'),
	('Trinidad and Tobago', 'TTO'),
	('Republic of Trinidad and Tobago', 'TTO'),
	('Trinidad y Tobago', 'TTO'),
	('Tunisia', 'TUN'),
	('Tunisia', 'TUN'),
	('Republic of Tunisia', 'TUN'),
	('Tunez', 'TUN'),
	('Türkiye', 'TUR'),
	('Türkiye', 'TUR'),
	('Republic of Türkiye', 'TUR'),
	('Türkiye', 'TUR'),
	('Tuvalu', 'TUV'),
	('Tuvalu', 'TUV'),
	('Tuvalu', 'TUV'),
	('Taiwan', 'TWN'),
	('Taiwan, Province of China', 'TWN'),
	('Taiwan, Province of China', 'TWN'),
	('Taiwán, Provincia de China', 'TWN'),
	('Tanzania', 'TZA'),
	('Tanzania, United Republic of', 'TZA'),
	('United Republic of Tanzania', 'TZA'),
	('Tanzania, República unida de', 'TZA'),
	('Uganda', 'UGA'),
	('Uganda', 'UGA'),
	('Republic of Uganda', 'UGA'),
	('Uganda', 'UGA'),
	('Ukraine', 'UKR'),
	('Ukraine', 'UKR'),
	('Ucrania', 'UKR'),
	('United States Minor Outlying Islands', 'UMI'),
	('United States Minor Outlying Islands', 'UMI'),
	('Islas Ultramarinas Menores de Estados Unidos', 'UMI'),
	('Uruguay', 'URY'),
	('Uruguay', 'URY'),
	('Eastern Republic of Uruguay', 'URY'),
	('Uruguay', 'URY'),
	('United States', 'USA'),
	('United States', 'USA'),
	('United States of America', 'USA'),
	('Estados Unidos', 'USA'),
	('Uzbekistan', 'UZB'),
	('Uzbekistan', 'UZB'),
	('Republic of Uzbekistan', 'UZB'),
	('Uzbekistán', 'UZB'),
	('Holy See (Vatican City State)', 'VAT'),
	('Holy See (Vatican City State)', 'VAT'),
	('Santa Sede (Ciudad Estado del Vaticano)', 'VAT'),
	('Saint Vincent and the Grenadines', 'VCT'),
	('Saint Vincent and the Grenadines', 'VCT'),
	('San Vicente y las Granadinas', 'VCT'),
	('Venezuela', 'VEN'),
	('Venezuela, Bolivarian Republic of', 'VEN'),
	('Bolivarian Republic of Venezuela', 'VEN'),
	('Venezuela, República Bolivariana de', 'VEN'),
	('Virgin Islands, British', 'VGB'),
	('Virgin Islands, British', 'VGB'),
	('British Virgin Islands', 'VGB'),
	('Islas Vírgenes, Británicas', 'VGB'),
	('Virgin Islands, U.S.', 'VIR'),
	('Virgin Islands, U.S.', 'VIR'),
	('Virgin Islands of the United States', 'VIR'),
	('Islas Vírgenes, de EEUU', 'VIR'),
	('Vietnam', 'VNM'),
	('Viet Nam', 'VNM'),
	('Socialist Republic of Viet Nam', 'VNM'),
	('Vietnam', 'VNM'),
	('Vanuatu', 'VUT'),
	('Vanuatu', 'VUT'),
	('Republic of Vanuatu', 'VUT'),
	('Vanuatu', 'VUT'),
	('Wallis and Futuna', 'WLF'),
	('Wallis and Futuna', 'WLF'),
	('Wallis y Futuna', 'WLF'),
	('Samoa', 'WSM'),
	('Samoa', 'WSM'),
	('Independent State of Samoa', 'WSM'),
	('Samoa', 'WSM'),
	('Yemen', 'YEM'),
	('Yemen', 'YEM'),
	('Republic of Yemen', 'YEM'),
	('Yemen', 'YEM'),
	('South Africa', 'ZAF'),
	('South Africa', 'ZAF'),
	('Republic of South Africa', 'ZAF'),
	('Sudáfrica', 'ZAF'),
	('Zambia', 'ZMB'),
	('Zambia', 'ZMB'),
	('Republic of Zambia', 'ZMB'),
	('Zambia', 'ZMB'),
	('Zimbabwe', 'ZWE'),
	('Zimbabwe', 'ZWE'),
	('Republic of Zimbabwe', 'ZWE'),
	('Zimbabue', 'ZWE'),
	('Netherlands Antilles', 'ANT'),
	('Antillas Neerlandesas', 'ANT'),
	('Czechoslovakia, Czechoslovak Socialist Republic', 'CSK'),
	('Checoslovaquia, República Socialista Checoslovaca', 'CSK'),
	('Serbia and Montenegro', 'SCG'),
	('Serbia y Montenegro', 'SCG'),
	('Yugoslavia, (Socialist) Federal Republic of', 'YUG'),
	('Yugoslavia, (Socialist) Federal Republic of', 'YUG'),
	('Kosovo', 'XKX'),
	('Unknown', 'UNK'),
	('Unknown', 'UNK'),
	('Stateless', 'STL'),
	('Stateless', 'STL'),
	('Tibet (code used by the publisher)', 'TIB'),
	('OOO (code used by the publisher, meaning not stated)', 'OOO')
) AS v(alias, iso3)
ON CONFLICT (alias) DO NOTHING;
-- countries: end

-- Stored comparison vectors and models of 0.2.0 do not carry over: name the
-- columns that hold them, so that nobody reads an old dob level silently.
DO $$
DECLARE
	c record;
BEGIN
	FOR c IN
		SELECT a.attrelid::regclass AS tab, a.attname AS col, t.typname
		FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
		WHERE t.typname IN ('link_gamma', '_link_gamma')
		  AND t.typnamespace = (SELECT e.extnamespace FROM pg_catalog.pg_extension e WHERE e.extname = 'migrisk')
		  AND a.attnum > 0 AND NOT a.attisdropped
		  AND (SELECT c2.relkind FROM pg_catalog.pg_class c2 WHERE c2.oid = a.attrelid) IN ('r', 'p', 'm')
	LOOP
		RAISE WARNING 'column %.% holds link_gamma values made by migrisk 0.2.0', c.tab, c.col
			USING DETAIL = 'The birth-date field gained the level year_off (index 2): a stored dob level 2 to 4 now reads one level stronger.',
				  HINT = 'Recompute the column with compare_persons, and refit stored link models (link_em or link_records).';
	END LOOP;
END
$$;

-- linkage: blocking key families, nicknames, year_off, blocking analysis,
-- accuracy per threshold (issue 15; issue 21: the keys' year in full).
-- compare_persons and blocking_keys change in the library (new comments
-- here); link_gamma's dob field gains the level year_off (index 2), so a
-- dob level 2..4 stored under 0.2.0 reads one level stronger: recompute
-- stored vectors and refit stored models (a 0.2.0 model's dob arrays have
-- one entry too few and match_weight rejects it).

COMMENT ON FUNCTION @extschema@.compare_persons(@extschema@.person_ident, @extschema@.person_ident) IS
'comparison vector of two person records: one level per field (names exact/phonetic/jw92/jw85/swapped/one_missing/different, a given name shared word by word or through a nickname counting as jw92, swapped surnames as surname1 swapped with surname2 the weaker crosswise level, birth date exact/transposed/year_off/one_component/within_year/different, sex and nationality equal/different); plausibility left missing';

COMMENT ON FUNCTION @extschema@.blocking_keys(@extschema@.person_ident) IS
'blocking keys of a person record, five families over each surname word and each given word (nicknames read as their names): S|phonetic surname|birth year|month, D|phonetic surname|day|month (sorted, no year), G|given initial|birth date, N|phonetic given|phonetic surname|decade, F|both phonetic surnames (sorted)|decade, the decades those of the years before and after the birth year, or every decade 1900s..2030s without a date; candidate pairs share a key (a.keys && b.keys with a GIN index)';

CREATE FUNCTION @extschema@.given_name_equivalents(OUT variant text, OUT name text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'migrisk_given_name_equivalents'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 40;

COMMENT ON FUNCTION @extschema@.given_name_equivalents() IS
'the nickname table of Spanish given names that compare_persons and blocking_keys use (variant = nickname, name = the name it stands for, both in name_normalize form): Pancho/Paco = Francisco, Pepe = José, Lupe = Guadalupe, Chuy = Jesús, ...; sources in docs/reference.md';

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
	exp_false float8;
	exp_missed float8;
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

	-- 1. identities and blocking keys (_link_blocking_prepare, which
	-- blocking_analysis shares: its counts are these)
	t := clock_timestamp();
	SELECT b.n_left, b.n_right, b.n_cand, b.n_skipped INTO n_left, n_right, n_cand, n_skipped
	FROM @extschema@._link_blocking_prepare(left_table, left_id, left_identity,
		right_table, right_id, right_identity, blocking_function, max_block,
		left_date, right_date, min_days, max_days) b;
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
		-- With the window the candidates hold few non-matches, and EM can
		-- take a level's u below what the random pairs show (a year off by
		-- one: none among a few hundred non-matches, u -> 0, +15 bits).
		-- No u falls below its random-pair value (each field renormalised),
		-- so a level's weight stays what the population supports, also
		-- when the model scores other candidates (a table's duplicates).
		IF u IS NOT NULL THEN
			SELECT m OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('fields',
				pg_catalog.jsonb_object_agg(f.key, f.value OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('u',
					(SELECT pg_catalog.jsonb_agg(x.v / x.s ORDER BY x.i)
					 FROM (SELECT e.i, e.v, pg_catalog.sum(e.v) OVER () AS s
						   FROM (SELECT e.i, greatest(e.v::float8,
										coalesce((u -> 'fields' -> f.key -> 'u' ->> (e.i - 1)::int)::float8, float8 '0')) AS v
								 FROM pg_catalog.jsonb_array_elements_text(f.value -> 'u') WITH ORDINALITY AS e(v, i)) e) x))))
			INTO m
			FROM pg_catalog.jsonb_each(m -> 'fields') AS f;
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
	-- 5. label-free accuracy (as fastLink): among the candidates, a link
	-- with probability p is false with probability 1 - p, a pair left out
	-- a missed match with probability p; summed over the distinct vectors
	SELECT pg_catalog.sum(CASE WHEN s.p >= threshold THEN (float8 '1' - s.p) * s.n ELSE float8 '0' END),
		   pg_catalog.sum(CASE WHEN s.p < threshold THEN s.p * s.n ELSE float8 '0' END)
	INTO exp_false, exp_missed
	FROM (SELECT @extschema@.match_probability(g.gamma, m) AS p, g.n
		  FROM (SELECT gamma, pg_catalog.count(*)::float8 AS n FROM _lr_pairs GROUP BY gamma) g) s;
	RAISE NOTICE 'link_records: label-free estimate: % expected false links, % expected missed matches among the candidates (estimated precision %, recall %)',
		round(exp_false::numeric, 1), round(exp_missed::numeric, 1),
		CASE WHEN n_links > 0::int8 THEN round((float8 '1' - exp_false / n_links::float8)::numeric, 4) END,
		CASE WHEN n_links::float8 - exp_false + exp_missed > float8 '0'
			 THEN round(((n_links::float8 - exp_false) / (n_links::float8 - exp_false + exp_missed))::numeric, 4) END;

	DROP TABLE _lr_left, _lr_lkey, _lr_big, _lr_cand, _lr_pairs;
	IF NOT dedup THEN
		DROP TABLE _lr_right, _lr_rkey;
	END IF;
	times := times || pg_catalog.jsonb_build_object('total_s', round(extract(epoch FROM clock_timestamp() - t0)::numeric, 3));
	RETURN m || pg_catalog.jsonb_build_object('run', pg_catalog.jsonb_build_object(
		'left_records', n_left, 'right_records', n_right, 'candidate_pairs', n_cand,
		'skipped_keys', n_skipped, 'links', n_links, 'threshold', threshold,
		'expected_false_links', exp_false, 'expected_missed_links', exp_missed,
		'date_window', CASE WHEN windowed THEN pg_catalog.jsonb_build_array(min_days, max_days) END,
		'u_pairs', sample_a * sample_b,
		'result_table', res, 'model_given', model IS NOT NULL) || times);
END
$fn$;

COMMENT ON FUNCTION @extschema@.link_records(regclass, text, text, regclass, text, text, text, jsonb, float8, text, int, float8, text, text, text, text, int, int) IS
'one-call linkage: identities from left_identity/right_identity (SQL expressions over each table''s columns), candidates by shared blocking keys (keys with more than max_block records on a side skipped), comparison (plus plausibility, an expression over l.* and r.*), a model unless given (EM over the candidates'' patterns, link_em_fit, lambda estimated unless given; when the estimate would make more matching pairs than half the records when deduplicating or the larger table''s records otherwise, a WARNING, and lambda from EM with u fixed at the candidates'' level frequencies (at most that bound); lambda = -1: estimated, no bound; with the date window, u starts from random pairs and m, u and lambda are estimated, lambda fixed only if given, and no u falls below its random-pair value), and the links with match_probability >= threshold written to a new result_table (id_a, id_b, gamma, match_weight, match_probability); without right_table, deduplicates left_table; with left_date and right_date (date expressions over each table), only pairs whose right date may lie min_days..max_days (default 0..7) after the left date are candidates; NOTICE per stage, and the label-free estimate of false links and missed matches at threshold (sum of 1 - p over the links, of p over the other candidates); returns the model with run statistics';

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

-- linkage: term-frequency adjustment of the given name too
CREATE FUNCTION @extschema@.match_weight(gamma @extschema@.link_gamma, model jsonb,
	surname1_tf float8, surname2_tf float8, given_tf float8)
RETURNS float8 AS 'MODULE_PATHNAME', 'migrisk_match_weight'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.match_probability(gamma @extschema@.link_gamma, model jsonb,
	surname1_tf float8, surname2_tf float8, given_tf float8)
RETURNS float8 AS 'MODULE_PATHNAME', 'migrisk_match_probability'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.match_weight(@extschema@.link_gamma, jsonb, float8, float8, float8) IS
'match weight with term-frequency adjustment of exact surname and given-name agreements: on each adds log2(u_exact) - log2(max(tf, tf_minimum)), tf = share of records carrying that name (NULL: no adjustment)';
COMMENT ON FUNCTION @extschema@.match_probability(@extschema@.link_gamma, jsonb, float8, float8, float8) IS
'match probability with term-frequency adjustment of exact surname and given-name agreements (see match_weight)';

-- one SQLSTATE per kind of mistake: a parameter outside its range is 22023
CREATE OR REPLACE FUNCTION @extschema@.pprl_link(left_table regclass, right_table regclass,
	threshold float8 DEFAULT 0.8, id_column text DEFAULT 'id', clk_column text DEFAULT 'clk',
	bands integer DEFAULT 32, bits_per_band integer DEFAULT 12)
RETURNS TABLE (left_id int8, right_id int8, score float8)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	t regclass;
	c text;
BEGIN
	IF threshold IS NULL OR threshold < 0 OR threshold > 1 THEN
		RAISE EXCEPTION 'Dice threshold % is out of range', threshold
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Use a threshold between 0 and 1.';
	END IF;
	IF bands IS NULL OR bands < 1 OR bands > 64 OR bits_per_band IS NULL OR bits_per_band < 1 OR bits_per_band > 32 THEN
		RAISE EXCEPTION 'blocking with % bands of % bits is out of range', bands, bits_per_band
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Use 1 to 64 bands of 1 to 32 bits.';
	END IF;
	FOR t IN SELECT unnest(ARRAY[left_table, right_table]) LOOP
		FOR c IN SELECT unnest(ARRAY[id_column, clk_column]) LOOP
			IF NOT EXISTS (SELECT 1 FROM pg_attribute a
			               WHERE a.attrelid = t AND a.attname = c AND a.attnum > 0 AND NOT a.attisdropped) THEN
				RAISE EXCEPTION 'column "%" does not exist in table %', c, t
					USING ERRCODE = 'undefined_column',
					      HINT = 'Name the columns with id_column and clk_column; both tables use the same names.';
			END IF;
		END LOOP;
	END LOOP;
	RETURN QUERY EXECUTE pg_catalog.format($q$
		WITH l AS (SELECT %1$I::int8 AS id, %2$I::@extschema@.clk AS clk FROM %3$s WHERE %2$I IS NOT NULL),
		     r AS (SELECT %1$I::int8 AS id, %2$I::@extschema@.clk AS clk FROM %4$s WHERE %2$I IS NOT NULL),
		     lb AS (SELECT id, clk, unnest(@extschema@.clk_blocking_keys(clk, $2, $3)) AS bk FROM l),
		     rb AS (SELECT id, clk, unnest(@extschema@.clk_blocking_keys(clk, $2, $3)) AS bk FROM r),
		     cand AS (SELECT DISTINCT lb.id AS lid, rb.id AS rid, @extschema@.dice(lb.clk, rb.clk) AS s
		              FROM lb JOIN rb ON lb.bk = rb.bk),
		     kept AS (SELECT array_agg(lid) AS a, array_agg(rid) AS b, array_agg(s) AS c
		              FROM cand WHERE s >= $1)
		SELECT g.left_id, g.right_id, g.score
		FROM kept, @extschema@._pprl_greedy(kept.a, kept.b, kept.c) g
		ORDER BY g.score DESC, g.left_id, g.right_id
		$q$, id_column, clk_column, left_table, right_table)
	USING threshold, bands, bits_per_band;
END
$fn$;

-- ---------------------------------------------------------------------
-- 0.3.0: the space-time index of route_segment (src/sql/12_route_segment_index.sql)
-- ---------------------------------------------------------------------


-- ---------------------------------------------------------------------
-- route_segment_box: a lon/lat box (longitudes unwrapped across 180), a
-- closed time span, or both; fixed length (56 bytes)
-- ---------------------------------------------------------------------

CREATE TYPE @extschema@.route_segment_box;

CREATE FUNCTION @extschema@.route_segment_box_in(cstring)
RETURNS @extschema@.route_segment_box
AS 'MODULE_PATHNAME', 'route_segment_box_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.route_segment_box_out(@extschema@.route_segment_box)
RETURNS cstring
AS 'MODULE_PATHNAME', 'route_segment_box_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.route_segment_box (
	INPUT = @extschema@.route_segment_box_in,
	OUTPUT = @extschema@.route_segment_box_out,
	INTERNALLENGTH = 56,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE @extschema@.route_segment_box IS
'a space-time box: longitudes and latitudes (WGS84), a closed time span, or both; the key of the route_segment GiST index and the query of &&';
COMMENT ON FUNCTION @extschema@.route_segment_box_in(cstring) IS
'internal: route_segment_box has no text input (raises 0A000); build one with route_segment_box(...)';
COMMENT ON FUNCTION @extschema@.route_segment_box_out(@extschema@.route_segment_box) IS
'text output of route_segment_box: BOX(xmin ymin, xmax ymax) [first, last]';

CREATE FUNCTION @extschema@.route_segment_box(@extschema@.route_segment)
RETURNS @extschema@.route_segment_box
AS 'MODULE_PATHNAME', 'route_segment_box_segment'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.route_segment_box(tstzrange)
RETURNS @extschema@.route_segment_box
AS 'MODULE_PATHNAME', 'route_segment_box_range'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@._route_segment_box(integer, boolean, float8, float8, float8, float8, tstzrange)
RETURNS @extschema@.route_segment_box
AS 'MODULE_PATHNAME', 'route_segment_box_bounds'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.route_segment_box(@extschema@.route_segment) IS
'the box of a leg: its whole WGS84 geodesic (across the antimeridian, up to its vertex near a pole) and its known time span';
COMMENT ON FUNCTION @extschema@.route_segment_box(tstzrange) IS
'a query box of time only: every place, the instants of the range';
COMMENT ON FUNCTION @extschema@._route_segment_box(integer, boolean, float8, float8, float8, float8, tstzrange) IS
'internal: checks the SRID and bounds of a geometry read by route_segment_box(geometry, ...)';

CREATE FUNCTION @extschema@.route_segment_overlaps_box(@extschema@.route_segment, @extschema@.route_segment_box)
RETURNS boolean
AS 'MODULE_PATHNAME', 'route_segment_overlaps_box'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.route_segment_overlaps_box(@extschema@.route_segment, @extschema@.route_segment_box) IS
'support function of && (internal): the leg''s box meets the query box in space and, if the query has a time, in time';

CREATE OPERATOR @extschema@.&& (
	LEFTARG = @extschema@.route_segment, RIGHTARG = @extschema@.route_segment_box,
	FUNCTION = @extschema@.route_segment_overlaps_box,
	RESTRICT = areasel, JOIN = areajoinsel
);

COMMENT ON OPERATOR @extschema@.&& (@extschema@.route_segment, @extschema@.route_segment_box) IS
'the leg''s space-time box meets the query box (a leg without a known time meets no query with a time)';

-- ---------------------------------------------------------------------
-- The GiST operator class
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.route_segment_gist_consistent(internal, @extschema@.route_segment_box, smallint, oid, internal)
RETURNS boolean AS 'MODULE_PATHNAME', 'route_segment_gist_consistent'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.route_segment_gist_union(internal, internal)
RETURNS @extschema@.route_segment_box AS 'MODULE_PATHNAME', 'route_segment_gist_union'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.route_segment_gist_compress(internal)
RETURNS internal AS 'MODULE_PATHNAME', 'route_segment_gist_compress'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.route_segment_gist_penalty(internal, internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'route_segment_gist_penalty'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.route_segment_gist_picksplit(internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'route_segment_gist_picksplit'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.route_segment_gist_same(@extschema@.route_segment_box, @extschema@.route_segment_box, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'route_segment_gist_same'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.route_segment_gist_consistent(internal, @extschema@.route_segment_box, smallint, oid, internal) IS
'GiST support (internal): whether a key can meet the query box';
COMMENT ON FUNCTION @extschema@.route_segment_gist_union(internal, internal) IS
'GiST support (internal): the box covering a set of keys';
COMMENT ON FUNCTION @extschema@.route_segment_gist_compress(internal) IS
'GiST support (internal): a leg''s key is its route_segment_box';
COMMENT ON FUNCTION @extschema@.route_segment_gist_penalty(internal, internal, internal) IS
'GiST support (internal): growth of a key''s space-time volume';
COMMENT ON FUNCTION @extschema@.route_segment_gist_picksplit(internal, internal) IS
'GiST support (internal): split a page in halves along the dimension of widest spread';
COMMENT ON FUNCTION @extschema@.route_segment_gist_same(@extschema@.route_segment_box, @extschema@.route_segment_box, internal) IS
'GiST support (internal): identical keys';

CREATE OPERATOR CLASS @extschema@.route_segment_gist_ops
DEFAULT FOR TYPE @extschema@.route_segment USING gist AS
	STORAGE @extschema@.route_segment_box,
	OPERATOR 3 @extschema@.&& (@extschema@.route_segment, @extschema@.route_segment_box),
	FUNCTION 1 @extschema@.route_segment_gist_consistent(internal, @extschema@.route_segment_box, smallint, oid, internal),
	FUNCTION 2 @extschema@.route_segment_gist_union(internal, internal),
	FUNCTION 3 @extschema@.route_segment_gist_compress(internal),
	FUNCTION 5 @extschema@.route_segment_gist_penalty(internal, internal, internal),
	FUNCTION 6 @extschema@.route_segment_gist_picksplit(internal, internal),
	FUNCTION 7 @extschema@.route_segment_gist_same(@extschema@.route_segment_box, @extschema@.route_segment_box, internal);

-- seg && tstzrange: written as seg && route_segment_box(range), so that the
-- planner inlines it and the index answers it
CREATE FUNCTION @extschema@.route_segment_overlaps_range(@extschema@.route_segment, tstzrange)
RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN $1 OPERATOR(@extschema@.&&) @extschema@.route_segment_box($2);

CREATE OPERATOR @extschema@.&& (
	LEFTARG = @extschema@.route_segment, RIGHTARG = tstzrange,
	FUNCTION = @extschema@.route_segment_overlaps_range,
	RESTRICT = areasel, JOIN = areajoinsel
);

COMMENT ON FUNCTION @extschema@.route_segment_overlaps_range(@extschema@.route_segment, tstzrange) IS
'support function of && with a tstzrange (internal, inlined): seg && route_segment_box(range)';
COMMENT ON OPERATOR @extschema@.&& (@extschema@.route_segment, tstzrange) IS
'the leg''s known time span meets the range (a leg without a known time meets none)';

-- ---------------------------------------------------------------------
-- The PostGIS side, with PostGIS's schema spelled out (as in 10_)
-- ---------------------------------------------------------------------

DO $bridge$
DECLARE
	pg text := (SELECT pg_catalog.quote_ident(n.nspname)
	            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
	            WHERE e.extname = 'postgis');
	s text := '@extschema@';
BEGIN
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.route_segment_box(%2$s.geometry, tstzrange)
RETURNS %1$s.route_segment_box
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN %1$s._route_segment_box(%2$s.st_srid($1), %2$s.st_isempty($1),
	%2$s.st_xmin(%2$s.box3d($1)), %2$s.st_ymin(%2$s.box3d($1)),
	%2$s.st_xmax(%2$s.box3d($1)), %2$s.st_ymax(%2$s.box3d($1)), $2)
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.route_segment_box(%2$s.geometry)
RETURNS %1$s.route_segment_box
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN %1$s._route_segment_box(%2$s.st_srid($1), %2$s.st_isempty($1),
	%2$s.st_xmin(%2$s.box3d($1)), %2$s.st_ymin(%2$s.box3d($1)),
	%2$s.st_xmax(%2$s.box3d($1)), %2$s.st_ymax(%2$s.box3d($1)), NULL)
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.route_segment_overlaps_geometry(%1$s.route_segment, %2$s.geometry)
RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN $1 OPERATOR(%1$s.&&) %1$s.route_segment_box($2)
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE OPERATOR %1$s.&& (
	LEFTARG = %1$s.route_segment, RIGHTARG = %2$s.geometry,
	FUNCTION = %1$s.route_segment_overlaps_geometry,
	RESTRICT = areasel, JOIN = areajoinsel
)
$f$, s, pg);
END
$bridge$;

COMMENT ON FUNCTION @extschema@.route_segment_box(geometry, tstzrange) IS
'a query box: the bounds of a geometry (SRID 4326 or unknown, not empty, latitudes in [-90, 90]) and the instants of a range';
COMMENT ON FUNCTION @extschema@.route_segment_box(geometry) IS
'a query box of space only: the bounds of a geometry (SRID 4326 or unknown, not empty), every time';
COMMENT ON FUNCTION @extschema@.route_segment_overlaps_geometry(@extschema@.route_segment, geometry) IS
'support function of && with a geometry (internal, inlined): seg && route_segment_box(geom)';
COMMENT ON OPERATOR @extschema@.&& (@extschema@.route_segment, geometry) IS
'the box of the leg''s geodesic meets the geometry''s bounding box (SRID 4326)';

-- ---------------------------------------------------------------------
-- Time buckets: the days (weeks, ...) a leg's known time span touches
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@.time_buckets(
	seg @extschema@.route_segment, bucket text DEFAULT 'day', zone text DEFAULT 'UTC')
RETURNS SETOF timestamptz
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE ROWS 2
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	step interval := CASE bucket WHEN 'hour' THEN interval '1 hour' WHEN 'day' THEN interval '1 day'
		WHEN 'week' THEN interval '7 days' WHEN 'month' THEN interval '1 month' END;
	first timestamptz := coalesce(@extschema@.depart(seg), @extschema@.arrive(seg));
	last timestamptz := coalesce(@extschema@.arrive(seg), @extschema@.depart(seg));
BEGIN
	IF step IS NULL THEN
		RAISE EXCEPTION 'time bucket must be hour, day, week or month, not "%"', bucket
			USING ERRCODE = '22023';
	END IF;
	IF first IS NULL THEN
		RETURN;
	END IF;
	-- local buckets of the zone, stepped in local time (days stay days across DST)
	RETURN QUERY
		SELECT b AT TIME ZONE zone
		FROM generate_series(date_trunc(bucket, first AT TIME ZONE zone), last AT TIME ZONE zone, step) AS b;
END
$$;

COMMENT ON FUNCTION @extschema@.time_buckets(@extschema@.route_segment, text, text) IS
'the starts of the hours, days, ISO weeks (from Monday) or months of a time zone that the leg''s known time span touches; none for a leg without a known time';

-- journeys in time and place: position_at, point_at, geodesic_line, stops,
-- within_periods, time_within, crossing_legs (src/sql/14_journey_analytics.sql)
-- ---------------------------------------------------------------------
-- The C parts that need no PostGIS type (src/route_segment_timeline.c)
-- ---------------------------------------------------------------------

CREATE FUNCTION @extschema@._geodesic_points(@extschema@.route_segment, step_m float8) RETURNS float8[]
AS 'MODULE_PATHNAME', 'route_segment_geodesic_points' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._stops(@extschema@.journey, max_distance_m float8, min_dwell interval,
	OUT kind text, OUT leg integer, OUT lon float8, OUT lat float8,
	OUT arrive timestamptz, OUT depart timestamptz, OUT dwell interval,
	OUT distance_m float8, OUT note text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'journey_stops' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 4;
CREATE FUNCTION @extschema@._within_radius(@extschema@.journey, lon float8, lat float8,
	radius_m float8, max_distance_m float8, OUT enter timestamptz, OUT leave timestamptz)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'journey_within_radius' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 2;

COMMENT ON FUNCTION @extschema@._geodesic_points(@extschema@.route_segment, float8) IS
'internal: the leg''s geodesic at points evenly spaced by at most step_m metres, as {lon0, lat0, lon1, lat1, ...}';
COMMENT ON FUNCTION @extschema@._stops(@extschema@.journey, float8, interval) IS
'internal: stops(journey, max_distance_m, min_dwell) with the place as lon and lat';
COMMENT ON FUNCTION @extschema@._within_radius(@extschema@.journey, float8, float8, float8, float8) IS
'internal: the periods a journey spent within radius_m metres of (lon, lat), exact to a millisecond';

-- ---------------------------------------------------------------------
-- The PostGIS side, with PostGIS's schema spelled out (found now, at
-- install time) as in the bridge of 10_route_segment.sql.  The points are
-- made by PostGIS's st_point (the C functions look it up in the schema of
-- their geometry result type).
-- ---------------------------------------------------------------------

DO $analytics$
DECLARE
	pg text := (SELECT pg_catalog.quote_ident(n.nspname)
	            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
	            WHERE e.extname = 'postgis');
	s text := '@extschema@';
BEGIN
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.position_at(%1$s.route_segment, timestamptz) RETURNS %2$s.geometry
AS 'MODULE_PATHNAME', 'route_segment_position_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.position_at(%1$s.journey, timestamptz, max_distance_m float8 DEFAULT 1000)
RETURNS %2$s.geometry
AS 'MODULE_PATHNAME', 'journey_position_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.point_at(%1$s.route_segment, fraction float8) RETURNS %2$s.geometry
AS 'MODULE_PATHNAME', 'route_segment_point_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.geodesic_line(%1$s.route_segment, step_m float8 DEFAULT 1000) RETURNS %2$s.geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (SELECT %2$s.st_makeline(pg_catalog.array_agg(
		%2$s.st_point(p[2 * k - 1], p[2 * k], 4326) ORDER BY k))
        FROM (SELECT %1$s._geodesic_points($1, $2)) AS t(p),
             pg_catalog.generate_series(1, pg_catalog.array_length(p, 1) / 2) AS k)
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.stops(%1$s.journey, max_distance_m float8, min_dwell interval,
	OUT kind text, OUT leg integer, OUT place %2$s.geometry,
	OUT arrive timestamptz, OUT depart timestamptz, OUT dwell interval,
	OUT distance_m float8, OUT note text)
RETURNS SETOF record
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 4
BEGIN ATOMIC
	SELECT s.kind, s.leg, %2$s.st_point(s.lon, s.lat, 4326), s.arrive, s.depart, s.dwell,
	       s.distance_m, s.note
	FROM %1$s._stops($1, $2, $3) AS s;
END
$f$, s, pg);
	-- what a zone is: 'polygon', 'point' or 'empty'; an error for the rest
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s._zone_kind(zone %2$s.geometry, radius_m float8) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	t text;
BEGIN
	IF zone IS NULL THEN
		RETURN NULL;
	END IF;
	IF %2$s.st_srid(zone) <> 4326 THEN
		RAISE EXCEPTION 'zone has SRID %%, not 4326', %2$s.st_srid(zone)
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Transform it with ST_Transform(zone, 4326), or use ST_SetSRID(zone, 4326) if it is in longitude and latitude already.';
	END IF;
	IF radius_m IS NULL OR radius_m < 0 OR radius_m = 'Infinity' OR radius_m = 'NaN' THEN
		RAISE EXCEPTION 'radius_m must be a finite distance of 0 metres or more, not %%', radius_m
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF %2$s.st_isempty(zone) THEN
		RETURN 'empty';
	END IF;
	t := %2$s.geometrytype(zone);
	IF t = 'POINT' THEN
		RETURN 'point';
	END IF;
	IF t NOT IN ('POLYGON', 'MULTIPOLYGON') THEN
		RAISE EXCEPTION 'a zone is a POLYGON, a MULTIPOLYGON or a POINT with a radius, not a %%', t
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF radius_m > 0 THEN
		RAISE EXCEPTION 'radius_m applies to a POINT zone, not to a %%', t
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Pass the polygon with radius 0, or buffer it first (ST_Buffer on geography).';
	END IF;
	-- st_isvaliddetail says why without st_isvalid's NOTICE
	IF NOT (%2$s.st_isvaliddetail(zone)).valid THEN
		RAISE EXCEPTION 'zone is not a valid polygon: %%', (%2$s.st_isvaliddetail(zone)).reason
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Repair it with ST_MakeValid(zone).';
	END IF;
	RETURN 'polygon';
END
$fn$
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.within_periods(%1$s.journey, zone %2$s.geometry,
	radius_m float8 DEFAULT 0, max_distance_m float8 DEFAULT 1000,
	OUT enter timestamptz, OUT leave timestamptz, OUT duration interval)
RETURNS SETOF record
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE ROWS 2
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	kind text := %1$s._zone_kind(zone, radius_m);
	seg %1$s.route_segment;
	p float8[];
	ins boolean[];
	n integer;
	fa float8;
	fb float8;
	fm float8;
	secs float8;
	cross_at timestamptz;
	cur timestamptz;
	es timestamptz[] := '{}';
	ls timestamptz[] := '{}';
BEGIN
	IF kind = 'empty' THEN
		RETURN;
	END IF;
	IF kind = 'point' THEN
		RETURN QUERY
			SELECT w.enter, w.leave, w.leave - w.enter
			FROM %1$s._within_radius($1, %2$s.st_x(zone), %2$s.st_y(zone), radius_m, max_distance_m) AS w;
		RETURN;
	END IF;
	-- the legs with known times: the geodesic sampled every 500 m, each
	-- change of side bisected to a millisecond
	FOR seg IN SELECT t.s FROM %1$s.segments($1) AS t(s)
	           WHERE %1$s.depart(t.s) IS NOT NULL AND %1$s.arrive(t.s) >= %1$s.depart(t.s) LOOP
		IF %1$s.arrive(seg) = %1$s.depart(seg) THEN
			IF %2$s.st_covers(zone, %1$s.end_point(seg)) THEN
				es := es || %1$s.arrive(seg);
				ls := ls || %1$s.arrive(seg);
			END IF;
			CONTINUE;
		END IF;
		p := %1$s._geodesic_points(seg, 500);
		n := array_length(p, 1) / 2 - 1;
		ins := ARRAY(SELECT %2$s.st_covers(zone, %2$s.st_point(p[2 * k + 1], p[2 * k + 2], 4326))
		             FROM generate_series(0, n) AS k ORDER BY k);
		secs := extract(epoch FROM %1$s.arrive(seg) - %1$s.depart(seg));
		cur := CASE WHEN ins[1] THEN %1$s.depart(seg) END;
		FOR k IN 1 .. n LOOP
			CONTINUE WHEN ins[k + 1] = ins[k];
			fa := (k - 1)::float8 / n;
			fb := k::float8 / n;
			WHILE (fb - fa) * secs > 0.001 LOOP
				fm := (fa + fb) / 2;
				IF %2$s.st_covers(zone, %1$s.point_at(seg, fm)) = ins[k] THEN
					fa := fm;
				ELSE
					fb := fm;
				END IF;
			END LOOP;
			cross_at := %1$s.depart(seg) + make_interval(secs => (fa + fb) / 2 * secs);
			IF ins[k + 1] THEN
				cur := cross_at;
			ELSE
				es := es || cur;
				ls := ls || cross_at;
			END IF;
		END LOOP;
		IF ins[n + 1] THEN
			es := es || cur;
			ls := ls || %1$s.arrive(seg);
		END IF;
	END LOOP;
	-- the stays between legs, at the arrival place
	SELECT es || coalesce(array_agg(st.arrive), '{}'), ls || coalesce(array_agg(st.depart), '{}')
	INTO es, ls
	FROM %1$s._stops($1, max_distance_m, '0') AS st
	WHERE st.kind = 'stop' AND %2$s.st_covers(zone, %2$s.st_point(st.lon, st.lat, 4326));
	-- periods that touch or overlap are one
	RETURN QUERY
		WITH pr AS (SELECT e, l FROM unnest(es, ls) AS u(e, l)),
		     mk AS (SELECT e, l, CASE WHEN e <= max(l) OVER (ORDER BY e, l ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
		                         THEN 0 ELSE 1 END AS start FROM pr),
		     grp AS (SELECT e, l, sum(start) OVER (ORDER BY e, l) AS g FROM mk)
		SELECT min(e), max(l), max(l) - min(e) FROM grp GROUP BY g ORDER BY 1;
END
$fn$
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.time_within(%1$s.journey, zone %2$s.geometry,
	radius_m float8 DEFAULT 0, max_distance_m float8 DEFAULT 1000)
RETURNS interval
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT coalesce(sum(w.duration), '0'::interval)
	FROM %1$s.within_periods($1, $2, $3, $4) AS w;
END
$f$, s, pg);
	EXECUTE pg_catalog.format($f$
CREATE FUNCTION %1$s.crossing_legs(%1$s.journey, zone %2$s.geometry,
	OUT leg integer, OUT segment %1$s.route_segment)
RETURNS SETOF record
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE ROWS 2
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	IF %1$s._zone_kind(zone, 0) <> 'polygon' THEN
		IF %2$s.st_isempty(zone) THEN
			RETURN;
		END IF;
		RAISE EXCEPTION 'crossing_legs takes a POLYGON or MULTIPOLYGON zone, not a POINT'
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'For the legs near a point, buffer it (ST_Buffer on geography) first.';
	END IF;
	-- the geodesic as chords of at most 500 m; a chord that would jump
	-- across the antimeridian is tested at its two ends
	RETURN QUERY
		SELECT t.i::integer, t.s
		FROM %1$s.segments($1) WITH ORDINALITY AS t(s, i),
		     LATERAL (SELECT %1$s._geodesic_points(t.s, 500)) AS g(p)
		WHERE EXISTS (
			SELECT 1 FROM generate_series(1, array_length(g.p, 1) / 2 - 1) AS k
			WHERE %2$s.st_intersects(zone,
				CASE WHEN abs(g.p[2 * k + 1] - g.p[2 * k - 1]) <= 180
				     THEN %2$s.st_makeline(%2$s.st_point(g.p[2 * k - 1], g.p[2 * k], 4326),
				                           %2$s.st_point(g.p[2 * k + 1], g.p[2 * k + 2], 4326))
				     ELSE %2$s.st_collect(%2$s.st_point(g.p[2 * k - 1], g.p[2 * k], 4326),
				                          %2$s.st_point(g.p[2 * k + 1], g.p[2 * k + 2], 4326)) END))
		ORDER BY t.i;
END
$fn$
$f$, s, pg);
END
$analytics$;

COMMENT ON FUNCTION @extschema@.position_at(@extschema@.route_segment, timestamptz) IS
'where the leg was at a time: a PostGIS POINT (SRID 4326) on its geodesic, moving at constant speed from departure to arrival; NULL outside them or when a time is unknown';
COMMENT ON FUNCTION @extschema@.position_at(@extschema@.journey, timestamptz, float8) IS
'where the journey was at a time: on the leg in progress (as position_at of the leg), at the arrival place during a stay (next leg leaving within max_distance_m metres), NULL before the first departure, after the last arrival, in a gap or where times are unknown';
COMMENT ON FUNCTION @extschema@.point_at(@extschema@.route_segment, float8) IS
'the point a fraction of the way along the leg''s geodesic, by distance (0 the start, 1 the end), a PostGIS POINT, SRID 4326';
COMMENT ON FUNCTION @extschema@.geodesic_line(@extschema@.route_segment, float8) IS
'the leg''s geodesic as a PostGIS LINESTRING (SRID 4326) with vertices evenly spaced at most step_m metres apart';
COMMENT ON FUNCTION @extschema@.stops(@extschema@.journey, float8, interval) IS
'the stops between consecutive legs (the next leg leaves within max_distance_m metres of where the previous arrived, at least min_dwell later) and the gaps (a time unknown, the next departure farther or earlier), in journey order';
COMMENT ON FUNCTION @extschema@._zone_kind(geometry, float8) IS
'internal: checks a zone (SRID 4326, a valid POLYGON or MULTIPOLYGON, or a POINT with a radius) and says which it is';
COMMENT ON FUNCTION @extschema@.within_periods(@extschema@.journey, geometry, float8, float8) IS
'the periods (enter, leave, duration) the journey spent inside a polygon, or within radius_m metres of a point, on its timeline (legs along their geodesics, stays at the arrival place)';
COMMENT ON FUNCTION @extschema@.time_within(@extschema@.journey, geometry, float8, float8) IS
'the total time the journey spent inside a polygon, or within radius_m metres of a point (the sum of within_periods); 0 when never';
COMMENT ON FUNCTION @extschema@.crossing_legs(@extschema@.journey, geometry) IS
'the legs (1-based position and the leg) whose geodesic meets a polygon, whatever their times';

-- C symbols named after the SQL functions (src/symbols_compat.c keeps the
-- old migrisk_... names loading for 0.1.0, 0.2.0 and the top of this
-- script): the functions made above or kept from 0.2.0 are re-pointed to
-- the new symbols, definitions otherwise unchanged (sql/c_symbols.sql).
CREATE OR REPLACE FUNCTION @extschema@._config_changed()
RETURNS trigger
AS 'MODULE_PATHNAME', 'config_changed'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
CREATE OR REPLACE FUNCTION @extschema@.name_normalize(name text)
RETURNS text
AS 'MODULE_PATHNAME', 'name_normalize_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.name_phonetic(name text)
RETURNS text
AS 'MODULE_PATHNAME', 'name_phonetic_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.jaro_winkler(a text, b text)
RETURNS double precision
AS 'MODULE_PATHNAME', 'jaro_winkler'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.damerau_levenshtein(a text, b text)
RETURNS integer
AS 'MODULE_PATHNAME', 'damerau_levenshtein'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.damerau_levenshtein(a text, b text, max integer)
RETURNS integer
AS 'MODULE_PATHNAME', 'damerau_levenshtein_max'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.compare_persons(a @extschema@.person_ident, b @extschema@.person_ident)
RETURNS @extschema@.link_gamma
AS 'MODULE_PATHNAME', 'compare_persons_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.blocking_keys(p @extschema@.person_ident)
RETURNS text[]
AS 'MODULE_PATHNAME', 'blocking_keys'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.given_name_equivalents(OUT variant text, OUT name text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'given_name_equivalents'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 40;
CREATE OR REPLACE FUNCTION @extschema@.link_clusters(edges text)
RETURNS TABLE (record_id int8, person_id int8)
AS 'MODULE_PATHNAME', 'link_clusters'
LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED
COST 1000 ROWS 10000;
CREATE OR REPLACE FUNCTION @extschema@._place_key(name text)
RETURNS text
AS 'MODULE_PATHNAME', 'place_key_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.return_plausibility(
	removal_date date, removal_port text,
	reception_date date, reception_point text,
	min_days int DEFAULT 0, max_days int DEFAULT 7)
RETURNS int
AS 'MODULE_PATHNAME', 'return_plausibility'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.with_plausibility(gamma @extschema@.link_gamma, level int)
RETURNS @extschema@.link_gamma
AS 'MODULE_PATHNAME', 'with_plausibility'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@._link_em_trans(@extschema@.link_em_state, @extschema@.link_gamma)
RETURNS @extschema@.link_em_state AS 'MODULE_PATHNAME', 'link_em_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@._link_em_trans(@extschema@.link_em_state, @extschema@.link_gamma, int)
RETURNS @extschema@.link_em_state AS 'MODULE_PATHNAME', 'link_em_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@._link_em_trans(@extschema@.link_em_state, @extschema@.link_gamma, int, float8)
RETURNS @extschema@.link_em_state AS 'MODULE_PATHNAME', 'link_em_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@._link_em_combine(@extschema@.link_em_state, @extschema@.link_em_state)
RETURNS @extschema@.link_em_state AS 'MODULE_PATHNAME', 'link_em_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@._link_em_final(@extschema@.link_em_state)
RETURNS jsonb AS 'MODULE_PATHNAME', 'link_em_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@._link_u_final(@extschema@.link_em_state)
RETURNS jsonb AS 'MODULE_PATHNAME', 'link_u_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.link_em_fit(patterns @extschema@.link_gamma[], counts float8[],
	u_model jsonb DEFAULT NULL, max_iter int DEFAULT 1000, tolerance float8 DEFAULT 1e-6,
	fix_u boolean DEFAULT true, lambda float8 DEFAULT NULL)
RETURNS jsonb AS 'MODULE_PATHNAME', 'link_em_fit'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.match_weight(gamma @extschema@.link_gamma, model jsonb)
RETURNS float8 AS 'MODULE_PATHNAME', 'match_weight'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.match_weight(gamma @extschema@.link_gamma, model jsonb,
	surname1_tf float8, surname2_tf float8 DEFAULT NULL)
RETURNS float8 AS 'MODULE_PATHNAME', 'match_weight'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.match_probability(gamma @extschema@.link_gamma, model jsonb)
RETURNS float8 AS 'MODULE_PATHNAME', 'match_probability'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.match_probability(gamma @extschema@.link_gamma, model jsonb,
	surname1_tf float8, surname2_tf float8 DEFAULT NULL)
RETURNS float8 AS 'MODULE_PATHNAME', 'match_probability'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.match_weight(gamma @extschema@.link_gamma, model jsonb,
	surname1_tf float8, surname2_tf float8, given_tf float8)
RETURNS float8 AS 'MODULE_PATHNAME', 'match_weight'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.match_probability(gamma @extschema@.link_gamma, model jsonb,
	surname1_tf float8, surname2_tf float8, given_tf float8)
RETURNS float8 AS 'MODULE_PATHNAME', 'match_probability'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- link_records in stages: comparison, model and scoring are internal
-- functions of their own, as blocking (_link_blocking_prepare) is.

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

-- clk_encode_spec: field budgets (kind/B) and the digits kind
COMMENT ON FUNCTION @extschema@.clk_encode_spec(text, text, text[]) IS
'keyed Bloom-filter encoding with per-field parameters, e.g. spec ''bits=1024, name:20, name/200, digits/100, date:12'' (kinds auto, name, given, text, date, exact, digits; kind:k hashes per token, kind/B a budget of B hashes spread over the field''s tokens)';

-- The person register (src/sql/27_register.sql): register_create,
-- register_link_batch, register_unmerge, register_withdraw, register_decide,
-- register_persons and their helpers, as a fresh install makes them.
------------------------------------------------------------------------
-- Layout
------------------------------------------------------------------------

-- The tables of a register (layout 1), as (table, column, type); a schema
-- is used as a register only when every one is there with its type.
CREATE FUNCTION @extschema@._register_layout()
RETURNS TABLE (table_name text, column_name text, column_type regtype)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT v.t, v.c, v.ty::regtype FROM (VALUES
		('register_meta', 'layout', 'text'),
		('register_meta', 'created_at', 'timestamptz'),
		('register_meta', 'threshold', 'float8'),
		('register_meta', 'max_block', 'int4'),
		('records', 'record_id', 'int8'),
		('records', 'source', 'text'),
		('records', 'person_id', 'int8'),
		('records', 'event_date', 'date'),
		('records', 'ident', '@extschema@.person_ident'),
		('records', 'link_id', 'int8'),
		('records', 'batch', 'int8'),
		('records', 'attached_at', 'timestamptz'),
		('record_keys', 'k', 'text'),
		('record_keys', 'record_id', 'int8'),
		('links', 'link_id', 'int8'),
		('links', 'id_a', 'int8'),
		('links', 'id_b', 'int8'),
		('links', 'gamma', '@extschema@.link_gamma'),
		('links', 'weight', 'float8'),
		('links', 'probability', 'float8'),
		('links', 'batch', 'int8'),
		('merges', 'merge_id', 'int8'),
		('merges', 'surviving', 'int8'),
		('merges', 'absorbed', 'int8'),
		('merges', 'link_id', 'int8'),
		('merges', 'probability', 'float8'),
		('merges', 'batch', 'int8'),
		('merges', 'reviewer', 'text'),
		('merges', 'records', 'int8[]'),
		('merges', 'merged_at', 'timestamptz'),
		('merges', 'undone', 'bool'),
		('merges', 'undone_at', 'timestamptz'),
		('decisions', 'id_a', 'int8'),
		('decisions', 'id_b', 'int8'),
		('decisions', 'same', 'bool'),
		('decisions', 'reviewer', 'text'),
		('decisions', 'decided_at', 'timestamptz'),
		('batches', 'batch', 'int8'),
		('batches', 'source', 'text'),
		('batches', 'loaded_at', 'timestamptz'),
		('batches', 'records', 'int8'),
		('batches', 'links', 'int8'),
		('batches', 'new_persons', 'int8'),
		('batches', 'merges', 'int8'),
		('batches', 'model', 'jsonb')) AS v(t, c, ty)
$$;

COMMENT ON FUNCTION @extschema@._register_layout() IS
'internal: the tables and columns (with types) of a person register of layout 1, as register_create makes them';

CREATE FUNCTION @extschema@.register_create(name text, threshold float8 DEFAULT 0.5, max_block int DEFAULT 1000)
RETURNS text
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	s text;
BEGIN
	IF name IS NULL OR threshold IS NULL OR max_block IS NULL THEN
		RAISE EXCEPTION 'register_create: name, threshold and max_block must not be NULL'
			USING ERRCODE = '22004';
	END IF;
	IF NOT (threshold >= float8 '0' AND threshold <= float8 '1') THEN
		RAISE EXCEPTION 'register_create: threshold % is outside [0, 1]', threshold
			USING ERRCODE = '22023', HINT = 'The threshold is a match probability.';
	END IF;
	IF max_block < 2 THEN
		RAISE EXCEPTION 'register_create: max_block % is too small', max_block
			USING ERRCODE = '22023', HINT = 'Blocks with more records than max_block are skipped; use at least 2.';
	END IF;
	s := quote_ident(name);
	IF EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspname = name) THEN
		IF EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = name) THEN
			RAISE EXCEPTION 'register_create: schema % already holds tables or sequences', s
				USING ERRCODE = '42P06', HINT = 'A register takes a schema of its own: name a new or an empty one.';
		END IF;
	ELSE
		EXECUTE format('CREATE SCHEMA %s', s);
	END IF;
	EXECUTE format($ddl$
		CREATE TABLE %1$s.register_meta (
			layout		text PRIMARY KEY CHECK (layout = 'migrisk register 1'),
			created_at	timestamptz NOT NULL DEFAULT now(),
			threshold	float8 NOT NULL,
			max_block	int4 NOT NULL);
		CREATE SEQUENCE %1$s.person_id_seq;
		CREATE SEQUENCE %1$s.batch_seq;
		CREATE TABLE %1$s.records (
			record_id	int8 PRIMARY KEY,
			source		text NOT NULL,
			person_id	int8 NOT NULL,
			event_date	date,
			ident		@extschema@.person_ident NOT NULL,
			link_id		int8,
			batch		int8,
			attached_at	timestamptz NOT NULL);
		CREATE INDEX ON %1$s.records (person_id);
		CREATE TABLE %1$s.record_keys (
			k			text NOT NULL,
			record_id	int8 NOT NULL,
			PRIMARY KEY (k, record_id));
		CREATE INDEX ON %1$s.record_keys (record_id);
		CREATE TABLE %1$s.links (
			link_id		int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			id_a		int8 NOT NULL,
			id_b		int8 NOT NULL,
			gamma		@extschema@.link_gamma NOT NULL,
			weight		float8 NOT NULL,
			probability	float8 NOT NULL,
			batch		int8 NOT NULL,
			UNIQUE (id_a, id_b),
			CHECK (id_a < id_b));
		CREATE INDEX ON %1$s.links (id_b);
		CREATE INDEX ON %1$s.links (batch);
		CREATE TABLE %1$s.merges (
			merge_id	int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			surviving	int8 NOT NULL,
			absorbed	int8 NOT NULL,
			link_id		int8,
			probability	float8,
			batch		int8,
			reviewer	text,
			records		int8[] NOT NULL,
			merged_at	timestamptz NOT NULL DEFAULT now(),
			undone		bool NOT NULL DEFAULT false,
			undone_at	timestamptz,
			CHECK (surviving < absorbed));
		CREATE TABLE %1$s.decisions (
			id_a		int8 NOT NULL,
			id_b		int8 NOT NULL,
			same		bool NOT NULL,
			reviewer	text NOT NULL,
			decided_at	timestamptz NOT NULL DEFAULT now(),
			PRIMARY KEY (id_a, id_b),
			CHECK (id_a < id_b));
		CREATE TABLE %1$s.batches (
			batch		int8 PRIMARY KEY,
			source		text NOT NULL,
			loaded_at	timestamptz NOT NULL DEFAULT now(),
			records		int8 NOT NULL,
			links		int8 NOT NULL,
			new_persons	int8 NOT NULL,
			merges		int8 NOT NULL,
			model		jsonb NOT NULL);
		COMMENT ON TABLE %1$s.register_meta IS 'migrisk person register: layout, creation time, link threshold and max_block of every batch';
		COMMENT ON TABLE %1$s.records IS 'migrisk person register: one row per record (its source, person, event date, identity, the link that attached it, batch, when)';
		COMMENT ON TABLE %1$s.record_keys IS 'migrisk person register: the blocking keys of every record (blocking_keys of its identity)';
		COMMENT ON TABLE %1$s.links IS 'migrisk person register: pairs with match probability at or above the threshold, found by the batch that brought their newer record (id_a < id_b)';
		COMMENT ON TABLE %1$s.merges IS 'migrisk person register: two persons made one (the smaller id survives), by a link of a batch or a reviewer''s decision; records moved; undone by register_unmerge';
		COMMENT ON TABLE %1$s.decisions IS 'migrisk person register: reviewers'' decisions that two records are (or are not) the same person; never overridden';
		COMMENT ON TABLE %1$s.batches IS 'migrisk person register: one row per batch linked, with its counts and model';
		$ddl$, s);
	EXECUTE format('INSERT INTO %s.register_meta (layout, threshold, max_block) VALUES (''migrisk register 1'', $1, $2)', s)
		USING threshold, max_block;
	RETURN s;
END
$fn$;

COMMENT ON FUNCTION @extschema@.register_create(text, float8, int) IS
'creates a person register (layout 1) in a new or empty schema: tables register_meta, records, record_keys, links, merges, decisions, batches and the sequences person_id_seq and batch_seq; threshold (match probability of a link) and max_block (keys carried by more records are skipped) hold for every batch; returns the schema name';

-- The register's schema, quoted, once its layout is checked.
CREATE FUNCTION @extschema@._register_check(register text, caller text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	ns oid;
	miss record;
	lay text;
BEGIN
	IF register IS NULL THEN
		RAISE EXCEPTION '%: register must not be NULL', caller USING ERRCODE = '22004';
	END IF;
	SELECT n.oid INTO ns FROM pg_namespace n WHERE n.nspname = register;
	IF ns IS NULL THEN
		RAISE EXCEPTION '%: register % does not exist', caller, quote_ident(register)
			USING ERRCODE = '3F000', HINT = 'Create it with migrisk.register_create.';
	END IF;
	SELECT l.table_name, l.column_name, l.column_type INTO miss
	FROM @extschema@._register_layout() l
	WHERE NOT EXISTS (
		SELECT 1 FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
		WHERE c.relnamespace = ns AND c.relname = l.table_name AND c.relkind = 'r'
		  AND a.attname = l.column_name AND a.atttypid = l.column_type
		  AND a.attnum > 0 AND NOT a.attisdropped)
	LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION '%: schema % is not a migrisk register of layout 1: no column %.% of type %',
			caller, quote_ident(register), miss.table_name, miss.column_name, miss.column_type
			USING ERRCODE = '42809', HINT = 'A register is made by migrisk.register_create; its tables must keep their columns.';
	END IF;
	IF pg_catalog.to_regclass(quote_ident(register) || '.person_id_seq') IS NULL
	   OR pg_catalog.to_regclass(quote_ident(register) || '.batch_seq') IS NULL THEN
		RAISE EXCEPTION '%: schema % is not a migrisk register of layout 1: a sequence is missing', caller, quote_ident(register)
			USING ERRCODE = '42809';
	END IF;
	EXECUTE format('SELECT pg_catalog.string_agg(layout, '','') FROM %s.register_meta', quote_ident(register)) INTO lay;
	IF lay IS DISTINCT FROM 'migrisk register 1' THEN
		RAISE EXCEPTION '%: schema % is not a migrisk register of layout 1 (layout %)', caller, quote_ident(register), coalesce(lay, 'none')
			USING ERRCODE = '42809';
	END IF;
	RETURN quote_ident(register);
END
$fn$;

COMMENT ON FUNCTION @extschema@._register_check(text, text) IS
'internal: checks that a schema is a person register of layout 1 (every table, column and type, the sequences, the layout row); 3F000 when it does not exist, 42809 when it is something else; returns the quoted schema name';

-- Writers of one register take turns: a batch, a decision, a withdrawal or
-- an unmerge holds this lock until its transaction ends (readers go on).
CREATE FUNCTION @extschema@._register_lock(reg text)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	EXECUTE format('LOCK TABLE %s.records, %s.links, %s.merges, %s.decisions IN SHARE ROW EXCLUSIVE MODE', reg, reg, reg, reg);
END
$fn$;

COMMENT ON FUNCTION @extschema@._register_lock(text) IS
'internal: serialises the writers of a register (SHARE ROW EXCLUSIVE on its records, links, merges and decisions until the transaction ends)';

-- Every decision holds: a "same" pair is one person, a "not same" pair two.
CREATE FUNCTION @extschema@._register_check_decisions(reg text, caller text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	d record;
BEGIN
	EXECUTE format(
		'SELECT d.id_a, d.id_b, d.same FROM %1$s.decisions d
		 JOIN %1$s.records a ON a.record_id = d.id_a JOIN %1$s.records b ON b.record_id = d.id_b
		 WHERE d.same <> (a.person_id = b.person_id) ORDER BY d.id_a, d.id_b LIMIT 1', reg) INTO d;
	IF d.id_a IS NOT NULL THEN
		RAISE EXCEPTION '%: records % and % would be % against the decision that they are %',
			caller, d.id_a, d.id_b, CASE WHEN d.same THEN 'two persons' ELSE 'one person' END,
			CASE WHEN d.same THEN 'the same person' ELSE 'not the same person' END
			USING ERRCODE = '55000', HINT = 'Decisions are never overridden: change the decision first with migrisk.register_decide.';
	END IF;
END
$fn$;

COMMENT ON FUNCTION @extschema@._register_check_decisions(text, text) IS
'internal: raises 55000 when a decision of a register does not hold (a "same" pair in two persons, a "not same" pair in one)';

------------------------------------------------------------------------
-- Best-first attachment
------------------------------------------------------------------------

-- Over the temporary tables _rg_comp (record_id, comp, source, event_date,
-- attach_link: comp > 0 a person of the register, comp < 0 a record not yet
-- a person) and _rg_edge (ord, link_id, id_a, id_b, probability, forced,
-- reviewer), in ord order: two components become one unless they hold two
-- records of one source on one day or a pair decided "not same" (a forced
-- edge, a "same" decision, joins them whatever).  Two persons joined is a
-- merge (the smaller id survives; logged in merges); a component of new
-- records joining a person or another such component attaches by its root
-- (attach_link = the edge's link).  Leaves _rg_comp.comp as the component's
-- label and _rg_label (label, n, person: the register's person id or NULL
-- for new records only, root: their least record id) for the caller.
-- Returns joined, conflicts, blocked and merges.  In C
-- (src/register_attach.c): one pass over the links, a check costs the
-- smaller component.
CREATE FUNCTION @extschema@._register_attach(reg text, batch int8,
	OUT joined int8, OUT conflicts int8, OUT blocked int8, OUT merges int8)
AS 'MODULE_PATHNAME', 'register_attach'
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION @extschema@._register_attach(text, int8) IS
'internal: best-first attachment over the temporary tables _rg_comp and _rg_edge (one record of a source per person and day, "not same" decisions respected, "same" decisions forced, merges logged with the smaller person id surviving)';

-- A person of the register clustered anew from the links and "same"
-- decisions among its records (best-first, as a batch attaches): the part
-- holding its smallest record id keeps the person id, every other part
-- gets a new one.  Returns the number of parts.
CREATE FUNCTION @extschema@._register_recluster(reg text, person int8)
RETURNS int8
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	parts int8;
	first_id int8;
BEGIN
	EXECUTE format(
		'CREATE TEMP TABLE _rg_comp ON COMMIT DROP AS
		 SELECT record_id, -pg_catalog.row_number() OVER (ORDER BY record_id) AS comp, source, event_date,
				NULL::int8 AS attach_link
		 FROM %s.records WHERE person_id = $1', reg) USING person;
	CREATE INDEX ON _rg_comp (comp);
	CREATE UNIQUE INDEX ON _rg_comp (record_id);
	ANALYZE _rg_comp;
	EXECUTE format(
		'CREATE TEMP TABLE _rg_edge ON COMMIT DROP AS
		 SELECT pg_catalog.row_number() OVER (ORDER BY forced DESC, weight DESC, id_a, id_b) AS ord, *
		 FROM (SELECT NULL::int8 AS link_id, d.id_a, d.id_b, NULL::float8 AS probability, NULL::float8 AS weight,
					  true AS forced, d.reviewer
			   FROM %1$s.decisions d
			   WHERE d.same AND d.id_a IN (SELECT record_id FROM _rg_comp) AND d.id_b IN (SELECT record_id FROM _rg_comp)
			   UNION ALL
			   SELECT l.link_id, l.id_a, l.id_b, l.probability, l.weight, false, NULL::text
			   FROM %1$s.links l
			   WHERE l.id_a IN (SELECT record_id FROM _rg_comp) AND l.id_b IN (SELECT record_id FROM _rg_comp)) e', reg);
	PERFORM @extschema@._register_attach(reg, NULL);
	SELECT pg_catalog.count(DISTINCT comp) INTO parts FROM _rg_comp;
	IF parts > 1 THEN
		first_id := pg_catalog.nextval((reg || '.person_id_seq')::regclass);
		PERFORM pg_catalog.setval((reg || '.person_id_seq')::regclass, first_id + parts - 2);
		EXECUTE format(
			'UPDATE %s.records r SET person_id = CASE WHEN p.rank = 1 THEN $1 ELSE $2 + p.rank - 2 END
			 FROM (SELECT comp, pg_catalog.rank() OVER (ORDER BY pg_catalog.min(record_id)) AS rank FROM _rg_comp GROUP BY comp) p,
				  _rg_comp c
			 WHERE c.comp = p.comp AND r.record_id = c.record_id AND p.rank > 1', reg)
			USING person, first_id;
	END IF;
	DROP TABLE _rg_comp, _rg_edge, _rg_label;
	RETURN parts;
END
$fn$;

COMMENT ON FUNCTION @extschema@._register_recluster(text, int8) IS
'internal: clusters a person''s records anew, best-first over the links and "same" decisions among them with the register''s constraints; the part with the smallest record id keeps the person id, the others get new ones; returns the number of parts';

------------------------------------------------------------------------
-- Linking a batch
------------------------------------------------------------------------

-- The work of register_link_batch once the batch is in _rg_batch
-- (record_id, ident, event_date): every statement here is the extension's.
CREATE FUNCTION @extschema@._register_link(reg text, src text, model jsonb)
RETURNS jsonb
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	t0 timestamptz := clock_timestamp();
	t timestamptz;
	thr float8;
	maxb int4;
	bad record;
	n_known int8;
	n_new int8;
	n_reg int8;
	n_cand int8;
	n_skipped int8;
	n_links int8;
	n_persons int8;
	n_attached int8;
	first_id int8;
	b int8;
	a record;
	times jsonb := '{}';
BEGIN
	EXECUTE format('SELECT threshold, max_block FROM %s.register_meta', reg) INTO thr, maxb;
	-- 1. what the register holds already: the same record again is
	-- skipped (a batch run twice changes nothing), another one under a held
	-- id is an error
	EXECUTE format(
		'SELECT b.record_id, r.source FROM _rg_batch b JOIN %s.records r USING (record_id)
		 WHERE r.ident IS DISTINCT FROM b.ident OR r.source IS DISTINCT FROM $1 OR r.event_date IS DISTINCT FROM b.event_date
		 ORDER BY 1 LIMIT 1', reg) INTO bad USING src;
	IF bad.record_id IS NOT NULL THEN
		RAISE EXCEPTION 'register_link_batch: record % is already in register % with another identity, source or date (source %)',
			bad.record_id, reg, bad.source
			USING ERRCODE = '23505',
				  HINT = 'Record ids are the register''s keys: give new records new ids, or withdraw the old one first (migrisk.register_withdraw).';
	END IF;
	EXECUTE format('DELETE FROM _rg_batch b USING %s.records r WHERE r.record_id = b.record_id', reg);
	GET DIAGNOSTICS n_known = ROW_COUNT;
	SELECT pg_catalog.count(*) INTO n_new FROM _rg_batch;
	EXECUTE format('SELECT pg_catalog.count(*) FROM %s.records', reg) INTO n_reg;
	IF n_new = 0 THEN
		RAISE NOTICE 'register_link_batch: nothing new: all % records of the batch are in register % already', n_known, reg;
		DROP TABLE _rg_batch;
		RETURN jsonb_build_object('batch', NULL, 'records', 0, 'known_records', n_known, 'register_records', n_reg,
			'candidate_pairs', 0, 'skipped_keys', 0, 'links', 0, 'attached', 0, 'new_persons', 0, 'merges', 0,
			'conflicts', 0, 'blocked', 0);
	END IF;
	ANALYZE _rg_batch;
	b := nextval((reg || '.batch_seq')::regclass);

	-- 2. blocking, as link_records deduplicating the register and the batch
	-- together: the same keys (blocking_keys), the same keys skipped (more
	-- than max_block records of register and batch), only pairs with a new
	-- record
	t := clock_timestamp();
	CREATE TEMP TABLE _rg_key ON COMMIT DROP AS
	SELECT DISTINCT x.record_id AS id, k.k
	FROM _rg_batch x, unnest(@extschema@.blocking_keys(x.ident)) AS k(k);
	ANALYZE _rg_key;
	EXECUTE format(
		'CREATE TEMP TABLE _rg_big ON COMMIT DROP AS
		 SELECT n.k FROM (SELECT k, count(*) AS n FROM _rg_key GROUP BY k) n
		 LEFT JOIN (SELECT r.k, count(*) AS n FROM %s.record_keys r WHERE r.k IN (SELECT k FROM _rg_key) GROUP BY r.k) o USING (k)
		 WHERE n.n + coalesce(o.n, 0) > $1', reg) USING maxb;
	GET DIAGNOSTICS n_skipped = ROW_COUNT;
	ANALYZE _rg_big;
	EXECUTE format(
		'CREATE TEMP TABLE _rg_cand ON COMMIT DROP AS
		 SELECT a.id AS id_a, c.id AS id_b
		 FROM _rg_key a JOIN _rg_key c USING (k)
		 WHERE a.id < c.id AND NOT EXISTS (SELECT 1 FROM _rg_big g WHERE g.k = a.k)
		 UNION
		 SELECT least(a.id, r.record_id), greatest(a.id, r.record_id)
		 FROM _rg_key a JOIN %s.record_keys r USING (k)
		 WHERE NOT EXISTS (SELECT 1 FROM _rg_big g WHERE g.k = a.k)', reg);
	GET DIAGNOSTICS n_cand = ROW_COUNT;
	ANALYZE _rg_cand;
	times := times || jsonb_build_object('blocking_s', round(extract(epoch FROM clock_timestamp() - t)::numeric, 3));
	RAISE NOTICE 'register_link_batch: blocking: % new records (% already in the register) against % held, % candidate pairs, % keys skipped as larger than max_block (% s)',
		n_new, n_known, n_reg, n_cand, n_skipped, times ->> 'blocking_s';

	-- 3. comparison and scoring with the stored model; the links are
	-- numbered best first
	t := clock_timestamp();
	EXECUTE format(
		'CREATE TEMP TABLE _rg_ident ON COMMIT DROP AS
		 SELECT record_id, ident FROM _rg_batch
		 UNION ALL
		 SELECT r.record_id, r.ident FROM %s.records r
		 WHERE r.record_id IN (SELECT id_a FROM _rg_cand UNION SELECT id_b FROM _rg_cand)', reg);
	CREATE UNIQUE INDEX ON _rg_ident (record_id);
	ANALYZE _rg_ident;
	EXECUTE format(
		'INSERT INTO %s.links (id_a, id_b, gamma, weight, probability, batch)
		 SELECT id_a, id_b, gamma, w, p, $2
		 FROM (SELECT c.id_a, c.id_b, g.gamma, @extschema@.match_weight(g.gamma, $1) AS w, @extschema@.match_probability(g.gamma, $1) AS p
			   FROM _rg_cand c JOIN _rg_ident x ON x.record_id = c.id_a JOIN _rg_ident y ON y.record_id = c.id_b,
					LATERAL (SELECT @extschema@.compare_persons(x.ident, y.ident) AS gamma) g) s
		 WHERE p >= $3
		 ORDER BY w DESC, id_a, id_b', reg) USING model, b, thr;
	GET DIAGNOSTICS n_links = ROW_COUNT;
	times := times || jsonb_build_object('comparison_s', round(extract(epoch FROM clock_timestamp() - t)::numeric, 3));
	RAISE NOTICE 'register_link_batch: comparison: % pairs compared, % links with match_probability >= % (% s)',
		n_cand, n_links, thr, times ->> 'comparison_s';

	-- 4. attachment, best first: new records and the persons the links reach
	t := clock_timestamp();
	CREATE TEMP TABLE _rg_comp ON COMMIT DROP AS
	SELECT x.record_id, -row_number() OVER (ORDER BY x.record_id) AS comp, src AS source, x.event_date,
		   NULL::int8 AS attach_link
	FROM _rg_batch x;
	EXECUTE format(
		'INSERT INTO _rg_comp
		 SELECT r.record_id, r.person_id, r.source, r.event_date, NULL
		 FROM %1$s.records r
		 WHERE r.person_id IN (SELECT p.person_id FROM %1$s.records p
							   WHERE p.record_id IN (SELECT id_a FROM %1$s.links WHERE batch = $1
													 UNION SELECT id_b FROM %1$s.links WHERE batch = $1))', reg) USING b;
	CREATE UNIQUE INDEX ON _rg_comp (record_id);
	CREATE INDEX ON _rg_comp (comp);
	ANALYZE _rg_comp;
	EXECUTE format(
		'CREATE TEMP TABLE _rg_edge ON COMMIT DROP AS
		 SELECT pg_catalog.row_number() OVER (ORDER BY weight DESC, id_a, id_b) AS ord, link_id, id_a, id_b, probability,
				false AS forced, NULL::text AS reviewer
		 FROM %s.links WHERE batch = $1', reg) USING b;
	SELECT * INTO a FROM @extschema@._register_attach(reg, b);
	-- new persons, numbered in the order of their smallest record id
	SELECT count(*) INTO n_persons FROM _rg_label WHERE person IS NULL;
	IF n_persons > 0 THEN
		first_id := nextval((reg || '.person_id_seq')::regclass);
		PERFORM setval((reg || '.person_id_seq')::regclass, first_id + n_persons - 1);
		UPDATE _rg_label l SET person = first_id + p.rank - 1
		FROM (SELECT c.comp, rank() OVER (ORDER BY min(c.record_id)) AS rank
			  FROM _rg_comp c JOIN _rg_label x ON x.label = c.comp WHERE x.person IS NULL GROUP BY c.comp) p
		WHERE l.label = p.comp;
	END IF;
	UPDATE _rg_comp c SET comp = l.person FROM _rg_label l WHERE l.label = c.comp AND c.comp <> l.person;
	EXECUTE format(
		'UPDATE %s.records r SET person_id = c.comp FROM _rg_comp c
		 WHERE c.record_id = r.record_id AND r.person_id <> c.comp', reg);
	EXECUTE format(
		'INSERT INTO %s.records (record_id, source, person_id, event_date, ident, link_id, batch, attached_at)
		 SELECT x.record_id, $1, c.comp, x.event_date, x.ident, c.attach_link, $2, now()
		 FROM _rg_batch x JOIN _rg_comp c USING (record_id)', reg) USING src, b;
	EXECUTE format('INSERT INTO %s.record_keys (k, record_id) SELECT k, id FROM _rg_key', reg);
	SELECT count(*) INTO n_attached FROM _rg_comp c JOIN _rg_batch x USING (record_id) WHERE c.attach_link IS NOT NULL;
	EXECUTE format(
		'INSERT INTO %s.batches (batch, source, records, links, new_persons, merges, model) VALUES ($1, $2, $3, $4, $5, $6, $7)', reg)
		USING b, src, n_new, n_links, n_persons, a.merges, model;
	times := times || jsonb_build_object('attachment_s', round(extract(epoch FROM clock_timestamp() - t)::numeric, 3));
	RAISE NOTICE 'register_link_batch: attachment: % records attached by a link, % new persons, % merges, % links not followed (a record of the same source and day), % blocked by decisions (% s)',
		n_attached, n_persons, a.merges, a.conflicts, a.blocked, times ->> 'attachment_s';
	PERFORM @extschema@._register_check_decisions(reg, 'register_link_batch');
	DROP TABLE _rg_batch, _rg_key, _rg_big, _rg_cand, _rg_ident, _rg_comp, _rg_edge, _rg_label;
	times := times || jsonb_build_object('total_s', round(extract(epoch FROM clock_timestamp() - t0)::numeric, 3));
	RETURN jsonb_build_object('batch', b, 'records', n_new, 'known_records', n_known, 'register_records', n_reg,
		'candidate_pairs', n_cand, 'skipped_keys', n_skipped, 'links', n_links, 'attached', n_attached,
		'new_persons', n_persons, 'merges', a.merges, 'conflicts', a.conflicts, 'blocked', a.blocked) || times;
END
$fn$;

COMMENT ON FUNCTION @extschema@._register_link(text, text, jsonb) IS
'internal: register_link_batch once the batch is in the temporary table _rg_batch: known records skipped, blocking against the record_keys, comparison and scoring, best-first attachment, writes';

CREATE FUNCTION @extschema@.register_link_batch(
	register text, batch text, id_column text, identity text,
	source text, date_column text, model jsonb)
RETURNS jsonb
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $fn$
-- No SET search_path: the batch, identity and date are the caller's SQL and
-- resolve in the caller's search path; built-ins are qualified with
-- pg_catalog, the extension's objects with its schema, and the rest of the
-- work is done by _register_link, which sets its own path.
DECLARE
	reg text;
	src_sql text;
	id_type regtype;
	ident_type regtype;
	f text;
	n int8;
	dup int8;
BEGIN
	IF batch IS NULL OR id_column IS NULL OR identity IS NULL OR source IS NULL OR model IS NULL THEN
		RAISE EXCEPTION 'register_link_batch: batch, id_column, identity, source and model must not be NULL'
			USING ERRCODE = '22004';
	END IF;
	reg := @extschema@._register_check(register, 'register_link_batch');
	-- the model must fit the register's comparison (compare_persons: the
	-- six identity fields; other fields of the model count for nothing)
	PERFORM @extschema@.match_weight(''::@extschema@.link_gamma, model);
	FOREACH f IN ARRAY ARRAY['given', 'surname1', 'surname2', 'dob', 'sex', 'nationality'] LOOP
		IF NOT (model OPERATOR(pg_catalog.->) 'fields') OPERATOR(pg_catalog.?) f THEN
			RAISE EXCEPTION 'register_link_batch: the model has no field "%", which the register compares', f
				USING ERRCODE = '22023',
					  HINT = 'Pass a model fitted on migrisk.person_ident records (link_records with compare_persons), with m and u for given, surname1, surname2, dob, sex and nationality.';
		END IF;
	END LOOP;
	src_sql := CASE WHEN batch OPERATOR(pg_catalog.~*) '^\s*(select|with|values|table)\s'
					THEN pg_catalog.format('(%s)', batch)
					ELSE pg_catalog.format('%s', batch::regclass) END;
	-- the expressions, type-checked on an empty query
	BEGIN
		EXECUTE pg_catalog.format('SELECT pg_catalog.pg_typeof(%2$I), pg_catalog.pg_typeof((%3$s)), (%4$s)::date FROM %1$s AS b LIMIT 0',
			src_sql, id_column, identity, coalesce(date_column, 'NULL'));
		EXECUTE pg_catalog.format('SELECT pg_catalog.pg_typeof(%2$I)::regtype, pg_catalog.pg_typeof((%3$s))::regtype FROM (SELECT * FROM %1$s AS b LIMIT 0) b RIGHT JOIN (SELECT) z ON true',
			src_sql, id_column, identity) INTO id_type, ident_type;
	EXCEPTION WHEN OTHERS THEN
		RAISE EXCEPTION 'register_link_batch: %', SQLERRM
			USING ERRCODE = SQLSTATE,
				  HINT = 'batch is a table or a query; id_column one of its columns; identity and date_column SQL expressions over its columns.';
	END;
	IF ident_type OPERATOR(pg_catalog.<>) '@extschema@.person_ident'::regtype THEN
		RAISE EXCEPTION 'register_link_batch: identity is of type %, not migrisk.person_ident', ident_type
			USING ERRCODE = '42804',
				  HINT = 'Write it as ROW(given, surname1, surname2, birth_date, sex, nationality)::migrisk.person_ident.';
	END IF;
	IF id_type OPERATOR(pg_catalog.<>) ALL (ARRAY['int2', 'int4', 'int8']::regtype[]) THEN
		RAISE EXCEPTION 'register_link_batch: id column "%" is of type %, not an integer', id_column, id_type
			USING ERRCODE = '42804';
	END IF;
	PERFORM @extschema@._register_lock(reg);
	EXECUTE pg_catalog.format(
		'CREATE TEMP TABLE _rg_batch ON COMMIT DROP AS
		 SELECT %2$I::int8 AS record_id, (%3$s) AS ident, (%4$s)::date AS event_date FROM %1$s AS b',
		src_sql, id_column, identity, coalesce(date_column, 'NULL'));
	SELECT pg_catalog.count(*) OPERATOR(pg_catalog.-) pg_catalog.count(DISTINCT x.record_id),
		   pg_catalog.count(*) FILTER (WHERE x.record_id IS NULL)
	INTO dup, n FROM pg_temp._rg_batch x;
	IF n OPERATOR(pg_catalog.>) 0 THEN
		RAISE EXCEPTION 'register_link_batch: % records of the batch have no id', n
			USING ERRCODE = '23502';
	END IF;
	IF dup OPERATOR(pg_catalog.>) 0 THEN
		RAISE EXCEPTION 'register_link_batch: % ids occur more than once in the batch', dup
			USING ERRCODE = '23505', HINT = 'Record ids are the register''s keys: one record per id.';
	END IF;
	SELECT pg_catalog.count(*) INTO n FROM pg_temp._rg_batch x WHERE x.ident IS NULL;
	IF n OPERATOR(pg_catalog.>) 0 THEN
		RAISE EXCEPTION 'register_link_batch: % records of the batch have no identity', n
			USING ERRCODE = '23502';
	END IF;
	RETURN @extschema@._register_link(reg, source, model);
END
$fn$;

COMMENT ON FUNCTION @extschema@.register_link_batch(text, text, text, text, text, text, jsonb) IS
'links a batch of records into a person register, in one transaction: batch is a table or a query, id_column its integer id, identity a migrisk.person_ident expression over its columns, source the records'' source, date_column their event date (an expression, may be NULL); records already held (same id, identity, source and date) are skipped, another record under a held id is 23505; candidates by blocking_keys shared with the batch or any held record (keys of more than max_block records skipped, as link_records deduplicating register and batch together), compared by compare_persons and scored with model; pairs at or above the threshold are written to links, then followed best first (by weight): a new record joins a person or founds one, at most one record of a source per person and day, "not same" decisions block, two persons joined is a merge (the smaller person id survives); NOTICE per stage; returns counts and times';

------------------------------------------------------------------------
-- Corrections
------------------------------------------------------------------------

CREATE FUNCTION @extschema@.register_unmerge(register text, merge_id int8)
RETURNS int8
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	reg text := @extschema@._register_check(register, 'register_unmerge');
	m record;
	n int8;
BEGIN
	IF merge_id IS NULL THEN
		RAISE EXCEPTION 'register_unmerge: merge_id must not be NULL' USING ERRCODE = '22004';
	END IF;
	PERFORM @extschema@._register_lock(reg);
	EXECUTE format('SELECT * FROM %s.merges WHERE merge_id = $1', reg) INTO m USING merge_id;
	IF m.merge_id IS NULL THEN
		RAISE EXCEPTION 'register_unmerge: register % has no merge %', reg, merge_id USING ERRCODE = 'P0002';
	END IF;
	IF m.undone THEN
		RAISE EXCEPTION 'register_unmerge: merge % of register % is undone already', merge_id, reg
			USING ERRCODE = '55000';
	END IF;
	EXECUTE format('UPDATE %s.records SET person_id = $1 WHERE record_id = ANY ($2)', reg)
		USING m.absorbed, m.records;
	GET DIAGNOSTICS n = ROW_COUNT;
	EXECUTE format('UPDATE %s.merges SET undone = true, undone_at = now() WHERE merge_id = $1', reg) USING merge_id;
	PERFORM @extschema@._register_check_decisions(reg, 'register_unmerge');
	RETURN n;
END
$fn$;

COMMENT ON FUNCTION @extschema@.register_unmerge(text, int8) IS
'undoes a merge of a person register: the records the merge moved (those still held) take the absorbed person id again, and the merge is marked undone; an unknown merge is P0002, one undone already 55000, and a merge that a "same" decision requires 55000; returns the number of records moved back';

CREATE FUNCTION @extschema@.register_withdraw(register text, record_id int8)
RETURNS int8
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	reg text := @extschema@._register_check(register, 'register_withdraw');
	p int8;
	parts int8;
BEGIN
	IF record_id IS NULL THEN
		RAISE EXCEPTION 'register_withdraw: record_id must not be NULL' USING ERRCODE = '22004';
	END IF;
	PERFORM @extschema@._register_lock(reg);
	EXECUTE format('DELETE FROM %s.records WHERE record_id = $1 RETURNING person_id', reg) INTO p USING record_id;
	IF p IS NULL THEN
		RAISE EXCEPTION 'register_withdraw: register % holds no record %', reg, record_id USING ERRCODE = 'P0002';
	END IF;
	EXECUTE format('DELETE FROM %s.record_keys WHERE record_id = $1', reg) USING record_id;
	EXECUTE format('UPDATE %1$s.records SET link_id = NULL
					WHERE link_id IN (SELECT link_id FROM %1$s.links WHERE id_a = $1 OR id_b = $1)', reg) USING record_id;
	EXECUTE format('DELETE FROM %s.links WHERE id_a = $1 OR id_b = $1', reg) USING record_id;
	EXECUTE format('DELETE FROM %s.decisions WHERE id_a = $1 OR id_b = $1', reg) USING record_id;
	parts := @extschema@._register_recluster(reg, p);
	PERFORM @extschema@._register_check_decisions(reg, 'register_withdraw');
	RETURN parts;
END
$fn$;

COMMENT ON FUNCTION @extschema@.register_withdraw(text, int8) IS
'removes a record from a person register (with its keys, its links and the decisions on it) and clusters the person left behind anew, best first over the links and "same" decisions among its records: the part with the smallest record id keeps the person id, the others get new ones; an unknown record is P0002; returns the number of persons the rest makes (0 when the record was alone)';

CREATE FUNCTION @extschema@.register_decide(register text, id_a int8, id_b int8, same boolean, reviewer text)
RETURNS int8
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	reg text := @extschema@._register_check(register, 'register_decide');
	a int8 := least(id_a, id_b);
	b int8 := greatest(id_a, id_b);
	pa int8;
	pb int8;
	l record;
BEGIN
	IF id_a IS NULL OR id_b IS NULL OR same IS NULL OR reviewer IS NULL THEN
		RAISE EXCEPTION 'register_decide: id_a, id_b, same and reviewer must not be NULL' USING ERRCODE = '22004';
	END IF;
	IF a = b THEN
		RAISE EXCEPTION 'register_decide: a decision takes two records, not % twice', a USING ERRCODE = '22023';
	END IF;
	PERFORM @extschema@._register_lock(reg);
	EXECUTE format('SELECT person_id FROM %s.records WHERE record_id = $1', reg) INTO pa USING a;
	EXECUTE format('SELECT person_id FROM %s.records WHERE record_id = $1', reg) INTO pb USING b;
	IF pa IS NULL OR pb IS NULL THEN
		RAISE EXCEPTION 'register_decide: register % holds no record %', reg, CASE WHEN pa IS NULL THEN a ELSE b END
			USING ERRCODE = 'P0002';
	END IF;
	EXECUTE format(
		'INSERT INTO %s.decisions AS d (id_a, id_b, same, reviewer) VALUES ($1, $2, $3, $4)
		 ON CONFLICT (id_a, id_b) DO UPDATE SET same = excluded.same, reviewer = excluded.reviewer, decided_at = now()', reg)
		USING a, b, same, reviewer;
	IF same AND pa <> pb THEN
		EXECUTE format('SELECT link_id, probability FROM %s.links WHERE id_a = $1 AND id_b = $2', reg) INTO l USING a, b;
		EXECUTE format(
			'INSERT INTO %1$s.merges (surviving, absorbed, link_id, probability, batch, reviewer, records)
			 VALUES ($1, $2, $3, $4, NULL, $5, ARRAY(SELECT record_id FROM %1$s.records WHERE person_id = $2 ORDER BY record_id))', reg)
			USING least(pa, pb), greatest(pa, pb), l.link_id, l.probability, reviewer;
		EXECUTE format('UPDATE %s.records SET person_id = $1 WHERE person_id = $2', reg) USING least(pa, pb), greatest(pa, pb);
	ELSIF NOT same AND pa = pb THEN
		PERFORM @extschema@._register_recluster(reg, pa);
	END IF;
	PERFORM @extschema@._register_check_decisions(reg, 'register_decide');
	EXECUTE format('SELECT person_id FROM %s.records WHERE record_id = $1', reg) INTO pa USING id_a;
	RETURN pa;
END
$fn$;

COMMENT ON FUNCTION @extschema@.register_decide(text, int8, int8, boolean, text) IS
'records a reviewer''s decision that two records of a person register are (same => true) or are not the same person, replacing an earlier one on the pair, and applies it: "same" merges their persons (the smaller id survives, logged with the reviewer), "not same" splits their person, best first without the pair; later batches, withdrawals and unmerges never override it; a decision that contradicts another is 55000, an unknown record P0002; returns the person id of id_a afterwards';

------------------------------------------------------------------------
-- Reading a register
------------------------------------------------------------------------

CREATE FUNCTION @extschema@.register_persons(register text, within_days int DEFAULT 90)
RETURNS TABLE (person_id int8, records int8, first_event date, last_event date, events jsonb,
			   again_within boolean, suppressed boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	reg text := @extschema@._register_check(register, 'register_persons');
	k int := coalesce(nullif(current_setting('migrisk.min_cell_size', true), '')::int, 0);
BEGIN
	IF within_days IS NULL THEN
		RAISE EXCEPTION 'register_persons: within_days must not be NULL' USING ERRCODE = '22004';
	END IF;
	IF within_days < 1 THEN
		RAISE EXCEPTION 'register_persons: within_days must be at least 1, not %', within_days
			USING ERRCODE = '22023', HINT = 'Re-migration counts an event of a source on a later day than the one before it.';
	END IF;
	-- again: an event of a source at most within_days after the one before
	-- it of the same source (removed again, received again)
	RETURN QUERY EXECUTE format(
		'WITH e AS (SELECT person_id, source, event_date,
						   event_date - lag(event_date) OVER (PARTITION BY person_id, source ORDER BY event_date) AS gap
					FROM %s.records),
			  s AS (SELECT person_id, source, count(*) AS n, min(event_date) AS f, max(event_date) AS l,
						   coalesce(bool_or(gap BETWEEN 1 AND $2), false) AS again
					FROM e GROUP BY person_id, source),
			  p AS (SELECT person_id, sum(n)::int8 AS records, min(f) AS first_event, max(l) AS last_event,
						   jsonb_object_agg(source, n ORDER BY source) AS events, bool_or(again) AS again_within
					FROM s GROUP BY person_id),
			  c AS (SELECT p.*, count(*) OVER (PARTITION BY first_event, last_event, events, again_within) AS cell FROM p)
		 SELECT person_id,
				CASE WHEN cell >= $1 THEN records END,
				CASE WHEN cell >= $1 THEN first_event END,
				CASE WHEN cell >= $1 THEN last_event END,
				CASE WHEN cell >= $1 THEN events END,
				CASE WHEN cell >= $1 THEN again_within END,
				cell < $1
		 FROM c ORDER BY person_id', reg) USING k, within_days;
END
$fn$;

COMMENT ON FUNCTION @extschema@.register_persons(text, int) IS
'the persons of a register, one row each: stable person id, records, first and last event date, events per source (jsonb), again_within: an event of a source at most within_days (default 90) after the person''s previous one of that source (removed again, received again); a row whose records, dates, events and again_within are shared by fewer than migrisk.min_cell_size persons shows them NULL with suppressed = true; within_days NULL 22004, below 1 22023';

------------------------------------------------------------------------
-- 0.3.0: persons from links under constraints, per-cluster diagnostics,
-- the match weight term by term, the review queue (src/sql/26_link_explain.sql)
------------------------------------------------------------------------

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

-- blocking_keys: six families, G over surname initials too, the new P
-- family, N order-free (issue 15); the library changes, the comment too
COMMENT ON FUNCTION @extschema@.blocking_keys(@extschema@.person_ident) IS
'blocking keys of a person record, six families over each surname word and each given word (nicknames read as their names): S|phonetic surname|birth year|month, D|phonetic surname|day|month (sorted, no year), G|initial of a given or surname word|birth date, P|phonetic given and surname (sorted)|day|month (sorted, no year), N|phonetic given and surname (sorted)|decade, F|both phonetic surnames (sorted)|decade, the decades those of the years before and after the birth year, or every decade 1900s..2030s without a date; given and surname swapped between the fields keep the G, P and N keys; candidate pairs share a key (a.keys && b.keys with a GIN index)';
