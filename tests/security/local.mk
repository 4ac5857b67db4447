# tests/security: roles and grants, exactly-once journal, hostile input,
# no SQL built with values, short fuzz runs (doc/security.md).
TESTS += tests/security/no-sql-values.sh tests/security/permissions.sh
# layers.sh: curses only in src/ui, libpq only in src/db (includes and include paths)
TESTS += tests/security/layers.sh
EXTRA_DIST += tests/security/layers.sh tests/security/layers-check.sh
# every command as a login of each group (doc/security.md, "Who may do what")
TESTS += tests/security/roles-cli.sh
EXTRA_DIST += tests/security/roles-cli.sh
EXTRA_DIST += tests/security/no-sql-values.sh tests/security/sql-values-check.pl \
	tests/security/sql-allow.txt tests/security/sql-bad.c.txt tests/security/fuzz-short.sh \
	tests/security/permissions.sh
if FUZZING
TESTS += tests/security/fuzz-short.sh
endif
check_PROGRAMS += tests/security/test_journal
TESTS += tests/security/test_journal
tests_security_test_journal_SOURCES = tests/security/test_journal.c
tests_security_test_journal_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_security_test_journal_LDADD = libdb.a libbase.a $(LIBPQ_LIBS) $(CHECK_LIBS)
check_PROGRAMS += tests/security/journal_client
tests_security_journal_client_SOURCES = tests/security/journal_client.c
tests_security_journal_client_LDADD = libdb.a libbase.a $(LIBPQ_LIBS)
TESTS += tests/security/journal-fault.sh
EXTRA_DIST += tests/security/journal-fault.sh
# sdesk log with the server down: pending in the journal, flushed once
TESTS += tests/security/journal-log.sh
EXTRA_DIST += tests/security/journal-log.sh
# failover: 200 entries while the primary is killed and its synchronous
# standby promoted (tests/standby-lib.sh), exactly once on the new primary
TESTS += tests/security/failover.sh
EXTRA_DIST += tests/security/failover.sh
check_PROGRAMS += tests/security/test_hostile
TESTS += tests/security/test_hostile
tests_security_test_hostile_SOURCES = tests/security/test_hostile.c
tests_security_test_hostile_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(LIBCONFIG_CFLAGS)
tests_security_test_hostile_LDADD = libui.a libconf.a libengine.a libbase.a $(LIBCONFIG_LIBS) $(CHECK_LIBS)
# forgery.sh: 40 forgeries by agent, lead and ops logins with psql, each refused or impossible
TESTS += tests/security/forgery.sh
EXTRA_DIST += tests/security/forgery.sh
# sd_escape: every class of character that must not reach a terminal raw
check_PROGRAMS += tests/security/test_escape
TESTS += tests/security/test_escape
tests_security_test_escape_SOURCES = tests/security/test_escape.c
tests_security_test_escape_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_security_test_escape_LDADD = libbase.a $(CHECK_LIBS)
# every command that prints text from the database, fed escape sequences,
# bidi controls, C1 and formulas (doc/security.md, "Hostile input")
TESTS += tests/security/hostile-output.sh
EXTRA_DIST += tests/security/hostile-output.sh
# settings, journal and plan files must be the user's own; passwords in the
# conninfo; damaged journal records kept and reported (doc/security.md)
TESTS += tests/security/local-files.sh
EXTRA_DIST += tests/security/local-files.sh
