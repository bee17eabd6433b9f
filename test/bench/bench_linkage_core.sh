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
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -std=gnu99 -O2 -Isrc/core -o "$tmp/bench_linkage_jw" test/bench/bench_linkage_jw.c src/core/*.c -lm
for i in 1 2 3 4 5; do "$tmp/bench_linkage_jw" 100; done > "$tmp/out"
cat "$tmp/out"
for what in "jaro_winkler core" "damerau_levenshtein (OSA) core"; do
	grep "^$what" "$tmp/out" | sed 's/.*: \([0-9.]*\) M.*/\1/' | sort -n |
		awk -v w="$what" '{ v[NR] = $1 } END { printf "%s: median %.1f M/s, best %.1f M/s\n", w, v[int((NR + 1) / 2)], v[NR] }'
done

db=bench_linkage_core
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -X -q -d "$db" -f test/bench/bench_linkage_core.sql

# Blocking and comparison on the project's synthetic data set with its
# truth (docs/data.md), when the generator is in the tree.
if [ -f test/data/run.sh ] && [ -f test/data/load.sql ]; then
	echo "-- synthetic data set, 20,000 persons, seed 1:"
	sh test/data/run.sh 20000 1 "$tmp/data" > /dev/null
	psql -X -q -d "$db" -v dir="$tmp/data" -f test/data/load.sql > /dev/null
	psql -X -q -d "$db" -f test/bench/bench_linkage_synth.sql
fi
psql -X -q -d postgres -c "DROP DATABASE $db"
