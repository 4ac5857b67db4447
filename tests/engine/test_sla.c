/* SLA clocks over the shipped plan catalogue ($SDESK_PLANS): worked examples
 * from the seeds, computed by hand (reasoning beside each row), pauses, plan
 * changes, remaining time, queue order, the formatter, and loader errors. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf/plans.h"
#include "engine/sla.h"
#include "engine/timefmt.h"

static struct sla_catalogue cat;

static void load(void)
{
	char err[512];
	const char *file = getenv("SDESK_PLANS");

	ck_assert_msg(file != NULL, "SDESK_PLANS is not set");
	ck_assert_msg(conf_load_plans(file, &cat, err, sizeof(err)) == 0, "%s", err);
}

static void unload(void)
{
	sla_catalogue_free(&cat);
}

static sd_time T(const char *iso)
{
	sd_time t;
	const char *why = NULL;

	ck_assert_msg(sd_parse_instant(iso, strlen(iso), &t, &why) == 0, "%s: %s", iso, why ? why : "?");
	return t;
}

/* The instant as ISO 8601 in its calendar's zone; "-" for none. */
static const char *fmt(sd_time t, const struct calendar *cal, char *buf)
{
	if (t == SLA_NO_TIME)
		return strcpy(buf, "-");
	sd_format_instant(t, cal_zone_offset(cal_zone(cal), t), buf);
	return buf;
}

struct due_case {
	const char *plan, *category, *channel, *received;
	const char *reaction, *resolution; /* "-" = no target */
};

/* Every expected value below was counted on paper from the seeds' hours:
 * invitario Mon-Thu 09-17, Fri 09-15, AT holidays, Europe/Vienna;
 * invitario-days 00-24 Mon-Fri, AT; convento Mon-Fri 08-18, NRW;
 * response Mon-Fri 09-18, DE; seitenbau Mon-Fri 09-17, BW; ilias Mon-Fri
 * 09-17, DE plus 24/31 Dec. 2026-03-02 is a Monday; Ascension 2026 is
 * Thursday 14 May (Easter 5 April + 39). */
static const struct due_case due_cases[] = {
	/* Gold call-back, Friday 12:59: by 13:00 -> the close of that day
	 * (Friday closes at 15:00). */
	{"invitario-gold", "light", "callback", "2026-03-06T12:59:00+01:00", "2026-03-06T15:00:00+01:00", "-"},
	/* exactly 13:00:00 is still "bis 13:00" */
	{"invitario-gold", "light", "callback", "2026-03-06T13:00:00+01:00", "2026-03-06T15:00:00+01:00", "-"},
	/* 13:01 -> 12:00 of the next working day, over the weekend: Monday */
	{"invitario-gold", "light", "callback", "2026-03-06T13:01:00+01:00", "2026-03-09T12:00:00+01:00", "-"},
	/* Saturday: a non-working day -> 12:00 next working day */
	{"invitario-gold", "question", "callback", "2026-03-07T10:00:00+01:00", "2026-03-09T12:00:00+01:00", "-"},
	/* critical call-back 13:01 Fri: the 4 h cap is earlier than Monday
	 * 12:00: Fri 13:01-15:00 = 119 min, Mon 09:00 + 121 min = 11:01 */
	{"invitario-gold", "critical", "callback", "2026-03-06T13:01:00+01:00", "2026-03-09T11:01:00+01:00", "-"},
	/* Wednesday before Ascension, 14:00, call-back: next working day is
	 * Friday 15 May (Thursday is a holiday) -> 12:00 (CEST) */
	{"invitario-gold", "light", "callback", "2026-05-13T14:00:00+02:00", "2026-05-15T12:00:00+02:00", "-"},
	/* on Ascension Day itself -> Friday 12:00 */
	{"invitario-gold", "light", "callback", "2026-05-14T09:00:00+02:00", "2026-05-15T12:00:00+02:00", "-"},
	/* Gold ticket 24 h from Wed 10:00 before Ascension: Wed 10-24 = 14 h,
	 * Thu skipped, Fri 00:00 + 10 h */
	{"invitario-gold", "light", "ticket", "2026-05-13T10:00:00+02:00", "2026-05-15T10:00:00+02:00", "-"},
	/* Bronze 48 h over a weekend: Fri 10-24 = 14 h, Mon 24 h (38 h),
	 * Tue 00:00 + 10 h */
	{"invitario-bronze", "light", "ticket", "2026-03-06T10:00:00+01:00", "2026-03-10T10:00:00+01:00", "-"},
	/* Silver 24 h from Thu 16:00: Thu 8 h, Fri 00:00 + 16 h */
	{"invitario-silver", "question", "ticket", "2026-03-05T16:00:00+01:00", "2026-03-06T16:00:00+01:00", "-"},
	/* Bronze critical 4 h across the Friday 15:00 close: Fri 13:30-15:00 =
	 * 90 min, Mon 09:00 + 150 min = 11:30 */
	{"invitario-bronze", "critical", "ticket", "2026-03-06T13:30:00+01:00", "2026-03-09T11:30:00+01:00", "-"},
	/* severe received Sunday: Mon 09:00 + 4 h */
	{"invitario-silver", "severe", "ticket", "2026-03-08T11:00:00+01:00", "2026-03-09T13:00:00+01:00", "-"},
	/* Convento critical 17:30, in the last hour of standby: reaction 1 h
	 * = 30 min Tue + 30 min Wed -> 08:30; resolution starts at the next
	 * opening (Wed 08:00) + 4 h = 12:00 */
	{"convento", "critical", "chat", "2026-03-03T17:30:00+01:00", "2026-03-04T08:30:00+01:00",
	 "2026-03-04T12:00:00+01:00"},
	/* 17:00 is "up to one hour before the end": worked on at once;
	 * resolution 60 min Tue + 180 min Wed -> 11:00 */
	{"convento", "critical", "chat", "2026-03-03T17:00:00+01:00", "2026-03-03T18:00:00+01:00",
	 "2026-03-04T11:00:00+01:00"},
	/* 16:59: 61 min Tue + 179 min Wed -> 10:59 */
	{"convento", "critical", "email", "2026-03-03T16:59:00+01:00", "2026-03-03T17:59:00+01:00",
	 "2026-03-04T10:59:00+01:00"},
	/* Convento essential 14 working days from Mon 15 Dec 2025 10:00: Dec
	 * 16,17,18,19,22,23,24 (7), 25/26 NRW holidays, 29,30,31 (10), Jan 1
	 * holiday, Jan 2,5,6 (13; Epiphany is no NRW holiday), Jan 7 (14) */
	{"convento-premium", "essential", "phone", "2025-12-15T10:00:00+01:00", "2025-12-15T11:00:00+01:00",
	 "2026-01-07T10:00:00+01:00"},
	/* minor: 24 standby hours from Mon 10:00 = Mon 8 h, Tue 10 h, Wed
	 * 08:00 + 6 h = 14:00; 90 working days: 18 weeks reach Mon 6 July,
	 * plus one day for each NRW holiday on a weekday in between (Good
	 * Friday, Easter Monday, 1 May, Ascension, Whit Monday, Corpus
	 * Christi: 6) -> Tue 14 July 10:00 CEST */
	{"convento", "minor", "email", "2026-03-02T10:00:00+01:00", "2026-03-04T14:00:00+01:00",
	 "2026-07-14T10:00:00+02:00"},
	/* support level 3, Friday 16:00: Fri 16-18 = 2 h, Mon 09:00 + 2 h */
	{"support-level-3", "bug", "phone", "2026-03-06T16:00:00+01:00", "2026-03-09T11:00:00+01:00", "-"},
	/* level 2, 24 h: Fri 2 h, Mon 9 h, Tue 9 h (20 h), Wed 09:00 + 4 h */
	{"support-level-2", "question", "email", "2026-03-06T16:00:00+01:00", "2026-03-11T13:00:00+01:00", "-"},
	/* level 1 guarantees no response */
	{"support-level-1", "bug", "phone", "2026-03-06T16:00:00+01:00", "-", "-"},
	/* Seitenbau defaults: cat1 4 h from Mon 16:00 = 1 h + Tue 09:00 + 3 h */
	{"seitenbau-base", "cat1", "ticket", "2026-03-02T16:00:00+01:00", "2026-03-03T12:00:00+01:00", "-"},
	/* on-call cat1 1 h: Fri 16:30 + 30 min, Mon 09:30 */
	{"seitenbau-oncall", "cat1", "oncall", "2026-03-06T16:30:00+01:00", "2026-03-09T09:30:00+01:00", "-"},
	/* ILIAS: 1 working day from Wed 23 Dec 2026 10:00: 24 Dec closed,
	 * 25 Dec holiday (Fri), weekend -> Mon 28 Dec 10:00 */
	{"ilias-user", "question", "email", "2026-12-23T10:00:00+01:00", "2026-12-28T10:00:00+01:00", "-"},
};

START_TEST(due_examples)
{
	const struct due_case *c = &due_cases[_i];
	const struct sla_plan *p = sla_plan_find(&cat, c->plan);
	const struct sla_category *k;
	struct sla_phase ph;
	struct sla_ticket tk = {0};
	struct sla_clock_state st[SLA_NCLOCKS];
	char a[40], b[40];

	ck_assert_msg(p != NULL, "plan %s", c->plan);
	k = sla_category_find(p, c->category);
	ck_assert_msg(k != NULL, "category %s", c->category);
	ph = (struct sla_phase){T(c->received), p, k};
	tk.channel = (enum sla_channel)sla_channel_by_name(c->channel);
	ck_assert(sla_plan_has_channel(p, tk.channel));
	tk.phases = &ph;
	tk.nphases = 1;
	ck_assert_int_eq(sla_clocks(&tk, SLA_NO_TIME, 0, st), CAL_OK);
	ck_assert_str_eq(fmt(st[SLA_REACTION].due, st[SLA_REACTION].cal, a), c->reaction);
	ck_assert_str_eq(fmt(st[SLA_RESOLUTION].due, st[SLA_RESOLUTION].cal, b), c->resolution);
}
END_TEST

/* ---- pauses and plan changes -------------------------------------------- */

struct pause_case {
	const char *plan, *category, *channel, *received;
	const char *pf[2], *pt[2]; /* up to two pauses; pt NULL = still open */
	int clock;
	const char *due; /* "-" = stopped */
};

static const struct pause_case pause_cases[] = {
	/* level 3 Mon 10:00 -> 14:00; pause 11:00-12:30 = 90 business min
	 * -> 15:30 */
	{"support-level-3", "bug", "phone", "2026-03-02T10:00:00+01:00",
	 {"2026-03-02T11:00:00+01:00", NULL}, {"2026-03-02T12:30:00+01:00", NULL}, SLA_REACTION,
	 "2026-03-02T15:30:00+01:00"},
	/* received Mon 16:00 (no pause: Tue 11:00); pause Mon 17:00 - Tue
	 * 10:00 holds 60 + 60 business minutes -> Tue 13:00 (wall-clock shift
	 * would give 17 h more, "keep the deadline" 11:00) */
	{"support-level-3", "bug", "phone", "2026-03-02T16:00:00+01:00",
	 {"2026-03-02T17:00:00+01:00", NULL}, {"2026-03-03T10:00:00+01:00", NULL}, SLA_REACTION,
	 "2026-03-03T13:00:00+01:00"},
	/* a pause entirely outside business hours moves nothing */
	{"support-level-3", "bug", "phone", "2026-03-02T16:00:00+01:00",
	 {"2026-03-02T19:00:00+01:00", NULL}, {"2026-03-03T08:00:00+01:00", NULL}, SLA_REACTION,
	 "2026-03-03T11:00:00+01:00"},
	/* two pauses: 10:30-11:00 (30) and 13:00-13:15 (15) -> 14:45 */
	{"support-level-3", "bug", "phone", "2026-03-02T10:00:00+01:00",
	 {"2026-03-02T10:30:00+01:00", "2026-03-02T13:00:00+01:00"},
	 {"2026-03-02T11:00:00+01:00", "2026-03-02T13:15:00+01:00"}, SLA_REACTION, "2026-03-02T14:45:00+01:00"},
	/* an open pause stops the clock: no due instant */
	{"support-level-3", "bug", "phone", "2026-03-02T10:00:00+01:00",
	 {"2026-03-02T11:00:00+01:00", NULL}, {NULL, NULL}, SLA_REACTION, "-"},
	/* Convento pauses stop resolution only: critical Tue 10:00, pause
	 * 10:15-10:45: reaction stays 11:00, resolution 14:00 + 30 min */
	{"convento", "critical", "chat", "2026-03-03T10:00:00+01:00",
	 {"2026-03-03T10:15:00+01:00", NULL}, {"2026-03-03T10:45:00+01:00", NULL}, SLA_REACTION,
	 "2026-03-03T11:00:00+01:00"},
	{"convento", "critical", "chat", "2026-03-03T10:00:00+01:00",
	 {"2026-03-03T10:15:00+01:00", NULL}, {"2026-03-03T10:45:00+01:00", NULL}, SLA_RESOLUTION,
	 "2026-03-03T14:30:00+01:00"},
	/* pause over a Friday close: Bronze critical Fri 13:00 (4 h: Fri 2 h,
	 * Mon 11:00); paused Fri 14:00 - Mon 10:00 = 60 + 60 min -> Mon 13:00 */
	{"invitario-bronze", "critical", "ticket", "2026-03-06T13:00:00+01:00",
	 {"2026-03-06T14:00:00+01:00", NULL}, {"2026-03-09T10:00:00+01:00", NULL}, SLA_REACTION,
	 "2026-03-09T13:00:00+01:00"},
};

START_TEST(pauses)
{
	const struct pause_case *c = &pause_cases[_i];
	const struct sla_plan *p = sla_plan_find(&cat, c->plan);
	struct sla_phase ph = {T(c->received), p, sla_category_find(p, c->category)};
	struct sla_pause ps[2];
	struct sla_ticket tk = {0};
	struct sla_clock_state st[SLA_NCLOCKS];
	char a[40];
	size_t n = 0;

	for (int i = 0; i < 2; i++)
		if (c->pf[i])
			ps[n++] = (struct sla_pause){T(c->pf[i]), c->pt[i] ? T(c->pt[i]) : SLA_OPEN};
	tk.channel = (enum sla_channel)sla_channel_by_name(c->channel);
	tk.phases = &ph;
	tk.nphases = 1;
	tk.pauses = ps;
	tk.npauses = n;
	ck_assert_int_eq(sla_clocks(&tk, SLA_NO_TIME, 0, st), CAL_OK);
	ck_assert_str_eq(fmt(st[c->clock].due, st[c->clock].cal, a), c->due);
	ck_assert_int_eq(st[c->clock].paused, strcmp(c->due, "-") == 0);
}
END_TEST

/* Level 2 from Mon 10:00 (24 h: Wed 16:00), paused Mon 12:00 - Tue 12:00,
 * switched to level 3 at Mon 15:00 while paused. Used before the switch:
 * 10:00-12:00 = 120 min; level 3 allows 240, so 120 remain after the pause
 * ends Tue 12:00 -> Tue 14:00. While still paused (now Mon 16:00) the clock
 * is stopped with 120 min left. */
START_TEST(plan_change_while_paused)
{
	const struct sla_plan *l2 = sla_plan_find(&cat, "support-level-2");
	const struct sla_plan *l3 = sla_plan_find(&cat, "support-level-3");
	struct sla_phase ph[2] = {
		{T("2026-03-02T10:00:00+01:00"), l2, sla_category_find(l2, "bug")},
		{T("2026-03-02T15:00:00+01:00"), l3, sla_category_find(l3, "bug")},
	};
	struct sla_pause ps = {T("2026-03-02T12:00:00+01:00"), T("2026-03-03T12:00:00+01:00")};
	struct sla_ticket tk = {.channel = SLA_CH_PHONE, .phases = ph, .nphases = 2, .pauses = &ps, .npauses = 1};
	struct sla_clock_state st[SLA_NCLOCKS];
	char a[40];

	ck_assert_int_eq(sla_clocks(&tk, T("2026-03-03T13:00:00+01:00"), 60, st), CAL_OK);
	ck_assert_str_eq(fmt(st[SLA_REACTION].due, st[SLA_REACTION].cal, a), "2026-03-03T14:00:00+01:00");
	/* at Tue 13:00: 120 used before + 60 since the pause -> 60 left */
	ck_assert_int_eq(st[SLA_REACTION].remaining, 60);
	ck_assert(st[SLA_REACTION].at_risk);
	ck_assert(!st[SLA_REACTION].breached);

	ps.to = SLA_OPEN;
	ck_assert_int_eq(sla_clocks(&tk, T("2026-03-02T16:00:00+01:00"), 60, st), CAL_OK);
	ck_assert(st[SLA_REACTION].paused);
	ck_assert(st[SLA_REACTION].due == SLA_NO_TIME);
	ck_assert_int_eq(st[SLA_REACTION].remaining, 120);
}
END_TEST

/* Level 3 Mon 10:00 -> due 14:00. At 13:30: 30 min left, at risk (60). At
 * 15:10: breached by 70 business minutes. At 20:00 Mon: 18:00 close, so
 * breached by 4 h (10:00-18:00 = 480 used of 240). */
START_TEST(remaining_and_flags)
{
	const struct sla_plan *p = sla_plan_find(&cat, "support-level-3");
	struct sla_phase ph = {T("2026-03-02T10:00:00+01:00"), p, sla_category_find(p, "bug")};
	struct sla_ticket tk = {.channel = SLA_CH_EMAIL, .phases = &ph, .nphases = 1};
	struct sla_clock_state st[SLA_NCLOCKS];

	ck_assert_int_eq(sla_clocks(&tk, T("2026-03-02T13:30:00+01:00"), 60, st), CAL_OK);
	ck_assert_int_eq(st[SLA_REACTION].remaining, 30);
	ck_assert(st[SLA_REACTION].at_risk && !st[SLA_REACTION].breached);
	ck_assert_int_eq(st[SLA_REACTION].budget, 240);
	ck_assert_int_eq(sla_clocks(&tk, T("2026-03-02T12:00:00+01:00"), 60, st), CAL_OK);
	ck_assert(!st[SLA_REACTION].at_risk);
	ck_assert_int_eq(sla_clocks(&tk, T("2026-03-02T15:10:00+01:00"), 60, st), CAL_OK);
	ck_assert_int_eq(st[SLA_REACTION].remaining, -70);
	ck_assert(st[SLA_REACTION].breached && !st[SLA_REACTION].at_risk);
	ck_assert_int_eq(sla_clocks(&tk, T("2026-03-02T20:00:00+01:00"), 60, st), CAL_OK);
	ck_assert_int_eq(st[SLA_REACTION].remaining, -240);
	ck_assert(!st[SLA_RESOLUTION].has_target);
}
END_TEST

/* A contract's own category-1 time replaces the default: 2 h from Mon
 * 16:00 = 1 h Mon + Tue 09:00 + 1 h = 10:00 (default 4 h: 12:00). */
START_TEST(contract_override)
{
	const struct sla_plan *p = sla_plan_find(&cat, "seitenbau-base");
	struct sla_phase ph = {T("2026-03-02T16:00:00+01:00"), p, sla_category_find(p, "cat1")};
	struct sla_override ov = {"cat1", SLA_REACTION, {SLA_HOURS, 2}};
	struct sla_ticket tk = {.channel = SLA_CH_TICKET, .phases = &ph, .nphases = 1, .overrides = &ov,
				.noverrides = 1};
	struct sla_clock_state st[SLA_NCLOCKS];
	char a[40];

	ck_assert_int_eq(sla_clocks(&tk, SLA_NO_TIME, 0, st), CAL_OK);
	ck_assert_str_eq(fmt(st[SLA_REACTION].due, st[SLA_REACTION].cal, a), "2026-03-03T10:00:00+01:00");
	ov.category = "cat2"; /* not this ticket's category: default again */
	ck_assert_int_eq(sla_clocks(&tk, SLA_NO_TIME, 0, st), CAL_OK);
	ck_assert_str_eq(fmt(st[SLA_REACTION].due, st[SLA_REACTION].cal, a), "2026-03-03T12:00:00+01:00");
}
END_TEST

/* ---- the catalogue itself ------------------------------------------------ */

START_TEST(catalogue_fields)
{
	static const char *const all[] = {"invitario-bronze", "invitario-silver", "invitario-gold", "convento",
					  "convento-premium", "support-level-1", "support-level-2", "support-level-3",
					  "seitenbau-base", "seitenbau-oncall", "ilias-technical", "ilias-user"};
	const struct sla_plan *p;

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		ck_assert_msg(sla_plan_find(&cat, all[i]) != NULL, "missing plan %s", all[i]);
	p = sla_plan_find(&cat, "invitario-gold");
	ck_assert_int_eq(p->vat_bp, 2000);
	ck_assert(sla_plan_has_channel(p, SLA_CH_CALLBACK));
	ck_assert(!sla_plan_has_channel(sla_plan_find(&cat, "invitario-silver"), SLA_CH_CALLBACK));
	ck_assert_int_eq(p->budget.managed_hour_cents, 12000);
	ck_assert_int_eq(p->budget.rush_hour_cents, 18000);
	ck_assert_int_eq(p->ncats, 4);
	ck_assert(!sla_plan_has_channel(sla_plan_find(&cat, "convento"), SLA_CH_PHONE));
	ck_assert(sla_plan_has_channel(sla_plan_find(&cat, "convento-premium"), SLA_CH_PHONE));
	p = sla_plan_find(&cat, "support-level-3");
	ck_assert_int_eq(p->vat_bp, 1900);
	ck_assert_str_eq(p->requires, "support-level-2");
	ck_assert_int_eq(p->budget.monthly_free_minutes, 90);
	ck_assert_int_eq(p->budget.activation_credit_minutes, 60);
	ck_assert_int_eq(p->budget.overage_minute_cents, 50);
	ck_assert_int_eq(p->budget.monthly_fee_cents, 8900);
	ck_assert(!p->budget.rollover);
	ck_assert_int_eq(p->budget.nhotline, 6);
	ck_assert_int_eq(sla_plan_find(&cat, "support-level-1")->budget.monthly_free_minutes, 15);
	ck_assert_int_eq(sla_plan_find(&cat, "support-level-2")->budget.monthly_free_minutes, 30);
	p = sla_plan_find(&cat, "ilias-technical");
	ck_assert_int_eq(p->budget.npoints, 1);
	ck_assert_int_eq(p->budget.points[0].min_points, 40);
	ck_assert_int_eq(p->budget.points[0].hour_cents, 16600);
	ck_assert_int_eq(p->budget.points[0].minutes_per_point, 15);
	p = sla_plan_find(&cat, "ilias-user");
	ck_assert_int_eq(p->budget.points[0].min_points, 20);
	ck_assert_int_eq(p->budget.points[0].hour_cents, 12000);
}
END_TEST

/* ---- queue order and formatting (pure) ----------------------------------- */

START_TEST(queue_order)
{
	/* ids give the expected order */
	struct sla_queue_item q[] = {
		{.reaction_due = SLA_NO_TIME, .resolution_due = SLA_NO_TIME, .severity = 1, .received = 1, .id = 6},
		{.reaction_due = 5000, .severity = 2, .received = 100, .id = 4},
		{.reaction_due = 9000, .resolution_due = 3000, .acknowledged = 1, .severity = 3, .id = 1},
		{.reaction_due = 5000, .severity = 1, .received = 200, .id = 2},
		{.reaction_due = 5000, .severity = 2, .received = 50, .id = 3},
		{.reaction_due = 4000, .resolution_due = SLA_NO_TIME, .acknowledged = 1, .severity = 1, .id = 5},
		{.reaction_due = 1000, .severity = 4, .received = 10, .id = 0},
	};
	/* 0 due 1000; 1 resolution 3000 (acknowledged); 2,3,4 tie at 5000:
	 * severity 1 first (2), then severity 2 by age: received 50 (3), 100
	 * (4); acknowledged without resolution target (5) and no target at all
	 * (6) last, by severity then age. */
	qsort(q, sizeof(q) / sizeof(q[0]), sizeof(q[0]), sla_queue_cmp);
	for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++)
		ck_assert_int_eq(q[i].id, (int64_t)i);
}
END_TEST

START_TEST(format_remaining)
{
	static const struct {
		int64_t m;
		int day;
		const char *want;
	} rows[] = {
		{85, 480, "1h 25m"}, {45, 480, "45m"}, {0, 480, "0m"}, {120, 480, "2h"}, {2 * 480 + 180, 480, "2d 3h"},
		{480, 480, "1d"}, {-70, 480, "-1h 10m"}, {-5, 0, "-5m"}, {1500, 0, "25h"}, {2 * 600 + 59, 600, "2d"},
	};
	char buf[32];

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		ck_assert_str_eq(sla_format_remaining(rows[i].m, rows[i].day, buf, sizeof(buf)), rows[i].want);
}
END_TEST

/* ---- loader errors ------------------------------------------------------- */

/* The shipped file up to its plans section, then text; returns the line
 * number the appended text starts on. */
static int write_plans(const char *path, const char *text)
{
	FILE *in = fopen(getenv("SDESK_PLANS"), "r"), *out = fopen(path, "w");
	char line[4096];
	int n = 0;

	ck_assert(in && out);
	while (fgets(line, sizeof(line), in) && !strstr(line, "# ---- plans")) {
		fputs(line, out);
		n++;
	}
	fputs(text, out);
	fclose(in);
	fclose(out);
	return n + 1;
}

static const struct {
	const char *text;
	int line;             /* offset of the expected line in text, 0-based */
	const char *message;  /* a part of the message */
} bad_files[] = {
	{"plans = ( { name = \"x\"; title = \"X\"; provider = \"P\"; model = \"m\"; vat_percent = 19;\n"
	 "  channels = [\"ticket\"];\n"
	 "  colour = \"red\";\n"
	 "  categories = ( { name = \"a\"; } ); } );\n",
	 2, "unknown key 'colour'"},
	{"plans = ( { name = \"x\"; title = \"X\"; provider = \"P\"; model = \"m\"; vat_percent = 19;\n"
	 "  channels = [\"ticket\"];\n"
	 "  categories = ( { name = \"a\";\n"
	 "    targets = ( { clock = \"reaction\";\n"
	 "                  calendar = \"nowhere\"; hours = 4; } ); } ); } );\n",
	 4, "calendar 'nowhere'"},
	{"plans = ( { name = \"x\"; title = \"X\"; provider = \"P\"; model = \"m\"; vat_percent = 19;\n"
	 "  channels = [\"ticket\", \"fax\"];\n"
	 "  categories = ( { name = \"a\"; } ); } );\n",
	 1, "unknown name 'fax'"},
	{"plans = ( { name = \"x\"; title = \"X\"; provider = \"P\"; model = \"m\"; vat_percent = 19;\n"
	 "  channels = [\"ticket\"];\n"
	 "  categories = ( { name = \"a\";\n"
	 "    targets = ( { clock = \"reaction\"; calendar = \"convento\"; hours = 4; minutes = 3; } ); } ); } );\n",
	 3, "exactly one of minutes, hours, workdays"},
	{"plans = ( { name = \"x\"; title = \"X\"; provider = \"P\"; model = \"m\"; vat_percent = 19;\n"
	 "  channels = [\"ticket\"]; requires = \"y\";\n"
	 "  categories = ( { name = \"a\"; } ); } );\n",
	 1, "requires plan 'y'"},
	{"plan = ( );\n", 0, "unknown key 'plan'"},
	{"plans = ( { name = \"x\"; title = \"X\"; provider = \"P\"; model = \"m\"; vat_percent = 19;\n"
	 "  channels = [\"ticket\"];\n"
	 "  budget = { billing_unit_minutes = 20; };\n"
	 "  categories = ( { name = \"a\"; } ); } );\n",
	 2, "must be a multiple of 15"},
};

START_TEST(loader_errors)
{
	char path[] = "/tmp/sdesk-plans-XXXXXX";
	char err[512], want[64];
	struct sla_catalogue c;
	int fd = mkstemp(path), line;

	ck_assert_int_ge(fd, 0);
	close(fd);
	line = write_plans(path, bad_files[_i].text) + bad_files[_i].line;
	ck_assert_int_eq(conf_load_plans(path, &c, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s:%d: ", path, line);
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "got [%s], want prefix [%s]", err, want);
	ck_assert_msg(strstr(err, bad_files[_i].message) != NULL, "got [%s]", err);
	ck_assert_int_eq(c.nplans, 0);
	unlink(path);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sla");
	TCase *tc = tcase_create("clocks");
	TCase *pure = tcase_create("pure");
	TCase *conf = tcase_create("loader");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, load, unload);
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, due_examples, 0, (int)(sizeof(due_cases) / sizeof(due_cases[0])));
	tcase_add_loop_test(tc, pauses, 0, (int)(sizeof(pause_cases) / sizeof(pause_cases[0])));
	tcase_add_test(tc, plan_change_while_paused);
	tcase_add_test(tc, remaining_and_flags);
	tcase_add_test(tc, contract_override);
	tcase_add_test(tc, catalogue_fields);
	suite_add_tcase(s, tc);
	tcase_add_test(pure, queue_order);
	tcase_add_test(pure, format_remaining);
	suite_add_tcase(s, pure);
	tcase_set_timeout(conf, 30);
	tcase_add_loop_test(conf, loader_errors, 0, (int)(sizeof(bad_files) / sizeof(bad_files[0])));
	suite_add_tcase(s, conf);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
