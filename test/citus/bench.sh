#!/bin/sh
# make bench-citus: migrisk's aggregates on a Citus cluster (coordinator and
# two workers on loopback, test/citus/lib.sh; all three share this
# machine's cores), against the built-in aggregate of the same shape on the
# same distributed table and against the same query on a local copy on the
# coordinator, in one run.  BENCH_ROWS rows (default 2M) in 32 shards.  Each
# pair runs alternately BENCH_RUNS times (default 5); medians of the times
# (psql \timing: EXPLAIN ANALYZE of a split custom aggregate fails on Citus
# 13.2) and the median of the per-run ratios are printed.
#
# Then link_records at scale: BENCH_LINK_RECORDS (default 2M; 0 skips)
# removals to Mexico by land against as many receptions of the synthetic
# data (test/data, 3.6 persons per removal taken), with the date window and
# return plausibility, once on distributed tables (blocking, comparison and
# the links on the workers) and once on local copies on the coordinator
# (one node): the time of each stage of both, and their ratio.  Data
# generation, loading and distribution are not timed.
set -eu
cd "$(dirname "$0")/../.."
. test/lib.sh
. test/citus/lib.sh
ROWS=${BENCH_ROWS:-2000000}
RUNS=${BENCH_RUNS:-5}
LINK=${BENCH_LINK_RECORDS:-2000000}

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
# the floor of Citus's generic path (worker_partial_agg): a built-in
# two-argument aggregate that Citus does not know by name, and risk_profile
# against it
pair "regr_count(w, w) / sum(w), distributed" \
	"SELECT regr_count(w, w) FROM bench" "SELECT sum(w) FROM bench"
pair "risk_profile(flags, w) / regr_count(w, w), distributed" \
	"SELECT migrisk.risk_profile(flags, w) FROM bench" "SELECT regr_count(w, w) FROM bench"
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

[ "$LINK" -gt 0 ] || exit 0
persons=$((LINK * 36 / 10))
echo
echo "bench-citus: link_records, up to $LINK removals x $LINK receptions ($persons synthetic persons, seed 1)"
sh test/data/run.sh "$persons" 1 "$work/data" --quiet >/dev/null
q coord -v dir="$work/data" -v linkage_only=1 -f test/data/load.sql >/dev/null
rm -rf "$work/data"
q coord -v records="$LINK" <<'SQL'
SET citus.shard_count = 32;
SET client_min_messages = warning;
-- the country names to ISO alpha-3 as an IMMUTABLE CASE (so that neither
-- run times the table lookup of migrisk.country_iso3), in schema public:
-- Citus creates it on the workers
\set iso3_function public.bench_iso3
\i test/bench/linkage_iso3.sql
CREATE TABLE rm_local AS SELECT substr(record_id, 3)::int8 AS id, * FROM synth.removals
	WHERE departure_country = 'MEXICO' ORDER BY record_id LIMIT :records;
CREATE TABLE rc_local AS SELECT 1000000000 + substr(record_id, 3)::int8 AS id, * FROM synth.receptions
	ORDER BY record_id LIMIT :records;
DROP SCHEMA synth CASCADE;
CREATE TABLE rm (LIKE rm_local);
SELECT create_distributed_table('rm', 'id');
INSERT INTO rm SELECT * FROM rm_local;
CREATE TABLE rc (LIKE rc_local);
SELECT create_distributed_table('rc', 'id');
INSERT INTO rc SELECT * FROM rc_local;
VACUUM ANALYZE rm_local, rc_local, rm, rc;
SQL
# link TABLE_SUFFIX: one run of link_records; its run statistics
link() {
	q coord -c "SET client_min_messages = warning" -c "SELECT migrisk.link_records('rm$1', 'id',
	\$\$ROW(given_names, surname1, surname2, birth_date, CASE gender WHEN 'Male' THEN 'M' WHEN 'Female' THEN 'F' END, public.bench_iso3(citizenship))::migrisk.person_ident\$\$,
	'rc$1', 'id',
	\$\$ROW(given_names, surname1, surname2, birth_date, CASE sexo WHEN 'H' THEN 'M' WHEN 'M' THEN 'F' END, public.bench_iso3(nationality))::migrisk.person_ident\$\$,
	result_table => 'links$1', threshold => 0.5,
	plausibility => 'migrisk.return_plausibility(l.removal_date, l.port_of_departure, r.reception_date, r.reception_point)',
	left_date => 'removal_date', right_date => 'reception_date') -> 'run'"
}
dist=$(link "")
local=$(link "_local")
q coord -v d="$dist" -v l="$local" <<'SQL'
\pset format aligned
\pset tuples_only off
\pset footer off
SELECT (:'d'::jsonb ->> 'left_records') AS removals, (:'d'::jsonb ->> 'right_records') AS receptions,
	   (:'d'::jsonb ->> 'candidate_pairs') AS candidates_citus, (:'l'::jsonb ->> 'candidate_pairs') AS candidates_one_node,
	   (:'d'::jsonb ->> 'links') AS links_citus, (:'l'::jsonb ->> 'links') AS links_one_node;
SELECT s.stage, (:'d'::jsonb ->> s.k)::numeric AS citus_s, (:'l'::jsonb ->> s.k)::numeric AS one_node_s,
	   round((:'d'::jsonb ->> s.k)::numeric / nullif((:'l'::jsonb ->> s.k)::numeric, 0), 2) AS "citus / one node"
FROM (VALUES (1, 'blocking (keys; Citus: on the workers)', 'blocking_s'),
			 (2, 'comparison (Citus: on the workers)', 'comparison_s'),
			 (3, 'u from random pairs', 'u_s'), (4, 'EM', 'em_s'),
			 (5, 'scoring (links >= 0.5 written)', 'scoring_s'),
			 (6, 'link_records total', 'total_s')) AS s(o, stage, k)
ORDER BY s.o;
-- the same candidates with the same comparison vectors: the links of each
-- run agree on every pair both wrote (u comes from random pairs in each)
SELECT count(*) AS links_in_both,
	   count(*) FILTER (WHERE d.gamma::text IS DISTINCT FROM l.gamma::text) AS differing_vectors
FROM links d JOIN links_local l USING (id_a, id_b);
SQL
