# pgext: the engine as a PostgreSQL extension (sdesk.so, sdesk.control,
# sdesk--1.sql), built from the same src/engine, src/base and catalogue
# loader sources as the client, with the server's headers (pg_config) and
# never with the sanitizers (a server does not load an ASan library).
# Installed into the server's directories (configure --with-pgext-libdir /
# --with-pgext-sharedir; defaults from pg_config). doc/admin.md.
EXTRA_DIST += src/pgext/sdesk.control src/pgext/sdesk--1.sql
if PGEXT
pgextlib_PROGRAMS = sdesk.so
# Every engine and base source, whatever files they grow (one list, the
# libraries'), and the catalogue loader.
sdesk_so_SOURCES = src/pgext/sdesk_pg.c src/pgext/pgext.h src/pgext/book_pg.c src/pgext/dues_pg.c \
	src/pgext/plan_pg.c src/pgext/state_pg.c $(libengine_a_SOURCES) $(libbase_a_SOURCES) \
	src/conf/plans.c src/conf/calendars.c src/conf/conferr.c
nodist_sdesk_so_SOURCES = sdesk-build.h
sdesk_so_CPPFLAGS = $(AM_CPPFLAGS) -D_GNU_SOURCE -isystem $(PG_INCLUDEDIR_SERVER)
sdesk_so_CFLAGS = -std=c11 $(WARN_CFLAGS) -fPIC $(LIBCONFIG_CFLAGS)
sdesk_so_LDFLAGS = -shared
sdesk_so_LDADD = $(LIBCONFIG_LIBS)
pgextdata_DATA = src/pgext/sdesk.control src/pgext/sdesk--1.sql
endif

# The build id names the engine's sources: the extension reports it
# (sdesk.build()), the client compares it with its own (sdesk db status).
SDESK_BUILD_INPUTS = src/engine/*.[ch] src/base/*.[ch] src/conf/plans.c src/conf/calendars.c \
	src/conf/conferr.c src/pgext/*.[ch] src/pgext/sdesk--1.sql
BUILT_SOURCES += sdesk-build.h
CLEANFILES += sdesk-build.h
sdesk-build.h: $(sdesk_so_SOURCES) $(libengine_a_SOURCES) $(top_srcdir)/src/pgext/sdesk--1.sql
	$(AM_V_GEN)h=`cd $(top_srcdir) && cat $(SDESK_BUILD_INPUTS) | md5sum | cut -c1-12` && \
		printf '#define SDESK_BUILD_ID "%s-%s"\n' '$(PACKAGE_VERSION)' "$$h" >$@.tmp && \
		{ cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@; }

install-pgext: sdesk.so
	$(MAKE) $(AM_MAKEFLAGS) install-pgextlibPROGRAMS install-pgextdataDATA
.PHONY: install-pgext
