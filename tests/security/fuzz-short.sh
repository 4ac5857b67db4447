#!/bin/sh
# Short libFuzzer run of every harness (FUZZ_SHORT_SECONDS each, default 20);
# a finding fails the test. Long runs: `make fuzz` (doc/security.md).
. "$top_srcdir/tests/lib.sh"
secs=${FUZZ_SHORT_SECONDS:-20}
for n in duration instant calendar plans settings text; do
	if out=$(sh "$top_srcdir/fuzz/run.sh" "$n" "$secs" "$top_srcdir" "$top_builddir" 2>&1); then
		printf "%s\n" "$out" | tail -n 1; pass
	else
		printf '%s\n' "$out"
		fail "fuzz $n: finding"
	fi
done
finish
