#!/bin/sh
# make test-citus: migrisk on a Citus cluster (a coordinator and two workers
# on loopback, started here in a scratch directory and stopped at the end):
# the distributed checks in test/citus/sql/ through pg_regress against the
# coordinator.  Citus is not a Debian package: when it is not installed for
# this PostgreSQL the target says so and skips.  Ends with "N passed, N
# failed" (", 1 skipped" when skipped).
set -u
cd "$(dirname "$0")/../.."
. test/lib.sh
. test/citus/lib.sh

if ! citus_installed; then
	echo "test-citus: Citus is not installed for PostgreSQL $major ($sharedir/extension/citus.control);"
	echo "  it is not a Debian package: build it from its source release (13.2 for PostgreSQL 15-17,"
	echo "  14 for 16-18) and install it, then run make test-citus again. Skipped."
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi

t0=$(date +%s)
if ! make -s -j2 all || ! install_extension; then
	echo "0 passed, 1 failed"
	exit 1
fi

citus_start || { echo "0 passed, 1 failed"; exit 1; }
cp=$(port_of coord)

# the synthetic records citus_link_records links (test/data, docs/data.md),
# in schema synth on the coordinator
step "synthetic records for citus_link_records (3,000 persons, seed 1)"
if ! sh test/data/run.sh 3000 1 "$work/data" --quiet >/dev/null ||
	! q coord -v dir="$work/data" -v linkage_only=1 -f test/data/load.sql >/dev/null; then
	echo "0 passed, 1 failed"
	exit 1
fi

step "distributed checks (pg_regress on the coordinator)"
rm -rf results/citus
mkdir -p results/citus
# setup first, teardown last, the checks between in name order
tests="citus_setup $(ls test/citus/sql/*.sql | xargs -n1 basename | sed 's/\.sql$//' |
	grep -v -x -e citus_setup -e citus_teardown | sort | tr '\n' ' ') citus_teardown"
"$pkglibdir/pgxs/src/test/regress/pg_regress" --inputdir=test/citus --outputdir=results/citus \
	--use-existing --host=127.0.0.1 --port="$cp" --user=postgres --dbname=postgres $tests \
	> "$work/regress.out" 2>&1
cat "$work/regress.out"
[ -f results/citus/regression.diffs ] && head -150 results/citus/regression.diffs
pass=$(regress_results "$work/regress.out" | grep -c ' pass$')
fail=$(regress_results "$work/regress.out" | grep -c ' fail$')
[ "$pass" -gt 0 ] || fail=$((fail + 1))
echo "make test-citus took $(( $(date +%s) - t0 )) s (Citus $citus_version)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
