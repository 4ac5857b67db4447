# tests: Check programs and screen scripts; each area has its own fragment.
EXTRA_DIST += tests/with-pg tests/lib.sh tests/forge-dues.sql
TESTS += tests/cli-basics.sh
EXTRA_DIST += tests/cli-basics.sh

include tests/engine/local.mk
include tests/conf/local.mk
include tests/db/local.mk
include tests/screen/local.mk
include tests/board/local.mk
include tests/clock/local.mk
include tests/security/local.mk
include tests/mail/local.mk
include tests/scale/local.mk
include tests/i18n/local.mk

# make check-valgrind (doc/hacking.md, "Valgrind"): the suite with every Check
# program and every sdesk a shell test starts under valgrind (tests/valgrind-run
# as LOG_COMPILER, SDESK_BIN=tests/valgrind-sdesk). Needs a build configured
# WITHOUT --enable-sanitizers; not part of make check or CI (slow). Run it as
#   tests/with-pg make check-valgrind [TESTS='...']
# VALGRIND_EXCLUDE is printed when the target runs; reasons in doc/hacking.md.
EXTRA_DIST += tests/valgrind-run tests/valgrind-sdesk tests/valgrind.supp
VALGRIND_EXCLUDE = tests/security/fuzz-short.sh
if SANITIZERS
check-valgrind:
	@echo "make check-valgrind: configure without --enable-sanitizers (ASan and valgrind do not mix)" >&2; exit 1
else
check-valgrind:
	@tests=; for t in $(TESTS); do \
	  case " $(VALGRIND_EXCLUDE) " in \
	    *" $$t "*) echo "check-valgrind: not run: $$t (VALGRIND_EXCLUDE, see doc/hacking.md)";; \
	    *) tests="$$tests $$t";; \
	  esac; \
	done; \
	$(MAKE) $(AM_MAKEFLAGS) check TESTS="$$tests" \
	  LOG_COMPILER='$(SHELL) $(abs_top_srcdir)/tests/valgrind-run'
endif
.PHONY: check-valgrind

# make distcheck runs this part of the suite in the unpacked tarball (the full
# suite ran just before in the source tree, with sanitizers): every Check
# program plus the shell tests that read installed or shipped files (conf,
# schema, statements, the demo). tests/dist-files.sh proves the rest of the
# suite's files ship. ./bootstrap test asks for the list with
# `make -s print-distcheck-tests` (doc/hacking.md, "CI").
DISTCHECK_SUITE = tests/cli-basics.sh tests/db/schema-current.sh tests/db/statement.sh \
	tests/db/demo-statement.sh tests/db/money-seeds.sh tests/screen/demo.sh
print-distcheck-tests:
	@for t in $(TESTS); do \
	  case " $(check_PROGRAMS) $(DISTCHECK_SUITE) " in *" $$t "*) echo "$$t";; esac; \
	done
.PHONY: print-distcheck-tests
