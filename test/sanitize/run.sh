#!/bin/sh
# make test-sanitize: the regression suite, and the shell tests that feed
# hostile input, against migrisk built with UndefinedBehaviorSanitizer
# (gcc; libubsan loads into a stock server like any library), and the C
# unit tests of the pure cores with AddressSanitizer + UBSan + leak checks.
#
# AddressSanitizer in the server needs its runtime LD_PRELOADed into the
# postmaster (SANITIZE_ASAN=1 does that, through the cluster's environment
# file).  On Debian 12 (glibc 2.36, gcc 12 libasan 8 and clang 14 alike)
# the preloaded runtime deadlocks PostgreSQL's own startup: "postgres -V"
# hangs in bindtextdomain() on glibc's _nl_state_lock, whose reader count
# has underflowed.  Until that is solved, memory errors of the C code are
# caught by the fuzzers (ASan, on exact-size copies of each input) and the
# ASan unit tests, and undefined behaviour in the server by this target.
#
#   1. copies the source tree to a scratch directory and builds it there with
#      COPT="-fsanitize=undefined ..." (PGXS adds COPT to compile and link;
#      note PostgreSQL compiles with -fwrapv, so signed overflow is defined
#      and not reported), and the C unit tests of the pure cores with ASan,
#      UBSan and leak detection (the cores use malloc, not palloc);
#   2. installs that build into a private directory and points a throwaway
#      cluster at it (Debian's extension_destdir and dynamic_library_path),
#      so the system PostgreSQL and everyone else's tests are untouched and
#      no lock is needed; on a server without extension_destdir it installs
#      into the system PostgreSQL instead (then hold the lock:
#      flock /tmp/migrisk.lock make test-sanitize) and reinstalls the
#      normal build at the end, whatever happened;
#   3. in that cluster (pg_virtualenv -t) writes the cluster's environment
#      file (UBSAN_OPTIONS; with SANITIZE_ASAN=1 also LD_PRELOAD=libasan and
#      ASAN_OPTIONS with detect_leaks=0 -- PostgreSQL frees by memory
#      context, not free() -- and log_path into a scratch directory),
#      restarts it, checks that backends load the sanitized module with its
#      runtime, then runs pg_regress (installcheck) and the shell tests named
#      in SANITIZE_SHELL (default: hostile_recv sqlsmith min_cell_size_guard,
#      the ones feeding hostile input);
#   4. fails on any sanitizer report (report files, and the server log,
#      where a late-loaded libubsan writes), any regression failure, or a
#      crash.  Checked with a planted "1 << 40" in migrisk.version(): reported.
#
# What it cannot see: PostgreSQL itself is not instrumented, so an overrun
# inside a palloc'd block (palloc carves chunks from larger malloc'd blocks)
# goes unnoticed; ASan catches overruns of whole blocks, use of freed
# malloc memory, wild stack accesses in our code, and UBSan undefined
# arithmetic, shifts, misaligned loads and bad enum/bool values in our code.
set -u
cd "$(dirname "$0")/../.."
. test/lib.sh
root=$(pwd)
t0=$(date +%s)

LIBASAN=$(gcc -print-file-name=libasan.so)
if [ ! -e "$LIBASAN" ]; then
	echo "test-sanitize: gcc's libasan not found (Debian: libasan8, with gcc)" >&2
	exit 1
fi
LIBASAN=$(readlink -f "$LIBASAN")
# The module: UBSan always; ASan only with SANITIZE_ASAN=1 (see above).
if [ "${SANITIZE_ASAN:-0}" = 1 ]; then
	SAN="-fsanitize=address,undefined -fno-omit-frame-pointer"
	PRELOAD="LD_PRELOAD = '$LIBASAN'"
else
	SAN="-fsanitize=undefined -fno-omit-frame-pointer"
	PRELOAD=""
fi
# The unit tests of the pure cores are ordinary programs: both, always.
SAN_UNIT="-fsanitize=address,undefined -fno-omit-frame-pointer"

work=$(mktemp -d -t migrisk-sanitize.XXXXXX)
chmod 755 "$work"
reports="$work/reports"
mkdir -p "$reports"
chmod 1777 "$reports"
export MIGRISK_STATE="$work/state"
mkdir -p "$MIGRISK_STATE"

system_install=0
restore() {
	if [ "$system_install" = 1 ]; then
		step "reinstall the normal build"
		(cd "$root" && make -s -j2 all && install_extension) ||
			echo "test-sanitize: WARNING: could not reinstall the normal build" >&2
	fi
	rm -rf "$work"
}
trap restore EXIT

step "build with AddressSanitizer and UBSan in $work/src"
(cd "$root" && copy_source "$work/src")
build=$work/src
if ! make -C "$build" -s -j2 COPT="$SAN" all; then
	echo "0 passed, 1 failed"
	exit 1
fi
if ! ldd "$build/migrisk.so" | grep -q libubsan; then
	echo "test-sanitize: the module is not linked with libubsan" >&2
	exit 1
fi

step "unit tests of the pure cores under ASan/UBSan (leaks included)"
(cd "$build" && ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	UNIT_CFLAGS="-std=gnu99 -O1 -g -Wall -Wextra -Werror $SAN_UNIT -fno-sanitize-recover=undefined" \
	sh test/unit/run.sh)

venv_opts="-t -c --port=$(free_port)"
if grep -q extension_destdir "$("${PG_CONFIG:-pg_config}" --sharedir)/postgresql.conf.sample"; then
	step "install the sanitized build into $work/inst"
	if ! make -C "$build" -s install DESTDIR="$work/inst" >/dev/null; then
		echo "0 passed, 1 failed"
		exit 1
	fi
	pkglib=$("${PG_CONFIG:-pg_config}" --pkglibdir)
	venv_opts="-t -c --port=$(free_port) -o extension_destdir=$work/inst -o dynamic_library_path=$work/inst$pkglib:$pkglib"
	expect_so="$work/inst$pkglib/migrisk.so"
else
	step "install the sanitized build into the system PostgreSQL"
	system_install=1
	if ! (cd "$build" && install_extension); then
		echo "0 passed, 1 failed"
		exit 1
	fi
	expect_so="$("${PG_CONFIG:-pg_config}" --pkglibdir)/migrisk.so"
fi
chmod -R a+rX "$work"

# Runs inside pg_virtualenv: restart the cluster with the sanitizer
# runtime, then the tests.
cat > "$work/in_cluster.sh" <<EOF
set -u
conf=\${PG_CLUSTER_CONF_ROOT:-/etc/postgresql}/15/regress
cat >> "\$conf/environment" <<ENV
$PRELOAD
ASAN_OPTIONS = 'detect_leaks=0:log_path=$reports/asan:log_exe_name=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=0'
UBSAN_OPTIONS = 'print_stacktrace=1:log_path=$reports/ubsan:halt_on_error=0'
ENV
pg_ctlcluster 15 regress stop -m fast || exit 1
pg_ctlcluster 15 regress start || exit 1
pid=\$(head -1 "\$(psql -XAtc 'SHOW data_directory')/postmaster.pid")
if [ -n "$PRELOAD" ] && ! grep -q libasan "/proc/\$pid/maps"; then
	echo "test-sanitize: libasan is not loaded in the postmaster (pid \$pid)"
	exit 1
fi
loaded=\$(psql -XAt -c "CREATE EXTENSION IF NOT EXISTS migrisk CASCADE" -c "SELECT migrisk.version() IS NOT NULL" \\
	-c "SELECT strpos(m, '$expect_so') > 0 AND strpos(m, 'libubsan') > 0 FROM pg_read_file('/proc/' || pg_backend_pid() || '/maps') m" 2>&1 | tail -1)
psql -XAtq -c "DROP EXTENSION IF EXISTS migrisk" -c "DROP EXTENSION IF EXISTS postgis"
if [ "\$loaded" != t ]; then
	echo "test-sanitize: backends do not load the sanitized module $expect_so (\$loaded)"
	exit 1
fi
echo "test-sanitize: backends load $expect_so with libubsan"
cd "$build"
. test/lib.sh
make -s installcheck > "\$MIGRISK_STATE/regress.out" 2>&1
cat "\$MIGRISK_STATE/regress.out"
grep -E '^(test| ) *[a-z0-9_]+ +\.\.\. ' "\$MIGRISK_STATE/regress.out" |
while read -r _t name _dots result _rest; do
	case "\$result" in
		ok) record "regress/\$name" pass ;;
		*) record "regress/\$name" fail ;;
	esac
done
[ -f regression.diffs ] && head -100 regression.diffs
for t in ${SANITIZE_SHELL-hostile_recv sqlsmith min_cell_size_guard}; do
	if SQLSMITH_SECONDS=60 sh "test/shell/\$t.sh" > "\$MIGRISK_STATE/shell.out" 2>&1; then
		record "shell/\$t" pass
	else
		cat "\$MIGRISK_STATE/shell.out"
		record "shell/\$t" fail
	fi
done
# a sanitizer loaded late (libubsan, dlopened with the module) writes
# to stderr, i.e. the server log, whatever log_path says
log=\$(pg_lsclusters -h | awk -v p="\$PGPORT" '\$3 == p { print \$7; exit }')
if [ -r "\$log" ]; then
	grep -E -A12 'runtime error:|AddressSanitizer|LeakSanitizer|terminated by signal' "\$log" > "$reports/server-log" || true
else
	echo "test-sanitize: server log not found; sanitizer reports on stderr would be missed" > "$reports/server-log"
fi
EOF

step "cluster with the sanitizer runtime preloaded: pg_regress and shell tests"
# shellcheck disable=SC2086
if ! pg_virtualenv $venv_opts -v 15 sh "$work/in_cluster.sh"; then
	record "sanitized cluster" fail
fi

step "sanitizer reports"
nrep=0
for f in "$reports"/*; do
	[ -s "$f" ] || continue
	nrep=$((nrep + 1))
	echo "--- $f"
	head -40 "$f"
done
if [ "$nrep" -gt 0 ]; then
	record "sanitizer reports ($nrep files)" fail
else
	record "sanitizer reports (none)" pass
fi

pass=$(cat "$MIGRISK_STATE"/pass 2>/dev/null | wc -l)
fail=$(cat "$MIGRISK_STATE"/fail 2>/dev/null | wc -l)
if [ "$fail" -gt 0 ]; then
	echo "failed:"
	sed 's/^/  /' "$MIGRISK_STATE"/fail
fi
echo "make test-sanitize took $(( $(date +%s) - t0 )) s"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
