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

step "cluster tests (pg_regress, shell tests) in pg_virtualenv"
if ! pg_virtualenv -t -v 15 -c "-p $(free_port)" sh test/in_cluster.sh; then
	# in_cluster.sh records its own failures; this catches a cluster that
	# could not start at all.
	record cluster fail
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
