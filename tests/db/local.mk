# tests/db: the database layer against a real PostgreSQL (run under tests/with-pg).
# test_db: migrations, constraints, idempotency, append-only, session_user,
# gateway errors, NOTIFY; db-cli.sh: `sdesk db migrate|status` exit codes.
check_PROGRAMS += tests/db/test_db
TESTS += tests/db/test_db tests/db/db-cli.sh
EXTRA_DIST += tests/db/db-cli.sh
tests_db_test_db_SOURCES = tests/db/test_db.c
tests_db_test_db_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_db_test_db_LDADD = libdb.a libbase.a $(LIBPQ_LIBS) $(CHECK_LIBS)
# billing-log.sh: `sdesk log call|time` (billing engine through the ledger)
TESTS += tests/db/billing-log.sh
EXTRA_DIST += tests/db/billing-log.sh
# statement.sh: `sdesk statement` against hand-computed files
TESTS += tests/db/statement.sh
EXTRA_DIST += tests/db/statement.sh tests/db/statement-2025-03.txt tests/db/statement-2025-03.csv \
	tests/db/statement-2025-03.de.txt
# demo-statement.sh: `sdesk demo setup`'s fixed month (DWR 2025-03) against hand-computed files
TESTS += tests/db/demo-statement.sh
EXTRA_DIST += tests/db/demo-statement.sh tests/db/demo-statement-2025-03.txt \
	tests/db/demo-statement-2025-03.csv tests/db/demo-statement-2025-03.md
# test_catalogue: `sdesk plans load` (catalogue upserts, change report, due recomputation)
check_PROGRAMS += tests/db/test_catalogue
TESTS += tests/db/test_catalogue
tests_db_test_catalogue_SOURCES = tests/db/test_catalogue.c
tests_db_test_catalogue_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_db_test_catalogue_LDADD = libdb.a libconf.a libengine.a libbase.a $(LIBPQ_LIBS) $(LIBCONFIG_LIBS) $(CHECK_LIBS) -lm
# concurrency.sh: 16 parallel clients x (50 calls + 50 time entries) on one account
TESTS += tests/db/concurrency.sh
EXTRA_DIST += tests/db/concurrency.sh
# billing-budget.sh: sdesk budget and sdesk standby
TESTS += tests/db/billing-budget.sh
EXTRA_DIST += tests/db/billing-budget.sh
# migrate-race.sh: four databases of one (private) cluster migrated at once
TESTS += tests/db/migrate-race.sh
EXTRA_DIST += tests/db/migrate-race.sh
# engine-sql.sh: the extension's SQL API against `sdesk sla` (10,000 random cases per calendar)
TESTS += tests/db/engine-sql.sh
EXTRA_DIST += tests/db/engine-sql.sh
# schema-current.sh: schema/current.sql is what a fresh migration gives (make schema-current)
TESTS += tests/db/schema-current.sh
EXTRA_DIST += tests/db/schema-current.sh
# test_actions: src/db/actions.def against pg_proc (names, arity, types, definer, grants)
check_PROGRAMS += tests/db/test_actions
TESTS += tests/db/test_actions
tests_db_test_actions_SOURCES = tests/db/test_actions.c
tests_db_test_actions_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_db_test_actions_LDADD = libdb.a libbase.a $(LIBPQ_LIBS) $(CHECK_LIBS)
# money-seeds.sh: the seeds' money rules, table-driven, decided by the database
TESTS += tests/db/money-seeds.sh
EXTRA_DIST += tests/db/money-seeds.sh
EXTRA_DIST += tests/db/bench-engine.sh
