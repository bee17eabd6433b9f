#!/bin/sh
# test/pg/root.sh MAJOR: make (or reuse) a clean Debian root with PostgreSQL
# MAJOR, its server headers and its PostGIS, for make test-pg.  Prints the
# root's path on the last line of stdout.
#
# The suite that ships each tested major: 15 bookworm, 17 trixie, 18 sid.
# Roots live in $MIGRISK_ROOTS (default /var/tmp/migrisk-roots), one per
# major, outside the source tree so clones and CI runs share them; a root is
# reused when its stamp (suite, package list, this script) matches, else
# made anew.  A root is made in NAME.new and renamed only when complete, so
# a failed step leaves nothing half-made; the host itself is not changed
# (mounts are made in a private mount namespace and vanish with it).
#
# The mirror is the host's own (its apt sources), or $MIGRISK_MIRROR.
# Needs root (debootstrap, chroot) and debootstrap (make deps installs it).
set -u
cd "$(dirname "$0")/../.."
. test/pg/common.sh

major=${1:-}
suite=$(pg_suite "$major") || exit 2
roots=${MIGRISK_ROOTS:-/var/tmp/migrisk-roots}
root="$roots/$suite-pg$major"
log="$roots/$suite-pg$major.log"

fail() {
	echo "test-pg: making the PostgreSQL $major root failed at step '$1'${2:+: $2}" >&2
	[ -f "$log" ] && tail -20 "$log" >&2
	rm -rf "$root.new"
	exit 1
}

if [ "$(id -u)" != 0 ]; then
	echo "test-pg: making and entering a Debian root needs root (debootstrap, chroot); run as root or with sudo" >&2
	exit 1
fi
command -v debootstrap >/dev/null 2>&1 || fail "check tools" "debootstrap is not installed (make deps)"

pkgs=$(pg_packages "$major")
stamp="suite=$suite
packages=$pkgs
script=$(cat test/pg/root.sh test/pg/common.sh | cksum)"
if [ -d "$root" ] && [ "$(cat "$root/.migrisk-stamp" 2>/dev/null)" = "$stamp" ]; then
	echo "test-pg: reusing $root" >&2
	echo "$root"
	exit 0
fi

mkdir -p "$roots" || fail "make $roots"
rm -rf "$root.new"
: > "$log"
# debootstrap and the packages take about 1.5 GB
avail=$(df -Pk "$roots" | awk 'NR == 2 { print $4 }')
if [ "${avail:-0}" -lt 2500000 ]; then
	fail "check space" "$(( ${avail:-0} / 1024 )) MB free in $roots, 2500 MB needed"
fi
mirror=$(host_mirror) || fail "find the mirror" "no Debian mirror in the host's apt sources; set MIGRISK_MIRROR"

echo "test-pg: debootstrap $suite into $root (mirror $mirror)" >&2
t0=$(date +%s)
debootstrap --variant=minbase "$suite" "$root.new" "$mirror" >> "$log" 2>&1 ||
	fail "debootstrap $suite" "see $log"

# no service starts inside the root, and no cluster is made by the packages
printf '#!/bin/sh\nexit 101\n' > "$root.new/usr/sbin/policy-rc.d"
chmod 755 "$root.new/usr/sbin/policy-rc.d"
mkdir -p "$root.new/etc/postgresql-common"
echo "create_main_cluster = false" > "$root.new/etc/postgresql-common/createcluster.conf"

echo "test-pg: installing $pkgs" >&2
# sid's Release files can be older than their Valid-Until on a mirror
# snapshot; its packages are still signed
in_root "$root.new" "export DEBIAN_FRONTEND=noninteractive
	apt-get -o Acquire::Check-Valid-Until=false update -qq &&
	apt-get install -y -qq --no-install-recommends $pkgs &&
	apt-get clean" >> "$log" 2>&1 ||
	fail "apt-get install in the $suite root" "see $log"

echo "$stamp" > "$root.new/.migrisk-stamp"
rm -rf "$root"
mv "$root.new" "$root" || fail "rename the finished root"
echo "test-pg: root for PostgreSQL $major ready in $(( $(date +%s) - t0 )) s" >&2
echo "$root"
