-- A small queue for the screen tests, written through the SQL action functions.
-- Due instants are relative to sdesk_now() (now(), or the pinned sdesk.now: PGOPTIONS) so the states (breached, at risk, paused)
-- hold whenever the test runs (remaining time is business time: at night the
-- numbers stand still, the states do not change). Tickets are created out of due order on purpose.
\ir ../forge-dues.sql
\set ON_ERROR_STOP 1
-- The plan catalogue is loaded before (sdesk plans load): the database's
-- engine computes every ticket's dues from it.
SELECT create_team(gen_random_uuid(), 'Team Nord') AS team \gset
SELECT create_agent(gen_random_uuid(), session_user::text, 'Screen Tester', 1::smallint, :team, true);

SELECT create_account(gen_random_uuid(), 'MLG', 'Müller-Lüdenscheidt GmbH', NULL) AS a1 \gset
SELECT create_contract(gen_random_uuid(), :a1, 'invitario-gold', sdesk_local_date(sdesk_now()) - 30, NULL, '{}') AS c1 \gset
SELECT create_contact(gen_random_uuid(), :a1, 'Jürgen Weiß', 'key_user', 'jw@example.de', NULL) AS k1 \gset
SELECT create_contact(gen_random_uuid(), :a1, 'Egon Endnutzer', 'end_user', NULL, NULL);

SELECT create_account(gen_random_uuid(), 'BSK', 'Bäckerei Schäfer KG', NULL) AS a2 \gset
SELECT create_contract(gen_random_uuid(), :a2, 'convento', sdesk_local_date(sdesk_now()) - 30, NULL, '{}') AS c2 \gset
SELECT create_contact(gen_random_uuid(), :a2, 'Özlem Çelik', 'key_user', NULL, '+49 211 555') AS k2 \gset

-- A former customer: the contract ended last year.
SELECT create_account(gen_random_uuid(), 'ALT', 'Altkunde AG', NULL) AS a3 \gset
SELECT create_contract(gen_random_uuid(), :a3, 'convento', sdesk_local_date(sdesk_now()) - 700, sdesk_local_date(sdesk_now()) - 400, '{}');
SELECT create_contact(gen_random_uuid(), :a3, 'Anna Alt', 'key_user', NULL, NULL);

-- SD-10001: plenty of time left (more than an hour of business time whenever the test runs).
SELECT test_forge_dues(create_ticket(gen_random_uuid(), :a2, :c2, :k2, 'email', 'minor',
	'Newsletter-Vorschau zeigt falsche Umlaute', 'Die Vorschau zeigt "Ã¤" statt "ä".',
	sdesk_now() - interval '1 hour'), sdesk_now() + interval '20 days', sdesk_now() + interval '80 days');
-- SD-10002: breached 30 minutes ago.
SELECT test_forge_dues(create_ticket(gen_random_uuid(), :a1, :c1, :k1, 'ticket', 'critical',
	'Kein Login möglich', 'Seit 8 Uhr kann sich niemand anmelden.',
	sdesk_now() - interval '5 hours'), sdesk_now() - interval '30 minutes', sdesk_now() + interval '2 hours');
-- SD-10003: at risk (20 minutes left).
SELECT test_forge_dues(create_ticket(gen_random_uuid(), :a2, :c2, :k2, 'chat', 'essential',
	'Versand hängt in der Warteschlange', 'Mailing 4711 steht seit gestern auf "wartet".',
	sdesk_now() - interval '40 minutes'), sdesk_now() + interval '20 minutes', sdesk_now() + interval '14 days');
-- SD-10004: waiting for the customer (clocks paused).
SELECT test_forge_dues(create_ticket(gen_random_uuid(), :a1, :c1, :k1, 'ticket', 'light',
	'Exportdatei unvollständig', 'CSV-Export endet nach 1000 Zeilen.',
	sdesk_now() - interval '2 hours'), sdesk_now() + interval '3 hours', sdesk_now() + interval '10 days') AS t4 \gset
SELECT pause_ticket(gen_random_uuid(), :t4, sdesk_now(), 'Kunde liefert Beispieldatei');
-- An open incident to link tickets to.
SELECT create_incident(gen_random_uuid(), 'Mailversand gestört', 'Versandserver antwortet nicht',
	sdesk_now() - interval '30 minutes', sdesk_now() + interval '2 hours');
