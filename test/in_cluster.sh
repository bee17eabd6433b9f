#!/bin/sh
# Runs inside pg_virtualenv (PGHOST, PGPORT, PGUSER set to a throwaway
# superuser cluster): pg_regress through PGXS installcheck, then every
# test/shell/*.sh.
set -u
cd "$(dirname "$0")/.."
. test/lib.sh

make -s installcheck > "$MIGRISK_STATE/regress.out" 2>&1
cat "$MIGRISK_STATE/regress.out"
# pg_regress prints one line per test: "test NAME ... ok|FAILED  N ms".
grep -E '^(test| ) *[a-z0-9_]+ +\.\.\. ' "$MIGRISK_STATE/regress.out" |
while read -r _t name _dots result _rest; do
	case "$result" in
		ok) record "regress/$name" pass ;;
		*) record "regress/$name" fail ;;
	esac
done
if [ -f regression.diffs ]; then
	head -200 regression.diffs
fi
if ! grep -qE '^(test| ) *init +\.\.\. ' "$MIGRISK_STATE/regress.out"; then
	record "regress (pg_regress did not run)" fail
fi

for t in test/shell/*.sh; do
	[ -e "$t" ] || continue
	name="shell/$(basename "$t" .sh)"
	if sh "$t" > "$MIGRISK_STATE/shell.out" 2>&1; then
		record "$name" pass
	else
		cat "$MIGRISK_STATE/shell.out"
		record "$name" fail
	fi
done
