#!/bin/sh
# make test-pg PG=MAJOR: the suite on PostgreSQL MAJOR in a clean Debian
# root (test/pg/root.sh makes or reuses it): build with -Werror by that
# suite's compiler, install, the C unit tests, then in a throwaway cluster
# pg_regress and the shell tests (test/in_cluster.sh), among them the
# update path and, from 17 on, a dump made by PostgreSQL 15 on the host
# restored into MAJOR.  Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. test/lib.sh
. test/pg/common.sh

major=${1:-}
if ! pg_suite "$major" >/dev/null; then
	exit 2
fi
t0=$(date +%s)
STATE=$(mktemp -d)
trap 'rm -rf "$STATE"' EXIT
export MIGRISK_STATE="$STATE"

step "PostgreSQL $major: root"
if ! root=$(sh test/pg/root.sh "$major" | tail -1) || [ ! -d "$root" ]; then
	record "pg$major/root" fail
	echo "0 passed, 1 failed"
	exit 1
fi
t_root=$(( $(date +%s) - t0 ))

build="$root/build/migrisk"
rm -rf "$root/build"
mkdir -p "$root/build/state"
copy_source "$build"

# A dump of every migrisk type and configuration row, made by the host's
# PostgreSQL 15 with this tree's build, for the root's server to restore.
if [ "$major" != 15 ]; then
	step "PostgreSQL 15 on the host: a dump to restore into $major"
	# the host's system PostgreSQL is shared with any other run of the
	# tests on this machine: hold the lock while installing into it
	if MIGRISK_STATE= flock "${TMPDIR:-/tmp}/migrisk.lock" sh test/pg/dump15.sh "$root/build/forward" \
		> "$STATE/dump15.out" 2>&1; then
		record "pg$major/dump from 15" pass
	else
		cat "$STATE/dump15.out"
		record "pg$major/dump from 15" fail
	fi
fi

step "PostgreSQL $major: build, unit tests, pg_regress and shell tests in the root"
in_root "$root" "cd /build/migrisk && PG_MAJOR=$major PORT=$(free_port) sh test/pg/in_root.sh" 2>&1
for f in pass fail; do
	[ -f "$root/build/state/$f" ] && sed "s|^|pg$major/|" "$root/build/state/$f" >> "$STATE/$f"
done

pass=$(cat "$STATE"/pass 2>/dev/null | wc -l)
fail=$(cat "$STATE"/fail 2>/dev/null | wc -l)
if [ "$fail" -gt 0 ]; then
	echo "failed:"
	sed 's/^/  /' "$STATE"/fail
fi
echo "make test-pg PG=$major took $(( $(date +%s) - t0 )) s (root $t_root s)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
