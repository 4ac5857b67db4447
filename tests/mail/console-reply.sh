#!/usr/bin/env bash
# The console's reply key as an agent uses it (doc/mail.md): a ticket opened
# by mail, `r` on its screen, the text typed, Enter; the reply is in the
# thread and `sdesk mail send` mails it once to the customer with the tag and
# In-Reply-To. The real sdesk in tmux against a real database.
set -u
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/lib.sh"

pg_test_db sdesk_mailscr
P="ms$$"
trap 'scr_cleanup; for r in gate agent; do psql -X -q -d postgres -c "DROP ROLE IF EXISTS ${P}_$r" >/dev/null 2>&1; done' EXIT
mkdir -p "$TMP/sent"
cat >"$TMP/sendmail" <<'SH'
#!/bin/sh
n=$(ls "$SENT_DIR" | grep -c '\.eml$')
printf '%s\n' "$@" >"$SENT_DIR/$n.args"
cat >"$SENT_DIR/$n.eml"
SH
chmod +x "$TMP/sendmail"
export SENT_DIR="$TMP/sent"
cat >"$TMP/sdesk.cfg" <<CFG
database = { conninfo = "dbname=$PGDATABASE"; };
mail = { sendmail = "$TMP/sendmail"; };
CFG
export SDESK_CONFIG="$TMP/sdesk.cfg"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }
"$SDESK_BIN" db migrate >/dev/null && "$SDESK_BIN" plans load >/dev/null || exit 99
q "INSERT INTO account (code, name) VALUES ('ACME', 'Acme GmbH');
   INSERT INTO contract (account_id, plan_code, valid_from) VALUES (1, 'convento', '2025-01-01');
   INSERT INTO contact (account_id, name, role, email) VALUES (1, 'Kim Key', 'key_user', 'kim@acme.example');
   CREATE ROLE ${P}_gate LOGIN IN ROLE sdesk_mailgate;" >/dev/null || exit 99
"$SDESK_BIN" admin add-agent "${P}_agent" --name "Anna Agent" --role agent --tier 1 >/dev/null || exit 99
"$SDESK_BIN" mail queue support support@sdesk.test >/dev/null || exit 99
sed "s/@RECEIVED@/$(date -R)/" "$top_srcdir/tests/mail/corpus/plain.eml" |
	"$SDESK_BIN" mail-in --db "dbname=$PGDATABASE user=${P}_gate" >/dev/null || exit 99

PGUSER="${P}_agent" scr_start 100 30 "$SDESK_BIN"
scr_expect "queue shows the mailed ticket" 'SD-10001'
scr_keys Enter
scr_expect "ticket opens" 'Login funktioniert nicht'
scr_keys r
scr_expect "reply form" 'reply to the customer'
scr_type 'Bitte melden Sie sich neu an.'
scr_keys F10   # Enter starts a new line in a text of several lines
scr_expect "reply saved" 'reply saved; sdesk mail send mails it once'
expect_eq "reply in the thread, by the agent" "reply|${P}_agent|Bitte melden Sie sich neu an." \
	"$(q "SELECT kind, author, body FROM ticket_message WHERE kind = 'reply'")"
expect_eq "outbox: pending" "pending" "$(q "SELECT state FROM mail_outbox")"
out=$(PGUSER="${P}_agent" "$SDESK_BIN" mail send); rc=$?
expect_eq "mail send: exit" 0 "$rc"
expect_match "mail send: sent to Kim" "^sent reply .* to kim@acme.example$" "$out"
expect_eq "one mail" 1 "$(ls "$SENT_DIR" | grep -c '\.eml$')"
expect_match "tag in the subject" '^Subject: \[SD-10001\] Login funktioniert nicht' "$(grep '^Subject:' "$SENT_DIR/0.eml")"
expect_eq "In-Reply-To the customer's mail" "In-Reply-To: <plain-1@acme.example>" "$(grep '^In-Reply-To:' "$SENT_DIR/0.eml")"
PGUSER="${P}_agent" "$SDESK_BIN" mail send >/dev/null
expect_eq "sent once" 1 "$(ls "$SENT_DIR" | grep -c '\.eml$')"
scr_keys Escape q
finish
