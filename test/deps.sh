#!/bin/sh
# Install the Debian packages migrisk needs to build, test and demo.
# As root: apt-get installs what is missing.  Otherwise: sudo apt-get when
# sudo works without a password prompt we cannot answer, else print the
# exact command and fail.  With arguments: those packages instead (the
# packaging targets name their own).
set -e

PKGS="postgresql-15 postgresql-server-dev-15 postgresql-15-postgis-3
postgresql-15-postgis-3-scripts postgresql-contrib postgresql-15-similarity
clang-14 libclang-rt-14-dev sqlsmith valgrind python3 python3-psycopg2
r-base-core r-cran-survey r-cran-rpostgresql
make gcc debootstrap chromium"
if [ $# -gt 0 ]; then
	PKGS="$*"
fi

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	exit 0
fi

echo "migrisk deps: missing:$missing"
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo"
else
	echo "migrisk deps: cannot install as $(id -un); run:" >&2
	echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
