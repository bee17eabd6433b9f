# Helpers of the real-data loader tests (test/shell/realdata_*.sh): a
# fresh database with the extension, a loader run that must succeed or
# must fail, and a one-value query.  Sourced after common.sh, from the
# project's top.
RD_DB=migrisk_realdata_$$
RD_TMP=$(mktemp -d -t migrisk-realdata.XXXXXX)
rd_cleanup() {
	rm -rf "$RD_TMP"
	psql_q -d postgres -c "DROP DATABASE IF EXISTS $RD_DB" >/dev/null 2>&1
}
trap rd_cleanup EXIT
rd_failures=0

rd_setup() {
	psql_q -d postgres -c "CREATE DATABASE $RD_DB" || exit 1
	psql_q -d "$RD_DB" -c "CREATE EXTENSION migrisk CASCADE" || exit 1
}

# rd_load LOADER FILE [psql options]: runs load/LOADER.sql on FILE; prints
# its report; fails the test when psql fails
rd_load() {
	loader=$1
	file=$2
	shift 2
	if ! psql -X -v ON_ERROR_STOP=1 -d "$RD_DB" -v file="$file" "$@" -f "load/$loader.sql" > "$RD_TMP/out" 2>&1; then
		cat "$RD_TMP/out"
		echo "FAILED: load/$loader.sql on $file"
		rd_failures=$((rd_failures + 1))
		return 1
	fi
	sed 's/^/    /' "$RD_TMP/out"
}

# rd_load_fails LOADER FILE PATTERN [psql options]: the load must stop with
# an error matching PATTERN (grep -E)
rd_load_fails() {
	loader=$1
	file=$2
	pattern=$3
	shift 3
	if psql -X -v ON_ERROR_STOP=1 -d "$RD_DB" -v file="$file" "$@" -f "load/$loader.sql" > "$RD_TMP/out" 2>&1; then
		cat "$RD_TMP/out"
		echo "FAILED: load/$loader.sql accepted $file"
		rd_failures=$((rd_failures + 1))
		return 1
	fi
	if ! grep -Eq "$pattern" "$RD_TMP/out"; then
		cat "$RD_TMP/out"
		echo "FAILED: load/$loader.sql on $file: error does not match /$pattern/"
		rd_failures=$((rd_failures + 1))
		return 1
	fi
	echo "    stopped as expected: $(grep -E "$pattern" "$RD_TMP/out" | head -1)"
}

rd_value() {
	psql_q -d "$RD_DB" -c "$1"
}

# rd_check WHAT GOT WANT
rd_check() {
	if [ "$2" = "$3" ]; then
		echo "ok     $1 ($2)"
	else
		echo "FAILED $1: got '$2', want '$3'"
		rd_failures=$((rd_failures + 1))
	fi
}

rd_done() {
	[ "$rd_failures" -eq 0 ]
}
