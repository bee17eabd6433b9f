-- migrisk install script: design-based estimation (strata, PSUs, fpc)
-- for the risk indicators: risk_profile_design and its state
-- (docs/survey.md, docs/reference.md).

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
