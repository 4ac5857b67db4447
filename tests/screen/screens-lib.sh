# The pinned set-up of the whole-screen tests (tests/screen/screens.sh,
# tests/i18n/screens-locale.sh): source after tests/lib.sh (and
# private_cluster) and tests/screen/lib.sh. Everything a screen shows is
# pinned: now (SDESK_NOW, and so the database's sdesk.now), zone, terminal,
# the database and login names (a private cluster), and the fixture's stamps
# (tests/screen/fixture.sql made at the pinned instant; its history rows'
# real-time stamps and author pinned below). The locale is the caller's
# (LANG/LC_ALL). Nothing is masked.
#
#   shot NAME   wait until the screen stands still, then compare it with
#               tests/screen/expected/NAME.txt (or write it there when
#               SDESK_SCREEN_UPDATE=1: `make screen-expected`)

EXP="$top_srcdir/tests/screen/expected"
UPDATE=${SDESK_SCREEN_UPDATE:-}
export SDESK_NOW=2026-11-30T17:55:00+01:00 TZ=Europe/Berlin
SCR_TERM=xterm-256color
unset NO_COLOR
export PGDATABASE=sdesk_screens
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS sdesk_screens WITH (FORCE)" >/dev/null 2>&1
createdb sdesk_screens || exit 99
SCR_DB=sdesk_screens   # scr_cleanup drops it
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=sdesk_screens"; };
ui = { at_risk_minutes = 60; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
{ "$SDESK_BIN" db migrate && "$SDESK_BIN" plans load &&
  PGOPTIONS="-c sdesk.now=$SDESK_NOW" psql -X -q -v ON_ERROR_STOP=1 -f "$top_srcdir/tests/screen/fixture.sql" &&
  "$SDESK_BIN" admin add-agent screen_lead --name "Lena Lead" --role lead --tier 1 --team "Team Nord"; } \
	>"$TMP/setup.out" 2>&1 || { cat "$TMP/setup.out" >&2; exit 99; }
# History stamps are real time (now(), doc/hacking.md "Pinned now") and
# name the setting-up login (root or postgres): pin both. history is
# append-only by trigger; replica mode lets the owner of the fixture fix it.
psql -X -q -v ON_ERROR_STOP=1 >/dev/null <<SQL || exit 99
SET session_replication_role = replica;
UPDATE history SET at = timestamptz '$SDESK_NOW', who = 'screen_setup';
SQL

shot() {
	local prev="" cur i
	for ((i = 0; i < 50; i++)); do
		cur=$(scr_screen)
		[ -n "$cur" ] && [ "$cur" = "$prev" ] && break
		prev=$cur
		sleep 0.1
	done
	scr_screen >"$TMP/$1.txt"
	if [ -n "$UPDATE" ]; then
		mkdir -p "$EXP"
		cp "$TMP/$1.txt" "$EXP/$1.txt"
		echo "$(basename "$0"): wrote tests/screen/expected/$1.txt"
		pass
	elif [ ! -f "$EXP/$1.txt" ]; then
		fail "$1: no expected screen tests/screen/expected/$1.txt (make screen-expected)"
	elif diff -u "$EXP/$1.txt" "$TMP/$1.txt" >"$TMP/$1.diff"; then
		pass
	else
		fail "$1: the screen differs from tests/screen/expected/$1.txt (- expected, + shown):"
		cat "$TMP/$1.diff" >&2
	fi
}
