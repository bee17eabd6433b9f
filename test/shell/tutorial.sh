#!/bin/sh
# The tutorial cannot rot: build a small demo database with the demo's own
# chapters (docs/tutorial.md works on it), then run every ```sql block of
# docs/tutorial.md in order, in one database, stopping at the first error.
# A block whose first line is "-- expect: N rows" must return exactly N rows.
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
db=migrisk_tutorial_$$
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

# The database of the tutorial: the demo's data, linkage, journeys and risk
# chapters on a small population, without the standalone tours and the
# report.
DEMO_DB=$db DEMO_PERSONS=${TUTORIAL_PERSONS:-1500} DEMO_OUT="$tmp/out" \
DEMO_TOURS=no DEMO_UPTO=85 sh demo/in_cluster.sh > "$tmp/build.log" 2>&1 || {
	cat "$tmp/build.log"
	echo "tutorial: building the tutorial database failed"
	exit 1
}

# Split the ```sql blocks into numbered files.
awk -v dir="$tmp" '
	/^```sql[ \t]*$/ { n++; f = sprintf("%s/block_%03d.sql", dir, n); inb = 1; next }
	/^```[ \t]*$/    { inb = 0; next }
	inb              { print > f }
' docs/tutorial.md
nblocks=$(ls "$tmp"/block_*.sql 2>/dev/null | wc -l)
if [ "$nblocks" -lt 8 ]; then
	echo "tutorial: expected at least 8 sql blocks in docs/tutorial.md, found $nblocks"
	exit 1
fi

fail=0
for b in "$tmp"/block_*.sql; do
	name=$(basename "$b" .sql)
	if ! psql -X -v ON_ERROR_STOP=1 -d "$db" -f "$b" > "$tmp/$name.out" 2>&1; then
		echo "FAILED $name:"
		sed 's/^/    /' "$b"
		sed 's/^/  > /' "$tmp/$name.out"
		fail=1
		continue
	fi
	want=$(sed -n '1s/^-- expect: \([0-9][0-9]*\) rows\{0,1\}$/\1/p' "$b")
	if [ -n "$want" ]; then
		got=$(sed -n 's/^(\([0-9][0-9]*\) rows\{0,1\})$/\1/p' "$tmp/$name.out" | tail -1)
		if [ "$got" != "$want" ]; then
			echo "FAILED $name: expected $want rows, got ${got:-none}"
			sed 's/^/  > /' "$tmp/$name.out"
			fail=1
			continue
		fi
	fi
	echo "ok     $name ($(wc -l < "$b") lines)"
done
[ "$fail" -eq 0 ]
