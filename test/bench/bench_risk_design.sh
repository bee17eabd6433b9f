#!/bin/sh
# bench_risk_design: risk_profile_design(flags, w, stratum, psu) against
# risk_profile(flags, w) on the same table of BENCH_ROWS rows (default 10M:
# flags over 20 indicators, all recorded; a survey weight; 1,000 PSUs in 50
# strata, rows in random order), jit off.  Bars (issue 18): the design
# aggregate serial at most 2x risk_profile serial; with 2 workers faster
# than serial.  Each comparison runs the two queries alternately
# BENCH_RUNS times (EXPLAIN ANALYZE, TIMING OFF) and prints both medians
# (ms) and the median of the per-run ratios.
set -eu
ROWS=${BENCH_ROWS:-10000000}
RUNS=${BENCH_RUNS:-5}
db=migrisk_bench_design
dropdb --if-exists "$db" >/dev/null 2>&1 || true
createdb "$db"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT
P="psql -X -q -v ON_ERROR_STOP=1 -d $db"

$P <<SQL
CREATE EXTENSION migrisk CASCADE;
SET jit = off;
CREATE TABLE pattern AS
SELECT p AS id, bits FROM (
  SELECT p, (SELECT coalesce(bit_or(1::int8 << b), 0)
             FROM unnest(ARRAY[0,1,2,3,4,5,6,7,8,9,10,11,12,13,16,17,18,19,20,21]) WITH ORDINALITY u(b, k)
             WHERE random() < 0.03 + 0.02 * k) AS bits
  FROM generate_series(0, 4095) p) s;
CREATE UNLOGGED TABLE bench (flags migrisk.risk_flags, w float8, stratum int8, psu int8);
INSERT INTO bench
SELECT migrisk.risk_flags(bits, -1), w, psu / 20, psu
FROM (SELECT (SELECT array_agg(bits ORDER BY id) FROM pattern) AS pats) a,
     LATERAL (SELECT pats[1 + (random() * 4095)::int] AS bits, 0.5 + random() * 3 AS w,
                     (random() * 999)::int8 AS psu
              FROM generate_series(1, $ROWS)) r;
VACUUM ANALYZE bench;
SQL

t1() {
	$P -At -c "SET jit = off; $1" \
		-c "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, FORMAT JSON) $2" |
		sed -n 's/.*"Execution Time": \([0-9.]*\).*/\1/p'
}
median() {
	sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
pair() {
	label=$1
	: > /tmp/bench_design_pair.$$
	i=0
	while [ $i -lt "$RUNS" ]; do
		a=$(t1 "$2" "$3")
		b=$(t1 "$4" "$5")
		echo "$a $b" >> /tmp/bench_design_pair.$$
		i=$((i + 1))
	done
	ma=$(awk '{ print $1 }' /tmp/bench_design_pair.$$ | median)
	mb=$(awk '{ print $2 }' /tmp/bench_design_pair.$$ | median)
	mr=$(awk '{ printf "%.4f\n", $1 / $2 }' /tmp/bench_design_pair.$$ | median)
	rm -f /tmp/bench_design_pair.$$
	printf '%-66s %10s %10s %7.2f\n' "$label" "$ma" "$mb" "$mr"
}

SERIAL="SET max_parallel_workers_per_gather = 0;"
PAR2="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"
D="SELECT migrisk.risk_profile_design(flags, w, stratum, psu) FROM bench"
R="SELECT migrisk.risk_profile(flags, w) FROM bench"

echo "bench_risk_design: $ROWS rows, 1,000 PSUs in 50 strata, medians of $RUNS runs (ms)"
printf '%-66s %10s %10s %7s\n' "comparison" "a" "b" "a/b"
pair "serial: risk_profile_design / risk_profile (bar <= 2)" "$SERIAL" "$D" "$SERIAL" "$R"
pair "risk_profile_design: 2 workers / serial (bar < 1)" "$PAR2" "$D" "$SERIAL" "$D"
pair "2 workers: risk_profile_design / risk_profile" "$PAR2" "$D" "$PAR2" "$R"
