# Shared by test/pg/*.sh: the tested majors, their Debian suites and
# packages, the host's mirror, and running a command inside a root.

TESTED_MAJORS="15 17 18"

# pg_suite MAJOR: the Debian suite that ships PostgreSQL MAJOR
pg_suite() {
	case "${1:-}" in
		15) echo bookworm ;;
		17) echo trixie ;;
		18) echo sid ;;
		*)
			echo "test-pg: PostgreSQL '${1:-}' is not a tested major; the tested ones are: $TESTED_MAJORS" \
				"(16 has no Debian suite on this mirror: untested)" >&2
			return 1 ;;
	esac
}

# pg_packages MAJOR: what the root needs to build migrisk and run its tests
pg_packages() {
	p="postgresql-$1 postgresql-server-dev-$1 postgresql-$1-postgis-3 postgresql-$1-postgis-3-scripts
		postgresql-contrib make gcc libc6-dev python3 python3-psycopg2 sqlsmith
		r-base-core r-cran-survey r-cran-rpostgresql"
	# 18 ships JIT as its own package; before, it is part of the server
	[ "$1" -ge 18 ] && p="$p postgresql-$1-jit"
	# MobilityDB, the reference for the journey analytics (trixie ships 1.2)
	[ "$1" = 17 ] && p="$p postgresql-17-mobilitydb"
	echo $p
}

# host_mirror: the Debian archive URI of the host's apt sources
host_mirror() {
	if [ -n "${MIGRISK_MIRROR:-}" ]; then
		echo "$MIGRISK_MIRROR"
		return 0
	fi
	uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '
		/^Types:/ { deb = ($0 ~ /[ \t]deb([ \t]|$)/) }
		/^URIs:/ && deb { u = $2 }
		/^Suites:/ && u != "" { if ($2 !~ /-/ && found == "") found = u; u = "" }
		/^$/ { deb = 0; u = "" }
		END { print found }')
	if [ -z "$uri" ]; then
		uri=$(grep -hE '^deb[ \t]' /etc/apt/sources.list 2>/dev/null | grep -v -- '-security\|-updates\|-backports' |
			awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }')
	fi
	[ -n "$uri" ] || return 1
	echo "$uri"
}

# in_root ROOT COMMAND: run COMMAND (sh) inside ROOT with /proc, /dev and
# a fresh /dev/shm, in a private mount namespace (the mounts vanish with it)
in_root() {
	unshare --mount --propagation private sh -c '
		r=$1; shift
		mount -t proc proc "$r/proc" &&
		mount --rbind /dev "$r/dev" &&
		mount -t tmpfs tmpfs "$r/dev/shm" &&
		exec chroot "$r" /bin/sh -c "$1"' in_root "$1" "$2"
}
