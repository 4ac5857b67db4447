#!/bin/sh
# Short libFuzzer run of every harness (FUZZ_SHORT_SECONDS each, default 10),
# FUZZ_SHORT_JOBS harnesses at a time (default: the number of processors);
# a finding fails the test. Long runs: `make fuzz` (doc/security.md).
. "$top_srcdir/tests/lib.sh"
secs=${FUZZ_SHORT_SECONDS:-10}
jobs=${FUZZ_SHORT_JOBS:-$(nproc 2>/dev/null || echo 1)}
names="duration instant calendar plans settings text mail"
i=0
for n in $names; do
	(sh "$top_srcdir/fuzz/run.sh" "$n" "$secs" "$top_srcdir" "$top_builddir" >"$TMP/$n.out" 2>&1
	 echo $? >"$TMP/$n.rc") &
	i=$((i + 1))
	[ $((i % jobs)) -eq 0 ] && wait
done
wait
for n in $names; do
	if [ "$(cat "$TMP/$n.rc")" = 0 ]; then
		tail -n 1 "$TMP/$n.out"; pass
	else
		cat "$TMP/$n.out"
		fail "fuzz $n: finding"
	fi
done
finish
