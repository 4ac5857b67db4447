# make bench-scale (not in make check): tests/scale/bench.sh generates
# BENCH_TICKETS tickets (default 10,000,000, 20,000 open) with history, calls
# and ledger, times the board, console and statement queries, then runs
# BENCH_CONSOLES consoles and BENCH_BOARDS boards on the one primary (server
# connections and memory, client memory, the fan-out of one change).
# doc/admin.md, "Sizing", reports the figures. BENCH_KEEP=DIR keeps the
# cluster with the data in DIR, and a later run with it re-uses the data.
noinst_PROGRAMS += tests/scale/bench_scale
tests_scale_bench_scale_SOURCES = tests/scale/bench_scale.c
tests_scale_bench_scale_CFLAGS = $(AM_CFLAGS) $(LIBCONFIG_CFLAGS)
tests_scale_bench_scale_LDADD = libdb.a libconf.a libengine.a libbase.a $(LIBPQ_LIBS) $(LIBCONFIG_LIBS)
EXTRA_DIST += tests/scale/bench.sh tests/scale/scale-data.sql tests/scale/open-dues.sql
BENCH_SCALE_PG_CONF = max_connections = 450; shared_buffers = 512MB; work_mem = 4MB; \
	maintenance_work_mem = 256MB; max_wal_size = 8GB; checkpoint_timeout = 30min
bench-scale: all
	$(AM_TESTS_ENVIRONMENT) SDESK_PG_CONF='$(BENCH_SCALE_PG_CONF)' SDESK_PG_KEEP='$(BENCH_KEEP)' BENCH_KEEP='$(BENCH_KEEP)' \
		$(top_srcdir)/tests/with-pg $(SHELL) $(top_srcdir)/tests/scale/bench.sh
.PHONY: bench-scale
