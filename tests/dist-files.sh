#!/usr/bin/env bash
# tests/dist-files.sh TARBALL: every file git tracks is in the release tarball,
# except the few that only make sense in a git checkout (listed below with
# the reason). Run by ./bootstrap test after make distcheck (doc/hacking.md,
# "CI"): distcheck runs only part of the suite in the unpacked tarball, and
# this is what proves the rest of the suite's files ship too.
set -euo pipefail
tarball=${1:?usage: tests/dist-files.sh TARBALL}
cd "$(dirname "$0")/.."
command -v git >/dev/null && [ -d .git ] || [ -f .git ] || { echo "dist-files: not a git checkout" >&2; exit 2; }
top=$(basename "$tarball" .tar.gz)
missing=$(comm -23 <(git ls-files | grep -v -E '^(\.gitignore|m4/\.gitkeep)$' | sort) \
		<(tar tzf "$tarball" | sed "s|^$top/||" | sort))
# .gitignore: git's own; m4/.gitkeep: keeps the empty m4/ in git, aclocal fills it.
n=$(printf '%s' "$missing" | grep -c . || true)
if [ "$n" -ne 0 ]; then
	printf 'dist-files: %s tracked file(s) missing from %s (add them to EXTRA_DIST or a dist_ variable):\n%s\n' \
		"$n" "$tarball" "$missing" >&2
	exit 1
fi
echo "dist-files.sh: $(git ls-files | wc -l) tracked files, all in $(basename "$tarball")"
