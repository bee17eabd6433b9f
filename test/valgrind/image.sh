#!/bin/sh
# Run by test/valgrind/run.sh against the server under valgrind, after
# pg_regress (PGHOST, PGPORT, PGUSER name its superuser): every byte of
# every migrisk value is defined.
#
# Why: a value with an uninitialised byte (struct padding, a field left
# unset after palloc) is stored, WAL-logged, sent and compared as it
# happens to be: two equal values may differ on disk, and binary equality
# (DISTINCT on a hashed image, record *=, logical replication) can say they
# differ.  The server's own reports of such bytes (pwrite of WAL and data
# pages) are suppressed as PostgreSQL's padding noise, and they would show
# a stack entirely inside PostgreSQL anyway; so this check looks at our
# values directly, in one backend (valgrind's knowledge of which bytes are
# defined is per process and does not survive shared buffers):
#   - every sample value of every base type (those of the regression tests,
#     the demo and test/shell/samples: make_sample_tables) read back through
#     the type's text input and through binary COPY (its receive function),
#   - values built by constructors, operators and aggregates,
# each stored in a temporary table (local buffers are private memory) and
# compared with itself byte for byte by record_image_eq (t *= t, the whole
# row as a record),
# whose memcmp branches on every byte: an undefined byte is reported as a
# "Conditional jump ... depends on uninitialised value(s)" under
# record_image_eq, which run.sh counts as migrisk's (no regression test uses
# *=).  Checked by leaving route_segment's reserved field unset: reported.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# (common.sh looks for lib/ next to the script that sources it: reset)
. "$root/test/shell/lib/common.sh" 2>/dev/null
LIBDIR=$root/test/shell/lib

db=migrisk_valgrind_image
tmp=$(mktemp -d -t migrisk-image.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" || exit 1
psql_q -d "$db" -c "CREATE EXTENSION migrisk CASCADE" || exit 1
echo "sample values per type:"
make_sample_tables "$db" | sed 's/^/  /' || exit 1

s=$MIGRISK_SCHEMA
{
	echo "SET search_path = pg_catalog;"
	echo "SELECT $s.pprl_set_key('valgrind', 'a key for the valgrind check');"
	migrisk_types "$db" | while read -r typ kind; do
		[ "$kind" = b ] || continue
		# a type with neither text input nor binary I/O (route_segment_box, a
		# query and index key that is not stored) only from its constructors
		if [ "$(psql_q -d "$db" -c "SELECT typsend <> 0 FROM pg_type WHERE oid = '$s.$typ'::regtype")" = f ]; then
			echo "CREATE TEMP TABLE \"img_$typ\" (via text, v $s.$typ);"
			continue
		fi
		cat <<SQL
CREATE TEMP TABLE "img_$typ" (via text, v $s.$typ);
\\copy (SELECT v FROM samples.$typ WHERE v IS NOT NULL) TO '$tmp/$typ.bin' (FORMAT binary)
CREATE TEMP TABLE "bin_$typ" (v $s.$typ);
\\copy "bin_$typ" FROM '$tmp/$typ.bin' (FORMAT binary)
INSERT INTO "img_$typ" SELECT 'recv', v FROM "bin_$typ";
INSERT INTO "img_$typ" SELECT 'in', v::text::$s.$typ FROM samples.$typ WHERE v IS NOT NULL;
SQL
	done
	# constructors, operators and aggregates returning our types
	cat <<SQL
INSERT INTO img_route_segment
SELECT 'route_segment()', $s.route_segment(-3.7, 40.4, 2.35, 48.85)
UNION ALL SELECT 'route_segment()', $s.route_segment(-3.7, 40.4, 2.35, 48.85, 'bus',
	'2024-01-01 10:00+00', '2024-01-02 11:30+00');
INSERT INTO img_journey SELECT 'journey()', $s.journey(v ORDER BY id) FROM samples.route_segment;
INSERT INTO img_journey SELECT 'journey()', $s.journey(v) FROM img_route_segment;
INSERT INTO img_risk_flags
SELECT 'risk_flags(codes)', $s.risk_flags(ARRAY['held', 'debt', 'docs', 'smuggler'])
UNION ALL SELECT 'risk_flags(codes, states)', $s.risk_flags(ARRAY['held', 'debt', 'docs'], ARRAY[true, false, NULL])
UNION ALL SELECT 'risk_flags(yes, known)', $s.risk_flags(5, 7)
UNION ALL SELECT 'or/and/minus', op
	FROM (SELECT a.v AS a, b.v AS b FROM samples.risk_flags a, samples.risk_flags b
	      WHERE a.v IS NOT NULL AND b.v IS NOT NULL LIMIT 50) p,
	LATERAL (VALUES ($s.risk_flags_or(a, b)), ($s.risk_flags_and(a, b)), ($s.risk_flags_minus(a, b))) o(op);
INSERT INTO img_risk_state
SELECT 'risk_profile_state()', $s.risk_profile_state(v) FROM samples.risk_flags
UNION ALL SELECT 'risk_profile_state(w)', $s.risk_profile_state(v, 2.5) FROM samples.risk_flags;
INSERT INTO img_risk_state
SELECT 'risk_profile_union()', $s.risk_profile_union(v) FROM img_risk_state;
-- risk_state has no literal in the tests: its input and receive functions
-- read the aggregates' values back
\\copy (SELECT v FROM img_risk_state) TO '$tmp/risk_state_agg.bin' (FORMAT binary)
TRUNCATE bin_risk_state;
\\copy bin_risk_state FROM '$tmp/risk_state_agg.bin' (FORMAT binary)
INSERT INTO img_risk_state SELECT 'recv', v FROM bin_risk_state;
INSERT INTO img_risk_state SELECT 'in', v::text::$s.risk_state FROM bin_risk_state;
INSERT INTO img_link_gamma
SELECT 'compare_persons()', $s.compare_persons(
	ROW('Ana María', 'García', 'López', '1985-03-04', 'F', 'COL')::$s.person_ident,
	ROW(g, 'Garcia', NULL, '1985-04-03', 'F', NULL)::$s.person_ident)
FROM unnest(ARRAY['Ana María', 'Ana', 'Maria', '']) g;
INSERT INTO img_clk
SELECT 'clk_encode()', $s.clk_encode('valgrind', 'Ana María', 'García', '1985-03-04')
UNION ALL SELECT 'clk_encode_spec()', $s.clk_encode_spec('valgrind', 'bits=64, text:1, text:1', 'a', 'b');
INSERT INTO img_route_segment_box
SELECT 'route_segment_box()', $s.route_segment_box(v) FROM img_route_segment
UNION ALL SELECT 'route_segment_box()', $s.route_segment_box(tstzrange('2024-01-01', '2024-02-01', '(]'))
UNION ALL SELECT 'route_segment_box()', $s.route_segment_box(tstzrange('2024-01-01', '2024-01-01'))
UNION ALL SELECT 'route_segment_box()', $s.route_segment_box(public.st_makeenvelope(170, -20, 190, -10, 4326),
	tstzrange(NULL, '2024-01-01'));
SQL
	migrisk_types "$db" | while read -r typ kind; do
		[ "$kind" = b ] || continue
		echo "SELECT '$typ' AS type, via, count(*) AS n, count(*) FILTER (WHERE t *= t) AS same FROM \"img_$typ\" t GROUP BY via ORDER BY via;"
	done
} > "$tmp/image.sql"

# one session: one backend
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$tmp/image.sql" -P footer=off > "$tmp/image.out" 2>&1
rc=$?
grep -v '^ *$' "$tmp/image.out" | grep -v pprl_set_key | grep -v -- '---' | sed 's/^/  /'
psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
exit $rc
