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

CREATE FUNCTION @extschema@.link_gamma(
	given text DEFAULT NULL, surname1 text DEFAULT NULL, surname2 text DEFAULT NULL,
	dob text DEFAULT NULL, sex text DEFAULT NULL, nationality text DEFAULT NULL,
	plausibility text DEFAULT NULL)
RETURNS @extschema@.link_gamma
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN pg_catalog.format('given=%s,surname1=%s,surname2=%s,dob=%s,sex=%s,nationality=%s,plausibility=%s',
	coalesce(given, 'missing'), coalesce(surname1, 'missing'), coalesce(surname2, 'missing'),
	coalesce(dob, 'missing'), coalesce(sex, 'missing'), coalesce(nationality, 'missing'),
	coalesce(plausibility, 'missing'))::@extschema@.link_gamma;

COMMENT ON FUNCTION @extschema@.link_gamma(text, text, text, text, text, text, text) IS
'comparison vector from level names, one argument per field (NULL or omitted = missing); unknown level: 22P02';

CREATE FUNCTION @extschema@.link_gamma_levels(
	OUT field_index integer, OUT field text,
	OUT level_index integer, OUT level text, OUT level_count integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'link_gamma_levels'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 31;

COMMENT ON FUNCTION @extschema@.link_gamma_levels() IS
'every field and level of link_gamma in packed order (field_index, field, level_index, level, level_count); missing is not a level';

---------------------------------------------------------------------------
-- Names and string similarity.
---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.name_normalize(name text)
RETURNS text
AS 'MODULE_PATHNAME', 'name_normalize_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.name_normalize(text) IS
'canonical form of a personal name: upper case, accents removed (Ñ kept), punctuation removed, abbreviations (Ma., Gpe., Fco., J.) expanded, particles (de, del, de la, y, ...) dropped; NULL when nothing is left; idempotent';

CREATE FUNCTION @extschema@.name_phonetic(name text)
RETURNS text
AS 'MODULE_PATHNAME', 'name_phonetic_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.name_phonetic(text) IS
'phonetic key of a name for Latin-American Spanish (b/v, seseo, yeísmo, silent h, g/j, x/j, qu/k, gu/w), computed on name_normalize; NULL when empty';

CREATE FUNCTION @extschema@.jaro_winkler(a text, b text)
RETURNS double precision
AS 'MODULE_PATHNAME', 'jaro_winkler'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.jaro_winkler(text, text) IS
'Jaro-Winkler similarity on characters (prefix scale 0.1, prefix up to 4, boost when Jaro > 0.7); NULL when either is empty; at most 1000 characters (54000)';

CREATE FUNCTION @extschema@.damerau_levenshtein(a text, b text)
RETURNS integer
AS 'MODULE_PATHNAME', 'damerau_levenshtein'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.damerau_levenshtein(text, text) IS
'optimal string alignment distance (insert, delete, substitute, transpose adjacent characters; no substring edited twice); at most 1000 characters (54000)';

CREATE FUNCTION @extschema@.damerau_levenshtein(a text, b text, max integer)
RETURNS integer
AS 'MODULE_PATHNAME', 'damerau_levenshtein_max'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.damerau_levenshtein(text, text, integer) IS
'optimal string alignment distance with early exit: exact when <= max, max + 1 otherwise; negative max: 22023';

---------------------------------------------------------------------------
-- Person records: comparison and blocking.
---------------------------------------------------------------------------

CREATE TYPE @extschema@.person_ident AS (
	given_names text,
	surname1 text,
	surname2 text,
	birth_date date,
	sex text,
	nationality text
);

COMMENT ON TYPE @extschema@.person_ident IS
'identifying fields of a person record: given names, first (paternal) and second (maternal) surname, birth date, sex (F, M, X), nationality (ISO 3166-1 alpha-3); NULL or empty = missing';

CREATE FUNCTION @extschema@.compare_persons(a @extschema@.person_ident, b @extschema@.person_ident)
RETURNS @extschema@.link_gamma
AS 'MODULE_PATHNAME', 'compare_persons_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.compare_persons(@extschema@.person_ident, @extschema@.person_ident) IS
'comparison vector of two person records: one level per field (names exact/phonetic/jw92/jw85/swapped/one_missing/different, a given name shared word by word or through a nickname counting as jw92, swapped surnames as surname1 swapped with surname2 the weaker crosswise level, birth date exact/transposed/year_off/one_component/within_year/different, sex and nationality equal/different); plausibility left missing';

CREATE FUNCTION @extschema@.blocking_keys(p @extschema@.person_ident)
RETURNS text[]
AS 'MODULE_PATHNAME', 'blocking_keys'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.blocking_keys(@extschema@.person_ident) IS
'blocking keys of a person record, six families over each surname word and each given word (nicknames read as their names): S|phonetic surname|birth year|month, D|phonetic surname|day|month (sorted, no year), G|initial of a given or surname word|birth date, P|phonetic given and surname (sorted)|day|month (sorted, no year), N|phonetic given and surname (sorted)|decade, F|both phonetic surnames (sorted)|decade, the decades those of the years before and after the birth year, or every decade 1900s..2030s without a date; given and surname swapped between the fields keep the G, P and N keys; candidate pairs share a key (a.keys && b.keys with a GIN index)';

CREATE FUNCTION @extschema@.given_name_equivalents(OUT variant text, OUT name text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'given_name_equivalents'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 40;

COMMENT ON FUNCTION @extschema@.given_name_equivalents() IS
'the nickname table of Spanish given names that compare_persons and blocking_keys use (variant = nickname, name = the name it stands for, both in name_normalize form): Pancho/Paco = Francisco, Pepe = José, Lupe = Guadalupe, Chuy = Jesús, ...; sources in docs/reference.md';
