#!/bin/sh
# The update path: every version of the extension PostgreSQL knows
# (pg_available_extension_versions: every released install script kept, or
# reachable by the update scripts migrisk--A--B.sql) is installed, then
# ALTER EXTENSION migrisk UPDATE brings it to default_version, and the
# catalog description (test/shell/lib/catalog.sql: functions with
# signatures, volatility, parallel and strict labels, aggregates, types,
# operators, casts, operator classes, tables, views, comments, ACLs,
# configuration dumps) and the rows of the configuration tables must equal
# those of a fresh install of default_version.
#
# Also: every update script in the source tree is installed, and a released
# version that cannot be installed any more is a failure (keep the scripts).
# With no update script yet it checks that default_version installs and
# says there is nothing to compare.
set -u
. "$(dirname "$0")/lib/common.sh"
cd "$(dirname "$0")/../.."

ext=${MIGRISK_EXTENSION:-migrisk}
base=migrisk_upgrade_$$
work=$(mktemp -d -t migrisk-upgrade.XXXXXX)
dbs=""
cleanup() {
	rm -rf "$work"
	for d in $dbs; do
		psql_q -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1
	done
}
trap cleanup EXIT

newdb() {
	dbs="$dbs $1"
	psql_q -d postgres -c "CREATE DATABASE $1"
}

# the catalog description and the configuration rows of extension $ext in $1
describe() {
	psql_q -d "$1" -v ext="$ext" -f "$LIBDIR/catalog.sql" || return 1
	psql_q -d "$1" -c "SELECT c::regclass FROM pg_extension e, unnest(e.extconfig) c
		WHERE e.extname = '$ext' ORDER BY 1" |
	while read -r t; do
		psql_q -d "$1" -c "COPY (SELECT '$t row: ' || x::text FROM $t x) TO STDOUT" | LC_ALL=C sort
	done
}

guard_start || exit 1
sharedir=$("${PG_CONFIG:-pg_config}" --sharedir)/extension
failed=0
for f in "$ext"--*--*.sql; do
	[ -e "$f" ] || continue
	if ! cmp -s "$f" "$sharedir/$f"; then
		echo "upgrade: FAIL: $f is not installed as it is in the source tree ($sharedir)"
		failed=1
	fi
done

newdb "${base}_fresh" || exit 1
psql_q -d "${base}_fresh" -c "CREATE EXTENSION $ext CASCADE" || exit 1
default=$(psql_q -d "${base}_fresh" -c "SELECT extversion FROM pg_extension WHERE extname = '$ext'")
describe "${base}_fresh" > "$work/fresh" || exit 1
echo "upgrade: fresh install of $ext $default: $(wc -l < "$work/fresh") catalog lines"

scripts=$(ls "$sharedir/$ext"--*--*.sql 2>/dev/null | wc -l)
older=$(psql_q -d postgres -c "SELECT version FROM pg_available_extension_versions
	WHERE name = '$ext' AND version <> '$default' ORDER BY version")
if [ "$scripts" -eq 0 ]; then
	echo "upgrade: no update script ($ext--A--B.sql) yet: default_version $default installs; nothing to compare"
	guard_check upgrade || failed=1
	exit $failed
fi

n=0
for v in $older; do
	db="${base}_$n"
	n=$((n + 1))
	newdb "$db" || exit 1
	if ! psql_q -d "$db" -c "CREATE EXTENSION $ext VERSION '$v' CASCADE" 2> "$work/err"; then
		echo "upgrade: FAIL: released version $v cannot be installed: $(grep -m1 -E "ERROR|FATAL" "$work/err" || head -1 "$work/err")"
		failed=1
		continue
	fi
	if ! psql_q -d "$db" -c "ALTER EXTENSION $ext UPDATE" 2> "$work/err"; then
		echo "upgrade: FAIL: $v -> $default: ALTER EXTENSION UPDATE failed: $(grep -m1 -E "ERROR|FATAL" "$work/err" || head -1 "$work/err")"
		failed=1
		continue
	fi
	now=$(psql_q -d "$db" -c "SELECT extversion FROM pg_extension WHERE extname = '$ext'")
	path=$(psql_q -d "$db" -c "SELECT path FROM pg_extension_update_paths('$ext')
		WHERE source = '$v' AND target = '$default'")
	describe "$db" > "$work/up"
	if [ "$now" != "$default" ]; then
		echo "upgrade: FAIL: $v updated to $now, not $default"
		failed=1
	elif ! diff "$work/fresh" "$work/up" > "$work/diff"; then
		echo "upgrade: FAIL: $v -> $default ($path) differs from a fresh install ('<' fresh, '>' updated):"
		grep '^[<>]' "$work/diff" | head -40 | sed 's/^/    /'
		failed=1
	else
		echo "upgrade: $v -> $default ($path): same catalog as a fresh install"
	fi
done
[ "$n" -eq 0 ] && echo "upgrade: update scripts exist but no older version is available"
guard_check upgrade || failed=1
exit $failed
