#!/bin/sh
# Binary COPY of migrisk.clk: a round trip keeps every bit, and hostile
# binary values (wrong version, bad length, short or long payload) are
# rejected with 22P03 instead of being trusted.
set -eu
db=migrisk_pprl_binary_$$
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db"
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db"' EXIT
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c 'CREATE EXTENSION migrisk CASCADE' \
	-c 'CREATE TABLE t (c migrisk.clk)' \
	-c "INSERT INTO t SELECT encode(decode(string_agg(md5(i || '/' || j), '' ORDER BY j), 'hex'), 'base64')::migrisk.clk FROM generate_series(1, 50) i, generate_series(1, 8) j GROUP BY i" \
	-c "INSERT INTO t VALUES ('AAECAwQFBgc='), ((repeat('A', 1364) || 'AA==')::migrisk.clk)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db"' EXIT

# round trip
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c '\copy t TO '"$tmp"'/t.bin WITH (FORMAT binary)'
out=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" <<SQL
CREATE TABLE u (c migrisk.clk);
\copy u FROM $tmp/t.bin WITH (FORMAT binary)
SELECT count(*) FROM u;
SELECT count(*) FROM t JOIN u ON t.c::text = u.c::text;
SQL
)
echo "round trip: $out"
[ "$out" = "$(printf '52\n52')" ]

# one-row binary COPY files: header, tuple (1 field, length, value), trailer
header='PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000'
row() {
	# $1 = value length as 4 octal-escaped bytes, $2 = value bytes
	printf "$header"'\000\001'"$1$2"'\377\377' > "$tmp/row.bin"
}
expect() {
	# $1 = what, $2 = expected outcome (ok or an SQLSTATE)
	got=$(psql -X -q -At -d "$db" -v VERBOSITY=verbose -c "\\copy t FROM $tmp/row.bin WITH (FORMAT binary)" 2>&1 |
		sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\):.*/\1/p' | head -1)
	[ -n "$got" ] || got=ok
	echo "$1: $got"
	[ "$got" = "$2" ]
}
eight='\000\001\002\003\004\005\006\007'
row '\000\000\000\013' '\001\000\100'"$eight"
expect "valid 64-bit value" ok
row '\000\000\000\013' '\002\000\100'"$eight"
expect "format version 2" 22P03
row '\000\000\000\013' '\001\000\060'"$eight"
expect "48 bits" 22P03
row '\000\000\000\013' '\001\377\377'"$eight"
expect "65535 bits" 22P03
row '\000\000\000\007' '\001\000\100\000\001\002\003'
expect "64 bits with 4 bytes" 22P03
row '\000\000\000\014' '\001\000\100'"$eight"'\010'
expect "64 bits with 9 bytes" 22P03
row '\000\000\000\001' '\001'
expect "version byte only" 08P01
out=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "SELECT count(*) FROM t WHERE c::text = 'AAECAwQFBgc='")
echo "valid row stored: $out"
[ "$out" = 2 ]
