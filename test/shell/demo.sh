#!/bin/sh
# make demo cannot rot: every chapter of the demo (the standalone tours,
# the synthetic population, the real files, the report) runs here on a
# small population, in its own database, and must finish without an error.
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
db=migrisk_demo_check_$$
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
if ! DEMO_DB=$db DEMO_PERSONS=${DEMO_CHECK_PERSONS:-1500} DEMO_OUT="$tmp/out" \
	sh demo/in_cluster.sh > "$tmp/demo.log" 2>&1; then
	tail -40 "$tmp/demo.log"
	echo "demo: a chapter failed"
	exit 1
fi
if grep -n 'ERROR' "$tmp/demo.log"; then
	echo "demo: errors in the output"
	exit 1
fi
[ -s "$tmp/out/report.html" ] || { echo "demo: no report written"; exit 1; }
echo "demo: $(grep -c '^== ' "$tmp/demo.log") sections, report $(wc -c < "$tmp/out/report.html") bytes"
