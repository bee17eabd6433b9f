#!/bin/sh
# make test-pg's bad input: an unknown major is refused with the tested
# ones named, and a root that cannot be made (here: a mirror nobody
# serves) names the failed step and leaves no half-made root behind.
set -u
cd "$(dirname "$0")/../.."
failed=0
out=$(sh test/pg/run.sh 16 2>&1)
rc=$?
case "$rc:$out" in
	2:*"tested ones are: 15 17 18"*) echo "bad_input: PG=16 refused: $out" ;;
	*) echo "bad_input: FAIL: PG=16 gave rc $rc: $out"; failed=1 ;;
esac
if [ "$(id -u)" = 0 ]; then
	scratch=$(mktemp -d)
	out=$(MIGRISK_ROOTS="$scratch" MIGRISK_MIRROR=http://127.0.0.1:9/debian sh test/pg/root.sh 17 2>&1)
	rc=$?
	case "$rc:$out" in
		1:*"failed at step 'debootstrap trixie'"*) echo "bad_input: unreachable mirror: $(echo "$out" | grep 'failed at step')" ;;
		*) echo "bad_input: FAIL: unreachable mirror gave rc $rc: $out"; failed=1 ;;
	esac
	if [ -e "$scratch/trixie-pg17" ] || [ -e "$scratch/trixie-pg17.new" ]; then
		echo "bad_input: FAIL: a half-made root was left in $scratch"
		failed=1
	fi
	rm -rf "$scratch"
else
	echo "bad_input: not root: the unreachable-mirror case needs root and is not run"
fi
exit $failed
