/* The one state function (engine/clock.h), table-driven over the shipped
 * catalogue's `desk` calendar (the default staffed hours: Mon-Fri 08:00-18:00
 * Europe/Berlin, nationwide holidays). 2026-11-30 is a Monday. Every expected
 * "left" was counted by hand; the reasoning stands beside each row. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf/plans.h"
#include "engine/billing.h"
#include "engine/clock.h"
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

	if (!iso || strcmp(iso, "-") == 0)
		return SLA_NO_TIME;
	ck_assert_msg(sd_parse_instant(iso, strlen(iso), &t, &why) == 0, "%s: %s", iso, why ? why : "?");
	return t;
}

struct state_case {
	const char *name;
	const char *now;
	const char *reaction, *resolution, *estimate; /* due instants, "-" = no target */
	const char *contact, *resolved, *paused;      /* "-" = not (yet) */
	const char *team;                             /* team calendar, NULL = wall clock */
	int threshold;
	/* expected: relevant clock (-1 none), its state, left, overdue seconds,
	 * and the states of reaction, resolution, estimate */
	int relevant;
	const char *state;
	long long left, overdue;
	const char *k0, *k1, *k2;
};

#define R SLA_K_REACTION
#define S SLA_K_RESOLUTION
#define E SLA_K_ESTIMATE
#define MON "2026-11-30T"
#define TUE "2026-12-01T"
#define CET "+01:00"

static const struct state_case cases[] = {
	/* Issue 11, item 2: due 03:54 tonight (a 24-hour contract), the desk
	 * closes at 18:00: at 17:55 five working minutes are left, at risk. */
	{"night: 5 working minutes at 17:55", MON "17:55:00" CET, TUE "03:54:00" CET, "-", "-", "-", "-", "-",
	 "desk", 60, R, "at_risk", 5, 0, "at_risk", "no_target", "no_target"},
	/* The same with the wall clock: 9 h 59 min. */
	{"night: wall clock without a team calendar", MON "17:55:00" CET, TUE "03:54:00" CET, "-", "-", "-", "-", "-",
	 NULL, 60, R, "running", 599, 0, "running", "no_target", "no_target"},
	/* Still 0 working minutes at 23:00 (the desk is closed), at risk. */
	{"night: 0 left at 23:00, not breached", MON "23:00:00" CET, TUE "03:54:00" CET, "-", "-", "-", "-", "-",
	 "desk", 60, R, "at_risk", 0, 0, "at_risk", "no_target", "no_target"},
	/* Breached at 03:54; at 08:00 no working minute has passed since
	 * (left 0), 4 h 6 min of wall time (14760 s). */
	{"night: breached at 08:00, 0 working minutes over", TUE "08:00:00" CET, TUE "03:54:00" CET, "-", "-", "-", "-",
	 "-", "desk", 60, R, "breached", 0, 14760, "breached", "no_target", "no_target"},
	{"night: 09:00: 60 working minutes over", TUE "09:00:00" CET, TUE "03:54:00" CET, "-", "-", "-", "-", "-",
	 "desk", 60, R, "breached", -60, 18360, "breached", "no_target", "no_target"},
	/* At the due instant itself not yet breached (0 left, at risk). */
	{"due instant itself: at risk, not breached", MON "12:00:00" CET, MON "12:00:00" CET, "-", "-", "-", "-", "-",
	 "desk", 60, R, "at_risk", 0, 0, "at_risk", "no_target", "no_target"},
	{"61 minutes left: running", MON "10:59:00" CET, MON "12:00:00" CET, "-", "-", "-", "-", "-", "desk", 60, R,
	 "running", 61, 0, "running", "no_target", "no_target"},
	/* Issue 11: a breach stays missed after the first contact; the
	 * resolution clock becomes the relevant one. Reaction due 10:00,
	 * contact 16:47: missed by 6 h 47 min. Resolution 14 Dec 18:00: 10
	 * working days of 600 min, minus 17:00..18:00 today counted: from Mon
	 * 17:00 = 60 + 9 * 600 + 600 = 6060. */
	{"breach stays missed after first contact", MON "17:00:00" CET, MON "10:00:00" CET, "2026-12-14T18:00:00" CET,
	 "-", MON "16:47:00" CET, "-", "-", "desk", 60, S, "running", 6060, 0, "missed", "running", "no_target"},
	{"missed stays missed a week later", "2026-12-07T09:00:00" CET, MON "10:00:00" CET, "2026-12-14T18:00:00" CET,
	 "-", MON "16:47:00" CET, "-", "-", "desk", 60, S, "running", 3540, 0, "missed", "running", "no_target"},
	{"contact in time: met", MON "17:00:00" CET, MON "10:00:00" CET, "-", "-", MON "09:30:00" CET, "-", "-", "desk",
	 60, -1, "no_target", 0, 0, "met", "no_target", "no_target"},
	{"contact at the due instant: met", MON "17:00:00" CET, MON "10:00:00" CET, "-", "-", MON "10:00:00" CET, "-",
	 "-", "desk", 60, -1, "no_target", 0, 0, "met", "no_target", "no_target"},
	/* A pinned now before the contact: the contact has not happened yet. */
	{"contact after now: still running", MON "09:00:00" CET, MON "10:00:00" CET, "-", "-", MON "16:47:00" CET, "-",
	 "-", "desk", 30, R, "running", 60, 0, "running", "no_target", "no_target"},
	/* Paused at 10:00 with reaction due 12:00: frozen at 120 working
	 * minutes, whatever now is. Resolution also stopped by the pause. */
	{"paused: left frozen at the pause start", MON "17:00:00" CET, MON "12:00:00" CET, TUE "12:00:00" CET, "-", "-",
	 "-", MON "10:00:00" CET, "desk", 60, R, "paused", 120, 0, "paused", "paused", "no_target"},
	/* A pause that began after the clock ran out does not stop it. */
	{"pause after the due instant: breached", MON "17:00:00" CET, MON "12:00:00" CET, "-", "-", "-", "-",
	 MON "13:00:00" CET, "desk", 60, R, "breached", -300, 18000, "breached", "no_target", "no_target"},
	/* The plan's pause stops only the reaction (pause_stops set below for
	 * this row): resolution runs and is the relevant clock. */
	{"pause stops reaction only: resolution relevant", MON "17:00:00" CET, MON "12:00:00" CET, TUE "12:00:00" CET,
	 "-", "-", "-", MON "10:00:00" CET, "desk", 60, S, "running", 300, 0, "paused", "running", "no_target"},
	/* Resolved at 15:00: resolution (14:00) missed, estimate (16:00) met;
	 * nothing runs. */
	{"resolved: resolution missed, estimate met", MON "17:00:00" CET, "-", MON "14:00:00" CET, MON "16:00:00" CET,
	 "-", MON "15:00:00" CET, "-", "desk", 60, -1, "no_target", 0, 0, "no_target", "missed", "met"},
	/* The estimate told is earlier than the resolution target: relevant. */
	{"estimate before resolution: estimate relevant", MON "09:00:00" CET, "-", "2026-12-14T18:00:00" CET,
	 MON "11:00:00" CET, MON "08:30:00" CET, "-", "-", "desk", 60, E, "running", 120, 0, "no_target", "running",
	 "running"},
	{"no targets at all", MON "09:00:00" CET, "-", "-", "-", "-", "-", "-", "desk", 60, -1, "no_target", 0, 0,
	 "no_target", "no_target", "no_target"},
	/* Holidays: Thursday 24 Dec 17:00 to Monday 28 Dec 09:00: 60 (24th,
	 * not a holiday of the desk) + 0 (25th, Christmas) + 0 (weekend) + 60. */
	{"holiday: Christmas", "2026-12-24T17:00:00" CET, "2026-12-28T09:00:00" CET, "-", "-", "-", "-", "-", "desk", 60,
	 R, "running", 120, 0, "running", "no_target", "no_target"},
	/* 1 May 2026 is a Friday and a holiday: Thu 30 Apr 17:30 -> Mon 4 May
	 * 08:10 = 30 + 10. */
	{"holiday: 1 May", "2026-04-30T17:30:00+02:00", "2026-05-04T08:10:00+02:00", "-", "-", "-", "-", "-", "desk", 30,
	 R, "running", 40, 0, "running", "no_target", "no_target"},
	/* DST, autumn: Fri 23 Oct 17:00 CEST to Mon 26 Oct 09:00 CET: 60 + 60
	 * working minutes; the extra wall hour of Sunday night counts nowhere. */
	{"DST autumn: across the weekend", "2026-10-23T17:00:00+02:00", "2026-10-26T09:00:00+01:00", "-", "-", "-", "-",
	 "-", "desk", 60, R, "running", 120, 0, "running", "no_target", "no_target"},
	/* Wall clock through the autumn change night: 01:30 CEST to 03:30 CET
	 * is 3 hours. */
	{"DST autumn night: wall clock", "2026-10-25T01:30:00+02:00", "2026-10-25T03:30:00+01:00", "-", "-", "-", "-",
	 "-", NULL, 60, R, "running", 180, 0, "running", "no_target", "no_target"},
	/* Spring: 01:30 CET to 03:30 CEST is 1 hour; the desk is closed on
	 * Sunday (0 left, at risk), and the breach an hour later is 1 h of
	 * wall time over, 0 working minutes. */
	{"DST spring night: wall clock", "2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00", "-", "-", "-", "-",
	 "-", NULL, 30, R, "running", 60, 0, "running", "no_target", "no_target"},
	{"DST spring night: desk closed, at risk", "2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00", "-", "-",
	 "-", "-", "-", "desk", 30, R, "at_risk", 0, 0, "at_risk", "no_target", "no_target"},
	{"DST spring night: breached an hour", "2026-03-29T04:30:00+02:00", "2026-03-29T03:30:00+02:00", "-", "-", "-",
	 "-", "-", "desk", 30, R, "breached", 0, 3600, "breached", "no_target", "no_target"},
	/* Wall clock: a started minute over counts (30 s over: -1). */
	{"wall clock: 30 s over is -1", MON "12:00:30" CET, MON "12:00:00" CET, "-", "-", "-", "-", "-", NULL, 60, R,
	 "breached", -1, 30, "breached", "no_target", "no_target"},
};

START_TEST(test_state_table)
{
	const struct state_case *c = &cases[_i];
	struct sla_state_in in;
	struct sla_ticket_state st;
	const char *want_k[] = {c->k0, c->k1, c->k2};

	memset(&in, 0, sizeof in);
	in.received = T(MON "08:00:00" CET) - 86400 * 3;
	in.due[R] = T(c->reaction);
	in.due[S] = T(c->resolution);
	in.due[E] = T(c->estimate);
	in.first_contact = T(c->contact);
	in.resolved = T(c->resolved);
	in.paused_since = T(c->paused);
	in.pause_stops = strstr(c->name, "reaction only") ? SLA_STOPS_REACTION : SLA_STOPS_REACTION | SLA_STOPS_RESOLUTION;
	in.team_cal = c->team ? cal_set_calendar(cat.cals, c->team) : NULL;
	ck_assert_msg(!c->team || in.team_cal, "%s: no calendar %s", c->name, c->team);
	in.at_risk_minutes = c->threshold;
	ck_assert_int_eq(sla_ticket_state(&in, T(c->now), &st), CAL_OK);
	ck_assert_msg(st.relevant == c->relevant, "%s: relevant %d, want %d", c->name, st.relevant, c->relevant);
	ck_assert_msg(strcmp(sla_state_name(st.state), c->state) == 0, "%s: state %s, want %s", c->name,
		      sla_state_name(st.state), c->state);
	ck_assert_msg(st.left == c->left, "%s: left %lld, want %lld", c->name, (long long)st.left, c->left);
	ck_assert_msg(st.overdue_seconds == c->overdue, "%s: overdue %lld s, want %lld", c->name,
		      (long long)st.overdue_seconds, c->overdue);
	ck_assert_int_eq(st.business, c->team != NULL);
	for (int k = 0; k < SLA_NKCLOCKS; k++)
		ck_assert_msg(strcmp(sla_state_name(st.k[k].state), want_k[k]) == 0, "%s: %s %s, want %s", c->name,
			      sla_kclock_name((enum sla_kclock)k), sla_state_name(st.k[k].state), want_k[k]);
}
END_TEST

/* Missed is decided when the clock stops: the same ticket judged at every
 * hour of a week after the late contact stays missed, the overdue amount
 * stays 6 h 47 min. */
START_TEST(test_missed_never_changes)
{
	struct sla_state_in in;
	struct sla_ticket_state st;

	memset(&in, 0, sizeof in);
	in.received = T(MON "08:00:00" CET);
	in.due[R] = T(MON "10:00:00" CET);
	in.due[S] = in.due[E] = SLA_NO_TIME;
	in.first_contact = T(MON "16:47:00" CET);
	in.resolved = in.paused_since = SLA_NO_TIME;
	in.team_cal = cat.staffed_cal;
	in.at_risk_minutes = 60;
	for (sd_time now = in.first_contact; now < in.first_contact + 7 * 86400; now += 3600) {
		ck_assert_int_eq(sla_ticket_state(&in, now, &st), CAL_OK);
		ck_assert_int_eq(st.k[R].state, SLA_ST_MISSED);
		ck_assert_int_eq(st.k[R].stopped, in.first_contact);
		ck_assert_int_eq(st.k[R].overdue_seconds, 6 * 3600 + 47 * 60);
	}
}
END_TEST

/* Order: breached (most overdue first), then running and at risk by left,
 * then none running, then paused; ties by due, severity, received, id. */
START_TEST(test_order)
{
	struct sla_ticket_state st[8];
	struct sla_order_key key[8], tmp;
	/* {state, left, due}: given in scrambled order, expected order by id */
	static const struct {
		enum sla_state s;
		int64_t left;
		sd_time due;
		int severity;
		int64_t id;
	} in[] = {
		{SLA_ST_PAUSED, 10, 500, 1, 8},
		{SLA_ST_RUNNING, 300, 400, 1, 5},
		{SLA_ST_BREACHED, 0, 200, 1, 3},     /* 0 working minutes over, due later */
		{SLA_ST_NO_TARGET, 0, SLA_NO_TIME, 1, 7},
		{SLA_ST_AT_RISK, 5, 300, 2, 4},
		{SLA_ST_BREACHED, -60, 300, 1, 1},   /* 60 working minutes over */
		{SLA_ST_BREACHED, 0, 100, 1, 2},     /* 0 working minutes over, due earlier */
		{SLA_ST_RUNNING, 300, 400, 2, 6},    /* tie with 5: severity 2 after 1 */
	};
	size_t n = sizeof in / sizeof in[0];

	for (size_t i = 0; i < n; i++) {
		memset(&st[i], 0, sizeof st[i]);
		st[i].state = in[i].s;
		st[i].left = in[i].left;
		st[i].due = in[i].due;
		st[i].relevant = in[i].s == SLA_ST_NO_TARGET ? -1 : 0;
		key[i] = (struct sla_order_key){&st[i], in[i].severity, 0, in[i].id};
	}
	for (size_t i = 0; i < n; i++) /* insertion sort: the comparator alone decides */
		for (size_t j = i; j > 0 && sla_state_cmp(&key[j - 1], &key[j]) > 0; j--) {
			tmp = key[j];
			key[j] = key[j - 1];
			key[j - 1] = tmp;
		}
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(key[i].id == (int64_t)i + 1, "position %zu: id %lld", i, (long long)key[i].id);
	ck_assert_int_eq(sla_state_cmp(&key[0], &key[0]), 0);
}
END_TEST

/* Thresholds: the category's, else the plan's, else the catalogue's. */
START_TEST(test_thresholds)
{
	struct sla_plan p = {.at_risk_minutes = -1};
	struct sla_category k = {.at_risk_minutes = -1};

	ck_assert_ptr_nonnull(cat.staffed_cal);
	ck_assert_str_eq(cal_name(cat.staffed_cal), "desk");
	ck_assert_int_eq(cat.at_risk_minutes, 60);
	ck_assert_int_eq(sla_at_risk_minutes(&cat, &p, &k), 60);
	p.at_risk_minutes = 90;
	ck_assert_int_eq(sla_at_risk_minutes(&cat, &p, &k), 90);
	k.at_risk_minutes = 15;
	ck_assert_int_eq(sla_at_risk_minutes(&cat, &p, &k), 15);
	ck_assert_int_eq(sla_at_risk_minutes(&cat, NULL, NULL), 60);
	ck_assert_int_eq(sla_at_risk_minutes(NULL, NULL, NULL), SLA_AT_RISK_DEFAULT);
	/* The team calendar rule: the team's own when the catalogue knows it,
	 * else the catalogue's staffed_calendar. */
	ck_assert_ptr_eq(sla_team_calendar(&cat, NULL), cat.staffed_cal);
	ck_assert_ptr_eq(sla_team_calendar(&cat, ""), cat.staffed_cal);
	ck_assert_ptr_eq(sla_team_calendar(&cat, "nosuch"), cat.staffed_cal);
	ck_assert_str_eq(cal_name(sla_team_calendar(&cat, "seitenbau")), "seitenbau");
	ck_assert_ptr_null(sla_team_calendar(NULL, "desk"));
	/* The shipped plans set none: the catalogue's default holds. */
	for (size_t i = 0; i < cat.nplans; i++)
		for (size_t j = 0; j < cat.plans[i].ncats; j++)
			ck_assert_int_eq(sla_at_risk_minutes(&cat, &cat.plans[i], &cat.plans[i].cats[j]), 60);
}
END_TEST

/* The on-call report's clock (003): seitenbau-oncall work ended Saturday
 * 28.11.2026 11:30, report due Monday 30.11.2026 17:00 (16:00 UTC). Late
 * only after the due minute and only while unsent; no target, never late. */
START_TEST(test_report_late)
{
	const sd_time due = 1796054400; /* 2026-11-30T16:00:00Z = 17:00 Berlin */
	static const struct {
		sd_time due, reported, now;
		int late;
	} rcases[] = {
		{due, SLA_NO_TIME, due - 3600, 0},    /* Monday 16:00, not sent */
		{due, SLA_NO_TIME, due, 0},           /* 17:00: still due */
		{due, SLA_NO_TIME, due + 60, 1},      /* 17:01 not sent: breached */
		{due, due - 3600, due + 86400, 0},    /* sent 16:00: never late after */
		{due, due + 600, due + 86400, 0},     /* sent late: no longer open */
		{SLA_NO_TIME, SLA_NO_TIME, due, 0},   /* no target */
	};

	ck_assert_int_eq(due % 86400, 16 * 3600);
	for (size_t i = 0; i < sizeof rcases / sizeof rcases[0]; i++)
		ck_assert_msg(sla_report_late(rcases[i].due, rcases[i].reported, rcases[i].now) == rcases[i].late,
			      "case %zu", i);
}
END_TEST

START_TEST(test_names)
{
	for (int s = 0; s < SLA_NSTATES; s++)
		ck_assert_int_eq(sla_state_by_name(sla_state_name((enum sla_state)s)), s);
	ck_assert_int_eq(sla_state_by_name("nosuch"), -1);
	ck_assert_str_eq(sla_kclock_name(SLA_K_ESTIMATE), "estimate");
}
END_TEST

/* ---- seeds 003 and 001: extra open windows and the standby lead time ---- */

struct open_case {
	const char *name, *plan, *category, *channel, *received;
	const char *win[2][2]; /* up to two windows FROM, TO; NULL = none */
	const char *reaction, *resolution; /* expected, "-" = none */
};

static const struct open_case open_cases[] = {
	/* 003: "Erreichbarkeit außerhalb der üblichen Bürozeiten (einmalig oder
	 * ständig, je nach Vereinbarung)", "1 Stunde Reaktionszeit für
	 * Störungsmeldungen der Kategorie 1": Saturday 5 Dec 2026 10:00 inside
	 * an on-call window 08:00-20:00 -> Saturday 11:00 (wall time of the window). */
	{"003 on-call: Saturday 10:00 -> 11:00", "seitenbau-oncall", "cat1", "oncall", "2026-12-05T10:00:00+01:00",
	 {{"2026-12-05T08:00:00+01:00", "2026-12-05T20:00:00+01:00"}, {NULL, NULL}}, "2026-12-05T11:00:00+01:00", "-"},
	/* Without the window the hour runs in service hours: Monday 10:00. */
	{"003 no window: Monday 10:00", "seitenbau-oncall", "cat1", "oncall", "2026-12-05T10:00:00+01:00",
	 {{NULL, NULL}, {NULL, NULL}}, "2026-12-07T10:00:00+01:00", "-"},
	/* The window closes at 11:00 with 30 minutes used: the other 30 run
	 * from the next opening, Monday 09:00 -> 09:30. */
	{"003 window ends: rest in service hours", "seitenbau-oncall", "cat1", "oncall", "2026-12-05T10:30:00+01:00",
	 {{"2026-12-05T08:00:00+01:00", "2026-12-05T11:00:00+01:00"}, {NULL, NULL}}, "2026-12-07T09:30:00+01:00", "-"},
	/* A standing window (weekday evenings 17:00-22:00, expanded): Tuesday
	 * 16:30 report, 30 min in service hours to 17:00, then 30 min of the
	 * window: 17:30. */
	{"003 standing evening window", "seitenbau-oncall", "cat1", "oncall", "2026-12-01T16:30:00+01:00",
	 {{"2026-12-01T17:00:00+01:00", "2026-12-01T22:00:00+01:00"}, {NULL, NULL}}, "2026-12-01T17:30:00+01:00", "-"},
	/* 001: booked extended standby Saturday 06:00-12:00 opens the standby
	 * calendar: a critical report at 07:00 has its reaction (1 h) at 08:00
	 * and its resolution (4 h) at 11:00. */
	{"001 booked standby Saturday", "convento", "critical", "chat", "2026-12-05T07:00:00+01:00",
	 {{"2026-12-05T06:00:00+01:00", "2026-12-05T12:00:00+01:00"}, {NULL, NULL}}, "2026-12-05T08:00:00+01:00",
	 "2026-12-05T11:00:00+01:00"},
	/* Two windows, overlapping: merged. Friday 17:30 report (30 min of
	 * standby hours left), windows 18:00-20:00 and 19:00-21:00: reaction
	 * 1 h -> 30 min to 18:00 + 30 min -> 18:30. */
	{"001 overlapping windows", "convento", "essential", "chat", "2026-12-04T17:30:00+01:00",
	 {{"2026-12-04T18:00:00+01:00", "2026-12-04T20:00:00+01:00"}, {"2026-12-04T19:00:00+01:00", "2026-12-04T21:00:00+01:00"}},
	 "2026-12-04T18:30:00+01:00", NULL},
};

START_TEST(test_open_windows)
{
	const struct open_case *c = &open_cases[_i];
	const struct sla_plan *p = sla_plan_find(&cat, c->plan);
	const struct sla_category *k;
	struct sla_window w[2];
	size_t nw = 0;
	sd_time r, s;

	ck_assert_ptr_nonnull(p);
	k = sla_category_find(p, c->category);
	ck_assert_ptr_nonnull(k);
	for (int i = 0; i < 2; i++)
		if (c->win[i][0]) {
			w[nw].from = T(c->win[i][0]);
			w[nw].to = T(c->win[i][1]);
			nw++;
		}
	ck_assert_int_eq(sla_ticket_dues_open(p, k, (enum sla_channel)sla_channel_by_name(c->channel), T(c->received),
					      NULL, 0, w, nw, &r, &s),
			 CAL_OK);
	ck_assert_msg(r == T(c->reaction), "%s: reaction %lld, want %lld", c->name, (long long)r,
		      (long long)T(c->reaction));
	if (c->resolution)
		ck_assert_msg(s == T(c->resolution), "%s: resolution %lld, want %lld", c->name, (long long)s,
			      (long long)T(c->resolution));
}
END_TEST

/* sla_add_open: 0 minutes inside a window is start itself; outside, the
 * next opening of either the calendar or a window. */
START_TEST(test_add_open_zero)
{
	const struct calendar *conv = cal_set_calendar(cat.cals, "convento");
	struct sla_window w = {T("2026-12-05T06:00:00+01:00"), T("2026-12-05T12:00:00+01:00")};
	sd_time out;

	ck_assert_int_eq(sla_add_open(conv, &w, 1, T("2026-12-05T07:00:00+01:00"), 0, &out), CAL_OK);
	ck_assert_int_eq(out, T("2026-12-05T07:00:00+01:00"));
	ck_assert_int_eq(sla_add_open(conv, &w, 1, T("2026-12-04T19:00:00+01:00"), 0, &out), CAL_OK);
	ck_assert_int_eq(out, T("2026-12-05T06:00:00+01:00"));
	ck_assert_int_eq(sla_add_open(conv, &w, 1, T("2026-12-04T19:00:00+01:00"), 390, &out), CAL_OK);
	ck_assert_int_eq(out, T("2026-12-07T08:30:00+01:00")); /* 360 on Saturday, 30 on Monday */
	ck_assert_int_eq(sla_add_open(conv, NULL, 0, T("2026-12-04T19:00:00+01:00"), 30, &out), CAL_OK);
	ck_assert_int_eq(out, T("2026-12-07T08:30:00+01:00"));
}
END_TEST

/* 001: "Bitte bestellen Sie diese erweiterte Bereitschaftszeit spätestens 3
 * Werktage vor dem gewünschten Termin." Booked Monday 30 Nov 16:55 for
 * Thursday 3 Dec 06:00: Monday is 3 working days before Thursday: accepted
 * (the engine's earliest start is Thursday 00:00; no now + 72 h floor).
 * Tuesday 1 Dec 09:00 for Thursday 06:00 is too late. */
START_TEST(test_standby_lead)
{
	const struct sla_plan *p = sla_plan_find(&cat, "convento");
	struct bill_standby sb;

	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(p->budget.standby_lead_days, 3);
	ck_assert_int_eq(bill_standby_price(&p->budget, T(MON "16:55:00" CET), T("2026-12-03T06:00:00" CET),
					    T("2026-12-03T09:00:00" CET), 9500, &sb),
			 BILL_OK);
	ck_assert_int_eq(sb.early, 0);
	ck_assert_int_eq(sb.earliest, T("2026-12-03T00:00:00" CET));
	ck_assert_int_eq(bill_standby_price(&p->budget, T(TUE "09:00:00" CET), T("2026-12-03T06:00:00" CET),
					    T("2026-12-03T09:00:00" CET), 9500, &sb),
			 BILL_OK);
	ck_assert_int_eq(sb.early, 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("clock");
	TCase *tc = tcase_create("state");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, load, unload);
	tcase_add_loop_test(tc, test_state_table, 0, (int)(sizeof cases / sizeof cases[0]));
	tcase_add_test(tc, test_missed_never_changes);
	tcase_add_test(tc, test_order);
	tcase_add_test(tc, test_thresholds);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_report_late);
	tcase_add_loop_test(tc, test_open_windows, 0, (int)(sizeof open_cases / sizeof open_cases[0]));
	tcase_add_test(tc, test_add_open_zero);
	tcase_add_test(tc, test_standby_lead);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
