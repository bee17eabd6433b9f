#!/bin/sh
# make reference: build and install migrisk, then rewrite docs/reference.md
# from the catalog of a fresh CREATE EXTENSION in a throwaway cluster
# (test/docs/reference.py --write; the hand-written prose is kept).
set -u
cd "$(dirname "$0")/../.."
. test/lib.sh

make -s -j2 all || exit 1
install_extension || exit 1
pg_virtualenv -t -v 15 -c "-p $(free_port)" python3 test/docs/reference.py --write docs/reference.md
