-- sdesk schema, migration 4: indexes of the breach board and `sdesk check`
-- (doc/board.md). The board's clock of an open ticket is the earliest running
-- one: reaction until the first qualified contact, and the resolution time
-- (the estimate told to the customer, else the target). src/db/board_q.c
-- writes the same expression, so the planner matches this index.
CREATE INDEX ticket_board_due ON ticket
	((least(CASE WHEN first_contact_at IS NULL THEN reaction_due END,
		coalesce(estimate_due, resolution_due))))
	WHERE status IN ('new', 'open');

-- The compliance chart: clocks that fell due on each of the last days, and
-- whether they were met (index-only scans over a million tickets).
CREATE INDEX ticket_reaction_due_all ON ticket (reaction_due) INCLUDE (first_contact_at, status);
CREATE INDEX ticket_resolution_due_all ON ticket (resolution_due) INCLUDE (resolved_at, status);
