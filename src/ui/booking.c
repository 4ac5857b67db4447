/* Call timer and booking forms of the console; see booking.h. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/i18n.h"
#include "base/now.h"
#include "base/util.h"
#include "db/billing_q.h"
#include "db/db.h"
#include "db/journal.h"
#include "engine/billing.h"
#include "engine/duration.h"
#include "ui/booking.h"
#include "ui/console.h"

static struct {
	int64_t ticket;   /* 0: no call running */
	int64_t started;  /* Unix seconds */
	char key[37];     /* its journal timer, and the key the call is booked with */
} timer;

static const char *const call_kinds[] = {"phone", "hotline"};
static const char *const time_kinds[] = {"support", "managed_service", "technical", "user_support"};

enum { BF_DURATION, BF_KIND, BF_NOTE };
/* form data: [0] seconds/minutes previewed, [1] kind previewed (+1; 0 =
 * none yet), [2] the instant the call started or the work was done, [3] 1 =
 * call form, 0 = time form */

/* The first key of a request ("Enter" of "Enter, F10"). */
static const char *first_key(enum ui_request req)
{
	static char buf[32];

	snprintf(buf, sizeof buf, "%s", keys_of(req));
	buf[strcspn(buf, ",")] = '\0';
	return buf;
}

int booking_status(char *buf, size_t len, int64_t now)
{
	int64_t s;

	if (!timer.ticket)
		return 0;
	s = now > timer.started ? now - timer.started : 0;
	snprintf(buf, len, _("CALL SD-%" PRId64 " %02" PRId64 ":%02" PRId64 "  %s stops and logs it"), timer.ticket, s / 60,
		 s % 60, keys_of(REQ_CALL));
	return 1;
}

int booking_running(char *buf, size_t len)
{
	if (!timer.ticket)
		return 0;
	snprintf(buf, len, _("a call on SD-%" PRId64), timer.ticket);
	return 1;
}

/* Notes the running call in the journal (under a fresh key when its key
 * ended there). 0, or -1 with err. */
static int timer_note(struct console *c, char *err, size_t len)
{
	for (size_t i = 0; timer.key[0] && i < journal_timer_count(c->journal); i++)
		if (strcmp(journal_timer_at(c->journal, i)->key, timer.key) == 0)
			return 0;
	if (db_new_key(timer.key) != 0) {
		snprintf(err, len, "%s", _("no randomness for a key"));
		return -1;
	}
	return journal_timer_start(c->journal, timer.key, timer.ticket, timer.started, err, len);
}

static int discard_answer(struct console *c, int key)
{
	char err[512];
	int64_t t = timer.ticket;

	if (key != 'd' && key != 'D') {
		if (timer_note(c, err, sizeof err) != 0)
			console_say(c, 1, _("call on SD-%" PRId64 " runs, but the journal: %s"), t, err);
		else
			console_say(c, 0, _("call on SD-%" PRId64 " still runs; %s stops it"), t, keys_of(REQ_CALL));
		return UI_REDRAW;
	}
	if (journal_timer_drop(c->journal, timer.key, err, sizeof err) != 0) {
		console_say(c, 1, _("call on SD-%" PRId64 " not discarded: %s"), t, err);
		return UI_REDRAW;
	}
	memset(&timer, 0, sizeof timer);
	console_say(c, 0, _("call on SD-%" PRId64 " discarded"), t);
	return UI_REDRAW;
}

void booking_cancelled(struct console *c, struct form *f)
{
	if (!f->data[3] || !timer.ticket)
		return;
	console_ask(c, discard_answer, _("Call on SD-%" PRId64 " not logged: d discards it, any other key keeps it running"),
		    timer.ticket);
}

static int restore_answer(struct console *c, int key)
{
	if (key == '\n') {
		console_load_ticket(c, timer.ticket);
		console_push(c, &ticket_screen); /* where the call form returns to */
		return booking_action(c, REQ_CALL, timer.ticket);
	}
	if (key == 'd' || key == 'D')
		return discard_answer(c, 'd');
	console_say(c, 0, _("call on SD-%" PRId64 " runs; %s on its ticket stops it"), timer.ticket, keys_of(REQ_CALL));
	return UI_REDRAW;
}

void booking_restore(struct console *c)
{
	size_t n = journal_timer_count(c->journal);
	const struct journal_timer *t;
	char when[32];
	int64_t min;

	if (n == 0 || timer.ticket)
		return;
	t = journal_timer_at(c->journal, n - 1);
	timer.ticket = t->ticket;
	timer.started = t->started;
	memcpy(timer.key, t->key, sizeof timer.key);
	console_format_time(t->started, when, sizeof when);
	min = (c->now - t->started) / 60;
	console_ask(c, restore_answer, _("Call on SD-%" PRId64 " running since %s (%" PRId64 " min): Enter logs it, "
		    "d discards, Esc keeps it"), t->ticket, when + (strlen(when) > 11 ? 11 : 0), min > 0 ? min : 0);
}

/* The ticket's contract. 0 ok, else a message in err. */
static int load(struct console *c, int64_t ticket, struct bq_ticket *tk, char *err, size_t len)
{
	if (c->state != CON_LIVE || console_settle(c) != 0) {
		snprintf(err, len, _("offline: the price is computed when the entry is sent; %s saves it locally"),
			 first_key(REQ_FORM_SAVE));
		return -1;
	}
	if (bq_ticket(c->db, ticket, tk) < 0) {
		snprintf(err, len, "SD-%" PRId64 ": %s", ticket, console_db_error(c));
		return -1;
	}
	return 0;
}

/* Previews (dry_run) or books the form's entry. 0 ok, -1 with form_error. */
static int book(struct console *c, struct form *f, int64_t amount, size_t kind, int dry_run, struct bq_booked *out)
{
	struct bq_ticket tk;
	char err[512];
	int r;
	sd_time at = (sd_time)f->data[2];

	if (load(c, f->ticket, &tk, err, sizeof err) != 0) {
		form_error(f, "%s", err);
		return -1;
	}
	/* The database decides (sdesk.book): the preview is its answer. */
	if (f->data[3])
		r = bq_book_call(c->db, &tk, at, amount, kind == 1, dry_run, f->key, out);
	else
		r = bq_book_time(c->db, &tk, at, amount, time_kinds[kind], 0, BQ_TIME_NONE, NULL, dry_run, f->key, out);
	if (r < 0) {
		form_error(f, _("refused: %s"), console_db_error(c));
		return -1;
	}
	return 0;
}

/* The typed duration of the form: seconds (call) or started minutes (time). */
static int amount_of(struct form *f, int64_t *amount)
{
	int64_t sec;
	size_t where = 0;
	enum dur_status ds = dur_parse(form_value(f, BF_DURATION), &sec, &where);

	if (ds != DUR_OK) {
		f->cur = BF_DURATION;
		form_error(f, _("duration at column %zu: %s (25m, 1:10, 1.5h, 12m 30s)"), where + 1, dur_status_text(ds));
		return -1;
	}
	*amount = f->data[3] ? sec : dur_started_minutes(sec);
	return 0;
}

/* Shows the split or price in the form's note; 0 when it could be computed. */
static int preview(struct console *c, struct form *f)
{
	struct bq_booked b;
	int64_t amount;

	if (amount_of(f, &amount) != 0 || book(c, f, amount, f->f[BF_KIND].choice, 1, &b) != 0)
		return -1;
	snprintf(f->note, sizeof f->note, "%.160s%s%.80s", b.text, b.warning[0] ? _("  WARNING: ") : "", b.warning);
	f->data[0] = amount;
	f->data[1] = (int64_t)f->f[BF_KIND].choice + 1;
	return 0;
}

static int submit(void *app, struct form *f)
{
	struct console *c = app;
	struct bq_booked answer;
	const struct bq_booked *b = &answer;
	int64_t amount, id = 0;
	size_t kind = f->f[BF_KIND].choice;
	char what[1200], err[512];
	int live = c->state == CON_LIVE && console_settle(c) == 0, rc;

	if (amount_of(f, &amount) != 0)
		return -1;
	if (live && (amount != f->data[0] || (int64_t)kind + 1 != f->data[1])) {
		/* Changed since the split was shown: show it first. */
		if (preview(c, f) == 0)
			form_error(f, _("%.300s: check the %s, then %s saves"), f->note, f->data[3] ? _("split") : _("price"),
				   first_key(REQ_FORM_SAVE));
		return -1;
	}
	/* The request goes to the journal first; it is priced when it is sent. */
	if (f->data[3])
		rc = bq_journal_call(c->journal, f->key, f->ticket, (sd_time)f->data[2], amount, kind == 1, err, sizeof err);
	else
		rc = bq_journal_time(c->journal, f->key, f->ticket, (sd_time)f->data[2], amount, time_kinds[kind], 0,
				     BQ_TIME_NONE, *form_value(f, BF_NOTE) ? form_value(f, BF_NOTE) : NULL, err, sizeof err);
	if (rc != 0) {
		form_error(f, _("not saved: %s"), err);
		return -1;
	}
	if (f->data[3] && timer.ticket && strcmp(timer.key, f->key) == 0)
		memset(&timer, 0, sizeof timer); /* the call is in the journal now, under the timer's key */
	if (f->data[3] && *form_value(f, BF_NOTE)) {
		/* A call's note goes into the ticket's thread, journaled right after the call. */
		char nkey[37], ticket[24], *body = xasprintf("Call of %" PRId64 " min: %s", (amount + 59) / 60,
							    form_value(f, BF_NOTE));
		const char *np[2] = {ticket, body};

		snprintf(ticket, sizeof ticket, "%" PRId64, f->ticket);
		if (db_new_key(nkey) != 0 || journal_add(c->journal, nkey, "post_note", 2, np, err, sizeof err) != 0)
			console_say(c, 1, _("the call's note was not saved: %s"), err);
		free(body);
	}
	rc = console_send(c, f->key, &id, err, sizeof err);
	if (rc < 0) {
		if (db_new_key(f->key) != 0)
			f->key[0] = '\0';
		form_error(f, _("refused: %s"), err);
		return -1;
	}
	if (rc == 0) {
		console_say(c, 0, _("SD-%" PRId64 ": %s saved locally, %zu pending; priced and sent when the database is back"),
			    f->ticket, f->data[3] ? _("call") : _("time"), c->pending);
		return 0;
	}
	if (bq_answer(c->db, f->key, &answer) != 0)
		snprintf(answer.text, sizeof answer.text, "%s", _("(the database's answer could not be read)"));
	snprintf(what, sizeof what, _("SD-%" PRId64 ": %s logged: %s%s%s"), f->ticket, f->data[3] ? _("call") : _("time"),
		 b->text, b->warning[0] ? _("; warning: ") : "", b->warning);
	console_say(c, b->warning[0] != 0, "%s", what);
	if (c->ticket_id == f->ticket && c->ticket_loaded)
		console_load_ticket(c, f->ticket);
	console_refresh(c, f->ticket);
	return 0;
}

static void changed(void *app, struct form *f, int i)
{
	(void)i;
	if (*form_value(f, BF_DURATION) && preview(app, f) == 0)
		form_error(f, "%s", "");
}

static void open_form(struct console *c)
{
	c->message[0] = '\0';
	console_push(c, &form_screen);
}

int booking_action(struct console *c, enum ui_request req, int64_t ticket)
{
	struct form *f = &c->form;
	char title[128], dur[64];
	int64_t now = sd_now();

	if (req == REQ_CALL && !timer.ticket) {
		struct bq_ticket tk;
		const struct sla_plan *plan;
		char err[512];

		if (c->state != CON_LIVE) {
			/* Offline: the call is timed all the same; the plan is checked when it is sent. */
			timer.ticket = ticket;
			timer.started = now;
			timer.key[0] = '\0';
			if (timer_note(c, err, sizeof err) != 0) {
				memset(&timer, 0, sizeof timer);
				console_say(c, 1, _("call not started: journal: %s"), err);
				return UI_REDRAW;
			}
			console_say(c, 1, _("call on SD-%" PRId64 " started (offline: phone hours not checked); %s stops it"),
				    ticket, keys_of(REQ_CALL));
			return UI_REDRAW;
		}
		if (load(c, ticket, &tk, err, sizeof err) != 0) {
			console_say(c, 1, "%s", err);
			return UI_REDRAW;
		}
		/* The database's catalogue (catalogue_fetch), for the warnings. */
		plan = sla_plan_find(c->cat, tk.plan);
		if (!plan) {
			console_say(c, 1, _("plan %s of SD-%" PRId64 " is not in the database's plan catalogue"), tk.plan, ticket);
			return UI_REDRAW;
		}
		timer.ticket = ticket;
		timer.started = now;
		timer.key[0] = '\0';
		if (timer_note(c, err, sizeof err) != 0) {
			memset(&timer, 0, sizeof timer);
			console_say(c, 1, _("call not started: journal: %s"), err);
			return UI_REDRAW;
		}
		if (!sla_plan_has_channel(plan, SLA_CH_PHONE))
			console_say(c, 1, _("call on SD-%" PRId64 " started; warning: plan %s has no phone support"), ticket,
				    plan->name);
		else if (plan->budget.hotline_cal && !cal_is_open(plan->budget.hotline_cal, (sd_time)now))
			console_say(c, 1, _("call on SD-%" PRId64 " started; warning: outside phone-support hours (%s): "
				    "a hotline call?"), ticket, cal_name(plan->budget.hotline_cal));
		else
			console_say(c, 0, _("call on SD-%" PRId64 " started; %s stops it"), ticket, keys_of(REQ_CALL));
		return UI_REDRAW;
	}
	if (req == REQ_CALL) {
		int64_t s = now - timer.started;

		snprintf(title, sizeof title, _("SD-%" PRId64 ": log call"), timer.ticket);
		form_init(f, title, submit, changed);
		f->ticket = timer.ticket;
		f->data[2] = timer.started;
		f->data[3] = 1;
		if (timer.key[0])
			memcpy(f->key, timer.key, sizeof f->key); /* booked under the timer's key: it ends the timer */
		snprintf(dur, sizeof dur, "%" PRId64 "m %" PRId64 "s", s / 60, s % 60);
		form_text(f, _("Duration"), dur, _("from the timer; type to change: 25m, 1:10, 12m 30s"));
		form_choice(f, _("Kind"), call_kinds, 2, 0, _("hotline: priced per started 5 minutes"));
		form_text(f, _("Note"), NULL, _("optional: what was said (saved in the thread)"));
		preview(c, f);
		open_form(c);
		return UI_REDRAW;
	}
	if (req == REQ_LOG_TIME) {
		const struct queue_row *r = c->ticket_loaded && c->ticket.row.id == ticket ? &c->ticket.row : NULL;
		const struct sla_plan *p = r && c->cat ? sla_plan_find(c->cat, r->plan) : NULL;
		size_t sel = 0;

		if (p && bill_points_kind(&p->budget, "technical") >= 0)
			sel = 2;
		else if (p && bill_points_kind(&p->budget, "user") >= 0)
			sel = 3;
		snprintf(title, sizeof title, _("SD-%" PRId64 ": log time"), ticket);
		form_init(f, title, submit, changed);
		f->ticket = ticket;
		f->data[2] = now;
		f->data[3] = 0;
		form_text(f, _("Duration"), NULL, _("rounded up to 15 minutes: 25m, 1:10, 1.5h"));
		form_choice(f, _("Kind"), time_kinds, SDESK_ARRAY_LEN(time_kinds), sel,
			    _("managed_service: EUR 120/h, rush 180/h; technical/user_support: points"));
		form_text(f, _("Note"), NULL, _("optional: what was done"));
		snprintf(f->note, sizeof f->note, _("type the duration; %s shows the price, again saves"),
			 first_key(REQ_FORM_SAVE));
		open_form(c);
		return UI_REDRAW;
	}
	return UI_KEEP;
}
