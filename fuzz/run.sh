#!/bin/sh
# run.sh NAME SECONDS SRCDIR BUILDDIR: runs fuzz/fuzz_NAME for SECONDS on a
# writable copy of the seed corpus (BUILDDIR/fuzz/work/NAME), then prints one
# summary line "fuzz NAME: N runs, cov C ft F, corpus K". Exit status: the
# fuzzer's (non-zero on a finding; the crashing input is kept in the work dir).
set -u
name=$1 seconds=$2 src=$3 build=$4
bin=$build/fuzz/fuzz_$name
work=$build/fuzz/work/$name
[ -x "$bin" ] || { echo "fuzz $name: $bin is missing" >&2; exit 1; }
mkdir -p "$work/corpus" "$work/artifacts"
log=$work/log
LSAN_OPTIONS="suppressions=$src/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
	"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$work/artifacts/" "$work/corpus" "$src/fuzz/corpus/$name" >"$log" 2>&1
rc=$?
last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
cov=$(printf '%s\n' "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
ft=$(printf '%s\n' "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
corp=$(printf '%s\n' "$last" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
echo "fuzz $name: ${runs:-?} runs in ${seconds}s, cov ${cov:-?} ft ${ft:-?}, corpus ${corp:-?}"
if [ $rc -ne 0 ]; then
	echo "fuzz $name: FINDING (exit $rc); inputs in $work/artifacts, log:" >&2
	grep -v -E '^#[0-9]+' "$log" | tail -n 60 >&2
fi
exit $rc
