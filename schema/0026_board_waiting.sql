-- sdesk schema, migration 26: the board's clock of waiting tickets
-- (doc/board.md, "Benchmark"). The snapshot holds waiting tickets whose
-- clock runs out before its horizon (a plan's pause may leave the reaction
-- clock running); ticket_board_due (0004) holds new and open tickets only,
-- so that branch read every open ticket's row. Same expression as 0004 and
-- src/db/board_q.c's DUE, so the planner matches it.
CREATE INDEX ticket_board_due_waiting ON ticket
	((least(CASE WHEN first_contact_at IS NULL THEN reaction_due END,
		coalesce(estimate_due, resolution_due))))
	WHERE status = 'waiting';
