#!/bin/sh
# make test-valgrind: the regression suite against a server running under
# valgrind's memcheck, and a scan of every process's valgrind log.
#
#   VALGRIND_TESTS="a b"   the regression tests to run after init (default:
#                          every sql/*.sql but jit, as make test runs them); run in
#                          name order like the suite, and a test may need
#                          the tables of an earlier one (risk_state reads
#                          risk_profile's)
#   VALGRIND_SHELL="a b"   shell tests (test/shell/<name>.sh) to run against
#                          the same server after the regression tests
#                          (default: none), e.g. hostile_recv
#   VALGRIND_TRACK_ORIGINS=1   add --track-origins=yes (slower): an
#                          uninitialised-value report then names the
#                          allocation the bytes came from, which tells
#                          whether bytes written by PostgreSQL came from us
#   VALGRIND_KEEP=1        keep the scratch directory (logs, cluster) even on
#                          success; it is always kept on failure
#
# Steps:
#   1. copies the source tree to a scratch directory, builds it there with
#      -O1 -g (frames and line numbers in the reports), the fmgr glue with
#      test/valgrind/palloc_undefined.h forced in (every palloc of ours
#      returns memory valgrind sees as undefined, as a USE_VALGRIND server
#      would: a field left unset is caught even in a recycled chunk), and
#      installs it into a private directory, which the
#      cluster is pointed at through Debian's extension_destdir and
#      dynamic_library_path: the system PostgreSQL is untouched, no lock;
#   2. initdb's a temporary cluster (as the postgres user when run as root,
#      else as the caller), starts the postmaster on a free port under
#        valgrind --trace-children=yes --leak-check=no --error-limit=no ...
#      (--read-inline-info=yes: inlined functions appear as frames)
#      with one log per process (vg.<pid>.log: every backend, the
#      checkpointer, autovacuum and parallel workers are forks of the
#      postmaster and stay under valgrind), checks that a backend maps our
#      build of migrisk.so, runs pg_regress (installcheck: init, then the
#      tests) and stops the server;
#      then test/valgrind/image.sh (VALGRIND_IMAGE=0 skips it): every byte
#      of every migrisk value, built by input, receive, constructors,
#      operators and aggregates, must be defined (see there);
#   3. reads every log: an error report is a block whose second line is a
#      stack frame ("at 0x..."); it is migrisk's when any frame, or the
#      origin's stack, lies in migrisk.so or in its sources, or when it
#      lies under record_image_eq (only image.sh compares by image, and
#      only migrisk values); prints the
#      number of processes, reports, migrisk reports and the first migrisk
#      stacks in full, and the other reports grouped by their first frames.
#
# Passes when pg_regress passes, no process was killed by a signal and
# valgrind reports nothing: the noise of the stock server (padding bytes
# written to files, a memmove valgrind takes for a memcpy) is suppressed by
# test/valgrind/migrisk.supp, each entry saying why, none naming migrisk.
# A report outside migrisk.so fails too, since our bytes can reach
# PostgreSQL's code before anything looks at them (planting an unset field
# in route_segment gives 3 migrisk reports and 69 others, in hash tables).
#
# What it cannot see: the stock server is built without USE_VALGRIND, so
# palloc'd chunks are carved out of larger malloc'd blocks that valgrind
# sees as one: an overrun into the next chunk of the same block, or a read
# of a pfree'd chunk, is not reported; reads of never-written palloc memory
# are (the block is undefined until written), reads of recycled memory not.
# Out-of-block overruns, wild pointers, uninitialised values reaching a
# branch, a syscall or a return value, and reads past the end of a
# detoasted or short value are.
set -u
cd "$(dirname "$0")/../.."
. test/lib.sh
root=$(pwd)
t0=$(date +%s)

if ! command -v valgrind >/dev/null 2>&1; then
	echo "test-valgrind: valgrind not found (Debian: apt-get install valgrind)" >&2
	exit 1
fi
# as the Makefile: Debian's PostgreSQL 15, else pg_config on the PATH
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
[ -x "$PG_CONFIG" ] || PG_CONFIG=pg_config
bindir=$("$PG_CONFIG" --bindir)
pkglib=$("$PG_CONFIG" --pkglibdir)
if ! grep -q extension_destdir "$("$PG_CONFIG" --sharedir)/postgresql.conf.sample"; then
	echo "test-valgrind: this server has no extension_destdir (a Debian patch); cannot point it at a private build" >&2
	exit 1
fi

# root: the server runs as postgres (it refuses root); else as the caller
if [ "$(id -u)" = 0 ]; then
	as_pg() { runuser -u postgres -- "$@"; }
	super=postgres
else
	as_pg() { "$@"; }
	super=$(id -un)
fi

work=$(mktemp -d -t migrisk-valgrind.XXXXXX)
chmod 755 "$work"
keep=${VALGRIND_KEEP:-0}
server_up=0
cleanup() {
	if [ "$server_up" = 1 ]; then
		as_pg "$bindir/pg_ctl" stop -D "$work/data" -m immediate -s >/dev/null 2>&1
	fi
	if [ "$keep" = 1 ]; then
		echo "test-valgrind: kept $work (logs in $work/vg)"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

step "build with -O1 -g in $work/src"
(cd "$root" && copy_source "$work/src")
build=$work/src
# the pure cores first, as they are; then the glue with every palloc
# marked undefined (palloc_undefined.h; make does not rebuild the cores'
# objects for the new COPT)
copt="-O1 -g -fno-omit-frame-pointer"
if ! make -C "$build" -s -j2 COPT="$copt" $(cd "$build" && ls src/core/*.c | sed 's/\.c$/.o/') ||
	! make -C "$build" -s -j2 COPT="$copt -include $build/test/valgrind/palloc_undefined.h" all ||
	! make -C "$build" -s install DESTDIR="$work/inst" >/dev/null; then
	keep=1
	echo "0 passed, 1 failed"
	exit 1
fi
so="$work/inst$pkglib/migrisk.so"

# jit is left out of the default: LLVM's JIT is not loaded under valgrind
# (dlopen of llvmjit.so fails there), so that test cannot do its job; its
# results are checked without valgrind by make test on every major.
tests=${VALGRIND_TESTS:-$(cd "$build/sql" && ls ./*.sql | sed 's|^\./||; s|\.sql$||' | grep -vx -e init -e jit | sort)}
regress="init $(echo $tests | tr ' ' '\n' | grep -vx init | sort -u | tr '\n' ' ')"

step "cluster in $work/data, server under valgrind"
mkdir -p "$work/data" "$work/sock" "$work/vg"
chown -R "$super" "$work/data" "$work/sock" "$work/vg" 2>/dev/null
chmod -R a+rX "$work/inst"
cp "$root/test/valgrind/migrisk.supp" "$work/migrisk.supp"
chmod a+r "$work/migrisk.supp"
if ! as_pg "$bindir/initdb" -D "$work/data" -U "$super" -A trust -E UTF8 \
	--locale=C.UTF-8 --no-sync > "$work/initdb.log" 2>&1; then
	cat "$work/initdb.log"
	keep=1
	echo "0 passed, 1 failed"
	exit 1
fi
port=$(free_port)
# speed: no fsync, no JIT (LLVM code generated at run time is slow to
# instrument and never runs our code), few connections
cat >> "$work/data/postgresql.conf" <<EOF
port = $port
listen_addresses = ''
unix_socket_directories = '$work/sock'
extension_destdir = '$work/inst'
dynamic_library_path = '$work/inst$pkglib:$pkglib'
jit = off
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 20
shared_buffers = 32MB
log_line_prefix = '%m [%p] '
EOF

track=""
[ "${VALGRIND_TRACK_ORIGINS:-0}" = 1 ] && track="--track-origins=yes"
# --fullpath-after=: full source paths in frames, so a frame of our build
# (in $build) is told from PostgreSQL's or PostGIS's
as_pg sh -c "exec valgrind --tool=memcheck --trace-children=yes \
	--leak-check=no --error-limit=no --track-origins=no $track \
	--read-inline-info=yes --num-callers=40 --fullpath-after= \
	--suppressions='$work/migrisk.supp' --log-file='$work/vg/vg.%p.log' \
	'$bindir/postgres' -D '$work/data'" > "$work/server.log" 2>&1 &
server_up=1
export PGHOST="$work/sock" PGPORT="$port" PGUSER="$super"
n=0
until "$bindir/pg_isready" -q -d postgres; do
	n=$((n + 1))
	if [ "$n" -gt 300 ] || ! kill -0 $! 2>/dev/null; then
		echo "test-valgrind: the server did not start"
		tail -20 "$work/server.log"
		keep=1
		echo "0 passed, 1 failed"
		exit 1
	fi
	sleep 1
done
echo "server up on port $port after ${n}s"

# the backends must load this build, not the system's migrisk.so
loaded=$(psql -XAt -d postgres -c "CREATE EXTENSION IF NOT EXISTS migrisk CASCADE" \
	-c "SELECT migrisk.version() IS NOT NULL" \
	-c "SELECT strpos(pg_read_file('/proc/' || pg_backend_pid() || '/maps'), '$so') > 0" 2>&1 | tail -1)
psql -XAtq -d postgres -c "DROP EXTENSION IF EXISTS migrisk" -c "DROP EXTENSION IF EXISTS postgis"
if [ "$loaded" != t ]; then
	echo "test-valgrind: backends do not load $so ($loaded)"
	keep=1
	echo "0 passed, 1 failed"
	exit 1
fi
echo "backends load $so"

step "pg_regress under valgrind: $regress"
t1=$(date +%s)
regress_ok=1
if ! (cd "$build" && make -s installcheck REGRESS="$regress") > "$work/regress.out" 2>&1; then
	regress_ok=0
fi
t2=$(date +%s)
cat "$work/regress.out"
if [ "$regress_ok" = 0 ] && [ -f "$build/regression.diffs" ]; then
	head -200 "$build/regression.diffs"
fi

step "every byte of every migrisk value is defined (test/valgrind/image.sh)"
image_ok=1
if [ "${VALGRIND_IMAGE:-1}" = 1 ]; then
	t3=$(date +%s)
	sh "$build/test/valgrind/image.sh" || image_ok=0
	echo "image check took $(( $(date +%s) - t3 )) s"
fi

shell_ok=1
for t in ${VALGRIND_SHELL:-}; do
	step "shell test $t under valgrind"
	t3=$(date +%s)
	if sh "$build/test/shell/$t.sh" > "$work/shell-$t.out" 2>&1; then
		echo "pass   shell/$t ($(( $(date +%s) - t3 )) s)"
	else
		tail -40 "$work/shell-$t.out"
		echo "fail   shell/$t"
		shell_ok=0
	fi
done

step "stop the server"
as_pg "$bindir/pg_ctl" stop -D "$work/data" -m fast -t 600 -s
server_up=0
# a backend still writing its log after the postmaster left
sleep 2

step "valgrind logs"
summary=$(sh "$build/test/valgrind/scan.sh" "$work/vg" "$build/" 2>"$work/details")
cat "$work/details"
set -- $summary
procs=$(ls "$work"/vg | wc -l)
summaries=$1 reports=$2 mreports=$3 contexts=$4 suppressed=$5 crashed=$6
echo "processes (valgrind logs): $procs, of which $summaries ended normally (ERROR SUMMARY written)"
echo "error reports: $reports (valgrind's ERROR SUMMARY: $contexts contexts; $suppressed errors suppressed by migrisk.supp)"
echo "reports involving migrisk: $mreports"
echo "reports elsewhere (PostgreSQL, glibc, PostGIS): $((reports - mreports))"
[ "$crashed" -gt 0 ] && echo "processes killed by a signal: $crashed"
if grep -E 'terminated by signal|PANIC:' "$work/server.log"; then
	crashed=$((crashed + 1))
fi
echo "pg_regress under valgrind took $((t2 - t1)) s; test-valgrind took $(( $(date +%s) - t0 )) s"

fail=0
[ "$regress_ok" = 1 ] || { echo "FAIL: pg_regress failed"; fail=1; }
[ "$shell_ok" = 1 ] || { echo "FAIL: a shell test failed under valgrind"; fail=1; }
[ "$image_ok" = 1 ] || { echo "FAIL: the image check did not run through"; fail=1; }
[ "$mreports" = 0 ] || { echo "FAIL: $mreports valgrind reports involve migrisk"; fail=1; }
# Known noise is suppressed; a new report without a migrisk frame can still
# be ours (our uninitialised bytes hashed or written by PostgreSQL later):
# it fails the run until it is understood.
if [ "$reports" -gt "$mreports" ]; then
	echo "FAIL: $((reports - mreports)) other valgrind reports: rerun with VALGRIND_TRACK_ORIGINS=1 to see where their bytes come from; noise goes into test/valgrind/migrisk.supp with its reason"
	fail=1
fi
[ "$crashed" = 0 ] || { echo "FAIL: a server process was killed by a signal"; fail=1; }
[ "$procs" -gt 0 ] || { echo "FAIL: no valgrind log"; fail=1; }
if [ "$fail" = 0 ]; then
	echo "1 passed, 0 failed"
else
	keep=1
	echo "0 passed, 1 failed"
fi
exit $fail
