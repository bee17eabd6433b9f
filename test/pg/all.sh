#!/bin/sh
# make test-all: the host's full suite (make test, PostgreSQL 15), then the
# suite on each other tested major in its Debian root (make test-pg), then
# the Debian package installed and tested in a bookworm root.  Each
# part prints its own "N passed, N failed"; the last line adds them up.
set -u
cd "$(dirname "$0")/../.."
. test/pg/common.sh

t0=$(date +%s)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
summary=""
failures=""
pass=0
fail=0
part() {
	name=$1
	shift
	t=$(date +%s)
	"$@" 2>&1 | tee "$out"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -1)
	[ -n "$line" ] || line="0 passed, 1 failed"
	p=${line%% passed*}
	f=${line#*passed, }
	f=${f%% failed*}
	# the names of the failed tests, repeated at the very end: a log cut to
	# its last lines (CI's) still says what failed
	names=$(sed -n 's/^fail  *//p' "$out" | sort -u | head -20 | sed "s|^|  $name: |")
	[ -n "$names" ] && failures="$failures
$names"
	pass=$((pass + p))
	fail=$((fail + f))
	summary="$summary
  $name: $line in $(( $(date +%s) - t )) s"
}

# The other majors' roots are made (or found current) while the host's
# suite runs: debootstrap waits mostly on the mirror, the suite on the CPU.
# Each suite still calls root.sh itself, which reuses a finished root and
# reports any failure to make one as that suite's failure.
prep=$(mktemp -d)
trap 'rm -f "$out"; rm -rf "$prep"' EXIT
for v in $TESTED_MAJORS; do
	[ "$v" = 15 ] && continue
	sh test/pg/root.sh "$v" > "$prep/root$v.out" 2>&1 &
	echo $! > "$prep/root$v.pid"
done
part "PostgreSQL 15 (host, make test)" sh test/run_all.sh
for v in $TESTED_MAJORS; do
	[ "$v" = 15 ] && continue
	wait "$(cat "$prep/root$v.pid")" || true
	part "PostgreSQL $v (make test-pg PG=$v)" sh test/pg/run.sh "$v"
done
# the Debian package, built and installed into a fresh bookworm root
part "Debian package (make test-package)" sh test/package/bookworm.sh
echo "make test-all took $(( $(date +%s) - t0 )) s:$summary"
[ -n "$failures" ] && echo "failed:$failures"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
