/* sdesk console: the full-screen agent console (also what `sdesk` alone opens). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/exitcodes.h"
#include "cli/cli.h"
#include "conf/config.h"
#include "ui/console.h"
#include "ui/keys.h"

static void usage(FILE *out)
{
	fprintf(out, "%s", _(
		"Usage: sdesk [console] [--keys | --dump | --trace FILE]\n"
		"\n"
		"Opens the agent console: the queue of open tickets in SLA order, live.\n"
		"  --keys   print every key of the console (screens, keys, name for the\n"
		"           keys section of sdesk.cfg, what it does) and exit\n"
		"  --dump   print the queue in the console's order, one ticket a line:\n"
		"           REF, state, working minutes left, the Left column, the marker\n"
		"           (tab-separated; no terminal needed) and exit\n"
		"  --trace FILE  run the console and append its queue to FILE after each\n"
		"           whole reload and each merge of changed tickets (for tests)\n"
		"See doc/console.md.\n"));
}

int cmd_console(struct sdesk_ctx *ctx, int argc, char **argv)
{
	struct sdesk_config cfg;
	char err[512];
	int rc;

	const char *trace = NULL;

	if (argc >= 2 && strcmp(argv[1], "--trace") == 0) {
		if (argc != 3)
			return cli_usage_error("console", argc < 3 ? "--trace needs a FILE" : "too many arguments");
		trace = argv[2];
		argc = 1;
	}
	if (argc > 2)
		return cli_usage_error("console", "too many arguments");
	if (argc == 2 && cli_is_help(argv[1])) {
		usage(stdout);
		return SDESK_EXIT_OK;
	}
	if (argc == 2 && strcmp(argv[1], "--keys") != 0 && strcmp(argv[1], "--dump") != 0)
		return cli_usage_error("console", "unknown argument '%s'", argv[1]);
	if (settings_read(&cfg, ctx->config_path, err, sizeof err) != 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		settings_free(&cfg);
		return SDESK_EXIT_USAGE;
	}
	if (argc == 2 && strcmp(argv[1], "--dump") == 0) {
		rc = console_dump(&cfg, stdout);
	} else if (argc == 2) {
		rc = console_print_keys(&cfg, stdout, err, sizeof err);
		if (rc != 0)
			fprintf(stderr, "sdesk: %s\n", err);
	} else {
		rc = console_run(&cfg, trace);
	}
	settings_free(&cfg);
	return rc;
}
