-- catalog.sql: a sorted, comparable description of every object that
-- belongs to extension :'ext' -- what an upgraded install must share with a
-- fresh one.  One line per object property; OIDs never appear, only names.
-- Used by test/shell/upgrade.sh (psql -v ext=NAME -At -f catalog.sql).
WITH members AS (
	SELECT d.classid, d.objid
	FROM pg_depend d
	WHERE d.refclassid = 'pg_extension'::regclass
	  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = :'ext')
	  AND d.deptype = 'e'
),
lines AS (
	-- every member, with its comment and (where it has one) its owner-free ACL
	SELECT pg_describe_object(m.classid, m.objid, 0) || ' | comment: ' ||
		coalesce(obj_description(m.objid, m.classid::regclass::name), '(none)') AS line
	FROM members m
	UNION ALL
	SELECT format('%s | %s returns %s%s | kind %s volatility %s parallel %s strict %s secdef %s leakproof %s cost %s rows %s | language %s | src %s | bin %s | config %s | acl %s',
		p.oid::regprocedure, p.proname, CASE WHEN p.proretset THEN 'setof ' ELSE '' END,
		format_type(p.prorettype, NULL), p.prokind, p.provolatile, p.proparallel,
		p.proisstrict, p.prosecdef, p.proleakproof, p.procost, p.prorows,
		l.lanname, md5(coalesce(p.prosrc, '')), coalesce(p.probin, ''),
		coalesce(p.proconfig::text, ''), coalesce(p.proacl::text, ''))
	FROM members m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
	JOIN pg_language l ON l.oid = p.prolang
	UNION ALL
	SELECT format('argnames %s: %s defaults %s', p.oid::regprocedure,
		coalesce(p.proargnames::text, ''), coalesce(pg_get_expr(p.proargdefaults, 0), ''))
	FROM members m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
	UNION ALL
	SELECT format('aggregate %s: sfunc %s stype %s sspace %s final %s extra %s modify %s combine %s serial %s deserial %s msfunc %s minv %s mstype %s mfinal %s init %s minit %s sortop %s kind %s',
		a.aggfnoid::regprocedure, a.aggtransfn, format_type(a.aggtranstype, NULL), a.aggtransspace,
		a.aggfinalfn, a.aggfinalextra, a.aggfinalmodify, a.aggcombinefn, a.aggserialfn,
		a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn, format_type(a.aggmtranstype, NULL),
		a.aggmfinalfn, coalesce(a.agginitval, '(null)'), coalesce(a.aggminitval, '(null)'),
		a.aggsortop::regoperator, a.aggkind)
	FROM members m JOIN pg_aggregate a ON m.classid = 'pg_proc'::regclass AND a.aggfnoid = m.objid
	UNION ALL
	SELECT format('type %s: type %s len %s byval %s align %s storage %s category %s preferred %s delim %s in %s out %s recv %s send %s modin %s modout %s analyze %s subscript %s elem %s notnull %s basetype %s default %s collatable %s acl %s',
		format_type(t.oid, NULL), t.typtype, t.typlen, t.typbyval, t.typalign, t.typstorage,
		t.typcategory, t.typispreferred, t.typdelim, t.typinput, t.typoutput, t.typreceive,
		t.typsend, t.typmodin, t.typmodout, t.typanalyze, t.typsubscript,
		format_type(t.typelem, NULL), t.typnotnull, format_type(t.typbasetype, NULL),
		coalesce(t.typdefault, ''), t.typcollation <> 0, coalesce(t.typacl::text, ''))
	FROM members m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	UNION ALL
	SELECT format('enum %s: %s', format_type(e.enumtypid, NULL), string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder))
	FROM members m JOIN pg_enum e ON m.classid = 'pg_type'::regclass AND e.enumtypid = m.objid
	GROUP BY e.enumtypid
	UNION ALL
	SELECT format('operator %s: code %s result %s commutator %s negator %s restrict %s join %s hashes %s merges %s',
		o.oid::regoperator, o.oprcode, format_type(o.oprresult, NULL), o.oprcom::regoperator,
		o.oprnegate::regoperator, o.oprrest, o.oprjoin, o.oprcanhash, o.oprcanmerge)
	FROM members m JOIN pg_operator o ON m.classid = 'pg_operator'::regclass AND o.oid = m.objid
	UNION ALL
	SELECT format('cast %s -> %s: function %s context %s method %s',
		format_type(c.castsource, NULL), format_type(c.casttarget, NULL),
		CASE WHEN c.castfunc = 0 THEN '-' ELSE c.castfunc::regprocedure::text END,
		c.castcontext, c.castmethod)
	FROM members m JOIN pg_cast c ON m.classid = 'pg_cast'::regclass AND c.oid = m.objid
	UNION ALL
	SELECT format('opclass %s: family %s type %s default %s key %s',
		pg_describe_object('pg_opclass'::regclass, oc.oid, 0),
		pg_describe_object('pg_opfamily'::regclass, oc.opcfamily, 0),
		format_type(oc.opcintype, NULL), oc.opcdefault, format_type(oc.opckeytype, NULL))
	FROM members m JOIN pg_opclass oc ON m.classid = 'pg_opclass'::regclass AND oc.oid = m.objid
	UNION ALL
	-- operator family members belong to the family, not the extension
	SELECT format('%s: %s', pg_describe_object('pg_opfamily'::regclass, f.oid, 0),
		pg_describe_object('pg_amop'::regclass, ao.oid, 0))
	FROM members m JOIN pg_opfamily f ON m.classid = 'pg_opfamily'::regclass AND f.oid = m.objid
	JOIN pg_amop ao ON ao.amopfamily = f.oid
	UNION ALL
	SELECT format('%s: %s', pg_describe_object('pg_opfamily'::regclass, f.oid, 0),
		pg_describe_object('pg_amproc'::regclass, ap.oid, 0))
	FROM members m JOIN pg_opfamily f ON m.classid = 'pg_opfamily'::regclass AND f.oid = m.objid
	JOIN pg_amproc ap ON ap.amprocfamily = f.oid
	UNION ALL
	SELECT format('relation %s: kind %s persistence %s acl %s rls %s options %s',
		c.oid::regclass, c.relkind, c.relpersistence, coalesce(c.relacl::text, ''),
		c.relrowsecurity, coalesce(c.reloptions::text, ''))
	FROM members m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
	UNION ALL
	SELECT format('column %s.%s: %s notnull %s default %s comment %s', c.oid::regclass, a.attname,
		format_type(a.atttypid, a.atttypmod), a.attnotnull,
		coalesce(pg_get_expr(ad.adbin, ad.adrelid), ''),
		coalesce(col_description(c.oid, a.attnum), '(none)'))
	FROM members m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
	JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
	UNION ALL
	SELECT format('constraint %s on %s: %s', co.conname, co.conrelid::regclass, pg_get_constraintdef(co.oid))
	FROM members m JOIN pg_constraint co ON m.classid = 'pg_class'::regclass AND co.conrelid = m.objid
	UNION ALL
	SELECT format('index on %s: %s', i.indrelid::regclass,
		regexp_replace(pg_get_indexdef(i.indexrelid), 'INDEX \S+ ON', 'INDEX ON'))
	FROM members m JOIN pg_index i ON m.classid = 'pg_class'::regclass AND i.indrelid = m.objid
	UNION ALL
	SELECT format('view %s: %s', c.oid::regclass, pg_get_viewdef(c.oid))
	FROM members m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
	WHERE c.relkind IN ('v', 'm')
	UNION ALL
	SELECT format('trigger %s on %s: %s', tg.tgname, tg.tgrelid::regclass, pg_get_triggerdef(tg.oid))
	FROM members m JOIN pg_trigger tg ON m.classid = 'pg_class'::regclass AND tg.tgrelid = m.objid
	WHERE NOT tg.tgisinternal
	UNION ALL
	SELECT format('config dump %s: %s', x.c::regclass, x.cond)
	FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(c, cond)
	WHERE e.extname = :'ext'
	UNION ALL
	SELECT format('extension %s: schema %s relocatable %s', e.extname, e.extnamespace::regnamespace, e.extrelocatable)
	FROM pg_extension e WHERE e.extname = :'ext'
)
SELECT line FROM lines ORDER BY line COLLATE "C";
