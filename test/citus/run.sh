#!/bin/sh
# make test-citus: migrisk on a Citus cluster (a coordinator and two workers
# on loopback, started here in a scratch directory and stopped at the end):
# the distributed checks in test/citus/sql/ through pg_regress against the
# coordinator.  Citus is not a Debian package: when it is not installed for
# this PostgreSQL the target says so and skips.  Ends with "N passed, N
# failed" (", 1 skipped" when skipped).
set -u
cd "$(dirname "$0")/../.."
. test/lib.sh

PG_CONFIG=${PG_CONFIG:-$(make -s --no-print-directory print-pg-config 2>/dev/null || echo pg_config)}
bindir=$("$PG_CONFIG" --bindir)
sharedir=$("$PG_CONFIG" --sharedir)
pkglibdir=$("$PG_CONFIG" --pkglibdir)
major=$("$PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')

if [ ! -f "$sharedir/extension/citus.control" ] || [ ! -f "$pkglibdir/citus.so" ]; then
	echo "test-citus: Citus is not installed for PostgreSQL $major ($sharedir/extension/citus.control);"
	echo "  it is not a Debian package: build it from its source release (13.2 for PostgreSQL 15-17,"
	echo "  14 for 16-18) and install it, then run make test-citus again. Skipped."
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
citus_version=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$sharedir/extension/citus.control")

t0=$(date +%s)
if ! make -s -j2 all || ! install_extension; then
	echo "0 passed, 1 failed"
	exit 1
fi

work=$(mktemp -d -t migrisk-citus.XXXXXX)
chmod 755 "$work"
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}
[ "$(id -u)" = 0 ] && chown postgres "$work"
nodes="coord w1 w2"
port_of() {
	cat "$work/$1.port"
}
stop_all() {
	for n in $nodes; do
		[ -d "$work/$n" ] && as_owner "$bindir/pg_ctl" -D "$work/$n" -m immediate stop >/dev/null 2>&1
	done
	rm -rf "$work"
}
trap stop_all EXIT

step "Citus $citus_version on PostgreSQL $major: coordinator and two workers on 127.0.0.1"
base=$(free_port)
i=0
for n in $nodes; do
	p=$((base + 10 * i))
	while pg_isready -q -h 127.0.0.1 -p "$p" >/dev/null 2>&1 || [ $? -ne 2 ]; do p=$((p + 1)); done
	i=$((i + 1))
	echo "$p" > "$work/$n.port"
	as_owner "$bindir/initdb" -D "$work/$n" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null || exit 1
	cat >> "$work/$n/postgresql.conf" <<CONF
port = $p
listen_addresses = '127.0.0.1'
unix_socket_directories = '$work'
shared_preload_libraries = 'citus'
max_connections = 100
max_worker_processes = 16
fsync = off
CONF
	as_owner "$bindir/pg_ctl" -D "$work/$n" -l "$work/$n.log" -w start >/dev/null || { cat "$work/$n.log"; exit 1; }
done
cp=$(port_of coord)
q() {
	node=$1
	shift
	psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(port_of "$node")" -U postgres -d postgres "$@"
}
for n in $nodes; do
	q "$n" -c "CREATE EXTENSION citus" || exit 1
done
q coord -c "SELECT citus_set_coordinator_host('127.0.0.1', $cp)" \
	-c "SELECT citus_add_node('127.0.0.1', $(port_of w1))" \
	-c "SELECT citus_add_node('127.0.0.1', $(port_of w2))" >/dev/null || exit 1
# CREATE EXTENSION on the coordinator reaches the workers
q coord -c "CREATE EXTENSION migrisk CASCADE" 2>/dev/null || exit 1
echo "test-citus: $(q coord -c "SELECT count(*) FROM citus_get_active_worker_nodes()") workers; migrisk $(q w1 -c "SELECT extversion FROM pg_extension WHERE extname = 'migrisk'") on a worker"

step "distributed checks (pg_regress on the coordinator)"
rm -rf results/citus
mkdir -p results/citus
# setup first, teardown last, the checks between in name order
tests="citus_setup $(ls test/citus/sql/*.sql | xargs -n1 basename | sed 's/\.sql$//' |
	grep -v -x -e citus_setup -e citus_teardown | sort | tr '\n' ' ') citus_teardown"
"$pkglibdir/pgxs/src/test/regress/pg_regress" --inputdir=test/citus --outputdir=results/citus \
	--use-existing --host=127.0.0.1 --port="$cp" --user=postgres --dbname=postgres $tests \
	> "$work/regress.out" 2>&1
cat "$work/regress.out"
[ -f results/citus/regression.diffs ] && head -150 results/citus/regression.diffs
pass=$(regress_results "$work/regress.out" | grep -c ' pass$')
fail=$(regress_results "$work/regress.out" | grep -c ' fail$')
[ "$pass" -gt 0 ] || fail=$((fail + 1))
echo "make test-citus took $(( $(date +%s) - t0 )) s (Citus $citus_version)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
