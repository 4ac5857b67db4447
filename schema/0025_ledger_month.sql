-- sdesk schema, migration 25: the ledger summed per contract and month
-- (issues 10 and 15; doc/data-model.md, "ledger_month").
-- A booking (sdesk.book) and a balance need the ledger's sums per month,
-- pool and kind, not its rows: reading every row made a booking, a budget
-- and a statement slower with every month of a contract's history. The
-- ledger stays the truth (append-only); ledger_month is derived from it
-- by a trigger in the same transaction, so it is never behind, and it can
-- be rebuilt from the ledger at any time (the INSERT below is the rebuild).
-- Only rows of the contract's own pools: the account-wide activation
-- credit (pool activation, minutes, and its activation_credit row) is read
-- from the ledger itself (at most one credit and its draws).
-- The month of a row is the month it counts for: its period (allowances),
-- else its effective date, else the local date (Europe/Berlin, the
-- catalogue's ledger zone; sdesk.book reads the ledger itself for another
-- zone) of the call or time entry it comes from, else of its creation.
CREATE TABLE ledger_month (
	contract_id bigint NOT NULL REFERENCES contract,
	month       date NOT NULL CHECK (extract(day FROM month) = 1),
	kind        text NOT NULL,
	pool        text NOT NULL,
	unit        text NOT NULL,
	amount      bigint NOT NULL,
	money_cents bigint NOT NULL,
	rows        bigint NOT NULL,
	PRIMARY KEY (contract_id, month, kind, pool, unit)
);
GRANT SELECT ON ledger_month TO sdesk_agent;
GRANT SELECT, INSERT, UPDATE ON ledger_month TO sdesk_owner;

-- Created here for the trigger; its current version is
-- schema/functions/ledger_month_add.sql.
CREATE FUNCTION ledger_month_add() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
	RETURN NULL;
END
$$;
CREATE TRIGGER budget_ledger_month AFTER INSERT ON budget_ledger
	FOR EACH ROW EXECUTE FUNCTION ledger_month_add();

INSERT INTO ledger_month (contract_id, month, kind, pool, unit, amount, money_cents, rows)
SELECT l.contract_id,
	date_trunc('month', coalesce(l.period, l.effective_on,
		(coalesce(c.started_at, e.started_at, l.created_at) AT TIME ZONE 'Europe/Berlin')::date))::date,
	l.kind, l.pool, l.unit, sum(l.amount), sum(l.money_cents), count(*)
FROM budget_ledger l
	LEFT JOIN call c ON c.id = l.source_call_id
	LEFT JOIN time_entry e ON e.id = l.source_time_entry_id
WHERE NOT (l.kind = 'activation_credit' OR (l.pool = 'activation' AND l.unit = 'minutes'))
GROUP BY 1, 2, 3, 4, 5;

-- The account-wide activation credit and its draws, which sdesk.book reads
-- from the ledger beside the contract's months.
CREATE INDEX budget_ledger_activation ON budget_ledger (account_id)
	WHERE pool = 'activation' AND unit = 'minutes';
