#!/bin/sh
# Builds each test/unit/test_*.c against the pure cores in src/core/ (no
# PostgreSQL needed) and runs it.  A test program prints "ok - ..." or
# "not ok - ..." per check and exits non-zero on any failure.
set -u
cd "$(dirname "$0")/../.."
. test/lib.sh

CC=${CC:-gcc}
CFLAGS=${UNIT_CFLAGS:--std=gnu99 -O2 -g -Wall -Wextra -Werror}
mkdir -p test/unit/bin
cores=$(ls src/core/*.c 2>/dev/null)
for src in test/unit/test_*.c; do
	[ -e "$src" ] || continue
	name=$(basename "$src" .c)
	bin="test/unit/bin/$name"
	# shellcheck disable=SC2086
	if ! $CC $CFLAGS -Isrc/core -o "$bin" "$src" $cores -lm; then
		record "unit/$name (build)" fail
		continue
	fi
	if "$bin" > "test/unit/bin/$name.out" 2>&1; then
		record "unit/$name ($(grep -c '^ok' "test/unit/bin/$name.out") checks)" pass
	else
		grep -v '^ok' "test/unit/bin/$name.out" | head -50
		record "unit/$name" fail
	fi
done
