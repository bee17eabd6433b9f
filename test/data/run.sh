#!/bin/sh
# make data PERSONS=N SEED=S OUT=DIR: build the generator (test/data/gen.c)
# when needed and write the synthetic data set into DIR (docs/data.md).
# Error rates and other generator options go in DATA_OPTS, e.g.
#   make data PERSONS=1000 DATA_OPTS="--typo 0.1 --dmy 0"
# or after the three arguments when calling this script directly.
set -eu
persons=${1:-10000}
seed=${2:-1}
out=${3:-out/data}
[ $# -ge 3 ] && shift 3 || set --
here=$(cd "$(dirname "$0")" && pwd)
bin=${MIGRISK_GEN_BIN:-$here/bin/gen}
if [ ! -x "$bin" ] || [ "$here/gen.c" -nt "$bin" ] || [ "$here/tables.h" -nt "$bin" ] ||
	[ "$here/../../src/core/civil_date.c" -nt "$bin" ]; then
	mkdir -p "$(dirname "$bin")"
	# -ffp-contract=off: no fused multiply-add, so the arithmetic (and the
	# bytes written) are the same on every machine
	${CC:-gcc} -std=gnu99 -O2 -Wall -Wextra -Werror -ffp-contract=off \
		-I"$here/../../src/core" -o "$bin.tmp.$$" "$here/gen.c" \
		"$here/../../src/core/civil_date.c"
	mv -f "$bin.tmp.$$" "$bin"
fi
mkdir -p "$out"
# shellcheck disable=SC2086
exec "$bin" --persons "$persons" --seed "$seed" --out "$out" ${DATA_OPTS:-} "$@"
