# tests/engine: see doc/hacking.md
# billing engine: durations, rounding, minutes, points, VAT (test_billing);
# hotline windows and rush decisions on real calendars (test_billing_tariff)
check_PROGRAMS += tests/engine/test_billing tests/engine/test_billing_tariff
TESTS += tests/engine/test_billing tests/engine/test_billing_tariff
tests_engine_test_billing_SOURCES = tests/engine/test_billing.c
tests_engine_test_billing_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_engine_test_billing_LDADD = libengine.a libbase.a $(CHECK_LIBS)
tests_engine_test_billing_tariff_SOURCES = tests/engine/test_billing_tariff.c
tests_engine_test_billing_tariff_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_engine_test_billing_tariff_LDADD = libengine.a libbase.a $(CHECK_LIBS)
# billing on the shipped plans.cfg (SDESK_PLANS)
check_PROGRAMS += tests/engine/test_billing_plans
TESTS += tests/engine/test_billing_plans
tests_engine_test_billing_plans_SOURCES = tests/engine/test_billing_plans.c
tests_engine_test_billing_plans_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(LIBCONFIG_CFLAGS)
tests_engine_test_billing_plans_LDADD = libconf.a libengine.a libbase.a $(LIBCONFIG_LIBS) $(CHECK_LIBS)
# SLA clocks and the plan catalogue (needs the conf loader for the shipped plans.cfg)
check_PROGRAMS += tests/engine/test_sla
TESTS += tests/engine/test_sla
tests_engine_test_sla_SOURCES = tests/engine/test_sla.c
tests_engine_test_sla_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(LIBCONFIG_CFLAGS)
tests_engine_test_sla_LDADD = libconf.a libengine.a libbase.a $(LIBCONFIG_LIBS) $(CHECK_LIBS)
TESTS += tests/engine/sla-due.sh
EXTRA_DIST += tests/engine/sla-due.sh
# calendar engine: Easter, holidays of every state, zones, business-time arithmetic
check_PROGRAMS += tests/engine/test_calendar
TESTS += tests/engine/test_calendar
tests_engine_test_calendar_SOURCES = tests/engine/test_calendar.c
tests_engine_test_calendar_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(LIBCONFIG_CFLAGS)
tests_engine_test_calendar_LDADD = libconf.a libengine.a libbase.a $(LIBCONFIG_LIBS) $(CHECK_LIBS)
# make bench: calendar arithmetic and batch-mode throughput
noinst_PROGRAMS += tests/engine/bench_calendar
tests_engine_bench_calendar_SOURCES = tests/engine/bench_calendar.c
tests_engine_bench_calendar_CFLAGS = $(AM_CFLAGS) $(LIBCONFIG_CFLAGS)
tests_engine_bench_calendar_LDADD = libconf.a libengine.a libbase.a $(LIBCONFIG_LIBS)
TESTS += tests/engine/calendar-cli.sh
EXTRA_DIST += tests/engine/calendar-cli.sh
# make bench: SLA clocks (due instants of random tickets on every plan)
noinst_PROGRAMS += tests/engine/bench_sla
tests_engine_bench_sla_SOURCES = tests/engine/bench_sla.c
tests_engine_bench_sla_CFLAGS = $(AM_CFLAGS) $(LIBCONFIG_CFLAGS)
tests_engine_bench_sla_LDADD = libconf.a libengine.a libbase.a $(LIBCONFIG_LIBS)
# the one state function (engine/clock.h): states, left on the team calendar,
# met/missed, pauses, DST nights, holidays, the order
check_PROGRAMS += tests/engine/test_clock
TESTS += tests/engine/test_clock
tests_engine_test_clock_SOURCES = tests/engine/test_clock.c
tests_engine_test_clock_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(LIBCONFIG_CFLAGS)
tests_engine_test_clock_LDADD = libconf.a libengine.a libbase.a $(LIBCONFIG_LIBS) $(CHECK_LIBS)
