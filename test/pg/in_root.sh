#!/bin/sh
# Runs inside a test/pg root (PG_MAJOR, PORT set): build, install, unit
# tests, then pg_regress and the shell tests in a throwaway cluster.
# Results go to /build/state for test/pg/run.sh to count.
set -u
cd "$(dirname "$0")/../.."
. test/lib.sh

export MIGRISK_STATE=/build/state
export PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config
# sqlsmith, R and its survey package are in the root: their tests must
# not skip.  Fuzzing exercises the pure cores, the same on every major, and
# the browser check renders the same report whatever server wrote it: the
# host's make test runs both.
export MIGRISK_REQUIRE_SQLSMITH=1
export MIGRISK_REQUIRE_R=1
# the 17 root installs MobilityDB (trixie ships it): its comparison must run
[ "$PG_MAJOR" = 17 ] && export MIGRISK_REQUIRE_MOBILITYDB=1
export MIGRISK_SKIP_SHELL="fuzz_smoke report_browser"
[ -f /build/forward/dump ] && export MIGRISK_FORWARD_DUMP=/build/forward

step "build ($(gcc --version | head -1); $("$PG_CONFIG" --version))"
if ! make -s -j2 all; then
	record "build" fail
	exit 1
fi
record "build" pass
if ! make -s install >/dev/null; then
	record "install" fail
	exit 1
fi

step "unit tests (pure C cores)"
sh test/unit/run.sh

step "cluster tests (pg_regress, shell tests) in pg_virtualenv"
cat > /build/cluster.sh <<'SH'
. test/lib.sh
sh test/in_cluster.sh
# the dump PostgreSQL 15 made on the host, restored here
if [ -n "${MIGRISK_FORWARD_DUMP:-}" ]; then
	if DUMP_RESTORE_PHASE=restore DUMP_RESTORE_DIR="$MIGRISK_FORWARD_DUMP" \
		sh test/shell/dump_restore.sh > /build/forward.out 2>&1; then
		grep -E 'restoring|FAIL|tables compared' /build/forward.out
		record "shell/dump_restore from PostgreSQL 15" pass
	else
		cat /build/forward.out
		record "shell/dump_restore from PostgreSQL 15" fail
	fi
fi
SH
if ! pg_virtualenv -t -v "$PG_MAJOR" -c "-p $PORT" sh /build/cluster.sh; then
	record cluster fail
fi
