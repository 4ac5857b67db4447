/* Every sdesk command, written once: main() dispatches from this table and
 * --help lists it. Add a command by adding one line and one cmd_*.c file. */
#ifndef SDESK_CLI_COMMANDS_H
#define SDESK_CLI_COMMANDS_H

#include "base/i18n.h" /* N_: the summaries are translated where shown */

/* X(name, function, synopsis, summary) */
#define SDESK_COMMANDS(X) \
	X("console", cmd_console, "[console] [--keys]", N_("open the agent console (the default)")) \
	X("calendar", cmd_calendar, "calendar holidays CAL YEAR", N_("holidays and closed days of a calendar")) \
	X("sla", cmd_sla, "sla add|between|due ...", N_("business-time arithmetic (no database)")) \
	X("db", cmd_db, "db migrate|status [--db CONNINFO]", N_("apply or show the database schema")) \
	X("log", cmd_log, "log call|time TICKET DURATION [KIND] ...", N_("log a call or time entry with its price")) \
	X("statement", cmd_statement, "statement ACCOUNT MONTH [--csv]", N_("the customer's account statement of a month")) \
	X("budget", cmd_budget, "budget show|add-points|correct ACCOUNT ...", N_("balances, points packages and lead corrections")) \
	X("standby", cmd_standby, "standby book|list ACCOUNT ...", N_("book extended standby (001)")) \
	X("plans", cmd_plans, "plans load [--dry-run]", N_("store the plan catalogue in the database")) \
	X("demo", cmd_demo, "demo setup --database NAME --agent LOGIN", N_("create a demo database with realistic data")) \
	X("board", cmd_board, "board [--once] [--plain] [--plan P] ...", N_("the live breach board (or --once: a text snapshot)")) \
	X("check", cmd_check, "check [--plan P] [--team T] [--customer C] [--warn-minutes N]", N_("monitoring-plugin check (exit 0/1/2/3)")) \
	X("admin", cmd_admin, "admin add-agent LOGIN --name N --role R --tier T | list", N_("add people: login role, group and agent row")) \
	X("mail-in", cmd_mail_in, "mail-in [--queue Q] [--maildir DIR] ...", N_("the mail gateway: one message on stdin (MTA pipe)")) \
	X("mail", cmd_mail, "mail triage|assign|open|dismiss|thread|send|announce|notice|queue ...", N_("mail triage, outbox, announcements")) \
	X("reply", cmd_reply, "reply TICKET --file F [--queue Q] [--no-mail]", N_("reply to the customer (mailed once)")) \
	X("oncall", cmd_oncall, "oncall start|check|end|report TICKET ...", N_("on-call work: checklist and the next-day report (003)")) \
	X("note", cmd_note, "note TICKET --file F", N_("an internal note on a ticket")) \
	X("journal", cmd_journal, "journal [list|flush|forget KEY|compact]", N_("entries not yet confirmed by the database")) \
	X("version", cmd_version, "version", N_("print the version and exit"))

struct sdesk_ctx;
#define SDESK_X(name, fn, synopsis, summary) int fn(struct sdesk_ctx *ctx, int argc, char **argv);
SDESK_COMMANDS(SDESK_X)
#undef SDESK_X

#endif
