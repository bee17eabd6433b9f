#!/bin/sh
# make demo: build and install migrisk, start a throwaway cluster, load the
# sample and show the main job.
set -eu
cd "$(dirname "$0")/.."
. test/lib.sh
step "build"
make -s -j2 all
step "install"
install_extension
step "throwaway cluster (pg_virtualenv)"
pg_virtualenv -t -v 15 sh demo/in_cluster.sh
