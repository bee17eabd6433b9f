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
# nothing listens on (free_port, test/lib.sh), so a demo never collides
# with another cluster on the same machine.
pg_virtualenv -t -v 15 -c "-p $(free_port)" sh demo/in_cluster.sh
