#!/usr/bin/env bash
# Local files (doc/security.md, "Local files"), against a real database: a
# settings file, a journal or a plan catalogue (--plans, SDESK_PLANS) that
# group or others may write, or that belongs to another user, is refused with
# the file and the fix named (exit 2 for settings and plans, 1 for the
# journal) and nothing is done; a password in the conninfo is found in URI
# user info, URI queries and percent-encoded keys. A damaged journal record
# is kept: `sdesk log` warns and still works, `sdesk journal list` shows it
# with its line and byte offset, `sdesk journal compact` and the automatic
# compaction keep it byte for byte, and the console says so in its header
# and status line.
set -u
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/lib.sh"

pg_test_db sdesk_localfiles
lead="lf_lead_$$"
trap 'scr_stop; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$SCR_DB\" WITH (FORCE)" -c "DROP ROLE IF EXISTS $lead" >/dev/null 2>&1; rm -rf "$TMP"' EXIT
J="$TMP/journal"
CFG="$TMP/sdesk.cfg"
cat >"$TMP/admin.cfg" <<EOF
database = { conninfo = "dbname=$PGDATABASE"; };
journal = { path = "$TMP/admin-journal"; };
EOF
cat >"$CFG" <<EOF
database = { conninfo = "dbname=$PGDATABASE user=$lead"; connect_timeout = 5; };
journal = { path = "$J"; };
EOF
admin() { SDESK_CONFIG="$TMP/admin.cfg" "$SDESK_BIN" "$@"; }
sdesk() { SDESK_CONFIG="$CFG" "$SDESK_BIN" "$@"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

admin db migrate >"$TMP/migrate.out" 2>&1 || { cat "$TMP/migrate.out" >&2; exit 99; }
admin admin add-agent "$lead" --name "Lea Leitung" --role lead --tier 2 >/dev/null ||
	{ echo "local-files.sh: add-agent failed" >&2; exit 99; }
admin plans load >"$TMP/plans.out" 2>&1 || { cat "$TMP/plans.out" >&2; exit 99; }
q "INSERT INTO account (code, name, activated_on) VALUES ('TEL', 'Telefon KG', current_date - 400);
   INSERT INTO contract (account_id, plan_code, valid_from) VALUES (1, 'support-level-1', current_date - 400);
   INSERT INTO ticket (account_id, contract_id, channel, category, subject, received_at) VALUES
     (1, 1, 'phone', 'question', 'Rückfrage Telefon', now() - interval '1 hour');" >/dev/null || exit 99
calls() { q "SELECT count(*) FROM call"; }

# ---- the settings file
for mode in 664:'its group may write it (mode 0664)' 646:'others may write it (mode 0646)' \
	666:'group and others may write it (mode 0666)'; do
	chmod "${mode%%:*}" "$CFG"
	sdesk statement TEL 2025-03 >/dev/null 2>"$TMP/err"; rc=$?
	expect_eq "settings ${mode%%:*}: exit" 2 "$rc"
	expect_eq "settings ${mode%%:*}: message" \
		"sdesk: $CFG: refusing the settings file: ${mode#*:}; run: chmod go-w $CFG" "$(cat "$TMP/err")"
	sdesk log call SD-10001 5m >/dev/null 2>"$TMP/err"; rc=$?
	expect_eq "settings ${mode%%:*}: log refused" 2 "$rc"
done
expect_eq "nothing logged with a writable settings file" 0 "$(calls)"
chmod 600 "$CFG"
sdesk statement TEL 2025-03 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "settings 0600: accepted" 0 "$rc"
chmod 644 "$CFG"
sdesk budget show TEL >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "settings 0644: accepted" 0 "$rc"
if [ "$(id -u)" = 0 ]; then # a file of another user can only be made by root
	cp "$CFG" "$TMP/other.cfg"
	chown 65534 "$TMP/other.cfg"
	SDESK_CONFIG="$TMP/other.cfg" "$SDESK_BIN" statement TEL 2025-03 >/dev/null 2>"$TMP/err"; rc=$?
	expect_eq "settings of another user: exit" 2 "$rc"
	expect_match "settings of another user: message" \
		"^sdesk: $TMP/other.cfg: refusing the settings file: it belongs to another user \(uid 65534, you are uid 0\)" \
		"$(cat "$TMP/err")"
else
	echo "local-files.sh: not root: the other-owner case is covered by tests/conf/test_config (owner_rule)"
fi

# ---- passwords in the conninfo
for ci in "postgresql://$lead:secret@localhost/$PGDATABASE" "postgres://$lead:@localhost/$PGDATABASE" \
	"postgresql:///$PGDATABASE?user=$lead&password=secret" "postgresql:///$PGDATABASE?pass%77ord=secret" \
	"dbname=$PGDATABASE pass%77ord=secret" "dbname=$PGDATABASE %70assword=secret" \
	"dbname=$PGDATABASE password = 'se cret'"; do
	printf 'database = {\n  conninfo = "%s";\n};\n' "$ci" >"$TMP/pw.cfg"
	SDESK_CONFIG="$TMP/pw.cfg" "$SDESK_BIN" statement TEL 2025-03 >/dev/null 2>"$TMP/err"; rc=$?
	expect_eq "conninfo [$ci]: exit" 2 "$rc"
	expect_match "conninfo [$ci]: message" "^sdesk: $TMP/pw.cfg:2: conninfo must not contain a password" \
		"$(cat "$TMP/err")"
done
printf 'database = { conninfo = "postgresql:///%s?user=%s&application_name=password"; };\n' "$PGDATABASE" "$lead" \
	>"$TMP/ok.cfg"
SDESK_CONFIG="$TMP/ok.cfg" "$SDESK_BIN" statement TEL 2025-03 >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "a URI without a password is accepted" 0 "$rc"

# ---- the plan catalogue given with SDESK_PLANS or --plans
cp "$top_srcdir/conf/plans.cfg" "$TMP/plans.cfg"
chmod 666 "$TMP/plans.cfg"
SDESK_PLANS="$TMP/plans.cfg" admin plans load --dry-run >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "SDESK_PLANS 0666: exit" 2 "$rc"
expect_eq "SDESK_PLANS 0666: message" "sdesk: $TMP/plans.cfg: refusing the plan catalogue: group and others may write it (mode 0666); run: chmod go-w $TMP/plans.cfg" "$(cat "$TMP/err")"
chmod 620 "$TMP/plans.cfg"
admin --plans "$TMP/plans.cfg" plans load --dry-run >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "--plans 0620: exit" 2 "$rc"
expect_match "--plans 0620: message" "refusing the plan catalogue: its group may write it \(mode 0620\)" "$(cat "$TMP/err")"
"$SDESK_BIN" --plans "$TMP/plans.cfg" sla add convento 2026-03-02T10:00:00+01:00 1h >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "--plans 0620: offline commands refuse it too" 2 "$rc"
expect_eq "nothing logged with a writable catalogue" 0 "$(calls)"
chmod 644 "$TMP/plans.cfg"
out=$(SDESK_PLANS="$TMP/plans.cfg" "$SDESK_BIN" sla add convento 2026-03-02T10:00:00+01:00 1h); rc=$?
expect_eq "SDESK_PLANS 0644: accepted" 0 "$rc"

# ---- the journal
sdesk log call SD-10001 5m >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "first call logged" 0 "$rc"
expect_eq "journal made 0600" "600" "$(stat -c %a "$J")"
chmod 664 "$J"
sdesk journal list >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "journal 0664: list exit" 1 "$rc"
expect_eq "journal 0664: message" "sdesk: journal: $J: refusing the journal: its group may write it (mode 0664); run: chmod go-w $J" "$(cat "$TMP/err")"
sdesk log call SD-10001 5m >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "journal 0664: log exit" 1 "$rc"
expect_match "journal 0664: log message" "refusing the journal: its group may write it .*nothing was logged" "$(cat "$TMP/err")"
expect_eq "journal 0664: nothing logged" 1 "$(calls)"
chmod 600 "$J"

# ---- damaged journal records are kept and reported
fnv() { perl -e 'use integer; my $h = 2166136261; for (unpack("C*", $ARGV[0])) { $h ^= $_; $h = ($h * 16777619) & 0xffffffff } printf "%08x", $h' "$1"; }
good=$(printf 'P\t1700000000\t0b6f3c1e-2d4a-4e5f-9a8b-7c6d5e4f3a21\ttake_ticket\t10001')
expect_eq "fnv helper agrees with the journal" "$(head -2 "$J" | tail -1 | cut -f1)" \
	"$(fnv "$(head -2 "$J" | tail -1 | cut -f2-)")"
damaged=$(printf '%s\t%s' "$(fnv "$good")" "$good" | sed 's/10001$/10009/') # one byte changed
off=$(stat -c %s "$J")
printf '%s\n' "$damaged" >>"$J"
printf 'torn\tP\t17' >>"$J" # a torn last write
sdesk journal list >"$TMP/list" 2>"$TMP/err"; rc=$?
expect_eq "list with damage: exit" 0 "$rc"
lines=$(wc -l <"$J")
expect_match "list counts the damage" "^journal $J: 0 pending, 0 refused, 2 damaged \(kept in the file, never sent" "$(head -1 "$TMP/list")"
expect_match "list shows the damaged line" "^damaged  $J:$lines \(byte $off\): corrupt record \(checksum mismatch\): [0-9a-f]{8}\\\\tP\\\\t1700000000" "$(cat "$TMP/list")"
expect_match "list shows the torn line" "^damaged  $J:$((lines + 1)) \(byte $((off + ${#damaged} + 1))\): incomplete last record \(torn write\), kept: torn\\\\tP\\\\t17$" "$(cat "$TMP/list")"
out=$(sdesk log call SD-10001 5m 2>"$TMP/err"); rc=$?
expect_eq "log with damage: exit" 0 "$rc"
expect_match "log warns" "^sdesk: log: warning: the journal has 2 damaged record\(s\), kept and not sent: $J:$lines: corrupt record \(checksum mismatch\) \(and 1 more bad lines\); see sdesk journal list" "$(cat "$TMP/err")"
expect_eq "log with damage: logged" 2 "$(calls)"
grep -qF -- "$damaged" "$J" && pass || fail "damaged line gone after sdesk log"
sdesk journal compact 2>"$TMP/err"; rc=$?
expect_eq "compact exit" 0 "$rc"
expect_eq "compact keeps the damaged line" 1 "$(grep -cF -- "$damaged" "$J")"
expect_eq "compact keeps the torn line" 1 "$(grep -c "^torn	P	17$" "$J")"
expect_eq "compact drops the confirmed entries" 0 "$(grep -c "	D	" "$J")"
expect_match "list after compact" ", 2 damaged \(kept" "$(sdesk journal list)"
# The automatic compaction (sdesk log: above 64 KiB with nothing pending):
# 600 confirmed entries (P and D records) make the file large.
perl -e 'use integer; sub fnv { my $h = 2166136261; for (unpack("C*", $_[0])) { $h ^= $_; $h = ($h * 16777619) & 0xffffffff } sprintf "%08x", $h }
	for my $i (1 .. 600) { my $k = sprintf "00000000-0000-4000-8000-%012d", $i;
		for my $b ("P\t1700000000\t$k\ttake_ticket\t10001", "D\t1700000000\t$k") { print fnv($b), "\t$b\n" } }' >>"$J"
expect_match "600 confirmed entries read" "^journal $J: 0 pending, 0 refused, 2 damaged" "$(sdesk journal list)"
big=$(stat -c %s "$J")
sdesk log call SD-10001 5m >/dev/null 2>"$TMP/err"; rc=$?
expect_eq "log on a large journal" 0 "$rc"
expect_eq "automatic compaction ran" 0 "$(grep -c '00000000-0000-4000-8000-' "$J")"
[ "$(stat -c %s "$J")" -lt $((big / 10)) ] && pass || fail "journal not compacted: $(stat -c %s "$J") bytes"
expect_eq "automatic compaction keeps the damaged line" 1 "$(grep -cF -- "$damaged" "$J")"
expect_eq "automatic compaction keeps the torn line" 1 "$(grep -c "^torn	P	17$" "$J")"
expect_eq "all calls logged once" 3 "$(calls)"

# ---- the console: header and status line
SDESK_CONFIG="$CFG" scr_start 120 30 "$SDESK_BIN"
scr_expect "console queue" 'SD-10001'
scr_expect "console header counts the damage" ' [0-9]+ damaged +LIVE'
scr_expect "console status line" 'journal: [0-9]+ damaged records? kept, not sent \('"$J"':[0-9]+: corrupt record'
scr_keys q
finish
