/* plans.cfg loader: calendars (conf/calendars.c), then the plans section into
 * struct sla_catalogue. Every error names file:line. */
#include "config.h"

#include <errno.h>
#include <libconfig.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "conf/calendars.h"
#include "conf/conferr.h"
#include "conf/plans.h"

#define MAX_TARGETS 16 /* per plan or category; sla.c relies on it */

struct ld {
	const char *file;
	char *err;
	size_t errlen;
	int failed;
	struct cal_set *cals;
};

__attribute__((format(printf, 3, 4)))
static void fail_at(struct ld *ld, const config_setting_t *s, const char *fmt, ...)
{
	va_list ap;

	if (ld->failed)
		return;
	va_start(ap, fmt);
	conf_verror(ld->err, ld->errlen, ld->file, s, fmt, ap);
	va_end(ap);
	ld->failed = 1;
}

/* Every member of group s must be one of names (NULL-terminated). */
static void check_keys(struct ld *ld, const config_setting_t *s, const char *what, const char *const *names)
{
	for (int i = 0; i < config_setting_length(s) && !ld->failed; i++) {
		const config_setting_t *m = config_setting_get_elem(s, (unsigned)i);
		const char *n = config_setting_name(m);
		size_t k;

		for (k = 0; names[k]; k++)
			if (n && strcmp(names[k], n) == 0)
				break;
		if (!names[k]) {
			struct strbuf known = {0};

			for (k = 0; names[k]; k++)
				sb_printf(&known, "%s%s", k ? ", " : "", names[k]);
			fail_at(ld, m, _("unknown key '%s' in %s (known: %s)"), n ? n : "?", what, known.buf);
			sb_free(&known);
		}
	}
}

static const config_setting_t *member(const config_setting_t *s, const char *name)
{
	return config_setting_get_member(s, name);
}

static int want_group(struct ld *ld, const config_setting_t *s, const char *what)
{
	if (config_setting_type(s) != CONFIG_TYPE_GROUP) {
		fail_at(ld, s, _("%s must be a group { ... }"), what);
		return 0;
	}
	return 1;
}

static int want_list(struct ld *ld, const config_setting_t *s, const char *what)
{
	int t = config_setting_type(s);

	if (t != CONFIG_TYPE_LIST && !(t == CONFIG_TYPE_ARRAY && config_setting_length(s) == 0)) {
		fail_at(ld, s, _("%s must be a list ( { ... }, ... )"), what);
		return 0;
	}
	return 1;
}

static char *get_str(struct ld *ld, const config_setting_t *g, const char *name, int required)
{
	const config_setting_t *s = member(g, name);

	if (!s) {
		if (required)
			fail_at(ld, g, _("missing '%s'"), name);
		return NULL;
	}
	if (config_setting_type(s) != CONFIG_TYPE_STRING || !*config_setting_get_string(s)) {
		fail_at(ld, s, _("'%s' must be a non-empty string"), name);
		return NULL;
	}
	return xstrdup(config_setting_get_string(s));
}

static int64_t get_int(struct ld *ld, const config_setting_t *g, const char *name, int64_t min, int64_t max,
		       int64_t dflt)
{
	const config_setting_t *s = member(g, name);
	long long v;

	if (!s)
		return dflt;
	if (config_setting_type(s) != CONFIG_TYPE_INT && config_setting_type(s) != CONFIG_TYPE_INT64) {
		fail_at(ld, s, _("'%s' must be an integer"), name);
		return dflt;
	}
	v = config_setting_get_int64(s);
	if (v < min || v > max) {
		fail_at(ld, s, _("'%s' must be between %lld and %lld, not %lld"), name, (long long)min, (long long)max, v);
		return dflt;
	}
	return v;
}

static int get_bool(struct ld *ld, const config_setting_t *g, const char *name)
{
	const config_setting_t *s = member(g, name);

	if (!s)
		return 0;
	if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
		fail_at(ld, s, _("'%s' must be true or false"), name);
		return 0;
	}
	return config_setting_get_bool(s);
}

/* "HH:MM" -> minute of day 0..1440. */
static int get_clock(struct ld *ld, const config_setting_t *g, const char *name)
{
	const config_setting_t *s = member(g, name);
	const char *v;
	int h, m;
	char end;

	if (!s) {
		fail_at(ld, g, _("missing '%s' (\"HH:MM\")"), name);
		return 0;
	}
	v = config_setting_type(s) == CONFIG_TYPE_STRING ? config_setting_get_string(s) : "";
	if (sscanf(v, "%2d:%2d%c", &h, &m, &end) != 2 || strlen(v) != 5 || h < 0 || m < 0 || m > 59 ||
	    h * 60 + m > 1440) {
		fail_at(ld, s, _("'%s' must be a time \"HH:MM\" (00:00 to 24:00)"), name);
		return 0;
	}
	return h * 60 + m;
}

/* An array of names -> bit mask; names are looked up by byname. */
static unsigned get_names(struct ld *ld, const config_setting_t *g, const char *name, int (*byname)(const char *),
			  const char *known)
{
	const config_setting_t *s = member(g, name);
	unsigned mask = 0;

	if (!s)
		return 0;
	if (config_setting_type(s) != CONFIG_TYPE_ARRAY) {
		fail_at(ld, s, _("'%s' must be an array of names [ \"...\", ... ]"), name);
		return 0;
	}
	for (int i = 0; i < config_setting_length(s); i++) {
		const char *v = config_setting_get_string_elem(s, i);
		int b = v ? byname(v) : -1;

		if (b < 0) {
			fail_at(ld, s, _("unknown name '%s' in '%s' (known: %s)"), v ? v : "?", name, known);
			return 0;
		}
		mask |= 1u << b;
	}
	return mask;
}

static char *channel_list(void)
{
	struct strbuf sb = {0};

	for (int i = 0; i < SLA_NCHANNELS; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", sla_channel_name((enum sla_channel)i));
	return sb.buf;
}

static int weekday_by_name(const char *n)
{
	static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

	for (int i = 0; i < 7; i++)
		if (strcmp(days[i], n) == 0)
			return i;
	return -1;
}

/* ---- targets ------------------------------------------------------------- */

static const char *const target_keys[] = {"clock", "calendar", "minutes", "hours", "workdays", "rule", "cutoff",
					  "next_day_at", "late_window", "channels", "label", NULL};

static void read_target(struct ld *ld, const config_setting_t *s, unsigned plan_channels, struct sla_target *t)
{
	char *clock, *calname, *rule;
	static const char *const units[] = {"minutes", "hours", "workdays"};
	int nunits = 0;
	char *chans = channel_list();

	memset(t, 0, sizeof(*t));
	if (!want_group(ld, s, "a target"))
		goto out;
	check_keys(ld, s, "a target", target_keys);
	clock = get_str(ld, s, "clock", 1);
	if (clock && sla_clock_by_name(clock) < 0)
		fail_at(ld, member(s, "clock"), _("unknown clock '%s' (known: reaction, resolution)"), clock);
	else if (clock)
		t->clock = (enum sla_clock)sla_clock_by_name(clock);
	free(clock);
	calname = get_str(ld, s, "calendar", 1);
	if (calname && !ld->failed) {
		t->cal = cal_set_calendar(ld->cals, calname);
		if (!t->cal) {
			struct strbuf known = {0};

			for (size_t i = 0; i < cal_set_ncalendars(ld->cals); i++)
				sb_printf(&known, "%s%s", i ? ", " : "", cal_name(cal_set_calendar_at(ld->cals, i)));
			fail_at(ld, member(s, "calendar"), _("target names calendar '%s', which is not defined (known: %s)"),
				calname, known.buf ? known.buf : "none");
			sb_free(&known);
		}
	}
	free(calname);
	rule = get_str(ld, s, "rule", 0);
	if (rule && strcmp(rule, "callback") == 0) {
		t->rule = SLA_RULE_CUTOFF;
		t->cutoff_minute = get_clock(ld, s, "cutoff");
		t->next_minute = get_clock(ld, s, "next_day_at");
	} else if (rule && strcmp(rule, "duration") != 0) {
		fail_at(ld, member(s, "rule"), _("unknown rule '%s' (known: duration, callback)"), rule);
	}
	if (t->rule == SLA_RULE_DURATION) {
		for (int u = 0; u < 3; u++) {
			if (!member(s, units[u]))
				continue;
			nunits++;
			t->dur.unit = (enum sla_unit)u;
			t->dur.amount = get_int(ld, s, units[u], 0, u == SLA_WORKDAYS ? 3660 : 5270400, 0);
		}
		if (nunits != 1)
			fail_at(ld, s, _("a target needs exactly one of minutes, hours, workdays"));
		if (member(s, "cutoff") || member(s, "next_day_at"))
			fail_at(ld, s, _("'cutoff' and 'next_day_at' belong to rule = \"callback\""));
	} else if (member(s, "minutes") || member(s, "hours") || member(s, "workdays")) {
		fail_at(ld, s, _("a callback target has no duration"));
	}
	free(rule);
	t->late_window = (int)get_int(ld, s, "late_window", 0, 1440, 0);
	t->channels = get_names(ld, s, "channels", sla_channel_by_name, chans);
	if (!ld->failed && (t->channels & ~plan_channels))
		fail_at(ld, member(s, "channels"), _("target names a channel the plan does not include"));
	t->label = get_str(ld, s, "label", 0);
out:
	free(chans);
}

static void read_targets(struct ld *ld, const config_setting_t *g, unsigned plan_channels, struct sla_target **out,
			 size_t *n)
{
	const config_setting_t *s = member(g, "targets");

	*out = NULL;
	*n = 0;
	if (!s || !want_list(ld, s, "'targets'"))
		return;
	if (config_setting_length(s) > MAX_TARGETS) {
		fail_at(ld, s, _("at most %d targets"), MAX_TARGETS);
		return;
	}
	*out = xcalloc((size_t)config_setting_length(s) + 1, sizeof(**out));
	for (int i = 0; i < config_setting_length(s) && !ld->failed; i++) {
		read_target(ld, config_setting_get_elem(s, (unsigned)i), plan_channels, &(*out)[i]);
		(*n)++;
	}
}

/* ---- budget -------------------------------------------------------------- */

static const char *const budget_keys[] = {"monthly_fee_cents", "free_minutes", "activation_credit_minutes",
					  "overage_minute_cents", "rollover", "managed_hour_cents", "rush_hour_cents",
					  "billing_unit_minutes", "hotline", "points", "hotline_whole_call",
					  "hotline_holiday_weekday", "hotline_calendar", "hotline_holidays",
					  "standby_hour_cents", "standby_calendar", "standby_lead_days",
					  "rush_calendar", NULL};
static const char *const hotline_keys[] = {"days", "from", "to", "first_minutes", "first_cents", "minute_cents",
					   "unit_minutes", NULL};
static const char *const points_keys[] = {"kind", "minutes_per_point", "min_points", "hour_cents", NULL};

static void read_hotline(struct ld *ld, const config_setting_t *s, struct sla_tariff_window *w)
{
	if (!want_group(ld, s, "a hotline window"))
		return;
	check_keys(ld, s, "a hotline window", hotline_keys);
	w->weekdays = get_names(ld, s, "days", weekday_by_name, "mon, tue, wed, thu, fri, sat, sun");
	if (!ld->failed && !w->weekdays)
		fail_at(ld, s, _("a hotline window needs 'days'"));
	w->from_minute = get_clock(ld, s, "from");
	w->to_minute = get_clock(ld, s, "to");
	if (!ld->failed && w->to_minute <= w->from_minute)
		fail_at(ld, member(s, "to"), "'to' must be after 'from' (split a window that crosses midnight)");
	w->first_minutes = (int)get_int(ld, s, "first_minutes", 0, 1440, 0);
	w->first_cents = get_int(ld, s, "first_cents", 0, 100000000, 0);
	w->minute_cents = get_int(ld, s, "minute_cents", 0, 100000000, 0);
	w->unit_minutes = (int)get_int(ld, s, "unit_minutes", 1, 1440, 1);
}

/* A calendar named by key `name` of s (default dflt; NULL: none), or NULL
 * when the default is not defined. A name given but not defined fails. */
static const struct calendar *get_calendar(struct ld *ld, const config_setting_t *s, const char *name,
					   const char *dflt)
{
	const config_setting_t *v = s ? member(s, name) : NULL;
	const struct calendar *c;

	if (!v)
		return dflt ? cal_set_calendar(ld->cals, dflt) : NULL;
	if (config_setting_type(v) != CONFIG_TYPE_STRING) {
		fail_at(ld, v, _("'%s' must be a calendar name"), name);
		return NULL;
	}
	c = cal_set_calendar(ld->cals, config_setting_get_string(v));
	if (!c)
		fail_at(ld, v, _("'%s' names calendar '%s', which is not defined"), name, config_setting_get_string(v));
	return c;
}

static const struct cal_holiday_set *get_holidays(struct ld *ld, const config_setting_t *s, const char *name,
						  const char *dflt)
{
	const config_setting_t *v = s ? member(s, name) : NULL;
	const struct cal_holiday_set *h;

	if (!v)
		return cal_set_holidays(ld->cals, dflt);
	if (config_setting_type(v) != CONFIG_TYPE_STRING) {
		fail_at(ld, v, _("'%s' must be a holiday set name"), name);
		return NULL;
	}
	h = cal_set_holidays(ld->cals, config_setting_get_string(v));
	if (!h)
		fail_at(ld, v, _("'%s' names holiday set '%s', which is not defined"), name, config_setting_get_string(v));
	return h;
}

static void read_budget(struct ld *ld, const config_setting_t *g, const struct sla_plan *plan, struct sla_budget *b)
{
	const config_setting_t *s = member(g, "budget"), *l;

	b->billing_unit_minutes = 15;
	b->standby_lead_days = 3;
	for (size_t i = 0; i < plan->ntargets && !b->standby_cal; i++)
		if (plan->targets[i].clock == SLA_REACTION)
			b->standby_cal = plan->targets[i].cal;
	for (size_t c = 0; c < plan->ncats && !b->standby_cal; c++)
		for (size_t i = 0; i < plan->cats[c].ntargets && !b->standby_cal; i++)
			if (plan->cats[c].targets[i].clock == SLA_REACTION)
				b->standby_cal = plan->cats[c].targets[i].cal;
	if (!s || !want_group(ld, s, "'budget'"))
		return;
	b->hotline_whole_call = get_bool(ld, s, "hotline_whole_call");
	b->hotline_holiday_weekday = get_bool(ld, s, "hotline_holiday_weekday");
	b->hotline_cal = get_calendar(ld, s, "hotline_calendar", "phone");
	b->hotline_holidays = get_holidays(ld, s, "hotline_holidays", "de");
	b->standby_hour_cents = get_int(ld, s, "standby_hour_cents", 0, 100000000, 0);
	if (member(s, "standby_calendar"))
		b->standby_cal = get_calendar(ld, s, "standby_calendar", NULL);
	b->standby_lead_days = (int)get_int(ld, s, "standby_lead_days", 0, 365, 3);
	if (member(s, "rush_calendar"))
		b->rush_cal = get_calendar(ld, s, "rush_calendar", NULL);
	check_keys(ld, s, "'budget'", budget_keys);
	b->monthly_fee_cents = get_int(ld, s, "monthly_fee_cents", 0, 100000000, 0);
	b->monthly_free_minutes = (int)get_int(ld, s, "free_minutes", 0, 44640, 0);
	b->activation_credit_minutes = (int)get_int(ld, s, "activation_credit_minutes", 0, 44640, 0);
	b->overage_minute_cents = get_int(ld, s, "overage_minute_cents", 0, 100000000, 0);
	b->rollover = get_bool(ld, s, "rollover");
	b->managed_hour_cents = get_int(ld, s, "managed_hour_cents", 0, 100000000, 0);
	b->rush_hour_cents = get_int(ld, s, "rush_hour_cents", 0, 100000000, 0);
	b->billing_unit_minutes = (int)get_int(ld, s, "billing_unit_minutes", 15, 1440, 15);
	if (b->billing_unit_minutes % 15 != 0)
		fail_at(ld, member(s, "billing_unit_minutes"),
			_("'billing_unit_minutes' must be a multiple of 15 (time is booked in quarter hours), not %d"),
			b->billing_unit_minutes);
	l = member(s, "hotline");
	if (l && want_list(ld, l, "'hotline'")) {
		b->hotline = xcalloc((size_t)config_setting_length(l) + 1, sizeof(*b->hotline));
		for (int i = 0; i < config_setting_length(l) && !ld->failed; i++) {
			read_hotline(ld, config_setting_get_elem(l, (unsigned)i), &b->hotline[i]);
			b->nhotline++;
		}
	}
	l = member(s, "points");
	if (l && want_list(ld, l, "'points'")) {
		b->points = xcalloc((size_t)config_setting_length(l) + 1, sizeof(*b->points));
		for (int i = 0; i < config_setting_length(l) && !ld->failed; i++) {
			const config_setting_t *p = config_setting_get_elem(l, (unsigned)i);
			struct sla_points_kind *k = &b->points[i];

			b->npoints++;
			if (!want_group(ld, p, "a points kind"))
				break;
			check_keys(ld, p, "a points kind", points_keys);
			k->name = get_str(ld, p, "kind", 1);
			k->minutes_per_point = (int)get_int(ld, p, "minutes_per_point", 1, 1440, 15);
			k->min_points = (int)get_int(ld, p, "min_points", 0, 1000000, 0);
			k->hour_cents = get_int(ld, p, "hour_cents", 0, 100000000, 0);
		}
	}
}

/* ---- plans --------------------------------------------------------------- */

static const char *const plan_keys[] = {"name", "title", "title_de", "provider", "model", "vat_percent", "requires", "channels",
					"pause_stops", "targets", "categories", "budget", "at_risk_minutes", NULL};
static const char *const category_keys[] = {"name", "title", "title_de", "severity", "targets", "at_risk_minutes", NULL};

static int clock_by_name(const char *n)
{
	return sla_clock_by_name(n);
}

static void read_plan(struct ld *ld, const config_setting_t *s, struct sla_plan *p)
{
	const config_setting_t *v, *cats;
	char *chans = channel_list();

	if (!want_group(ld, s, "a plan"))
		goto out;
	check_keys(ld, s, "a plan", plan_keys);
	p->name = get_str(ld, s, "name", 1);
	p->title = get_str(ld, s, "title", 1);
	p->title_de = get_str(ld, s, "title_de", 0);
	p->provider = get_str(ld, s, "provider", 1);
	p->model = get_str(ld, s, "model", 1);
	p->requires = get_str(ld, s, "requires", 0);
	v = member(s, "vat_percent");
	if (!v) {
		fail_at(ld, s, _("missing 'vat_percent'"));
	} else {
		double d = config_setting_type(v) == CONFIG_TYPE_FLOAT ? config_setting_get_float(v)
			   : (config_setting_type(v) == CONFIG_TYPE_INT) ? (double)config_setting_get_int(v)
									  : -1;
		if (d < 0 || d > 100)
			fail_at(ld, v, _("'vat_percent' must be a number from 0 to 100"));
		else
			p->vat_bp = (int)(d * 100 + 0.5);
	}
	if (!member(s, "channels"))
		fail_at(ld, s, _("missing 'channels'"));
	p->channels = get_names(ld, s, "channels", sla_channel_by_name, chans);
	p->pause_stops = get_names(ld, s, "pause_stops", clock_by_name, "reaction, resolution");
	p->at_risk_minutes = (int)get_int(ld, s, "at_risk_minutes", 0, 100000, -1);
	read_targets(ld, s, p->channels, &p->targets, &p->ntargets);
	cats = member(s, "categories");
	if (!cats) {
		fail_at(ld, s, _("missing 'categories'"));
	} else if (want_list(ld, cats, "'categories'")) {
		int n = config_setting_length(cats);

		if (n == 0)
			fail_at(ld, cats, _("a plan needs at least one category"));
		p->cats = xcalloc((size_t)n + 1, sizeof(*p->cats));
		for (int i = 0; i < n && !ld->failed; i++) {
			const config_setting_t *c = config_setting_get_elem(cats, (unsigned)i);
			struct sla_category *k = &p->cats[i];

			p->ncats++;
			if (!want_group(ld, c, "a category"))
				break;
			check_keys(ld, c, "a category", category_keys);
			k->name = get_str(ld, c, "name", 1);
			k->title = get_str(ld, c, "title", 0);
			if (!k->title && k->name)
				k->title = xstrdup(k->name);
			k->title_de = get_str(ld, c, "title_de", 0);
			k->severity = (int)get_int(ld, c, "severity", 1, 99, i + 1);
			k->at_risk_minutes = (int)get_int(ld, c, "at_risk_minutes", 0, 100000, -1);
			read_targets(ld, c, p->channels, &k->targets, &k->ntargets);
			if (!ld->failed && p->ntargets + k->ntargets > MAX_TARGETS)
				fail_at(ld, c, _("at most %d targets per plan and category together"), MAX_TARGETS);
			for (size_t j = 0; j + 1 < p->ncats && !ld->failed; j++)
				if (k->name && strcmp(p->cats[j].name, k->name) == 0)
					fail_at(ld, member(c, "name"), _("category '%s' defined twice"), k->name);
		}
	}
	read_budget(ld, s, p, &p->budget);
out:
	free(chans);
}

static void read_plans(struct ld *ld, const config_t *cfg, struct sla_catalogue *cat)
{
	const config_setting_t *l = config_lookup(cfg, "plans");
	int n;

	if (!l) {
		fail_at(ld, NULL, _("no 'plans' list"));
		return;
	}
	if (!want_list(ld, l, "'plans'"))
		return;
	n = config_setting_length(l);
	cat->plans = xcalloc((size_t)n + 1, sizeof(*cat->plans));
	for (int i = 0; i < n && !ld->failed; i++) {
		const config_setting_t *s = config_setting_get_elem(l, (unsigned)i);
		struct sla_plan *p = &cat->plans[i];

		cat->nplans++;
		read_plan(ld, s, p);
		for (size_t j = 0; j + 1 < cat->nplans && !ld->failed; j++)
			if (p->name && strcmp(cat->plans[j].name, p->name) == 0)
				fail_at(ld, member(s, "name"), _("plan '%s' defined twice"), p->name);
	}
	for (size_t i = 0; i < cat->nplans && !ld->failed; i++) {
		const char *req = cat->plans[i].requires;

		if (req && !sla_plan_find(cat, req))
			fail_at(ld, member(config_setting_get_elem(l, (unsigned)i), "requires"),
				"plan '%s' requires plan '%s', which is not defined", cat->plans[i].name, req);
	}
}

/* Loads the catalogue from cfg, already read from `file` (the name used in
 * messages); destroys nothing. */
static int load_cfg(config_t *cfg, const char *file, struct sla_catalogue *cat, char *err, size_t errlen)
{
	struct ld ld = {file, err, errlen, 0, NULL};
	enum cal_status st;
	static const char *const top_keys[] = {"holidays", "calendars", "plans", "staffed_calendar",
					       "at_risk_minutes", NULL};

	check_keys(&ld, config_root_setting(cfg), "the plan file", top_keys);
	cat->cals = cal_set_new();
	ld.cals = cat->cals;
	if (!ld.failed && conf_load_calendars(cfg, file, cat->cals, err, errlen) != 0)
		ld.failed = 1;
	if (!ld.failed) {
		cat->staffed_cal = get_calendar(&ld, config_root_setting(cfg), "staffed_calendar", NULL);
		cat->at_risk_minutes = (int)get_int(&ld, config_root_setting(cfg), "at_risk_minutes", 0, 100000,
						    SLA_AT_RISK_DEFAULT);
	}
	if (!ld.failed)
		read_plans(&ld, cfg, cat);
	if (!ld.failed) {
		st = cal_set_finish(cat->cals);
		if (st != CAL_OK)
			fail_at(&ld, NULL, _("calendars: %s"), cal_status_text(st));
	}
	if (ld.failed) {
		sla_catalogue_free(cat);
		return -1;
	}
	return 0;
}

int conf_load_plans(const char *file, struct sla_catalogue *cat, char *err, size_t errlen)
{
	config_t cfg;
	int rc;

	memset(cat, 0, sizeof(*cat));
	err[0] = '\0';
	config_init(&cfg);
	if (!config_read_file(&cfg, file)) {
		if (config_error_type(&cfg) == CONFIG_ERR_FILE_IO)
			snprintf(err, errlen, _("%s: cannot read plan file: %s"), file, strerror(errno ? errno : EIO));
		else
			snprintf(err, errlen, "%s:%d: %s", config_error_file(&cfg) ? config_error_file(&cfg) : file,
				 config_error_line(&cfg), config_error_text(&cfg));
		config_destroy(&cfg);
		return -1;
	}
	rc = load_cfg(&cfg, file, cat, err, errlen);
	config_destroy(&cfg);
	return rc;
}

int conf_load_plans_string(const char *text, const char *name, struct sla_catalogue *cat, char *err, size_t errlen)
{
	config_t cfg;
	int rc;

	memset(cat, 0, sizeof(*cat));
	err[0] = '\0';
	config_init(&cfg);
	/* The stored text is all there is: an @include would read files of
	 * whatever host parses it, so it must not resolve anywhere. */
	config_set_include_dir(&cfg, "/nonexistent/sdesk-no-includes");
	if (!config_read_string(&cfg, text)) {
		snprintf(err, errlen, "%s:%d: %s", name, config_error_line(&cfg), config_error_text(&cfg));
		config_destroy(&cfg);
		return -1;
	}
	rc = load_cfg(&cfg, name, cat, err, errlen);
	config_destroy(&cfg);
	return rc;
}

const char *plan_title(const struct sla_plan *p)
{
	return sd_lang_de() && p->title_de ? p->title_de : p->title;
}

const char *category_title(const struct sla_category *c)
{
	return sd_lang_de() && c->title_de ? c->title_de : c->title;
}
