#!/bin/sh
# A real client library, not psql: Python's psycopg2 (Debian
# python3-psycopg2) connects like a BI tool or a notebook would, reads
# migrisk's types in their text form, reads the BI views
# (bi/create_views.sql), checks that every view column has a plain type,
# recomputes estimates from the raw text forms in Python and compares them
# with the views, and checks small-cell suppression as the BI role.
set -eu
cd "$(dirname "$0")/../.."
# Debian's interpreter, where python3-psycopg2 lives (a pyenv python3 first
# on PATH would not see it).
PY=/usr/bin/python3
if ! $PY -c 'import psycopg2' 2>/dev/null; then
	echo "client_check: python3-psycopg2 is not installed (apt-get install python3-psycopg2)"
	exit 1
fi

tmp=$(mktemp -d)
db=migrisk_client_$$
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

DEMO_DB=$db DEMO_PERSONS=${CLIENT_PERSONS:-1500} DEMO_OUT="$tmp/out" \
DEMO_TOURS=no DEMO_UPTO=85 sh demo/in_cluster.sh > "$tmp/build.log" 2>&1 || {
	cat "$tmp/build.log"
	echo "client_check: building the database failed"
	exit 1
}

# The BI role logs in with a password over TCP, as a BI tool would.
bi_password="bi_$$_check"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "ALTER ROLE bi_reader PASSWORD '$bi_password'"

DB=$db BI_PASSWORD=$bi_password $PY test/shell/client_check.py
