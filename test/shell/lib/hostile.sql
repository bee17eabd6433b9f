-- hostile.sql: plant look-alikes of built-in functions, aggregates and
-- operators in schema public, the schema PostGIS lives in and so the one on
-- every search path migrisk meets (its install script runs with
-- "migrisk, public"; callers' paths usually start with public).
--
-- A look-alike never has a signature that already exists -- those could
-- not win over pg_catalog -- but a NEIGHBOUR one: one argument's type
-- replaced by another of its family (int4 for numeric, varchar for text,
-- timestamp for timestamptz, ...).  Overload resolution prefers an exact
-- match, so unqualified calls with such arguments go to the look-alike:
-- the CVE-2018-1058 attack.  Each look-alike records the call (a sequence,
-- which survives rollback) and warns "HOSTILE ..." with its call stack,
-- then returns NULL.
--
-- Input: psql variable names, a comma-separated list of function names to
-- imitate (the ones migrisk's install script calls, plus common ones).
-- Calls whose top-level statement itself names the function (so the
-- caller may be the test's own SQL, not migrisk) are only counted in
-- public.hostile_ambiguous.

CREATE SEQUENCE public.hostile_hits;
CREATE SEQUENCE public.hostile_ambiguous;
CREATE SEQUENCE public.hostile_objects;

CREATE FUNCTION public._hostile_hit(what text, token text, is_op boolean, ctx text)
RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	q text := coalesce(current_query(), '');
BEGIN
	-- a test's own helper in pg_temp calling a look-alike is the test's
	-- business, not migrisk's
	IF ctx !~* 'migrisk' AND (
		ctx ~ 'function pg_temp_[0-9]+\.' OR
		(is_op AND strpos(q, token) > 0) OR
		(NOT is_op AND q ~* ('(^|[^a-z0-9_])' || token || '\s*\(')))
	THEN
		PERFORM nextval('public.hostile_ambiguous');
		RETURN;
	END IF;
	PERFORM nextval('public.hostile_hits');
	RAISE WARNING 'HOSTILE % called by: %', what, replace(ctx, E'\n', ' <- ')
		USING DETAIL = 'statement: ' || left(q, 300);
END $$;

SELECT set_config('hostile.names', :'names', false) IS NOT NULL AS names_set;

DO $gen$
DECLARE
	fams text[][] := ARRAY[
		ARRAY['int2', 'int4', 'int8', 'float4', 'float8', 'numeric'],
		ARRAY['text', 'varchar', 'bpchar', 'name', 'text', 'text'],
		ARRAY['date', 'timestamp', 'timestamptz', 'date', 'date', 'date']];
	names text[] := string_to_array(current_setting('hostile.names'), ',');
	ops text[] := ARRAY['=', '<>', '<', '>', '<=', '>=', '+', '-', '*', '/', '%', '||', '~~', '@>', '<@', '&&'];
	p record;
	o record;
	args text[];
	alt text[];
	i int;
	f int;
	t text;
	k int := 0;
	sig text;
BEGIN
	-- functions and one-argument aggregates
	FOR p IN
		SELECT pr.proname, pr.prokind, pr.prorettype::regtype::text AS ret,
			array(SELECT format_type(a, NULL) FROM unnest(pr.proargtypes) a) AS argtypes,
			array(SELECT ty.typname::text FROM unnest(pr.proargtypes) WITH ORDINALITY a(oid, n)
				  JOIN pg_type ty ON ty.oid = a.oid ORDER BY n) AS argnames
		FROM pg_proc pr
		WHERE pr.pronamespace IN ('pg_catalog'::regnamespace, 'public'::regnamespace)
		  AND pr.proname = ANY (names)
		  AND pr.prokind IN ('f', 'a') AND NOT pr.proretset
		  AND pr.pronargs BETWEEN 1 AND 3
		  AND NOT EXISTS (SELECT 1 FROM unnest(pr.proargtypes) a JOIN pg_type ty ON ty.oid = a
						  WHERE ty.typtype = 'p')
		  AND (SELECT typtype FROM pg_type WHERE oid = pr.prorettype) <> 'p'
	LOOP
		args := p.argnames;
		FOR i IN 1 .. array_length(args, 1) LOOP
			FOR f IN 1 .. 3 LOOP
				CONTINUE WHEN NOT args[i] = ANY (fams[f:f]);
				FOREACH t IN ARRAY fams[f:f] LOOP
					CONTINUE WHEN t = args[i];
					alt := args;
					alt[i] := t;
					CONTINUE WHEN p.prokind = 'a' AND array_length(alt, 1) <> 1;
					-- only signatures nobody has
					CONTINUE WHEN EXISTS (
						SELECT 1 FROM pg_proc q
						WHERE q.proname = p.proname
						  AND q.pronamespace IN ('pg_catalog'::regnamespace, 'public'::regnamespace)
						  AND q.proargtypes = array_to_string(array(SELECT x::regtype::oid FROM unnest(alt) x), ' ')::oidvector);
					sig := format('%s(%s)', p.proname, array_to_string(alt, ', '));
					IF p.prokind = 'a' THEN
						k := k + 1;
						EXECUTE format($f$CREATE FUNCTION public._hostile_sfunc_%s(%s, %s) RETURNS %s
							LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $b$
							DECLARE ctx text;
							BEGIN
								GET DIAGNOSTICS ctx = PG_CONTEXT;
								PERFORM public._hostile_hit(%L, %L, false, ctx);
								RETURN $1;
							END $b$$f$, k, alt[1], alt[1], alt[1], 'aggregate ' || sig, p.proname);
						EXECUTE format('CREATE AGGREGATE public.%I(%s) (sfunc = public._hostile_sfunc_%s, stype = %s)',
									   p.proname, alt[1], k, alt[1]);
					ELSE
						EXECUTE format($f$CREATE FUNCTION public.%I(%s) RETURNS %s
							LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $b$
							DECLARE ctx text;
							BEGIN
								GET DIAGNOSTICS ctx = PG_CONTEXT;
								PERFORM public._hostile_hit(%L, %L, false, ctx);
								RETURN NULL;
							END $b$$f$, p.proname, array_to_string(alt, ', '), p.ret, sig, p.proname);
					END IF;
					PERFORM nextval('public.hostile_objects');
				END LOOP;
			END LOOP;
		END LOOP;
	END LOOP;

	-- binary operators between members of the families
	FOR o IN
		SELECT op.oprname, lt.typname::text AS l, rt.typname::text AS r,
			op.oprresult::regtype::text AS ret
		FROM pg_operator op
		JOIN pg_type lt ON lt.oid = op.oprleft
		JOIN pg_type rt ON rt.oid = op.oprright
		WHERE op.oprnamespace = 'pg_catalog'::regnamespace AND op.oprkind = 'b'
		  AND op.oprname = ANY (ops)
		  AND lt.typname::text = ANY (fams[1:3]) AND rt.typname::text = ANY (fams[1:3])
	LOOP
		FOR i IN 1 .. 2 LOOP
			FOR f IN 1 .. 3 LOOP
				CONTINUE WHEN NOT (CASE i WHEN 1 THEN o.l ELSE o.r END) = ANY (fams[f:f]);
				FOREACH t IN ARRAY fams[f:f] LOOP
					alt := ARRAY[o.l, o.r];
					CONTINUE WHEN t = alt[i];
					alt[i] := t;
					CONTINUE WHEN EXISTS (
						SELECT 1 FROM pg_operator q
						WHERE q.oprname = o.oprname
						  AND q.oprnamespace IN ('pg_catalog'::regnamespace, 'public'::regnamespace)
						  AND q.oprleft = alt[1]::regtype AND q.oprright = alt[2]::regtype);
					k := k + 1;
					sig := format('operator %s(%s, %s)', o.oprname, alt[1], alt[2]);
					EXECUTE format($f$CREATE FUNCTION public._hostile_op_%s(%s, %s) RETURNS %s
						LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $b$
						DECLARE ctx text;
						BEGIN
							GET DIAGNOSTICS ctx = PG_CONTEXT;
							PERFORM public._hostile_hit(%L, %L, true, ctx);
							RETURN NULL;
						END $b$$f$, k, alt[1], alt[2], o.ret, sig, o.oprname);
					EXECUTE format('CREATE OPERATOR public.%s (leftarg = %s, rightarg = %s, function = public._hostile_op_%s)',
								   o.oprname, alt[1], alt[2], k);
					PERFORM nextval('public.hostile_objects');
				END LOOP;
			END LOOP;
		END LOOP;
	END LOOP;
END
$gen$;

-- Polymorphic built-ins (array_agg, unnest, ||, && and <> on arrays,
-- array_position, format, jsonb_build_object, ...) have no concrete
-- signature in pg_catalog, so the generator above, which only varies
-- concrete types, skips them; yet any concretely typed look-alike, such as
-- public.array_position(text[], text), beats the polymorphic function for
-- an unqualified call whatever the path order.  One look-alike per
-- polymorphic built-in and argument type migrisk's SQL bodies use.  The
-- boolean operators return true (a capture then flips an answer: e.g.
-- risk_flags_from_htcds marks every indicator yes), the rest NULL or no
-- rows.
DO $poly$
DECLARE
	f text[];
	funcs text[][] := ARRAY[
		-- name, arguments, result, returned value
		ARRAY['unnest', 'text[]', 'SETOF text', ''],
		ARRAY['unnest', 'bigint[]', 'SETOF bigint', ''],
		ARRAY['unnest', 'float8[]', 'SETOF float8', ''],
		ARRAY['array_position', 'text[], text', 'integer', 'NULL'],
		ARRAY['format', 'text, text', 'text', 'NULL'],
		ARRAY['format', 'text, text, text', 'text', 'NULL'],
		ARRAY['format', 'text, integer, integer', 'text', 'NULL'],
		ARRAY['format', 'text, text, text, text, text, text, text, text', 'text', 'NULL'],
		ARRAY['jsonb_build_object', 'text, numeric', 'jsonb', 'NULL'],
		ARRAY['jsonb_build_array', 'integer, integer', 'jsonb', 'NULL']];
	aggs text[][] := ARRAY[
		-- name, argument, state
		ARRAY['array_agg', 'text', 'text[]'],
		ARRAY['array_agg', 'boolean', 'boolean[]'],
		ARRAY['array_agg', 'float8', 'float8[]']];
	ops text[][] := ARRAY[
		-- operator, left, right, result, returned value
		ARRAY['&&', 'text[]', 'text[]', 'boolean', 'true'],
		ARRAY['<>', 'text[]', 'text[]', 'boolean', 'true'],
		ARRAY['||', 'text[]', 'text[]', 'text[]', 'NULL'],
		ARRAY['||', 'text', 'bigint', 'text', 'NULL']];
	k int := 0;
	sig text;
BEGIN
	FOREACH f SLICE 1 IN ARRAY funcs LOOP
		sig := pg_catalog.format('%s(%s)', f[1], f[2]);
		EXECUTE pg_catalog.format($f$CREATE FUNCTION public.%I(%s) RETURNS %s
			LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $b$
			DECLARE ctx text;
			BEGIN
				GET DIAGNOSTICS ctx = PG_CONTEXT;
				PERFORM public._hostile_hit(%L, %L, false, ctx);
				RETURN %s;
			END $b$$f$, f[1], f[2], f[3], sig, f[1], f[4]);
		PERFORM nextval('public.hostile_objects');
	END LOOP;
	FOREACH f SLICE 1 IN ARRAY aggs LOOP
		k := k + 1;
		sig := pg_catalog.format('aggregate %s(%s)', f[1], f[2]);
		EXECUTE pg_catalog.format($f$CREATE FUNCTION public._hostile_poly_sfunc_%s(%s, %s) RETURNS %s
			LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $b$
			DECLARE ctx text;
			BEGIN
				GET DIAGNOSTICS ctx = PG_CONTEXT;
				PERFORM public._hostile_hit(%L, %L, false, ctx);
				RETURN $1;
			END $b$$f$, k, f[3], f[2], f[3], sig, f[1]);
		EXECUTE pg_catalog.format('CREATE AGGREGATE public.%I(%s) (sfunc = public._hostile_poly_sfunc_%s, stype = %s)',
					   f[1], f[2], k, f[3]);
		PERFORM nextval('public.hostile_objects');
	END LOOP;
	FOREACH f SLICE 1 IN ARRAY ops LOOP
		k := k + 1;
		sig := pg_catalog.format('operator %s(%s, %s)', f[1], f[2], f[3]);
		EXECUTE pg_catalog.format($f$CREATE FUNCTION public._hostile_poly_op_%s(%s, %s) RETURNS %s
			LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $b$
			DECLARE ctx text;
			BEGIN
				GET DIAGNOSTICS ctx = PG_CONTEXT;
				PERFORM public._hostile_hit(%L, %L, true, ctx);
				RETURN %s;
			END $b$$f$, k, f[2], f[3], f[4], sig, f[1], f[5]);
		EXECUTE pg_catalog.format('CREATE OPERATOR public.%s (leftarg = %s, rightarg = %s, function = public._hostile_poly_op_%s)',
					   f[1], f[2], f[3], k);
		PERFORM nextval('public.hostile_objects');
	END LOOP;
END
$poly$;

SELECT last_value AS hostile_objects FROM public.hostile_objects;
