# i18n: the catalogues and German output (doc/i18n.md).
TESTS += tests/i18n/catalogue.sh
EXTRA_DIST += tests/i18n/catalogue.sh
TESTS += tests/i18n/screen-locale.sh
EXTRA_DIST += tests/i18n/screen-locale.sh
TESTS += tests/i18n/cli-de.sh
EXTRA_DIST += tests/i18n/cli-de.sh
TESTS += tests/i18n/cli-db-de.sh
EXTRA_DIST += tests/i18n/cli-db-de.sh
