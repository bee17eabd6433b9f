#!/bin/sh
# make dist: the release zip for PGXN, migrisk-VERSION.zip with everything
# under one top directory migrisk-VERSION/, from git archive of HEAD.
# Refuses a tree with uncommitted changes to tracked files (the zip would
# not be what they describe) and versions that disagree (migrisk.control's
# default_version, META.json's, debian/changelog's); META.json must pass
# the PGXN Meta Spec check.  Writes to $MIGRISK_DIST_OUT (default out/dist/).
set -u
cd "$(dirname "$0")/../.."
out=${MIGRISK_DIST_OUT:-out/dist}
fail() {
	echo "make dist: $*" >&2
	exit 1
}

git rev-parse --verify -q HEAD >/dev/null || fail "not a git checkout with a commit"
dirty=$(git status --porcelain --untracked-files=no)
if [ -n "$dirty" ]; then
	echo "$dirty" >&2
	fail "refused: uncommitted changes to tracked files (above); commit or stash them"
fi

v=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" migrisk.control)
[ -n "$v" ] || fail "no default_version in migrisk.control"
# META.json must be valid and at the control file's version (in the commit:
# the tree is clean, so the working files are HEAD's)
python3 test/package/pgxn_meta.py --control migrisk.control META.json ||
	fail "refused: META.json is invalid or its version is not migrisk.control's $v"
deb=$(sed -n '1s/^migrisk (\([^)-]*\)-[^)]*).*/\1/p' debian/changelog)
[ "$deb" = "$v" ] || fail "refused: debian/changelog is at $deb, migrisk.control at $v"

mkdir -p "$out" || fail "cannot create $out"
zip="$out/migrisk-$v.zip"
rm -f "$zip"
git archive --format=zip --prefix="migrisk-$v/" -o "$zip" HEAD || fail "git archive failed"
# one top directory, META.json and the control file in it
python3 - "$zip" "migrisk-$v/" <<'PY' || { rm -f "$zip"; fail "the zip is not laid out for PGXN"; }
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
top = sys.argv[2]
bad = [n for n in names if not n.startswith(top)]
if bad or top + "META.json" not in names or top + "migrisk.control" not in names:
    sys.exit("outside %s: %s; META.json or migrisk.control missing" % (top, bad[:5]))
print("%d files under %s" % (len(names), top))
PY
echo "$(sha256sum "$zip" | cut -c1-64)  $zip ($(wc -c < "$zip") bytes, commit $(git rev-parse --short HEAD))"
