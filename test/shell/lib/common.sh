# Helpers for migrisk's robustness shell tests (sourced, not run: this
# directory is not scanned by test/in_cluster.sh).  They run inside a
# throwaway cluster: PGHOST, PGPORT and PGUSER name a superuser.
#
#   guard_start             remember where the server log ends and plant a
#                           row in an UNLOGGED table (crash recovery empties it)
#   guard_check NAME        fail if, since guard_start, a backend crashed:
#                           server unreachable, the planted row gone (the
#                           postmaster reinitialised after a crash), or the log
#                           shows a backend killed by a signal or a sanitizer
#                           report
#   migrisk_types DB        migrisk's own types: "typname kind" lines
#                           (b base, c composite, e enum, d domain, r range)
#   make_sample_tables DB   schema samples in DB: one table per migrisk type
#                           filled with the values harvested from the tests

MIGRISK_SCHEMA=${MIGRISK_SCHEMA:-migrisk}
LIBDIR=$(cd "$(dirname "$0")/lib" && pwd)

psql_q() {
	psql -X -q -At -v ON_ERROR_STOP=1 "$@"
}

# The server log of the cluster on $PGPORT: Debian's pg_lsclusters knows it
# (pg_virtualenv as root and as an ordinary user put it in different
# places); else the logging collector's current file.
server_log() {
	if command -v pg_lsclusters >/dev/null 2>&1; then
		pg_lsclusters -h 2>/dev/null | awk -v p="${PGPORT:-5432}" '$3 == p && $7 != "" { print $7; exit }'
		return
	fi
	psql_q -d postgres -c "SELECT CASE WHEN pg_current_logfile() IS NULL THEN ''
		WHEN pg_current_logfile() LIKE '/%' THEN pg_current_logfile()
		ELSE current_setting('data_directory') || '/' || pg_current_logfile() END" 2>/dev/null
}

guard_start() {
	GUARD_LOG=$(server_log)
	if [ -n "$GUARD_LOG" ] && [ -r "$GUARD_LOG" ]; then
		GUARD_OFFSET=$(wc -c < "$GUARD_LOG")
	else
		GUARD_LOG=""
		echo "note: server log not readable; relying on the crash sentinel only"
	fi
	GUARD_TABLE="migrisk_crash_sentinel_$$"
	psql_q -d postgres -c "CREATE UNLOGGED TABLE IF NOT EXISTS public.$GUARD_TABLE AS SELECT 1 AS alive"
}

guard_check() {
	ok=0
	if ! psql_q -d postgres -c "SELECT 1" >/dev/null 2>&1; then
		# the postmaster may still be in crash recovery: give it a moment
		sleep 3
		if ! psql_q -d postgres -c "SELECT 1" >/dev/null 2>&1; then
			echo "$1: FAIL: the server no longer accepts connections"
			return 1
		fi
	fi
	alive=$(psql_q -d postgres -c "SELECT count(*) FROM public.$GUARD_TABLE" 2>&1)
	if [ "$alive" != 1 ]; then
		echo "$1: FAIL: the server went through crash recovery (sentinel: $alive)"
		ok=1
	fi
	psql_q -d postgres -c "DROP TABLE IF EXISTS public.$GUARD_TABLE" >/dev/null 2>&1
	if [ -n "$GUARD_LOG" ]; then
		tail -c +"$((GUARD_OFFSET + 1))" "$GUARD_LOG" > "${TMPDIR:-/tmp}/guard.$$" 2>/dev/null
		if grep -E 'terminated by signal|terminated by exception|exited with exit code ([2-9]|[1-9][0-9])|PANIC:|AddressSanitizer|runtime error:|LeakSanitizer' \
			"${TMPDIR:-/tmp}/guard.$$" | head -20 | sed "s/^/$1: log: /" | grep .; then
			echo "$1: FAIL: the server log shows a crashed backend"
			ok=1
		fi
		rm -f "${TMPDIR:-/tmp}/guard.$$"
	fi
	return $ok
}

migrisk_types() {
	psql_q -d "$1" -F ' ' -c "
		SELECT t.typname,
			CASE t.typtype WHEN 'c' THEN 'c' WHEN 'e' THEN 'e' WHEN 'd' THEN 'd'
				WHEN 'r' THEN 'r' WHEN 'm' THEN 'r' ELSE 'b' END
		FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
		WHERE n.nspname = '$MIGRISK_SCHEMA'
		  AND t.typtype IN ('b', 'c', 'e', 'd', 'r', 'm')
		  AND t.typcategory <> 'A'
		  AND t.typisdefined
		  -- a table's row type is not a type of its own
		  AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
		ORDER BY 1"
}

# Every literal 'text'::type (or ::migrisk.type) written in the regression
# tests, the demo and test/shell/samples/<type>.txt (one text value a line)
# is a candidate value; those the type accepts become rows.  Enums get all
# their labels.  Prints "type rows" per type.
make_sample_tables() {
	db=$1
	root=$(cd "$LIBDIR/../../.." && pwd)
	cand="${TMPDIR:-/tmp}/migrisk_samples.$$"
	perl "$LIBDIR/harvest.pl" "$root"/sql/*.sql "$root"/demo/sql/*.sql "$root"/test/shell/samples/*.txt ${MIGRISK_SAMPLE_FILES:-} > "$cand" 2>/dev/null
	psql_q -d "$db" <<SQL
CREATE SCHEMA IF NOT EXISTS samples;
CREATE TEMP TABLE candidate (typname text, lit text);
\\copy candidate FROM '$cand'
DO \$\$
DECLARE
	t record;
	c record;
BEGIN
	FOR t IN
		SELECT ty.oid, ty.typname, ty.typtype
		FROM pg_type ty JOIN pg_namespace n ON n.oid = ty.typnamespace
		WHERE n.nspname = '$MIGRISK_SCHEMA'
		  AND ty.typtype IN ('b', 'c', 'e', 'd', 'r', 'm')
		  AND ty.typcategory <> 'A' AND ty.typisdefined
		  AND (ty.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = ty.typrelid) = 'c')
	LOOP
		EXECUTE format('CREATE TABLE samples.%I (id serial PRIMARY KEY, v %I.%I)',
					   t.typname, '$MIGRISK_SCHEMA', t.typname);
		IF t.typtype = 'e' THEN
			EXECUTE format('INSERT INTO samples.%I (v) SELECT unnest(enum_range(NULL::%I.%I))',
						   t.typname, '$MIGRISK_SCHEMA', t.typname);
		END IF;
		FOR c IN SELECT DISTINCT lit FROM candidate WHERE typname = t.typname ORDER BY lit LOOP
			BEGIN
				EXECUTE format('INSERT INTO samples.%I (v) VALUES (%L::%I.%I)',
							   t.typname, c.lit, '$MIGRISK_SCHEMA', t.typname);
			EXCEPTION WHEN others THEN
				NULL;		-- an error case of the tests: not a sample
			END;
		END LOOP;
		EXECUTE format('INSERT INTO samples.%I (v) VALUES (NULL)', t.typname);
	END LOOP;
END
\$\$;
SQL
	rc=$?
	rm -f "$cand"
	[ $rc -eq 0 ] || return $rc
	psql_q -d "$db" -F ' ' -c "
		SELECT c.relname, (xpath('/row/n/text()',
			query_to_xml(format('SELECT count(v) AS n FROM samples.%I', c.relname), false, true, '')))[1]::text
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'samples' AND c.relkind = 'r' ORDER BY 1"
}
