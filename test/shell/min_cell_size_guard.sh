#!/bin/sh
# migrisk.min_cell_size protects small groups in aggregate output read by
# BI roles: once an administrator sets it for a role (ALTER ROLE ... SET),
# that role must not be able to lower it by any path, whether or not the
# library is already loaded in its session (before loading, migrisk.* is
# only a placeholder that PostgreSQL checks when the library defines it):
#   SET, SET LOCAL, set_config(), a function's SET clause, ALTER ROLE SET,
#   ALTER DATABASE SET as the database's owner, and connection options
#   (PGOPTIONS="-c migrisk.min_cell_size=0"), which src/settings_guard.c
#   refuses with FATAL as PostgreSQL does for its own superuser-only settings.
# A superuser may still pass it as a connection option.
set -u
. "$(dirname "$0")/lib/common.sh"
db=migrisk_mincell_$$
role=migrisk_bi_$$
pw=bi_$$_pw
cleanup() {
	psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1
}
trap cleanup EXIT
psql_q -d postgres -c "CREATE ROLE $role LOGIN PASSWORD '$pw'" -c "CREATE DATABASE $db OWNER $role" || exit 1
psql_q -d "$db" -c "CREATE EXTENSION migrisk CASCADE" -c "GRANT USAGE ON SCHEMA migrisk TO $role" \
	-c "ALTER ROLE $role SET migrisk.min_cell_size = 10" || exit 1

as_bi() {
	PGUSER=$role PGPASSWORD=$pw psql -X -q -At -d "$db" "$@" 2>&1
}
failed=0
# check WHAT STATEMENTS...: in one session, after the statements, once the
# library is loaded, the setting still reads 10
check() {
	what=$1
	shift
	out=$(as_bi "$@" -c "SELECT migrisk.version() IS NOT NULL" -c "SHOW migrisk.min_cell_size")
	got=$(echo "$out" | tail -1)
	if [ "$got" = 10 ]; then
		echo "min_cell_size_guard: $what: still 10"
	else
		echo "min_cell_size_guard: FAIL: $what: migrisk.min_cell_size reads '$got':"
		echo "$out" | sed 's/^/    /'
		failed=1
	fi
}
load="SELECT migrisk.version() IS NOT NULL"
check "the role's setting"
for state in "not loaded" "loaded"; do
	if [ "$state" = loaded ]; then pre="$load"; else pre="SELECT 1"; fi
	check "SET ($state)" -c "$pre" -c "SET migrisk.min_cell_size = 0"
	check "SET LOCAL ($state)" -c "$pre" -c "BEGIN" -c "SET LOCAL migrisk.min_cell_size = 0" \
		-c "SELECT migrisk.version() IS NOT NULL" -c "SHOW migrisk.min_cell_size" -c "COMMIT" -c "BEGIN"
	check "set_config ($state)" -c "$pre" -c "SELECT set_config('migrisk.min_cell_size', '0', false)"
	check "ALTER ROLE SET ($state)" -c "$pre" -c "ALTER ROLE $role SET migrisk.min_cell_size = 0"
	check "ALTER DATABASE SET as owner ($state)" -c "$pre" -c "ALTER DATABASE $db SET migrisk.min_cell_size = 0"
	check "a function's SET clause ($state)" -c "$pre" \
		-c "CREATE OR REPLACE FUNCTION public.peek() RETURNS text LANGUAGE sql SET migrisk.min_cell_size = 0
			AS \$\$ SELECT current_setting('migrisk.min_cell_size') \$\$" \
		-c "SELECT public.peek()"
	check "a new session after the attempts ($state)"
done
out=$(PGOPTIONS="-c migrisk.min_cell_size=0" as_bi -c "$load" -c "SHOW migrisk.min_cell_size")
if echo "$out" | grep -q 'permission denied to set parameter "migrisk.min_cell_size"' &&
	! echo "$out" | grep -qx 0; then
	echo "min_cell_size_guard: connection option -c migrisk.min_cell_size=0: refused (FATAL)"
else
	echo "min_cell_size_guard: FAIL: connection option -c migrisk.min_cell_size=0 was not refused:"
	echo "$out" | sed 's/^/    /'
	failed=1
fi
out=$(PGOPTIONS="-c migrisk.min_cell_size=5" psql_q -d "$db" -c "$load" -c "SHOW migrisk.min_cell_size" 2>&1 | tail -1)
if [ "$out" = 5 ]; then
	echo "min_cell_size_guard: a superuser's connection option: accepted"
else
	echo "min_cell_size_guard: FAIL: a superuser's connection option -c migrisk.min_cell_size=5 gave '$out'"
	failed=1
fi
exit $failed
