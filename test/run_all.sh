#!/bin/sh
# make test: build and install migrisk, run the C unit tests of the pure
# cores, then, in a throwaway cluster (pg_virtualenv), pg_regress and the
# shell tests.  Ends with one line "N passed, N failed"; exits non-zero on
# any failure.
set -u
cd "$(dirname "$0")/.."
. test/lib.sh

STATE=$(mktemp -d)
trap 'rm -rf "$STATE"' EXIT
export MIGRISK_STATE="$STATE"
# make deps installed sqlsmith: its test must not skip here
export MIGRISK_REQUIRE_SQLSMITH=1
# and R with the survey package: the reference of the design-based estimates
export MIGRISK_REQUIRE_R=1
# and chromium: the report is checked in a browser (test/shell/report_browser.sh)
export MIGRISK_REQUIRE_CHROMIUM=1
t0=$(date +%s)

step "build"
if ! make -s -j2 all; then
	echo "0 passed, 1 failed"
	exit 1
fi
step "install"
if ! install_extension; then
	echo "0 passed, 1 failed"
	exit 1
fi

step "unit tests (pure C cores)"
sh test/unit/run.sh

step "make test-pg's bad input (unknown major, unreachable mirror)"
if sh test/pg/bad_input.sh; then
	record "test-pg bad input" pass
else
	record "test-pg bad input" fail
fi

step "cluster tests (pg_regress, shell tests) in pg_virtualenv"
if ! pg_virtualenv -t -v 15 -c "-p $(free_port)" sh test/in_cluster.sh; then
	# in_cluster.sh records its own failures; this catches a cluster that
	# could not start at all.
	record cluster fail
fi

step "sanitized build: UBSan in the server, ASan and UBSan in the cores"
if MIGRISK_STATE= sh test/sanitize/run.sh > "$STATE/sanitize.out" 2>&1; then
	grep -E '^(pass|fail) ' "$STATE/sanitize.out" | sed 's/^/  /'
	record "sanitize ($(tail -1 "$STATE/sanitize.out"))" pass
else
	tail -80 "$STATE/sanitize.out"
	record "sanitize" fail
fi

# The type I/O tests (input, output and receive of every type, and a check
# that every byte of every value is defined) and the hostile binary COPY
# test against a server under valgrind; the whole suite: make test-valgrind.
step "valgrind: type I/O tests, value images and hostile recv under memcheck"
if VALGRIND_TESTS="linkage_em_state linkage_gamma pprl_clk risk_design risk_flags risk_profile risk_state route_segment_io route_segment_journey" \
	VALGRIND_SHELL=hostile_recv MIGRISK_STATE= sh test/valgrind/run.sh > "$STATE/valgrind.out" 2>&1; then
	record "valgrind ($(grep '^error reports' "$STATE/valgrind.out"))" pass
else
	tail -80 "$STATE/valgrind.out"
	record valgrind fail
fi

pass=$(cat "$STATE"/pass 2>/dev/null | wc -l)
fail=$(cat "$STATE"/fail 2>/dev/null | wc -l)
if [ "$fail" -gt 0 ]; then
	echo "failed:"
	sed 's/^/  /' "$STATE"/fail
fi
echo "make test took $(( $(date +%s) - t0 )) s"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
