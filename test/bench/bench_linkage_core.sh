#!/bin/sh
# bench_linkage_core: migrisk's jaro_winkler against pg_similarity's
# jarowinkler, damerau_levenshtein against fuzzystrmatch's levenshtein,
# compare_persons per second against count(*) over the same pairs (all on
# 1M realistic Spanish name or person pairs, one backend), blocking-key
# completeness and reduction ratio, and a C micro-benchmark of the cores.
# Runs inside the throwaway cluster of 'make bench' (PGHOST etc. set).
set -eu
cd "$(dirname "$0")/../.."

echo "-- C micro-benchmark (gcc -O2, the cores as built), 5 runs:"
mkdir -p test/bench/bin
gcc -std=gnu99 -O2 -Isrc/core -o test/bench/bin/bench_linkage_jw test/bench/bench_linkage_jw.c src/core/*.c -lm
for i in 1 2 3 4 5; do test/bench/bin/bench_linkage_jw 100; done > test/bench/bin/bench_linkage_jw.out
cat test/bench/bin/bench_linkage_jw.out
for what in "jaro_winkler core" "damerau_levenshtein (OSA) core"; do
	grep "^$what" test/bench/bin/bench_linkage_jw.out | sed 's/.*: \([0-9.]*\) M.*/\1/' | sort -n |
		awk -v w="$what" '{ v[NR] = $1 } END { printf "%s: median %.1f M/s, best %.1f M/s\n", w, v[int((NR + 1) / 2)], v[NR] }'
done

db=bench_linkage_core
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -X -q -d "$db" -f test/bench/bench_linkage_core.sql
psql -X -q -d postgres -c "DROP DATABASE $db"
