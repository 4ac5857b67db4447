# conf: libconfig loaders (sdesk.cfg settings, plans.cfg catalogue) into typed structs.
noinst_LIBRARIES += libconf.a
libconf_a_CFLAGS = $(AM_CFLAGS) $(LIBCONFIG_CFLAGS)
libconf_a_SOURCES =
libconf_a_SOURCES += src/conf/config.c src/conf/config.h
libconf_a_SOURCES += src/conf/plans.c src/conf/plans.h
libconf_a_SOURCES += src/conf/calendars.c src/conf/calendars.h
libconf_a_SOURCES += src/conf/catjson.c src/conf/catjson.h
libconf_a_SOURCES += src/conf/conferr.c src/conf/conferr.h
