#!/bin/sh
# Runs inside pg_virtualenv: creates a demo database and plays demo/demo.sql.
set -eu
cd "$(dirname "$0")/.."
createdb migrisk_demo
psql -X -q -v ON_ERROR_STOP=1 -d migrisk_demo -f demo/demo.sql
