/* sdesk sla due PLAN CATEGORY RECEIVED [--channel C] [--explain]: the due
 * instants of a new report, from the plan file alone. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/exitcodes.h"
#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/cmd_sla_due.h"
#include "conf/calendars.h"
#include "conf/plans.h"
#include "engine/sla.h"
#include "engine/timefmt.h"

static const char due_help[] = N_(
	"Usage: sdesk sla due PLAN CATEGORY RECEIVED [--channel C] [--open FROM/TO]... [--explain]\n"
	"\n"
	"Prints when the reaction and the resolution time of a report run out:\n"
	"  reaction<TAB>INSTANT\n"
	"  resolution<TAB>INSTANT\n"
	"INSTANT is ISO 8601 with the offset of the target's calendar, or '-' when the\n"
	"plan guarantees nothing for that clock. RECEIVED is ISO 8601 with an offset.\n"
	"--channel: how the report came in: ticket, email, chat, phone, callback,\n"
	"hotline, oncall (default: the first of these the plan includes). --explain\n"
	"adds how each instant came about. --open FROM/TO (ISO 8601 instants, may\n"
	"repeat): extra open time of the account, as booked standby and on-call\n"
	"windows give it; every wall minute inside counts. See doc/sla.md, \"Plans\".\n");

#define MAX_OPEN 32

/* Parses "FROM/TO" into w; 0, or -1 with a message in why. */
static int parse_window(const char *s, struct sla_window *w, const char **why)
{
	const char *slash = strchr(s, '/');

	if (!slash) {
		*why = _("expected FROM/TO (two ISO 8601 instants)");
		return -1;
	}
	if (sd_parse_instant(s, (size_t)(slash - s), &w->from, why) != 0 ||
	    sd_parse_instant(slash + 1, strlen(slash + 1), &w->to, why) != 0)
		return -1;
	if (w->to <= w->from) {
		*why = _("TO must be after FROM");
		return -1;
	}
	return 0;
}

static int cmp_window(const void *a, const void *b)
{
	const struct sla_window *x = a, *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

static void fmt_time(sd_time t, const struct calendar *cal, char *buf)
{
	sd_format_instant(t, cal_zone_offset(cal_zone(cal), t), buf);
}

static void fmt_day(sd_time t, const struct calendar *cal, char *buf, size_t len)
{
	int64_t day;
	int minute;
	struct civil_date d;

	cal_zone_utc_to_local(cal_zone(cal), t, &day, &minute);
	d = days_to_civil(day);
	snprintf(buf, len, "%04d-%02d-%02d", d.year, d.month, d.day);
}

static void describe_target(const struct sla_target *t, char *buf, size_t len)
{
	if (t->rule == SLA_RULE_CUTOFF)
		snprintf(buf, len, _("call-back rule on %s: by %02d:%02d -> that day's close, later -> %02d:%02d next working day"),
			 cal_name(t->cal), t->cutoff_minute / 60, t->cutoff_minute % 60, t->next_minute / 60,
			 t->next_minute % 60);
	else if (t->dur.unit == SLA_WORKDAYS)
		snprintf(buf, len, ngettext("%lld working day on %s", "%lld working days on %s", (unsigned long)t->dur.amount),
			 (long long)t->dur.amount, cal_name(t->cal));
	else
		snprintf(buf, len, t->dur.unit == SLA_HOURS ? _("%lldh on %s") : _("%lldm on %s"), (long long)t->dur.amount,
			 cal_name(t->cal));
}

static void explain_cb(const struct sla_explain_ev *ev, void *arg)
{
	const char *clock = sla_clock_name(ev->clock);
	char what[200], a[40], b[40];

	(void)arg;
	switch (ev->kind) {
	case SLA_EX_NONE:
		printf(_("%s: no target for this category and channel: nothing guaranteed\n"), clock);
		break;
	case SLA_EX_TARGET:
		describe_target(ev->target, what, sizeof(what));
		fmt_time(ev->due, ev->target->cal, a);
		printf(_("%s: target %s%s%s%s: due %s (%lld business minutes)\n"), clock, what,
		       ev->target->label ? " (" : "", ev->target->label ? ev->target->label : "",
		       ev->target->label ? ")" : "", a, (long long)ev->minutes);
		break;
	case SLA_EX_CHOSEN:
		describe_target(ev->target, what, sizeof(what));
		fmt_time(ev->due, ev->target->cal, a);
		printf(_("%s: earliest: %s -> %s\n"), clock, what, a);
		break;
	case SLA_EX_RULE:
		printf(_("%s:   rule: %s\n"), clock, ev->text);
		break;
	case SLA_EX_PAUSE:
		fmt_time(ev->from, ev->target->cal, a);
		fmt_time(ev->to, ev->target->cal, b);
		printf(_("%s:   paused %s .. %s (%lld business minutes)\n"), clock, a, b, (long long)ev->minutes);
		break;
	case SLA_EX_STEP: {
		const struct cal_step *s = ev->step;

		if (s->kind == CAL_STEP_OPEN) {
			fmt_time(s->from, ev->target->cal, a);
			fmt_time(s->to, ev->target->cal, b);
			printf(_("%s:   counted %s .. %s %lldm\n"), clock, a, b, (long long)s->minutes);
		} else {
			fmt_day(s->from, ev->target->cal, a, sizeof(a));
			printf(_("%s:   skipped %s %s%s%s\n"), clock, a,
			       s->kind == CAL_STEP_HOLIDAY ? _("holiday") : s->kind == CAL_STEP_CLOSED ? _("closed day") : _("no weekly hours"),
			       s->name ? ": " : "", s->name ? holiday_title(s->name, s->name_en) : "");
		}
		break;
	}
	}
}

enum unknown_what { UNKNOWN_PLAN, UNKNOWN_CATEGORY, UNKNOWN_CHANNEL };

static int unknown(enum unknown_what what, const char *name, const char *known)
{
	if (what == UNKNOWN_PLAN)
		fprintf(stderr, _("sdesk: sla due: unknown plan '%s' (known: %s)\n"), name, known);
	else if (what == UNKNOWN_CATEGORY)
		fprintf(stderr, _("sdesk: sla due: unknown category '%s' (known: %s)\n"), name, known);
	else
		fprintf(stderr, _("sdesk: sla due: unknown channel '%s' (known: %s)\n"), name, known);
	return SDESK_EXIT_USAGE;
}

int cli_sla_due(struct sdesk_ctx *ctx, int argc, char **argv)
{
	const char *pos[3], *channel = NULL;
	int npos = 0, explain = 0, rc = SDESK_EXIT_OK;
	struct sla_window open[MAX_OPEN];
	size_t nopen = 0;
	struct sla_catalogue cat;
	char err[1024];

	for (int i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			fputs(_(due_help), stdout);
			return SDESK_EXIT_OK;
		} else if (strcmp(argv[i], "--explain") == 0) {
			explain = 1;
		} else if (strcmp(argv[i], "--channel") == 0) {
			if (++i == argc)
				return cli_usage_error("sla due", "--channel needs a channel name");
			channel = argv[i];
		} else if (strncmp(argv[i], "--channel=", 10) == 0) {
			channel = argv[i] + 10;
		} else if (strcmp(argv[i], "--open") == 0) {
			const char *why = NULL;

			if (++i >= argc)
				return cli_usage_error("sla due", "--open needs FROM/TO");
			if (nopen >= MAX_OPEN)
				return cli_usage_error("sla due", "at most %d --open windows", MAX_OPEN);
			if (parse_window(argv[i], &open[nopen], &why) != 0)
				return cli_usage_error("sla due", "--open '%s': %s", argv[i], why);
			nopen++;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_usage_error("sla due", "unknown option '%s'", argv[i]);
		} else if (npos < 3) {
			pos[npos++] = argv[i];
		} else {
			return cli_usage_error("sla due", "too many arguments ('%s')", argv[i]);
		}
	}
	if (npos != 3)
		return cli_usage_error("sla due", "expected PLAN CATEGORY RECEIVED");

	sd_time received;
	const char *why;
	if (sd_parse_instant(pos[2], strlen(pos[2]), &received, &why))
		return cli_usage_error("sla due", "RECEIVED '%s': %s", pos[2], why);
	if (conf_load_plans(cli_plans_path(ctx), &cat, err, sizeof(err)) != 0) {
		fprintf(stderr, "sdesk: sla due: %s\n", err);
		return SDESK_EXIT_USAGE;
	}

	struct strbuf known = {0};
	const struct sla_plan *plan = sla_plan_find(&cat, pos[0]);
	const struct sla_category *k = NULL;
	int ch = -1;

	if (!plan) {
		for (size_t i = 0; i < cat.nplans; i++)
			sb_printf(&known, "%s%s", i ? ", " : "", cat.plans[i].name);
		rc = unknown(UNKNOWN_PLAN, pos[0], known.buf);
		goto out;
	}
	k = sla_category_find(plan, pos[1]);
	if (!k) {
		for (size_t i = 0; i < plan->ncats; i++)
			sb_printf(&known, "%s%s", i ? ", " : "", plan->cats[i].name);
		rc = unknown(UNKNOWN_CATEGORY, pos[1], known.buf);
		goto out;
	}
	if (channel) {
		ch = sla_channel_by_name(channel);
		if (ch < 0) {
			for (int i = 0; i < SLA_NCHANNELS; i++)
				sb_printf(&known, "%s%s", i ? ", " : "", sla_channel_name((enum sla_channel)i));
			rc = unknown(UNKNOWN_CHANNEL, channel, known.buf);
			goto out;
		}
	} else {
		for (int i = 0; ch < 0 && i < SLA_NCHANNELS; i++)
			if (sla_plan_has_channel(plan, (enum sla_channel)i))
				ch = i;
	}
	if (ch < 0 || !sla_plan_has_channel(plan, (enum sla_channel)ch)) {
		for (int i = 0; i < SLA_NCHANNELS; i++)
			if (sla_plan_has_channel(plan, (enum sla_channel)i))
				sb_printf(&known, "%s%s", known.len ? ", " : "", sla_channel_name((enum sla_channel)i));
		fprintf(stderr, _("sdesk: sla due: plan '%s' does not include channel '%s' (it includes: %s)\n"),
			plan->name, channel ? channel : "?", known.buf ? known.buf : _("none"));
		rc = SDESK_EXIT_USAGE;
		goto out;
	}

	struct sla_phase ph = {received, plan, k};
	struct sla_ticket tk = {.channel = (enum sla_channel)ch, .phases = &ph, .nphases = 1};
	struct sla_clock_state st[SLA_NCLOCKS];
	enum cal_status cs = sla_clocks(&tk, SLA_NO_TIME, 0, st);

	if (cs != CAL_OK) {
		fprintf(stderr, "sdesk: sla due: %s %s %s: %s\n", pos[0], pos[1], pos[2], _(cal_status_text(cs)));
		rc = cs == CAL_ENOOPEN ? SDESK_EXIT_RUNTIME : SDESK_EXIT_USAGE;
		goto out;
	}
	if (nopen) {
		sd_time dues[SLA_NCLOCKS];

		qsort(open, nopen, sizeof open[0], cmp_window);
		cs = sla_ticket_dues_open(plan, k, (enum sla_channel)ch, received, NULL, 0, open, nopen,
					  &dues[SLA_REACTION], &dues[SLA_RESOLUTION]);
		if (cs != CAL_OK) {
			fprintf(stderr, "sdesk: sla due: %s %s %s: %s\n", pos[0], pos[1], pos[2], _(cal_status_text(cs)));
			rc = SDESK_EXIT_RUNTIME;
			goto out;
		}
		for (int c = 0; c < SLA_NCLOCKS; c++)
			st[c].due = dues[c];
	}
	for (int c = 0; c < SLA_NCLOCKS; c++) {
		char buf[SD_INSTANT_LEN + 8] = "-";

		if (st[c].due != SLA_NO_TIME)
			fmt_time(st[c].due, st[c].cal, buf);
		printf("%s\t%s\n", sla_clock_name((enum sla_clock)c), buf);
	}
	if (explain) {
		printf(_("# plan %s, category %s, channel %s, received %s\n"), plan->name, k->name,
		       sla_channel_name((enum sla_channel)ch), pos[2]);
		cs = sla_explain(&tk, explain_cb, NULL);
		if (cs != CAL_OK) {
			fprintf(stderr, "sdesk: sla due: explain: %s\n", _(cal_status_text(cs)));
			rc = SDESK_EXIT_RUNTIME;
		}
	}
	if (fflush(stdout) != 0)
		rc = SDESK_EXIT_RUNTIME;
out:
	sb_free(&known);
	sla_catalogue_free(&cat);
	return rc;
}
