#!/bin/sh
# layers-check.sh TOP: the layer fences of doc/hacking.md, checked on the
# tree TOP (a source tree or a test fixture). Prints "file:line: why" for
# every finding and exits 1 when there is one, else 0.
#  - curses (curses.h, ncurses*, term.h, panel.h, menu.h, <form.h>) is
#    included only in src/ui;
#  - libpq (libpq-fe.h, libpq-events.h, <libpq/...>) only in src/db;
#  - in the src/*/local.mk fragments and Makefile.am, the libpq include path
#    ($(LIBPQ_CFLAGS)) is given only to src/db, curses' ($(NCURSESW_CFLAGS))
#    only to src/ui (tests/ may use both), so a wrong include fails to build.
top=$1
rc=0
curses='#[[:space:]]*include[[:space:]]*[<"](n?cursesw?/)?(n?curses(w)?|term|panel|menu)\.h[>"]|#[[:space:]]*include[[:space:]]*<form\.h>|#[[:space:]]*include[[:space:]]*[<"]ncursesw?/'
libpq='#[[:space:]]*include[[:space:]]*[<"](postgresql/)?(libpq-fe|libpq-events)\.h[>"]|#[[:space:]]*include[[:space:]]*<libpq/'

report() { printf '%s\n' "$1"; rc=1; }

cd "$top" || exit 2
for f in $(find src -name '*.[ch]' | LC_ALL=C sort); do
	case $f in src/ui/*) ;; *)
		grep -nE "$curses" "$f" | while IFS= read -r l; do
			echo "$f:${l%%:*}: curses is included outside src/ui"
		done ;;
	esac
	case $f in src/db/*) ;; *)
		grep -nE "$libpq" "$f" | while IFS= read -r l; do
			echo "$f:${l%%:*}: libpq is included outside src/db"
		done ;;
	esac
done > "${TMPDIR:-/tmp}/layers.$$"
for f in Makefile.am $(find src -name local.mk | LC_ALL=C sort); do
	[ -f "$f" ] || continue
	grep -n 'LIBPQ_CFLAGS\|LIBPQ_CPPFLAGS' "$f" | while IFS= read -r l; do
		case "$f:${l#*:}" in src/db/local.mk:*) ;; *)
			echo "$f:${l%%:*}: the libpq include path is given outside src/db";; esac
	done
	grep -n 'NCURSESW_CFLAGS\|NCURSES_CFLAGS\|CURSES_CFLAGS' "$f" | while IFS= read -r l; do
		case "$f:${l#*:}" in src/ui/local.mk:*) ;; *)
			echo "$f:${l%%:*}: the curses include path is given outside src/ui";; esac
	done
done >> "${TMPDIR:-/tmp}/layers.$$"
if [ -s "${TMPDIR:-/tmp}/layers.$$" ]; then
	cat "${TMPDIR:-/tmp}/layers.$$"
	rc=1
fi
rm -f "${TMPDIR:-/tmp}/layers.$$"
exit $rc
