# tests/engine: see doc/hacking.md
# SLA clocks and the plan catalogue (needs the conf loader for the shipped plans.cfg)
check_PROGRAMS += tests/engine/test_sla
TESTS += tests/engine/test_sla
tests_engine_test_sla_SOURCES = tests/engine/test_sla.c
tests_engine_test_sla_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(LIBCONFIG_CFLAGS)
tests_engine_test_sla_LDADD = libconf.a libengine.a libbase.a $(LIBCONFIG_LIBS) $(CHECK_LIBS)
TESTS += tests/engine/sla-due.sh
EXTRA_DIST += tests/engine/sla-due.sh
