#!/bin/sh
# Runs inside pg_virtualenv (PGHOST, PGPORT, PGUSER set to a throwaway
# superuser cluster): pg_regress through PGXS installcheck, then every
# test/shell/*.sh.
set -u
cd "$(dirname "$0")/.."
. test/lib.sh

make -s installcheck > "$MIGRISK_STATE/regress.out" 2>&1
cat "$MIGRISK_STATE/regress.out"
# pg_regress prints one line per test: up to 15 "test NAME ... ok|FAILED
# N ms", from 16 on TAP "ok N - NAME N ms" or "not ok N - NAME N ms".
regress_results "$MIGRISK_STATE/regress.out" |
while read -r name result; do
	record "regress/$name" "$result"
done
if [ -f regression.diffs ]; then
	head -200 regression.diffs
fi
if ! regress_results "$MIGRISK_STATE/regress.out" | grep -q '^init '; then
	record "regress (pg_regress did not run)" fail
fi

for t in test/shell/*.sh; do
	[ -e "$t" ] || continue
	name="shell/$(basename "$t" .sh)"
	case " ${MIGRISK_SKIP_SHELL:-} " in
		*" $(basename "$t" .sh) "*) echo "skip   $name (not run here)"; continue ;;
	esac
	if sh "$t" > "$MIGRISK_STATE/shell.out" 2>&1; then
		record "$name" pass
	else
		cat "$MIGRISK_STATE/shell.out"
		record "$name" fail
	fi
done
