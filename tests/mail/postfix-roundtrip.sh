#!/usr/bin/env bash
# The round trip through a real Postfix (doc/mail.md): a private instance
# (tests/mail/postfix/main.cf.in: local delivery only, no listener, its own
# queue under $TMP) started by this test. A customer's mail enters through
# Postfix's sendmail, Postfix's local(8) pipes it into `sdesk mail-in`
# (aliases: support -> the gateway), a ticket opens with the instant of the
# Received: header Postfix wrote; the agent's `sdesk reply` leaves through the
# same sendmail into the customer's mailbox, once, with the tag,
# Message-ID and In-Reply-To; the customer's answer comes back through the
# pipe into the ticket's thread, once; a maintenance window's announcement
# reaches the mailbox 48 hours ahead. Needs root (Postfix's master) and the
# Debian package postfix (bootstrap installs it without configuring the
# system's instance).
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "postfix-roundtrip.sh: PGHOST is not set: run under tests/with-pg" >&2
	exit 99
fi
if [ "$(id -u)" != 0 ] || ! [ -x /usr/sbin/postfix ]; then
	echo "postfix-roundtrip.sh: needs root and the Debian package postfix (./bootstrap installs it)" >&2
	exit 99
fi

P="pf$$"
name="sdesk_pf_$$"
pf="$TMP/pf"
user=nobody
createdb "$name" || { echo "postfix-roundtrip.sh: createdb failed" >&2; exit 99; }
cleanup() {
	MAIL_CONFIG="$pf/etc" /usr/sbin/postfix -c "$pf/etc" stop >/dev/null 2>&1
	dropdb --if-exists --force "$name"
	for r in gate agent ops; do psql -X -q -d postgres -c "DROP ROLE IF EXISTS ${P}_$r" >/dev/null 2>&1; done
	rm -rf "$TMP"
}
trap cleanup EXIT

# ---- the instance: configuration from the project's files, queue under $TMP
chmod 755 "$TMP"
mkdir -p "$pf/etc" "$pf/spool" "$pf/data" "$pf/mbox" "$pf/quarantine"
sed -e "s|@DIR@|$pf|g" -e "s|@USER@|$user|g" "$top_srcdir/tests/mail/postfix/main.cf.in" >"$pf/etc/main.cf"
cp /etc/postfix/master.cf "$pf/etc/master.cf"
cp -r /etc/postfix/dynamicmaps.cf /etc/postfix/dynamicmaps.cf.d "$pf/etc/" 2>/dev/null
# The gateway as the pipe runs it: the user default_privs names, an
# environment of its own, its own database login.
cat >"$pf/mailgate" <<EOF
#!/bin/sh
exec "$SDESK_BIN" mail-in --queue support --quarantine "$pf/quarantine" \
	--db "host=$PGHOST port=$PGPORT dbname=$name user=${P}_gate"
EOF
chmod 755 "$pf/mailgate"
cat >"$pf/etc/aliases" <<EOF
postmaster: $pf/mbox/postmaster
support: "|$pf/mailgate"
kim: $pf/mbox/kim
EOF
touch "$pf/mbox/kim" "$pf/mbox/postmaster"
chown "$user" "$pf/mbox/kim" "$pf/mbox/postmaster" "$pf/quarantine"
chmod 777 "$pf/mbox"
chown "$user" "$pf/data"
export MAIL_CONFIG="$pf/etc"
postalias "$pf/etc/aliases" || { echo "postfix-roundtrip.sh: postalias failed" >&2; exit 99; }
/usr/sbin/postfix -c "$pf/etc" set-permissions >/dev/null 2>&1
/usr/sbin/postfix -c "$pf/etc" check >"$TMP/check.log" 2>&1 || { cat "$TMP/check.log" >&2; exit 99; }
/usr/sbin/postfix -c "$pf/etc" start >"$TMP/start.log" 2>&1 || { cat "$TMP/start.log" >&2; exit 99; }

# ---- the database
cat >"$TMP/sdesk.cfg" <<EOF
mail = { sendmail = "/usr/sbin/sendmail"; };
EOF
admin() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name"; }
agent() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name user=${P}_agent"; }
ops() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name user=${P}_ops"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }
admin db migrate >/dev/null || { echo "postfix-roundtrip.sh: migrate failed" >&2; exit 99; }
admin plans load >/dev/null || exit 99
q "INSERT INTO account (code, name) VALUES ('ACME', 'Acme GmbH');
   INSERT INTO contract (account_id, plan_code, valid_from) VALUES (1, 'convento', '2025-01-01');
   INSERT INTO contact (account_id, name, role, email) VALUES (1, 'Kim Key', 'key_user', 'kim@acme.test');
   CREATE ROLE ${P}_gate LOGIN IN ROLE sdesk_mailgate;" >/dev/null || exit 99
admin admin add-agent "${P}_agent" --name "Anna Agent" --role agent --tier 1 >/dev/null || exit 99
admin admin add-agent "${P}_ops" --name "Otto Ops" --role ops --tier 2 >/dev/null || exit 99
admin mail queue support support@sdesk.test --name "Acme Support" >/dev/null || exit 99

# wait_for SQL EXPECTED: polls (at most 30 s) until the query returns EXPECTED.
wait_for() {
	local i v
	for i in $(seq 1 150); do
		v=$(q "$1" 2>/dev/null)
		[ "$v" = "$2" ] && { printf '%s\n' "$v"; return 0; }
		sleep 0.2
	done
	printf '%s\n' "$v"
	return 1
}
# mbox_count FILE: messages in an mbox file.
mbox_count() { grep -c '^From ' "$1"; }
wait_mbox() { # FILE N
	local i
	for i in $(seq 1 150); do
		[ "$(mbox_count "$1")" -ge "$2" ] && break
		sleep 0.2
	done
	mbox_count "$1"
}

# ---- a customer's mail enters through Postfix and opens a ticket
printf 'From: Kim Key <kim@acme.test>\nTo: support@sdesk.test\nSubject: Login geht nicht\nMessage-ID: <pf-1@acme.test>\n\nNiemand kann sich anmelden.\n' |
	/usr/sbin/sendmail -i -f kim@acme.test -- support@sdesk.test
expect_eq "Postfix piped the mail into sdesk mail-in: a ticket" "1" "$(wait_for "SELECT count(*) FROM ticket" 1)"
expect_eq "ticket: contact, channel, subject" "1|email|Login geht nicht" \
	"$(q "SELECT contact_id, channel, subject FROM ticket WHERE id = 10001")"
expect_eq "ticket: opened by the gateway's login" "${P}_gate" "$(q "SELECT created_by FROM ticket WHERE id = 10001")"
# The received instant is the date of the Received: header Postfix's local
# delivery saw: it lies between the send and now, and has dues.
expect_eq "ticket: received instant recorded, dues set" "t|t" \
	"$(q "SELECT received_at > now() - interval '5 minutes' AND received_at <= now(), reaction_due IS NOT NULL FROM ticket WHERE id = 10001")"

# ---- the agent's reply leaves through Postfix into Kim's mailbox, once
printf 'Guten Tag,\nbitte melden Sie sich neu an.\n' >"$TMP/reply.txt"
out=$(agent reply SD-10001 --file "$TMP/reply.txt"); rc=$?
expect_eq "reply: exit" 0 "$rc"
expect_eq "reply: delivered to Kim's mailbox" 1 "$(wait_mbox "$pf/mbox/kim" 1)"
RID=$(q "SELECT message_id FROM ticket_message WHERE kind = 'reply'")
box=$(cat "$pf/mbox/kim")
expect_match "reply: From the queue's address" '^From: Acme Support <support@sdesk\.test>' "$box"
expect_match "reply: Subject with the tag" '^Subject: \[SD-10001\] Login geht nicht$' "$box"
expect_match "reply: Message-ID" "^Message-I[dD]: <$RID>$" "$box"
expect_match "reply: In-Reply-To the customer's mail" '^In-Reply-To: <pf-1@acme\.test>$' "$box"
expect_match "reply: Received by Postfix" '^Received: by mail\.sdesk\.test \(Postfix' "$box"
agent mail send >/dev/null
sleep 1 # a second send would have been queued by now (sendmail returns after the queue file is written)
expect_eq "reply: still exactly once in the mailbox" 1 "$(mbox_count "$pf/mbox/kim")"

# ---- Kim answers the reply (In-Reply-To only): back through the pipe into the thread, once
printf 'From: Kim Key <kim@acme.test>\nTo: support@sdesk.test\nSubject: Re: Ihre Antwort\nMessage-ID: <pf-2@acme.test>\nIn-Reply-To: <%s>\nReferences: <pf-1@acme.test> <%s>\n\nDanke, geht wieder.\n' "$RID" "$RID" |
	/usr/sbin/sendmail -i -f kim@acme.test -- support@sdesk.test
expect_eq "answer: in the ticket's thread" "10001" \
	"$(wait_for "SELECT ticket_id FROM ticket_message WHERE message_id = 'pf-2@acme.test'" 10001)"
expect_eq "answer: thread is mail, reply, answer" "incoming|pf-1@acme.test
reply|$RID
incoming|pf-2@acme.test" "$(q "SELECT kind, message_id FROM ticket_message WHERE ticket_id = 10001 ORDER BY id")"
expect_eq "answer: still one ticket" 1 "$(q "SELECT count(*) FROM ticket")"

# ---- the announcement of a maintenance window goes out 48 hours ahead
psql -X -q -At -U "${P}_ops" -d "$name" -c "SELECT create_maintenance(gen_random_uuid(), 'Datenbank-Update', 'convento',
	now() + interval '50 hours', now() + interval '52 hours', NULL)" >/dev/null
out=$(ops mail announce); rc=$?
expect_eq "announce: exit" 0 "$rc"
expect_eq "announce: in Kim's mailbox" 2 "$(wait_mbox "$pf/mbox/kim" 2)"
expect_match "announce: subject" '^Subject: =\?UTF-8\?.*|^Subject: Wartungsank' "$(grep '^Subject:' "$pf/mbox/kim" | tail -n 1)"
expect_eq "announce: 48 hours or more ahead" t \
	"$(q "SELECT starts_at - announced_at >= interval '48 hours' FROM maintenance_window")"
expect_eq "nothing quarantined, nothing bounced" "0 0" \
	"$(ls "$pf/quarantine" | wc -l) $(mbox_count "$pf/mbox/postmaster")"
finish
