#!/usr/bin/env bash
# Mail end to end against a real PostgreSQL (doc/mail.md): a corpus of
# real-world-shaped messages through `sdesk mail-in` (its own login, a member
# of sdesk_mailgate only): new tickets with the received instant of the
# topmost Received: header and the dues of `sdesk sla due`, threads by tag
# and by In-Reply-To, triage (unknown sender, end user, forged tag),
# auto-replies and bounces, MIME/charsets/attachments; the database stopped
# -> exit 75, a later delivery -> exactly one ticket; unreadable mail -> 65
# and quarantined. Replies: `sdesk reply` through a stand-in sendmail, sent
# once with the right headers, the copy coming back is no second message;
# a failed sendmail leaves it pending until `sdesk mail send`. Maintenance
# announcements: 48 hours ahead, once per contact.
set -u
. "$top_srcdir/tests/lib.sh"
private_cluster "$@" # stops the server

P="ml$$"
name="sdesk_mail_$$"
corpus="$top_srcdir/tests/mail/corpus"
createdb "$name" || { echo "mail-in.sh: createdb failed" >&2; exit 99; }
cleanup() {
	"$SDESK_PGCTL" start >/dev/null 2>&1
	dropdb --if-exists --force "$name"
	for r in gate agent ops; do psql -X -q -d postgres -c "DROP ROLE IF EXISTS ${P}_$r" >/dev/null 2>&1; done
	rm -rf "$TMP"
}
trap cleanup EXIT

mkdir -p "$TMP/sent"
cat >"$TMP/sendmail" <<'EOF'
#!/bin/sh
# Stand-in for /usr/sbin/sendmail: keeps the arguments and the message.
n=$(ls "$SENT_DIR" | grep -c '\.eml$')
printf '%s\n' "$@" >"$SENT_DIR/$n.args"
cat >"$SENT_DIR/$n.eml"
exit "${SENDMAIL_RC:-0}"
EOF
chmod +x "$TMP/sendmail"
export SENT_DIR="$TMP/sent"
cat >"$TMP/sdesk.cfg" <<EOF
mail = { sendmail = "$TMP/sendmail"; quarantine = "$TMP/quarantine"; max_message_kb = 256; max_attachment_kb = 64; };
EOF
admin() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name"; }
gate() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" mail-in "$@" --db "dbname=$name user=${P}_gate"; }
agent() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name user=${P}_agent"; }
ops() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name user=${P}_ops"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }
qo() { psql -X -q -At -v ON_ERROR_STOP=1 -U "${P}_ops" -d "$name" -c "$1"; }
as_gate() { psql -X -q -At -U "${P}_gate" -d "$name" -c "$1" 2>&1; }

admin db migrate >/dev/null || { echo "mail-in.sh: migrate failed" >&2; exit 99; }
admin plans load >/dev/null || { echo "mail-in.sh: plans load failed" >&2; exit 99; }
q "INSERT INTO account (code, name) VALUES ('ACME', 'Acme GmbH'), ('BETA', 'Beta AG'), ('OLD', 'Old KG');
   INSERT INTO contract (account_id, plan_code, valid_from) VALUES (1, 'convento', '2025-01-01'),
     (2, 'invitario-gold', '2025-01-01');
   INSERT INTO contract (account_id, plan_code, valid_from, valid_to) VALUES (3, 'convento', '2020-01-01', '2020-12-31');
   INSERT INTO contact (account_id, name, role, email) VALUES (1, 'Kim Key', 'key_user', 'kim@acme.example'),
     (1, 'Erna End', 'end_user', 'end@acme.example'), (2, 'Bob Beta', 'key_user', 'bob@beta.example'),
     (3, 'Otto Old', 'key_user', 'otto@old.example');
   INSERT INTO team (name) VALUES ('Support');" >/dev/null || { echo "mail-in.sh: fixture failed" >&2; exit 99; }
q "CREATE ROLE ${P}_gate LOGIN IN ROLE sdesk_mailgate" >/dev/null
admin admin add-agent "${P}_agent" --name "Anna Agent" --role agent --tier 1 >/dev/null || exit 99
admin admin add-agent "${P}_ops" --name "Otto Ops" --role ops --tier 2 >/dev/null || exit 99
admin mail queue support support@sdesk.test --name "Acme Support" >/dev/null || exit 99

# ---- the gateway's login can do its three calls and nothing else
expect_eq "mailgate reads no table" "ERROR:  permission denied for table ticket" "$(as_gate "SELECT count(*) FROM ticket")"
expect_match "mailgate cannot reply" "permission denied for function post_reply" \
	"$(as_gate "SELECT post_reply(gen_random_uuid(), 1, 'x', NULL, true, NULL, false)")"
expect_match "mailgate cannot open a ticket itself" "permission denied for function create_ticket" \
	"$(as_gate "SELECT create_ticket(gen_random_uuid(), 1, 1, 1, 'email', 'x', 's', 'd', now())")"

# feed FILE [sed expressions...]: the corpus message with @RECEIVED@ etc. filled in, into mail-in.
RECEIVED=$(date -R -d '-2 hours')
RECEIVED_EPOCH=$(date -d "$RECEIVED" +%s)
fill() {
	local f=$1
	shift
	sed -e "s/@RECEIVED@/$RECEIVED/" "$@" "$corpus/$f"
}
feed() {
	local f=$1
	shift
	fill "$f" "$@" | gate
}

# ---- a new ticket from a plain message
out=$(feed plain.eml); rc=$?
expect_eq "plain: exit" 0 "$rc"
expect_match "plain: opened" '^SD-10001 opened from kim@acme.example$' "$out"
T1=10001
expect_eq "plain: ticket" "1|1|1|email|minor|Login funktioniert nicht|new" \
	"$(q "SELECT account_id, contract_id, contact_id, channel, category, subject, status FROM ticket WHERE id = $T1")"
expect_eq "plain: received = topmost Received: date" "$RECEIVED_EPOCH" \
	"$(q "SELECT extract(epoch FROM received_at)::bigint FROM ticket WHERE id = $T1")"
due=$(SDESK_PLANS="$top_srcdir/conf/plans.cfg" "$SDESK_BIN" sla due convento minor "$(date -d "@$RECEIVED_EPOCH" --iso-8601=seconds)" --channel email)
expect_eq "plain: reaction due as sdesk sla due says" "$(date -d "$(printf '%s\n' "$due" | sed -n 's/^reaction\t//p')" +%s)" \
	"$(q "SELECT extract(epoch FROM reaction_due)::bigint FROM ticket WHERE id = $T1")"
expect_eq "plain: resolution due as sdesk sla due says" "$(date -d "$(printf '%s\n' "$due" | sed -n 's/^resolution\t//p')" +%s)" \
	"$(q "SELECT extract(epoch FROM resolution_due)::bigint FROM ticket WHERE id = $T1")"
expect_eq "plain: thread message" "incoming|kim@acme.example|Kim Key|plain-1@acme.example|support|normal" \
	"$(q "SELECT kind, sender, sender_name, message_id, queue, class FROM ticket_message WHERE ticket_id = $T1")"
expect_match "plain: body" "niemand mehr anmelden" "$(q "SELECT description FROM ticket WHERE id = $T1")"
expect_eq "plain: created by the gateway's login" "${P}_gate" "$(q "SELECT created_by FROM ticket WHERE id = $T1")"

# ---- an mbox envelope line first (Postfix's local(8), procmail): read past it
out=$(fill plain.eml -e 's/plain-1@/mbox-1@/' -e '1i From kim@acme.example  Mon Nov 30 10:00:00 2026' | gate); rc=$?
expect_match "mbox From line: read" "^SD-[0-9]+ opened from kim@acme.example$" "$out"

# ---- the same message again: nothing new
out=$(feed plain.eml); rc=$?
expect_eq "plain again: exit 0" 0 "$rc"
expect_match "plain again: duplicate" '^duplicate <plain-1@acme.example>' "$out"
expect_eq "plain again: still two tickets (plain, mbox)" 2 "$(q "SELECT count(*) FROM ticket")"

# ---- HTML only, multipart with attachments, QP Latin-1, base64 Windows-1252
feed html-only.eml >/dev/null; expect_eq "html: exit" 0 $?
expect_eq "html: converted to text" "Der Export bricht ab.

- Schritt 1
- Schritt 2

Siehe Protokoll <https://acme.example/log> & Grüße" "$(q "SELECT body FROM ticket_message WHERE message_id = 'html-1@acme.example'")"
feed multipart-attach.eml >/dev/null; expect_eq "multipart: exit" 0 $?
expect_eq "multipart: text/plain preferred" "Das Protokoll hängt an." \
	"$(q "SELECT body FROM ticket_message WHERE message_id = 'multi-1@acme.example'")"
expect_eq "multipart: attachments kept" "error.log|text/plain|38|38
Bildschirmübersicht.bin|application/octet-stream|10|10" \
	"$(q "SELECT a.filename, a.content_type, a.size, octet_length(a.data) FROM mail_attachment a
	      JOIN ticket_message m ON m.id = a.message WHERE m.message_id = 'multi-1@acme.example' ORDER BY a.id")"
expect_eq "multipart: attachment bytes" "\\x00010203040506070809" \
	"$(q "SELECT a.data FROM mail_attachment a WHERE a.filename LIKE 'Bild%'")"
feed qp-latin1.eml >/dev/null; expect_eq "qp latin-1: exit" 0 $?
expect_eq "qp latin-1: subject, name and body in UTF-8" "Größere Störung|Kim Müller|Sehr geehrte Damen und Herren, die Straße ist gesperrt, Grüße aus Köln." \
	"$(q "SELECT subject, sender_name, body FROM ticket_message WHERE message_id = 'qp-latin1@acme.example'")"
feed base64-cp1252.eml >/dev/null; expect_eq "cp1252: exit" 0 $?
expect_eq "base64 windows-1252: euro sign and quotes" "Preis 100 €, „Angebot“ – bitte prüfen." \
	"$(q "SELECT body FROM ticket_message WHERE message_id = 'b64-cp1252@acme.example'")"
expect_eq "six tickets so far" 6 "$(q "SELECT count(*) FROM ticket")"

# ---- no Received: header: the moment of delivery, as the database saw it
before=$(q "SELECT extract(epoch FROM now())::bigint")
feed no-received.eml >/dev/null
after=$(q "SELECT extract(epoch FROM now())::bigint")
r=$(q "SELECT extract(epoch FROM received_at)::bigint FROM ticket WHERE subject = 'Ohne Received'")
expect_match "no Received: delivery time" '^ok$' "$([ "$r" -ge "$before" ] && [ "$r" -le "$after" ] && echo ok || echo "$before <= $r <= $after")"
# A Received: date in the future is not believed.
feed no-received.eml -e '1i Received: from x by mail.sdesk.test; Mon, 1 Jan 2035 10:00:00 +0000' \
	-e 's/norecv-1@/future-1@/' >/dev/null
expect_eq "future Received: date not believed" t \
	"$(q "SELECT at <= now() FROM ticket_message WHERE message_id = 'future-1@acme.example'")"

# ---- replies: by tag, by In-Reply-To only
out=$(feed reply-tag.eml -e "s/@TICKET@/$T1/")
expect_match "reply with tag: thread" "^SD-$T1: normal added to the thread$" "$out"
expect_eq "reply with tag: in T1's thread" "$T1" "$(q "SELECT ticket_id FROM ticket_message WHERE message_id = 'reply-tag@acme.example'")"

# An agent replies; the stand-in sendmail receives it once.
printf 'Guten Tag Frau Key,\n\nbitte melden Sie sich neu an.\n\nIhr Support\n' >"$TMP/reply.txt"
out=$(agent reply SD-$T1 --file "$TMP/reply.txt"); rc=$?
expect_eq "reply: exit" 0 "$rc"
expect_match "reply: saved and sent" "^reply [0-9]+ on SD-$T1" "$out"
expect_match "reply: sent line" "^sent reply sdesk\.r$T1\..*@sdesk\.test to kim@acme\.example$" "$out"
expect_eq "reply: one mail handed to sendmail" 1 "$(ls "$SENT_DIR" | grep -c '\.eml$')"
sent="$SENT_DIR/0.eml"
expect_eq "reply: sendmail arguments" "-i
-f
support@sdesk.test
--
kim@acme.example" "$(cat "$SENT_DIR/0.args")"
RID=$(q "SELECT message_id FROM ticket_message WHERE kind = 'reply'")
expect_match "reply: From" '^From: Acme Support <support@sdesk\.test>' "$(grep -i '^From:' "$sent")"
expect_match "reply: To" '^To: kim@acme\.example' "$(grep -i '^To:' "$sent")"
expect_eq "reply: Subject with tag" "Subject: [SD-$T1] Login funktioniert nicht" "$(grep -i '^Subject:' "$sent")"
expect_eq "reply: Message-ID" "Message-Id: <$RID>" "$(grep -i '^Message-Id:' "$sent")"
expect_eq "reply: In-Reply-To the customer's last mail" "In-Reply-To: <reply-tag@acme.example>" "$(grep -i '^In-Reply-To:' "$sent")"
expect_match "reply: References: the thread's first mail, then the parent" "^References: <plain-1@acme.example> <reply-tag@acme.example>$" \
	"$(grep -i '^References:' "$sent")"
expect_match "reply: body" "bitte melden Sie sich neu an" "$(cat "$sent")"
expect_eq "reply: outbox row sent once" "sent|1" "$(q "SELECT state, attempts FROM mail_outbox")"
out=$(agent mail send); rc=$?
expect_eq "mail send: nothing left" "0|" "$rc|$out"
expect_eq "mail send: still one mail" 1 "$(ls "$SENT_DIR" | grep -c '\.eml$')"
expect_eq "reply journaled once" 1 "$(q "SELECT count(*) FROM request WHERE action = 'post_reply'")"
# The copy of our own reply comes back (a loop, a Bcc to the queue): no second message.
out=$(gate <"$sent"); rc=$?
expect_eq "own reply back: exit" 0 "$rc"
expect_match "own reply back: duplicate" "^duplicate <$RID>" "$out"
expect_eq "own reply back: thread unchanged" 3 "$(q "SELECT count(*) FROM ticket_message WHERE ticket_id = $T1")"
# The customer answers the reply without a tag: In-Reply-To finds the ticket.
out=$(feed reply-inreplyto.eml -e "s/@INREPLYTO@/$RID/g")
expect_match "reply with In-Reply-To only: thread" "^SD-$T1: normal added" "$out"

# ---- auto-replies and bounces open no ticket
n=$(q "SELECT count(*) FROM ticket")
out=$(feed auto-reply.eml -e "s/@TICKET@/$T1/")
expect_match "auto-reply with tag: into the thread, marked" "^SD-$T1: auto added" "$out"
out=$(feed auto-reply-untagged.eml)
expect_match "auto-reply without tag: ignored" "^ignored: message [0-9]+ from kim@acme.example \(auto-reply naming no ticket\)" "$out"
out=$(feed bounce.eml -e "s/@TICKET@/$T1/" -e "s/@INREPLYTO@/$RID/")
expect_match "bounce of our reply: into its thread" "^SD-$T1: bounce added" "$out"
expect_eq "auto-replies and bounces: no ticket" "$n" "$(q "SELECT count(*) FROM ticket")"
expect_eq "thread of T1" "incoming|normal|plain-1@acme.example
incoming|normal|reply-tag@acme.example
reply|normal|$RID
incoming|normal|reply-irt@acme.example
incoming|auto|auto-1@acme.example
incoming|bounce|bounce-1@mx.acme.example" \
	"$(q "SELECT kind, class, message_id FROM ticket_message WHERE ticket_id = $T1 ORDER BY id")"

# ---- triage: unknown sender, end user, forged tag, no running contract
out=$(feed unknown-sender.eml)
expect_match "unknown sender: triage" "^triage: message [0-9]+ from new.person@unknown.example \(unknown sender" "$out"
out=$(feed end-user.eml)
expect_match "end user: triage" "end user" "$out"
out=$(feed forged-tag.eml -e "s/@TICKET@/$T1/")
expect_match "forged tag: triage, not the thread" "^triage: .*names SD-$T1 but bob@beta.example is not a contact of its customer" "$out"
feed no-received.eml -e 's/kim@acme/otto@old/' -e 's/norecv-1@/old-1@/' >/dev/null
expect_eq "forged tag: T1's thread unchanged" 6 "$(q "SELECT count(*) FROM ticket_message WHERE ticket_id = $T1")"
out=$(agent mail triage)
expect_eq "triage list" 4 "$(printf '%s\n' "$out" | grep -c .)"
expect_match "triage list: contract ended" "otto@old.example.*no contract of the customer runs" "$out"
# An agent assigns the unknown sender's message to T1, opens a ticket for the
# end user's message on Kim, dismisses the forged one.
U=$(q "SELECT id FROM ticket_message WHERE message_id = 'unknown-1@unknown.example'")
E=$(q "SELECT id FROM ticket_message WHERE message_id = 'enduser-1@acme.example'")
F=$(q "SELECT id FROM ticket_message WHERE message_id = 'forged-1@beta.example'")
out=$(agent mail assign "$U" SD-$T1); expect_eq "assign: exit" 0 $?
expect_eq "assign: in the thread" "$T1|assigned" "$(q "SELECT ticket_id, triage FROM ticket_message WHERE id = $U")"
out=$(agent mail open "$E" --contact 1); rc=$?
expect_eq "open from triage: exit" 0 "$rc"
T2=$(printf '%s\n' "$out" | sed -n 's/^SD-\([0-9]*\) opened.*/\1/p')
expect_eq "open from triage: received when the mail arrived" "$RECEIVED_EPOCH|1|minor|Drucker" \
	"$(q "SELECT extract(epoch FROM received_at)::bigint, contact_id, category, subject FROM ticket WHERE id = '$T2'")"
expect_eq "open from triage: has dues" t "$(q "SELECT reaction_due IS NOT NULL FROM ticket WHERE id = '$T2'")"
agent mail dismiss "$F" --reason "forged tag" >/dev/null; expect_eq "dismiss: exit" 0 $?
expect_eq "triage left: the old customer" "otto@old.example" "$(agent mail triage | cut -f3)"

# ---- hostile mail
out=$(feed hostile-headers.eml); rc=$?
expect_eq "header injection: accepted" 0 "$rc"
expect_eq "header injection: subject is one line without controls" "Hallo  Bcc: victim@evil.example   [31mrot" \
	"$(q "SELECT subject FROM ticket_message WHERE message_id = 'hostile-1@acme.example'")"
expect_eq "ESC and bidi in the name: gone" "[2J ]0;evil Kim  Key" \
	"$(q "SELECT sender_name FROM ticket_message WHERE message_id = 'hostile-1@acme.example'")"
expect_eq "no control or bidi character stored anywhere" 0 \
	"$(q "SELECT count(*) FROM ticket_message WHERE subject || sender_name || body ~ '[\x01-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]'")"
HT=$(q "SELECT ticket_id FROM ticket_message WHERE message_id = 'hostile-1@acme.example'")
printf 'Antwort\n' >"$TMP/r2.txt"
agent reply "$HT" --file "$TMP/r2.txt" >/dev/null; expect_eq "reply to the hostile subject: exit" 0 $?
expect_eq "reply to the hostile subject: no Bcc header" 0 "$(grep -ci '^bcc:' "$SENT_DIR/1.eml")"
expect_eq "reply to the hostile subject: one Subject line" 1 "$(grep -ci '^subject:' "$SENT_DIR/1.eml")"
expect_eq "reply to the hostile subject: no ESC" 0 "$(grep -c $'\033' "$SENT_DIR/1.eml")"
out=$(feed broken-utf8.eml); expect_eq "broken UTF-8: accepted" 0 $?
expect_eq "broken UTF-8: stored valid and without ESC" "Inhalt mit ÿ ungültigem  [2J UTF-8." \
	"$(q "SELECT body FROM ticket_message WHERE message_id = 'broken-utf8@acme.example'")"
python3 - "$TMP/deep.eml" 2000 <<'EOF'
import sys
n = int(sys.argv[2])
with open(sys.argv[1], "w") as f:
    f.write("From: kim@acme.example\nSubject: deep\nMessage-ID: <deep@acme.example>\nMIME-Version: 1.0\n")
    for i in range(n):
        f.write(f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n')
    f.write("Content-Type: text/plain\n\ninnermost\n")
    for i in reversed(range(n)):
        f.write(f"--b{i}--\n")
EOF
gate <"$TMP/deep.eml" >/dev/null 2>&1; rc=$?
expect_eq "deep MIME nesting: unreadable (65)" 65 "$rc"
python3 - "$TMP/deep20.eml" 20 <<'EOF'
import sys
n = int(sys.argv[2])
with open(sys.argv[1], "w") as f:
    f.write("From: kim@acme.example\nSubject: deep 20\nMessage-ID: <deep20@acme.example>\nMIME-Version: 1.0\n")
    for i in range(n):
        f.write(f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n')
    f.write("Content-Type: text/plain\n\ninnermost\n")
    for i in reversed(range(n)):
        f.write(f"--b{i}--\n")
EOF
gate <"$TMP/deep20.eml" >/dev/null 2>&1; expect_eq "20 levels: accepted (deeper parts skipped)" 0 $?
{ fill plain.eml -e 's/plain-1@/huge-1@/'; head -c 400000 /dev/zero | tr '\0' 'x' | fold -w 76; } >"$TMP/huge.eml"
out=$(gate <"$TMP/huge.eml" 2>&1); rc=$?
expect_eq "huge message: 65" 65 "$rc"
expect_match "huge message: says why" "message too large: [0-9]+ bytes, limit 262144" "$out"
expect_eq "huge message: no ticket" 0 "$(q "SELECT count(*) FROM ticket_message WHERE message_id = 'huge-1@acme.example'")"
{ fill multipart-attach.eml -e 's/multi-1@/bigatt-1@/' -e 's/^AAECAwQFBgcICQ==$/@BIG@/'; } >"$TMP/bigatt.tmpl"
head -c 100000 /dev/urandom | base64 -w 76 >"$TMP/big.b64"
sed -e "/^@BIG@\$/{r $TMP/big.b64" -e 'd}' "$TMP/bigatt.tmpl" >"$TMP/bigatt.eml"
gate <"$TMP/bigatt.eml" >/dev/null; expect_eq "attachment over the limit: accepted" 0 $?
expect_eq "attachment over the limit: name and size kept, not the data" "100000|" \
	"$(q "SELECT a.size, a.data FROM mail_attachment a JOIN ticket_message m ON m.id = a.message
	      WHERE m.message_id = 'bigatt-1@acme.example' AND a.filename LIKE 'Bild%'")"

# ---- unreadable mail: 65 and kept in the quarantine
out=$(gate <"$corpus/garbage.eml" 2>&1); rc=$?
expect_eq "garbage: 65" 65 "$rc"
expect_match "garbage: kept" "kept in $TMP/quarantine/" "$out"
kept=$(grep -l "no header at the start" "$TMP"/quarantine/*.why | head -n 1)
expect_eq "garbage: quarantined byte for byte, with why" "" "$(cmp "$corpus/garbage.eml" "${kept%.why}" 2>&1)"

# ---- the database is down: 75, nothing lost; the MTA's later delivery makes one ticket
n=$(q "SELECT count(*) FROM ticket")
"$SDESK_PGCTL" stop >/dev/null || fail "pg_ctl stop"
out=$(feed later.eml 2>&1); rc=$?
expect_eq "database stopped: EX_TEMPFAIL" 75 "$rc"
expect_match "database stopped: says the MTA retries" "deliver it again" "$out"
"$SDESK_PGCTL" start >/dev/null || fail "pg_ctl start"
for _ in $(seq 1 50); do q "SELECT 1" >/dev/null 2>&1 && break; sleep 0.2; done
out=$(feed later.eml); rc=$?
expect_eq "later delivery: exit 0" 0 "$rc"
out=$(feed later.eml); rc=$?
expect_match "delivered twice: duplicate" "^duplicate <later-1@acme.example>" "$out"
expect_eq "later delivery: exactly one ticket" "$((n + 1))|1" \
	"$(q "SELECT (SELECT count(*) FROM ticket), count(*) FROM ticket WHERE subject = 'Während die Datenbank ruhte'")"
expect_eq "later delivery: received instant from the Received: header" "$RECEIVED_EPOCH" \
	"$(q "SELECT extract(epoch FROM received_at)::bigint FROM ticket WHERE subject = 'Während die Datenbank ruhte'")"

# ---- Maildir sweep
mkdir -p "$TMP/Maildir/new" "$TMP/Maildir/cur" "$TMP/Maildir/tmp"
fill plain.eml -e 's/plain-1@/maildir-1@/' -e 's/^Subject: .*/Subject: Aus dem Maildir/' >"$TMP/Maildir/new/1.host"
cp "$corpus/garbage.eml" "$TMP/Maildir/new/2.host"
SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" mail-in --maildir "$TMP/Maildir" --db "dbname=$name user=${P}_gate" >/dev/null 2>&1; rc=$?
expect_eq "maildir: 65 for the unreadable one" 65 "$rc"
expect_eq "maildir: new is empty, both moved to cur" "0 2" "$(ls "$TMP/Maildir/new" | wc -l) $(ls "$TMP/Maildir/cur" | wc -l)"
expect_eq "maildir: ticket" 1 "$(q "SELECT count(*) FROM ticket WHERE subject = 'Aus dem Maildir'")"

# ---- sendmail fails: the reply stays pending, sent once later
SENDMAIL_RC=75 agent reply SD-$T1 --file "$TMP/reply.txt" >/dev/null 2>&1; rc=$?
expect_eq "sendmail fails: exit 1" 1 "$rc"
expect_eq "sendmail fails: pending with the error" "pending|$TMP/sendmail exited with 75" \
	"$(q "SELECT state, last_error FROM mail_outbox ORDER BY id DESC LIMIT 1")"
k=$(ls "$SENT_DIR" | grep -c '\.eml$')
agent mail send >/dev/null; expect_eq "mail send: exit" 0 $?
expect_eq "mail send: sent once" "sent|2" "$(q "SELECT state, attempts FROM mail_outbox ORDER BY id DESC LIMIT 1")"
agent mail send >/dev/null
expect_eq "mail send again: nothing more" "$((k + 1))" "$(ls "$SENT_DIR" | grep -c '\.eml$')"

# ---- maintenance announcements 48 hours ahead
qo "SELECT create_maintenance(gen_random_uuid(), 'Datenbank-Update', 'convento', now() + interval '60 hours',
     now() + interval '64 hours', NULL); SELECT create_maintenance(gen_random_uuid(), 'Fern', 'all',
     now() + interval '20 days', now() + interval '20 days 2 hours', NULL)" >/dev/null
k=$(ls "$SENT_DIR" | grep -c '\.eml$')
out=$(ops mail announce); rc=$?
expect_eq "announce: exit" 0 "$rc"
expect_match "announce: the window within 72 h" "^window 1 \"Datenbank-Update\" starting .*: 2 announcements queued$" "$out"
expect_eq "announce: to the contacts of convento contracts running then (Kim, Erna)" "end@acme.example
kim@acme.example" "$(q "SELECT to_address FROM mail_outbox WHERE kind = 'announcement' AND state = 'sent' ORDER BY 1")"
expect_eq "announce: two mails" "$((k + 2))" "$(ls "$SENT_DIR" | grep -c '\.eml$')"
expect_match "announce: Auto-Submitted" "Auto-Submitted: auto-generated" "$(cat "$SENT_DIR/$k.eml")"
expect_eq "announce: announced_at set >= 48 h ahead" "t" \
	"$(q "SELECT starts_at - announced_at >= interval '48 hours' FROM maintenance_window WHERE id = 1")"
out=$(ops mail announce); rc=$?
expect_eq "announce again: nothing" "0|" "$rc|$out"
qo "SELECT create_maintenance(gen_random_uuid(), 'Kurzfristig', 'all', now() + interval '30 hours',
     now() + interval '31 hours', NULL)" >/dev/null
out=$(ops mail announce 2>&1); rc=$?
expect_eq "late announcement: exit 1" 1 "$rc"
expect_match "late announcement: says so" "announced only (29|30) hours ahead \(48 required\)" "$out"
expect_match "announcing needs ops or a lead" "announcing maintenance: only ops or a team lead may do this" \
	"$(psql -X -q -At -U "${P}_agent" -d "$name" -c "SELECT announce_maintenance(1, 'support', 's', 'b')" 2>&1)"

# ---- an incident's notice to the customers whose tickets it concerns
I=$(qo "SELECT create_incident(gen_random_uuid(), 'Anmeldung gestört', '', now(), NULL)")
psql -X -q -At -U "${P}_agent" -d "$name" -c "SELECT link_incident(gen_random_uuid(), $T1, $I)" >/dev/null
out=$(ops mail notice "$I" 2>&1); rc=$?
expect_eq "notice without a broadcast: refused" 1 "$rc"
expect_match "notice without a broadcast: says why" "has no broadcast yet" "$out"
qo "SELECT broadcast_incident(gen_random_uuid(), $I, 'Die Anmeldung ist gestört, wir arbeiten daran.',
      now() + interval '2 hours', NULL)" >/dev/null
k=$(ls "$SENT_DIR" | grep -c '\.eml$')
out=$(ops mail notice "$I"); rc=$?
expect_eq "notice: exit" 0 "$rc"
expect_match "notice: one contact" "^incident $I: 1 notice queued" "$out"
expect_match "notice: to Kim, with the text and the ticket" "Die Anmeldung ist gest.*SD-$T1" \
	"$(tr -d '\r' <"$SENT_DIR/$k.eml" | sed -e 's/=C3=B6/ö/g' | tr '\n' ' ')"
expect_eq "notice: kim" "kim@acme.example" "$(q "SELECT to_address FROM mail_outbox WHERE kind = 'notice'")"
out=$(ops mail notice "$I"); expect_match "notice again: nothing new" "^incident $I: 0 notice" "$out"
finish
