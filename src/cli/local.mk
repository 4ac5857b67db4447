# cli: command-line commands and main(). Uses every layer below it.
noinst_LIBRARIES += libcli.a
libcli_a_CFLAGS = $(AM_CFLAGS) $(LIBCONFIG_CFLAGS)
libcli_a_SOURCES = src/cli/cli.h src/cli/commands.h
sdesk_SOURCES += src/cli/main.c
libcli_a_SOURCES += src/cli/cmd_db.c
libcli_a_SOURCES += src/cli/cmd_sla_due.c src/cli/cmd_sla_due.h
libcli_a_SOURCES += src/cli/cmd_sla.c src/cli/cmd_sla.h src/cli/cmd_calendar.c
libcli_a_SOURCES += src/cli/cmd_log.c src/cli/cmd_statement.c
libcli_a_SOURCES += src/cli/cmd_console.c
libcli_a_SOURCES += src/cli/cmd_plans.c src/cli/cmd_demo.c src/cli/demo_data.c src/cli/demo_data.h
libcli_a_SOURCES += src/cli/cmd_board.c src/cli/cmd_check.c
libcli_a_SOURCES += src/cli/cmd_admin.c
libcli_a_SOURCES += src/cli/cmd_journal.c
libcli_a_SOURCES += src/cli/cmd_budget.c
libcli_a_SOURCES += src/cli/cmd_mail.c
libcli_a_SOURCES += src/cli/clitext.c
libcli_a_SOURCES += src/cli/cmd_oncall.c
