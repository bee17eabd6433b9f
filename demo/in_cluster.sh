#!/bin/sh
# Runs inside pg_virtualenv: creates a demo database and plays the demo
# chapters demo/sql/*.sql in name order.
set -eu
cd "$(dirname "$0")/.."
createdb migrisk_demo
for f in demo/sql/*.sql; do
	psql -X -q -v ON_ERROR_STOP=1 -d migrisk_demo -f "$f"
done
