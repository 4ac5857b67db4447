/* The plan catalogue and SLA clocks: pure C, no I/O.
 *
 * A plan (src/conf/plans.c fills it from conf/plans.cfg) lists the channels it
 * includes, its categories, and targets: "reaction within 4 h on calendar
 * invitario", "call-back by the close if requested by 13:00, else 12:00 next
 * working day". A clock's due instant is the EARLIEST due of all targets that
 * apply to the clock, the category and the channel; a clock with no target has
 * no due instant (SLA_NO_TIME). Pauses stop the clocks the plan names: paused
 * business time moves the due instant. See doc/sla.md, "Plans".
 *
 * Ownership: a struct sla_catalogue owns its plans and their strings and the
 * cal_set the targets' calendars live in; everything stays valid until
 * sla_catalogue_free(). A loaded catalogue is read-only and thread-safe. */
#ifndef SDESK_ENGINE_SLA_H
#define SDESK_ENGINE_SLA_H

#include <stddef.h>
#include <stdint.h>

#include "engine/calendar.h"

/* The at-risk threshold when plans.cfg sets none (minutes of "left"). */
#define SLA_AT_RISK_DEFAULT 60

/* "No such instant": a clock without target, or one stopped by an open pause. */
#define SLA_NO_TIME INT64_MIN
/* The end of a pause that has not ended yet. */
#define SLA_OPEN INT64_MAX

/* X(enum suffix, name in plans.cfg and on the command line) */
#define SLA_CHANNELS(X) \
	X(TICKET, "ticket") \
	X(EMAIL, "email") \
	X(CHAT, "chat") \
	X(PHONE, "phone") \
	X(CALLBACK, "callback") \
	X(HOTLINE, "hotline") \
	X(ONCALL, "oncall")

enum sla_channel {
#define SLA_X(e, n) SLA_CH_##e,
	SLA_CHANNELS(SLA_X)
#undef SLA_X
	SLA_NCHANNELS
};
#define SLA_CH_BIT(ch) (1u << (ch))
/* Name of a channel; index by name, -1 when unknown. */
const char *sla_channel_name(enum sla_channel ch);
int sla_channel_by_name(const char *name);

enum sla_clock { SLA_REACTION, SLA_RESOLUTION, SLA_NCLOCKS };
const char *sla_clock_name(enum sla_clock c); /* "reaction", "resolution" */
int sla_clock_by_name(const char *name);      /* -1 when unknown */

enum sla_unit { SLA_MINUTES, SLA_HOURS, SLA_WORKDAYS };
struct sla_duration {
	enum sla_unit unit;
	int64_t amount; /* >= 0 */
};

enum sla_rule {
	/* due = received + duration of business time on cal. Working days: see
	 * sla_raw_due(). */
	SLA_RULE_DURATION,
	/* Call-back rule: requested on a working day at or before cutoff (local
	 * minute of day) -> the close of that working day; later, or on a
	 * non-working day -> next_minute on the next working day. */
	SLA_RULE_CUTOFF,
};

struct sla_target {
	enum sla_clock clock;
	enum sla_rule rule;
	const struct calendar *cal; /* owned by the catalogue's cal_set */
	struct sla_duration dur;    /* SLA_RULE_DURATION */
	int cutoff_minute;          /* SLA_RULE_CUTOFF, 0..1440 */
	int next_minute;            /* SLA_RULE_CUTOFF, 0..1440 */
	/* Last-hour rule (Convento): a report received in the last late_window
	 * minutes of a day's open time starts this clock at the next opening.
	 * 0 = off. */
	int late_window;
	unsigned channels; /* SLA_CH_BIT mask the target applies to; 0 = all */
	char *label;       /* why this target exists, for --explain; may be NULL */
};

struct sla_category {
	char *name;   /* "critical", "cat1", ... */
	char *title;
	char *title_de; /* the German title, or NULL (conf/plans.h: category_title) */
	int severity; /* 1 = most severe; orders ties in the queue */
	int at_risk_minutes; /* at-risk threshold on "left"; -1 = the plan's */
	struct sla_target *targets;
	size_t ntargets;
};

/* Emergency-hotline tariff window: weekdays (bit 0 = Monday) from..to local
 * minute; the first block costs first_cents, every further minute minute_cents,
 * billed per started unit_minutes. */
struct sla_tariff_window {
	unsigned weekdays;
	int from_minute, to_minute;
	int first_minutes;
	int64_t first_cents;
	int64_t minute_cents;
	int unit_minutes;
};

/* Prepaid points of one kind (ILIAS). */
struct sla_points_kind {
	char *name;              /* "technical", "user" */
	int minutes_per_point;   /* 15 */
	int min_points;          /* minimum package */
	int64_t hour_cents;      /* price per hour, net */
};

/* Budget and tariff fields (used by the billing issue; loaded and checked now). */
struct sla_budget {
	int64_t monthly_fee_cents;
	int monthly_free_minutes;
	int activation_credit_minutes;
	int64_t overage_minute_cents;  /* per minute beyond the free minutes; 0 = none */
	int rollover;                  /* unused free minutes carry over */
	int64_t managed_hour_cents;    /* managed service / agreed hourly rate; 0 = none */
	int64_t rush_hour_cents;       /* rush jobs; 0 = none */
	int billing_unit_minutes;      /* time booked in units of this many minutes */
	/* Hotline (doc/billing.md; 0 = the default): hotline_whole_call 0 =
	 * each started block priced at the window it starts in, 1 = the window
	 * at the call's start for the whole call; hotline_holiday_weekday 0 =
	 * public holidays priced like Saturday, 1 = like their weekday. */
	int hotline_whole_call;
	int hotline_holiday_weekday;
	/* Hotline local time and public holidays: the zone of hotline_cal and
	 * the set hotline_holidays (plan keys hotline_calendar, default "phone",
	 * and hotline_holidays, default "de"; NULL when the catalogue has none).
	 * Both owned by the catalogue's cal_set. */
	const struct calendar *hotline_cal;
	const struct cal_holiday_set *hotline_holidays;
	/* Extended standby (001): price per started hour (0 = none set), the
	 * calendar whose working days count the lead time (standby_calendar,
	 * default the plan's first reaction calendar) and the lead time in
	 * working days (standby_lead_days, default 3). */
	int64_t standby_hour_cents;
	const struct calendar *standby_cal;
	int standby_lead_days;
	/* Managed-service rush (000): the support hours outside which an ordered
	 * rush job is billed at rush_hour_cents (rush_calendar; NULL: the
	 * calendar of the plan's first target). */
	const struct calendar *rush_cal;
	struct sla_tariff_window *hotline;
	size_t nhotline;
	struct sla_points_kind *points;
	size_t npoints;
};

struct sla_plan {
	char *name;      /* "invitario-gold" */
	char *title;
	char *title_de;  /* the German title, or NULL (conf/plans.h: plan_title) */
	char *provider;
	char *model;     /* "levels", "incident", "minutes", "contract", "points" */
	int vat_bp;      /* VAT in basis points: 1900 = 19 % */
	char *requires;  /* name of a plan this one needs, or NULL */
	unsigned channels;
	unsigned pause_stops; /* bit (1 << enum sla_clock) per clock a pause stops */
	struct sla_target *targets; /* apply to every category */
	size_t ntargets;
	struct sla_category *cats;
	size_t ncats;
	int at_risk_minutes; /* at-risk threshold on "left"; -1 = the catalogue's */
	struct sla_budget budget;
};

struct sla_catalogue {
	struct cal_set *cals;
	struct sla_plan *plans;
	size_t nplans;
	/* The staffed hours of a team that names none (plans.cfg
	 * staffed_calendar; NULL when unset: "left" in wall time), and the
	 * default at-risk threshold (plans.cfg at_risk_minutes, default 60).
	 * doc/sla.md, "Time left". */
	const struct calendar *staffed_cal;
	int at_risk_minutes;
};

/* The at-risk threshold of a ticket in minutes of "left": the category's
 * at_risk_minutes, else the plan's, else the catalogue's (plan and category
 * may be NULL). */
int sla_at_risk_minutes(const struct sla_catalogue *cat, const struct sla_plan *plan,
			const struct sla_category *category);

/* THE team calendar rule (doc/sla.md, "Staffed hours"), one copy for the
 * console, the board, `sdesk check` and sdesk.ticket_state: the calendar the
 * ticket's team names (team.staffed_calendar of the assignee's team) when the
 * catalogue knows it, else the catalogue's staffed_cal (plans.cfg
 * staffed_calendar). team may be NULL or "" (no team, or the team names
 * none). NULL when cat is NULL or neither exists: "left" in wall time. */
const struct calendar *sla_team_calendar(const struct sla_catalogue *cat, const char *team);

/* How far ahead a board must look for tickets that are (or within `slack`
 * minutes of wall time become) at risk: the latest due instant whose team
 * working time left, counted from any instant in [now, now + slack min], can
 * be at or below the largest at-risk threshold (warn_minutes when >= 0, else
 * the largest of the catalogue's, its plans' and categories'). Left counts on
 * a team's calendar, which may close for a night or a weekend before the due
 * instant (17:55, due 03:54: 5 minutes left), so this is the latest of
 * cal_add(threshold + slack) over every calendar of the catalogue (a
 * superset of the teams' calendars) and of wall time. cat may be NULL (wall
 * time only). */
sd_time sla_risk_horizon(const struct sla_catalogue *cat, sd_time now, int warn_minutes, int slack);

void sla_catalogue_free(struct sla_catalogue *cat);
const struct sla_plan *sla_plan_find(const struct sla_catalogue *cat, const char *name);
const struct sla_category *sla_category_find(const struct sla_plan *plan, const char *name);

/* ---- clocks ------------------------------------------------------------ */

/* A business-time pause [from, to); to = SLA_OPEN while it lasts. */
struct sla_pause {
	sd_time from, to;
};

/* A period in which a ticket had one plan and category. phases[0].from is
 * the received instant; later phases start when the plan or category was
 * changed; ascending. */
struct sla_phase {
	sd_time from;
	const struct sla_plan *plan;
	const struct sla_category *cat;
};

/* A contract's own target, replacing the duration of every target of the
 * category (NULL = all categories) on that clock (Seitenbau: category 1-3
 * values are per contract). */
struct sla_override {
	const char *category;
	enum sla_clock clock;
	struct sla_duration dur;
};

struct sla_ticket {
	enum sla_channel channel;
	const struct sla_phase *phases; /* n >= 1 */
	size_t nphases;
	const struct sla_pause *pauses; /* sorted by from, not overlapping */
	size_t npauses;
	const struct sla_override *overrides; /* apply to the last phase's plan */
	size_t noverrides;
};

/* The state of one clock. */
struct sla_clock_state {
	int has_target;       /* 0: no target for this clock (no guarantee) */
	sd_time due;          /* SLA_NO_TIME when no target or stopped by an open pause */
	int paused;           /* stopped by an open pause */
	const struct sla_target *target; /* the target that gives `due` (earliest) */
	const struct calendar *cal;      /* its calendar */
	int64_t budget;       /* business minutes the target allows (on cal) */
	int64_t remaining;    /* business minutes left at `now`; negative when breached */
	int breached;         /* now > due */
	int at_risk;          /* not breached, remaining <= at_risk_minutes */
};

/* The instant a target falls due for a report received at `received`, with
 * no pauses. Working days as cal_add_days(). Returns CAL_OK or its error. */
enum cal_status sla_raw_due(const struct sla_target *t, sd_time received, sd_time *out);

/* Computes both clocks of a ticket at instant now. at_risk_minutes: see
 * struct sla_clock_state. Returns CAL_OK, or the first calendar error. */
enum cal_status sla_clocks(const struct sla_ticket *tk, sd_time now, int64_t at_risk_minutes,
			   struct sla_clock_state out[SLA_NCLOCKS]);

/* Whether a channel is included in a plan (0 = no). */
int sla_plan_has_channel(const struct sla_plan *plan, enum sla_channel ch);

/* The due instants of a ticket that had one plan and category (cat may be
 * NULL: plan-wide targets only) from `received` on, with closed pauses
 * (sorted; an open pause is left out: a paused ticket keeps the dues it had
 * without it) and its contract's overrides. Writes *reaction / *resolution
 * (SLA_NO_TIME = no target). Used wherever a ticket's dues are stored: the
 * console's new ticket, `sdesk plans load`, the demo. */
enum cal_status sla_ticket_dues(const struct sla_plan *plan, const struct sla_category *cat, enum sla_channel ch,
				sd_time received, const struct sla_pause *pauses, size_t npauses,
				const struct sla_override *ov, size_t nov, sd_time *reaction, sd_time *resolution);

/* Extra open time of one account, in UTC: booked standby windows (001,
 * every ticket of the account) and on-call windows (003, reports on the
 * oncall channel). [from, to), sorted by from; may overlap. */
struct sla_window {
	sd_time from, to;
};

/* The instant `minutes` (>= 0) of open time after start on cal united with
 * the windows: inside a window every wall minute counts, outside it the
 * calendar's open time (cal_add). With no windows it is cal_add. minutes ==
 * 0 gives start when it is open (in a window or on cal), else the next
 * opening of either. */
enum cal_status sla_add_open(const struct calendar *cal, const struct sla_window *w, size_t nw, sd_time start,
			     int64_t minutes, sd_time *out);

/* sla_ticket_dues (no pauses) with the account's extra open windows: every
 * target's budget of open minutes (doc/sla.md, "Clocks") runs on its
 * calendar united with the windows, and the earliest target wins. A
 * category-1 on-call report at Saturday 10:00 inside a window 08:00-20:00
 * with a 1-hour target is due Saturday 11:00. nw == 0: sla_ticket_dues. */
enum cal_status sla_ticket_dues_open(const struct sla_plan *plan, const struct sla_category *cat,
				     enum sla_channel ch, sd_time received, const struct sla_override *ov,
				     size_t nov, const struct sla_window *w, size_t nw, sd_time *reaction,
				     sd_time *resolution);

/* Parses a contract's overrides in their text form, items
 * "CATEGORY:CLOCK:UNIT:AMOUNT" separated by ',' (CATEGORY '*' = every
 * category, CLOCK reaction|resolution, UNIT m, h or d = working days), as the
 * database layer renders contract.overrides (doc/data-model.md, "Contract
 * overrides"). Returns how many were stored in ov (at most max; "" gives 0),
 * -1 on a malformed item. The category pointers point into buf, which is
 * modified. */
int sla_overrides_parse(char *buf, struct sla_override *ov, size_t max);

/* ---- explanation ------------------------------------------------------- */

enum sla_explain_kind {
	SLA_EX_TARGET,  /* a target considered: target, due (raw, no pauses), budget */
	SLA_EX_CHOSEN,  /* the earliest target, whose steps follow */
	SLA_EX_RULE,    /* text: a rule applied (call-back cut-off, last hour, ...) */
	SLA_EX_STEP,    /* step: one interval counted or day skipped (cal_add_explain) */
	SLA_EX_PAUSE,   /* from/to, minutes: paused business time skipped */
	SLA_EX_NONE,    /* no target for this clock and channel */
};
struct sla_explain_ev {
	enum sla_explain_kind kind;
	enum sla_clock clock;
	const struct sla_target *target;
	sd_time due;
	int64_t minutes;
	sd_time from, to;
	const struct cal_step *step;
	const char *text; /* valid during the callback only */
};
typedef void (*sla_explain_fn)(const struct sla_explain_ev *ev, void *arg);

/* Like sla_clocks (for the last phase, without pauses) and reports how each
 * due instant came about. For `sdesk sla due --explain`. */
enum cal_status sla_explain(const struct sla_ticket *tk, sla_explain_fn fn, void *arg);

/* ---- queue order and display ------------------------------------------- */

/* One open ticket as the queue sorts it. */
struct sla_queue_item {
	sd_time reaction_due;    /* SLA_NO_TIME = none */
	sd_time resolution_due;  /* SLA_NO_TIME = none */
	int acknowledged;        /* reaction done: sort by resolution_due */
	int severity;            /* 1 = most severe */
	sd_time received;
	int64_t id;              /* last tie-breaker, keeps the order total */
};
/* qsort comparator on struct sla_queue_item: the instant the relevant clock
 * runs out (earliest first; none last), then severity, then age (oldest
 * first), then id. */
int sla_queue_cmp(const void *a, const void *b);

/* Formats business minutes: "45m", "1h 25m", "2h", "2d 3h" (a day being
 * day_minutes business minutes; 0 = never show days), breached ones with a
 * leading '-': "-1h 10m". Writes at most len bytes (NUL included); returns buf. */
char *sla_format_remaining(int64_t minutes, int day_minutes, char *buf, size_t len);

#endif
