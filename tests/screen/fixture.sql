-- A small queue for the screen tests, written through the SQL action functions.
-- Due instants are relative to now() so the states (breached, at risk, paused)
-- hold whenever the test runs. Tickets are created out of due order on purpose.
\set ON_ERROR_STOP 1
SELECT register_catalogue('5c4ee17e57', 'tests/screen/fixture.sql') AS cat \gset
SELECT upsert_plan(:cat, 'invitario-gold', 'Invitario Gold', 'Invitario', 2000, '{}');
SELECT upsert_plan(:cat, 'convento', 'Convento Incident SLA', 'Convento', 1900, '{}');
SELECT create_agent(gen_random_uuid(), session_user::text, 'Screen Tester', 2::smallint, NULL, true);

SELECT create_account(gen_random_uuid(), 'MLG', 'Müller-Lüdenscheidt GmbH', NULL) AS a1 \gset
SELECT create_contract(gen_random_uuid(), :a1, 'invitario-gold', current_date - 30, NULL, '{}') AS c1 \gset
SELECT create_contact(gen_random_uuid(), :a1, 'Jürgen Weiß', 'key_user', 'jw@example.de', NULL) AS k1 \gset

SELECT create_account(gen_random_uuid(), 'BSK', 'Bäckerei Schäfer KG', NULL) AS a2 \gset
SELECT create_contract(gen_random_uuid(), :a2, 'convento', current_date - 30, NULL, '{}') AS c2 \gset
SELECT create_contact(gen_random_uuid(), :a2, 'Özlem Çelik', 'key_user', NULL, '+49 211 555') AS k2 \gset

-- SD-10001: plenty of time left.
SELECT create_ticket(gen_random_uuid(), :a2, :c2, :k2, 'email', 'minor',
	'Newsletter-Vorschau zeigt falsche Umlaute', 'Die Vorschau zeigt "Ã¤" statt "ä".',
	now() - interval '1 hour', now() + interval '20 hours', now() + interval '80 days');
-- SD-10002: breached 30 minutes ago.
SELECT create_ticket(gen_random_uuid(), :a1, :c1, :k1, 'ticket', 'critical',
	'Kein Login möglich', 'Seit 8 Uhr kann sich niemand anmelden.',
	now() - interval '5 hours', now() - interval '30 minutes', now() + interval '2 hours');
-- SD-10003: at risk (20 minutes left).
SELECT create_ticket(gen_random_uuid(), :a2, :c2, :k2, 'chat', 'essential',
	'Versand hängt in der Warteschlange', 'Mailing 4711 steht seit gestern auf "wartet".',
	now() - interval '40 minutes', now() + interval '20 minutes', now() + interval '14 days');
-- SD-10004: waiting for the customer (clocks paused).
SELECT create_ticket(gen_random_uuid(), :a1, :c1, :k1, 'phone', 'light',
	'Exportdatei unvollständig', 'CSV-Export endet nach 1000 Zeilen.',
	now() - interval '2 hours', now() + interval '3 hours', now() + interval '10 days') AS t4 \gset
SELECT pause_ticket(gen_random_uuid(), :t4, now(), 'Kunde liefert Beispieldatei');
