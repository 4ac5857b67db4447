# i18n: the catalogues and German output (doc/i18n.md).
TESTS += tests/i18n/catalogue.sh
EXTRA_DIST += tests/i18n/catalogue.sh
TESTS += tests/i18n/screen-locale.sh
EXTRA_DIST += tests/i18n/screen-locale.sh
TESTS += tests/i18n/cli-de.sh
EXTRA_DIST += tests/i18n/cli-de.sh
TESTS += tests/i18n/cli-db-de.sh
EXTRA_DIST += tests/i18n/cli-db-de.sh
# screens-locale.sh: whole screens at 80x24 in de_DE.UTF-8, en_US.UTF-8 and C
# against tests/screen/expected/*-80x24-LOCALE.txt, no cut words, C in ASCII
TESTS += tests/i18n/screens-locale.sh
EXTRA_DIST += tests/i18n/screens-locale.sh
# test_fmt: compact spans (2T 4h), how long ago, dates, money and typed
# instants in English and German (base/fmt.h)
check_PROGRAMS += tests/i18n/test_fmt
TESTS += tests/i18n/test_fmt
tests_i18n_test_fmt_SOURCES = tests/i18n/test_fmt.c
tests_i18n_test_fmt_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_i18n_test_fmt_LDADD = libbase.a $(CHECK_LIBS)
