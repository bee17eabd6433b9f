-- catalog.sql: every member of extension :'ext' as one JSON document, for
-- test/docs/reference.py (psql -At -v ext=NAME -f catalog.sql).  Names of
-- types are printed as format_type prints them under the search_path the
-- caller set (the extension's schema first, then PostGIS's), so they read
-- as an analyst writes them: route_segment, geometry, double precision.
WITH ext AS (
	SELECT e.oid, e.extnamespace, e.extconfig, e.extcondition
	FROM pg_extension e WHERE e.extname = :'ext'
),
members AS (
	SELECT d.classid, d.objid
	FROM pg_depend d, ext
	WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid
	  AND d.deptype = 'e'
),
-- functions that exist to support another object: type I/O, operator
-- class support, aggregate transition/final/combine/serial functions and
-- the functions of operators that belong to an operator family (=, <, ...)
support AS (
	SELECT t.typinput::oid AS f FROM members m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	UNION SELECT t.typoutput FROM members m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	UNION SELECT t.typreceive FROM members m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	UNION SELECT t.typsend FROM members m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	UNION SELECT t.typmodin FROM members m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	UNION SELECT t.typmodout FROM members m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	UNION SELECT t.typanalyze FROM members m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	UNION SELECT ap.amproc FROM members m JOIN pg_amproc ap ON m.classid = 'pg_opfamily'::regclass AND ap.amprocfamily = m.objid
	UNION SELECT o.oprcode FROM members m JOIN pg_amop ao ON m.classid = 'pg_opfamily'::regclass AND ao.amopfamily = m.objid
		JOIN pg_operator o ON o.oid = ao.amopopr
	-- and the negators of those (<>)
	UNION SELECT n.oprcode FROM members m JOIN pg_amop ao ON m.classid = 'pg_opfamily'::regclass AND ao.amopfamily = m.objid
		JOIN pg_operator o ON o.oid = ao.amopopr JOIN pg_operator n ON n.oid = o.oprnegate
	UNION SELECT x.f FROM members m JOIN pg_aggregate a ON m.classid = 'pg_proc'::regclass AND a.aggfnoid = m.objid,
		LATERAL (VALUES (a.aggtransfn::oid), (a.aggfinalfn), (a.aggcombinefn), (a.aggserialfn),
			(a.aggdeserialfn), (a.aggmtransfn), (a.aggminvtransfn), (a.aggmfinalfn)) x(f)
),
procs AS (
	SELECT json_build_object(
		'class', 'function',
		'oid', p.oid,
		'name', p.proname,
		'kind', p.prokind,
		'identargs', (SELECT coalesce(string_agg(format_type(t, NULL), ',' ORDER BY i), '')
			FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, i)),
		'argtypes', (SELECT coalesce(json_agg(format_type(t, NULL) ORDER BY i), '[]')
			FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, i)),
		'argnames', coalesce(to_json(p.proargnames), '[]'),
		'args', pg_get_function_arguments(p.oid),
		'result', pg_get_function_result(p.oid),
		'nargs', p.pronargs,
		'ndefaults', p.pronargdefaults,
		'volatility', p.provolatile,
		'strict', p.proisstrict,
		'parallel', p.proparallel,
		'leakproof', p.proleakproof,
		'secdef', p.prosecdef,
		'cost', p.procost,
		'rows', p.prorows,
		'retset', p.proretset,
		'config', coalesce(to_json(p.proconfig), '[]'),
		'language', l.lanname,
		'support', p.oid IN (SELECT f FROM support),
		'comment', obj_description(p.oid, 'pg_proc'),
		'agg', (SELECT json_build_object(
				'transfn', nullif(a.aggtransfn::oid, 0)::regproc::text,
				'finalfn', nullif(a.aggfinalfn::oid, 0)::regproc::text,
				'combinefn', nullif(a.aggcombinefn::oid, 0)::regproc::text,
				'serialfn', nullif(a.aggserialfn::oid, 0)::regproc::text,
				'deserialfn', nullif(a.aggdeserialfn::oid, 0)::regproc::text,
				'msfunc', nullif(a.aggmtransfn::oid, 0)::regproc::text,
				'minvfunc', nullif(a.aggminvtransfn::oid, 0)::regproc::text,
				'mfinalfn', nullif(a.aggmfinalfn::oid, 0)::regproc::text,
				'stype', format_type(a.aggtranstype, NULL),
				'initcond', a.agginitval,
				'kind', a.aggkind)
			FROM pg_aggregate a WHERE a.aggfnoid = p.oid)) AS j
	FROM members m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
	JOIN pg_language l ON l.oid = p.prolang
),
types AS (
	SELECT json_build_object(
		'class', 'type',
		'oid', t.oid,
		'name', t.typname,
		'typtype', t.typtype,
		'len', t.typlen,
		'byval', t.typbyval,
		'align', t.typalign,
		'storage', t.typstorage,
		'io', json_build_array(nullif(t.typinput::oid, 0)::regproc::text, nullif(t.typoutput::oid, 0)::regproc::text,
			nullif(t.typreceive::oid, 0)::regproc::text, nullif(t.typsend::oid, 0)::regproc::text),
		'fields', (SELECT json_agg(json_build_array(a.attname, format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
			FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped),
		'comment', obj_description(t.oid, 'pg_type')) AS j
	FROM members m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	-- array types go with their element, a table's row type with its table
	-- (from 17 on both are members of the extension too)
	WHERE t.typcategory <> 'A'
	  AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
),
rels AS (
	SELECT json_build_object(
		'class', 'relation',
		'oid', c.oid,
		'name', c.relname,
		'relkind', c.relkind,
		'columns', (SELECT json_agg(json_build_array(a.attname, format_type(a.atttypid, a.atttypmod),
				a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid), a.attgenerated <> '') ORDER BY a.attnum)
			FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
			WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
		'primary_key', (SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k
			WHERE k.conrelid = c.oid AND k.contype = 'p'),
		'config', (SELECT coalesce(ext.extcondition[i], '') FROM ext, generate_subscripts(ext.extconfig, 1) i
			WHERE ext.extconfig[i] = c.oid),
		'comment', obj_description(c.oid, 'pg_class')) AS j
	FROM members m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
),
opers AS (
	SELECT json_build_object(
		'class', 'operator',
		'oid', o.oid,
		'name', o.oprname,
		'left', CASE WHEN o.oprleft = 0 THEN NULL ELSE format_type(o.oprleft, NULL) END,
		'right', format_type(o.oprright, NULL),
		'result', format_type(o.oprresult, NULL),
		'code', o.oprcode::oid,
		'commutator', nullif(o.oprcom::oid, 0)::regoperator::text,
		'negator', nullif(o.oprnegate::oid, 0)::regoperator::text,
		'comment', obj_description(o.oid, 'pg_operator')) AS j
	FROM members m JOIN pg_operator o ON m.classid = 'pg_operator'::regclass AND o.oid = m.objid
),
casts AS (
	SELECT json_build_object(
		'class', 'cast',
		'oid', c.oid,
		'source', format_type(c.castsource, NULL),
		'target', format_type(c.casttarget, NULL),
		'func', nullif(c.castfunc, 0),
		'context', c.castcontext,
		'comment', obj_description(c.oid, 'pg_cast')) AS j
	FROM members m JOIN pg_cast c ON m.classid = 'pg_cast'::regclass AND c.oid = m.objid
),
opclasses AS (
	SELECT json_build_object(
		'class', 'opclass',
		'oid', oc.oid,
		'name', oc.opcname,
		'am', am.amname,
		'type', format_type(oc.opcintype, NULL),
		'default', oc.opcdefault,
		'family', f.opfname) AS j
	FROM members m JOIN pg_opclass oc ON m.classid = 'pg_opclass'::regclass AND oc.oid = m.objid
	JOIN pg_am am ON am.oid = oc.opcmethod JOIN pg_opfamily f ON f.oid = oc.opcfamily
),
opfamilies AS (
	SELECT json_build_object(
		'class', 'opfamily',
		'oid', f.oid,
		'name', f.opfname,
		'am', am.amname) AS j
	FROM members m JOIN pg_opfamily f ON m.classid = 'pg_opfamily'::regclass AND f.oid = m.objid
	JOIN pg_am am ON am.oid = f.opfmethod
),
others AS (
	-- anything else the extension owns is reported as it is, so it cannot
	-- go unnoticed
	SELECT json_build_object(
		'class', 'other',
		'oid', m.objid,
		'name', pg_describe_object(m.classid, m.objid, 0)) AS j
	FROM members m
	WHERE m.classid NOT IN ('pg_proc'::regclass, 'pg_type'::regclass, 'pg_class'::regclass,
		'pg_operator'::regclass, 'pg_cast'::regclass, 'pg_opclass'::regclass, 'pg_opfamily'::regclass)
)
SELECT json_build_object(
	'schema', (SELECT extnamespace::regnamespace::text FROM ext),
	'objects', coalesce((SELECT json_agg(j) FROM (
		SELECT j FROM procs UNION ALL SELECT j FROM types UNION ALL SELECT j FROM rels
		UNION ALL SELECT j FROM opers UNION ALL SELECT j FROM casts
		UNION ALL SELECT j FROM opclasses UNION ALL SELECT j FROM opfamilies
		UNION ALL SELECT j FROM others) s), '[]'));
