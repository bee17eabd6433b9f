#!/bin/sh
# bench_risk_profile: risk_profile(flags, w) against its peers on the same
# table of BENCH_ROWS rows (default 10M: flags over 20 indicators, all
# recorded; a survey weight; a 100-value group), jit off.  Each comparison
# runs the two queries alternately BENCH_RUNS times (EXPLAIN ANALYZE,
# TIMING OFF) and prints both medians and the median of the per-run ratios.
#
# Peers: sum(w) (serial, 2 workers, grouped); the best hand-written SQL for
# the same numbers (GROUP BY the int8 bitmask, then prevalences over the
# distinct patterns); twenty sum(w) FILTER columns; a PL/pgSQL aggregate on
# a BENCH_PLPGSQL_ROWS-row prefix (compared with risk_profile on that prefix).
# On that prefix also: a 30-row moving window (inverse transitions) against
# the same frames recomputed row by row.
set -eu
ROWS=${BENCH_ROWS:-10000000}
PLROWS=${BENCH_PLPGSQL_ROWS:-200000}
RUNS=${BENCH_RUNS:-5}
db=migrisk_bench_risk
dropdb --if-exists "$db" >/dev/null 2>&1 || true
createdb "$db"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT
P="psql -X -q -v ON_ERROR_STOP=1 -d $db"

$P <<SQL
CREATE EXTENSION migrisk CASCADE;
SET jit = off;
-- 4096 flag patterns over 20 indicators (bits 0-13, 16-21), indicator i
-- present with probability 0.03 + 0.02 * i; rows draw a pattern at random
CREATE TABLE pattern AS
SELECT p AS id, bits FROM (
  SELECT p, (SELECT coalesce(bit_or(1::int8 << b), 0)
             FROM unnest(ARRAY[0,1,2,3,4,5,6,7,8,9,10,11,12,13,16,17,18,19,20,21]) WITH ORDINALITY u(b, k)
             WHERE random() < 0.03 + 0.02 * k + 0 * p) AS bits
  FROM generate_series(0, 4095) p) s;
-- (the "+ 0 * p" correlates the subquery with p: uncorrelated, it would be
-- evaluated once and every pattern would be the same)
CREATE UNLOGGED TABLE bench (flags migrisk.risk_flags, bits int8, w float8, grp int);
INSERT INTO bench
SELECT migrisk.risk_flags(bits, -1), bits, w, grp
FROM (SELECT (SELECT array_agg(bits ORDER BY id) FROM pattern) AS pats) a,
     LATERAL (SELECT pats[1 + (random() * 4095)::int] AS bits, 0.5 + random() * 3 AS w,
                     (random() * 99)::int AS grp
              FROM generate_series(1, $ROWS)) r;
VACUUM ANALYZE bench;
SQL

# one execution time (ms) of a query under the given settings
t1() {
	$P -At -c "SET jit = off; $1" \
		-c "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, FORMAT JSON) $2" |
		sed -n 's/.*"Execution Time": \([0-9.]*\).*/\1/p'
}
median() {
	sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
# pair "label" settings-a query-a settings-b query-b: runs a and b
# alternately BENCH_RUNS times (so load changes on this shared machine hit
# both alike) and prints: label, median a, median b, median of the ratios
pair() {
	label=$1
	n=${6:-$RUNS}
	: > /tmp/bench_risk_pair.$$
	i=0
	while [ $i -lt "$n" ]; do
		a=$(t1 "$2" "$3")
		b=$(t1 "$4" "$5")
		echo "$a $b" >> /tmp/bench_risk_pair.$$
		i=$((i + 1))
	done
	ma=$(awk '{ print $1 }' /tmp/bench_risk_pair.$$ | median)
	mb=$(awk '{ print $2 }' /tmp/bench_risk_pair.$$ | median)
	mr=$(awk '{ printf "%.4f\n", $1 / $2 }' /tmp/bench_risk_pair.$$ | median)
	rm -f /tmp/bench_risk_pair.$$
	printf '%-60s %10s %10s %7.2f\n' "$label" "$ma" "$mb" "$mr"
}

SERIAL="SET max_parallel_workers_per_gather = 0;"
PAR2="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"

# twenty FILTER columns + any + mean score, the naive hand-written form
filters=$($P -At -c "SELECT string_agg(format('sum(w) FILTER (WHERE bits & %s <> 0) / sum(w)', 1::int8 << bit), ', ' ORDER BY bit)
                     FROM migrisk.indicator WHERE bit IN (0,1,2,3,4,5,6,7,8,9,10,11,12,13,16,17,18,19,20,21)")
scoreexpr=$($P -At -c "SELECT string_agg(format('((bits >> %s) & 1) * %s', bit, default_weight), ' + ' ORDER BY bit)
                       FROM migrisk.indicator")
total=$($P -At -c "SELECT sum(default_weight) FROM migrisk.indicator")
Q_FILTER="SELECT $filters, sum(w) FILTER (WHERE bits <> 0) / sum(w) AS any_p, sum(w * ($scoreexpr)) / $total / sum(w) AS mean, sum(w) ^ 2 / sum(w * w) AS neff FROM bench"

# the best SQL we know: aggregate per distinct bitmask, then prevalences
Q_BEST="WITH g AS (SELECT bits, sum(w) AS sw, sum(w * w) AS sw2 FROM bench GROUP BY bits)
SELECT (SELECT array_agg(p ORDER BY bit) FROM (
          SELECT i.bit, sum(g.sw) FILTER (WHERE g.bits & (1::int8 << i.bit) <> 0) / sum(g.sw) AS p
          FROM migrisk.indicator i CROSS JOIN g GROUP BY i.bit) x) AS prevalences,
       (SELECT sum(sw) FILTER (WHERE bits <> 0) / sum(sw) FROM g) AS any_p,
       (SELECT sum(g.sw * ($(echo "$scoreexpr" | sed 's/bits/g.bits/g'))) / $total / sum(g.sw) FROM g) AS mean,
       (SELECT sum(sw) ^ 2 / sum(sw2) FROM g) AS neff"

# check that the peers return the same numbers (to 1e-9)
$P -At <<SQL
SET jit = off;
WITH r AS (SELECT (migrisk.risk_profile(flags, w)).* FROM bench),
     b AS ($Q_BEST),
     f AS ($Q_FILTER)
SELECT format('same numbers (1e-9): any %s, mean score %s, prevalences %s, effective n %s',
              abs(r.any_prevalence - b.any_p) < 1e-9 AND abs(r.any_prevalence - f.any_p) < 1e-9,
              abs(r.mean_score - b.mean) < 1e-9 AND abs(r.mean_score - f.mean) < 1e-9,
              (SELECT bool_and(abs(x - y) < 1e-9) FROM unnest(b.prevalences,
                 (SELECT array_agg(p.prevalence ORDER BY i.bit) FROM unnest(r.codes, r.prevalence) p(code, prevalence)
                  JOIN migrisk.indicator i USING (code) WHERE i.bit IN (SELECT bit FROM migrisk.indicator))) u(x, y)),
              abs(r.effective_n - b.neff) / b.neff < 1e-9)
FROM r, b, f;
SQL

# the do-it-yourself PL/pgSQL aggregate, on a prefix of the table
$P <<'SQL'
CREATE FUNCTION pl_risk_sfunc(s float8[], bits int8, w float8) RETURNS float8[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	b int;
	sc float8 := 0;
BEGIN
	IF s IS NULL THEN
		s := array_fill(0::float8, ARRAY[68]);
	END IF;
	s[1] := s[1] + w;
	s[2] := s[2] + w * w;
	IF bits <> 0 THEN
		s[3] := s[3] + w;
	END IF;
	FOR b IN 0..63 LOOP
		IF bits & (1::int8 << b) <> 0 THEN
			s[5 + b] := s[5 + b] + w;
			sc := sc + CASE WHEN b < 16 THEN 1 ELSE 0.5 END;
		END IF;
	END LOOP;
	s[4] := s[4] + w * sc / 18.5;
	RETURN s;
END $$;
CREATE AGGREGATE pl_risk(int8, float8) (SFUNC = pl_risk_sfunc, STYPE = float8[]);
CREATE TABLE bench_prefix AS SELECT * FROM bench LIMIT 0;
SQL
$P -c "INSERT INTO bench_prefix SELECT * FROM bench LIMIT $PLROWS" -c "VACUUM ANALYZE bench_prefix"
echo "rows: $ROWS (PL/pgSQL rows: $PLROWS), $RUNS alternating runs per pair, jit off"
printf '%-60s %10s %10s %7s\n' "comparison (median ms of each side, median ratio)" "A" "B" "A/B"
R="SELECT migrisk.risk_profile(flags, w) FROM bench"
pair "serial: risk_profile / sum(w)                 (bar <= 1.2)" "$SERIAL" "$R" "$SERIAL" "SELECT sum(w) FROM bench"
pair "serial: best SQL (GROUP BY bitmask) / risk_profile (>= 1.5)" "$SERIAL" "$Q_BEST" "$SERIAL" "$R"
pair "serial: best SQL / sum(w)" "$SERIAL" "$Q_BEST" "$SERIAL" "SELECT sum(w) FROM bench"
pair "serial: 20 FILTER columns / risk_profile (1 run: slow)" "$SERIAL" "$Q_FILTER" "$SERIAL" "$R" 1
pair "serial: PL/pgSQL aggregate / risk_profile ($PLROWS rows, 1 run)" "$SERIAL" "SELECT pl_risk(bits, w) FROM bench_prefix" "$SERIAL" "SELECT migrisk.risk_profile(flags, w) FROM bench_prefix" 1
pair "2 workers: risk_profile / sum(w)              (bar <= 1.5)" "$PAR2" "$R" "$PAR2" "SELECT sum(w) FROM bench"
pair "grouped by 100 values: risk_profile / sum(w)  (bar <= 1.5)" "$SERIAL" "SELECT grp, migrisk.risk_profile(flags, w) FROM bench GROUP BY grp" "$SERIAL" "SELECT grp, sum(w) FROM bench GROUP BY grp"
pair "risk_profile: serial / 2 workers (speed-up)" "$SERIAL" "$R" "$PAR2" "$R"

# moving window of 30 rows: the inverse transition against recomputing each
# frame (EXCLUDE TIES on a unique key frames the same rows, but PostgreSQL
# then restarts the aggregate for every row)
$P -c "CREATE TABLE bench_win AS SELECT row_number() OVER () AS id, flags, w FROM bench_prefix" -c "VACUUM ANALYZE bench_win"
W="SELECT sum((x).any_prevalence) AS a, sum((x).mean_score) AS m FROM (SELECT migrisk.risk_profile(flags, w) OVER (ORDER BY id ROWS BETWEEN 29 PRECEDING AND CURRENT ROW"
F="migrisk.risk_profile(flags, w) OVER (ORDER BY id ROWS BETWEEN 29 PRECEDING AND CURRENT ROW"
$P -At -c "SET jit = off" -c "SELECT format('same summaries, moving and recomputed frames: %s of %s rows',
         count(*) FILTER (WHERE m.x IS NOT DISTINCT FROM r.x), count(*))
  FROM (SELECT id, $F) AS x FROM bench_win) m JOIN (SELECT id, $F EXCLUDE TIES) AS x FROM bench_win) r USING (id)"
pair "window of 30 rows ($PLROWS rows): recomputed / moving" "$SERIAL" "$W EXCLUDE TIES) AS x FROM bench_win) s" "$SERIAL" "$W) AS x FROM bench_win) s" 3
pair "sum(w): serial / 2 workers (speed-up)" "$SERIAL" "SELECT sum(w) FROM bench" "$PAR2" "SELECT sum(w) FROM bench"
