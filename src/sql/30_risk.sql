-- migrisk install script: trafficking-risk indicators, scores and the
-- risk_profile aggregate (docs/reference.md).

-------------------------------------------------------------------------
-- Registry of indicators and scoring models (extension configuration
-- tables: rows users add survive pg_dump; seeded rows are re-created by
-- CREATE EXTENSION and excluded from the dump by the "seeded" filter).
-------------------------------------------------------------------------

CREATE TABLE @extschema@.indicator (
	code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,62}$'),
	bit integer NOT NULL UNIQUE CHECK (bit BETWEEN 0 AND 63),
	label text NOT NULL,
	vocabulary text NOT NULL,
	default_weight float8 NOT NULL DEFAULT 1
		CHECK (default_weight >= float8 '0' AND default_weight < float8 'infinity'),
	ctdc_columns text[] NOT NULL DEFAULT '{}',
	ctdc_synthetic_columns text[] NOT NULL DEFAULT '{}',
	htcds_values text[] NOT NULL DEFAULT '{}',
	fms_question text,
	seeded boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.indicator IS
'registry of risk indicators: code, bit in risk_flags, label, vocabulary, default weight, mappings to CTDC columns (2018/k-anon and synthetic), IOM HTCDS picklist values and IOM FMS questions';

CREATE TABLE @extschema@.risk_model (
	name text PRIMARY KEY,
	kind text NOT NULL CHECK (kind IN ('any', 'additive', 'logistic')),
	intercept float8 NOT NULL DEFAULT 0 CHECK (intercept > '-infinity' AND intercept < 'infinity'),
	medium_threshold float8 NOT NULL,
	high_threshold float8 NOT NULL,
	description text,
	seeded boolean NOT NULL DEFAULT false,
	CHECK (medium_threshold <= high_threshold)
);
COMMENT ON TABLE @extschema@.risk_model IS
'risk scoring models: kind any (at least one indicator), additive (share of weight present) or logistic; thresholds for risk_level';

CREATE TABLE @extschema@.risk_model_weight (
	model text NOT NULL REFERENCES @extschema@.risk_model (name) ON UPDATE CASCADE ON DELETE CASCADE,
	indicator text NOT NULL REFERENCES @extschema@.indicator (code) ON UPDATE CASCADE,
	weight float8 NOT NULL CHECK (weight > '-infinity' AND weight < 'infinity'),
	seeded boolean NOT NULL DEFAULT false,
	PRIMARY KEY (model, indicator)
);
COMMENT ON TABLE @extschema@.risk_model_weight IS
'per-model indicator weights; a model without rows here uses every indicator''s default_weight';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.indicator', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_model', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_model_weight', 'WHERE NOT seeded');
GRANT SELECT ON @extschema@.indicator, @extschema@.risk_model, @extschema@.risk_model_weight TO PUBLIC;
CREATE TRIGGER _config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.indicator
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._config_changed();
CREATE TRIGGER _config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.risk_model
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._config_changed();
CREATE TRIGGER _config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.risk_model_weight
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._config_changed();

-- The canonical set (reference: docs/reference.md, "Vocabularies").
INSERT INTO @extschema@.indicator
	(code, bit, label, vocabulary, default_weight, ctdc_columns, ctdc_synthetic_columns, htcds_values, fms_question, seeded)
VALUES
('debt', 0, 'debt bondage or earnings taken', 'exploitation', 1,
 '{meansOfControlDebtBondage,meansOfControlTakesEarnings}', '{meansDebtBondageEarnings}', '{DebtBondage,TakesEarnings}', NULL, true),
('unpaid', 1, 'worked without the expected payment', 'exploitation', 1,
 '{}', '{}', '{TakesEarnings}', 'worked or performed activities without getting the expected payment', true),
('forced_work', 2, 'forced to work or perform activities against one''s will', 'exploitation', 1,
 '{isForcedLabour}', '{isForcedLabour}', '{}', 'forced to perform work or activities against your will', true),
('held', 3, 'kept at a location against one''s will, movement restricted', 'exploitation', 1,
 '{meansOfControlRestrictsMovement,isAbduction}', '{}', '{RestrictsMovement}', 'kept at a certain location against your will (not by the authorities)', true),
('docs', 4, 'identity or travel documents withheld', 'exploitation', 1,
 '{meansOfControlWithholdsDocuments}', '{meansWithholdDocs}', '{WithholdsDocuments}', NULL, true),
('threats', 5, 'threats, including threat of law enforcement', 'exploitation', 1,
 '{meansOfControlThreats,meansOfControlThreatOfLawEnforcement}', '{meansThreats}', '{Threats,ThreatOfLawEnforcement}', NULL, true),
('violence', 6, 'physical, sexual or psychological abuse', 'exploitation', 1,
 '{meansOfControlPhysicalAbuse,meansOfControlSexualAbuse,meansOfControlPsychologicalAbuse}', '{meansAbusePsyPhySex}',
 '{PhysicalAbuse,SexualAbuse,PsychologicalAbuse}', 'physical violence (asked separately; not in the FMS composite)', true),
('deception', 7, 'false promises', 'exploitation', 1,
 '{meansOfControlFalsePromises}', '{meansFalsePromises}', '{FalsePromises}', NULL, true),
('marriage', 8, 'offered an arranged or forced marriage', 'exploitation', 1,
 '{isForcedMarriage}', '{}', '{}', 'approached with an offer of an arranged marriage (self or family)', true),
('organs', 9, 'organ, blood or body part removal or offers of cash for them', 'exploitation', 1,
 '{isOrganRemoval}', '{}', '{}', 'aware of offers of cash for blood, organs or other body parts (indirect; not in the FMS composite)', true),
('substances', 10, 'psychoactive substances used as control', 'exploitation', 1,
 '{meansOfControlPsychoactiveSubstances}', '{meansDrugsAlcohol}', '{PsychoactiveSubstances}', NULL, true),
('deny_needs', 11, 'financial access, medical care or necessities withheld', 'exploitation', 1,
 '{meansOfControlRestrictsFinancialAccess,meansOfControlRestrictsMedicalCare,meansOfControlWithholdsNecessities}',
 '{meansDenyBasicNeeds}', '{RestrictsFinancialAccess,RestrictsMedicalCare,WithholdsNecessities}', NULL, true),
('excessive_hours', 12, 'excessive working hours', 'exploitation', 1,
 '{meansOfControlExcessiveWorkingHours}', '{meansExcessiveWorkHours}', '{ExcessiveWorkingHours}', NULL, true),
('sexual_exploit', 13, 'sexual exploitation', 'exploitation', 1,
 '{isSexualExploit}', '{isSexualExploit}', '{}', NULL, true),
('freight_train', 16, 'travelled on freight trains', 'transit', 0.5, '{}', '{}', '{}', NULL, true),
('smuggler', 17, 'travelled with a smuggler', 'transit', 0.5, '{}', '{}', '{"Smuggling, ransom",Smuggler}', NULL, true),
('smuggler_debt', 18, 'owes a debt for the journey', 'transit', 0.5, '{}', '{}', '{}', NULL, true),
('minor_unaccompanied', 19, 'unaccompanied minor', 'transit', 0.5, '{}', '{}', '{}', NULL, true),
('travels_alone', 20, 'travels alone', 'transit', 0.5, '{}', '{}', '{}', NULL, true),
('no_documents', 21, 'no identity documents', 'transit', 0.5, '{}', '{}', '{}', NULL, true),
('repeat_deportation', 22, 'deported or returned more than once', 'transit', 0.5, '{}', '{}', '{}', NULL, true),
('kidnap_extortion', 23, 'kidnapped or extorted on the route', 'transit', 0.5, '{}', '{}', '{}', NULL, true),
('hotspot', 24, 'passed through a known violence hotspot', 'transit', 0.5, '{}', '{}', '{}', NULL, true);

INSERT INTO @extschema@.risk_model (name, kind, intercept, medium_threshold, high_threshold, description, seeded)
VALUES
('default', 'additive', 0, 0.15, 0.3,
 'share of the registry''s default weights present (every indicator with a non-zero default weight)', true),
('iom_fms_any', 'any', 0, 1, 1,
 'IOM Flow Monitoring Survey composite: yes to at least one of the four human trafficking and other exploitative practices indicators', true);

INSERT INTO @extschema@.risk_model_weight (model, indicator, weight, seeded)
VALUES ('iom_fms_any', 'unpaid', 1, true), ('iom_fms_any', 'forced_work', 1, true),
       ('iom_fms_any', 'held', 1, true), ('iom_fms_any', 'marriage', 1, true);

-------------------------------------------------------------------------
-- risk_flags
-------------------------------------------------------------------------

CREATE TYPE @extschema@.risk_flags;

CREATE FUNCTION @extschema@.risk_flags_in(cstring) RETURNS @extschema@.risk_flags
AS 'MODULE_PATHNAME', 'risk_flags_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_flags_out(@extschema@.risk_flags) RETURNS cstring
AS 'MODULE_PATHNAME', 'risk_flags_out' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_flags_recv(internal) RETURNS @extschema@.risk_flags
AS 'MODULE_PATHNAME', 'risk_flags_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_flags_send(@extschema@.risk_flags) RETURNS bytea
AS 'MODULE_PATHNAME', 'risk_flags_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.risk_flags (
	INPUT = @extschema@.risk_flags_in,
	OUTPUT = @extschema@.risk_flags_out,
	RECEIVE = @extschema@.risk_flags_recv,
	SEND = @extschema@.risk_flags_send,
	INTERNALLENGTH = 16,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.risk_flags IS
'per-record risk indicators, each yes, no or unknown: text {code,...} (others no), -code no, ?code unknown, lone ? = unlisted unknown';
COMMENT ON FUNCTION @extschema@.risk_flags_in(cstring) IS 'internal: text input of risk_flags (codes from migrisk.indicator)';
COMMENT ON FUNCTION @extschema@.risk_flags_out(@extschema@.risk_flags) IS 'internal: text output of risk_flags';
COMMENT ON FUNCTION @extschema@.risk_flags_recv(internal) IS 'internal: binary input of risk_flags';
COMMENT ON FUNCTION @extschema@.risk_flags_send(@extschema@.risk_flags) IS 'internal: binary output of risk_flags';

CREATE FUNCTION @extschema@.risk_flags_eq(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_ne(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_lt(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_le(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_gt(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_ge(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_cmp(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS integer
AS 'MODULE_PATHNAME', 'risk_flags_cmp_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_hash(@extschema@.risk_flags) RETURNS integer
AS 'MODULE_PATHNAME', 'risk_flags_hash_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_hash_extended(@extschema@.risk_flags, bigint) RETURNS bigint
AS 'MODULE_PATHNAME', 'risk_flags_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.risk_flags_or(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS @extschema@.risk_flags
AS 'MODULE_PATHNAME', 'risk_flags_or_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_flags_and(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS @extschema@.risk_flags
AS 'MODULE_PATHNAME', 'risk_flags_and_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_flags_minus(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS @extschema@.risk_flags
AS 'MODULE_PATHNAME', 'risk_flags_minus_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_flags_contains(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_contains_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_flags_contained(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_contained_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_flags_overlaps(@extschema@.risk_flags, @extschema@.risk_flags) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_flags_overlaps_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.risk_flags_eq(@extschema@.risk_flags, @extschema@.risk_flags) IS 'internal: = for risk_flags (same yes and known sets)';
COMMENT ON FUNCTION @extschema@.risk_flags_ne(@extschema@.risk_flags, @extschema@.risk_flags) IS 'internal: <> for risk_flags';
COMMENT ON FUNCTION @extschema@.risk_flags_lt(@extschema@.risk_flags, @extschema@.risk_flags) IS 'internal: < for risk_flags (btree order)';
COMMENT ON FUNCTION @extschema@.risk_flags_le(@extschema@.risk_flags, @extschema@.risk_flags) IS 'internal: <= for risk_flags (btree order)';
COMMENT ON FUNCTION @extschema@.risk_flags_gt(@extschema@.risk_flags, @extschema@.risk_flags) IS 'internal: > for risk_flags (btree order)';
COMMENT ON FUNCTION @extschema@.risk_flags_ge(@extschema@.risk_flags, @extschema@.risk_flags) IS 'internal: >= for risk_flags (btree order)';
COMMENT ON FUNCTION @extschema@.risk_flags_cmp(@extschema@.risk_flags, @extschema@.risk_flags) IS 'internal: btree comparison of risk_flags';
COMMENT ON FUNCTION @extschema@.risk_flags_hash(@extschema@.risk_flags) IS 'internal: hash of risk_flags';
COMMENT ON FUNCTION @extschema@.risk_flags_hash_extended(@extschema@.risk_flags, bigint) IS 'internal: seeded 64-bit hash of risk_flags';
COMMENT ON FUNCTION @extschema@.risk_flags_or(@extschema@.risk_flags, @extschema@.risk_flags) IS 'per indicator OR (Kleene: yes if either yes, no if both no, else unknown); operator |';
COMMENT ON FUNCTION @extschema@.risk_flags_and(@extschema@.risk_flags, @extschema@.risk_flags) IS 'per indicator AND (Kleene: no if either no, yes if both yes, else unknown); operator &';
COMMENT ON FUNCTION @extschema@.risk_flags_minus(@extschema@.risk_flags, @extschema@.risk_flags) IS 'per indicator a AND NOT b (Kleene); operator -';
COMMENT ON FUNCTION @extschema@.risk_flags_contains(@extschema@.risk_flags, @extschema@.risk_flags) IS 'every indicator present in the second is present in the first; operator @>';
COMMENT ON FUNCTION @extschema@.risk_flags_contained(@extschema@.risk_flags, @extschema@.risk_flags) IS 'every indicator present in the first is present in the second; operator <@';
COMMENT ON FUNCTION @extschema@.risk_flags_overlaps(@extschema@.risk_flags, @extschema@.risk_flags) IS 'some indicator is present in both; operator &&';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_eq, COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_ne, COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_lt, COMMUTATOR = OPERATOR(@extschema@.>),
	NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_le, COMMUTATOR = OPERATOR(@extschema@.>=),
	NEGATOR = OPERATOR(@extschema@.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_gt, COMMUTATOR = OPERATOR(@extschema@.<),
	NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_ge, COMMUTATOR = OPERATOR(@extschema@.<=),
	NEGATOR = OPERATOR(@extschema@.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR @extschema@.| (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_or, COMMUTATOR = OPERATOR(@extschema@.|));
CREATE OPERATOR @extschema@.& (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_and, COMMUTATOR = OPERATOR(@extschema@.&));
CREATE OPERATOR @extschema@.- (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_minus);
CREATE OPERATOR @extschema@.@> (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_contains, COMMUTATOR = OPERATOR(@extschema@.<@),
	RESTRICT = contsel, JOIN = contjoinsel);
CREATE OPERATOR @extschema@.<@ (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_contained, COMMUTATOR = OPERATOR(@extschema@.@>),
	RESTRICT = contsel, JOIN = contjoinsel);
CREATE OPERATOR @extschema@.&& (
	LEFTARG = @extschema@.risk_flags, RIGHTARG = @extschema@.risk_flags,
	FUNCTION = @extschema@.risk_flags_overlaps, COMMUTATOR = OPERATOR(@extschema@.&&),
	RESTRICT = areasel, JOIN = areajoinsel);

CREATE OPERATOR CLASS @extschema@.risk_flags_ops
DEFAULT FOR TYPE @extschema@.risk_flags USING btree AS
	OPERATOR 1 @extschema@.<,
	OPERATOR 2 @extschema@.<=,
	OPERATOR 3 @extschema@.=,
	OPERATOR 4 @extschema@.>=,
	OPERATOR 5 @extschema@.>,
	FUNCTION 1 @extschema@.risk_flags_cmp(@extschema@.risk_flags, @extschema@.risk_flags);

CREATE OPERATOR CLASS @extschema@.risk_flags_hash_ops
DEFAULT FOR TYPE @extschema@.risk_flags USING hash AS
	OPERATOR 1 @extschema@.=,
	FUNCTION 1 @extschema@.risk_flags_hash(@extschema@.risk_flags),
	FUNCTION 2 @extschema@.risk_flags_hash_extended(@extschema@.risk_flags, bigint);

-- constructors and accessors
CREATE FUNCTION @extschema@.risk_flags(codes text[]) RETURNS @extschema@.risk_flags
AS 'MODULE_PATHNAME', 'risk_flags_from_codes' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_flags(text[]) IS
'risk_flags with the listed indicators yes and every other indicator no';

CREATE FUNCTION @extschema@.risk_flags(codes text[], states boolean[]) RETURNS @extschema@.risk_flags
AS 'MODULE_PATHNAME', 'risk_flags_from_states' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_flags(text[], boolean[]) IS
'risk_flags from one state per code: true yes, false no, NULL unknown; indicators not listed are unknown';

CREATE FUNCTION @extschema@.risk_flags(yes bigint, known bigint) RETURNS @extschema@.risk_flags
AS 'MODULE_PATHNAME', 'risk_flags_from_bits' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_flags(bigint, bigint) IS
'risk_flags from bit masks: bit i of yes / known for the indicator with bit i (known -1 = all known)';

CREATE FUNCTION @extschema@.yes_bits(flags @extschema@.risk_flags) RETURNS bigint
AS 'MODULE_PATHNAME', 'risk_yes_bits' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.yes_bits(@extschema@.risk_flags) IS
'the indicators present as a bit mask (bit i = indicator with bit i)';

CREATE FUNCTION @extschema@.known_bits(flags @extschema@.risk_flags) RETURNS bigint
AS 'MODULE_PATHNAME', 'risk_known_bits' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.known_bits(@extschema@.risk_flags) IS
'the indicators recorded (yes or no) as a bit mask';

CREATE FUNCTION @extschema@.has_flag(flags @extschema@.risk_flags, code text) RETURNS boolean
AS 'MODULE_PATHNAME', 'risk_has_flag' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.has_flag(@extschema@.risk_flags, text) IS
'true if the indicator is present, false if recorded absent, NULL if unknown';

CREATE FUNCTION @extschema@.flag_count(flags @extschema@.risk_flags) RETURNS integer
AS 'MODULE_PATHNAME', 'risk_flag_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.flag_count(@extschema@.risk_flags) IS
'number of indicators present (yes)';

CREATE FUNCTION @extschema@.unknown_count(flags @extschema@.risk_flags) RETURNS integer
AS 'MODULE_PATHNAME', 'risk_unknown_count' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.unknown_count(@extschema@.risk_flags) IS
'number of registered indicators whose state is unknown';

CREATE FUNCTION @extschema@.to_codes(flags @extschema@.risk_flags) RETURNS text[]
AS 'MODULE_PATHNAME', 'risk_to_codes' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.to_codes(@extschema@.risk_flags) IS
'codes of the indicators present, in bit order (#N for a bit without an indicator)';

CREATE FUNCTION @extschema@.unknown_codes(flags @extschema@.risk_flags) RETURNS text[]
AS 'MODULE_PATHNAME', 'risk_unknown_codes' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.unknown_codes(@extschema@.risk_flags) IS
'codes of the registered indicators whose state is unknown, in bit order';

-- Loader helpers.  A CTDC row (either generation; column names matched
-- case-insensitively, so an unquoted staging table works) as jsonb: an
-- indicator is yes if any mapped column is 1, no if every mapped column
-- present is 0, unknown if its columns are absent, blank or -99.
CREATE FUNCTION @extschema@.risk_flags_from_ctdc(rec jsonb) RETURNS @extschema@.risk_flags
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
COMMENT ON FUNCTION @extschema@.risk_flags_from_ctdc(jsonb) IS
'risk_flags from one CTDC record (to_jsonb of a staging row; 2018/k-anon or synthetic columns): 1 yes, 0 no, blank/-99/absent unknown';

-- IOM Human Trafficking Case Data Standard: the picklist values recorded
-- for a case (vic_MethodsOfControl, vic_MethodOfRecruitment, ...).  Listed
-- values make their indicators yes; other indicators that HTCDS covers are
-- no; indicators HTCDS does not cover are unknown.
CREATE FUNCTION @extschema@.risk_flags_from_htcds(vals text[]) RETURNS @extschema@.risk_flags
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
	SELECT @extschema@.risk_flags(coalesce(pg_catalog.array_agg(i.code), '{}'),
	                              coalesce(pg_catalog.array_agg(i.htcds_values OPERATOR(pg_catalog.&&) vals), '{}'))
	FROM @extschema@.indicator i
	WHERE i.htcds_values OPERATOR(pg_catalog.<>) '{}'
$$;
COMMENT ON FUNCTION @extschema@.risk_flags_from_htcds(text[]) IS
'risk_flags from IOM HTCDS picklist values of a case: listed yes, other HTCDS-covered indicators no, the rest unknown';

-- IOM DTM Flow Monitoring Survey answers (NULL = skipped = unknown).
CREATE FUNCTION @extschema@.risk_flags_from_fms(unpaid boolean, forced_work boolean,
	marriage boolean, held boolean, violence boolean DEFAULT NULL, organs boolean DEFAULT NULL)
RETURNS @extschema@.risk_flags
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT @extschema@.risk_flags(
		ARRAY['unpaid', 'forced_work', 'marriage', 'held', 'violence', 'organs'],
		ARRAY[unpaid, forced_work, marriage, held, violence, organs])
$$;
COMMENT ON FUNCTION @extschema@.risk_flags_from_fms(boolean, boolean, boolean, boolean, boolean, boolean) IS
'risk_flags from the IOM FMS exploitation questions (q1 unpaid, q2 forced work, q3 marriage offer, q4 held; violence, organs); NULL = unknown';

-------------------------------------------------------------------------
-- per-record scores
-------------------------------------------------------------------------

CREATE FUNCTION @extschema@.risk_score(flags @extschema@.risk_flags, model text DEFAULT 'default')
RETURNS float8
AS 'MODULE_PATHNAME', 'risk_score' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_score(@extschema@.risk_flags, text) IS
'score of one record under a model in migrisk.risk_model (unknown indicators count as absent)';

CREATE FUNCTION @extschema@.risk_level(flags @extschema@.risk_flags, model text DEFAULT 'default')
RETURNS text
AS 'MODULE_PATHNAME', 'risk_level' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_level(@extschema@.risk_flags, text) IS
'low, medium or high: the score against the model''s medium_threshold and high_threshold';

-------------------------------------------------------------------------
-- risk_state, risk_summary and the aggregates
-------------------------------------------------------------------------

CREATE TYPE @extschema@.risk_state;
CREATE FUNCTION @extschema@.risk_state_in(cstring) RETURNS @extschema@.risk_state
AS 'MODULE_PATHNAME', 'risk_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_state_out(@extschema@.risk_state) RETURNS cstring
AS 'MODULE_PATHNAME', 'risk_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_state_recv(internal) RETURNS @extschema@.risk_state
AS 'MODULE_PATHNAME', 'risk_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_state_send(@extschema@.risk_state) RETURNS bytea
AS 'MODULE_PATHNAME', 'risk_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.risk_state (
	INPUT = @extschema@.risk_state_in,
	OUTPUT = @extschema@.risk_state_out,
	RECEIVE = @extschema@.risk_state_recv,
	SEND = @extschema@.risk_state_send,
	INTERNALLENGTH = 3720,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.risk_state IS
'partial state of risk_profile: exact fixed-point sums (units of 2^-24); store per day and roll up with risk_profile_union';
COMMENT ON FUNCTION @extschema@.risk_state_in(cstring) IS 'internal: text input of risk_state (checked for consistency)';
COMMENT ON FUNCTION @extschema@.risk_state_out(@extschema@.risk_state) IS 'internal: exact text output of risk_state';
COMMENT ON FUNCTION @extschema@.risk_state_recv(internal) IS 'internal: binary input of risk_state (checked for consistency)';
COMMENT ON FUNCTION @extschema@.risk_state_send(@extschema@.risk_state) IS 'internal: binary output of risk_state';

CREATE TYPE @extschema@.risk_summary AS (
	n bigint,
	weighted_n float8,
	effective_n float8,
	any_prevalence float8,
	any_ci_low float8,
	any_ci_high float8,
	mean_score float8,
	score_ci_low float8,
	score_ci_high float8,
	high_share float8,
	coverage float8,
	suppressed boolean,
	codes text[],
	known_n bigint[],
	prevalence float8[],
	prevalence_ci_low float8[],
	prevalence_ci_high float8[]
);
COMMENT ON TYPE @extschema@.risk_summary IS
'result of risk_profile: counts, Kish effective n, any-indicator prevalence with Wilson 95% CI, mean score with 95% CI, high-risk share, coverage, suppression flag, per-indicator prevalences';

CREATE FUNCTION @extschema@._risk_profile_sfunc(@extschema@.risk_state, @extschema@.risk_flags)
RETURNS @extschema@.risk_state AS 'MODULE_PATHNAME', 'risk_profile_sfunc' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._risk_profile_sfunc(@extschema@.risk_state, @extschema@.risk_flags, float8)
RETURNS @extschema@.risk_state AS 'MODULE_PATHNAME', 'risk_profile_sfunc' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._risk_profile_sfunc(@extschema@.risk_state, @extschema@.risk_flags, float8, text)
RETURNS @extschema@.risk_state AS 'MODULE_PATHNAME', 'risk_profile_sfunc' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._risk_profile_minvfunc(@extschema@.risk_state, @extschema@.risk_flags)
RETURNS @extschema@.risk_state AS 'MODULE_PATHNAME', 'risk_profile_minvfunc' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._risk_profile_minvfunc(@extschema@.risk_state, @extschema@.risk_flags, float8)
RETURNS @extschema@.risk_state AS 'MODULE_PATHNAME', 'risk_profile_minvfunc' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._risk_profile_minvfunc(@extschema@.risk_state, @extschema@.risk_flags, float8, text)
RETURNS @extschema@.risk_state AS 'MODULE_PATHNAME', 'risk_profile_minvfunc' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._risk_state_combine(@extschema@.risk_state, @extschema@.risk_state)
RETURNS @extschema@.risk_state AS 'MODULE_PATHNAME', 'risk_state_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.risk_state_summary(@extschema@.risk_state)
RETURNS @extschema@.risk_summary AS 'MODULE_PATHNAME', 'risk_state_summary' LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@._risk_profile_sfunc(@extschema@.risk_state, @extschema@.risk_flags) IS 'internal: transition function of risk_profile';
COMMENT ON FUNCTION @extschema@._risk_profile_sfunc(@extschema@.risk_state, @extschema@.risk_flags, float8) IS 'internal: transition function of risk_profile';
COMMENT ON FUNCTION @extschema@._risk_profile_sfunc(@extschema@.risk_state, @extschema@.risk_flags, float8, text) IS 'internal: transition function of risk_profile';
COMMENT ON FUNCTION @extschema@._risk_profile_minvfunc(@extschema@.risk_state, @extschema@.risk_flags) IS 'internal: exact inverse transition of risk_profile (moving windows)';
COMMENT ON FUNCTION @extschema@._risk_profile_minvfunc(@extschema@.risk_state, @extschema@.risk_flags, float8) IS 'internal: exact inverse transition of risk_profile (moving windows)';
COMMENT ON FUNCTION @extschema@._risk_profile_minvfunc(@extschema@.risk_state, @extschema@.risk_flags, float8, text) IS 'internal: exact inverse transition of risk_profile (moving windows)';
COMMENT ON FUNCTION @extschema@._risk_state_combine(@extschema@.risk_state, @extschema@.risk_state) IS 'internal: combine function of risk_profile (parallel query, Citus) and transition of risk_profile_union';
COMMENT ON FUNCTION @extschema@.risk_state_summary(@extschema@.risk_state) IS
'the risk_summary of a stored partial state (suppressed below migrisk.min_cell_size)';

CREATE AGGREGATE @extschema@.risk_profile(@extschema@.risk_flags) (
	SFUNC = @extschema@._risk_profile_sfunc, STYPE = @extschema@.risk_state,
	INITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	FINALFUNC = @extschema@.risk_state_summary, COMBINEFUNC = @extschema@._risk_state_combine,
	MSFUNC = @extschema@._risk_profile_sfunc, MINVFUNC = @extschema@._risk_profile_minvfunc,
	MSTYPE = @extschema@.risk_state, MFINALFUNC = @extschema@.risk_state_summary,
	MINITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.risk_profile(@extschema@.risk_flags, float8) (
	SFUNC = @extschema@._risk_profile_sfunc, STYPE = @extschema@.risk_state,
	INITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	FINALFUNC = @extschema@.risk_state_summary, COMBINEFUNC = @extschema@._risk_state_combine,
	MSFUNC = @extschema@._risk_profile_sfunc, MINVFUNC = @extschema@._risk_profile_minvfunc,
	MSTYPE = @extschema@.risk_state, MFINALFUNC = @extschema@.risk_state_summary,
	MINITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.risk_profile(@extschema@.risk_flags, float8, text) (
	SFUNC = @extschema@._risk_profile_sfunc, STYPE = @extschema@.risk_state,
	INITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	FINALFUNC = @extschema@.risk_state_summary, COMBINEFUNC = @extschema@._risk_state_combine,
	MSFUNC = @extschema@._risk_profile_sfunc, MINVFUNC = @extschema@._risk_profile_minvfunc,
	MSTYPE = @extschema@.risk_state, MFINALFUNC = @extschema@.risk_state_summary,
	MINITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.risk_profile(@extschema@.risk_flags) IS
'risk_summary of the records (weight 1, model default)';
COMMENT ON AGGREGATE @extschema@.risk_profile(@extschema@.risk_flags, float8) IS
'survey-weighted risk_summary of the records under model default (NULL weight skips the row)';
COMMENT ON AGGREGATE @extschema@.risk_profile(@extschema@.risk_flags, float8, text) IS
'survey-weighted risk_summary of the records under the named model';

CREATE AGGREGATE @extschema@.risk_profile_state(@extschema@.risk_flags) (
	SFUNC = @extschema@._risk_profile_sfunc, STYPE = @extschema@.risk_state,
	INITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	COMBINEFUNC = @extschema@._risk_state_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.risk_profile_state(@extschema@.risk_flags, float8) (
	SFUNC = @extschema@._risk_profile_sfunc, STYPE = @extschema@.risk_state,
	INITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	COMBINEFUNC = @extschema@._risk_state_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.risk_profile_state(@extschema@.risk_flags, float8, text) (
	SFUNC = @extschema@._risk_profile_sfunc, STYPE = @extschema@.risk_state,
	INITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	COMBINEFUNC = @extschema@._risk_state_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.risk_profile_state(@extschema@.risk_flags) IS
'the partial state of risk_profile, to store and roll up (not suppressed: keep it from BI roles)';
COMMENT ON AGGREGATE @extschema@.risk_profile_state(@extschema@.risk_flags, float8) IS
'the partial state of risk_profile, to store and roll up (not suppressed: keep it from BI roles)';
COMMENT ON AGGREGATE @extschema@.risk_profile_state(@extschema@.risk_flags, float8, text) IS
'the partial state of risk_profile, to store and roll up (not suppressed: keep it from BI roles)';

CREATE AGGREGATE @extschema@.risk_profile_union(@extschema@.risk_state) (
	SFUNC = @extschema@._risk_state_combine, STYPE = @extschema@.risk_state,
	INITCOND = '1:0000000000000000:0000000000000000:0:0:0:0:0:0:0:0',
	COMBINEFUNC = @extschema@._risk_state_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.risk_profile_union(@extschema@.risk_state) IS
'roll stored risk_state partials up into one state (exact: equals the state of all their records)';

CREATE FUNCTION @extschema@.indicator_prevalence(s @extschema@.risk_summary)
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
COMMENT ON FUNCTION @extschema@.indicator_prevalence(@extschema@.risk_summary) IS
'one row per registered indicator: weighted prevalence among records where it is known, with Wilson 95% CI';

-- plain accessors for BI tools that cannot expand composites
CREATE FUNCTION @extschema@.summary_n(s @extschema@.risk_summary) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT s.n $$;
CREATE FUNCTION @extschema@.summary_any_prevalence(s @extschema@.risk_summary) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT s.any_prevalence $$;
CREATE FUNCTION @extschema@.summary_mean_score(s @extschema@.risk_summary) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT s.mean_score $$;
CREATE FUNCTION @extschema@.summary_prevalence(s @extschema@.risk_summary, code text) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT s.prevalence[pg_catalog.array_position(s.codes, code)] $$;
COMMENT ON FUNCTION @extschema@.summary_n(@extschema@.risk_summary) IS 'records in the summary (NULL when suppressed)';
COMMENT ON FUNCTION @extschema@.summary_any_prevalence(@extschema@.risk_summary) IS 'weighted share with any model indicator';
COMMENT ON FUNCTION @extschema@.summary_mean_score(@extschema@.risk_summary) IS 'weighted mean score';
COMMENT ON FUNCTION @extschema@.summary_prevalence(@extschema@.risk_summary, text) IS 'weighted prevalence of one indicator among records where it is known';
