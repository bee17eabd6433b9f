#!/bin/sh
# One limit on the legs of a journey, with one message, whichever way a
# journey is made: text input, binary receive (COPY ... FORMAT binary) and
# the journey aggregate all refuse one leg more than the limit with 54000
# "a journey cannot have more than N legs", and all take a journey of
# exactly N legs (so a journey received in binary always restores from
# its text form too).
set -u
. "$(dirname "$0")/lib/common.sh"
cd "$(dirname "$0")/../.."

ext=${MIGRISK_EXTENSION:-migrisk}
db=migrisk_journey_limit_$$
work=$(mktemp -d -t migrisk-journey.XXXXXX)
cleanup() {
	rm -rf "$work"
	psql_q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
}
trap cleanup EXIT

# the documented limit (docs/reference.md, JOURNEY_LEGS_LIMIT in src/route_segment.h)
limit=1000000
want="a journey cannot have more than $limit legs"

guard_start || exit 1
psql_q -d postgres -c "CREATE DATABASE $db" || exit 1
psql_q -d "$db" -c "CREATE EXTENSION $ext CASCADE" || exit 1
psql_q -d "$db" -c "CREATE TABLE j (v $ext.journey)" || exit 1
# the binary form of one journey: format byte, leg count, the legs' bytes
leg=$(psql_q -d "$db" -c "SELECT encode($ext.route_segment_send('foot (0 0, 1 1)'), 'hex')")
head=$(psql_q -d "$db" -c "SELECT substr(encode($ext.journey_send('[foot (0 0, 1 1)]'), 'hex'), 1, 2)")

# a binary COPY file of one journey of $1 legs
copyfile() {
	perl -e '
		my ($n, $head, $leg, $out) = @ARGV;
		open(my $f, ">:raw", $out) or die "$out: $!";
		my $l = pack("H*", $leg);
		print $f "PGCOPY\n\377\r\n\0", pack("NN", 0, 0);
		print $f pack("nN", 1, 1 + 4 + $n * length($l)), pack("H*", $head), pack("N", $n);
		my $chunk = $l x 10000;
		my $k = $n;
		while ($k >= 10000) { print $f $chunk; $k -= 10000; }
		print $f $l x $k;
		print $f pack("n", 0xffff);
		close($f) or die;
	' "$1" "$head" "$leg" "$2"
}

failed=0
check() {	# name, expected ("ok" or the error), what psql printed
	case "$2" in
		ok) if grep -q ERROR "$3"; then
				echo "journey_limit: FAIL: $1: refused: $(grep ERROR "$3" | head -1)"; failed=1
			else
				echo "journey_limit: $1: accepted"
			fi ;;
		*) if grep -q "ERROR:  54000: $2" "$3"; then
				echo "journey_limit: $1: refused with 54000 \"$2\""
			else
				echo "journey_limit: FAIL: $1: expected 54000 \"$2\", got: $(grep -E 'ERROR|COPY' "$3" | head -1)"; failed=1
			fi ;;
	esac
}

over=$((limit + 1))
copyfile "$over" "$work/over.bin" && copyfile "$limit" "$work/limit.bin" || exit 1
psql -X -d "$db" -c "\\set VERBOSITY verbose" \
	-c "\\copy j FROM '$work/over.bin' WITH (FORMAT binary)" > "$work/out" 2>&1
check "binary receive, $over legs" "$want" "$work/out"
psql -X -d "$db" -c "\\set VERBOSITY verbose" \
	-c "\\copy j FROM '$work/limit.bin' WITH (FORMAT binary)" \
	-c "SELECT $ext.legs(v) FROM j" > "$work/out" 2>&1
check "binary receive, $limit legs" ok "$work/out"
for n in "$over" "$limit"; do
	psql -X -d "$db" -c "\\set VERBOSITY verbose" -c "SELECT $ext.legs(('[' || repeat('foot (0 0, 1 1); ', $n - 1) || 'foot (0 0, 1 1)]')::$ext.journey)" \
		> "$work/out" 2>&1
	check "text input, $n legs" "$([ "$n" = "$over" ] && echo "$want" || echo ok)" "$work/out"
	psql -X -d "$db" -c "\\set VERBOSITY verbose" -c "SELECT $ext.legs($ext.journey(s)) FROM generate_series(1, $n),
		(SELECT 'foot (0 0, 1 1)'::$ext.route_segment AS s) s" > "$work/out" 2>&1
	check "aggregate, $n legs" "$([ "$n" = "$over" ] && echo "$want" || echo ok)" "$work/out"
done
# the journey received at the limit prints and reads back
psql_q -d "$db" -c "SELECT $ext.legs(v::text::$ext.journey) = $limit FROM j" > "$work/out" 2>&1
if [ "$(cat "$work/out")" = t ]; then
	echo "journey_limit: the $limit-leg journey received in binary reads back from its text"
else
	echo "journey_limit: FAIL: the $limit-leg journey received in binary does not read back from its text: $(head -1 "$work/out")"
	failed=1
fi
guard_check journey_limit || failed=1
exit $failed
