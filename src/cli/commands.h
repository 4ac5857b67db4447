/* Every sdesk command, written once: main() dispatches from this table and
 * --help lists it. Add a command by adding one line and one cmd_*.c file. */
#ifndef SDESK_CLI_COMMANDS_H
#define SDESK_CLI_COMMANDS_H

/* X(name, function, synopsis, summary) */
#define SDESK_COMMANDS(X) \
	X("console", cmd_console, "[console] [--keys]", "open the agent console (the default)") \
	X("calendar", cmd_calendar, "calendar holidays CAL YEAR", "holidays and closed days of a calendar") \
	X("sla", cmd_sla, "sla add|between|due ...", "business-time arithmetic (no database)") \
	X("db", cmd_db, "db migrate|status [--db CONNINFO]", "apply or show the database schema") \
	X("log", cmd_log, "log call|time TICKET DURATION [KIND] ...", "log a call or time entry with its price") \
	X("statement", cmd_statement, "statement ACCOUNT MONTH [--csv]", "the customer's account statement of a month") \
	X("budget", cmd_budget, "budget show|add-points|correct ACCOUNT ...", "balances, points packages and lead corrections") \
	X("standby", cmd_standby, "standby book|list ACCOUNT ...", "book extended standby (001)") \
	X("plans", cmd_plans, "plans load [--dry-run]", "store the plan catalogue in the database") \
	X("demo", cmd_demo, "demo setup --database NAME --agent LOGIN", "create a demo database with realistic data") \
	X("board", cmd_board, "board [--once] [--plain] [--plan P] ...", "the live breach board (or --once: a text snapshot)") \
	X("check", cmd_check, "check [--plan P] [--team T] [--customer C] [--warn-minutes N]", "monitoring-plugin check (exit 0/1/2/3)") \
	X("admin", cmd_admin, "admin add-agent LOGIN --name N --role R --tier T | list", "add people: login role, group and agent row") \
	X("mail-in", cmd_mail_in, "mail-in [--queue Q] [--maildir DIR] ...", "the mail gateway: one message on stdin (MTA pipe)") \
	X("mail", cmd_mail, "mail triage|assign|open|dismiss|thread|send|announce|notice|queue ...", "mail triage, outbox, announcements") \
	X("reply", cmd_reply, "reply TICKET --file F [--queue Q] [--no-mail]", "reply to the customer (mailed once)") \
	X("oncall", cmd_oncall, "oncall start|check|end|report TICKET ...", "on-call work: checklist and the next-day report (003)") \
	X("note", cmd_note, "note TICKET --file F", "an internal note on a ticket") \
	X("journal", cmd_journal, "journal [list|flush|forget KEY|compact]", "entries not yet confirmed by the database") \
	X("version", cmd_version, "version", "print the version and exit")

struct sdesk_ctx;
#define SDESK_X(name, fn, synopsis, summary) int fn(struct sdesk_ctx *ctx, int argc, char **argv);
SDESK_COMMANDS(SDESK_X)
#undef SDESK_X

#endif
