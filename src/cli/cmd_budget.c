/* sdesk budget show|add-points|correct and sdesk standby book|list: balances,
 * purchased points packages (004: minimum 40 technical / 20 user points),
 * lead corrections with a reason, and extended standby (001: at least 3
 * working days ahead unless a lead overrides with a reason, billed per
 * started hour). Rules and choices: doc/billing.md. */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/now.h"
#include "base/exitcodes.h"
#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "conf/config.h"
#include "conf/plans.h"
#include "db/actions.h"
#include "db/billing_q.h"
#include "db/catalogue.h"
#include "engine/billing.h"
#include "engine/timefmt.h"

static void budget_help(FILE *out)
{
	fprintf(out, "%s", _(
		"Usage: sdesk budget show ACCOUNT [MONTH] [--db CONNINFO]\n"
		"       sdesk budget add-points ACCOUNT PLAN KIND POINTS [--on DATE] [--note TEXT] [--dry-run]\n"
		"       sdesk budget correct ACCOUNT PLAN POOL AMOUNT --reason TEXT [--money EUR] [--on DATE]\n"
		"\n"
		"show        balances per contract (free minutes, activation credit, points,\n"
		"            billed this month); MONTH YYYY-MM, default this month\n"
		"add-points  a purchased package of the plan's points KIND (technical, user);\n"
		"            below the kind's minimum (40 / 20) it is refused. Leads only.\n"
		"correct     a lead's correction: POOL free, credit or a points kind; AMOUNT\n"
		"            signed minutes or points; --money a signed amount (-2.50 = credit note)\n"
		"--on DATE   the local date it takes effect (YYYY-MM-DD, default today): a\n"
		"            backdated entry sees it from that month on\n"
		"Exit codes: 0 ok, 1 database error (also: not a lead), 2 usage or input error.\n"));
}

static void standby_help(FILE *out)
{
	fprintf(out,
		_("Usage: sdesk standby book ACCOUNT START END [--plan PLAN] [--rate EUR] [--override REASON]\n"
		"                          [--now INSTANT] [--dry-run] [--db CONNINFO]\n"
		"       sdesk standby list ACCOUNT [--db CONNINFO]\n"
		"\n"
		"book  extended standby from START to END (ISO 8601 instants) on the account's\n"
		"      contract (--plan when it has several on that day). Refused unless START\n"
		"      is on or after the plan's standby_lead_days-th working day (default 3,\n"
		"      calendar standby_calendar) after today; a lead may book earlier with\n"
		"      --override REASON. Billed per started hour at the plan's\n"
		"      standby_hour_cents or --rate EUR. The window opens the account's calendar.\n"
		"list  bookings that have not ended yet\n"
		"Exit codes: 0 ok, 1 database error (also: not a lead), 2 usage or input error.\n"));
}

/* ---- shared ------------------------------------------------------------ */

struct env {
	const char *cmd;
	struct sla_catalogue cat;
	int have_cat;
	struct db *db;
	struct bq_account acct;
};

/* Loads the catalogue, connects and finds the account. Returns 0 or an exit code. */
static int env_open(struct env *e, struct sdesk_ctx *ctx, const char *conninfo, const char *account)
{
	struct sdesk_config cfg;
	char err[600];

	if (settings_read(&cfg, ctx->config_path, err, sizeof(err)) < 0) {
		fprintf(stderr, "sdesk: %s\n", err);
		settings_free(&cfg);
		return SDESK_EXIT_USAGE;
	}
	e->db = db_connect(conninfo ? conninfo : cfg.conninfo);
	settings_free(&cfg);
	if (!db_connected(e->db)) {
		fprintf(stderr, "sdesk: %s: %s\n", e->cmd, db_last_error(e->db)->plain);
		return SDESK_EXIT_RUNTIME;
	}
	/* The database's catalogue: its rules, never a local file's. */
	if (catalogue_fetch(e->db, &e->cat, err, sizeof(err)) < 0) {
		fprintf(stderr, "sdesk: %s: %s\n", e->cmd, err);
		return SDESK_EXIT_RUNTIME;
	}
	e->have_cat = 1;
	if (bq_account(e->db, account, &e->acct) < 0) {
		if (db_last_error(e->db)->kind == DB_OK) {
			fprintf(stderr, _("sdesk: %s: no account '%s'\n"), e->cmd, cli_text(account));
			return SDESK_EXIT_USAGE;
		}
		fprintf(stderr, "sdesk: %s: %s\n", e->cmd, db_last_error(e->db)->plain);
		return SDESK_EXIT_RUNTIME;
	}
	return 0;
}

static void env_close(struct env *e)
{
	if (e->db)
		db_close(e->db);
	if (e->have_cat)
		sla_catalogue_free(&e->cat);
}

static int db_fail(struct env *e, const char *what)
{
	fprintf(stderr, "sdesk: %s: %s: %s\n", e->cmd, _(what), db_last_error(e->db)->plain);
	return SDESK_EXIT_RUNTIME;
}

/* The contract of the account on plan `plan` running on `day` (NULL today). */
static int find_contract(struct env *e, const char *plan, const char *day, struct bq_contract *c,
			 const struct sla_plan **p)
{
	if (bq_contract_on(e->db, e->acct.id, plan, day, c) < 0) {
		if (db_last_error(e->db)->kind != DB_OK)
			return db_fail(e, N_("contract"));
		fprintf(stderr, _("sdesk: %s: account %s has no contract on plan '%s' running %s%s\n"), e->cmd,
			cli_text(e->acct.code), cli_text(plan), day ? _("on ") : _("today"), day ? cli_text(day) : "");
		return SDESK_EXIT_USAGE;
	}
	*p = sla_plan_find(&e->cat, c->plan);
	if (!*p) {
		fprintf(stderr, _("sdesk: %s: plan '%s' is not in the plan catalogue\n"), e->cmd, cli_text(c->plan));
		return SDESK_EXIT_USAGE;
	}
	return 0;
}

static int parse_date(const char *cmd, const char *s)
{
	int y, m, d;
	char tail;

	if (!s)
		return 0;
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 ||
	    d > 31 || days_to_civil(civil_to_days(y, m, d)).day != d)
		return cli_usage_error(cmd, "bad date '%s' (YYYY-MM-DD)", s);
	return 0;
}

static int parse_int(const char *s, int64_t *v)
{
	char *end;
	long long x = strtoll(s, &end, 10);

	if (end == s || *end != '\0' || x > 1000000 || x < -1000000)
		return -1;
	*v = x;
	return 0;
}

/* Options: --name VALUE pairs and flags; positional arguments in pos. */
struct args {
	const char *pos[6];
	int npos;
	const char *on, *note, *reason, *money, *plan, *rate, *override, *now, *conninfo;
	int dry_run;
};

static int parse_args(const char *cmd, int argc, char **argv, struct args *a, void (*help)(FILE *))
{
	memset(a, 0, sizeof(*a));
	for (int i = 1; i < argc; i++) {
		static const char *const names[] = {"--on", "--note", "--reason", "--money", "--plan",
						    "--rate", "--override", "--now", "--db"};
		const char **slots[] = {&a->on, &a->note, &a->reason, &a->money, &a->plan,
					&a->rate, &a->override, &a->now, &a->conninfo};
		size_t k;

		if (cli_is_help(argv[i])) {
			help(stdout);
			return -1;
		}
		if (strcmp(argv[i], "--dry-run") == 0) {
			a->dry_run = 1;
			continue;
		}
		for (k = 0; k < SDESK_ARRAY_LEN(names); k++)
			if (strcmp(argv[i], names[k]) == 0)
				break;
		if (k < SDESK_ARRAY_LEN(names)) {
			if (++i >= argc)
				return cli_usage_error(cmd, "%s needs a value", names[k]);
			*slots[k] = argv[i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0' && !(argv[i][1] >= '0' && argv[i][1] <= '9')) {
			return cli_usage_error(cmd, "unknown option '%s'", argv[i]);
		} else if (a->npos < (int)SDESK_ARRAY_LEN(a->pos)) {
			a->pos[a->npos++] = argv[i];
		} else {
			return cli_usage_error(cmd, "unexpected argument '%s'", argv[i]);
		}
	}
	return 0;
}

/* ---- sdesk budget ------------------------------------------------------ */

static int budget_show(struct env *e, const struct args *a)
{
	struct bq_contract *cs = NULL;
	size_t ncs = 0;
	int month, rc = SDESK_EXIT_OK;
	char eur[40];

	if (a->pos[2]) {
		if (bill_month_parse(a->pos[2], &month) < 0)
			return cli_usage_error("budget", "bad MONTH '%s' (YYYY-MM)", a->pos[2]);
	} else {
		time_t now = (time_t)sd_now();
		struct tm tm;
		localtime_r(&now, &tm);
		month = bill_month(tm.tm_year + 1900, tm.tm_mon + 1);
	}
	if (bq_contracts(e->db, e->acct.id, month, &cs, &ncs) < 0)
		return db_fail(e, N_("contracts"));
	printf("%s: %s\n", cli_text(e->acct.code), cli_text(e->acct.name));
	for (size_t i = 0; i < ncs; i++) {
		const struct sla_plan *p = sla_plan_find(&e->cat, cs[i].plan);
		struct bill_move *mv = NULL;
		size_t nmv = 0;
		struct bill_balance bal;
		const struct sla_budget *b;

		if (!p || bq_moves(e->db, cs[i].id, &p->budget, &mv, &nmv) < 0 ||
		    bq_balance(&p->budget, mv, nmv, month, e->acct.activated, e->acct.activation_month, &bal) != BILL_OK) {
			free(mv);
			fprintf(stderr, _("sdesk: budget: cannot compute the balance of contract %" PRId64 " (%s)\n"),
				cs[i].id, cli_text(cs[i].plan));
			rc = SDESK_EXIT_RUNTIME;
			continue;
		}
		b = &p->budget;
		printf(_("  %s (contract %" PRId64 ")"), cli_text(p->name), cs[i].id);
		if (b->monthly_free_minutes > 0)
			printf(_("  free %" PRId64 "/%" PRId64 " min%s"), bal.free_left, bal.free_allowance,
			       bal.free_left <= 0 ? _(" LOW") : "");
		if (b->activation_credit_minutes > 0)
			printf(_("  credit %" PRId64 " min%s"), bal.credit_left, bal.credit_left <= 0 ? _(" LOW") : "");
		for (size_t k = 0; k < b->npoints && k < BILL_MAX_POINTS_KINDS; k++)
			printf(_("  %s %" PRId64 " points%s"), _(cli_text(b->points[k].name)), bal.points_left[k],
			       bal.points_left[k] <= 0 ? _(" LOW") : "");
		if (bal.billed_cents)
			printf(_("  billed %" PRId64 " min = %s"), bal.billed_minutes,
			       bill_format_eur(bal.billed_cents, eur, sizeof(eur)));
		printf("\n");
		free(mv);
	}
	free(cs);
	return rc;
}

static int budget_add_points(struct env *e, const struct args *a)
{
	const struct sla_plan *p;
	struct bq_contract c;
	struct bill_move mv;
	int64_t points, id;
	enum bill_status st;
	int k, r, month;
	char eur[40];

	if (a->npos != 5)
		return cli_usage_error("budget", "add-points needs ACCOUNT PLAN KIND POINTS");
	if (parse_int(a->pos[4], &points) < 0 || points <= 0)
		return cli_usage_error("budget", "bad POINTS '%s' (a positive whole number)", a->pos[4]);
	if ((r = find_contract(e, a->pos[2], a->on, &c, &p)) != 0)
		return r;
	k = bill_points_kind(&p->budget, a->pos[3]);
	if (k < 0)
		return cli_usage_error("budget", "plan %s has no points account '%s'", p->name, a->pos[3]);
	if (bill_month_parse(a->on ? a->on : "2000-01", &month) < 0)
		month = 0;
	st = bill_points_package(&p->budget, k, points, month, &mv);
	if (st == BILL_EMINIMUM)
		return cli_usage_error("budget", "refused: a package of %" PRId64 " %s points is below the minimum of %d",
				       points, p->budget.points[k].name, p->budget.points[k].min_points);
	if (st != BILL_OK)
		return cli_usage_error("budget", "cannot price the package: %s", _(bill_status_text(st)));
	printf(_("package %" PRId64 " %s points = %s net\n"), points, p->budget.points[k].name,
	       bill_format_eur(mv.cents, eur, sizeof(eur)));
	if (a->dry_run)
		return SDESK_EXIT_OK;
	if (bq_package(e->db, c.id, p->budget.points[k].name, points, a->on, a->note, &id) < 0)
		return db_fail(e, N_("package"));
	printf(_("booked package %" PRId64 " on contract %" PRId64 "\n"), id, c.id);
	return SDESK_EXIT_OK;
}

static int budget_correct(struct env *e, const struct args *a)
{
	const struct sla_plan *p;
	struct bq_contract c;
	int64_t amount, cents = 0, id;
	const char *pool, *unit = N_("minutes");
	int r;
	char eur[40];

	if (a->npos != 5)
		return cli_usage_error("budget", "correct needs ACCOUNT PLAN POOL AMOUNT --reason TEXT");
	if (!a->reason || !a->reason[0])
		return cli_usage_error("budget", "a correction needs --reason TEXT");
	if (parse_int(a->pos[4], &amount) < 0)
		return cli_usage_error("budget", "bad AMOUNT '%s' (signed whole minutes or points)", a->pos[4]);
	if (a->money && bill_parse_cents(a->money, &cents) < 0)
		return cli_usage_error("budget", "bad --money '%s' (like -2.50)", a->money);
	if (!amount && !cents)
		return cli_usage_error("budget", "a correction of nothing (AMOUNT 0 and no --money)");
	if ((r = find_contract(e, a->pos[2], a->on, &c, &p)) != 0)
		return r;
	if (strcmp(a->pos[3], "free") == 0) {
		pool = BQ_POOL_FREE;
	} else if (strcmp(a->pos[3], "credit") == 0) {
		pool = BQ_POOL_CREDIT;
	} else if (bill_points_kind(&p->budget, a->pos[3]) >= 0) {
		pool = a->pos[3];
		unit = N_("points");
	} else {
		return cli_usage_error("budget", "bad POOL '%s' for plan %s (free, credit or a points kind)", a->pos[3],
				       p->name);
	}
	printf(_("correction %+" PRId64 " %s of %s, money %s, reason: %s\n"), amount, _(unit), cli_text(pool),
	       bill_format_eur(cents, eur, sizeof(eur)), cli_text(a->reason));
	if (a->dry_run)
		return SDESK_EXIT_OK;
	if (bq_adjust(e->db, c.id, pool, unit, amount, cents, a->on, a->reason, &id) < 0)
		return db_fail(e, N_("correction"));
	printf(_("booked correction %" PRId64 " on contract %" PRId64 "\n"), id, c.id);
	return SDESK_EXIT_OK;
}

int cmd_budget(struct sdesk_ctx *ctx, int argc, char **argv)
{
	struct args a;
	struct env e = {.cmd = "budget"};
	int rc;

	rc = parse_args("budget", argc, argv, &a, budget_help);
	if (rc)
		return rc < 0 ? SDESK_EXIT_OK : rc;
	if (!a.pos[0])
		return cli_usage_error("budget", "missing subcommand: show, add-points or correct");
	if (strcmp(a.pos[0], "show") && strcmp(a.pos[0], "add-points") && strcmp(a.pos[0], "correct"))
		return cli_usage_error("budget", "unknown subcommand '%s' (show, add-points, correct)", a.pos[0]);
	if (!a.pos[1])
		return cli_usage_error("budget", "%s needs ACCOUNT", a.pos[0]);
	if (parse_date("budget", a.on))
		return SDESK_EXIT_USAGE;
	rc = env_open(&e, ctx, a.conninfo, a.pos[1]);
	if (rc == 0) {
		if (strcmp(a.pos[0], "show") == 0)
			rc = budget_show(&e, &a);
		else if (strcmp(a.pos[0], "add-points") == 0)
			rc = budget_add_points(&e, &a);
		else
			rc = budget_correct(&e, &a);
	}
	env_close(&e);
	return rc;
}

/* ---- sdesk standby ----------------------------------------------------- */

/* The zone of the ledger's dates (Europe/Berlin, as sdesk_local_date). */
static const struct cal_zone *ledger_zone(const struct sla_catalogue *cat)
{
	for (size_t i = 0; i < cal_set_ncalendars(cat->cals); i++) {
		const struct calendar *c = cal_set_calendar_at(cat->cals, i);
		if (strcmp(cal_zone(c)->name, "Europe/Berlin") == 0)
			return cal_zone(c);
	}
	return cal_zone(cal_set_calendar_at(cat->cals, 0));
}

static char *local_text(const struct cal_zone *z, sd_time t, char *buf, size_t len)
{
	int64_t day;
	int minute;
	struct civil_date d;

	cal_zone_utc_to_local(z, t, &day, &minute);
	d = days_to_civil(day);
	snprintf(buf, len, "%04d-%02d-%02d %02d:%02d", d.year, d.month, d.day, minute / 60, minute % 60);
	return buf;
}

static int instant_arg(const char *what, const char *s, sd_time *t)
{
	const char *why = NULL;

	if (sd_parse_instant(s, strlen(s), t, &why) < 0)
		return cli_usage_error("standby", "bad %s '%s': %s", what, s, why ? why : _("not an ISO 8601 instant"));
	return 0;
}

static int standby_book(struct env *e, const struct args *a)
{
	sd_time start, end, now = (sd_time)sd_now();
	const struct sla_plan *p = NULL;
	struct bq_contract c;
	struct bill_standby sb;
	int64_t rate, id;
	const struct cal_zone *z;
	char day[16], t1[40], t2[40], t3[40], eur[40], r1[40];
	struct civil_date d;
	int64_t lday;
	int lmin, r;

	if (a->npos != 4)
		return cli_usage_error("standby", "book needs ACCOUNT START END");
	if (instant_arg("START", a->pos[2], &start) || instant_arg("END", a->pos[3], &end) ||
	    (a->now && instant_arg("--now", a->now, &now)))
		return SDESK_EXIT_USAGE;
	if (end <= start)
		return cli_usage_error("standby", "END must be after START");
	/* The contract running on START's local (Berlin) day. */
	cal_zone_utc_to_local(ledger_zone(&e->cat), start, &lday, &lmin);
	d = days_to_civil(lday);
	snprintf(day, sizeof(day), "%04d-%02d-%02d", d.year, d.month, d.day);
	if (!a->plan) {
		struct bq_contract *cs = NULL;
		size_t ncs = 0, found = 0;
		if (bq_contracts(e->db, e->acct.id, bill_month(d.year, d.month), &cs, &ncs) < 0)
			return db_fail(e, N_("contracts"));
		for (size_t i = 0; i < ncs; i++)
			if (strcmp(cs[i].valid_from, day) <= 0 && (!cs[i].valid_to[0] || strcmp(cs[i].valid_to, day) >= 0)) {
				c = cs[i];
				found++;
			}
		free(cs);
		if (found != 1) {
			fprintf(stderr, _("sdesk: standby: account %s has %zu contracts running on %s: name one with --plan\n"),
				cli_text(e->acct.code), found, day);
			return SDESK_EXIT_USAGE;
		}
		p = sla_plan_find(&e->cat, c.plan);
		if (!p) {
			fprintf(stderr, _("sdesk: standby: plan '%s' is not in the plan catalogue\n"), cli_text(c.plan));
			return SDESK_EXIT_USAGE;
		}
	} else if ((r = find_contract(e, a->plan, day, &c, &p)) != 0) {
		return r;
	}
	if (a->rate)
		return cli_usage_error("standby", "--rate: the standby rate is the one agreed in the contract "
				       "(contract overrides standby_hour_cents, set by an admin; doc/billing.md)");
	if (a->now && !a->dry_run)
		return cli_usage_error("standby", "--now only with --dry-run: a booking is made now");
	if (bq_standby_preview(e->db, c.id, start, end, now, &sb, &rate) < 0) {
		const struct db_error *de = db_last_error(e->db);

		if (db_connected(e->db) && de->kind != DB_OTHER)
			return cli_usage_error("standby", "%s", de->plain);
		return db_fail(e, N_("standby"));
	}
	z = cal_zone(p->budget.standby_cal);
	printf(_("standby %s to %s, %" PRId64 " h x %s = %s net; earliest start without override %s\n"),
	       local_text(z, start, t1, sizeof(t1)), local_text(z, end, t2, sizeof(t2)), sb.hours,
	       bill_format_eur(rate, r1, sizeof(r1)), bill_format_eur(sb.cents, eur, sizeof(eur)),
	       local_text(z, sb.earliest, t3, sizeof(t3)));
	if (sb.early && !a->override) {
		fprintf(stderr,
			_("sdesk: standby: refused: extended standby must be booked at least %d working days ahead "
			"(calendar %s: earliest start %s); a lead may book with --override REASON\n"),
			p->budget.standby_lead_days, cal_name(p->budget.standby_cal), t3);
		return SDESK_EXIT_USAGE;
	}
	if (a->dry_run)
		return SDESK_EXIT_OK;
	if (act_call(e->db, ACT_book_standby, NULL, &id, av_int(c.id), av_time(start), av_time(end),
		av_str(sb.early ? a->override : NULL)) < 0)
		return db_fail(e, N_("book"));
	printf(_("booked standby %" PRId64 " for %s%s\n"), id, cli_text(e->acct.code), sb.early ? _(" (lead override)") : "");
	return SDESK_EXIT_OK;
}

static int standby_list(struct env *e, const struct args *a)
{
	struct bq_standby *s = NULL;
	size_t n = 0;
	sd_time now = (sd_time)sd_now();
	const struct cal_zone *z = ledger_zone(&e->cat);
	char t1[40], t2[40], eur[40];

	if (a->now && instant_arg("--now", a->now, &now))
		return SDESK_EXIT_USAGE;
	if (bq_standby_list(e->db, e->acct.id, now, &s, &n) < 0)
		return db_fail(e, N_("list"));
	for (size_t i = 0; i < n; i++)
		printf("%" PRId64 "\t%s\t%s\t%s\t%s/h\t%s\t%s\n", s[i].id, cli_text(s[i].plan),
		       local_text(z, s[i].starts, t1, sizeof(t1)), local_text(z, s[i].ends, t2, sizeof(t2)), bill_format_cents(s[i].rate_cents, eur, sizeof(eur)),
		       cli_text(s[i].booked_by), s[i].reason[0] ? cli_text(s[i].reason) : "-");
	free(s);
	return SDESK_EXIT_OK;
}

int cmd_standby(struct sdesk_ctx *ctx, int argc, char **argv)
{
	struct args a;
	struct env e = {.cmd = "standby"};
	int rc;

	rc = parse_args("standby", argc, argv, &a, standby_help);
	if (rc)
		return rc < 0 ? SDESK_EXIT_OK : rc;
	if (!a.pos[0])
		return cli_usage_error("standby", "missing subcommand: book or list");
	if (strcmp(a.pos[0], "book") && strcmp(a.pos[0], "list"))
		return cli_usage_error("standby", "unknown subcommand '%s' (book, list)", a.pos[0]);
	if (!a.pos[1])
		return cli_usage_error("standby", "%s needs ACCOUNT", a.pos[0]);
	rc = env_open(&e, ctx, a.conninfo, a.pos[1]);
	if (rc == 0)
		rc = strcmp(a.pos[0], "book") == 0 ? standby_book(&e, &a) : standby_list(&e, &a);
	env_close(&e);
	return rc;
}
