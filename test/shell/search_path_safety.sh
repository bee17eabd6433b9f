#!/bin/sh
# Search-path safety (CVE-2018-1058 class).  In a database where public --
# PostGIS's schema, so on the path of migrisk's install script and of most
# callers -- holds look-alikes of the built-ins migrisk's install script
# calls and of common functions, aggregates and operators, with neighbour
# signatures that win overload resolution over pg_catalog for loosely typed
# calls (test/shell/lib/hostile.sql):
#  1. CREATE EXTENSION migrisk must call none of them;
#  2. the regression tests' SQL (sql/*.sql but init), run there, must not
#     make migrisk's code call any of them (calls from a test's own
#     statement that names the function are not migrisk's and are counted
#     apart).
# A look-alike that is called warns "HOSTILE <signature> called by: <stack>".
set -u
. "$(dirname "$0")/lib/common.sh"
cd "$(dirname "$0")/../.."

ext=${MIGRISK_EXTENSION:-migrisk}
db=migrisk_searchpath_$$
work=$(mktemp -d -t migrisk-searchpath.XXXXXX)
cleanup() {
	rm -rf "$work"
	psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
}
trap cleanup EXIT

guard_start || exit 1
psql_q -d postgres -c "CREATE DATABASE $db" || exit 1
psql_q -d "$db" -c "CREATE EXTENSION postgis" || exit 1

# the names migrisk's install script calls: every identifier before "("
sharedir=$("${PG_CONFIG:-pg_config}" --sharedir)/extension
default=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$sharedir/$ext.control")
called=$(perl -ne 'print lc($1), "\n" while /([A-Za-z_][A-Za-z0-9_]*)\s*\(/g' "$sharedir/$ext--$default.sql" | sort -u)
common="lower upper length char_length octet_length array_length cardinality array_position
sum avg count min max round trunc abs sqrt cbrt ln log exp power floor ceil ceiling sign mod div
sin cos tan asin acos atan atan2 radians degrees width_bucket
concat concat_ws format replace substr substring strpos position btrim ltrim rtrim split_part
left right lpad rpad repeat reverse initcap translate regexp_replace regexp_match normalize
string_agg array_agg array_to_string string_to_array to_char to_number to_timestamp
date_trunc date_part age make_interval make_date justify_interval
md5 sha256 encode decode to_jsonb jsonb_build_object json_build_object
st_makepoint st_point st_setsrid st_distance st_x st_y st_makeline st_dwithin st_length
st_geomfromtext st_astext st_transform st_within st_contains st_intersects"
names=$(printf '%s\n%s\n' "$called" "$common" | tr ' ' '\n' | grep . | sort -u | paste -sd, -)

psql_q -d "$db" -v names="$names" -f "$LIBDIR/hostile.sql" > "$work/plant" || {
	echo "search_path_safety: could not plant the look-alikes"
	exit 1
}
echo "search_path_safety: $(tail -1 "$work/plant") look-alike functions, aggregates and operators in public"

hits() {
	psql_q -d "$db" -c "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM public.$1"
}

failed=0
# 1. the install script
psql -X -d "$db" -v ON_ERROR_STOP=1 -c "CREATE EXTENSION $ext" > "$work/install" 2>&1
rc=$?
if [ $rc -ne 0 ] || grep -q HOSTILE "$work/install"; then
	echo "search_path_safety: FAIL: CREATE EXTENSION $ext with look-alikes in public:"
	grep -E -A3 "HOSTILE|ERROR" "$work/install" | head -20 | sed "s/^/    /"
	failed=1
else
	echo "search_path_safety: CREATE EXTENSION $ext called no look-alike ($(hits hostile_hits) calls)"
fi

# 1b. what the install script bound to a look-alike without calling it yet:
# a CHECK constraint, column default, view or index on an empty table, a
# SQL-standard function body -- each recorded in pg_depend
psql_q -d "$db" -F ' | ' -c "
	WITH hostile_proc AS (
		SELECT oid FROM pg_proc
		WHERE pronamespace = 'public'::regnamespace AND prosrc LIKE '%public._hostile_hit%'
	), hostile AS (
		SELECT 'pg_proc'::regclass AS cls, oid FROM hostile_proc
		UNION ALL
		SELECT 'pg_operator'::regclass, o.oid FROM pg_operator o
		WHERE o.oprnamespace = 'public'::regnamespace AND o.oprcode IN (SELECT oid FROM hostile_proc)
		UNION ALL
		SELECT 'pg_proc'::regclass, a.aggfnoid FROM pg_aggregate a
		WHERE a.aggtransfn IN (SELECT oid FROM hostile_proc)
	)
	SELECT DISTINCT pg_describe_object(d.classid, d.objid, d.objsubid),
		pg_describe_object(d.refclassid, d.refobjid, 0)
	FROM pg_depend d JOIN hostile h ON h.cls = d.refclassid AND h.oid = d.refobjid
	WHERE NOT (d.classid = 'pg_proc'::regclass AND d.objid IN (SELECT oid FROM hostile WHERE cls = 'pg_proc'::regclass))
	  AND NOT (d.classid = 'pg_operator'::regclass AND d.objid IN (SELECT oid FROM hostile WHERE cls = 'pg_operator'::regclass))
	  AND NOT (d.classid = 'pg_aggregate'::regclass)
	ORDER BY 1" > "$work/bound" 2>&1
if [ -s "$work/bound" ]; then
	echo "search_path_safety: FAIL: objects of $ext bound to look-alikes in public (object | look-alike):"
	sed 's/^/    /' "$work/bound" | head -30
	failed=1
else
	echo "search_path_safety: no object of $ext depends on a look-alike"
fi

# 2. the regression tests' SQL, with public first on the path as a caller has it
n=0
for f in ${MIGRISK_REGRESS_DIR:-sql}/*.sql; do
	[ -e "$f" ] || continue
	[ "$(basename "$f")" = init.sql ] && continue
	n=$((n + 1))
	PGOPTIONS="-c search_path=public,$ext" psql -X -d "$db" -f "$f" > "$work/run.out" 2>&1
	if grep -q HOSTILE "$work/run.out"; then
		echo "search_path_safety: FAIL: $f made migrisk call a look-alike:"
		grep -A1 HOSTILE "$work/run.out" | head -20 | sed 's/^/    /'
		failed=1
	fi
done
# 3. the SQL bodies that call polymorphic built-ins, called directly with
# public first: each answer must equal the one with public off the path
# (a captured && makes risk_flags_from_htcds mark every indicator yes)
cat > "$work/poly.sql" <<EOF
SELECT 'htcds', migrisk.risk_flags_from_htcds('{nothing-listed}')::text;
SELECT 'htcds', migrisk.flag_count(migrisk.risk_flags_from_htcds('{nothing-listed}'));
SELECT 'ctdc', migrisk.risk_flags_from_ctdc('{"isForcedLabour": 1, "isSexualExploit": 0}')::text;
SELECT 'prevalence', p::text FROM migrisk.indicator_prevalence(
	(SELECT migrisk.risk_profile(f) FROM (VALUES (migrisk.risk_flags(ARRAY['held'], ARRAY[true])),
		(migrisk.risk_flags(ARRAY['held'], ARRAY[false]))) v(f))) p;
SELECT 'summary_prevalence', migrisk.summary_prevalence(
	(SELECT migrisk.risk_profile(f) FROM (VALUES (migrisk.risk_flags(ARRAY['held'], ARRAY[true])),
		(migrisk.risk_flags(ARRAY['held'], ARRAY[false]))) v(f)), 'held');
SELECT 'link_gamma', migrisk.link_gamma(given => 'exact', dob => 'exact')::text;
SELECT 'place_keys', migrisk._place_keys(ARRAY['Cd. Juárez', 'El Paso'])::text;
EOF
PGOPTIONS="-c search_path=$ext" psql -X -At -d "$db" -f "$work/poly.sql" > "$work/poly.clean" 2>&1
PGOPTIONS="-c search_path=public,$ext" psql -X -At -d "$db" -f "$work/poly.sql" > "$work/poly.hostile" 2>&1
if grep -q -E "HOSTILE|ERROR" "$work/poly.clean" "$work/poly.hostile" || ! cmp -s "$work/poly.clean" "$work/poly.hostile"; then
	echo "search_path_safety: FAIL: with public first, migrisk's SQL bodies answer differently (< public off the path, > public first):"
	diff "$work/poly.clean" "$work/poly.hostile" | grep -v '^[0-9]' | head -30 | sed 's/^/    /'
	grep -h ERROR "$work/poly.clean" | head -5 | sed 's/^/    /'
	failed=1
else
	echo "search_path_safety: $(grep -c . "$work/poly.clean") answers of SQL bodies calling polymorphic built-ins equal with public first"
fi

total=$(hits hostile_hits)
echo "search_path_safety: $n regression files run: $total look-alike calls from migrisk," \
	"$(hits hostile_ambiguous) from the tests' own statements (not counted)"
[ "$total" -eq 0 ] || failed=1
guard_check search_path_safety || failed=1
exit $failed
