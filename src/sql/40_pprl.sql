-- Privacy-preserving record linkage: keyed Bloom-filter encodings (CLK),
-- Dice similarity, blocking keys, keys and a one-call linkage workflow.
-- docs/reference.md documents every object; docs/privacy.md says what
-- the encodings protect and what they do not.

-- ---- the clk type ----

CREATE TYPE @extschema@.clk;

CREATE FUNCTION @extschema@.clk_in(cstring) RETURNS @extschema@.clk
AS 'MODULE_PATHNAME', 'clk_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.clk_out(@extschema@.clk) RETURNS cstring
AS 'MODULE_PATHNAME', 'clk_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.clk_recv(internal) RETURNS @extschema@.clk
AS 'MODULE_PATHNAME', 'clk_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.clk_send(@extschema@.clk) RETURNS bytea
AS 'MODULE_PATHNAME', 'clk_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.clk (
	INPUT = @extschema@.clk_in,
	OUTPUT = @extschema@.clk_out,
	RECEIVE = @extschema@.clk_recv,
	SEND = @extschema@.clk_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE @extschema@.clk IS
'keyed Bloom-filter encoding (CLK) of a record for privacy-preserving linkage: 64 to 8192 bits, a multiple of 64 (1024 by default); text form base64';
COMMENT ON FUNCTION @extschema@.clk_in(cstring) IS 'clk text input (base64); internal';
COMMENT ON FUNCTION @extschema@.clk_out(@extschema@.clk) IS 'clk text output (base64); internal';
COMMENT ON FUNCTION @extschema@.clk_recv(internal) IS 'clk binary input (version byte, length in bits, filter bytes); internal';
COMMENT ON FUNCTION @extschema@.clk_send(@extschema@.clk) IS 'clk binary output (version byte, length in bits, filter bytes); internal';

CREATE FUNCTION @extschema@.clk_eq(@extschema@.clk, @extschema@.clk) RETURNS boolean
AS 'MODULE_PATHNAME', 'clk_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.clk_ne(@extschema@.clk, @extschema@.clk) RETURNS boolean
AS 'MODULE_PATHNAME', 'clk_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.clk_hash(@extschema@.clk) RETURNS integer
AS 'MODULE_PATHNAME', 'clk_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.clk_eq(@extschema@.clk, @extschema@.clk) IS 'same length and the same bits; internal, the = operator';
COMMENT ON FUNCTION @extschema@.clk_ne(@extschema@.clk, @extschema@.clk) IS 'not clk_eq; internal, the <> operator';
COMMENT ON FUNCTION @extschema@.clk_hash(@extschema@.clk) IS 'hash of the filter bytes; internal, the hash operator class';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.clk, RIGHTARG = @extschema@.clk,
	PROCEDURE = @extschema@.clk_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.clk, RIGHTARG = @extschema@.clk,
	PROCEDURE = @extschema@.clk_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR CLASS @extschema@.clk_hash_ops
DEFAULT FOR TYPE @extschema@.clk USING hash AS
	OPERATOR 1 @extschema@.= ,
	FUNCTION 1 @extschema@.clk_hash(@extschema@.clk);

-- ---- similarity ----

CREATE FUNCTION @extschema@.dice(@extschema@.clk, @extschema@.clk) RETURNS float8
AS 'MODULE_PATHNAME', 'clk_dice_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.dice(@extschema@.clk, @extschema@.clk) IS
'Dice coefficient 2|A and B| / (|A| + |B|) of two encodings of the same length (0 when both are empty)';

CREATE FUNCTION @extschema@.clk_dice_match(@extschema@.clk, @extschema@.clk) RETURNS boolean
AS 'MODULE_PATHNAME', 'clk_dice_match' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.clk_dice_match(@extschema@.clk, @extschema@.clk) IS
'dice(a, b) >= migrisk.pprl_threshold; the % operator';

CREATE OPERATOR @extschema@.% (
	LEFTARG = @extschema@.clk, RIGHTARG = @extschema@.clk,
	PROCEDURE = @extschema@.clk_dice_match,
	COMMUTATOR = OPERATOR(@extschema@.%),
	RESTRICT = contsel, JOIN = contjoinsel
);
COMMENT ON OPERATOR @extschema@.% (@extschema@.clk, @extschema@.clk) IS
'Dice similarity at least migrisk.pprl_threshold (default 0.8)';

CREATE FUNCTION @extschema@.clk_length(@extschema@.clk) RETURNS integer
AS 'MODULE_PATHNAME', 'clk_length' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.clk_length(@extschema@.clk) IS 'length of the encoding in bits';

CREATE FUNCTION @extschema@.clk_popcount(@extschema@.clk) RETURNS integer
AS 'MODULE_PATHNAME', 'clk_popcount_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.clk_popcount(@extschema@.clk) IS 'number of bits set in the encoding';

CREATE FUNCTION @extschema@.clk_blocking_keys(@extschema@.clk, bands integer DEFAULT 32,
	bits_per_band integer DEFAULT 12) RETURNS int8[]
AS 'MODULE_PATHNAME', 'clk_blocking_keys_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.clk_blocking_keys(@extschema@.clk, integer, integer) IS
'bit-sampling LSH blocking keys: one int8 per band, (band << 40) | the sampled bits; equal keys make a candidate pair';

-- ---- keys ----

CREATE TABLE @extschema@.pprl_key (
	name text PRIMARY KEY,
	secret bytea NOT NULL,
	created timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON @extschema@.pprl_key FROM PUBLIC;
COMMENT ON TABLE @extschema@.pprl_key IS
'secrets of the PPRL encodings, by name; readable by no role but its owner unless an administrator grants SELECT (to roles that encode)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.pprl_key', '');
CREATE TRIGGER _config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.pprl_key
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._config_changed();

CREATE FUNCTION @extschema@.pprl_set_key(name text, secret text, replace boolean DEFAULT false)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	s bytea;
BEGIN
	-- never quote the secret: not in a message, not in a detail
	IF name IS NULL OR name = '' THEN
		RAISE EXCEPTION 'PPRL key name must not be empty'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF secret IS NULL THEN
		RAISE EXCEPTION 'secret for PPRL key "%" must not be null', name
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	s := convert_to(secret, 'UTF8');
	IF octet_length(s) < 16 THEN
		RAISE EXCEPTION 'secret for PPRL key "%" is too short', name
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'The secret must have at least 16 bytes.',
			      HINT = 'Use 32 random bytes, e.g. encode(gen_random_bytes(32), ''hex'') from pgcrypto.';
	END IF;
	IF replace IS TRUE THEN
		UPDATE @extschema@.pprl_key k SET secret = s, created = now() WHERE k.name = pprl_set_key.name;
		IF FOUND THEN
			RETURN;
		END IF;
	END IF;
	INSERT INTO @extschema@.pprl_key AS k (name, secret) VALUES (pprl_set_key.name, s)
	ON CONFLICT ON CONSTRAINT pprl_key_pkey DO NOTHING;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'PPRL key "%" already exists', name
			USING ERRCODE = 'duplicate_object',
			      HINT = 'Pass replace => true to replace it; encodings made with the old secret no longer match new ones.';
	END IF;
END
$fn$;
COMMENT ON FUNCTION @extschema@.pprl_set_key(text, text, boolean) IS
'store the secret of a PPRL key (needs INSERT, and UPDATE for replace, on migrisk.pprl_key); an existing key is an error unless replace is true';

CREATE FUNCTION @extschema@.pprl_drop_key(name text) RETURNS boolean
LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
BEGIN ATOMIC
	WITH d AS (DELETE FROM @extschema@.pprl_key k WHERE k.name = pprl_drop_key.name RETURNING 1)
	SELECT count(*) > 0 FROM d;
END;
COMMENT ON FUNCTION @extschema@.pprl_drop_key(text) IS
'delete a PPRL key (needs DELETE on migrisk.pprl_key); true if it existed';

-- ---- encoding ----

CREATE FUNCTION @extschema@.clk_encode(key_name text, VARIADIC fields text[])
RETURNS @extschema@.clk
AS 'MODULE_PATHNAME', 'clk_encode' LANGUAGE C STABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION @extschema@.clk_encode(text, text[]) IS
'1024-bit keyed Bloom-filter encoding of the fields (each auto: a date if it is one, else a name), k = round(1024 ln 2 / (8 n)) hashes per token; the key is read from migrisk.pprl_key with the caller''s rights';

CREATE FUNCTION @extschema@.clk_encode_spec(key_name text, spec text, VARIADIC fields text[])
RETURNS @extschema@.clk
AS 'MODULE_PATHNAME', 'clk_encode_spec' LANGUAGE C STABLE STRICT PARALLEL SAFE COST 1000;
COMMENT ON FUNCTION @extschema@.clk_encode_spec(text, text, text[]) IS
'keyed Bloom-filter encoding with per-field parameters, e.g. spec ''bits=1024, name:20, name/200, digits/100, date:12'' (kinds auto, name, given, text, date, exact, digits; kind:k hashes per token, kind/B a budget of B hashes spread over the field''s tokens)';

-- ---- linkage ----

CREATE FUNCTION @extschema@._pprl_greedy(left_ids int8[], right_ids int8[], scores float8[],
	OUT left_id int8, OUT right_id int8, OUT score float8)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'pprl_greedy' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@._pprl_greedy(int8[], int8[], float8[]) IS
'greedy one-to-one assignment of scored candidate pairs, best score first; internal, used by pprl_link';

CREATE FUNCTION @extschema@.pprl_link(left_table regclass, right_table regclass,
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
COMMENT ON FUNCTION @extschema@.pprl_link(regclass, regclass, float8, text, text, integer, integer) IS
'one-to-one links between two tables of encodings (columns id and clk by default): candidate pairs share a blocking key, score = dice >= threshold, greedy by score';
