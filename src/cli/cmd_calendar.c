/* sdesk calendar: holidays of a calendar or holiday set, from the plan file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/exitcodes.h"
#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/cmd_sla.h"
#include "conf/calendars.h"
#include "engine/calendar.h"

static int calendar_holidays(struct sdesk_ctx *ctx, int argc, char **argv)
{
	if (argc >= 2 && cli_is_help(argv[1])) {
		printf("%s", _("Usage: sdesk calendar holidays CAL YEAR\n"
			       "\n"
			       "Prints one line per day off in YEAR, sorted: YYYY-MM-DD<TAB>name.\n"
			       "CAL is a calendar (its holidays and closed days, such as 24 December) or a\n"
			       "holiday set (de, de-nw, at, ...). Two holidays on one day give two lines.\n"
			       "The name is in the language of the messages (doc/i18n.md).\n"));
		return SDESK_EXIT_OK;
	}
	if (argc != 3)
		return cli_usage_error("calendar holidays", "expected CAL YEAR");
	char *end;
	long year = strtol(argv[2], &end, 10);
	if (!*argv[2] || *end || year < CAL_YEAR_MIN || year > CAL_YEAR_MAX)
		return cli_usage_error("calendar holidays", "YEAR '%s' is not a year in %d..%d", argv[2], CAL_YEAR_MIN,
				       CAL_YEAR_MAX);
	struct cal_set *set = cli_load_calendars(ctx, "calendar holidays");
	if (!set)
		return SDESK_EXIT_USAGE;
	const struct calendar *cal = cal_set_calendar(set, argv[1]);
	const struct cal_holiday_set *hs = cal ? NULL : cal_set_holidays(set, argv[1]);
	if (!cal && !hs) {
		int rc = cli_unknown_calendar(set, "calendar holidays", argv[1], 1);
		cal_set_free(set);
		return rc;
	}
	struct cal_holiday days[128];
	size_t n = cal ? cal_closed_in_year(cal, (int)year, days, SDESK_ARRAY_LEN(days))
		       : cal_holidays_in_year(hs, (int)year, days, SDESK_ARRAY_LEN(days));
	if (n > SDESK_ARRAY_LEN(days))
		n = SDESK_ARRAY_LEN(days);
	for (size_t i = 0; i < n; i++) {
		struct civil_date d = days_to_civil(days[i].day);
		printf("%04d-%02d-%02d\t%s\n", d.year, d.month, d.day, holiday_title(days[i].name, days[i].name_en));
	}
	cal_set_free(set);
	return SDESK_EXIT_OK;
}

int cmd_calendar(struct sdesk_ctx *ctx, int argc, char **argv)
{
	if (argc >= 2 && cli_is_help(argv[1])) {
		printf("%s", _("Usage: sdesk calendar holidays CAL YEAR\n"
			       "\n"
			       "Business calendars of the plan file (no database). See doc/sla.md.\n"));
		return SDESK_EXIT_OK;
	}
	if (argc < 2)
		return cli_usage_error("calendar", "missing subcommand (holidays)");
	if (strcmp(argv[1], "holidays") == 0)
		return calendar_holidays(ctx, argc - 1, argv + 1);
	return cli_usage_error("calendar", "unknown subcommand '%s' (known: holidays)", argv[1]);
}
