# tests/conf: the settings loader.
check_PROGRAMS += tests/conf/test_config
TESTS += tests/conf/test_config
tests_conf_test_config_SOURCES = tests/conf/test_config.c
tests_conf_test_config_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(LIBCONFIG_CFLAGS)
tests_conf_test_config_LDADD = libconf.a libbase.a $(LIBCONFIG_LIBS) $(CHECK_LIBS)
