# Shell helpers shared by migrisk's test, demo and bench scripts.

# Throwaway clusters and psql take their encoding from the locale: make it
# UTF-8 whatever the caller's environment (a login without LANG gets
# SQL_ASCII otherwise, and Spanish names stop comparing as they should).
LANG=C.UTF-8
LC_ALL=C.UTF-8
export LANG LC_ALL

step() {
	printf '== %s\n' "$*"
}

# record NAME pass|fail: count one test result for the final summary.
record() {
	if [ -n "${MIGRISK_STATE:-}" ]; then
		echo "$1" >> "$MIGRISK_STATE/$2"
	fi
	printf '%-6s %s\n' "$2" "$1"
}

# Install into the server's directories: directly when they are writable
# (root, CI), else through sudo (an ordinary developer).
install_extension() {
	libdir=$(make -s --no-print-directory print-pkglibdir 2>/dev/null)
	if [ -w "$libdir" ]; then
		make -s install >/dev/null
	elif command -v sudo >/dev/null 2>&1; then
		sudo make -s install >/dev/null
	else
		echo "migrisk: cannot write $libdir and no sudo: run 'make install' as root" >&2
		return 1
	fi
}

# A TCP port on localhost where no server answers, for a throwaway cluster
# (pg_virtualenv -t alone starts at 5432, where the system's cluster or a
# concurrent run may already listen).
free_port() {
	port=$((54000 + $$ % 900))
	while pg_isready -q -h localhost -p "$port" >/dev/null 2>&1 || [ $? -ne 2 ]; do
		port=$((port + 1))
	done
	echo "$port"
}

# copy_source DIR: the working tree (without git metadata, build products
# and test binaries) into DIR, for a build with other flags
copy_source() {
	mkdir -p "$1"
	tar -C "$(pwd)" --exclude='./.git' --exclude='*.o' --exclude='*.so' --exclude='*.bc' \
		--exclude='./results' --exclude='./test/unit/bin' --exclude='./test/fuzz/bin' \
		--exclude='./test/fuzz/selftest/bin' -cf - . | tar -C "$1" -xf -
}

# regress_results FILE: "NAME pass|fail" for each test in pg_regress's
# output, in the format of 15 ("test NAME ... ok") and of 16 and later (TAP:
# "ok 1 - NAME", "not ok 2 - NAME"; "+" marks a parallel group's test)
regress_results() {
	sed -nE \
		-e 's/^(test| ) *([a-z0-9_]+) +\.\.\. +ok( .*)?$/\2 pass/p' \
		-e 's/^(test| ) *([a-z0-9_]+) +\.\.\. +.*$/\2 fail/p' \
		-e 's/^ok +[0-9]+ +[-+] +([a-z0-9_]+)( .*)?$/\1 pass/p' \
		-e 's/^not ok +[0-9]+ +[-+] +([a-z0-9_]+)( .*)?$/\1 fail/p' "$1"
}
