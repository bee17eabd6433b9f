#!/usr/bin/perl
# harvest.pl FILE...: candidate sample values for migrisk's types, as COPY
# text lines "type<TAB>value".  From SQL files: every literal 'text'::type or
# 'text'::schema.type (E'' strings are skipped).  From samples/<type>.txt:
# every line, for that type.
use strict;
use warnings;

sub copy_escape {
	my ($s) = @_;
	$s =~ s/\\/\\\\/g;
	$s =~ s/\t/\\t/g;
	$s =~ s/\n/\\n/g;
	$s =~ s/\r/\\r/g;
	return $s;
}

for my $file (@ARGV) {
	open(my $fh, '<', $file) or next;
	local $/;
	my $text = <$fh>;
	close($fh);
	if ($file =~ m{/samples/([a-z_][a-z0-9_]*)\.txt$}) {
		my $type = $1;
		for my $line (split /\n/, $text) {
			next if $line eq '' || $line =~ /^#/;
			print "$type\t", copy_escape($line), "\n";
		}
		next;
	}
	while ($text =~ /(?<![A-Za-z0-9_])'((?:[^']|'')*)'\s*::\s*(?:"?[a-z_][a-z0-9_]*"?\.)?"?([a-z_][a-z0-9_]*)"?/g) {
		my ($lit, $type) = ($1, $2);
		$lit =~ s/''/'/g;
		print "$type\t", copy_escape($lit), "\n";
	}
}
