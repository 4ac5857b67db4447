/* The console's clocks on top of the SLA engine (see qclock.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/fmt.h"
#include "base/i18n.h"
#include "base/util.h"
#include "engine/calendar.h"
#include "engine/clock.h"
#include "engine/sla.h"
#include "engine/timefmt.h"
#include "ui/qclock.h"

static sd_time t_or_none(int64_t t)
{
	return t == QUEUE_NO_TIME ? SLA_NO_TIME : (sd_time)t;
}

/* Plan, category and channel of a row as the engine knows them; 0 when the
 * catalogue does not know the plan. */
static int row_ticket(const struct sla_catalogue *cat, const struct queue_row *r, struct sla_phase *ph,
		      struct sla_ticket *tk)
{
	int ch;

	if (!cat || !(ph->plan = sla_plan_find(cat, r->plan)))
		return 0;
	ph->cat = sla_category_find(ph->plan, r->category);
	ph->from = t_or_none(r->received);
	if (!ph->cat || ph->from == SLA_NO_TIME)
		return 0;
	ch = sla_channel_by_name(r->channel);
	memset(tk, 0, sizeof *tk);
	tk->channel = ch < 0 ? SLA_CH_TICKET : (enum sla_channel)ch;
	tk->phases = ph;
	tk->nphases = 1;
	return 1;
}

int qclock_day_minutes(const struct calendar *cal, sd_time now)
{
	int64_t day, wd, m = 0;
	int mod;
	sd_time open, close;

	cal_zone_utc_to_local(cal_zone(cal), now, &day, &mod);
	if (cal_next_working_day(cal, day, 0, &wd) != CAL_OK || cal_day_open(cal, wd, &open) != CAL_OK
	    || cal_day_close(cal, wd, &close) != CAL_OK || cal_between(cal, open, close, &m) != CAL_OK)
		return 0;
	return (int)m;
}

static int64_t wall_minutes(sd_time from, sd_time to)
{
	int64_t s = to - from;

	return s >= 0 ? s / 60 : -((-s + 59) / 60); /* a started minute over counts */
}

void qclock_of(const struct sla_catalogue *cat, const struct queue_row *r, enum sla_clock clock,
	       sd_time due, sd_time now, int at_risk_minutes, struct qclock *out)
{
	struct sla_phase ph;
	struct sla_ticket tk;
	struct sla_clock_state st[SLA_NCLOCKS];
	sd_time from = now;

	memset(out, 0, sizeof *out);
	out->clock = clock;
	out->due = due;
	out->has_due = due != SLA_NO_TIME;
	out->severity = 99;
	if (row_ticket(cat, r, &ph, &tk)) {
		out->severity = ph.cat->severity;
		out->paused = r->paused_since != QUEUE_NO_TIME && (ph.plan->pause_stops & (1u << clock));
		if (sla_clocks(&tk, SLA_NO_TIME, 0, st) == CAL_OK) {
			if (st[clock].has_target)
				out->cal = st[clock].cal;
			else if (st[1 - clock].has_target)
				out->cal = st[1 - clock].cal; /* e.g. a told estimate without a target */
		}
	} else if (r->paused_since != QUEUE_NO_TIME) {
		out->paused = 1;
	}
	if (!out->has_due)
		return;
	if (out->paused)
		from = t_or_none(r->paused_since);
	if (out->cal && cal_between(out->cal, from, due, &out->left) == CAL_OK) {
		out->business = 1;
		out->day_minutes = qclock_day_minutes(out->cal, now);
	} else {
		out->cal = NULL;
		out->left = wall_minutes(from, due);
	}
	out->breached = !out->paused && now > due;
	out->at_risk = !out->breached && out->left <= at_risk_minutes;
}

/* The team's staffed-hours calendar of a row (sla_team_calendar: the
 * team's own, else the catalogue's default; NULL without either: wall clock). */
static const struct calendar *team_calendar(const struct sla_catalogue *cat, const struct queue_row *r)
{
	return sla_team_calendar(cat, r->team_calendar);
}

void qclock_state(const struct sla_catalogue *cat, const struct queue_row *r, sd_time now, int at_risk_minutes,
		  struct sla_ticket_state *st, int *severity)
{
	const struct sla_plan *p = cat && r->plan ? sla_plan_find(cat, r->plan) : NULL;
	const struct sla_category *k = p && r->category ? sla_category_find(p, r->category) : NULL;
	struct sla_state_in in;

	memset(&in, 0, sizeof in);
	in.received = t_or_none(r->received);
	in.due[SLA_K_REACTION] = t_or_none(r->reaction_due);
	in.due[SLA_K_RESOLUTION] = t_or_none(r->resolution_due);
	in.due[SLA_K_ESTIMATE] = t_or_none(r->estimate_due);
	in.first_contact = t_or_none(r->first_contact);
	in.resolved = SLA_NO_TIME; /* the queue holds open tickets */
	in.paused_since = t_or_none(r->paused_since);
	/* A plan the catalogue does not know: the pause stops every clock. */
	in.pause_stops = p ? p->pause_stops : SLA_STOPS_REACTION | SLA_STOPS_RESOLUTION;
	in.team_cal = team_calendar(cat, r);
	in.at_risk_minutes = p ? sla_at_risk_minutes(cat, p, k) : at_risk_minutes;
	(void)sla_ticket_state(&in, now, st);
	if (severity)
		*severity = k ? k->severity : 99;
}

void qclock_compute(const struct sla_catalogue *cat, const struct queue_row *r, sd_time now,
		    int at_risk_minutes, struct qclock *out)
{
	struct sla_ticket_state st;

	memset(out, 0, sizeof *out);
	qclock_state(cat, r, now, at_risk_minutes, &st, &out->severity);
	out->state = st.state;
	out->clock = st.relevant == SLA_K_REACTION ? SLA_REACTION : SLA_RESOLUTION;
	out->due = st.due;
	out->has_due = st.relevant >= 0;
	out->paused = st.state == SLA_ST_PAUSED;
	out->left = st.left;
	out->business = st.business;
	out->breached = st.state == SLA_ST_BREACHED;
	out->at_risk = st.state == SLA_ST_AT_RISK;
	out->cal = st.business ? team_calendar(cat, r) : NULL;
	if (out->cal)
		out->day_minutes = qclock_day_minutes(out->cal, now);
}

struct sort_item {
	struct sla_order_key key; /* key.st points into a separate array */
	size_t idx;
};

static int item_cmp(const void *a, const void *b)
{
	return sla_state_cmp(&((const struct sort_item *)a)->key, &((const struct sort_item *)b)->key);
}

void qclock_sort(const struct sla_catalogue *cat, struct queue *q, sd_time now)
{
	struct sort_item *v;
	struct sla_ticket_state *st;
	struct queue_row *rows;

	if (q->n < 2)
		return;
	v = xcalloc(q->n, sizeof *v);
	st = xcalloc(q->n, sizeof *st);
	for (size_t i = 0; i < q->n; i++) {
		const struct queue_row *r = &q->rows[i];

		v[i].idx = i;
		qclock_state(cat, r, now, SLA_AT_RISK_DEFAULT, &st[i], &v[i].key.severity);
		v[i].key.st = &st[i];
		v[i].key.received = t_or_none(r->received);
		v[i].key.id = r->id;
	}
	qsort(v, q->n, sizeof *v, item_cmp);
	free(st);
	rows = xcalloc(q->n, sizeof *rows);
	for (size_t i = 0; i < q->n; i++)
		rows[i] = q->rows[v[i].idx];
	free(q->rows);
	q->rows = rows;
	free(v);
}

char *qclock_format(const struct qclock *k, char *buf, size_t len)
{
	char t[48];

	if (!k->has_due) {
		snprintf(buf, len, "-");
		return buf;
	}
	if (k->breached && k->left == 0)
		snprintf(t, sizeof t, "-0m");
	else
		sd_fmt_span(k->left, k->business ? k->day_minutes : 0, t, sizeof t);
	snprintf(buf, len, "%s%s%s", k->paused ? "paused " : "", t, k->business ? "" : "*");
	return buf;
}

char *qclock_left_text(const struct qclock *k, char *buf, size_t len)
{
	if (k->paused)
		snprintf(buf, len, "%s", _("paused"));
	else
		qclock_format(k, buf, len);
	return buf;
}

int qclock_new_dues(const struct sla_catalogue *cat, const char *plan, const char *category,
		    const char *channel, const char *overrides, sd_time received, sd_time *reaction,
		    sd_time *resolution, char *err, size_t errlen)
{
	return qclock_new_dues_open(cat, plan, category, channel, overrides, received, NULL, 0, reaction, resolution,
				    err, errlen);
}

int qclock_new_dues_open(const struct sla_catalogue *cat, const char *plan, const char *category,
			 const char *channel, const char *overrides, sd_time received, const int64_t *windows,
			 size_t nwindows, sd_time *reaction, sd_time *resolution, char *err, size_t errlen)
{
	const struct sla_plan *p;
	const struct sla_category *k;
	struct sla_override ov[16];
	char *ovbuf;
	int ch = sla_channel_by_name(channel), nov;
	enum cal_status cs;

	if (!cat || !(p = sla_plan_find(cat, plan))) {
		snprintf(err, errlen, "plan '%s' is not in the plan catalogue", plan);
		return -1;
	}
	if (!(k = sla_category_find(p, category))) {
		snprintf(err, errlen, "plan %s has no category '%s'", plan, category);
		return -1;
	}
	if (ch < 0 || !sla_plan_has_channel(p, (enum sla_channel)ch)) {
		struct strbuf sb = {0};

		for (int c = 0; c < SLA_NCHANNELS; c++)
			if (sla_plan_has_channel(p, (enum sla_channel)c))
				sb_printf(&sb, "%s%s", sb.len ? ", " : "", sla_channel_name((enum sla_channel)c));
		snprintf(err, errlen, "plan %s does not include %s support (it includes: %s)", plan, channel,
			 sb.buf ? sb.buf : "none");
		sb_free(&sb);
		return -1;
	}
	ovbuf = xstrdup(overrides ? overrides : "");
	nov = sla_overrides_parse(ovbuf, ov, SDESK_ARRAY_LEN(ov));
	if (nov < 0) {
		free(ovbuf);
		snprintf(err, errlen, "the contract's target overrides cannot be read");
		return -1;
	}
	{
		struct sla_window *w = nwindows ? xcalloc(nwindows, sizeof *w) : NULL;

		for (size_t i = 0; i < nwindows; i++) {
			w[i].from = windows[2 * i];
			w[i].to = windows[2 * i + 1];
		}
		cs = sla_ticket_dues_open(p, k, (enum sla_channel)ch, received, ov, (size_t)nov, w, nwindows, reaction,
					  resolution);
		free(w);
	}
	free(ovbuf);
	if (cs != CAL_OK) {
		snprintf(err, errlen, "cannot compute the due instants: %s", cal_status_text(cs));
		return -1;
	}
	return 0;
}

/* A German day "2T" (as sd_fmt_span writes it) typed for "2d". */
static void span_days(char *s)
{
	for (size_t i = 1; s[i]; i++)
		if ((s[i] == 'T' || s[i] == 't') && s[i - 1] >= '0' && s[i - 1] <= '9')
			s[i] = 'd';
}

int qclock_parse_estimate(const struct sla_catalogue *cat, const struct queue_row *r, const char *text,
			  sd_time now, sd_time *out, char *err, size_t errlen)
{
	struct sd_duration d;
	const char *why = NULL;
	struct tm tm;
	int y, mo, da, h, mi;
	char typed[64];

	while (*text == ' ')
		text++;
	if (!*text) {
		snprintf(err, errlen, "estimate: type a duration (4h, 2d) or a time (YYYY-MM-DD HH:MM)");
		return -1;
	}
	snprintf(typed, sizeof typed, "%s", text);
	span_days(typed);
	if (sd_parse_datetime(text, &y, &mo, &da, &h, &mi) == 0) {
		memset(&tm, 0, sizeof tm);
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = da;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_isdst = -1;
		if (mo < 1 || mo > 12 || da < 1 || da > 31 || h < 0 || h > 23 || mi < 0 || mi > 59) {
			snprintf(err, errlen, "estimate '%s': not a valid date and time", text);
			return -1;
		}
		*out = (sd_time)mktime(&tm);
	} else if (sd_parse_duration(typed, strlen(typed), &d, &why) == 0) {
		struct qclock k;

		qclock_of(cat, r, SLA_RESOLUTION, now, now, 0, &k);
		if (k.cal) {
			if (sd_add_duration(k.cal, now, &d, out) != CAL_OK) {
				snprintf(err, errlen, "estimate '%s': out of the calendar's range", text);
				return -1;
			}
		} else {
			*out = now + (d.days * 1440 + d.minutes) * 60;
		}
	} else {
		snprintf(err, errlen, "estimate '%s': %s (type 4h, 2d or YYYY-MM-DD HH:MM)", text,
			 why ? why : "not understood");
		return -1;
	}
	if (*out <= now) {
		snprintf(err, errlen, "estimate '%s' is not in the future", text);
		return -1;
	}
	return 0;
}
