#!/bin/sh
# No SQL text in src/ is built with values in it (doc/security.md). The
# checker is first shown to catch every bad line of a fixture, then run on src/.
. "$top_srcdir/tests/lib.sh"
chk="$top_srcdir/tests/security/sql-values-check.pl"
allow="$top_srcdir/tests/security/sql-allow.txt"

out=$(perl "$chk" "$top_srcdir/tests/security/sql-bad.c.txt"); rc=$?
expect_eq "fixture exit status" 1 "$rc"
lines=$(printf '%s\n' "$out" | sed -n 's/^[^:]*:\([0-9]*\): .*/\1/p' | sort -n | tr '\n' ' ')
want=$(grep -n 'BAD [0-9]' "$top_srcdir/tests/security/sql-bad.c.txt" | cut -d: -f1 | tr '\n' ' ')
expect_eq "fixture: reported lines are the BAD lines" "$want" "$lines"

out=$(cd "$top_srcdir" && perl "$chk" -a "$allow" src); rc=$?
[ -n "$out" ] && printf '%s\n' "$out" >&2
expect_eq "src/: no SQL built with values (findings above name file:line)" 0 "$rc"
finish
