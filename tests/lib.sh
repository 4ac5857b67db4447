# Shared helpers for the shell tests: assertions that count, and a closing
# line "N passed, N failed" that CI reads. Source it, then call finish.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sdesk-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
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
finish() {
	echo "$(basename "$0"): $passed passed, $failed failed"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}
