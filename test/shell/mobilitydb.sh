#!/bin/sh
# Journeys against MobilityDB, the reference for moving objects in
# PostgreSQL (test/shell/lib/mobilitydb.sql): the same journeys as migrisk
# journeys and as MobilityDB tgeogpoint/tgeompoint sequences, compared on
# positions at timestamps (valueAtTimestamp), stops with the same
# thresholds (stops) and time inside polygons (atGeometry, duration), each
# within a stated tolerance; docs/journeys.md says where the semantics
# differ on purpose.  Debian ships MobilityDB for PostgreSQL 17 (trixie,
# 1.2): the 17 root installs it and sets MIGRISK_REQUIRE_MOBILITYDB, so
# there the test fails without it; elsewhere (the 15 host, 18) it skips.
set -u
. "$(dirname "$0")/lib/common.sh"
have=$(psql_q -d postgres -c "SELECT count(*) FROM pg_available_extensions WHERE name = 'mobilitydb'")
if [ "$have" != 1 ]; then
	if [ -n "${MIGRISK_REQUIRE_MOBILITYDB:-}" ]; then
		echo "mobilitydb: FAIL: MobilityDB is not installed on this server (postgresql-17-mobilitydb)"
		exit 1
	fi
	echo "mobilitydb: skipped: MobilityDB is not installed on this server (Debian ships it for PostgreSQL 17 only)"
	exit 0
fi
# MobilityDB's documentation asks for shared_preload_libraries = 'postgis-3';
# on a cluster shared with other tests that is not set, and the session's
# equivalent loads PostGIS first in each of this test's backends
case "$(psql_q -d postgres -c 'SHOW shared_preload_libraries')" in
	*postgis*) ;;
	*) PGOPTIONS="${PGOPTIONS:-} -c session_preload_libraries=postgis-3"
	   export PGOPTIONS
	   echo "mobilitydb: PostGIS preloaded per session (session_preload_libraries)" ;;
esac
db=migrisk_mobilitydb_$$
cleanup() {
	psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
}
trap cleanup EXIT
psql_q -d postgres -c "CREATE DATABASE $db" || exit 1
out=$(psql -X -q -At -F ' | ' -d "$db" -f "$LIBDIR/mobilitydb.sql" 2>&1) || {
	echo "$out"
	echo "mobilitydb: FAIL: the comparison script failed"
	exit 1
}
echo "$out"
bad=$(echo "$out" | awk -F ' \\| ' '$1 ~ /mismatches$/ && $2 != 0')
n=$(echo "$out" | grep -c 'mismatches |')
if [ -n "$bad" ] || [ "$n" -ne 3 ]; then
	echo "mobilitydb: FAIL: $bad"
	exit 1
fi
echo "mobilitydb: positions, stops and time inside polygons agree with MobilityDB $(psql_q -d "$db" -c "SELECT extversion FROM pg_extension WHERE extname = 'mobilitydb'")"
