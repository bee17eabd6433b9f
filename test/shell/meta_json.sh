#!/bin/sh
# META.json against the PGXN Meta Spec 1.0 (test/package/pgxn_meta.py), its
# version and debian/changelog's against migrisk.control's default_version;
# and the validator itself rejects each kind of error it is there to catch.
# Needs no cluster (python3 only).
set -u
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
v=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" migrisk.control)

if ! python3 test/package/pgxn_meta.py --control migrisk.control META.json; then
	failed=1
fi
deb=$(sed -n '1s/^migrisk (\([^)-]*\)-[^)]*).*/\1/p' debian/changelog)
if [ "$deb" != "$v" ]; then
	echo "debian/changelog's version $deb differs from migrisk.control's $v"
	failed=1
fi

# mutate NAME PYTHON: a copy of META.json changed by PYTHON (m is the
# object) must be rejected
mutate() {
	mkdir -p "$work/$1"
	cp migrisk.control "$work/$1/"
	mkdir -p "$work/$1/docs" && cp docs/reference.md "$work/$1/docs/"
	python3 -c "
import json, sys
m = json.load(open('META.json'))
$2
json.dump(m, open(sys.argv[1], 'w'))" "$work/$1/META.json" || { echo "mutation $1 did not apply"; failed=1; return; }
	if python3 test/package/pgxn_meta.py --control "$work/$1/migrisk.control" "$work/$1/META.json" > "$work/$1.out"; then
		echo "validator accepted a META.json with $1"
		failed=1
	fi
}
mutate "no license" "del m['license']"
mutate "a licence name outside the spec" "m['license'] = 'GPL-2+'"
mutate "a two-part version" "m['version'] = '0.3'"
mutate "a version other than the control file's" "m['version'] = m['provides']['migrisk']['version'] = '9.9.9'"
mutate "an extension version other than the control file's" "m['provides']['migrisk']['version'] = '0.2.0'"
mutate "no provides" "del m['provides']"
mutate "a provided file that is missing" "m['provides']['migrisk']['file'] = 'sql/none.sql'"
mutate "an absolute path" "m['provides']['migrisk']['docfile'] = '/etc/passwd'"
mutate "an unknown phase" "m['prereqs']['runtim'] = m['prereqs'].pop('runtime')"
mutate "an unknown relationship" "m['prereqs']['runtime']['require'] = m['prereqs']['runtime'].pop('requires')"
mutate "a bad version range" "m['prereqs']['runtime']['requires']['PostgreSQL'] = '>= 15'"
mutate "an unknown top-level key" "m['homepage'] = 'https://example.org/'"
mutate "a meta-spec 2" "m['meta-spec']['version'] = '2.0.0'"
mutate "a tag with a slash" "m['tags'].append('a/b')"
mutate "a name with a space" "m['name'] = 'mig risk'"
mutate "a bad bugtracker address" "m['resources']['bugtracker']['mailto'] = 'nobody'"
mutate "a string abstract that is a number" "m['abstract'] = 3"

[ "$failed" -eq 0 ]
