#!/usr/bin/env python3
"""docs/reference.md from the installed catalog.

Regenerate (builds, installs, runs this in a throwaway cluster):

    make reference

By hand, inside a cluster where migrisk is installable (PGHOST etc. set):

    python3 test/docs/reference.py --write docs/reference.md   # rewrite
    python3 test/docs/reference.py --check docs/reference.md   # test/shell/reference.sh

The generator creates a scratch database, runs CREATE EXTENSION migrisk
CASCADE, and reads every member of the extension (pg_depend) from the
catalog: functions, aggregates, types, tables, operators, casts, operator
classes and families.  Each public function, aggregate, type and table has
an entry in docs/reference.md:

    ### `migrisk.name(args) → result`            <- generated heading
    <!-- catalog: function migrisk.name(types) -->
    IMMUTABLE · STRICT · PARALLEL SAFE · C       <- generated labels
    > the COMMENT                                 <- generated comment
    <!-- /catalog -->

    hand-written prose, examples, errors          <- kept as it is

Only the heading and the lines between the catalog markers are generated;
everything else in the file is hand-written and kept.  A hand-written entry
without markers, in the house style ("### `migrisk.name(args) → type`",
"### Type `migrisk.name`", "### Table `migrisk.name`"), is matched to its
object by name and arguments and gets its generated lines on the next
--write.  A public object without any entry gets a new one in the chapter of
the src/sql file that creates it (after the entries of the same name, else
before the chapter's "<!-- catalog: more -->" line).  Operators and casts are
listed in the entry of their function, operator classes in the entry of
their type; private helpers (names starting with "_"), type I/O, operator
class and aggregate support functions, and the operators of operator
classes, are listed compactly in the generated section "Internal objects".

--check fails (exit 1) when an object of the installed extension has no
entry, when an entry names no object, or when the file differs from what
--write would make of it (a diff is printed).  It also fails when a link
"(#anchor)" inside the page leads to no heading, when the hand-written prose
of an entry states a volatility, STRICT or PARALLEL label the catalog does
not have, and when an object has no COMMENT or objects of different names
share one.  --write reports the same problems (exit 1) but writes the file.  Python 3 standard
library and psql only.
"""

import argparse
import difflib
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
EXT = os.environ.get('MIGRISK_EXTENSION', 'migrisk')

MORE = '<!-- catalog: more -->'
INTERNAL_BEGIN = '<!-- catalog: internal -->'
INTERNAL_END = '<!-- /catalog: internal -->'
BLOCK_END = '<!-- /catalog -->'
BLOCK_RE = re.compile(r'^<!-- catalog: ((?:function|aggregate|procedure|type|table|view) \S.*) -->$')
HEADING_RE = re.compile(r'^(#{2,6}) (.*)$')

# chapters of the page, by the src/sql file that creates an object
CHAPTERS = [
	('00_', 'Core'),
	('10_', 'Route segments and journeys'),
	('12_', 'Route segments and journeys'),
	('14_', 'Route segments and journeys'),
	('20_', 'Linkage'),
	('25_', 'Probabilistic linkage'),
	('26_', 'Probabilistic linkage'),
	('27_', 'Probabilistic linkage'),
	('30_', 'Trafficking-risk indicators'),
	('35_', 'Design-based estimation'),
	('40_', 'Privacy-preserving linkage'),
	('50_', 'Real-data loaders'),
]
OTHER_CHAPTER = 'Other objects'

SHORT_TYPES = [
	('double precision', 'float8'),
	('timestamp with time zone', 'timestamptz'),
	('timestamp without time zone', 'timestamp'),
	('bigint', 'int8'),
	('character varying', 'varchar'),
]
TYPE_ALIASES = {
	'float8': 'double precision', 'float': 'double precision', 'float4': 'real',
	'int': 'integer', 'int4': 'integer', 'int8': 'bigint', 'int2': 'smallint',
	'bool': 'boolean', 'timestamptz': 'timestamp with time zone',
	'varchar': 'character varying',
}
VOLATILITY = {'i': 'IMMUTABLE', 's': 'STABLE', 'v': 'VOLATILE'}
PARALLEL = {'s': 'PARALLEL SAFE', 'r': 'PARALLEL RESTRICTED', 'u': 'PARALLEL UNSAFE'}
LANGUAGE = {'c': 'C', 'sql': 'SQL', 'plpgsql': 'PL/pgSQL', 'internal': 'internal'}
STORAGE = {'p': 'plain', 'e': 'external', 'm': 'main', 'x': 'extended'}
ALIGN = {'c': 'char', 's': 'int2', 'i': 'int4', 'd': 'double'}
MAX_HEADING = 160


def short(s):
	for long_name, short_name in SHORT_TYPES:
		s = re.sub(r'\b%s\b' % long_name, short_name, s)
	return s


def clean_args(s):
	"""pg_get_function_arguments as one writes it: casts of defaults dropped."""
	s = re.sub(r"('(?:[^']|'')*')::[a-z][a-z ]*(\[\])?", r'\1', s)
	s = re.sub(r"(DEFAULT \(?-?[0-9.e]+\)?)::[a-z][a-z ]*", r'\1', s)
	s = re.sub(r"DEFAULT NULL::[a-z][a-z ]*(\[\])?", 'DEFAULT NULL', s)
	s = re.sub(r"DEFAULT \((-?[0-9.e]+)\)", r'DEFAULT \1', s)
	return short(s)


def psql(db, *args):
	cmd = ['psql', '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', db] + list(args)
	r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
	if r.returncode != 0:
		sys.stderr.write(r.stderr)
		raise SystemExit('reference: psql failed: %s' % ' '.join(cmd))
	return r.stdout


def read_catalog():
	"""Every member of a fresh CREATE EXTENSION ... CASCADE, as a dict."""
	db = 'migrisk_reference_%d' % os.getpid()
	psql('postgres', '-c', 'CREATE DATABASE %s' % db)
	try:
		psql(db, '-c', 'SET client_min_messages = warning; CREATE EXTENSION %s CASCADE' % EXT)
		path = psql(db, '-c', """SELECT string_agg(quote_ident(n.nspname), ', ' ORDER BY e.extname <> '%s', e.extname)
			FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
			WHERE e.extname IN ('%s', 'postgis')""" % (EXT, EXT)).strip()
		out = psql(db, '-v', 'ext=%s' % EXT, '-c', 'SET search_path = %s, pg_catalog' % path,
			'-f', os.path.join(HERE, 'catalog.sql')).strip().splitlines()[-1]
	finally:
		psql('postgres', '-c', 'DROP DATABASE IF EXISTS %s' % db)
	return json.loads(out)


def source_files():
	"""name -> src/sql file that creates it (first one wins)."""
	where = {}
	pat = re.compile(r'CREATE\s+(?:OR\s+REPLACE\s+)?(?:FUNCTION|AGGREGATE|PROCEDURE|TYPE|TABLE|VIEW)\s+'
		r'(?:@extschema@\.|%s\.|%%\d\$s\.)?"?([A-Za-z_][A-Za-z0-9_]*)' % EXT, re.I)
	for f in sorted(glob.glob(os.path.join(TOP, 'src', 'sql', '*.sql'))):
		with open(f, encoding='utf-8') as fh:
			for m in pat.finditer(fh.read()):
				where.setdefault(m.group(1).lower(), (os.path.basename(f), m.start()))
	return where


class Catalog:
	def __init__(self, data):
		self.schema = data['schema']
		objs = sorted(data['objects'], key=lambda o: (o['class'], str(o.get('name')), o.get('identargs', ''), str(o.get('left')),
			str(o.get('right')), str(o.get('source')), str(o.get('target')), str(o.get('am'))))
		self.procs = [o for o in objs if o['class'] == 'function']
		self.types = [o for o in objs if o['class'] == 'type']
		self.rels = [o for o in objs if o['class'] == 'relation']
		self.opers = [o for o in objs if o['class'] == 'operator']
		self.casts = [o for o in objs if o['class'] == 'cast']
		self.opclasses = [o for o in objs if o['class'] == 'opclass']
		self.opfamilies = [o for o in objs if o['class'] == 'opfamily']
		self.others = [o for o in objs if o['class'] == 'other']
		self.proc_by_oid = {p['oid']: p for p in self.procs}
		for p in self.procs:
			p['ident'] = '%s %s.%s(%s)' % (self.proc_kind(p), self.schema, p['name'], p['identargs'])
			p['internal'] = p['name'].startswith('_') or p['support']
			p['opers'] = []
			p['casts'] = []
		for t in self.types:
			t['ident'] = 'type %s.%s' % (self.schema, t['name'])
			t['internal'] = t['name'].startswith('_')
		for r in self.rels:
			r['ident'] = '%s %s.%s' % ('view' if r['relkind'] == 'v' else 'table', self.schema, r['name'])
			r['internal'] = r['name'].startswith('_')
		# an operator or cast is shown with its function when that function
		# has an entry of its own, else in the internal section
		self.loose_opers = []
		for o in self.opers:
			f = self.proc_by_oid.get(o['code'])
			if f is not None and not f['internal']:
				f['opers'].append(o)
			else:
				self.loose_opers.append(o)
		self.loose_casts = []
		for c in self.casts:
			f = self.proc_by_oid.get(c['func'])
			if f is not None and not f['internal']:
				f['casts'].append(c)
			else:
				self.loose_casts.append(c)
		self.entries = [o for o in self.procs + self.types + self.rels]
		self.by_ident = {o['ident']: o for o in self.entries}

	@staticmethod
	def proc_kind(p):
		return {'a': 'aggregate', 'p': 'procedure', 'w': 'function'}.get(p['kind'], 'function')


# ----------------------------------------------------------------------
# generated text

def oper_text(o):
	if o['left']:
		return '%s %s %s' % (short(o['left']), o['name'], short(o['right']))
	return '%s %s' % (o['name'], short(o['right']))


def in_out_args(p):
	"""(input arguments, result) as written, OUT arguments moved into the result."""
	parts = split_top(clean_args(p['args']))
	outs = [a[4:] for a in parts if a.startswith('OUT ')]
	ins = [a for a in parts if not a.startswith('OUT ')]
	result = clean_args(p['result'])
	if outs:
		result = ('SETOF ' if p['retset'] else '') + '(%s)' % ', '.join(outs)
	return ins, result


def proc_heading(cat, p):
	"""The heading and whether it leaves out part of the signature."""
	name = '%s.%s' % (cat.schema, p['name'])
	ins, result = in_out_args(p)
	full = ', '.join(ins)
	nodefaults = ', '.join(re.sub(r' DEFAULT .*$', '', a) for a in ins)
	types = ', '.join(short(t) for t in p['argtypes'])
	m = re.match(r'^(SETOF |TABLE)\((.*)\)$', result)
	results = [result]
	if m:
		results.append('%s(%s)' % (m.group(1), ', '.join(c.split(' ')[0] for c in split_top(m.group(2)))))
	for args in (full, nodefaults, types):
		for res in results:
			h = '`%s(%s) → %s`' % (name, args, res)
			if len(h) <= MAX_HEADING:
				return h, args != full or res != result
	return '`%s(…) → %s`' % (name, results[-1] if len(results[-1]) < 60 else '…'), True


def heading_for(cat, o):
	if o['class'] == 'function':
		return proc_heading(cat, o)
	if o['class'] == 'type':
		return 'Type `%s.%s`' % (cat.schema, o['name']), False
	return '%s `%s.%s`' % ('View' if o['relkind'] == 'v' else 'Table', cat.schema, o['name']), False


def proc_labels(p):
	parts = []
	if p['kind'] == 'a':
		parts.append('aggregate')
	elif p['kind'] == 'p':
		parts.append('procedure')
	if p['kind'] != 'a':
		parts.append(VOLATILITY[p['volatility']])
		parts.append('STRICT' if p['strict'] else 'called on NULL input')
	parts.append(PARALLEL[p['parallel']])
	if p['leakproof']:
		parts.append('LEAKPROOF')
	if p['secdef']:
		parts.append('SECURITY DEFINER')
	for c in p['config']:
		parts.append('SET %s' % c.replace('=', ' = ', 1))
	default_cost = 1 if p['language'] in ('c', 'internal') else 100
	if p['kind'] != 'a' and float(p['cost']) != default_cost:
		parts.append('COST %g' % float(p['cost']))
	if p['retset'] and float(p['rows']) != 1000:
		parts.append('ROWS %g' % float(p['rows']))
	if p['kind'] != 'a':
		parts.append(LANGUAGE.get(p['language'], p['language']))
	return ' · '.join(parts)


def comment_lines(o):
	c = o.get('comment')
	if c is None:
		return ['> (no COMMENT)']
	return ['> ' + line if line else '>' for line in c.split('\n')]


def proc_block(cat, p, abbreviated):
	lines = [proc_labels(p), '']
	lines += comment_lines(p)
	if abbreviated:
		ins, result = in_out_args(p)
		lines += ['', '```', '%s.%s(' % (cat.schema, p['name'])]
		for i, a in enumerate(ins):
			lines.append('    %s%s' % (a, ',' if i < len(ins) - 1 else ''))
		lines += [') → %s' % result, '```']
	a = p.get('agg')
	if a:
		sup = ['state `%s`' % short(a['stype'])]
		if a['initcond'] is not None and len(a['initcond']) <= 40:
			sup[0] += " (initially `'%s'`)" % a['initcond']
		for key, what in (('transfn', 'transition'), ('finalfn', 'final'), ('combinefn', 'combine'),
				('serialfn', 'serial'), ('deserialfn', 'deserial'), ('msfunc', 'moving transition'),
				('minvfunc', 'inverse transition'), ('mfinalfn', 'moving final')):
			if a[key]:
				sup.append('%s `%s`' % (what, a[key].split('.')[-1]))
		lines += ['', 'Aggregate support: ' + ', '.join(sup) + '.']
	for o in sorted(p['opers'], key=lambda o: oper_text(o)):
		extra = []
		if o['commutator']:
			com = o['commutator'].split('(')[0].split('.')[-1]
			extra.append('commutative' if com == o['name'] else 'commutator `%s`' % com)
		if o['negator']:
			extra.append('negator `%s`' % o['negator'].split('(')[0].split('.')[-1])
		lines += ['', 'Operator `%s → %s`%s.' % (oper_text(o), short(o['result']),
			' (%s)' % ', '.join(extra) if extra else '')]
	for c in sorted(p['casts'], key=lambda c: c['target']):
		ctx = {'e': 'explicit', 'a': 'in assignment', 'i': 'implicit'}[c['context']]
		lines += ['', 'Cast `%s::%s` (%s).' % (short(c['source']), short(c['target']), ctx)]
	return lines


def type_block(cat, t):
	if t['typtype'] == 'c':
		lines = ['composite type', '']
	elif t['typtype'] == 'b':
		size = 'variable length' if t['len'] == -1 else '%d bytes' % t['len']
		lines = ['base type · %s · passed by %s · alignment %s · storage %s' % (
			size, 'value' if t['byval'] else 'reference', ALIGN[t['align']], STORAGE[t['storage']]), '']
	else:
		lines = ['%s type' % {'e': 'enum', 'd': 'domain', 'r': 'range', 'm': 'multirange'}.get(t['typtype'], t['typtype']), '']
	lines += comment_lines(t)
	if t['fields']:
		lines += ['', 'Fields: ' + ', '.join('`%s %s`' % (n, short(ty)) for n, ty in t['fields']) + '.']
	io = t['io']
	if t['typtype'] == 'b':
		lines += ['', 'Text I/O `%s`, `%s`; binary I/O %s.' % (io[0], io[1],
			'`%s`, `%s`' % (io[2], io[3]) if io[2] and io[3] else 'none')]
	own = [o for o in cat.opers if o['left'] == t['name'] and o['right'] == t['name']]
	if own:
		names = []
		for o in own:
			if o['name'] not in names:
				names.append(o['name'])
		lines += ['', 'Operators on two `%s`: %s.' % (t['name'], ' '.join('`%s`' % n for n in names))]
	ocs = sorted((o for o in cat.opclasses if o['type'] == t['name']), key=lambda o: (o['am'], o['name']))
	if ocs:
		lines += ['', 'Operator classes: %s, each in an operator family of the same name.' % ', '.join(
			'`%s` (%s%s)' % (o['name'], o['am'], ', default' if o['default'] else '') for o in ocs)]
	return lines


def rel_block(cat, r):
	lines = ['view' if r['relkind'] == 'v' else 'table', '']
	lines += comment_lines(r)
	cols = []
	for name, ty, notnull, default, generated in r['columns'] or []:
		c = '`%s %s`' % (name, short(ty))
		if generated:
			c += ' (generated)'
		cols.append(c)
	lines += ['', 'Columns: ' + ', '.join(cols) + '.']
	if r['primary_key']:
		lines += ['', '`%s`.' % r['primary_key']]
	if r['config'] is not None:
		if r['config']:
			lines += ['', 'Configuration table: `pg_dump` dumps its rows `%s`.' % r['config']]
		else:
			lines += ['', 'Configuration table: `pg_dump` dumps all its rows.']
	return lines


def block_for(cat, o, abbreviated):
	if o['class'] == 'function':
		body = proc_block(cat, o, abbreviated)
	elif o['class'] == 'type':
		body = type_block(cat, o)
	else:
		body = rel_block(cat, o)
	return ['<!-- catalog: %s -->' % o['ident']] + body + [BLOCK_END]


def internal_section(cat, placed, chapter_of):
	"""The generated list of objects without an entry of their own."""
	groups = {}
	for p in cat.procs:
		if p['internal'] and p['ident'] not in placed:
			label = proc_labels(p)
			sig = '`%s.%s(%s) → %s`' % (cat.schema, p['name'], short(p['identargs'].replace(',', ', ')),
				clean_args(p['result']))
			groups.setdefault(chapter_of(p['name']), []).append(
				(p['name'], p['identargs'], '- %s — %s — %s' % (sig, label, p['comment'] or '(no COMMENT)')))
	for o in cat.loose_opers:
		f = cat.proc_by_oid.get(o['code'])
		fname = f['name'] if f else '?'
		ch = chapter_of(fname) if f else OTHER_CHAPTER
		groups.setdefault(ch, []).append(('~' + o['name'], oper_text(o), '- operator `%s → %s` — function `%s`%s' % (
			oper_text(o), short(o['result']), fname, ' — ' + o['comment'] if o['comment'] else '')))
	for c in cat.loose_casts:
		groups.setdefault(OTHER_CHAPTER, []).append(('~cast', c['source'], '- cast `%s::%s`' % (
			short(c['source']), short(c['target']))))
	for o in cat.others:
		groups.setdefault(OTHER_CHAPTER, []).append(('~other', o['name'], '- %s' % o['name']))
	for t in cat.types + cat.rels:
		if t['internal'] and t['ident'] not in placed:
			groups.setdefault(chapter_of(t['name']), []).append((t['name'], '', '- %s — %s' % (t['ident'], t['comment'])))
	lines = [INTERNAL_BEGIN]
	# several src/sql files may share a chapter: each title once
	order = list(dict.fromkeys([title for _, title in CHAPTERS] + [OTHER_CHAPTER]))
	for title in order:
		if title not in groups:
			continue
		lines += ['', '**%s**' % title, '']
		lines += [row for _, _, row in sorted(groups[title], key=lambda r: (r[0].startswith('~'), r[0], r[1]))]
	lines += ['', INTERNAL_END]
	return lines


def split_top(s):
	"""Split an argument list at the commas outside parentheses and quotes."""
	parts, depth, cur, quote = [], 0, '', False
	for ch in s:
		if quote:
			cur += ch
			if ch == "'":
				quote = False
			continue
		if ch == "'":
			quote = True
		elif ch in '([':
			depth += 1
		elif ch in ')]':
			depth -= 1
		elif ch == ',' and depth == 0:
			parts.append(cur.strip())
			cur = ''
			continue
		cur += ch
	if cur.strip():
		parts.append(cur.strip())
	return parts


# ----------------------------------------------------------------------
# reading the page

class Entry:
	def __init__(self, level, heading):
		self.level = level
		self.heading = heading
		self.body = []              # hand-written lines after the heading
		self.ident = None           # from the catalog marker, if any
		self.obj = None


def parse(lines):
	"""The page as a list of items: ('text', line) and ('entry', Entry)."""
	items = []
	i = 0
	n = len(lines)
	while i < n:
		line = lines[i]
		if line == INTERNAL_BEGIN:
			j = i
			while j < n and lines[j] != INTERNAL_END:
				j += 1
			items.append(('internal', None))
			i = j + 1
			continue
		m = HEADING_RE.match(line)
		if not m or not looks_like_entry(m.group(2), lines, i):
			items.append(('text', line))
			i += 1
			continue
		e = Entry(m.group(1), m.group(2))
		i += 1
		# the generated block, if there is one, right after the heading
		k = i
		while k < n and lines[k] == '':
			k += 1
		if k < n:
			b = BLOCK_RE.match(lines[k])
			if b:
				e.ident = b.group(1)
				j = k
				while j < n and lines[j] != BLOCK_END:
					j += 1
				i = j + 1
		while i < n and not HEADING_RE.match(lines[i]) and lines[i] not in (INTERNAL_BEGIN, MORE):
			e.body.append(lines[i])
			i += 1
		items.append(('entry', e))
	return items


NAME_RE = r'[A-Za-z_][A-Za-z0-9_]*'


def looks_like_entry(text, lines, i):
	"""A heading that documents one object (or has a catalog marker)."""
	j = i + 1
	while j < len(lines) and lines[j] == '':
		j += 1
	if j < len(lines) and BLOCK_RE.match(lines[j]):
		return True
	if text.startswith('Setting '):
		return False
	return re.search(r'`(?:%s\.)?%s\(' % (EXT, NAME_RE), text) is not None and '`%s.' % EXT in text \
		or re.match(r'(?:Type|Table|View) `%s\.%s[`( ]' % (EXT, NAME_RE), text) is not None \
		or re.match(r'`%s\.%s`' % (EXT, NAME_RE), text) is not None


def norm_type(t):
	t = t.strip().lower()
	t = re.sub(r'^%s\.' % EXT, '', t)
	t = re.sub(r'\s+', ' ', t)
	arr = t.endswith('[]')
	base = t[:-2].strip() if arr else t
	base = TYPE_ALIASES.get(base, base)
	return base + ('[]' if arr else '')


def heading_args_match(args, p):
	"""Does each written argument fit the function's argument (name and/or type)?"""
	names = p['argnames'] or []
	for i, a in enumerate(args):
		a = re.sub(r'\s+DEFAULT\s+.*$', '', a, flags=re.I)
		a = re.sub(r'^(VARIADIC|IN)\s+', '', a, flags=re.I).strip()
		if a in ('…', '...'):
			return True
		want = norm_type(p['argtypes'][i])
		name = names[i] if i < len(names) else ''
		words = a.split()
		if a == name:
			continue
		if norm_type(a) == want:
			continue
		if len(words) >= 2 and norm_type(' '.join(words[1:])) == want:
			continue
		return False
	return True


def match_heading(cat, e, claimed):
	"""The object a hand-written heading names: (object, None) or (None, why)."""
	text = e.heading
	m = re.match(r'(?:Type|Table|View) `%s\.(%s)[`( ]' % (EXT, NAME_RE), text) \
		or re.match(r'`%s\.(%s)`' % (EXT, NAME_RE), text)
	if m:
		cands = [o for o in cat.types + cat.rels if o['name'] == m.group(1)]
		cands = [o for o in cands if o['ident'] not in claimed]
		return (cands[0], None) if cands else (None, 'no type or table %s' % m.group(1))
	m = re.search(r'`%s\.(%s)\((.*?)\)(?: →[^`]*)?`' % (EXT, NAME_RE), text)
	if not m:
		m = re.search(r'`%s\.(%s)\((.*)$' % (EXT, NAME_RE), text)
	if not m:
		return None, 'no function named'
	name, argtext = m.group(1), m.group(2)
	same = [p for p in cat.procs if p['name'] == name and p['ident'] not in claimed]
	if not same:
		if any(p['name'] == name for p in cat.procs):
			return None, 'every %s already has an entry' % name
		return None, 'no function or aggregate %s' % name
	# optional parts in brackets name further overloads: match the shortest
	base = argtext
	while True:
		b2 = re.sub(r'\[[^\[\]]+\]', '', base)
		if b2 == base:
			break
		base = b2
	args = split_top(base) if base.strip() else []
	if args in (['…'], ['...']):
		return (same[0], None) if len(same) == 1 else (None, 'several functions %s' % name)
	fits = [p for p in same if p['nargs'] == len(args) and heading_args_match(args, p)]
	if len(fits) == 1:
		return fits[0], None
	if not fits:
		fits = [p for p in same if p['nargs'] - p['ndefaults'] <= len(args) <= p['nargs']
			and heading_args_match(args, p)]
		if len(fits) == 1:
			return fits[0], None
	if len(same) == 1 and not fits:
		return None, 'arguments (%s) do not fit %s' % (argtext, same[0]['ident'])
	return None, 'no single function %s(%s) among %d' % (name, argtext, len(same))


# ----------------------------------------------------------------------
# merging

def merge(cat, lines):
	items = parse(lines)
	problems = []
	claimed = {}
	entries = [e for kind, e in items if kind == 'entry']
	before = 0
	# entries with a valid marker first, then hand-written headings
	for e in entries:
		if e.ident and e.ident in cat.by_ident:
			if e.ident in claimed:
				problems.append('extra: a second entry for %s ("%s")' % (e.ident, e.heading))
				continue
			e.obj = cat.by_ident[e.ident]
			claimed[e.ident] = e
	unmatched = []
	for e in entries:
		if e.obj is not None or (e.ident and e.ident in claimed and claimed[e.ident] is not e and e.ident in cat.by_ident):
			continue
		obj, why = match_heading(cat, e, claimed)
		if obj is None:
			unmatched.append((e, why))
			continue
		e.obj = obj
		claimed[obj['ident']] = e
	# an entry whose object changed its arguments since the last --write
	# (its marker names the old signature) takes the one object of that
	# name and kind still without an entry
	for e, why in unmatched:
		if e.ident:
			left = [o for o in cat.entries if o['ident'] not in claimed and o['ident'].split('(')[0] == e.ident.split('(')[0]]
			if len(left) == 1:
				e.obj = left[0]
				claimed[left[0]['ident']] = e
				continue
		problems.append('extra: entry "%s" names no object of the extension (%s)%s' % (
			e.heading, why, '; its marker says %s' % e.ident if e.ident else ''))
	before = len(claimed)

	where = source_files()

	def chapter_of(name):
		f = where.get(name.lower(), ('', 0))[0]
		for prefix, title in CHAPTERS:
			if f.startswith(prefix):
				return title
		return OTHER_CHAPTER

	for e in entries:
		if e.obj is not None and e.obj['class'] == 'function':
			problems += prose_disagrees(e)
	problems += comment_problems(cat)
	missing = [o for o in cat.entries if not o['internal'] and o['ident'] not in claimed]
	missing.sort(key=lambda o: (where.get(o['name'].lower(), ('~', 0)), o['name'], o.get('identargs', '')))
	for o in missing:
		problems.append('missing: %s has no entry' % o['ident'])

	# lay the page out again
	out = []
	chapter_titles = []       # (index in out, title) of every "## " line
	last_of_name = {}         # name -> index in out after its last entry
	more_at = {}              # chapter title -> index in out of its MORE line
	internal_at = None
	current = None

	def chapter_key(title):
		for _, t in CHAPTERS + [(None, OTHER_CHAPTER)]:
			if title.startswith(t):
				return t
		return None

	for kind, x in items:
		if kind == 'text':
			m = HEADING_RE.match(x)
			if m and len(m.group(1)) == 2:
				current = chapter_key(m.group(2))
				chapter_titles.append((len(out), current))
			if x == MORE:
				more_at[current] = len(out)
			out.append(x)
		elif kind == 'internal':
			internal_at = len(out)
			out.append(None)
		else:
			e = x
			if e.obj is None:
				# reported as extra; its stale generated lines are dropped
				out.append('%s %s' % (e.level, e.heading))
				out.extend(e.body)
				continue
			out.extend(render_entry(cat, e.obj, e.level, e.body))
			last_of_name[e.obj['name']] = (len(out), e.level)
	# new entries, inserted from the bottom up so indices stay valid
	inserts = []
	for o in missing:
		ch = chapter_of(o['name'])
		if o['name'] in last_of_name:
			at, level = last_of_name[o['name']]
		elif ch in more_at:
			at, level = more_at[ch], '###'
		else:
			at, level = None, '###'
			starts = [i for i, t in chapter_titles if t == ch]
			if starts:
				later = [i for i, _ in chapter_titles if i > starts[0]]
				at = later[0] if later else (internal_at if internal_at is not None else len(out))
		inserts.append((at, ch, o, level))
	tail_new = {}
	for _, (at, ch, o, level) in sorted(enumerate(x for x in inserts if x[0] is not None), key=lambda x: (-x[1][0], -x[0])):
		out[at:at] = render_entry(cat, o, level, [''])
	for at, ch, o, level in inserts:
		if at is None:
			tail_new.setdefault(ch, []).append(o)
	if tail_new:
		extra = []
		for ch, objs in tail_new.items():
			extra += ['## %s' % ch, '']
			for o in objs:
				extra += render_entry(cat, o, '###', [''])
		pos = out.index(None) if None in out else len(out)
		if None in out:
			# before the internal section's own heading
			while pos > 0 and not (out[pos - 1] or '').startswith('## '):
				pos -= 1
			pos = max(pos - 1, 0)
		out[pos:pos] = extra
	placed = set(claimed) | {o['ident'] for o in missing}
	internal = internal_section(cat, placed, chapter_of)
	if None in out:
		i = out.index(None)
		out[i:i + 1] = internal
	else:
		out += ['', '## Internal objects', ''] + internal
	# every member is shown somewhere: a self-check of the generator
	text = '\n'.join(out)
	for o in cat.opers:
		if '`%s → ' % oper_text(o) not in text:
			problems.append('generator: operator %s not shown' % oper_text(o))
	for o in cat.opclasses + cat.opfamilies:
		if '`%s`' % o['name'] not in text:
			problems.append('generator: operator class or family %s not shown' % o['name'])
	return out, problems, before, len(claimed) + len(missing)


def comment_problems(cat):
	"""A missing COMMENT, or one that objects of different names share (one
	of them then carries the other's text)."""
	out = []
	names = {}
	for o in cat.entries:
		c = o.get('comment')
		if c is None:
			out.append('comment: %s has no COMMENT' % o['ident'])
			continue
		names.setdefault(c, set()).add(o['name'])
	for c, ns in sorted(names.items()):
		if len(ns) > 1:
			out.append('comment: %s share the COMMENT "%s"' % (', '.join(sorted(ns)), c))
	return out


def prose_disagrees(e):
	"""Labels the hand-written prose of an entry states that the catalog does not have."""
	p = e.obj
	text, fence = [], False
	for line in e.body:
		if line.startswith('```'):
			fence = not fence
		elif not fence:
			text.append(line)
	text = ' '.join(text)
	said = []
	if p['kind'] != 'a':
		for word in set(re.findall(r'\b(IMMUTABLE|STABLE|VOLATILE)\b', text)):
			if word != VOLATILITY[p['volatility']]:
				said.append(word)
		if re.search(r'\bnot STRICT\b', text) and p['strict']:
			said.append('not STRICT')
		if re.search(r'(?<!not )\bSTRICT\b', text) and not p['strict']:
			said.append('STRICT')
	for word in set(re.findall(r'\bPARALLEL (SAFE|RESTRICTED|UNSAFE)\b', text)):
		if 'PARALLEL ' + word != PARALLEL[p['parallel']]:
			said.append('PARALLEL ' + word)
	return ['prose: the text of %s says %s, the catalog does not (%s)' % (p['ident'], ', '.join(sorted(said)),
		proc_labels(p)) for _ in [0] if said]


def render_entry(cat, o, level, body):
	heading, abbreviated = heading_for(cat, o)
	body = list(body)
	while body and body[0] == '':
		body.pop(0)
	lines = ['%s %s' % (level, heading)] + block_for(cat, o, abbreviated)
	lines += [''] + body if body else ['']
	return lines


# ----------------------------------------------------------------------
# checks of the page itself

def anchor_of(text, seen):
	a = text.strip().lower()
	a = re.sub(r'[^\w\- ]', '', a)
	a = a.replace(' ', '-')
	if a in seen:
		seen[a] += 1
		return '%s-%d' % (a, seen[a])
	seen[a] = 0
	return a


def broken_links(lines):
	seen = {}
	anchors = set()
	fence = False
	for line in lines:
		if line.startswith('```'):
			fence = not fence
		if fence:
			continue
		m = HEADING_RE.match(line)
		if m:
			anchors.add(anchor_of(re.sub(r'`', '', m.group(2)), seen))
	bad = []
	for line in lines:
		for a in re.findall(r'\]\(#([^)]+)\)', line):
			if a not in anchors:
				bad.append(a)
	return bad


def main():
	ap = argparse.ArgumentParser(description='docs/reference.md from the catalog')
	g = ap.add_mutually_exclusive_group(required=True)
	g.add_argument('--write', action='store_true', help='rewrite the file')
	g.add_argument('--check', action='store_true', help='fail unless the file is complete and up to date')
	ap.add_argument('file', nargs='?', default=os.path.join(TOP, 'docs', 'reference.md'))
	opts = ap.parse_args()

	cat = Catalog(read_catalog())
	with open(opts.file, encoding='utf-8') as fh:
		old = fh.read()
	lines = old.split('\n')
	if lines and lines[-1] == '':
		lines.pop()
	out, problems, before, after = merge(cat, lines)
	new = '\n'.join(out) + '\n'
	problems += ['broken link: (#%s) leads to no heading' % a for a in broken_links(out)]
	public = sum(1 for o in cat.entries if not o['internal'])
	print('reference: %d members of extension %s (%d functions and aggregates, %d types, %d tables, '
		'%d operators, %d casts, %d operator classes, %d operator families); %d public objects; '
		'%d entries matched, %d after --write' % (
			len(cat.procs) + len(cat.types) + len(cat.rels) + len(cat.opers) + len(cat.casts)
			+ len(cat.opclasses) + len(cat.opfamilies) + len(cat.others),
			EXT, len(cat.procs), len(cat.types), len(cat.rels), len(cat.opers), len(cat.casts),
			len(cat.opclasses), len(cat.opfamilies), public, before, after))
	for p in problems:
		print('reference: ' + p)
	if opts.write:
		if new != old:
			with open(opts.file, 'w', encoding='utf-8') as fh:
				fh.write(new)
			print('reference: wrote %s' % opts.file)
		else:
			print('reference: %s is up to date' % opts.file)
		return 1 if problems else 0
	if new != old:
		print('reference: %s is not what the catalog gives; run "make reference". Difference:' % opts.file)
		diff = list(difflib.unified_diff(old.split('\n'), new.split('\n'), 'committed', 'generated', lineterm='', n=1))
		for line in diff[:200]:
			print(line)
		if len(diff) > 200:
			print('... (%d more lines)' % (len(diff) - 200))
		return 1
	return 1 if problems else 0


if __name__ == '__main__':
	sys.exit(main())
