#!/usr/bin/env bash
# The command-line contract of SPEC §3 that holds for every command.
set -u
. "$top_srcdir/tests/lib.sh"

out=$("$SDESK_BIN" --version); rc=$?
expect_eq "--version exit" 0 "$rc"
expect_match "--version text" '^sdesk [0-9]+\.[0-9]+\.[0-9]+$' "$out"

out=$("$SDESK_BIN" --help); rc=$?
expect_eq "--help exit" 0 "$rc"
expect_match "--help names commands" 'Commands:' "$out"

"$SDESK_BIN" no-such-command 2>"$TMP/err"; rc=$?
expect_eq "unknown command exit" 2 "$rc"
expect_match "unknown command message" "unknown command 'no-such-command'" "$(cat "$TMP/err")"

"$SDESK_BIN" --plans 2>"$TMP/err"; rc=$?
expect_eq "--plans without file exit" 2 "$rc"

finish
