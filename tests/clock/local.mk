# tests/clock: one clock and a pinned now (issue 11, doc/sla.md "Ticket state").
# now.sh: SDESK_NOW for the client and sdesk_now() in SQL (real database).
# oncall-standby.sh: seeds 001 (standby lead time, dry run = booking) and 003
# (oncall channel, on-call windows).
TESTS += tests/clock/now.sh tests/clock/oncall-standby.sh tests/clock/db-state.sh tests/clock/oncall-work.sh
EXTRA_DIST += tests/clock/now.sh tests/clock/oncall-standby.sh tests/clock/db-state.sh tests/clock/oncall-work.sh
# db-state.sh: the database's ticket_clock agrees with sdesk check and board --once at pinned instants
# agree.sh: console --dump, board --list/--once, check and ticket_clock agree on
# every ticket of the demo and of 10,000 generated ones at seven pinned instants
TESTS += tests/clock/agree.sh
EXTRA_DIST += tests/clock/agree.sh tests/clock/agree-data.sql
# missed.sh: a breach stays missed after a late contact or incident broadcast; the
# night case (due 03:54, desk closes 18:00: 5 working minutes) in every command
TESTS += tests/clock/missed.sh
EXTRA_DIST += tests/clock/missed.sh
# oncall-work.sh: on-call work, its checklist and the next-day report (003): sdesk oncall, the board
