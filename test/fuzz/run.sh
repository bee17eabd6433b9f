#!/bin/sh
# make fuzz [FUZZ_SECONDS=N] [FUZZ=name]: builds every test/fuzz/fuzz_*.c
# (libFuzzer's LLVMFuzzerTestOneInput) with clang -fsanitize=fuzzer,address,
# undefined against the pure cores in src/core/, then runs each for
# FUZZ_SECONDS (default 60) over its committed seed corpus
# test/fuzz/corpus/<name>/.  Inputs the fuzzer discovers go to a scratch
# directory, never into the repository; crash reproducers are kept there and
# their path printed (copy one into the seed corpus to make it a regression
# input: every seed is replayed at the start of every run).
#
# Prints one line per harness (executions, new inputs, crashes) and exits
# non-zero when any harness fails to build or crashes.  With no harness it
# says so and succeeds.
#
# Environment: FUZZ_SECONDS, FUZZ (run only fuzz_$FUZZ.c), FUZZ_DIR (where
# the harnesses are; default test/fuzz), FUZZ_OUT (scratch directory; default
# a fresh temporary one, removed unless something crashed), FUZZ_NO_CORES=1
# (link no core: for self-contained harnesses), CLANG.
set -u
cd "$(dirname "$0")/../.."

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_DIR=${FUZZ_DIR:-test/fuzz}
case "$FUZZ_SECONDS" in
	'' | *[!0-9]*)
		echo "fuzz: FUZZ_SECONDS must be a whole number of seconds, not '$FUZZ_SECONDS'" >&2
		exit 2
		;;
esac

harnesses=$(ls "$FUZZ_DIR"/fuzz_${FUZZ:-*}.c 2>/dev/null)
if [ -z "$harnesses" ]; then
	echo "fuzz: no harness in $FUZZ_DIR (fuzz_${FUZZ:-*}.c): nothing to run"
	exit 0
fi

CLANG=${CLANG:-$(command -v clang-14 || command -v clang)}
if [ -z "$CLANG" ]; then
	echo "fuzz: clang not found (make deps installs clang-14 and libclang-rt-14-dev)" >&2
	exit 2
fi

if [ -n "${FUZZ_OUT:-}" ]; then
	out=$FUZZ_OUT
	keep=1
else
	out=$(mktemp -d -t migrisk-fuzz.XXXXXX)
	keep=0
fi
bin="$FUZZ_DIR/bin"
mkdir -p "$bin" "$out"

# Crashes abort at once (UBSan too), with a stack; leaks are findings too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS_FUZZ="-std=gnu99 -g -O1 -Wall -Wextra $SAN -Isrc/core"

# The cores are compiled once, instrumented for coverage but without
# libFuzzer's main, and linked into every harness.
failed=0
core_objs=""
mkdir -p "$bin/core"
for c in src/core/*.c; do
	[ -e "$c" ] || continue
	[ "${FUZZ_NO_CORES:-0}" = 1 ] && break
	o="$bin/core/$(basename "$c" .c).o"
	# shellcheck disable=SC2086
	if ! "$CLANG" $CFLAGS_FUZZ -fsanitize=fuzzer-no-link -c "$c" -o "$o"; then
		echo "fuzz: cannot build core $c" >&2
		exit 1
	fi
	core_objs="$core_objs $o"
done

printf '%-28s %12s %8s %8s  %s\n' harness executions new crashes result
total_exec=0
total_crash=0
for src in $harnesses; do
	name=$(basename "$src" .c)
	name=${name#fuzz_}
	exe="$bin/fuzz_$name"
	log="$out/$name.log"
	# shellcheck disable=SC2086
	if ! "$CLANG" $CFLAGS_FUZZ -fsanitize=fuzzer "$src" $core_objs -lm -o "$exe" > "$log" 2>&1; then
		cat "$log"
		printf '%-28s %12s %8s %8s  %s\n' "$name" - - - "BUILD FAILED"
		failed=1
		continue
	fi
	mkdir -p "$out/corpus/$name" "$out/crashes/$name"
	seeds="$FUZZ_DIR/corpus/$name"
	[ -d "$seeds" ] || seeds=""
	before=$(ls "$out/corpus/$name" | wc -l)
	# -max_total_time bounds the run; -timeout flags a single slow input
	# (a hang is a denial of service inside the server); -rss_limit_mb an
	# input that makes the parser allocate without bound.
	"$exe" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=1024 \
		-print_final_stats=1 -artifact_prefix="$out/crashes/$name/" \
		"$out/corpus/$name" $seeds > "$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	new=$(( $(ls "$out/corpus/$name" | wc -l) - before ))
	crashes=$(ls "$out/crashes/$name" | wc -l)
	if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then
		# died without writing a reproducer (e.g. crashed replaying a seed)
		crashes=1
	fi
	total_exec=$((total_exec + ${execs:-0}))
	total_crash=$((total_crash + crashes))
	if [ "$crashes" -gt 0 ]; then
		result="CRASH"
		failed=1
		keep=1
	else
		result="ok"
	fi
	printf '%-28s %12s %8s %8s  %s\n' "$name" "${execs:-?}" "$new" "$crashes" "$result"
	if [ "$result" = CRASH ]; then
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error:|.*deadly signal|.*Test unit written)' "$log" | head -10 | sed 's/^/    /'
		ls "$out/crashes/$name" | sed "s|^|    reproducer: $out/crashes/$name/|"
		echo "    full log: $log"
	fi
done
echo "fuzz: $total_exec executions, $total_crash crashes, ${FUZZ_SECONDS}s per harness"
if [ "$keep" -eq 0 ]; then
	rm -rf "$out"
else
	echo "fuzz: findings and logs kept in $out"
fi
exit "$failed"
