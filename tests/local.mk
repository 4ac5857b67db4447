# tests: Check programs and screen scripts; each area has its own fragment.
EXTRA_DIST += tests/with-pg tests/lib.sh
TESTS += tests/cli-basics.sh
EXTRA_DIST += tests/cli-basics.sh

include tests/engine/local.mk
include tests/conf/local.mk
include tests/db/local.mk
include tests/screen/local.mk
include tests/board/local.mk
include tests/security/local.mk
