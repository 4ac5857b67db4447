# tests/clock: one clock and a pinned now (issue 11, doc/sla.md "Ticket state").
# now.sh: SDESK_NOW for the client and sdesk_now() in SQL (real database).
TESTS += tests/clock/now.sh
EXTRA_DIST += tests/clock/now.sh
