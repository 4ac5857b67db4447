/* sdesk entry point: global options, then one command from cli/commands.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/exitcodes.h"
#include "base/fileperm.h"
#include "base/i18n.h"
#include "base/now.h"
#include "base/util.h"
#include "cli/cli.h"
#include "conf/config.h"

struct command {
	const char *name;
	sdesk_cmd_fn fn;
	const char *synopsis;
	const char *summary;
};

static const struct command commands[] = {
#define SDESK_X(name, fn, synopsis, summary) {name, fn, synopsis, summary},
	SDESK_COMMANDS(SDESK_X)
#undef SDESK_X
};

static void print_help(FILE *out)
{
	fprintf(out, "%s",
		_("Usage: sdesk [--config FILE] [--plans FILE] [COMMAND [ARGS...]]\n"
		"\n"
		"sdesk is a terminal support console for teams that sell support under\n"
		"service-level agreements. Without a command it opens the agent console.\n"
		"\n"
		"Commands:\n"));
	for (size_t i = 0; i < SDESK_ARRAY_LEN(commands); i++)
		fprintf(out, "  sdesk %-44s %s\n", commands[i].synopsis, _(commands[i].summary));
	fprintf(out,
		_("\n"
		"Options (anywhere on the line):\n"
		"  --config FILE   settings file (default: $SDESK_CONFIG, $XDG_CONFIG_HOME/sdesk/sdesk.cfg,\n"
		"                  then %s/sdesk.cfg)\n"
		"  --plans FILE    plan catalogue (default: $SDESK_PLANS, then %s/plans.cfg)\n"
		"  --help          this text; after a command, that command's help\n"
		"  --version       the version\n"
		"\n"
		"Language: ui.language in sdesk.cfg, else LANGUAGE, LC_ALL, LC_MESSAGES, LANG.\n"
		"Exit codes: 0 ok, 1 runtime error, 2 usage or input error.\n"
		"See sdesk(1) and the documents in doc/.\n"),
		SDESK_SYSCONFDIR, SDESK_SYSCONFDIR);
}

int cmd_version(struct sdesk_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	printf("sdesk %s\n", PACKAGE_VERSION);
	return SDESK_EXIT_OK;
}

int cli_is_help(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "sdesk: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, gettext(fmt), ap);
	va_end(ap);
	fprintf(stderr, _("\n(try 'sdesk %s --help')\n"), cmd);
	return SDESK_EXIT_USAGE;
}

/* A catalogue chosen by --plans or SDESK_PLANS (or installed) must be the
 * user's own, like sdesk.cfg: whoever may write it sets prices and clocks.
 * The source tree's own conf/plans.cfg is the build's and is not checked. */
static const char *checked_plans(const char *path)
{
	char err[1024];

	if (sd_path_private(path, N_("the plan catalogue"), err, sizeof(err)) < 0)
		sdesk_die(SDESK_EXIT_USAGE, "%s", err);
	return path;
}

const char *cli_plans_path(const struct sdesk_ctx *ctx)
{
	const char *env = getenv("SDESK_PLANS");

	if (ctx->plans_path)
		return checked_plans(ctx->plans_path);
	if (env && *env)
		return checked_plans(env);
	if (access(SDESK_SYSCONFDIR "/plans.cfg", R_OK) == 0)
		return checked_plans(SDESK_SYSCONFDIR "/plans.cfg");
	return SDESK_SRCDIR "/conf/plans.cfg";
}

/* Takes the global options out of argv (they may stand anywhere) and returns
 * the new argc; -1 with a message on a usage error. "--" ends option search. */
static int take_global_options(struct sdesk_ctx *ctx, int argc, char **argv, int *version)
{
	int out = 1;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;

		if (strcmp(a, "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(a, "--version") == 0) {
			*version = 1;
			continue;
		}
		if (strcmp(a, "--config") == 0 || strncmp(a, "--config=", 9) == 0)
			slot = &ctx->config_path;
		else if (strcmp(a, "--plans") == 0 || strncmp(a, "--plans=", 8) == 0)
			slot = &ctx->plans_path;
		if (!slot) {
			argv[out++] = argv[i];
			continue;
		}
		const char *eq = strchr(a, '=');
		if (eq) {
			*slot = eq + 1;
		} else if (i + 1 < argc) {
			*slot = argv[++i];
		} else {
			fprintf(stderr, _("sdesk: %s needs a file name\n"), a);
			return -1;
		}
		if (!**slot) {
			fprintf(stderr, _("sdesk: %.8s needs a file name\n"), a);
			return -1;
		}
	}
	argv[out] = NULL;
	return out;
}

/* ui.language in the settings overrides the locale's language. A settings
 * file that cannot be read is the command's to report; here it only means
 * no override. */
static void choose_language(const struct sdesk_ctx *ctx)
{
	struct sdesk_config cfg;
	char err[512];

	err[0] = '\0';
	if (settings_read(&cfg, ctx->config_path, err, sizeof err) == 0 && cfg.language && *cfg.language)
		sd_i18n_init(cfg.language);
	settings_free(&cfg);
}

int main(int argc, char **argv)
{
	struct sdesk_ctx ctx = {0};
	int version = 0;
	char err[320];

	sd_i18n_init(NULL);
	if (sd_now_init(err, sizeof err) != 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		return SDESK_EXIT_USAGE;
	}
	argc = take_global_options(&ctx, argc, argv, &version);
	if (argc < 0)
		return SDESK_EXIT_USAGE;
	choose_language(&ctx);
	if (version)
		return cmd_version(&ctx, 0, NULL);
	if (argc >= 2 && cli_is_help(argv[1])) {
		print_help(stdout);
		return SDESK_EXIT_OK;
	}
	if (argc < 2) {
		static char console_name[] = "console";
		char *console_argv[] = {console_name, NULL};

		for (size_t i = 0; i < SDESK_ARRAY_LEN(commands); i++)
			if (strcmp(commands[i].name, "console") == 0)
				return commands[i].fn(&ctx, 1, console_argv);
		print_help(stdout);
		return SDESK_EXIT_OK;
	}
	for (size_t i = 0; i < SDESK_ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, argv[1]) == 0)
			return commands[i].fn(&ctx, argc - 1, argv + 1);
	fprintf(stderr, _("sdesk: unknown command '%s' (try 'sdesk --help')\n"), argv[1]);
	return SDESK_EXIT_USAGE;
}
