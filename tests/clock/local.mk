# tests/clock: one clock and a pinned now (issue 11, doc/sla.md "Ticket state").
# now.sh: SDESK_NOW for the client and sdesk_now() in SQL (real database).
# oncall-standby.sh: seeds 001 (standby lead time, dry run = booking) and 003
# (oncall channel, on-call windows).
TESTS += tests/clock/now.sh tests/clock/oncall-standby.sh tests/clock/db-state.sh tests/clock/oncall-work.sh
EXTRA_DIST += tests/clock/now.sh tests/clock/oncall-standby.sh tests/clock/db-state.sh tests/clock/oncall-work.sh
# db-state.sh: the database's ticket_clock agrees with sdesk check and board --once at pinned instants
# oncall-work.sh: on-call work, its checklist and the next-day report (003): sdesk oncall, the board
