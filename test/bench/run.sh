#!/bin/sh
# make bench [BENCH=name]: builds and installs migrisk, then runs every
# test/bench/bench_*.sh (or only bench_$BENCH.sh) in one throwaway cluster.
# Each benchmark prints its own ratios against peers measured in the same run.
set -eu
cd "$(dirname "$0")/../.."
. test/lib.sh
make -s -j2 all
install_extension
pattern="test/bench/bench_${BENCH:-*}.sh"
pg_virtualenv -t -v 15 -c "-p $(free_port)" -o shared_buffers=1GB -o work_mem=256MB -o max_parallel_workers_per_gather=2 \
	sh -c "set -e; for b in $pattern; do echo \"== \$b\"; sh \"\$b\"; done"
