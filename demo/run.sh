#!/bin/sh
# make demo: build and install migrisk, start a throwaway cluster, generate
# and load the synthetic records, and show the main job end to end.
#
#   make demo                       # DEMO_PERSONS=10000 by default
#   make demo DEMO_PERSONS=50000    # a bigger population
#
# The report is written to out/demo/report.html (DEMO_OUT to change).
set -eu
cd "$(dirname "$0")/.."
. test/lib.sh
step "build"
make -s -j2 all
step "install"
install_extension
step "throwaway cluster (pg_virtualenv)"
# -t: the cluster lives in a temporary directory even for root, on a port
# nothing listens on, so a demo never collides with another cluster
# (a test run's, another demo's) on the same machine.
port=$((54000 + $$ % 900))
while pg_isready -q -h localhost -p "$port" >/dev/null 2>&1 || [ $? -ne 2 ]; do
	port=$((port + 1))
done
pg_virtualenv -t -v 15 -c "-p $port" sh demo/in_cluster.sh
