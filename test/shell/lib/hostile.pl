#!/usr/bin/perl
# hostile.pl OUTDIR TYPE TYPLEN TABLE [HEX...]
#
# Writes hostile binary COPY files (PostgreSQL's binary COPY format, one
# column, one tuple each) for a type whose binary receive function is under
# test, and prints the psql script that feeds each to
# "\copy TABLE (v) FROM file WITH (FORMAT binary)", i.e. COPY ... FROM STDIN.
#
# Payloads: generic ones from the type's length alone (empty, short, long,
# all-zero, all-one, NaN/Inf float patterns, extreme integers, random bytes)
# and, for each valid value's send bytes given as HEX, mutations of it
# (every truncation, one byte more, every byte set to 00/ff/7f/80, every
# 8-byte window set to a NaN/Inf/huge double or integer, every 4-byte window
# set to an extreme int32: the mode codes, counts and lengths of a format).
use strict;
use warnings;

my ($outdir, $type, $typlen, $table, @samples) = @ARGV;
die "usage: hostile.pl OUTDIR TYPE TYPLEN TABLE [HEX...]\n" unless defined $table;

srand(20261126);				# the same payloads on every run
my (@payloads, %seen);

sub add {
	my ($what, $bytes) = @_;
	return if $seen{$bytes}++;
	push @payloads, [$what, $bytes];
}

sub rep {
	my ($pattern, $len) = @_;
	return '' if $len <= 0;
	my $s = $pattern x (int($len / length($pattern)) + 1);
	return substr($s, 0, $len);
}

my %f8 = (
	nan     => pack('H*', '7ff8000000000000'),
	snan    => pack('H*', '7ff0000000000001'),
	inf     => pack('H*', '7ff0000000000000'),
	neginf  => pack('H*', 'fff0000000000000'),
	dblmax  => pack('H*', '7fefffffffffffff'),
	denorm  => pack('H*', '0000000000000001'),
	negzero => pack('H*', '8000000000000000'),
	i64max  => pack('H*', '7fffffffffffffff'),
	i64neg1 => pack('H*', 'ffffffffffffffff'),
);
my %i4 = (
	i32max  => pack('H*', '7fffffff'),
	i32min  => pack('H*', '80000000'),
	neg1    => pack('H*', 'ffffffff'),
	big     => pack('H*', '00ffffff'),
);

# generic payloads
add('empty', '');
add('one zero byte', "\x00");
add('one ff byte', "\xff");
my @lens = $typlen > 0 ? ($typlen - 1, $typlen, $typlen + 1, 2 * $typlen)
                       : (2, 3, 4, 7, 8, 9, 15, 16, 17, 24, 32, 64);
for my $n (@lens) {
	next if $n <= 0;
	add("$n zero bytes", rep("\x00", $n));
	add("$n ff bytes", rep("\xff", $n));
	add("$n 80 bytes", rep("\x80", $n));
	for my $k (sort keys %f8) {
		add("$n bytes of $k", rep($f8{$k}, $n));
	}
	for my $k (sort keys %i4) {
		add("$n bytes of $k", rep($i4{$k}, $n));
	}
	for my $r (1 .. 8) {
		add("$n random bytes #$r", join('', map { chr(int(rand(256))) } 1 .. $n));
	}
}
add('70000 bytes', rep('A', 70000));
add('1 MB of ff', rep("\xff", 1 << 20));
for my $k (sort keys %i4) {
	# a leading count or length that lies
	add("count $k then nothing", $i4{$k});
	add("count $k then 8 bytes", $i4{$k} . rep("\x01", 8));
}

# mutations of valid values
my $si = 0;
for my $hex (@samples) {
	$si++;
	my $v = pack('H*', $hex);
	my $n = length($v);
	my @pos = $n <= 256 ? (0 .. $n - 1) : map { int($_ * $n / 64) } 0 .. 63;
	add("sample $si", $v);
	add("sample $si truncated to $_", substr($v, 0, $_)) for (0, @pos);
	add("sample $si plus one byte", $v . "\x00");
	add("sample $si plus 8 bytes", $v . rep("\xff", 8));
	add("sample $si doubled", $v . $v);
	for my $i (@pos) {
		for my $b ("\x00", "\xff", "\x7f", "\x80", "\x01") {
			my $m = $v;
			substr($m, $i, 1) = $b;
			add(sprintf("sample %d byte %d = %02x", $si, $i, ord($b)), $m);
		}
	}
	for my $i (grep { $_ + 8 <= $n } @pos) {
		for my $k (sort keys %f8) {
			my $m = $v;
			substr($m, $i, 8) = $f8{$k};
			add("sample $si bytes $i..+8 = $k", $m);
		}
	}
	for my $i (grep { $_ + 4 <= $n } @pos) {
		for my $k (sort keys %i4) {
			my $m = $v;
			substr($m, $i, 4) = $i4{$k};
			add("sample $si bytes $i..+4 = $k", $m);
		}
	}
}

open(my $ix, ">", "$outdir/$type.index") or die "index: $!\n";
print "\\set VERBOSITY verbose\n";
my $sig = "PGCOPY\n\xff\r\n\x00" . pack('N', 0) . pack('N', 0);
my $i = 0;
for my $p (@payloads) {
	my ($what, $bytes) = @$p;
	$i++;
	my $file = "$outdir/$type.$i.bin";
	open(my $fh, '>:raw', $file) or die "$file: $!\n";
	print $fh $sig, pack('n', 1), pack('N', length($bytes)), $bytes, pack('n', 0xffff);
	close($fh);
	print $ix $i + 1, "\t$what\n";
	print "\\copy $table (v) FROM '$file' WITH (FORMAT binary)\n";
}
print STDERR scalar(@payloads), "\n";
