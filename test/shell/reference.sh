#!/bin/sh
# docs/reference.md against the installed catalog (test/docs/reference.py
# --check): every function, aggregate, type and table of a fresh
# CREATE EXTENSION migrisk CASCADE has an entry (or a line under Internal
# objects), every entry names an object, and the generated lines (heading,
# labels, COMMENT) are what the catalog gives now.  On failure it prints the
# objects missing and the entries extra, then the difference; "make
# reference" regenerates the file.
#
# Then the check itself is shown to fail on three damaged copies of the
# page: an entry taken out, an entry for a function that does not exist,
# and a COMMENT line edited by hand.
set -u
cd "$(dirname "$0")/../.."
gen="python3 test/docs/reference.py"
work=$(mktemp -d -t migrisk-reference.XXXXXX)
trap 'rm -rf "$work"' EXIT
failed=0

if ! $gen --check docs/reference.md; then
	echo "reference: FAIL: docs/reference.md does not match the catalog (make reference)"
	failed=1
fi

# expect_failure NAME FILE PATTERN: --check on FILE fails and says PATTERN
expect_failure() {
	if $gen --check "$2" > "$work/out" 2>&1; then
		echo "reference: FAIL: --check passed the page with $1"
		failed=1
	elif ! grep -qF -- "$3" "$work/out"; then
		cat "$work/out"
		echo "reference: FAIL: --check on the page with $1 did not say: $3"
		failed=1
	else
		echo "reference: --check fails as it should on the page with $1"
	fi
}

# 1. the entry of legs(journey) removed, heading to the next heading
awk 'BEGIN { skip = 0 }
	/^#+ / { skip = ($0 ~ /`migrisk\.legs\(journey\)/) }
	!skip' docs/reference.md > "$work/missing.md"
expect_failure "an entry removed" "$work/missing.md" \
	"missing: function migrisk.legs(journey) has no entry"

# 2. an entry in the house style for a function that does not exist
{ cat docs/reference.md; printf '\n### `migrisk.no_such_function(n integer) → text`\n\nProse.\n'; } \
	> "$work/extra.md"
expect_failure "an entry for no object" "$work/extra.md" \
	'extra: entry "`migrisk.no_such_function(n integer) → text`" names no object'

# 3. a generated COMMENT line edited by hand
sed 's/^> number of legs$/> number of legs, edited/' docs/reference.md > "$work/stale.md"
if cmp -s docs/reference.md "$work/stale.md"; then
	echo "reference: FAIL: the COMMENT line of legs(journey) was not found to edit"
	failed=1
fi
expect_failure "an edited COMMENT line" "$work/stale.md" "is not what the catalog gives"

exit $failed
