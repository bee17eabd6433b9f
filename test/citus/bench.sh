#!/bin/sh
# make bench-citus: migrisk's aggregates on a Citus cluster (coordinator and
# two workers on loopback, test/citus/lib.sh; all three share this
# machine's cores), against the built-in aggregate of the same shape on the
# same distributed table and against the same query on a local copy on the
# coordinator, in one run.  BENCH_ROWS rows (default 2M) in 32 shards.  Each
# pair runs alternately BENCH_RUNS times (default 5); medians of the times
# (psql \timing: EXPLAIN ANALYZE of a split custom aggregate fails on Citus
# 13.2) and the median of the per-run ratios are printed.
set -eu
cd "$(dirname "$0")/../.."
. test/lib.sh
. test/citus/lib.sh
ROWS=${BENCH_ROWS:-2000000}
RUNS=${BENCH_RUNS:-5}

if ! citus_installed; then
	echo "bench-citus: Citus is not installed for PostgreSQL $major: nothing to measure (see make test-citus)"
	exit 0
fi
make -s -j2 all
install_extension
citus_start "shared_buffers = 512MB
work_mem = 128MB
jit = off"

q coord <<SQL
SET citus.shard_count = 32;
CREATE TABLE bench_local AS
SELECT g AS id, g % 100 AS grp,
       migrisk.risk_flags(ARRAY['held', 'debt', 'docs', 'smuggler', 'freight_train', 'minor_unaccompanied'],
                  ARRAY[random() < 0.2, random() < 0.1, random() < 0.3, random() < 0.15,
                        CASE WHEN random() < 0.1 THEN NULL ELSE random() < 0.4 END, random() < 0.05]) AS flags,
       0.5 + random() * 3 AS w
FROM generate_series(1, $ROWS) g;
CREATE TABLE bench (LIKE bench_local);
SELECT create_distributed_table('bench', 'id');
INSERT INTO bench SELECT * FROM bench_local;
-- comparison vectors of 200k candidate pairs
CREATE TABLE pairs_local AS
SELECT n AS id, (SELECT string_agg(field || '=' || CASE WHEN m AND random() < 0.9 THEN levels[1]
					ELSE levels[1 + floor(random() * cardinality(levels))::int] END, ',' ORDER BY field)
		FROM (SELECT field, array_agg(level ORDER BY level_index) AS levels
			  FROM migrisk.link_gamma_levels() WHERE field IN ('given', 'surname1', 'surname2', 'dob', 'sex')
			  GROUP BY field) l)::migrisk.link_gamma AS gamma
FROM (SELECT n, random() < 0.1 AS m FROM generate_series(1, 200000) n) s;
CREATE TABLE pairs (LIKE pairs_local);
SELECT create_distributed_table('pairs', 'id');
INSERT INTO pairs SELECT * FROM pairs_local;
VACUUM ANALYZE bench_local;
VACUUM ANALYZE bench;
VACUUM ANALYZE pairs;
VACUUM ANALYZE pairs_local;
SQL

# one run of a query: its time in ms
t1() {
	q coord -c 'SET client_min_messages = warning' -c '\timing on' -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
}
median() {
	sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
pair() {
	: > "$work/pair"
	i=0
	while [ $i -lt "$RUNS" ]; do
		echo "$(t1 "$2") $(t1 "$3")" >> "$work/pair"
		i=$((i + 1))
	done
	printf '%-58s %10s %10s %7.2f\n' "$1" "$(awk '{ print $1 }' "$work/pair" | median)" \
		"$(awk '{ print $2 }' "$work/pair" | median)" \
		"$(awk '{ printf "%.4f\n", $1 / $2 }' "$work/pair" | median)"
}

echo "bench-citus: $ROWS rows in 32 shards, 200000 pairs; medians of $RUNS runs, ms"
printf '%-58s %10s %10s %7s\n' "query (A against B)" "A" "B" "A/B"
pair "risk_profile(flags, w) / sum(w), distributed" \
	"SELECT migrisk.risk_profile(flags, w) FROM bench" "SELECT sum(w) FROM bench"
pair "same, GROUP BY grp / sum(w) GROUP BY grp, distributed" \
	"SELECT grp, migrisk.risk_profile(flags, w) FROM bench GROUP BY grp" \
	"SELECT grp, sum(w) FROM bench GROUP BY grp"
pair "risk_profile(flags, w): distributed / local copy" \
	"SELECT migrisk.risk_profile(flags, w) FROM bench" "SELECT migrisk.risk_profile(flags, w) FROM bench_local"
pair "link_em(gamma) / count(gamma), distributed" \
	"SELECT migrisk.link_em(gamma) FROM pairs" "SELECT count(gamma) FROM pairs"
pair "link_em(gamma): distributed / local copy" \
	"SELECT migrisk.link_em(gamma) FROM pairs" "SELECT migrisk.link_em(gamma) FROM pairs_local"
same=$(q coord -c "SELECT (SELECT migrisk.risk_profile(flags, w)::text FROM bench) = (SELECT migrisk.risk_profile(flags, w)::text FROM bench_local)
	AND (SELECT migrisk.link_em(gamma) FROM pairs) = (SELECT migrisk.link_em(gamma) FROM pairs_local)")
echo "bench-citus: distributed results equal the local ones: $same"
