#!/bin/sh
# A short, bounded fuzzing pass for make test (make fuzz runs longer).
#  1. The runner itself: of the two harnesses in test/fuzz/selftest/, the
#     correct one must run clean and the deliberately wrong one (whose seed
#     overflows a heap buffer) must be reported as a crash with a non-zero
#     exit, so a crash in a real harness cannot slip through.
#  2. Every real harness test/fuzz/fuzz_*.c for a few seconds (FUZZ_SECONDS,
#     default 5, less when there are many: about 40 s in all), replaying its
#     committed seeds and regression inputs first.
set -u
cd "$(dirname "$0")/../.."

scratch=$(mktemp -d -t migrisk-fuzz-smoke.XXXXXX)
trap 'rm -rf "$scratch"' EXIT

FUZZ_DIR=test/fuzz/selftest FUZZ_SECONDS=2 FUZZ_OUT="$scratch/self" FUZZ_NO_CORES=1 \
	sh test/fuzz/run.sh > "$scratch/self.out" 2>&1
rc=$?
cat "$scratch/self.out"
if [ "$rc" -eq 0 ]; then
	echo "fuzz_smoke: the runner missed the crash in selftest_bug"
	exit 1
fi
if ! grep -Eq '^selftest_bug +[0-9]+ +[0-9]+ +[1-9][0-9]* +CRASH' "$scratch/self.out"; then
	echo "fuzz_smoke: the runner did not report selftest_bug as a crash"
	exit 1
fi
if ! grep -Eq '^selftest_ok +[1-9][0-9]* +[0-9]+ +0 +ok' "$scratch/self.out"; then
	echo "fuzz_smoke: the runner did not run selftest_ok cleanly"
	exit 1
fi
echo "fuzz_smoke: runner self-test ok"

n=$(ls test/fuzz/fuzz_*.c 2>/dev/null | wc -l)
if [ "$n" -eq 0 ]; then
	echo "fuzz_smoke: no harness exists yet in test/fuzz (fuzz_*.c)"
	exit 0
fi
secs=${FUZZ_SECONDS:-$(( 40 / n ))}
[ "$secs" -gt 5 ] && secs=5
[ "$secs" -lt 1 ] && secs=1
FUZZ_SECONDS=$secs sh test/fuzz/run.sh
