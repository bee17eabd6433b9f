#!/bin/sh
# Runs inside pg_virtualenv: creates the demo database and plays the demo
# chapters demo/sql/*.sql in name order.  Chapters below 50 are short
# standalone tours of one capability each; from 50 on they tell one story
# on a synthetic population generated first (`make data`).  Every stage
# prints how long it took.
#
# Settings (environment): DEMO_PERSONS (10000), DEMO_SEED (1), DEMO_OUT
# (out/demo: data and report), DEMO_DATA_OPTS (--reversed 0.001: generator
# options), DEMO_DB (migrisk_demo), DEMO_TOURS (yes:
# play the standalone chapters below 50), DEMO_UPTO (99: last chapter).
# The tests build their small databases with this same script.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)

DEMO_PERSONS=${DEMO_PERSONS:-10000}
DEMO_SEED=${DEMO_SEED:-1}
DEMO_OUT=${DEMO_OUT:-out/demo}
DEMO_DB=${DEMO_DB:-migrisk_demo}
DEMO_TOURS=${DEMO_TOURS:-yes}
DEMO_UPTO=${DEMO_UPTO:-99}
# a few legs that arrive before they depart (0.1 %), so the load shows how
# bad rows are routed to a reject table
DEMO_DATA_OPTS=${DEMO_DATA_OPTS:---reversed 0.001}
case "$DEMO_OUT" in /*) ;; *) DEMO_OUT="$top/$DEMO_OUT" ;; esac
data_dir="$DEMO_OUT/data"
report_file="$DEMO_OUT/report.html"
mkdir -p "$DEMO_OUT"
rm -f "$report_file"

t0=$(date +%s)
stage_begin() {
	stage_name=$1
	stage_t=$(date +%s)
	printf '\n== %s\n' "$1"
}
stage_end() {
	now=$(date +%s)
	printf -- '-- %s: %d s (%d s since the start)\n' "$stage_name" \
		$((now - stage_t)) $((now - t0))
}

createdb "$DEMO_DB"
generated=no
for f in demo/sql/*.sql; do
	chapter=$(basename "$f" .sql)
	num=$(expr "$chapter" : '0*\([0-9][0-9]*\)_' || true)
	[ -n "$num" ] || continue
	[ "$num" -le "$DEMO_UPTO" ] || continue
	if [ "$num" -gt 0 ] && [ "$num" -lt 50 ] && [ "$DEMO_TOURS" != yes ]; then
		continue
	fi
	if [ "$generated" = no ] && [ "$num" -ge 50 ]; then
		stage_begin "synthetic data: $DEMO_PERSONS persons, seed $DEMO_SEED (make data)"
		make -s --no-print-directory data PERSONS="$DEMO_PERSONS" SEED="$DEMO_SEED" OUT="$data_dir" \
			DATA_OPTS="$DEMO_DATA_OPTS"
		stage_end
		generated=yes
	fi
	stage_begin "$chapter"
	psql -X -q -v ON_ERROR_STOP=1 -d "$DEMO_DB" \
		-v top="$top" -v data_dir="$data_dir" -v report_file="$report_file" \
		-v persons="$DEMO_PERSONS" -f "$f"
	stage_end
done

printf '\n== done in %d s\n' $(($(date +%s) - t0))
if [ -f "$report_file" ]; then
	echo "report: $report_file"
	echo "open it in a browser (it needs no network): file://$report_file"
fi
