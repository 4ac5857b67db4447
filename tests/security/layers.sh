#!/bin/sh
# The layer fences (doc/hacking.md, "Layout"): curses only in src/ui, libpq
# only in src/db, and the build gives their include paths to those layers
# only. The checker is first shown to catch every breach of a fixture tree,
# then run on the source tree.
. "$top_srcdir/tests/lib.sh"
chk="$top_srcdir/tests/security/layers-check.sh"

fx="$TMP/fixture"
mkdir -p "$fx/src/ui" "$fx/src/db" "$fx/src/cli" "$fx/src/engine"
printf '#include <curses.h>\n#include "db/db.h"\n' > "$fx/src/ui/ok.c"
printf '#include <libpq-fe.h>\n' > "$fx/src/db/ok.c"
printf '#include "ui/form.h"\n#include "ui/ui.h"\n' > "$fx/src/cli/ok.c"
printf 'int x;\n#include <ncursesw/curses.h>\n' > "$fx/src/cli/bad1.c"
printf '#  include "libpq-fe.h"\n' > "$fx/src/engine/bad2.h"
printf '#include <term.h>\n#include <libpq/libpq-fs.h>\n' > "$fx/src/db/bad3.c"
printf '#include <ncurses.h>\n' > "$fx/src/engine/bad4.c"
printf 'libdb_a_CFLAGS = $(AM_CFLAGS) $(LIBPQ_CFLAGS)\n' > "$fx/src/db/local.mk"
printf 'libui_a_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS)\n' > "$fx/src/ui/local.mk"
printf 'libcli_a_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS) $(LIBPQ_CFLAGS)\n' > "$fx/src/cli/local.mk"

out=$("$chk" "$fx"); rc=$?
expect_eq "fixture: exit status" 1 "$rc"
got=$(printf '%s\n' "$out" | sed 's/: .*//' | LC_ALL=C sort | tr '\n' ' ')
expect_eq "fixture: every breach found, nothing else" \
	"src/cli/bad1.c:2 src/cli/local.mk:1 src/cli/local.mk:1 src/db/bad3.c:1 src/engine/bad2.h:1 src/engine/bad4.c:1 " "$got"
expect_match "fixture: the words" "src/cli/bad1.c:2: curses is included outside src/ui" "$out"
expect_match "fixture: the words" "src/cli/local.mk:1: the libpq include path is given outside src/db" "$out"

out=$("$chk" "$top_srcdir"); rc=$?
[ -n "$out" ] && printf '%s\n' "$out" >&2
expect_eq "src/: the layer fences hold (findings above name file:line)" 0 "$rc"
finish
