# conf: libconfig loaders (sdesk.cfg settings, plans.cfg catalogue) into typed structs.
noinst_LIBRARIES += libconf.a
libconf_a_CFLAGS = $(AM_CFLAGS) $(LIBCONFIG_CFLAGS)
libconf_a_SOURCES =
