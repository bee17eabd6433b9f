#!/bin/sh
# make test-package: build the Debian package (make deb), install it into a
# fresh Debian bookworm root made with debootstrap, and there run
# CREATE EXTENSION migrisk CASCADE and the regression suite against the
# installed package (debian/tests/create-extension and installcheck, as
# autopkgtest would), then purge it again.
#
# The root, with postgresql-15 and postgresql-15-postgis-3 installed, lives
# outside the source tree in ${MIGRISK_ROOTS:-/var/tmp/migrisk-roots}/
# bookworm-package and is reused while its stamp file matches this recipe
# (suite, variant, archive lines, packages); it is built in a temporary
# directory and moved into place only when complete.  Every mount lives in
# a private mount namespace (unshare --mount) and ends with it; the host
# gets nothing installed.  The archive is the host's own (apt-get
# indextargets), or $MIGRISK_MIRROR for debootstrap.
#
# Needs root (debootstrap, chroot, mounts).  Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. test/lib.sh

STATE=$(mktemp -d)
export MIGRISK_STATE="$STATE"
roots=${MIGRISK_ROOTS:-/var/tmp/migrisk-roots}
root="$roots/bookworm-package"
new=""
pkgtest=""
t_start=$(date +%s)

summary() {
	pass=$(cat "$STATE"/pass 2>/dev/null | wc -l)
	fail=$(cat "$STATE"/fail 2>/dev/null | wc -l)
	if [ "$fail" -gt 0 ]; then
		echo "failed:"
		sed 's/^/  /' "$STATE"/fail
	fi
	echo "make test-package took $(( $(date +%s) - t_start )) s"
	echo "$pass passed, $fail failed"
	rm -rf "$STATE"
	[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
}

# abort STEP [LOG]: record STEP as failed, show the end of LOG, stop
abort() {
	if [ -n "${2:-}" ] && [ -s "$2" ]; then
		tail -40 "$2"
	fi
	echo "make test-package: step failed: $1" >&2
	record "$1" fail
	exit 1
}

cleanup() {
	rc=$?
	# a root left half-built is removed; the finished root loses the
	# package under test, or its stamp when that fails
	if [ -n "$new" ]; then
		rm -rf "$new"
	fi
	if [ -n "$pkgtest" ] && [ -d "$root" ]; then
		if in_root "$root" sh -c 'dpkg -s postgresql-15-migrisk >/dev/null 2>&1 || exit 0;
			apt-get purge -y -q postgresql-15-migrisk' > "$STATE/purge.log" 2>&1; then
			:
		else
			cat "$STATE/purge.log"
			echo "make test-package: could not purge the package; the root will be rebuilt next time" >&2
			rm -f "$root/.migrisk-stamp"
		fi
		rm -rf "$root$pkgtest"
	fi
	summary
	rc2=$?
	[ $rc -ne 0 ] && exit $rc
	exit $rc2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# in_root DIR CMD...: CMD in the root at DIR, in a private mount namespace
# with /proc, /dev (and a fresh /dev/pts) and a tmpfs /dev/shm
in_root() {
	unshare --mount --propagation private sh -c '
		set -e
		r=$1
		shift
		mount -t proc proc "$r/proc"
		mount --bind /dev "$r/dev"
		mount -t tmpfs -o mode=1777,size=512m tmpfs "$r/dev/shm"
		mount -t devpts -o newinstance,ptmxmode=0666 devpts "$r/dev/pts" 2>/dev/null || true
		exec chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
			LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"' sh "$@"
}

step "test-package: preconditions"
[ "$(id -u)" = 0 ] || abort "preconditions (run as root: debootstrap, chroot and mounts need it)"
sh test/deps.sh debootstrap || abort "preconditions (installing debootstrap)"
for tool in debootstrap unshare chroot dpkg-deb apt-get; do
	command -v "$tool" >/dev/null 2>&1 || abort "preconditions ($tool not found)"
done
. /etc/os-release
[ "${VERSION_CODENAME:-}" = bookworm ] ||
	abort "preconditions (the package is built on this host, which is ${VERSION_CODENAME:-unknown}, not bookworm)"
unshare --mount --propagation private true 2>/dev/null ||
	abort "preconditions (unshare --mount is not permitted here)"

# The host's bookworm archive lines (deb URI SUITE COMPONENTS), whatever
# the format of its sources; debootstrap takes the main suite's URI.
sources=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT)' 'Identifier: Packages' |
	awk '$2 ~ /^bookworm(-|$)/ { c[$1 " " $2] = c[$1 " " $2] " " $3 }
		END { for (k in c) print "deb " k c[k] }' | LC_ALL=C sort)
mirror=${MIGRISK_MIRROR:-$(echo "$sources" | awk '$3 == "bookworm" { print $2; exit }')}
[ -n "$mirror" ] || abort "preconditions (no bookworm archive in the host's apt sources; set MIGRISK_MIRROR)"
if [ -n "${MIGRISK_MIRROR:-}" ]; then
	sources="deb $MIGRISK_MIRROR bookworm main"
fi

step "test-package: build the package (make deb)"
t0=$(date +%s)
if ! sh test/package/deb.sh > "$STATE/deb.log" 2>&1; then
	abort "build the package (make deb)" "$STATE/deb.log"
fi
grep -E '^(built|dpkg-buildpackage took)' "$STATE/deb.log"
deb=$(sed -n 's/^built //p' "$STATE/deb.log" | grep '/postgresql-15-migrisk_' | head -1)
[ -n "$deb" ] || abort "build the package (no postgresql-15-migrisk package built)"
record "deb build ($(( $(date +%s) - t0 )) s)" pass

# The package carries the module, the control file, the current install
# script, every update script and every released install script.
step "test-package: package contents"
ver=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" migrisk.control)
dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' > "$STATE/contents"
missing=""
for f in /usr/lib/postgresql/15/lib/migrisk.so /usr/share/postgresql/15/extension/migrisk.control \
	/usr/share/postgresql/15/extension/migrisk--"$ver".sql \
	$(for s in migrisk--*--*.sql releases/migrisk--*.sql; do
		[ -e "$s" ] && echo "/usr/share/postgresql/15/extension/$(basename "$s")"; done); do
	grep -qx "$f" "$STATE/contents" || missing="$missing $f"
done
if [ -n "$missing" ]; then
	record "package contents (missing:$missing)" fail
else
	record "package contents" pass
fi

stamp="recipe 1
suite bookworm, variant minbase, debootstrap mirror $mirror
$sources
policy-rc.d 101; createcluster.conf create_main_cluster = false
packages postgresql-15 postgresql-15-postgis-3 (no recommends)"

mkdir -p "$roots" 2>/dev/null || abort "make the root (cannot create $roots)"
exec 9> "$roots/bookworm-package.lock"
flock 9

if [ -f "$root/.migrisk-stamp" ] && [ "$(cat "$root/.migrisk-stamp")" = "$stamp" ] &&
	[ -x "$root/usr/lib/postgresql/15/bin/postgres" ]; then
	step "test-package: reuse the bookworm root $root"
	record "bookworm root (reused)" pass
else
	step "test-package: make the bookworm root $root"
	t0=$(date +%s)
	avail=$(df -Pk "$roots" | awk 'NR == 2 { print $4 }')
	if [ "${avail:-0}" -lt 3000000 ]; then
		abort "make the root (less than 3 GB free in $roots)"
	fi
	new=$(mktemp -d "$roots/.bookworm-package.new.XXXXXX") || abort "make the root (mktemp in $roots)"
	# the root's / (mktemp makes it 0700: the postgres user must get in)
	chmod 755 "$new"
	echo "debootstrap --variant=minbase bookworm $new $mirror"
	if ! unshare --mount --propagation private \
		debootstrap --variant=minbase bookworm "$new" "$mirror" > "$STATE/debootstrap.log" 2>&1; then
		abort "make the root: debootstrap (mirror $mirror)" "$STATE/debootstrap.log"
	fi
	echo "debootstrap took $(( $(date +%s) - t0 )) s"
	echo "$sources" > "$new/etc/apt/sources.list"
	cp /etc/resolv.conf "$new/etc/resolv.conf" 2>/dev/null || true
	printf '#!/bin/sh\n# no daemon starts while packages install in this root\nexit 101\n' > "$new/usr/sbin/policy-rc.d"
	chmod 755 "$new/usr/sbin/policy-rc.d"
	mkdir -p "$new/etc/postgresql-common"
	echo "create_main_cluster = false" > "$new/etc/postgresql-common/createcluster.conf"
	t1=$(date +%s)
	if ! in_root "$new" sh -c 'apt-get update -q &&
		apt-get install -y -q --no-install-recommends postgresql-15 postgresql-15-postgis-3 &&
		apt-get clean' > "$STATE/apt.log" 2>&1; then
		abort "make the root: apt-get install postgresql-15 postgresql-15-postgis-3" "$STATE/apt.log"
	fi
	echo "packages took $(( $(date +%s) - t1 )) s"
	echo "$stamp" > "$new/.migrisk-stamp"
	rm -rf "$root" && mv "$new" "$root" || abort "make the root (moving it to $root)"
	new=""
	record "bookworm root (made in $(( $(date +%s) - t0 )) s)" pass
fi

step "test-package: install $(basename "$deb") in the root"
t0=$(date +%s)
pkgtest=/tmp/migrisk-pkgtest
rm -rf "$root$pkgtest"
mkdir -p "$root$pkgtest/src/debian"
cp "$deb" "$root$pkgtest/"
cp -r debian/tests "$root$pkgtest/src/debian/"
cp -r sql expected "$root$pkgtest/src/"
# (a package built against a newer PostgreSQL minor than the root has
# needs the archive's newer server: a second try refreshes the lists)
if in_root "$root" apt-get install -y -q --no-install-recommends "$pkgtest/$(basename "$deb")" \
	> "$STATE/install.log" 2>&1 ||
	in_root "$root" sh -c 'apt-get update -q && apt-get install -y -q --no-install-recommends "$1" && apt-get clean' \
	sh "$pkgtest/$(basename "$deb")" >> "$STATE/install.log" 2>&1; then
	record "install the package (apt-get install ./$(basename "$deb"))" pass
else
	abort "install the package (apt-get install ./$(basename "$deb"))" "$STATE/install.log"
fi

step "test-package: CREATE EXTENSION migrisk CASCADE (debian/tests/create-extension)"
if in_root "$root" sh "$pkgtest/src/debian/tests/create-extension" > "$STATE/create.log" 2>&1; then
	sed 's/^/  /' "$STATE/create.log"
	record "CREATE EXTENSION migrisk CASCADE" pass
else
	cat "$STATE/create.log"
	record "CREATE EXTENSION migrisk CASCADE" fail
fi

step "test-package: the regression suite against the installed package (debian/tests/installcheck)"
in_root "$root" sh "$pkgtest/src/debian/tests/installcheck" > "$STATE/regress.log" 2>&1
rc=$?
grep -E '^(test| ) *[a-z0-9_]+ +\.\.\. ' "$STATE/regress.log" |
while read -r _t name _dots result _rest; do
	case "$result" in
		ok) record "installed/regress/$name" pass ;;
		*) record "installed/regress/$name" fail ;;
	esac
done
if ! grep -qE '^(test| ) *init +\.\.\. ' "$STATE/regress.log"; then
	cat "$STATE/regress.log"
	record "installcheck (pg_regress did not run)" fail
elif [ $rc -ne 0 ]; then
	tail -100 "$STATE/regress.log"
	record "installcheck (exit status $rc)" fail
fi
echo "install and tests took $(( $(date +%s) - t0 )) s"

step "test-package: purge the package from the root"
if in_root "$root" apt-get purge -y -q postgresql-15-migrisk > "$STATE/purge.log" 2>&1 &&
	! ls "$root"/usr/share/postgresql/15/extension/migrisk* "$root"/usr/lib/postgresql/15/lib/migrisk.so >/dev/null 2>&1; then
	record "purge leaves no migrisk file" pass
else
	cat "$STATE/purge.log"
	rm -f "$root/.migrisk-stamp"
	record "purge leaves no migrisk file" fail
fi
