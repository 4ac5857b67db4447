/* Helpers shared by the calendar-based commands (cmd_sla.c, cmd_calendar.c). */
#ifndef SDESK_CLI_CMD_SLA_H
#define SDESK_CLI_CMD_SLA_H

#include "cli/cli.h"
#include "engine/calendar.h"

/* Loads and finishes the calendars of the plan file (cli_plans_path). On
 * error prints "sdesk: CMD: FILE:LINE: ..." and returns NULL. Caller frees
 * with cal_set_free(). */
struct cal_set *cli_load_calendars(const struct sdesk_ctx *ctx, const char *cmd);

/* Prints "sdesk: CMD: unknown calendar 'NAME' (known: a, b, ...)"; with
 * with_holidays also lists the holiday sets. Returns SDESK_EXIT_USAGE. */
int cli_unknown_calendar(const struct cal_set *set, const char *cmd, const char *name, int with_holidays);

#endif
