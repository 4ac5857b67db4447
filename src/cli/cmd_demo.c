#include "config.h"
#include "base/exitcodes.h"
#include "cli/cli.h"
int cmd_demo(struct sdesk_ctx *ctx, int argc, char **argv)
{
	(void)ctx; (void)argc; (void)argv;
	return SDESK_EXIT_USAGE;
}
