-- migrisk install script: record linkage (comparison vectors, names,
-- string similarity, person comparison, blocking keys).

---------------------------------------------------------------------------
-- link_gamma: one agreement level per compared field, four bytes by value.
---------------------------------------------------------------------------

CREATE TYPE @extschema@.link_gamma;

CREATE FUNCTION @extschema@.link_gamma_in(cstring)
RETURNS @extschema@.link_gamma
AS 'MODULE_PATHNAME', 'link_gamma_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.link_gamma_out(@extschema@.link_gamma)
RETURNS cstring
AS 'MODULE_PATHNAME', 'link_gamma_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.link_gamma_recv(internal)
RETURNS @extschema@.link_gamma
AS 'MODULE_PATHNAME', 'link_gamma_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.link_gamma_send(@extschema@.link_gamma)
RETURNS bytea
AS 'MODULE_PATHNAME', 'link_gamma_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.link_gamma (
	INTERNALLENGTH = 4,
	INPUT = @extschema@.link_gamma_in,
	OUTPUT = @extschema@.link_gamma_out,
	RECEIVE = @extschema@.link_gamma_recv,
	SEND = @extschema@.link_gamma_send,
	PASSEDBYVALUE,
	ALIGNMENT = int4,
	STORAGE = plain
);

COMMENT ON TYPE @extschema@.link_gamma IS
'comparison vector of two person records: one agreement level per field (given, surname1, surname2, dob, sex, nationality, plausibility), text form field=level,...; 4 bytes';
COMMENT ON FUNCTION @extschema@.link_gamma_in(cstring) IS
'internal: text input of link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_out(@extschema@.link_gamma) IS
'internal: text output of link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_recv(internal) IS
'internal: binary input of link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_send(@extschema@.link_gamma) IS
'internal: binary output of link_gamma';

CREATE FUNCTION @extschema@.link_gamma_eq(@extschema@.link_gamma, @extschema@.link_gamma)
RETURNS boolean AS 'MODULE_PATHNAME', 'link_gamma_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.link_gamma_ne(@extschema@.link_gamma, @extschema@.link_gamma)
RETURNS boolean AS 'MODULE_PATHNAME', 'link_gamma_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.link_gamma_lt(@extschema@.link_gamma, @extschema@.link_gamma)
RETURNS boolean AS 'MODULE_PATHNAME', 'link_gamma_lt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.link_gamma_le(@extschema@.link_gamma, @extschema@.link_gamma)
RETURNS boolean AS 'MODULE_PATHNAME', 'link_gamma_le'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.link_gamma_gt(@extschema@.link_gamma, @extschema@.link_gamma)
RETURNS boolean AS 'MODULE_PATHNAME', 'link_gamma_gt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.link_gamma_ge(@extschema@.link_gamma, @extschema@.link_gamma)
RETURNS boolean AS 'MODULE_PATHNAME', 'link_gamma_ge'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.link_gamma_cmp(@extschema@.link_gamma, @extschema@.link_gamma)
RETURNS integer AS 'MODULE_PATHNAME', 'link_gamma_cmp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.link_gamma_hash(@extschema@.link_gamma)
RETURNS integer AS 'MODULE_PATHNAME', 'link_gamma_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.link_gamma_hash_extended(@extschema@.link_gamma, bigint)
RETURNS bigint AS 'MODULE_PATHNAME', 'link_gamma_hash_extended'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION @extschema@.link_gamma_eq(@extschema@.link_gamma, @extschema@.link_gamma) IS
'internal: = on link_gamma (same level in every field)';
COMMENT ON FUNCTION @extschema@.link_gamma_ne(@extschema@.link_gamma, @extschema@.link_gamma) IS
'internal: <> on link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_lt(@extschema@.link_gamma, @extschema@.link_gamma) IS
'internal: < on link_gamma (order of the packed value; only for sorting and grouping)';
COMMENT ON FUNCTION @extschema@.link_gamma_le(@extschema@.link_gamma, @extschema@.link_gamma) IS
'internal: <= on link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_gt(@extschema@.link_gamma, @extschema@.link_gamma) IS
'internal: > on link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_ge(@extschema@.link_gamma, @extschema@.link_gamma) IS
'internal: >= on link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_cmp(@extschema@.link_gamma, @extschema@.link_gamma) IS
'internal: btree support function of link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_hash(@extschema@.link_gamma) IS
'internal: hash support function of link_gamma';
COMMENT ON FUNCTION @extschema@.link_gamma_hash_extended(@extschema@.link_gamma, bigint) IS
'internal: extended hash support function of link_gamma';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.link_gamma, RIGHTARG = @extschema@.link_gamma,
	PROCEDURE = @extschema@.link_gamma_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.link_gamma, RIGHTARG = @extschema@.link_gamma,
	PROCEDURE = @extschema@.link_gamma_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.link_gamma, RIGHTARG = @extschema@.link_gamma,
	PROCEDURE = @extschema@.link_gamma_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.link_gamma, RIGHTARG = @extschema@.link_gamma,
	PROCEDURE = @extschema@.link_gamma_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.link_gamma, RIGHTARG = @extschema@.link_gamma,
	PROCEDURE = @extschema@.link_gamma_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.link_gamma, RIGHTARG = @extschema@.link_gamma,
	PROCEDURE = @extschema@.link_gamma_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR CLASS @extschema@.link_gamma_btree_ops
DEFAULT FOR TYPE @extschema@.link_gamma USING btree AS
	OPERATOR 1 @extschema@.<,
	OPERATOR 2 @extschema@.<=,
	OPERATOR 3 @extschema@.=,
	OPERATOR 4 @extschema@.>=,
	OPERATOR 5 @extschema@.>,
	FUNCTION 1 @extschema@.link_gamma_cmp(@extschema@.link_gamma, @extschema@.link_gamma);

CREATE OPERATOR CLASS @extschema@.link_gamma_hash_ops
DEFAULT FOR TYPE @extschema@.link_gamma USING hash AS
	OPERATOR 1 @extschema@.=,
	FUNCTION 1 @extschema@.link_gamma_hash(@extschema@.link_gamma),
	FUNCTION 2 @extschema@.link_gamma_hash_extended(@extschema@.link_gamma, bigint);

CREATE FUNCTION @extschema@.level(gamma @extschema@.link_gamma, field text)
RETURNS text
AS 'MODULE_PATHNAME', 'link_gamma_level'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.level(@extschema@.link_gamma, text) IS
'level name of one field of a comparison vector (e.g. ''swapped''); NULL when the field is missing; unknown field: 22023';

CREATE FUNCTION @extschema@.level_index(gamma @extschema@.link_gamma, field text)
RETURNS integer
AS 'MODULE_PATHNAME', 'link_gamma_level_idx'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.level_index(@extschema@.link_gamma, text) IS
'level number of one field of a comparison vector, 0 = strongest agreement; NULL when the field is missing; unknown field: 22023';

CREATE FUNCTION @extschema@.link_gamma_levels(
	OUT field_index integer, OUT field text,
	OUT level_index integer, OUT level text, OUT level_count integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'link_gamma_levels'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 31;

COMMENT ON FUNCTION @extschema@.link_gamma_levels() IS
'every field and level of link_gamma in packed order (field_index, field, level_index, level, level_count); missing is not a level';
