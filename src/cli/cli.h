/* Command-line layer: the table of sdesk's commands and what they share. */
#ifndef SDESK_CLI_CLI_H
#define SDESK_CLI_CLI_H

/* What main() found before handing over to a command. Strings point into argv
 * or the environment; nothing here is owned. */
struct sdesk_ctx {
	const char *config_path; /* --config FILE, or NULL: look it up (conf/config.h) */
	const char *plans_path;  /* --plans FILE, or NULL: look it up (cli_plans_path) */
};

/* A command gets its own argv: argv[0] is the command name ("sla", "db", ...).
 * It returns an exit code from base/exitcodes.h. */
typedef int (*sdesk_cmd_fn)(struct sdesk_ctx *ctx, int argc, char **argv);

/* The plan catalogue path: --plans, $SDESK_PLANS, the installed
 * SYSCONFDIR/sdesk/plans.cfg if it exists, else the source tree's conf/plans.cfg.
 * The first three must be the user's own (base/fileperm.h): when another
 * user or the group may write the file it exits 2 naming the file and why. */
const char *cli_plans_path(const struct sdesk_ctx *ctx);

/* True when arg is -h or --help. */
int cli_is_help(const char *arg);

/* Prints "sdesk: CMD: MESSAGE" to stderr and returns SDESK_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* s escaped for a terminal (sd_escape, base/escape.h: controls, bidi
 * controls, invalid bytes and '\\' become \x1b, \u202e, \\; NULL gives "").
 * Every text from the database that a command prints goes through it. The
 * result lives in one of 16 rotating buffers, so several may appear in one
 * printf; it stays valid until 16 more calls. */
const char *cli_text(const char *s);

#include "cli/commands.h"

#endif
