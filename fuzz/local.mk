# fuzz: libFuzzer harnesses for the parsers (doc/security.md, "Fuzzing").
# They are built with $(FUZZ_CC) (clang) straight from the sources, outside
# the gcc-built layer libraries, so coverage instrumentation reaches the code
# under test. `make check` runs each briefly (tests/security/fuzz-short.sh);
# `make fuzz` runs each for FUZZ_SECONDS (default 600).
FUZZ_NAMES = duration instant calendar plans settings text mail
FUZZ_TARGETS = fuzz/fuzz_duration fuzz/fuzz_instant fuzz/fuzz_calendar fuzz/fuzz_plans fuzz/fuzz_settings \
	fuzz/fuzz_text fuzz/fuzz_mail
FUZZ_FLAGS = -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CPPFLAGS = $(DEFS) $(AM_CPPFLAGS) $(LIBCONFIG_CFLAGS)
FUZZ_LIBS = $(LIBCONFIG_LIBS) -lm
FUZZ_ENGINE = $(top_srcdir)/src/base/util.c $(top_srcdir)/src/base/utf8.c $(top_srcdir)/src/base/escape.c \
	$(top_srcdir)/src/base/fileperm.c $(top_srcdir)/src/base/now.c $(top_srcdir)/src/engine/calendar.c \
	$(top_srcdir)/src/engine/timefmt.c $(top_srcdir)/src/engine/duration.c \
	$(top_srcdir)/src/base/i18n.c $(top_srcdir)/src/base/fmt.c
FUZZ_CONF = $(FUZZ_ENGINE) $(top_srcdir)/src/engine/sla.c $(top_srcdir)/src/engine/clock.c $(top_srcdir)/src/engine/billing.c \
	$(top_srcdir)/src/engine/bill_tariff.c $(top_srcdir)/src/conf/calendars.c \
	$(top_srcdir)/src/conf/plans.c $(top_srcdir)/src/conf/config.c $(top_srcdir)/src/conf/conferr.c
FUZZ_MEM = $(top_srcdir)/fuzz/memfile.c

EXTRA_DIST += fuzz/fuzz_duration.c fuzz/fuzz_instant.c fuzz/fuzz_calendar.c fuzz/fuzz_plans.c \
	fuzz/fuzz_settings.c fuzz/fuzz_text.c fuzz/fuzz_mail.c fuzz/memfile.c fuzz/memfile.h fuzz/run.sh fuzz/lsan.supp fuzz/corpus
CLEANFILES += $(FUZZ_TARGETS)
clean-local: clean-fuzz
clean-fuzz:
	-rm -rf fuzz/work
.PHONY: clean-fuzz

fuzz/fuzz_duration: $(top_srcdir)/fuzz/fuzz_duration.c $(FUZZ_ENGINE)
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_FLAGS) $(FUZZ_CPPFLAGS) -o $@ $(top_srcdir)/fuzz/fuzz_duration.c $(FUZZ_ENGINE) -lm
fuzz/fuzz_instant: $(top_srcdir)/fuzz/fuzz_instant.c $(FUZZ_ENGINE)
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_FLAGS) $(FUZZ_CPPFLAGS) -o $@ $(top_srcdir)/fuzz/fuzz_instant.c $(FUZZ_ENGINE) -lm
fuzz/fuzz_calendar: $(top_srcdir)/fuzz/fuzz_calendar.c $(FUZZ_CONF)
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_FLAGS) $(FUZZ_CPPFLAGS) -o $@ $(top_srcdir)/fuzz/fuzz_calendar.c $(FUZZ_CONF) $(FUZZ_LIBS)
fuzz/fuzz_plans: $(top_srcdir)/fuzz/fuzz_plans.c $(FUZZ_CONF) $(FUZZ_MEM)
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_FLAGS) $(FUZZ_CPPFLAGS) -o $@ $(top_srcdir)/fuzz/fuzz_plans.c $(FUZZ_MEM) $(FUZZ_CONF) $(FUZZ_LIBS)
fuzz/fuzz_settings: $(top_srcdir)/fuzz/fuzz_settings.c $(FUZZ_CONF) $(FUZZ_MEM)
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_FLAGS) $(FUZZ_CPPFLAGS) -o $@ $(top_srcdir)/fuzz/fuzz_settings.c $(FUZZ_MEM) $(FUZZ_CONF) $(FUZZ_LIBS)
FUZZ_TEXT = $(top_srcdir)/src/ui/text.c $(top_srcdir)/src/base/utf8.c $(top_srcdir)/src/base/escape.c \
	$(top_srcdir)/src/base/util.c $(top_srcdir)/src/base/i18n.c
fuzz/fuzz_text: $(top_srcdir)/fuzz/fuzz_text.c $(FUZZ_TEXT)
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_FLAGS) $(FUZZ_CPPFLAGS) -o $@ $(top_srcdir)/fuzz/fuzz_text.c $(FUZZ_TEXT)
fuzz/fuzz_mail: $(top_srcdir)/fuzz/fuzz_mail.c $(top_srcdir)/src/mail/mailparse.c $(top_srcdir)/src/mail/html2text.c \
		$(top_srcdir)/src/base/util.c $(top_srcdir)/src/base/utf8.c
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_FLAGS) $(FUZZ_CPPFLAGS) $(GMIME_CFLAGS) -o $@ $(top_srcdir)/fuzz/fuzz_mail.c \
		$(top_srcdir)/src/mail/mailparse.c $(top_srcdir)/src/mail/html2text.c $(top_srcdir)/src/base/util.c \
		$(top_srcdir)/src/base/utf8.c $(GMIME_LIBS)

if FUZZING
check_SCRIPTS += $(FUZZ_TARGETS)
fuzz: $(FUZZ_TARGETS)
	@for n in $(FUZZ_NAMES); do \
	  $(SHELL) $(top_srcdir)/fuzz/run.sh $$n "$${FUZZ_SECONDS:-600}" $(top_srcdir) . || exit 1; \
	done
else
fuzz:
	@echo "make fuzz: no libFuzzer compiler was found; install clang and run configure again" >&2; exit 1
endif
.PHONY: fuzz
