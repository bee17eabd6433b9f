#!/bin/sh
# Random SQL (Debian's sqlsmith) against a database with migrisk and one
# small table per migrisk type (every type in the catalog, filled with the
# tests' values: test/shell/lib/common.sh).  sqlsmith builds queries from
# the catalog: calls of our functions and operators on those columns,
# casts, aggregates, window functions, joins, DML.  Bounded by
# SQLSMITH_QUERIES (default 2000) and SQLSMITH_SECONDS (default 40); it
# runs as an unprivileged role with a 1 s statement timeout, so random calls
# of administrative functions fail instead of disturbing the cluster.
#
# Passes when no backend crashed (test/shell/lib/common.sh: the server
# accepts connections, no crash recovery, no killed backend in the log).
# Errors are expected -- most random queries are ill-typed -- and counted.
# SQLSMITH_SEED repeats a run (the seed is printed).
set -u
. "$(dirname "$0")/lib/common.sh"
cd "$(dirname "$0")/../.."

if ! command -v sqlsmith >/dev/null 2>&1; then
	echo "sqlsmith: not installed (Debian package sqlsmith): random SQL NOT run"
	[ "${MIGRISK_REQUIRE_SQLSMITH:-0}" = 1 ] && exit 1
	exit 0
fi

ext=${MIGRISK_EXTENSION:-migrisk}
db=migrisk_sqlsmith_$$
role=migrisk_smith_$$
work=$(mktemp -d -t migrisk-sqlsmith.XXXXXX)
cleanup() {
	rm -rf "$work"
	psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1
}
trap cleanup EXIT

guard_start || exit 1
psql_q -d postgres -c "CREATE DATABASE $db" -c "CREATE ROLE $role NOLOGIN" || exit 1
psql_q -d "$db" -c "CREATE EXTENSION IF NOT EXISTS $ext CASCADE" || exit 1
if [ -n "${MIGRISK_SETUP_SQL:-}" ]; then psql_q -d "$db" -f "$MIGRISK_SETUP_SQL" || exit 1; fi
make_sample_tables "$db" > "$work/samples" || exit 1
echo "sqlsmith: tables (type, non-null rows): $(tr '\n' ' ' < "$work/samples")"
psql_q -d "$db" <<SQL || exit 1
GRANT USAGE ON SCHEMA $MIGRISK_SCHEMA, samples TO $role;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA samples TO $role;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA samples TO $role;
-- SQLSTATE and source location of every error in the server log
ALTER ROLE $role SET log_error_verbosity = 'verbose';
SQL

seed=${SQLSMITH_SEED:-$(( $(date +%s) % 100000 ))}
queries=${SQLSMITH_QUERIES:-2000}
seconds=${SQLSMITH_SECONDS:-40}
t0=$(date +%s)
timeout "$seconds" sqlsmith \
	--target="dbname=$db options='-c role=$role -c statement_timeout=1000 -c lock_timeout=1000'" \
	--seed="$seed" --max-queries="$queries" --exclude-catalog --verbose \
	> "$work/out" 2> "$work/err"
rc=$?
elapsed=$(( $(date +%s) - t0 ))
# progress: one character per query ('.' ok, 'e' error, 't' timeout, 'C'
# connection lost, 'S' syntax error in sqlsmith's own output)
done_n=$(grep -E '^[.etCS]+$' "$work/err" | tr -cd '.etCS' | wc -c)
errors=$(grep -E '^[.etCS]+$' "$work/err" | tr -cd 'et' | wc -c)
broken=$(grep -E '^[.etCS]+$' "$work/err" | tr -cd 'C' | wc -c)
echo "sqlsmith: seed $seed: $done_n queries in ${elapsed}s ($errors errors or timeouts, $broken lost connections), exit $rc"
echo "sqlsmith: most frequent errors:"
grep -E '^[0-9]+	' "$work/err" | head -5 | sed 's/^/    /'

failed=0
if [ "$broken" -gt 0 ]; then
	echo "sqlsmith: FAIL: sqlsmith lost its connection $broken times"
	failed=1
fi
if [ "$done_n" -eq 0 ]; then
	echo "sqlsmith: FAIL: no query ran:"
	tail -5 "$work/err"
	failed=1
fi
# An internal error (XX000: elog, "cannot happen") raised in migrisk's own
# source from random SQL is a bug even when nothing crashed.
if [ -n "$GUARD_LOG" ]; then
	ours=$(cd src && ls *.c core/*.c 2>/dev/null | sed 's|.*/||' | paste -sd'|' -)
	tail -c +"$((GUARD_OFFSET + 1))" "$GUARD_LOG" |
		grep -A1 'ERROR:  XX000:' | grep -E "LOCATION: .*[ ,]($ours):[0-9]+" > "$work/internal" || true
	if [ -n "$ours" ] && [ -s "$work/internal" ]; then
		echo "sqlsmith: FAIL: internal errors (XX000) raised in migrisk's code:"
		sort "$work/internal" | uniq -c | sort -rn | head -10 | sed 's/^/    /'
		failed=1
	else
		echo "sqlsmith: no internal error (XX000) raised in migrisk's code"
	fi
fi
guard_check sqlsmith || failed=1
exit $failed
