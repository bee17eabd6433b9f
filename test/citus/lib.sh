# Sourced by test/citus/run.sh and bench.sh: a Citus cluster of a
# coordinator and two workers on 127.0.0.1, in a scratch directory, with
# migrisk installed; citus_start starts it (after checking that Citus is
# installed; returns 2 when it is not), the EXIT trap stops it and removes
# the directory.  q NODE ARGS...: psql on coord, w1 or w2.

PG_CONFIG=${PG_CONFIG:-$(make -s --no-print-directory print-pg-config 2>/dev/null || echo pg_config)}
bindir=$("$PG_CONFIG" --bindir)
sharedir=$("$PG_CONFIG" --sharedir)
pkglibdir=$("$PG_CONFIG" --pkglibdir)
major=$("$PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
nodes="coord w1 w2"

citus_installed() {
	[ -f "$sharedir/extension/citus.control" ] && [ -f "$pkglibdir/citus.so" ]
}
citus_version=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$sharedir/extension/citus.control" 2>/dev/null)

as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}
port_of() {
	cat "$work/$1.port"
}
q() {
	node=$1
	shift
	psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(port_of "$node")" -U postgres -d postgres "$@"
}
stop_all() {
	for n in $nodes; do
		[ -d "$work/$n" ] && as_owner "$bindir/pg_ctl" -D "$work/$n" -m immediate stop >/dev/null 2>&1
	done
	rm -rf "$work"
}

# citus_start [extra postgresql.conf lines]
citus_start() {
	work=$(mktemp -d -t migrisk-citus.XXXXXX)
	chmod 755 "$work"
	[ "$(id -u)" = 0 ] && chown postgres "$work"
	trap stop_all EXIT
	step "Citus $citus_version on PostgreSQL $major: coordinator and two workers on 127.0.0.1"
	base=$(free_port)
	i=0
	for n in $nodes; do
		p=$((base + 10 * i))
		while pg_isready -q -h 127.0.0.1 -p "$p" >/dev/null 2>&1 || [ $? -ne 2 ]; do p=$((p + 1)); done
		i=$((i + 1))
		echo "$p" > "$work/$n.port"
		as_owner "$bindir/initdb" -D "$work/$n" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null || return 1
		cat >> "$work/$n/postgresql.conf" <<CONF
port = $p
listen_addresses = '127.0.0.1'
unix_socket_directories = '$work'
shared_preload_libraries = 'citus'
max_connections = 100
max_worker_processes = 16
fsync = off
${1:-}
CONF
		as_owner "$bindir/pg_ctl" -D "$work/$n" -l "$work/$n.log" -w start >/dev/null || { cat "$work/$n.log"; return 1; }
	done
	cp=$(port_of coord)
	for n in $nodes; do
		q "$n" -c "CREATE EXTENSION citus" || return 1
	done
	q coord -c "SELECT citus_set_coordinator_host('127.0.0.1', $cp)" \
		-c "SELECT citus_add_node('127.0.0.1', $(port_of w1))" \
		-c "SELECT citus_add_node('127.0.0.1', $(port_of w2))" >/dev/null || return 1
	# CREATE EXTENSION on the coordinator reaches the workers
	q coord -c "CREATE EXTENSION migrisk CASCADE" 2>/dev/null || return 1
	echo "citus: $(q coord -c "SELECT count(*) FROM citus_get_active_worker_nodes()") workers; migrisk $(q w1 -c "SELECT extversion FROM pg_extension WHERE extname = 'migrisk'") on a worker"
}
