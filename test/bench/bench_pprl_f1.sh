#!/bin/sh
# make bench BENCH=pprl_f1: F1 of privacy-preserving linkage (Bloom-filter
# encodings, Dice) against the plain linkage (link_records, EM) on the same
# five fields of the synthetic data set with truth; the bar is a difference
# of at most 0.01.  Two encodings: each surname its own field, and both
# surnames as one field.  PPRL_F1_PERSONS (default 20000) sets the size,
# PPRL_F1_SEED (default 7) the seed, PPRL_F1_ERRORS (default 1) the error level.
set -eu
cd "$(dirname "$0")/../.."
persons=${PPRL_F1_PERSONS:-20000}
seed=${PPRL_F1_SEED:-7}
errors=${PPRL_F1_ERRORS:-1}
dir=$(mktemp -d)
trap 'rm -rf "$dir"; dropdb --if-exists migrisk_pprl_f1' EXIT
make -s data PERSONS="$persons" SEED="$seed" ERRORS="$errors" OUT="$dir/data" >/dev/null
createdb migrisk_pprl_f1
export PGDATABASE=migrisk_pprl_f1
psql -X -q -c 'CREATE EXTENSION migrisk CASCADE' 2>/dev/null
psql -X -q -v dir="$dir/data" -f test/data/load.sql >/dev/null
PGOPTIONS="-c f1.spec=name,name,name,date,exact -c f1.spec_surnames=name,name,date,exact" psql -X -f test/bench/pprl_f1.sql
