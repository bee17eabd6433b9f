#!/bin/sh
# make deb: the Debian packages postgresql-NN-migrisk (one per supported
# PostgreSQL major the host has server development files for), built with
# dpkg-buildpackage -us -uc -b from a copy of the source tree (the files
# git tracks or would track: the working tree's own build is left alone).
# The .deb files land in $MIGRISK_DEB_OUT (default out/deb/); the last line
# names them.
set -u
cd "$(dirname "$0")/../.."
. test/lib.sh

out=${MIGRISK_DEB_OUT:-out/deb}
fail() {
	echo "make deb: $* failed" >&2
	exit 1
}

step "deb: build dependencies"
sh test/deps.sh dpkg-dev debhelper postgresql-server-dev-all || fail "installing the build dependencies"

version=$(dpkg-parsechangelog -S Version) || fail "reading debian/changelog"
upstream=${version%-*}
control=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" migrisk.control)
if [ "$upstream" != "$control" ]; then
	fail "version check (debian/changelog has $version, migrisk.control $control)"
fi

work=$(mktemp -d -t migrisk-deb.XXXXXX) || fail "making a build directory"
trap 'rm -rf "$work"' EXIT
src="$work/migrisk-$upstream"
mkdir "$src"
step "deb: copy the source tree to $src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z --cached --others --exclude-standard |
		xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
		tar -c --null -T - -f - | tar -C "$src" -xf - || fail "copying the source tree"
else
	# an unpacked release (make dist's zip): all of it but build products
	tar -c --exclude=./out --exclude='*.o' --exclude='*.so' --exclude='*.bc' \
		--exclude=./results --exclude='./build-*' -f - . | tar -C "$src" -xf - ||
		fail "copying the source tree"
fi

step "deb: dpkg-buildpackage -us -uc -b"
t0=$(date +%s)
# debian/control follows debian/pgversions and the majors this host
# supports (pg_buildext checkcontrol would refuse a mismatch otherwise)
if ! (cd "$src" && PG_UPDATECONTROL=yes dpkg-buildpackage -us -uc -b) > "$work/build.log" 2>&1; then
	tail -60 "$work/build.log"
	fail "dpkg-buildpackage (log above)"
fi
echo "dpkg-buildpackage took $(( $(date +%s) - t0 )) s"

mkdir -p "$out" || fail "making $out"
rm -f "$out"/postgresql-*-migrisk*_"$version"_*.deb "$out"/postgresql-*-migrisk*_"$version"_*.ddeb
for f in "$work"/*.deb "$work"/*.ddeb "$work"/*.buildinfo "$work"/*.changes; do
	[ -e "$f" ] && cp "$f" "$out/"
done
debs=$(cd "$out" && ls postgresql-*-migrisk_"$version"_*.deb 2>/dev/null)
[ -n "$debs" ] || fail "dpkg-buildpackage made no postgresql-NN-migrisk package"
for d in $debs; do
	echo "built $out/$d"
done
