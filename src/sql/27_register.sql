-- migrisk install script: the person register, a linkage that lives for
-- years.  Records arrive in batches; each batch is linked within itself and
-- against every record already held (the blocking and comparison of
-- link_records, a stored model), attached best-first to a person or made a
-- new one; person ids are never reused, merges are logged and can be
-- undone, reviewers' decisions are never overridden.
-- Reference: docs/reference.md ("Person register"); in plain words:
-- docs/linkage.md ("Person register").

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
