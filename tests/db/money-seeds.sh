#!/usr/bin/env bash
# The seeds' money, decided by the database (the engine inside PostgreSQL),
# table-driven: each row quotes the seed's rule, asks the SQL function the
# write path uses (sdesk.book, sdesk.package_price, sdesk.standby_price,
# sdesk.vat_total) and compares with the value computed by hand from the
# seed's numbers. No client code prices anything here.
set -u
. "$top_srcdir/tests/lib.sh"

if [ -z "${PGHOST:-}" ]; then
	echo "money-seeds.sh: PGHOST is not set: run under tests/with-pg (a database test never skips)" >&2
	exit 99
fi
name="sdesk_money_$$_$(date +%s)"
createdb "$name" || { echo "money-seeds.sh: createdb failed" >&2; exit 99; }
trap 'dropdb --if-exists --force "$name"; rm -rf "$TMP"' EXIT
: >"$TMP/sdesk.cfg"
admin() { SDESK_CONFIG="$TMP/sdesk.cfg" "$SDESK_BIN" "$@" --db "dbname=$name"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$name" -c "$1"; }

admin db migrate >/dev/null && admin plans load >/dev/null || { echo "money-seeds.sh: setup failed" >&2; exit 99; }
q "INSERT INTO account (id, code, name, activated_on) VALUES (1, 'ACT', 'Aktiviert', '2025-01-05'),
     (2, 'NOA', 'Nicht aktiviert', NULL), (3, 'INV', 'Invitario-Kunde', NULL), (4, 'PTS', 'Punkte', NULL),
     (5, 'CONV', 'Convento-Kunde', NULL);
   INSERT INTO contract (id, account_id, plan_code, valid_from, overrides) VALUES
     (1, 1, 'support-level-1', '2025-01-01', '{}'), (2, 2, 'support-level-1', '2025-01-01', '{}'),
     (3, 2, 'support-level-2', '2025-01-01', '{}'), (4, 2, 'support-level-3', '2025-01-01', '{}'),
     (5, 3, 'invitario-gold', '2025-01-01', '{}'), (6, 4, 'ilias-technical', '2025-01-01', '{}'),
     (7, 4, 'ilias-user', '2025-01-01', '{}'),
     (8, 5, 'convento-premium', '2025-01-01', jsonb_build_object('standby_hour_cents', 9500));
   INSERT INTO ticket (id, account_id, contract_id, channel, category, subject, received_at)
   SELECT 10000 + c.id, c.account_id, c.id, 'phone', 'x', 'Fall ' || c.id, '2025-03-01 08:00+01' FROM contract c;" \
	>/dev/null || { echo "money-seeds.sh: fixture failed" >&2; exit 99; }

# label | the seed's words | SQL | expected
while IFS='|' read -r label seed sql want; do
	[ -z "$label" ] && continue
	got=$(q "$sql" 2>&1)
	expect_eq "$label (\"$seed\")" "$want" "$got"
done <<'CASES'
002 level 1 free minutes|jeden Monat 15 Freiminuten|SELECT sdesk.book(10002, 'call', '2025-03-10 10:00+01', 12 * 60) ->> 'text'|12 free = EUR 0.00
002 overage from minute 16|50 ct. (ab der 16.ten Minute)|SELECT sdesk.book(10002, 'call', '2025-03-10 10:00+01', 25 * 60) ->> 'price_cents'|500
002 started minutes|Preis netto pro Minute|SELECT sdesk.book(10002, 'call', '2025-03-10 10:00+01', 15 * 60 + 1) ->> 'text'|15 free, 1 billed = EUR 0.50
002 activation credit after the free minutes|Nach der Aktivierung ... ein Guthaben von 60 Minuten|SELECT sdesk.book(10001, 'call', '2025-03-10 10:00+01', 75 * 60) ->> 'text'|15 free, 60 credit = EUR 0.00
002 overage after the credit|Guthaben von 60 Minuten|SELECT sdesk.book(10001, 'call', '2025-03-10 10:00+01', 76 * 60) ->> 'text'|15 free, 60 credit, 1 billed = EUR 0.50
002 no credit before activation|Nach der Aktivierung der Software|SELECT sdesk.book(10001, 'call', '2025-01-03 10:00+01', 20 * 60) ->> 'text'|15 free, 5 billed = EUR 2.50
002 credit written once for the account|ein Guthaben von 60 Minuten|SELECT sdesk.book(10001, 'call', '2025-03-10 10:00+01', 60) ->> 'activation'|60
002 level 2 from minute 31|50 ct. (ab der 31.ten Minute)|SELECT sdesk.book(10003, 'call', '2025-03-10 10:00+01', 31 * 60) ->> 'text'|30 free, 1 billed = EUR 0.50
002 level 3 from minute 91|50 ct. (ab der 91.ten Minute)|SELECT sdesk.book(10004, 'call', '2025-03-10 10:00+01', 91 * 60) ->> 'text'|90 free, 1 billed = EUR 0.50
002 hotline Mon 08:00 first 5 minutes|30,00 € für die ersten 5 Minuten|SELECT sdesk.book(10002, 'hotline', '2025-03-10 08:00+01', 5 * 60) ->> 'price_cents'|3000
002 hotline Mon 17:00 per started 5 min|danach 5,00 € pro Minute, Berechnung je angefangene 5 Minuten|SELECT sdesk.book(10002, 'hotline', '2025-03-10 17:00+01', 12 * 60) ->> 'price_cents'|8000
002 hotline Mon 12:30 one minute|12.30 - 13.30 ... 30,00 €|SELECT sdesk.book(10002, 'hotline', '2025-03-10 12:30+01', 60) ->> 'price_cents'|3000
002 hotline Mon 22:00 night|Montag - Freitag 22.00 - 8.00 Uhr ... 36,00 €|SELECT sdesk.book(10002, 'hotline', '2025-03-10 22:00+01', 5 * 60) ->> 'price_cents'|3600
002 hotline Saturday|Samstag - Sonntag durchgehend ... 36,00 € ... danach 6,00 €|SELECT sdesk.book(10002, 'hotline', '2025-03-15 10:00+01', 7 * 60) ->> 'price_cents'|6600
002 hotline draws no minutes|Notfall-Hotline|SELECT jsonb_array_length(sdesk.book(10002, 'hotline', '2025-03-15 10:00+01', 7 * 60) -> 'moves')|0
000 managed service per hour|Stundensatz von EUR 120 sowie in 15 Minuten Einheiten|SELECT sdesk.book(10005, 'time', '2025-03-10 10:00+01', 15, 'managed_service') ->> 'price_cents'|3000
000 managed service 15-minute units|in 15 Minuten Einheiten|SELECT concat_ws(' ', b ->> 'stored', b ->> 'price_cents') FROM sdesk.book(10005, 'time', '2025-03-10 10:00+01', 25, 'managed_service') b|30 6000
000 same day without a rush order|EUR 180 bei Eilaufträgen|SELECT sdesk.book(10005, 'time', '2025-03-01 10:00+01', 60, 'managed_service') ->> 'price_cents'|12000
000 ordered rush job the same day|EUR 180 bei Eilaufträgen mit zeitnaher Umsetzung innerhalb desselben Kalendertages|SELECT sdesk.book(10005, 'time', '2025-03-10 11:00+01', 60, 'managed_service', true, '2025-03-10 09:30+01') ->> 'price_cents'|18000
000 ordered rush job done later in hours|innerhalb desselben Kalendertages|SELECT sdesk.book(10005, 'time', '2025-03-11 11:00+01', 60, 'managed_service', true, '2025-03-10 09:30+01') ->> 'price_cents'|12000
000 ordered rush job outside support hours|bzw. außerhalb der Support-Zeiten|SELECT sdesk.book(10005, 'time', '2025-03-11 19:00+01', 60, 'managed_service', true, '2025-03-10 09:30+01') ->> 'price_cents'|18000
000 support time is included|Support Leistungen|SELECT sdesk.book(10005, 'time', '2025-03-10 10:00+01', 50, 'support') ->> 'price_cents'|0
004 technical package minimum 40 points|technischer Support mindestens 40 Punkte (10 h)|SELECT sdesk.package_price('ilias-technical', 'technical', 40)|166000
004 below the minimum refused|mindestens 40 Punkte|SELECT sdesk.package_price('ilias-technical', 'technical', 39)|ERROR:  a package of technical points holds at least 40 points, not 39
004 user support minimum 20 points|Anwender-Support ... mindestens 20 Punkte (5 h)|SELECT sdesk.package_price('ilias-user', 'user', 20)|60000
004 a point is 15 minutes|1 Punkt = 15 Minuten|SELECT sdesk.book(10006, 'time', '2025-03-10 10:00+01', 50, 'technical') -> 'moves' -> 0 ->> 'amount'|-4
001 standby per started hour|auf Stundenbasis|SELECT sdesk.standby_price('convento-premium', '2025-03-20 18:00+01', '2025-03-20 20:30+01', '2025-03-10 10:00+01', 9500) ->> 'cents'|28500
001 standby 3 working days ahead|spätestens 3 Werktage vor dem gewünschten Termin|SELECT (sdesk.standby_price('convento-premium', '2025-03-13 06:00+01', '2025-03-13 10:00+01', '2025-03-10 16:55+01', 9500) ->> 'early')|false
001 standby inside the lead time|spätestens 3 Werktage|SELECT (sdesk.standby_price('convento-premium', '2025-03-12 18:00+01', '2025-03-12 22:00+01', '2025-03-10 16:55+01', 9500) ->> 'early')|true
VAT 19 % on the total|zzgl. MwSt.|SELECT sdesk.vat_total('ilias-technical', ARRAY[166000, 4150]::bigint[])::text|{"net": 170150, "vat": 32329, "gross": 202479, "vat_bp": 1900}
VAT 20 % (Austria)|zzgl. MwSt.|SELECT sdesk.vat_total('invitario-gold', ARRAY[3000, 4500]::bigint[]) ->> 'vat'|1500
CASES
finish
