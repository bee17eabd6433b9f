#!/bin/sh
# Concurrent load: pgbench on loopback, LOAD_CLIENTS clients (default 4)
# for LOAD_SECONDS (default 10), against whatever migrisk has:
#   insert  one row of a random migrisk type into load.<type> (values from
#           the tests: test/shell/lib/common.sh), as ETL does;
#   call    one call of a migrisk function taking one migrisk type, or a
#           text round trip, on a known value (every call checked serially
#           first, so under load none may fail);
#   agg     one migrisk aggregate over a whole load table while it grows;
#   version migrisk.version(), always.
# Passes when pgbench reports no failed transaction and no aborted client,
# the load tables hold exactly as many rows as insert transactions ran, and
# no backend crashed.
set -u
. "$(dirname "$0")/lib/common.sh"
cd "$(dirname "$0")/../.."

ext=${MIGRISK_EXTENSION:-migrisk}
db=migrisk_load_$$
work=$(mktemp -d -t migrisk-load.XXXXXX)
cleanup() {
	rm -rf "$work"
	psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
}
trap cleanup EXIT
clients=${LOAD_CLIENTS:-4}
seconds=${LOAD_SECONDS:-10}

guard_start || exit 1
psql_q -d postgres -c "CREATE DATABASE $db" || exit 1
psql_q -d "$db" -c "CREATE EXTENSION IF NOT EXISTS $ext CASCADE" || exit 1
if [ -n "${MIGRISK_SETUP_SQL:-}" ]; then psql_q -d "$db" -f "$MIGRISK_SETUP_SQL" || exit 1; fi
make_sample_tables "$db" > "$work/samples" || exit 1

psql_q -d "$db" <<SQL || exit 1
CREATE SCHEMA load;
-- the types with at least one value to insert
CREATE TABLE load.types (n serial, typname text);
INSERT INTO load.types (typname)
SELECT c.relname FROM pg_class c
WHERE c.relnamespace = 'samples'::regnamespace AND c.relkind = 'r'
ORDER BY 1;
DO \$\$
DECLARE t record; k bigint;
BEGIN
	FOR t IN SELECT typname FROM load.types LOOP
		EXECUTE format('SELECT count(v) FROM samples.%I', t.typname) INTO k;
		IF k = 0 THEN
			DELETE FROM load.types WHERE typname = t.typname;
		ELSE
			EXECUTE format('CREATE TABLE load.%I (id bigserial, client int, v %I.%I)',
						   t.typname, '$MIGRISK_SCHEMA', t.typname);
		END IF;
	END LOOP;
END \$\$;
CREATE TABLE load.types2 AS SELECT row_number() OVER (ORDER BY typname)::int AS n, typname FROM load.types;

CREATE FUNCTION load.insert_one(k int, c int) RETURNS void LANGUAGE plpgsql AS \$\$
DECLARE t text;
BEGIN
	SELECT typname INTO STRICT t FROM load.types2 WHERE n = k;
	EXECUTE format('INSERT INTO load.%I (client, v) SELECT \$1, v FROM samples.%I
		WHERE v IS NOT NULL ORDER BY random() LIMIT 1', t, t) USING c;
END \$\$;
SQL
psql_q -d "$db" -F ' ' -c "
	SELECT p.oid::regproc, t.typname
	FROM pg_proc p JOIN pg_type t ON t.oid = p.proargtypes[0]
	JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = '$MIGRISK_SCHEMA'
	JOIN load.types2 lt ON lt.typname = t.typname
	WHERE p.pronamespace = '$MIGRISK_SCHEMA'::regnamespace AND p.pronargs = 1 AND p.prokind = 'f'
	  AND NOT p.proretset AND (SELECT typtype FROM pg_type WHERE oid = p.prorettype) <> 'p'
	ORDER BY 1" > "$work/funcs"
psql_q -d "$db" -F ' ' -c "SELECT typname FROM load.types2 ORDER BY n" > "$work/types"
{
	while read -r typ; do
		for id in $(psql_q -d "$db" -c "SELECT id FROM samples.$typ WHERE v IS NOT NULL ORDER BY id LIMIT 5"); do
			echo "SELECT (v::text)::$MIGRISK_SCHEMA.$typ::text FROM samples.$typ WHERE id = $id"
			awk -v t="$typ" -v id="$id" '$2 == t { printf "SELECT %s(v) FROM samples.%s WHERE id = %s\n", $1, t, id }' "$work/funcs"
		done
	done < "$work/types"
} > "$work/calls"
# aggregates whose first argument is a migrisk type and any others numeric
psql_q -d "$db" -c "
	SELECT format('SELECT %s(v%s)::text FROM load.%I', p.oid::regproc,
		repeat(', 1', p.pronargs - 1), t.typname)
	FROM pg_proc p JOIN pg_type t ON t.oid = p.proargtypes[0]
	JOIN load.types2 lt ON lt.typname = t.typname
	WHERE p.pronamespace = '$MIGRISK_SCHEMA'::regnamespace AND p.prokind = 'a'
	  AND NOT EXISTS (SELECT 1 FROM unnest(p.proargtypes[1:]) a
					  WHERE a NOT IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype,
									  'float4'::regtype, 'float8'::regtype, 'numeric'::regtype))
	ORDER BY 1" > "$work/aggs"

# keep the statements that succeed when run alone
psql_q -d "$db" -c "CREATE TABLE load.calls (n serial, sql text); CREATE TABLE load.aggs (n serial, sql text)"
keep() {
	while IFS= read -r s; do
		if psql_q -d "$db" -c "$s" >/dev/null 2>&1; then
			printf '%s\n' "$s"
		fi
	done
}
keep < "$work/calls" > "$work/calls.ok"
# an aggregate is tried on the sample table (the load tables are empty yet)
while IFS= read -r s; do
	t=$(printf '%s\n' "$s" | sed 's/ FROM load\./ FROM samples./')
	if psql_q -d "$db" -c "$t" >/dev/null 2>&1; then
		printf '%s\n' "$s"
	fi
done < "$work/aggs" > "$work/aggs.ok"
psql_q -d "$db" -c "\\copy load.calls (sql) FROM '$work/calls.ok'" -c "\\copy load.aggs (sql) FROM '$work/aggs.ok'" || exit 1
psql_q -d "$db" <<'SQL' || exit 1
CREATE FUNCTION load.run(tab text, k int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE s text;
BEGIN
	EXECUTE format('SELECT sql FROM load.%I WHERE n = $1', tab) INTO STRICT s USING k;
	EXECUTE s;
END $$;
SQL
ntypes=$(grep -c . "$work/types")
ncalls=$(grep -c . "$work/calls.ok")
naggs=$(grep -c . "$work/aggs.ok")
echo "concurrent_load: $ntypes types with values, $ncalls calls (of $(grep -c . "$work/calls")), $naggs aggregates"

echo "SELECT $MIGRISK_SCHEMA.version();" > "$work/version.sql"
[ "$ext" = migrisk ] || echo "SELECT 1;" > "$work/version.sql"
scripts="-f $work/version.sql@1"
printf '\\set k random(1, %s)\nSELECT load.insert_one(:k, :client_id);\n' "$ntypes" > "$work/insert.sql"
if [ "$ncalls" -gt 0 ]; then
	printf '\\set k random(1, %s)\nSELECT load.run($$calls$$, :k);\n' "$ncalls" > "$work/call.sql"
	scripts="$scripts -f $work/call.sql@4"
fi
if [ "$naggs" -gt 0 ]; then
	printf '\\set k random(1, %s)\nSELECT load.run($$aggs$$, :k);\n' "$naggs" > "$work/agg.sql"
	scripts="$scripts -f $work/agg.sql@1"
fi

# Writers run a fixed number of transactions (so the row count to expect is
# exact: pgbench -T does not count the transactions cut off at the end),
# readers for a fixed time, at the same time.
writers=$(( clients / 2 ))
[ "$writers" -lt 1 ] && writers=1
readers=$(( clients - writers ))
[ "$readers" -lt 1 ] && readers=1
per_writer=${LOAD_INSERTS:-10000}
if [ "$ntypes" -gt 0 ]; then
	timeout $((seconds * 4 + 30)) pgbench -n -c "$writers" -j "$writers" -t "$per_writer" -f "$work/insert.sql" "$db" > "$work/write" 2>&1 &
	wpid=$!
fi
# shellcheck disable=SC2086
pgbench -n -c "$readers" -j "$readers" -T "$seconds" $scripts "$db" > "$work/read" 2>&1
rrc=$?
wrc=0
if [ "$ntypes" -gt 0 ]; then
	wait "$wpid"
	wrc=$?
fi

failed=0
for side in read write; do
	[ -f "$work/$side" ] || continue
	rc=$rrc
	[ $side = write ] && rc=$wrc
	processed=$(sed -n 's/^number of transactions actually processed: \([0-9/]*\).*/\1/p' "$work/$side")
	nfail=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$work/$side")
	tps=$(sed -n 's/^tps = \([0-9]*\).*/\1/p' "$work/$side")
	echo "concurrent_load: $side: $processed transactions, ${nfail:-?} failed, $tps tps, exit $rc"
	if [ $rc -ne 0 ] || [ "${nfail:-0}" != 0 ]; then
		echo "concurrent_load: FAIL: $side errors:"
		grep -iE 'error|abort' "$work/$side" | head -10 | sed 's/^/    /'
		failed=1
	fi
done
if [ "$ntypes" -gt 0 ]; then
	expect=$((writers * per_writer))
	rows=$(psql_q -d "$db" -c "SELECT coalesce(sum((xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM load.%I', typname), false, true, '')))[1]::text::bigint), 0) FROM load.types2")
	clients_seen=$(psql_q -d "$db" -c "SELECT count(DISTINCT client) FROM ($(
		awk '{ printf "%sSELECT client FROM load.%s", sep, $1; sep = " UNION ALL " }' "$work/types")) c")
	if [ "$rows" != "$expect" ]; then
		echo "concurrent_load: FAIL: $expect inserts committed but $rows rows in the load tables"
		failed=1
	else
		echo "concurrent_load: $expect inserts from $clients_seen clients, $rows rows: consistent"
	fi
fi
guard_check concurrent_load || failed=1
exit $failed
