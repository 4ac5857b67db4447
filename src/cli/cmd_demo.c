/* sdesk demo setup --database NAME --agent LOGIN: a demo database with
 * realistic data (src/cli/demo_data.c), written through the action wrappers
 * as the respective agents. Every write has a key derived from its place in
 * the data set, so an interrupted setup resumes without duplicates. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/now.h"
#include "base/exitcodes.h"
#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/demo_data.h"
#include "conf/catjson.h"
#include "conf/plans.h"
#include "db/actions.h"
#include "db/billing_q.h"
#include "db/catalogue.h"
#include "db/db.h"
#include "db/migrate.h"
#include "db/setup.h"
#include "engine/billing.h"
#include "engine/calendar.h"
#include "engine/sla.h"

#define MIN 60

struct demo {
	struct db *db;
	const struct sla_catalogue *cat;
	const char *me;
	int64_t now;
	int64_t team[8];
	int64_t account[32], contract[32], contract2[32], key_contact[32];
	int64_t incident;
	char err[700];
};

static void demo_help(FILE *out)
{
	fprintf(out,
		_("Usage: sdesk demo setup --database NAME --agent LOGIN\n"
		"\n"
		"Connects as a PostgreSQL superuser (libpq's PG* environment), creates\n"
		"database NAME if it is missing, applies the schema, loads the plan\n"
		"catalogue, creates login roles for the demo agents (and LOGIN, as a team\n"
		"lead) and loads the demo data once: accounts on every plan, contacts,\n"
		"agents on all three tiers in two teams, open tickets in every SLA state,\n"
		"calls, time entries and budget movements, and a fixed past month for\n"
		"`sdesk statement DWR 2025-03`. A second run reuses the data.\n"
		"Exit codes: 0 ok, 1 database error, 2 usage error.\n"));
}

/* A stable idempotency key (UUID text) for one write of the data set. */
static const char *demo_key(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *demo_key(const char *fmt, ...)
{
	static char out[37];
	char label[128];
	uint64_t h1 = 1469598103934665603ULL, h2 = 0x9e3779b97f4a7c15ULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(label, sizeof(label), fmt, ap);
	va_end(ap);
	for (const char *s = "sdesk-demo:"; *s; s++)
		h1 = (h1 ^ (unsigned char)*s) * 1099511628211ULL;
	for (const char *s = label; *s; s++) {
		h1 = (h1 ^ (unsigned char)*s) * 1099511628211ULL;
		h2 = (h2 ^ (unsigned char)*s) * 0x100000001b3ULL + 0x7f4a7c15ULL;
	}
	snprintf(out, sizeof(out), "%08" PRIx64 "-%04" PRIx64 "-4%03" PRIx64 "-a%03" PRIx64 "-%012" PRIx64,
		h1 >> 32, (h1 >> 16) & 0xffff, h1 & 0xfff, (h2 >> 52) & 0xfff, h2 & (uint64_t)0xffffffffffff);
	return out;
}

static int fail(struct demo *d, const char *what)
{
	snprintf(d->err, sizeof(d->err), "%s: %s", _(what), db_last_error(d->db)->plain);
	return -1;
}

static int as(struct demo *d, const char *login)
{
	if (login && strcmp(login, "@me") == 0)
		login = d->me;
	return dbsetup_act_as(d->db, login) == 0 ? 0 : fail(d, N_("switch person"));
}

/* Local (Europe/Berlin via the convento calendar's zone) date of t, shifted
 * by days, as YYYY-MM-DD; first_of_month: the 1st of that month. */
static void local_date(const struct demo *d, int64_t t, int days, int first_of_month, char out[16])
{
	const struct calendar *cal = cal_set_calendar(d->cat->cals, "convento");
	int64_t day;
	int minute;
	struct civil_date c;

	cal_zone_utc_to_local(cal_zone(cal), t, &day, &minute);
	c = days_to_civil(day + days);
	snprintf(out, 16, "%04d-%02d-%02d", c.year, c.month, first_of_month ? 1 : c.day);
}

static int account_index(const char *code)
{
	for (size_t i = 0; i < demo_naccounts; i++)
		if (strcmp(demo_accounts[i].code, code) == 0)
			return (int)i;
	return -1;
}

static const struct sla_override *account_overrides(const struct demo_account *a, size_t *n,
	struct sla_override *ov, char *buf, size_t buflen)
{
	/* The demo's only override: SWM's per-contract category targets, written
	 * in the format sla_overrides_parse reads. */
	*n = 0;
	if (!a->overrides || !strstr(a->overrides, "targets"))
		return NULL;
	snprintf(buf, buflen, "cat1:reaction:h:2,cat3:reaction:d:5");
	*n = (size_t)sla_overrides_parse(buf, ov, 4);
	return ov;
}

/* The ticket's due instants by the engine (sla_ticket_dues). 0 ok, -1 error. */
static int demo_dues(const struct sla_plan *plan, const struct demo_ticket *t, sd_time received,
	const struct sla_pause *pauses, size_t np, const struct sla_override *ov, size_t nov, sd_time *rea,
	sd_time *res)
{
	int ch = sla_channel_by_name(t->channel);

	if (ch < 0)
		return -1;
	return sla_ticket_dues(plan, sla_category_find(plan, t->category), (enum sla_channel)ch, received, pauses, np,
			       ov, nov, rea, res) == CAL_OK ? 0 : -1;
}

/* Reaction minutes left at now for a ticket received at r (INT64_MIN: none). */
static int64_t remaining_at(const struct sla_plan *plan, const struct demo_ticket *t,
	const struct sla_override *ov, size_t nov, int64_t r, int64_t now)
{
	struct sla_phase ph = { r, plan, sla_category_find(plan, t->category) };
	struct sla_ticket tk = { 0 };
	struct sla_clock_state st[SLA_NCLOCKS];

	tk.channel = (enum sla_channel)sla_channel_by_name(t->channel);
	tk.phases = &ph;
	tk.nphases = 1;
	tk.overrides = ov;
	tk.noverrides = nov;
	if (sla_clocks(&tk, now, 0, st) != CAL_OK || !st[SLA_REACTION].has_target)
		return INT64_MIN;
	return st[SLA_REACTION].remaining;
}

/* The latest whole minute of receipt at which the reaction clock has at
 * least `want` business minutes left at now... found by bisection, since
 * remaining time grows with the receipt instant. */
static int64_t receipt_for(const struct sla_plan *plan, const struct demo_ticket *t,
	const struct sla_override *ov, size_t nov, int64_t now)
{
	int64_t lo = now / MIN - 400 * 1440, hi = now / MIN - 1;

	if (t->remaining == DEMO_AGE || remaining_at(plan, t, ov, nov, now - MIN, now) == INT64_MIN)
		return now - (int64_t)(t->remaining == DEMO_AGE ? t->age : 60) * MIN;
	if (remaining_at(plan, t, ov, nov, hi * MIN, now) < t->remaining)
		return hi * MIN;
	while (lo < hi) {
		int64_t mid = lo + (hi - lo) / 2;

		if (remaining_at(plan, t, ov, nov, mid * MIN, now) >= t->remaining)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo * MIN;
}

static int seed_people(struct demo *d)
{
	int created;
	char from[16];

	for (size_t i = 0; i < demo_nteams; i++)
		if (act_call(d->db, ACT_create_team, demo_key("team:%zu", i), &d->team[i],
			av_str(demo_teams[i])) != 0)
			return fail(d, demo_teams[i]);
	for (size_t i = 0; i < demo_nagents; i++) {
		const struct demo_agent *a = &demo_agents[i];

		if (dbsetup_ensure_login_role(d->db, a->login, a->lead, a->ops, &created) != 0)
			return fail(d, a->login);
		if (dbsetup_agent_exists(d->db, a->login) == 0 &&
		    act_call(d->db, ACT_create_agent, demo_key("agent:%s", a->login), NULL, av_str(a->login),
			av_str(a->name), av_int(a->tier), av_id(d->team[a->team]), av_bool(a->lead)) != 0)
			return fail(d, a->login);
	}
	local_date(d, d->now, -400, 0, from);
	for (size_t i = 0; i < demo_naccounts; i++) {
		const struct demo_account *a = &demo_accounts[i];
		/* The account with a fixed past month runs from a fixed date. */
		const char *since = strcmp(a->code, demo_history_account) == 0 ? demo_history_since : from;

		if (act_call(d->db, ACT_create_account, demo_key("account:%s", a->code), &d->account[i],
			av_str(a->code), av_str(a->name), av_str(since)) != 0)
			return fail(d, a->name);
		if (act_call(d->db, ACT_create_contract, demo_key("contract:%s", a->code), &d->contract[i],
			av_int(d->account[i]), av_str(a->plan), av_str(since), av_null(),
			av_str(a->overrides)) != 0)
			return fail(d, a->name);
		d->contract2[i] = d->contract[i];
		if (a->plan2 && act_call(d->db, ACT_create_contract, demo_key("contract2:%s", a->code),
			&d->contract2[i], av_int(d->account[i]), av_str(a->plan2), av_str(from), av_null(),
			av_null()) != 0)
			return fail(d, a->name);
		if (act_call(d->db, ACT_create_contact, demo_key("key:%s", a->code), &d->key_contact[i],
			av_int(d->account[i]), av_str(a->key_user), av_str("key_user"), av_str(a->key_email),
			av_str(a->key_phone)) != 0)
			return fail(d, a->key_user);
		if (act_call(d->db, ACT_create_contact, demo_key("end:%s", a->code), NULL,
			av_int(d->account[i]), av_str(a->end_user), av_str("end_user"), av_str(a->end_email),
			av_null()) != 0)
			return fail(d, a->end_user);
	}
	return 0;
}

/* Points packages (as a lead). Monthly allowances and activation credits are
 * written by the first booking that needs them (bq_book_call). */
static int seed_budgets(struct demo *d, const char *lead)
{
	if (as(d, lead) != 0)
		return -1;
	for (size_t i = 0; i < demo_naccounts; i++) {
		const struct demo_account *a = &demo_accounts[i];
		int64_t contract = a->plan2 ? d->contract2[i] : d->contract[i];
		const struct sla_plan *p = sla_plan_find(d->cat, a->plan2 ? a->plan2 : a->plan);

		if (!p)
			continue;
		for (size_t k = 0; k < p->budget.npoints; k++) {
			const struct sla_points_kind *pk = &p->budget.points[k];
			/* The database prices the package (sdesk.package_price). */
			if (act_call(d->db, ACT_ledger_package, demo_key("points:%s:%s", a->code, pk->name),
				NULL, av_int(contract), av_str(pk->name), av_int(pk->min_points), av_null(),
				av_str("Punktepaket")) != 0)
				return fail(d, N_("points package"));
		}
	}
	return as(d, NULL);
}

/* The ticket's call and time entry, booked the way the console and `sdesk log`
 * book them (bq_book_call/bq_book_time: split, price, allowance on first use). */
/* A booking that failed: the database's error, or why the plan cannot price it. */
static int fail_booking(struct demo *d, const char *what, int r, const struct bq_booked *bk)
{
	(void)r;
	(void)bk;
	return fail(d, what);
}

static int seed_work(struct demo *d, size_t n, int64_t id, int64_t received, const struct sla_plan *plan)
{
	const struct demo_ticket *t = &demo_tickets[n];
	struct bq_ticket tk;
	struct bq_booked bk;

	if (t->call_seconds <= 0 && t->time_minutes <= 0)
		return 0;
	if (bq_ticket(d->db, id, &tk) < 0)
		return fail(d, N_("read ticket for booking"));
	if (t->call_seconds > 0) {
		sd_time at = received + 5 * MIN;

		int r = bq_book_call(d->db, &tk, at, t->call_seconds, 0, 0, demo_key("call:%zu", n), &bk);

		if (r != 0)
			return fail_booking(d, N_("log call"), r, &bk);
	}
	if (t->time_minutes > 0) {
		const char *kind = "support";
		sd_time at = received + 10 * MIN;

		if (t->managed)
			kind = "managed_service";
		else if (plan->budget.npoints > 0)
			kind = strcmp(plan->budget.points[0].name, "technical") == 0 ? "technical" : "user_support";
		int r = bq_book_time(d->db, &tk, at, t->time_minutes, kind, 0, BQ_TIME_NONE,
				     "Analyse und Rückmeldung an den Kunden", 0, demo_key("time:%zu", n), &bk);

		if (r != 0)
			return fail_booking(d, N_("log time"), r, &bk);
	}
	return 0;
}

static int seed_ticket(struct demo *d, size_t n, const char *lead)
{
	const struct demo_ticket *t = &demo_tickets[n];
	int ai = account_index(t->account);
	const struct demo_account *a = &demo_accounts[ai];
	const char *plan_name = t->contract2 && a->plan2 ? a->plan2 : a->plan;
	const struct sla_plan *plan = sla_plan_find(d->cat, plan_name);
	struct sla_override ov[4];
	char ovbuf[128];
	size_t nov;
	const struct sla_override *ovp = account_overrides(a, &nov, ov, ovbuf, sizeof(ovbuf));
	int64_t received, rea, res, id, contract = t->contract2 ? d->contract2[ai] : d->contract[ai];
	const char *creator = t->assignee && strcmp(t->assignee, "@me") != 0 ? t->assignee : "jana.koehler";

	if (!plan) {
		snprintf(d->err, sizeof(d->err), _("demo ticket %zu: no plan %s"), n, plan_name);
		return -1;
	}
	received = receipt_for(plan, t, ovp, nov, d->now);
	struct sla_pause pause = { received + t->was_paused * MIN, received + 2 * t->was_paused * MIN };
	if (demo_dues(plan, t, received, &pause, t->was_paused ? 1 : 0, ovp, nov, &rea, &res) != 0) {
		snprintf(d->err, sizeof(d->err), _("demo ticket %zu: the engine cannot compute its dues"), n);
		return -1;
	}
	if (as(d, creator) != 0)
		return -1;
	if (t->was_paused) {
		/* Received, waited for the customer, resumed: the dues as before the
		 * pause first, moved by the paused business time on resume. */
		int64_t r0, s0;

		if (demo_dues(plan, t, received, NULL, 0, ovp, nov, &r0, &s0) != 0)
			return fail(d, N_("due instants"));
		if (act_call(d->db, ACT_create_ticket, demo_key("ticket:%zu", n), &id, av_int(d->account[ai]),
			av_int(contract), av_id(d->key_contact[ai]), av_str(t->channel), av_str(t->category),
			av_str(t->subject), av_str(t->description), av_time(received)) != 0)
			return fail(d, t->subject);
		if (act_call(d->db, ACT_pause_ticket, demo_key("pause0:%zu", n), NULL, av_int(id),
			av_time(pause.from), av_str("Rückfrage an den Kunden")) != 0
		    || act_call(d->db, ACT_resume_ticket, demo_key("resume0:%zu", n), NULL, av_int(id),
			av_time(pause.to)) != 0)
			return fail(d, N_("pause and resume"));
	} else if (act_call(d->db, ACT_create_ticket, demo_key("ticket:%zu", n), &id, av_int(d->account[ai]),
		av_int(contract), av_id(d->key_contact[ai]), av_str(t->channel), av_str(t->category),
		av_str(t->subject), av_str(t->description), av_time(received)) != 0) {
		return fail(d, t->subject);
	}
	if (t->assignee) {
		if (as(d, t->assignee) != 0 || act_call(d->db, ACT_take_ticket, demo_key("take:%zu", n), NULL,
			av_int(id)) != 0)
			return fail(d, N_("take ticket"));
	}
	if (t->tier > 1 && act_call(d->db, ACT_set_tier, demo_key("tier:%zu", n), NULL, av_int(id),
		av_int(t->tier),
		av_str(t->tier == 3 ? "Softwarefehler: an den 3rd Level zur Analyse" : "braucht Plattformwissen")) != 0)
		return fail(d, N_("set tier"));
	if (t->ack_after) {
		int64_t at = received + t->ack_after * MIN;
		int64_t est = t->estimate_hours ? (t->extensions ? received + 4 * 3600 : d->now + t->estimate_hours * 3600)
			: ACT_NO_TIME;

		if (at > d->now)
			at = d->now;
		if (act_call(d->db, ACT_first_contact, demo_key("ack:%zu", n), NULL, av_int(id), av_time(at),
			av_null(), av_time(est)) != 0)
			return fail(d, N_("first contact"));
		for (int k = 1; k <= t->extensions; k++) {
			int64_t due = k == t->extensions ? d->now + t->estimate_hours * 3600 : received + (4 + 24 * k) * 3600;

			if (act_call(d->db, ACT_extend_estimate, demo_key("extend:%zu:%d", n, k), NULL,
				av_int(id), av_time(due),
				av_str(k == 1 ? "Ursache liegt tiefer als angenommen" : "Hersteller-Patch verzögert sich")) != 0)
				return fail(d, N_("extend estimate"));
		}
	}
	if (t->escalation || t->extended) {
		if (as(d, lead) != 0 || act_call(d->db, ACT_set_escalation, demo_key("escalate:%zu", n), NULL,
			av_int(id), av_int(t->escalation ? t->escalation : 2), av_bool(t->extended),
			av_str("Keine Lösung im Standardprozess: Geschäftsleitungen beider Seiten einbezogen")) != 0)
			return fail(d, N_("escalate"));
		if (as(d, t->assignee ? t->assignee : creator) != 0)
			return -1;
	}
	if (t->managed && act_call(d->db, ACT_mark_managed_service, demo_key("managed:%zu", n), NULL,
		av_int(id), av_time(received + 20 * MIN), av_str("email")) != 0)
		return fail(d, N_("managed service"));
	if (t->dev_ref && act_call(d->db, ACT_link_dev_ticket, demo_key("dev:%zu", n), NULL, av_int(id),
		av_str("Jira"), av_str(t->dev_ref), av_str("bug"), av_null()) != 0)
		return fail(d, N_("dev link"));
	if (seed_work(d, n, id, received, plan) != 0)
		return -1;
	if (t->incident) {
		if (as(d, lead) != 0)
			return -1;
		if (!d->incident && act_call(d->db, ACT_create_incident, demo_key("incident"), &d->incident,
			av_str("Störung Anmeldedienst Invitario-Portal"),
			av_str("Der zentrale Anmeldedienst weist alle Anmeldungen ab."),
			av_time(d->now - 90 * MIN), av_time(d->now + 2 * 3600)) != 0)
			return fail(d, N_("incident"));
		if (act_call(d->db, ACT_link_incident, demo_key("link:%zu", n), NULL, av_int(id),
			av_int(d->incident)) != 0)
			return fail(d, N_("link incident"));
	}
	if (t->pause_minutes) {
		int64_t at = d->now - t->pause_minutes * MIN;

		if (at < received + MIN)
			at = received + MIN;
		if (act_call(d->db, ACT_pause_ticket, demo_key("pause:%zu", n), NULL, av_int(id), av_time(at),
			av_str("Warten auf Logdateien vom Kunden")) != 0)
			return fail(d, N_("pause"));
	}
	return as(d, NULL);
}

/* "YYYY-MM-DD HH:MM" local in the ledger's zone to an instant. */
static sd_time demo_instant(const struct demo *d, const char *text)
{
	int y, mo, dd, h, mi;

	if (sscanf(text, "%d-%d-%d %d:%d", &y, &mo, &dd, &h, &mi) != 5)
		return ACT_NO_TIME;
	return cal_zone_local_to_utc(bill_ledger_zone(d->cat), civil_to_days(y, mo, dd), h * 60 + mi);
}

/* The fixed past month of demo_history_account (demo_past_tickets): tickets
 * received, answered and resolved, their calls and time booked through
 * bq_book_call/bq_book_time like the console's, all at fixed instants. */
static int seed_history(struct demo *d)
{
	int ai = account_index(demo_history_account);
	const struct sla_plan *plan = ai < 0 ? NULL : sla_plan_find(d->cat, demo_accounts[ai].plan);

	if (!plan) {
		snprintf(d->err, sizeof(d->err), _("demo history: no account or plan %s"), demo_history_account);
		return -1;
	}
	for (size_t n = 0; n < demo_npast; n++) {
		const struct demo_past_ticket *t = &demo_past_tickets[n];
		sd_time received = demo_instant(d, t->received);
		int64_t id;
		struct bq_ticket tk;
		struct bq_booked bk;

		if (as(d, t->assignee) != 0)
			return -1;
		if (act_call(d->db, ACT_create_ticket, demo_key("past:%zu", n), &id, av_int(d->account[ai]),
			av_int(d->contract[ai]), av_id(d->key_contact[ai]), av_str(t->channel),
			av_str(t->category), av_str(t->subject), av_str(t->description), av_time(received)) != 0)
			return fail(d, t->subject);
		if (act_call(d->db, ACT_take_ticket, demo_key("past-take:%zu", n), NULL, av_int(id)) != 0 ||
		    act_call(d->db, ACT_first_contact, demo_key("past-ack:%zu", n), NULL, av_int(id),
			av_time(demo_instant(d, t->first_contact)), av_null(), av_time(ACT_NO_TIME)) != 0)
			return fail(d, N_("first contact"));
		if (bq_ticket(d->db, id, &tk) < 0)
			return fail(d, N_("read ticket for booking"));
		for (size_t k = 0; k < SDESK_ARRAY_LEN(t->work) && t->work[k].at; k++) {
			const struct demo_work *w = &t->work[k];
			sd_time at = demo_instant(d, w->at);
			int r;

			if (w->call_seconds > 0)
				r = bq_book_call(d->db, &tk, at, w->call_seconds, w->hotline, 0,
						 demo_key("past-call:%zu:%zu", n, k), &bk);
			else
				r = bq_book_time(d->db, &tk, at, w->time_minutes, w->kind, 0, BQ_TIME_NONE,
						 "Analyse und Rückmeldung an den Kunden", 0,
						 demo_key("past-time:%zu:%zu", n, k), &bk);
			if (r != 0)
				return fail_booking(d, w->call_seconds > 0 ? "log call" : "log time", r, &bk);
		}
		if (act_call(d->db, ACT_resolve_ticket, demo_key("past-resolve:%zu", n), NULL, av_int(id),
			av_time(demo_instant(d, t->resolved)), av_str("Behoben, Kunde informiert")) != 0)
			return fail(d, N_("resolve"));
	}
	return as(d, NULL);
}

/* Incident broadcast, maintenance window, standby booking (as the lead). */
static int seed_operations(struct demo *d, const char *lead)
{
	const struct calendar *cal = cal_set_calendar(d->cat->cals, "convento");
	int64_t day, earliest, start;
	int minute;

	if (as(d, lead) != 0)
		return -1;
	if (d->incident && act_call(d->db, ACT_broadcast_incident, demo_key("broadcast"), NULL,
		av_int(d->incident),
		av_str("Der Anmeldedienst ist gestört; wir arbeiten mit Hochdruck an der Behebung."),
		av_time(d->now + 2 * 3600), av_time(d->now)) != 0)
		return fail(d, N_("broadcast"));
	/* Planned maintenance: the first Friday at least 3 days ahead, 18:00-22:00 (001). */
	cal_zone_utc_to_local(cal_zone(cal), d->now, &day, &minute);
	day += 3;
	while (civil_weekday(day) != 4)
		day++;
	start = cal_zone_local_to_utc(cal_zone(cal), day, 18 * 60);
	if (act_call(d->db, ACT_create_maintenance, demo_key("maintenance"), NULL,
		av_str("Geplante Wartung Mailing-Cluster"), av_str("convento"), av_time(start),
		av_time(start + 4 * 3600), av_time(d->now)) != 0)
		return fail(d, N_("maintenance"));
	/* Extended standby, booked 3 working days ahead (001): that evening. */
	if (cal_add_days(cal, d->now, 3, &earliest) != CAL_OK) {
		snprintf(d->err, sizeof(d->err), _("standby: the convento calendar has no working days ahead"));
		return -1;
	}
	cal_zone_utc_to_local(cal_zone(cal), earliest, &day, &minute);
	start = cal_zone_local_to_utc(cal_zone(cal), day + 1, 18 * 60);
	if (act_call(d->db, ACT_book_standby, demo_key("standby"), NULL,
		av_int(d->contract[account_index("OWS")]), av_time(start), av_time(start + 4 * 3600),
		av_null()) != 0)
		return fail(d, N_("standby booking"));
	return as(d, NULL);
}

static int setup(const char *path, const char *dbname, const char *me)
{
	struct sla_catalogue cat;
	struct conf_cat_json js;
	struct catalogue_report rep;
	struct demo d;
	struct db *admin, *db;
	char err[1024], *conninfo, *q;
	int created, rc = SDESK_EXIT_RUNTIME;
	int64_t accounts = 0, tickets = 0;
	const char *lead = "oezlem.yilmaz";

	if (conf_load_plans(path, &cat, err, sizeof(err)) != 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		return SDESK_EXIT_USAGE;
	}
	if (conf_cat_json_read(path, &js, err, sizeof(err)) != 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		sla_catalogue_free(&cat);
		return SDESK_EXIT_USAGE;
	}
	admin = db_connect("");
	if (!db_connected(admin)) {
		fprintf(stderr, "sdesk: demo: %s\n", db_last_error(admin)->plain);
		db_close(admin);
		goto out_cat;
	}
	if (dbsetup_ensure_database(admin, dbname, &created) != 0) {
		fprintf(stderr, _("sdesk: demo: database %s: %s\n"), dbname, db_last_error(admin)->plain);
		db_close(admin);
		goto out_cat;
	}
	printf(_("database %s: %s\n"), dbname, created ? _("created") : _("exists, reused"));
	db_close(admin);

	q = xstrdup(dbname);
	conninfo = xasprintf("dbname='%s'", q);
	free(q);
	db = db_connect(conninfo);
	free(conninfo);
	if (!db_connected(db)) {
		fprintf(stderr, "sdesk: demo: %s\n", db_last_error(db)->plain);
		goto out_db;
	}
	{
		enum migrate_outcome o = db_migrate(db, stdout, stderr);

		if (o != MIGRATE_APPLIED && o != MIGRATE_UP_TO_DATE)
			goto out_db;
	}
	{
		/* A demo database: SDESK_NOW may pin its clock (clock_pin,
		 * doc/security.md "The pinned now"). */
		if (dbsetup_mark_demo(db) != 0) {
			fprintf(stderr, _("sdesk: demo: marking a demo database: %s\n"), db_last_error(db)->plain);
			goto out_db;
		}
	}
	if (catalogue_load(db, &cat, &js, 0, sd_now(), &rep) != 0) {
		fprintf(stderr, _("sdesk: demo: plans load: %s\n"), rep.error);
		catalogue_report_free(&rep);
		goto out_db;
	}
	printf(_("plan catalogue %s: %d plans, %d calendars (%d added, %d changed)\n"), path,
		rep.plan_added + rep.plan_changed + rep.plan_unchanged,
		rep.cal_added + rep.cal_changed + rep.cal_unchanged, rep.plan_added + rep.cal_added,
		rep.plan_changed + rep.cal_changed);
	catalogue_report_free(&rep);

	memset(&d, 0, sizeof(d));
	d.db = db;
	d.cat = &cat;
	d.me = me;
	d.now = sd_now();
	if (dbsetup_ensure_login_role(db, me, 1, 1, &created) != 0) {
		fprintf(stderr, _("sdesk: demo: login role %s: %s\n"), me, db_last_error(db)->plain);
		goto out_db;
	}
	if (dbsetup_counts(db, demo_accounts[0].code, &accounts, &tickets) != 0) {
		fprintf(stderr, "sdesk: demo: %s\n", db_last_error(db)->plain);
		goto out_db;
	}
	if (accounts > 0 && tickets > 0) {
		printf(_("demo data already loaded (%" PRId64 " tickets): reusing it\n"), tickets);
	} else {
		if (seed_people(&d) != 0)
			goto fail;
		if (seed_budgets(&d, lead) != 0)
			goto fail;
		for (size_t i = 0; i < demo_ntickets; i++)
			if (seed_ticket(&d, i, lead) != 0)
				goto fail;
		if (seed_history(&d) != 0)
			goto fail;
		if (seed_operations(&d, lead) != 0)
			goto fail;
		printf(_("demo data loaded: %zu accounts, %zu agents, %zu tickets (and %zu resolved of %s's fixed month)\n"),
			demo_naccounts, demo_nagents, demo_ntickets, demo_npast, demo_history_account);
	}
	if (dbsetup_agent_exists(db, me) == 0) {
		int64_t team = 0;

		act_call(db, ACT_create_team, demo_key("team:0"), &team, av_str(demo_teams[0]));
		if (act_call(db, ACT_create_agent, demo_key("agent:%s", me), NULL, av_str(me), av_str(me),
			av_int(3), av_id(team), av_bool(1)) != 0) {
			fprintf(stderr, _("sdesk: demo: agent %s: %s\n"), me, db_last_error(db)->plain);
			goto out_db;
		}
	}
	printf(_("agent %s: login role, team lead (sdesk_lead, sdesk_ops)\n"), me);
	rc = SDESK_EXIT_OK;
	goto out_db;
fail:
	fprintf(stderr, "sdesk: demo: %s\n", d.err);
	dbsetup_act_as(db, NULL);
out_db:
	db_close(db);
out_cat:
	conf_cat_json_free(&js);
	sla_catalogue_free(&cat);
	return rc;
}

int cmd_demo(struct sdesk_ctx *ctx, int argc, char **argv)
{
	const char *dbname = NULL, *me = NULL;

	if (argc >= 2 && cli_is_help(argv[1])) {
		demo_help(stdout);
		return SDESK_EXIT_OK;
	}
	if (argc < 2)
		return cli_usage_error("demo", "missing subcommand: setup");
	if (strcmp(argv[1], "setup") != 0)
		return cli_usage_error("demo", "unknown subcommand '%s' (setup)", argv[1]);
	for (int i = 2; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			demo_help(stdout);
			return SDESK_EXIT_OK;
		} else if (strcmp(argv[i], "--database") == 0 && i + 1 < argc) {
			dbname = argv[++i];
		} else if (strcmp(argv[i], "--agent") == 0 && i + 1 < argc) {
			me = argv[++i];
		} else {
			return cli_usage_error("demo", "unexpected argument '%s'", argv[i]);
		}
	}
	if (!dbname || !*dbname)
		return cli_usage_error("demo", "setup needs --database NAME");
	if (!me || !*me)
		return cli_usage_error("demo", "setup needs --agent LOGIN");
	return setup(cli_plans_path(ctx), dbname, me);
}
