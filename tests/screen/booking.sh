#!/usr/bin/env bash
# Calls and time in the console (issue 5), as an agent does it: start a call
# on a ticket (the timer runs in the status line), stop it, see the split,
# save; a second call with the duration typed over the timer's; a time entry
# with a typed duration whose price is shown before saving. The budget on
# the ticket screen changes after each save. Real sdesk in tmux, real database.
set -u
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/lib.sh"

pg_test_db sdesk_booking
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$PGDATABASE"; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
export XDG_STATE_HOME="$TMP/state"   # a journal of this test's own, not the user's

"$SDESK_BIN" db migrate >"$TMP/migrate.out" 2>&1 || { cat "$TMP/migrate.out" >&2; exit 99; }
"$SDESK_BIN" plans load >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
psql -X -q -v ON_ERROR_STOP=1 >"$TMP/fixture.out" 2>&1 <<'SQL' || { cat "$TMP/fixture.out" >&2; exit 99; }
INSERT INTO agent (login, display_name, is_lead) VALUES (session_user, 'Set-up lead', true);
INSERT INTO account (code, name, activated_on) VALUES ('TEL', 'Telefon KG', current_date - 400),
  ('PTS', 'Punkte AG', NULL);
INSERT INTO contract (account_id, plan_code, valid_from) VALUES
  (1, 'support-level-1', current_date - 400), (2, 'ilias-technical', current_date - 400);
INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at) VALUES
  (1, 1, 'phone', 'question', 'Rückfrage Telefon', now() - interval '1 hour'),
  (2, 2, 'email', 'fault', 'Fehler Punkte', now() - interval '1 hour');
SELECT ledger_package(gen_random_uuid(), 2, 'technical', 40, NULL, 'stock');
-- The month's allowance and the activation credit are written, so that the
-- ticket screen shows the balance the ledger holds.
SELECT ledger_credit(gen_random_uuid(), 1, 'monthly_allowance', date_trunc('month', now() AT TIME ZONE 'Europe/Berlin')::date);
SELECT ledger_credit(gen_random_uuid(), 1, 'activation_credit', NULL);
SQL

# The agent works as an own login role (not the superuser, which only sets up).
AGENT="bk_$$"
trap 'scr_cleanup; psql -X -q -d postgres -c "DROP ROLE IF EXISTS $AGENT" >/dev/null 2>&1' EXIT
"$SDESK_BIN" admin add-agent "$AGENT" --name "Berta Buchung" --role agent --tier 1 >/dev/null || exit 99

PGUSER=$AGENT scr_start 100 40 "$SDESK_BIN"
scr_expect "queue opens" 'SD-10002'

# Open SD-10001 through the search.
scr_keys /
scr_type 'Rückfrage'
scr_expect_not "search leaves one ticket" 'SD-10002'
scr_keys Enter Enter
scr_expect "ticket screen" 'free minutes left this month: 15 of 15'
expect_match "credit before" 'activation credit left: +60 min' "$(scr_screen)"

# Call 1: the timer runs in the status line while the agent keeps working.
scr_keys p
scr_expect "timer started (or warned: outside phone hours)" 'call on SD-10001 started'
scr_expect "timer ticks in the status line" 'CALL SD-10001 00:0[1-9]' 4
scr_keys Down Up
scr_expect "timer still running after moving" 'CALL SD-10001 00:0[2-9]' 4
scr_keys p
scr_expect "call form with the timer's duration" 'Duration.*0m [0-9]+s'
scr_expect "split shown before saving" '1 free = EUR 0\.00'
scr_keys Enter
scr_expect "call saved" 'SD-10001: call logged: 1 free = EUR 0\.00'
scr_expect "balance changed" 'free minutes left this month: 14 of 15'
scr_expect_not "timer gone" 'CALL SD-10001'

# Call 2: timer, then the duration typed over (a forgotten timer).
scr_keys p
scr_expect "timer 2" 'CALL SD-10001 00:0'
scr_keys p
scr_expect "call form 2" 'Duration.*0m [0-9]+s'
scr_keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
scr_type '20m 30s'
scr_keys Enter
scr_expect "new split shown first" '14 free, 7 credit = EUR 0\.00'
scr_expect "asked to check" 'check the split, then Enter saves'
scr_keys Enter
scr_expect "call 2 saved" 'call logged: 14 free, 7 credit = EUR 0\.00'
scr_expect "free used up" 'free minutes left this month: 0 of 15'
scr_expect "credit drawn" 'activation credit left: +53 min'
expect_eq "two calls in the database" "1|1230" \
	"$(psql -X -At -c "SELECT count(*) FILTER (WHERE duration_s < 60) || '|' || max(duration_s) FROM call")"

# Time entry on the points ticket: typed duration, price before saving.
scr_keys Escape
scr_keys x
scr_keys /
scr_type 'Fehler Punkte'
scr_expect_not "search leaves the points ticket" 'SD-10001'
scr_keys Enter Enter
scr_expect "points ticket" 'points \(technical\): 40'
scr_keys L
scr_expect "time form" 'log time'
scr_type '25m'
scr_keys Enter
scr_expect "price shown before saving" '25 min -> 2 points of technical, 38 left'
scr_keys Enter
scr_expect "time saved" 'SD-10002: time logged: 25 min -> 2 points of technical, 38 left'
scr_expect "points changed" 'points \(technical\): 38'
expect_eq "time entry rounded to quarters" "30|technical" \
	"$(psql -X -At -c "SELECT minutes || '|' || kind FROM time_entry")"
expect_eq "calls, time and ledger rows carry the agent's login" "$AGENT|$AGENT|$AGENT" \
	"$(psql -X -At -c "SELECT (SELECT string_agg(DISTINCT agent, ',') FROM call) || '|' ||
	    (SELECT string_agg(DISTINCT agent, ',') FROM time_entry) || '|' ||
	    (SELECT string_agg(DISTINCT created_by, ',') FROM budget_ledger WHERE kind IN ('consumption', 'overage'))")"

scr_keys q q
finish
