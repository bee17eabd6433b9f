# Shared by the tests in debian/tests: the PostgreSQL majors that have
# postgresql-NN-migrisk installed, a free TCP port, and the locale.
# (The host's network may be shared with other servers: never 5432.)

LANG=C.UTF-8
LC_ALL=C.UTF-8
export LANG LC_ALL

# installed_majors: every NN with /usr/lib/postgresql/NN/lib/migrisk.so
installed_majors() {
	for so in /usr/lib/postgresql/*/lib/migrisk.so; do
		[ -e "$so" ] || continue
		v=${so#/usr/lib/postgresql/}
		echo "${v%%/*}"
	done | sort -n
}

# free_port MAJOR: a localhost TCP port where no server answers, from
# $MIGRISK_TEST_PORT (or 54000 + pid mod 900) upwards
free_port() {
	port=${MIGRISK_TEST_PORT:-$((54000 + $$ % 900))}
	while true; do
		rc=0
		"/usr/lib/postgresql/$1/bin/pg_isready" -q -h localhost -p "$port" >/dev/null 2>&1 || rc=$?
		[ "$rc" -eq 2 ] && break
		port=$((port + 1))
	done
	echo "$port"
}
