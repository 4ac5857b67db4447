-- sdesk schema, migration 13: indexes for ten million tickets (issue 15;
-- doc/admin.md, "Sizing", has the measurements behind each one).
--
-- The board's load per agent counts every open ticket by assignee and
-- status: with the status in the index it is an index-only scan of the open
-- tickets (20,000 at the 10-million scale) instead of a visit to each row.
-- ticket_assignee_open stays: with it dropped, the console-to-board latency
-- of tests/screen/board.sh went from 0.6-0.8 s to 1.0-1.3 s (the queries of
-- migration 0016 plan differently).
CREATE INDEX ticket_open_load ON ticket (assignee) INCLUDE (status)
	WHERE status IN ('new', 'open', 'waiting');

-- A statement finds the ledger rows of the month's calls and time entries
-- through their source (src/db/billing_q.c, bq_requests and bq_lines):
-- without these, every statement read the whole ledger of the contract.
CREATE INDEX budget_ledger_source_call ON budget_ledger (source_call_id)
	WHERE source_call_id IS NOT NULL;
CREATE INDEX budget_ledger_source_time ON budget_ledger (source_time_entry_id)
	WHERE source_time_entry_id IS NOT NULL;
-- The balance sums the ledger of one contract (bq_moves); a statement lists
-- its packages and corrections (bq_lines), a few rows among many.
CREATE INDEX budget_ledger_contract ON budget_ledger (contract_id);
CREATE INDEX budget_ledger_contract_money ON budget_ledger (contract_id)
	WHERE kind IN ('points_package', 'correction');

-- JIT compilation costs 100 to 500 ms per query once the planner expects
-- tens of thousands of rows (the console's queue of 20,000 open tickets),
-- more than the query itself: off for this database when the migrating role
-- may set it (its owner or a superuser); otherwise doc/admin.md says how.
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_database d WHERE d.datname = current_database()
			AND pg_has_role(current_user, d.datdba, 'MEMBER'))
	   OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
		EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
	ELSE
		RAISE NOTICE 'jit stays as it is: run ALTER DATABASE % SET jit = off as its owner (doc/admin.md)',
			current_database();
	END IF;
END $$;
