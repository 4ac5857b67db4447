/* `sdesk sla due`: a subcommand of cmd_sla.c's table. */
#ifndef SDESK_CLI_CMD_SLA_DUE_H
#define SDESK_CLI_CMD_SLA_DUE_H

#include "cli/cli.h"

/* argv[0] is "due". Prints the reaction and resolution due instants of a
 * report (see --help); returns an exit code from base/exitcodes.h. */
int cli_sla_due(struct sdesk_ctx *ctx, int argc, char **argv);

#endif
