#!/bin/sh
# make bench BENCH=linkage_febrl: linkage on records migrisk did not write,
# FEBRL 4 (data/febrl4/, 5,000 x 5,000, one true pair each): the plain path
# (blocking_analysis, link_records with no labels) on names and birth date,
# and privacy-preserving linkage (clk_encode_spec, Dice, greedy one-to-one)
# on the nine fields against the published clkhash/anonlink figures.
set -eu
cd "$(dirname "$0")/../.."
db=migrisk_bench_febrl
trap 'dropdb --if-exists $db' EXIT
dropdb --if-exists $db
createdb $db
psql -X -q -d $db -c 'CREATE EXTENSION migrisk CASCADE' 2>/dev/null
psql -X -d $db -v dir="$(pwd)/data/febrl4" -f test/bench/linkage_febrl.sql
