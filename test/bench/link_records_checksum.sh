#!/bin/sh
# Checksums of what link_records writes on the demo's population: the
# removal-to-reception links (with plausibility), the deduplication with a
# given model, and a date-window run (random u pairs: setseed first).  Run
# it before and after a change of link_records (in pg_virtualenv, after
# make install): the lines must be equal.  Not part of make test (it builds
# the demo database, DEMO_PERSONS records, about a minute at 10000).
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
db=migrisk_checksum_$$
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
DEMO_DB=$db DEMO_PERSONS=${DEMO_PERSONS:-10000} DEMO_OUT="$tmp/out" \
DEMO_TOURS=no DEMO_UPTO=60 sh demo/in_cluster.sh > "$tmp/build.log" 2>&1 || {
	tail -30 "$tmp/build.log"
	echo "link_records_checksum: building the demo database failed"
	exit 1
}
psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
SELECT setseed(0.25);
SELECT migrisk.link_records('migrisk_demo.removal', 'rid', 'ident',
	'migrisk_demo.reception', 'rid', 'ident', result_table => 'migrisk_demo.window_link',
	left_date => 'removal_date', right_date => 'reception_date', threshold => 0) IS NOT NULL;
SELECT t, count(*), md5(string_agg(format('%s %s %s %s %s', id_a, id_b, gamma, match_weight, match_probability), ','
	ORDER BY id_a, id_b))
FROM (SELECT 'return_link' AS t, * FROM migrisk_demo.return_link
	  UNION ALL SELECT 'person_link', * FROM migrisk_demo.person_link
	  UNION ALL SELECT 'window_link', * FROM migrisk_demo.window_link) x
GROUP BY t ORDER BY t;
SQL
