#!/bin/sh
# test/pg/dump15.sh DIR: on the host's PostgreSQL 15, with this tree's
# build installed, a database with every migrisk type in a table and user
# rows in every configuration table, dumped by pg_dump 15 into DIR with the
# rows as text (test/shell/dump_restore.sh, dump half).  make test-pg
# restores it into a newer major and compares the rows.
set -u
cd "$(dirname "$0")/../.."
. test/lib.sh

dir=$1
rm -rf "$dir"
if ! make -s -j2 all || ! install_extension; then
	echo "dump15: building or installing on the host failed"
	exit 1
fi
DUMP_RESTORE_PHASE=dump DUMP_RESTORE_DIR="$dir" \
	pg_virtualenv -t -v 15 -c "-p $(free_port)" sh test/shell/dump_restore.sh
