#!/usr/bin/perl
# sql-values-check.pl [-a ALLOWLIST] PATH...: finds SQL text built with values
# in C sources (doc/security.md, "No SQL built with values"). Prints one
# "FILE:LINE: what" per finding and exits 1 when there is any.
#
#  1. a printf-family call (sprintf, snprintf, xasprintf, sb_printf, ...)
#     whose format holds an SQL keyword and a conversion, unless every
#     conversion is %s filled by a variable assigned from db_quote_ident();
#  2. PQexec()/PQsendQuery() with SQL that is not a string literal (values
#     must go through PQexecParams: db_exec/db_command);
#  3. any other string literal holding an SQL keyword and a conversion (a
#     format handed to a helper), unless the helper is allow-listed.
# Allow-list lines: "ident-format FUNCTION FILE  # why" (a helper that fills
# its format only with db_quote_ident output) and "script FUNCTION FILE # why"
# (a function allowed to call PQexec with text that holds no outside values).
use strict;
use warnings;
use File::Find;

my (%ident_format, %script);
my @paths;
while (@ARGV) {
	my $a = shift @ARGV;
	if ($a eq '-a') {
		my $f = shift @ARGV;
		open my $fh, '<', $f or die "$f: $!\n";
		while (<$fh>) {
			s/#.*//;
			next unless /\S/;
			my ($kind, $fn, $file) = split;
			die "$f:$.: expected 'ident-format|script FUNCTION FILE'\n" unless $file;
			if ($kind eq 'ident-format') { $ident_format{"$file $fn"} = 1 }
			elsif ($kind eq 'script') { $script{"$file $fn"} = 1 }
			else { die "$f:$.: unknown kind '$kind'\n" }
		}
	} else {
		push @paths, $a;
	}
}
die "usage: $0 [-a ALLOWLIST] PATH...\n" unless @paths;

my @files;
for my $p (@paths) {
	if (-d $p) {
		find({ no_chdir => 1, wanted => sub { push @files, $_ if /\.[ch](\.txt)?$/ && -f $_ } }, $p);
	} else {
		push @files, $p;
	}
}

# Statement shapes, not lone words: "CALL SD-%d" in a status line is no SQL.
my $SQL = qr/\b(?:SELECT\b.*?(?:\bFROM\b|\(|\$|%)|INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|(?:CREATE|ALTER|DROP)\s+(?:ROLE|USER|TABLE|DATABASE|INDEX|FUNCTION|PROCEDURE|SCHEMA|VIEW|TRIGGER|SEQUENCE|EXTENSION|TYPE)|GRANT\s+\S+\s+(?:ON|TO)\b|REVOKE\s|TRUNCATE\s|LISTEN\s|NOTIFY\s|COPY\s+\S+\s+(?:FROM|TO)\b|CALL\s+\w+\s*\(|SET\s+(?:ROLE|SESSION)|WHERE\s|VALUES\s*\()/;
my $CONV = qr/%(?!%)[-+ #0-9.*]*(?:hh|h|ll|l|j|z|t|L)?[diouxXeEfFgGcsp]|%(?!%)[-+ #0-9.*]*"\s*PRI/;
# printf family: name => index of the format argument
my %FMT = (sprintf => 1, snprintf => 2, vsprintf => 1, vsnprintf => 2, asprintf => 1,
	vasprintf => 1, xasprintf => 0, sb_printf => 1, sb_vprintf => 1, fprintf => 1,
	dprintf => 1, printf => 0);

my $findings = 0;
sub finding { my ($file, $line, $msg) = @_; print "$file:$line: $msg\n"; $findings++; }

for my $file (sort @files) {
	open my $fh, '<', $file or die "$file: $!\n";
	local $/;
	my $src = <$fh>;
	close $fh;
	# Blank out comments, keep newlines and string literals.
	$src =~ s{(/\*.*?\*/|//[^\n]*)|("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')}{
		defined $1 ? do { (my $c = $1) =~ s/[^\n]/ /g; $c } : $2 }gse;
	# Variables assigned from db_quote_ident() in this file.
	my %quoted = map { $_ => 1 } ($src =~ /\b(\w+)\s*=\s*db_quote_ident\s*\(/g);
	my %in_fmt; # offsets of literals that are printf formats
	my $line_of = sub { my $o = shift; 1 + (substr($src, 0, $o) =~ tr/\n//) };
	my $func_at = sub { # name of the function whose body holds offset o
		my $o = shift;
		my $before = substr($src, 0, $o);
		my $name = '';
		while ($before =~ /^(?:[A-Za-z_][\w \t\*]*?[\s\*])?(\w+)\s*\([^;{]*\)\s*\{/mg) { $name = $1 }
		return $name;
	};
	while ($src =~ /\b(\w+)\s*\(/g) {
		my ($name, $start) = ($1, $+[0]);
		next unless exists $FMT{$name} || $name eq 'PQexec' || $name eq 'PQsendQuery';
		my @args = split_args(\$src, $start);
		next unless @args;
		my $line = $line_of->($-[0]);
		if ($name eq 'PQexec' || $name eq 'PQsendQuery') {
			my $sql = $args[1] // '';
			next if $sql->[0] =~ /^\s*"/;
			my $fn = $func_at->($-[0]);
			next if $script{"$file $fn"};
			finding($file, $line, "$name with SQL that is not a string literal: use db_exec with \$n parameters");
			next;
		}
		my $fa = $args[$FMT{$name}] or next;
		my ($text, $off) = @$fa;
		my @lits = ($text =~ /"((?:\\.|[^"\\])*)"/g);
		next unless @lits;
		my $lit = join '', @lits;
		while ($text =~ /"/g) { $in_fmt{$off + $-[0]} = 1 }
		next unless $lit =~ $SQL && $lit =~ $CONV;
		my @conv = ($lit =~ /%(?!%)[-+ #0-9.*]*(?:hh|h|ll|l|j|z|t|L)?([diouxXeEfFgGcsp])/g);
		my @vals = @args[$FMT{$name} + 1 .. $#args];
		my $ok = @conv == @vals;
		for my $i (0 .. $#conv) {
			my $v = $vals[$i] ? $vals[$i][0] : '';
			$v =~ s/^\s+|\s+$//g;
			$ok = 0 unless $conv[$i] eq 's' && $quoted{$v};
		}
		finding($file, $line, "$name builds SQL with a value in it (\"" . substr($lit, 0, 60) .
			"\"): bind it as \$n, or quote an identifier with db_quote_ident") unless $ok;
	}
	# Rule 3: other literals with SQL and a conversion.
	while ($src =~ /"((?:\\.|[^"\\\n])*)"/g) {
		my ($lit, $o) = ($1, $-[0]);
		next if $in_fmt{$o};
		next unless $lit =~ $SQL && $lit =~ $CONV;
		# the function this literal is handed to
		my $pre = substr($src, 0, $o);
		my $callee = '';
		my $depth = 0;
		for (my $i = length($pre) - 1; $i >= 0; $i--) {
			my $c = substr($pre, $i, 1);
			if ($c eq ')') { $depth++ }
			elsif ($c eq '(') {
				if ($depth == 0) { ($callee) = substr($pre, 0, $i) =~ /(\w+)\s*$/; last }
				$depth--;
			} elsif ($c eq ';' || $c eq '{' || $c eq '}') { last }
		}
		$callee //= '';
		next if $callee ne '' && $ident_format{"$file $callee"};
		finding($file, $line_of->($o), "SQL text with a conversion (\"" . substr($lit, 0, 60) .
			"\")" . ($callee ? " handed to $callee()" : '') . ": bind values as \$n");
	}
}
exit($findings ? 1 : 0);

# Splits the argument list that starts at offset $start (just after '(') at
# top-level commas; returns [text, offset] pairs, or () when unbalanced.
sub split_args {
	my ($sref, $start) = @_;
	my ($depth, $i, $argstart, @args) = (0, $start, $start);
	my $n = length $$sref;
	while ($i < $n) {
		my $c = substr($$sref, $i, 1);
		if ($c eq '"' || $c eq "'") {
			my $j = $i + 1;
			while ($j < $n && substr($$sref, $j, 1) ne $c) { $j += substr($$sref, $j, 1) eq '\\' ? 2 : 1 }
			$i = $j + 1;
			next;
		}
		if ($c eq '(' || $c eq '[' || $c eq '{') { $depth++ }
		elsif ($c eq ')' || $c eq ']' || $c eq '}') {
			if ($depth == 0) {
				push @args, [substr($$sref, $argstart, $i - $argstart), $argstart];
				return @args;
			}
			$depth--;
		} elsif ($c eq ',' && $depth == 0) {
			push @args, [substr($$sref, $argstart, $i - $argstart), $argstart];
			$argstart = $i + 1;
		}
		$i++;
	}
	return ();
}
