#!/bin/sh
# pg_dump / pg_restore round trip.  A database with the extension holds one
# table per migrisk type (every type found in the catalog, filled with the
# values the tests write: test/shell/lib/common.sh) and a user row in every
# configuration table the extension marks with pg_extension_config_dump
# (pg_extension.extconfig).  It is dumped (custom format), restored into a
# fresh database, and every table compared: row counts, then the rows as
# text both ways (the EXCEPT ALL of each side against the other, done on
# sorted text so the two databases need no link), plus the extension's
# version and its configuration-dump settings.
#
# The two halves can run on different servers: DUMP_RESTORE_PHASE=dump
# writes the dump and the source's rows into DUMP_RESTORE_DIR, and
# DUMP_RESTORE_PHASE=restore restores them on another server, e.g. a newer
# major (make test-pg: a dump by PostgreSQL 15 restored into 17 and 18).
#
# A user row for a configuration table: test/shell/samples/config_<table>.sql
# when it exists (an INSERT written by the table's owner), else one made
# from an existing row, with text keys suffixed and integer keys moved past
# the maximum.
set -u
. "$(dirname "$0")/lib/common.sh"
cd "$(dirname "$0")/../.."

src=migrisk_dump_src_$$
dst=migrisk_dump_dst_$$
work=$(mktemp -d -t migrisk-dump.XXXXXX)
cleanup() {
	rm -rf "$work"
	psql_q -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" >/dev/null 2>&1
}
trap cleanup EXIT
ext=${MIGRISK_EXTENSION:-migrisk}
phase=${DUMP_RESTORE_PHASE:-both}
# the extension itself, compared after the restore
q="SELECT extversion, (SELECT array_agg(c::regclass::text ORDER BY c::regclass::text) FROM unnest(extconfig) c), extcondition
	FROM pg_extension WHERE extname = '$ext'"
case "$phase" in
	both) ;;
	dump|restore)
		if [ -z "${DUMP_RESTORE_DIR:-}" ]; then
			echo "dump_restore: DUMP_RESTORE_PHASE=$phase needs DUMP_RESTORE_DIR"
			exit 1
		fi ;;
	*) echo "dump_restore: DUMP_RESTORE_PHASE is dump, restore or both, not '$phase'"; exit 1 ;;
esac
failed=0

guard_start || exit 1
if [ "$phase" = restore ]; then
	cp -r "$DUMP_RESTORE_DIR/." "$work/" || exit 1
	echo "dump_restore: restoring the dump in $DUMP_RESTORE_DIR ($(cat "$work/made_by"))"
else
psql_q -d postgres -c "CREATE DATABASE $src" || exit 1
psql_q -d "$src" -c "CREATE EXTENSION IF NOT EXISTS $ext CASCADE" || exit 1
if [ -n "${MIGRISK_SETUP_SQL:-}" ]; then psql_q -d "$src" -f "$MIGRISK_SETUP_SQL" || exit 1; fi
echo "dump_restore: tables of migrisk types (type, non-null rows):"
make_sample_tables "$src" > "$work/samples" || exit 1
sed 's/^/    /' "$work/samples"

# the configuration tables: extconfig of our extension (and of any table
# a setup file declared for a test run)
psql_q -d "$src" -c "
	SELECT c.oid::regclass
	FROM pg_extension e, unnest(e.extconfig) AS x(oid) JOIN pg_class c ON c.oid = x.oid
	WHERE e.extname = '$ext' AND c.relkind = 'r'
	ORDER BY 1" > "$work/config" || exit 1
psql_q -d "$src" -c "
	SELECT count(*) FROM pg_extension e, unnest(e.extconfig) AS x(oid)
	WHERE e.extname = '$ext'" > "$work/nconfig"
if [ ! -s "$work/config" ]; then
	echo "dump_restore: $ext has no configuration table (pg_extension_config_dump) yet"
fi

while read -r cfg; do
	bare=${cfg##*.}
	hook="test/shell/samples/config_$bare.sql"
	# the extension's dump filter for this table ("WHERE NOT builtin", ...)
	cond=$(psql_q -d "$src" -c "SELECT x.cond FROM pg_extension e,
		unnest(e.extconfig, e.extcondition) AS x(c, cond)
		WHERE e.extname = '$ext' AND x.c = '$cfg'::regclass")
	dumped_before=$(psql_q -d "$src" -c "SELECT count(*) FROM $cfg $cond")
	if [ -f "$hook" ]; then
		psql_q -d "$src" -f "$hook" || { echo "dump_restore: $hook failed"; failed=1; }
		continue
	fi
	# one user row copied from an existing one: in every column of a
	# unique or primary key, text gets a suffix, integers the maximum + 1
	psql_q -d "$src" -v cond="$cond" > "$work/cfgrow" 2>&1 <<SQL
SELECT set_config('dump_restore.cond', :'cond', false) IS NULL;
DO \$\$
DECLARE
	cols text := '';
	vals text := '';
	a record;
	n bigint;
BEGIN
	EXECUTE 'SELECT count(*) FROM $cfg' INTO n;
	IF n = 0 THEN
		RAISE NOTICE 'no row to copy in $cfg';
		RETURN;
	END IF;
	FOR a IN
		SELECT att.attname, att.atttypid::regtype::text AS typ,
			EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = att.attrelid AND i.indisunique
					AND att.attnum = ANY (i.indkey)) AS is_key
		FROM pg_attribute att
		WHERE att.attrelid = '$cfg'::regclass AND att.attnum > 0 AND NOT att.attisdropped
		  AND att.attgenerated = '' AND att.attidentity = ''
		ORDER BY att.attnum
	LOOP
		cols := cols || CASE WHEN cols = '' THEN '' ELSE ', ' END || quote_ident(a.attname);
		vals := vals || CASE WHEN vals = '' THEN '' ELSE ', ' END ||
			CASE
				WHEN a.is_key AND a.typ IN ('text', 'character varying', 'name', 'citext') THEN
					format('(SELECT %1\$I || ''_user'' FROM $cfg ORDER BY 1 LIMIT 1)', a.attname)
				WHEN a.is_key AND a.typ IN ('smallint', 'integer', 'bigint', 'numeric') THEN
					format('(SELECT max(%1\$I) + 1 FROM $cfg)', a.attname)
				-- a flag the dump filter reads ("WHERE NOT builtin"): flipped,
				-- so that the row is a user row the dump keeps
				WHEN a.typ = 'boolean' AND current_setting('dump_restore.cond') ~* ('\m' || a.attname || '\M') THEN
					format('(SELECT NOT %1\$I FROM $cfg ORDER BY 1 LIMIT 1)', a.attname)
				ELSE format('(SELECT %1\$I FROM $cfg ORDER BY 1 LIMIT 1)', a.attname)
			END;
	END LOOP;
	EXECUTE format('INSERT INTO $cfg (%s) VALUES (%s)', cols, vals);
END
\$\$;
SQL
	if [ $? -eq 0 ] && [ "$(psql_q -d "$src" -c "SELECT count(*) FROM $cfg $cond")" -gt "$dumped_before" ]; then
		echo "dump_restore: $cfg: added a user row (kept by the dump filter: ${cond:-all rows})"
	else
		# a gap in coverage, not a dump failure: say so loudly
		echo "dump_restore: WARNING: $cfg: no user row that the dump keeps ($(grep ERROR "$work/cfgrow" | head -1));"
		echo "    write test/shell/samples/config_$bare.sql with an INSERT of one user row"
	fi
done < "$work/config"

pg_dump -Fc -d "$src" -f "$work/dump" || { echo "dump_restore: pg_dump failed"; exit 1; }

# the tables to compare: our samples and the configuration tables, each
# as sorted text on the source side
{ psql_q -d "$src" -c "SELECT format('samples.%I', relname) FROM pg_class
	WHERE relnamespace = 'samples'::regnamespace AND relkind = 'r' ORDER BY 1" 2>/dev/null
  cat "$work/config"; } > "$work/tables"
mkdir -p "$work/rows"
n=0
while read -r t; do
	[ -n "$t" ] || continue
	n=$((n + 1))
	psql_q -d "$src" -c "COPY (SELECT x::text FROM $t x) TO STDOUT" 2>&1 |
		LC_ALL=C sort > "$work/rows/$n"
done < "$work/tables"
psql_q -d "$src" -c "$q" > "$work/extension"
psql_q -d "$src" -c "SELECT version()" > "$work/made_by"
fi

if [ "$phase" = dump ]; then
	mkdir -p "$DUMP_RESTORE_DIR" && cp -r "$work/." "$DUMP_RESTORE_DIR/" || exit 1
	echo "dump_restore: dump and source rows of $(wc -l < "$work/tables") tables in $DUMP_RESTORE_DIR"
	guard_check dump_restore || failed=1
	exit $failed
fi

t0=$(date +%s)
psql_q -d postgres -c "CREATE DATABASE $dst TEMPLATE template0" || exit 1
if ! pg_restore --exit-on-error -d "$dst" "$work/dump" 2> "$work/restore.err"; then
	echo "dump_restore: pg_restore failed:"
	head -20 "$work/restore.err"
	exit 1
fi
echo "dump_restore: dump $(wc -c < "$work/dump") bytes, restored in $(( $(date +%s) - t0 )) s"

ntables=0
while read -r t; do
	[ -n "$t" ] || continue
	ntables=$((ntables + 1))
	cp "$work/rows/$ntables" "$work/src.rows"
	psql_q -d "$dst" -c "COPY (SELECT x::text FROM $t x) TO STDOUT" 2>&1 |
		LC_ALL=C sort > "$work/dst.rows"
	before=$(wc -l < "$work/src.rows")
	after=$(wc -l < "$work/dst.rows")
	only_src=$(LC_ALL=C comm -23 "$work/src.rows" "$work/dst.rows" | wc -l)
	only_dst=$(LC_ALL=C comm -13 "$work/src.rows" "$work/dst.rows" | wc -l)
	if [ "$before" -ne "$after" ] || [ "$only_src" -ne 0 ] || [ "$only_dst" -ne 0 ]; then
		echo "dump_restore: FAIL: $t: $before rows before, $after after; $only_src only before, $only_dst only after:"
		diff "$work/src.rows" "$work/dst.rows" | head -10 | sed 's/^/    /'
		failed=1
	else
		echo "dump_restore: $t: $before rows before and after, equal"
	fi
done < "$work/tables"

# the extension itself: same version, same configuration-dump settings
a=$(cat "$work/extension")
b=$(psql_q -d "$dst" -c "$q")
if [ "$a" != "$b" ]; then
	echo "dump_restore: FAIL: extension differs after restore: [$a] vs [$b]"
	failed=1
fi
echo "dump_restore: $ntables tables compared"
guard_check dump_restore || failed=1
exit $failed
