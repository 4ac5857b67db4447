-- sdesk schema, migration 15: the database decides (issue "The database
-- computes and decides"). Rows that cannot be wrong: bounds and order for
-- every instant, duration and amount a statement reads; pools and units per
-- ledger kind; the activation credit once per account (002); the rush order
-- recorded with the time entry (000). The write functions that send derived
-- values (log_call, log_time, ledger_draw, set_ticket_dues) are replaced by
-- ones that take facts (schema/functions/book_*.sql). Bounds: doc/security.md.

GRANT INSERT, UPDATE ON catalogue_current TO sdesk_owner;
-- Tables of 0011 that functions write.
GRANT INSERT ON oncall_window TO sdesk_owner;
GRANT UPDATE ON team TO sdesk_owner;

-- ---------------------------------------------------------------- tickets
ALTER TABLE ticket
	ADD CONSTRAINT ticket_received_sane CHECK (received_at >= '2000-01-01' AND received_at < '2200-01-01'),
	ADD CONSTRAINT ticket_resolved_after_received CHECK (resolved_at IS NULL OR resolved_at >= received_at),
	ADD CONSTRAINT ticket_resolved_after_contact
		CHECK (resolved_at IS NULL OR first_contact_at IS NULL OR resolved_at >= first_contact_at),
	ADD CONSTRAINT ticket_closed_after_resolved CHECK (closed_at IS NULL OR closed_at >= resolved_at),
	ADD CONSTRAINT ticket_paused_after_received CHECK (paused_since IS NULL OR paused_since >= received_at),
	ADD CONSTRAINT ticket_dues_sane CHECK (
		(reaction_due IS NULL OR reaction_due <= received_at + interval '5 years')
		AND (resolution_due IS NULL OR resolution_due <= received_at + interval '5 years')
		AND (estimate_due IS NULL OR (estimate_due >= received_at
		     AND estimate_due <= received_at + interval '5 years')));
ALTER TABLE ticket_estimate ADD CONSTRAINT ticket_estimate_sane
	CHECK (due >= '2000-01-01' AND due < '2200-01-01');
ALTER TABLE ticket_pause ADD CONSTRAINT ticket_pause_sane
	CHECK (from_at >= '2000-01-01' AND from_at < '2200-01-01');

-- ---------------------------------------------------------------- calls and time
ALTER TABLE call
	ADD CONSTRAINT call_duration_bound CHECK (duration_s <= 24 * 3600),
	ADD CONSTRAINT call_started_sane CHECK (started_at >= '2000-01-01' AND started_at < '2200-01-01'),
	ADD CONSTRAINT call_price_bound CHECK (price_cents <= 100000000);
ALTER TABLE time_entry
	ADD COLUMN rush_ordered boolean NOT NULL DEFAULT false,
	ADD CONSTRAINT time_entry_minutes_bound CHECK (minutes <= 24 * 60),
	ADD CONSTRAINT time_entry_started_sane CHECK (started_at >= '2000-01-01' AND started_at < '2200-01-01'),
	ADD CONSTRAINT time_entry_money_bound CHECK (rate_cents <= 1000000 AND amount_cents <= 100000000),
	ADD CONSTRAINT time_entry_rush_ordered CHECK (NOT rush OR rush_ordered),
	ADD CONSTRAINT time_entry_note_bound CHECK (length(note) <= 10000);

-- ---------------------------------------------------------------- the ledger
ALTER TABLE budget_ledger
	ADD CONSTRAINT budget_ledger_amount_bound CHECK (amount BETWEEN -1000000 AND 1000000),
	ADD CONSTRAINT budget_ledger_money_bound CHECK (money_cents BETWEEN -100000000 AND 100000000),
	ADD CONSTRAINT budget_ledger_period_sane CHECK (period IS NULL OR (period >= '2000-01-01' AND period < '2200-01-01')),
	ADD CONSTRAINT budget_ledger_effective_sane
		CHECK (effective_on IS NULL OR (effective_on >= '2000-01-01' AND effective_on < '2200-01-01')),
	ADD CONSTRAINT budget_ledger_pool_kind CHECK (
		CASE kind
		WHEN 'monthly_allowance' THEN pool = 'phone' AND unit = 'minutes'
		WHEN 'activation_credit' THEN pool = 'activation' AND unit = 'minutes'
		WHEN 'points_package' THEN unit = 'points' AND pool NOT IN ('phone', 'activation')
		WHEN 'overage' THEN pool = 'phone' AND unit = 'minutes'
		ELSE (unit = 'minutes' AND pool IN ('phone', 'activation'))
		     OR (unit = 'points' AND pool NOT IN ('phone', 'activation'))
		END);
-- The activation credit is the account's, once (002), not once per contract.
DROP INDEX budget_ledger_one_activation;
CREATE UNIQUE INDEX budget_ledger_one_activation ON budget_ledger (account_id) WHERE kind = 'activation_credit';

-- ---------------------------------------------------------------- standby
ALTER TABLE standby_booking
	ADD CONSTRAINT standby_booking_length CHECK (ends_at - starts_at <= interval '24 hours'),
	ADD CONSTRAINT standby_booking_rate_bound CHECK (rate_cents <= 1000000);

-- Replaced by functions that take facts (their files drop the others).
DROP FUNCTION IF EXISTS ledger_draw(bigint, jsonb, bigint, bigint);
