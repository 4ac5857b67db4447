# Shared helpers for the shell tests: assertions that count, and a closing
# line "N passed, N failed" that CI reads. Source it, then call finish.
# Files the tests write (sdesk.cfg, plan files) must pass sdesk's ownership
# check (doc/security.md, "Local files") whatever umask the caller has.
umask 022
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sdesk-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# sdesk's local journal and settings default to the user's home: each test
# gets its own, or tests (and earlier runs) would resubmit each other's entries.
export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config"
unset VISUAL EDITOR   # the console's text forms open no editor unless a test names one
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

expect_eq() { # name expected actual
	if [ "$2" = "$3" ]; then pass; else fail "$1: expected [$2], got [$3]"; fi
}
expect_match() { # name extended-regex actual
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then pass; else fail "$1: [$3] does not match /$2/"; fi
}
expect_nomatch() { # name extended-regex actual
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then fail "$1: [$3] matches /$2/"; else pass; fi
}
# private_cluster "$@": call right after sourcing this file in a test that
# stops or restarts the server ($SDESK_PGCTL) or changes cluster-wide state
# (roles every test shares): re-executes the test under a tests/with-pg of
# its own, so the tests running beside it (make -j check) keep their server.
# Without PGHOST the test fails (exit 99): a database test never skips.
private_cluster() {
	if [ -z "${PGHOST:-}" ] || [ -z "${SDESK_PGCTL:-}" ]; then
		echo "$(basename "$0"): PGHOST/SDESK_PGCTL not set: run under tests/with-pg" >&2
		exit 99
	fi
	[ "${SDESK_PRIVATE_CLUSTER:-}" = "$0" ] && return 0
	rm -rf "$TMP"
	trap - EXIT
	SDESK_PRIVATE_CLUSTER=$0 exec "$top_srcdir/tests/with-pg" bash "$0" "$@"
}
finish() {
	echo "$(basename "$0"): $passed passed, $failed failed"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}
