#!/bin/sh
# Hostile binary input: for every base type of schema migrisk with a binary
# receive function (found in pg_type, so new types are covered as they
# come), crafted binary COPY files go through COPY ... FROM STDIN (FORMAT
# binary): short, long, empty, all-zero/all-one, NaN/Inf doubles, extreme
# integers in every 4-byte window (mode codes, counts, lengths), random
# bytes, and every truncation and byte mutation of valid values' send bytes
# (test/shell/lib/hostile.pl writes them).
#
# Passes when
#  - the server never crashes (test/shell/lib/common.sh: still accepting
#    connections, no crash recovery, no killed backend in the log);
#  - every rejection is a user-facing error, not XX000 (elog: an internal
#    error is no answer to bad input);
#  - every value the receive function accepts is one the text input accepts
#    too and reads back the same: recv re-checks what text input checks.
set -u
. "$(dirname "$0")/lib/common.sh"
cd "$(dirname "$0")/../.."

db=migrisk_hostile_$$
work=$(mktemp -d -t migrisk-hostile.XXXXXX)
chmod 755 "$work"
cleanup() {
	rm -rf "$work"
	psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
}
trap cleanup EXIT

guard_start || exit 1
psql_q -d postgres -c "CREATE DATABASE $db" || exit 1
psql_q -d "$db" -c "CREATE EXTENSION IF NOT EXISTS ${MIGRISK_EXTENSION:-migrisk} CASCADE" || exit 1
if [ -n "${MIGRISK_SETUP_SQL:-}" ]; then psql_q -d "$db" -f "$MIGRISK_SETUP_SQL" || exit 1; fi
make_sample_tables "$db" > "$work/samples.out" || exit 1
psql_q -d "$db" -c "CREATE SCHEMA hostile" || exit 1

psql_q -d "$db" -F ' ' -c "
	SELECT t.typname, t.typlen, t.typsend::regproc::text
	FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
	WHERE n.nspname = '$MIGRISK_SCHEMA' AND t.typtype = 'b'
	  AND t.typcategory <> 'A' AND t.typreceive <> 0
	ORDER BY 1" > "$work/types" || exit 1

if [ ! -s "$work/types" ]; then
	echo "hostile_recv: no type in schema $MIGRISK_SCHEMA has a binary receive function yet: nothing to feed"
	guard_check hostile_recv
	exit $?
fi

failed=0
total=0
while read -r typ typlen send; do
	table="hostile.$typ"
	psql_q -d "$db" -c "CREATE TABLE $table (v $MIGRISK_SCHEMA.$typ)" || { failed=1; continue; }
	# up to three valid values, as their send bytes, to mutate
	hexes=$(psql_q -d "$db" -c "SELECT encode($send(v), 'hex') FROM samples.$typ
		WHERE v IS NOT NULL ORDER BY id LIMIT 3" 2>/dev/null)
	# shellcheck disable=SC2086
	n=$(perl "$LIBDIR/hostile.pl" "$work" "$typ" "$typlen" "$table" $hexes 2>&1 > "$work/$typ.psql")
	chmod 644 "$work"/*.bin 2>/dev/null
	psql -X -d "$db" -f "$work/$typ.psql" > "$work/$typ.out" 2>&1
	accepted=$(grep -c '^COPY 1$' "$work/$typ.out")
	rejected=$(grep -c ': ERROR:  ' "$work/$typ.out")
	internal=$(grep ': ERROR:  XX000' "$work/$typ.out" | wc -l)
	codes=$(grep -o ': ERROR:  [0-9A-Z]\{5\}' "$work/$typ.out" | awk '{print $3}' | sort | uniq -c |
		awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}')
	printf 'hostile_recv: %s: %s payloads (%s valid values mutated), %s rejected [%s], %s accepted\n' \
		"$typ" "$n" "$(echo "$hexes" | grep -c .)" \
		"$rejected" "$codes" "$accepted"
	total=$((total + n))
	if [ $((accepted + rejected)) -ne "$n" ]; then
		echo "hostile_recv: $typ: FAIL: $n payloads but $accepted accepted + $rejected rejected:"
		grep -v -e '^COPY 1$' -e ': ERROR:  ' -e '^DETAIL:' -e '^CONTEXT:' -e '^LOCATION:' -e '^HINT:' \
			"$work/$typ.out" | head -10
		failed=1
	fi
	if [ "$internal" -gt 0 ]; then
		echo "hostile_recv: $typ: FAIL: $internal payloads raised an internal error (XX000), e.g.:"
		grep ': ERROR:  XX000' "$work/$typ.out" | head -5 | while IFS= read -r line; do
			lno=$(echo "$line" | sed -n 's/^psql:[^:]*:\([0-9]*\): .*/\1/p')
			echo "    $(awk -F '\t' -v l="$lno" '$1 == l {print $2}' "$work/$typ.index"): ${line#*ERROR:  }"
		done
		failed=1
	fi
	# what recv accepted, text input must accept and print back the same
	psql_q -d "$db" -c "CREATE FUNCTION pg_temp.reparses(t text, typ text) RETURNS boolean
			LANGUAGE plpgsql AS \$\$
			DECLARE back text;
			BEGIN
				EXECUTE format('SELECT (%L::$MIGRISK_SCHEMA.%I)::text', t, typ) INTO back;
				RETURN back = t;
			EXCEPTION WHEN others THEN
				RETURN false;
			END \$\$;
			SELECT v::text FROM $table h WHERE h.v IS NOT NULL AND NOT pg_temp.reparses(h.v::text, '$typ')" \
		> "$work/$typ.bad" 2>&1
	bad=$(grep -c . "$work/$typ.bad")
	if [ "$bad" -gt 0 ]; then
		echo "hostile_recv: $typ: FAIL: $bad values accepted by binary receive do not survive text output and input, e.g.:"
		head -5 "$work/$typ.bad" | sed 's/^/    /'
		failed=1
	fi
done < "$work/types"

echo "hostile_recv: $total payloads in all"
guard_check hostile_recv || failed=1
exit $failed
