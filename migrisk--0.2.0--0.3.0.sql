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
