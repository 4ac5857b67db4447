/* The on-call checklist screen (ui/oncall.h): the model is one struct
 * oncall_work (db/oncall_q.h) loaded from the database; keys open a form or
 * write an action; drawing only reads the model. */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/now.h"
#include "base/util.h"
#include "db/actions.h"
#include "db/db.h"
#include "db/journal.h"
#include "db/oncall_q.h"
#include "ui/console.h"
#include "ui/form.h"
#include "ui/keys.h"
#include "ui/oncall.h"
#include "ui/text.h"
#include "ui/theme.h"

/* One console per process: the work shown by the checklist screen. */
static struct {
	struct oncall_work w;
	int loaded;
	int64_t ticket;
	int cursor; /* enum oncall_item, never ONCALL_report */
} oc;

#define hint _("Enter/x tick  e end the work  r report sent  ? help  Esc back")

/* Loads the ticket's on-call work. 0 loaded, 1 none, -1 error (said). */
static int load(struct console *c)
{
	int rc;

	if (c->state != CON_LIVE || console_settle(c) != 0) {
		console_say(c, 1, _("offline: on-call work needs the database; try again once LIVE"));
		return -1;
	}
	oncall_work_free(&oc.w);
	rc = oncall_q_load(c->db, oc.ticket, 1, &oc.w);
	oc.loaded = rc == 0;
	if (rc < 0)
		console_say(c, 1, _("could not load the on-call work: %s"), console_db_error(c));
	return rc;
}

/* Journals action a with values v under key (a form's, or a fresh one) and
 * sends it. 1 saved, 0 kept pending, -1 refused (err says why). */
static int oc_write(struct console *c, char *key, enum act_id a, size_t n, const struct act_val *v, int64_t *id,
		 char *err, size_t errlen)
{
	struct act_text t;
	int rc;

	if (!key[0] && db_new_key(key) != 0) {
		snprintf(err, errlen, "%s", _("no randomness for an idempotency key"));
		return -1;
	}
	if (act_texts(a, n, v, &t, err, errlen) != 0
	    || journal_add(c->journal, key, act_def(a)->name, t.n, t.v, err, errlen) != 0)
		return -1;
	rc = console_send(c, key, id, err, errlen);
	if (rc < 0)
		key[0] = '\0'; /* refused and dropped: a corrected save is a new entry */
	return rc;
}

/* After a write from a form: the status line and a reload. */
static int after(struct console *c, struct form *f, int rc, const char *what, const char *err)
{
	if (rc < 0) {
		form_error(f, _("not saved: %s"), err);
		if (!f->key[0] && db_new_key(f->key) != 0)
			f->key[0] = '\0';
		return -1;
	}
	if (rc == 0)
		console_say(c, 0, _("SD-%lld: %s - saved locally, %zu pending; sent when the database is back"),
			    (long long)oc.ticket, what, c->pending);
	else
		console_say(c, 0, "SD-%lld: %s", (long long)oc.ticket, what);
	load(c);
	console_refresh(c, oc.ticket);
	return 0;
}

static int tick_submit(void *app, struct form *f)
{
	struct console *c = app;
	const char *note = form_value(f, 0);
	enum oncall_item i = (enum oncall_item)f->data[0];
	struct act_val v[4] = {av_int(oc.w.id), av_str(oncall_item_code(i)), av_str(note[0] ? note : NULL),
			       av_time(sd_now())};
	char err[512], what[96];
	int rc = oc_write(c, f->key, ACT_check_oncall_item, 4, v, NULL, err, sizeof err);

	snprintf(what, sizeof what, _("on-call item %d ticked"), (int)i + 1);
	return after(c, f, rc, what, err);
}

static int end_submit(void *app, struct form *f)
{
	struct console *c = app;
	const char *note = form_value(f, 0);
	struct act_val v[3] = {av_int(oc.w.id), av_time(sd_now()), av_str(note[0] ? note : NULL)};
	char err[512];
	int rc = oc_write(c, f->key, ACT_end_oncall, 3, v, NULL, err, sizeof err);

	return after(c, f, rc, _("on-call work ended; the report is due the next working day"), err);
}

static int sent_submit(void *app, struct form *f)
{
	struct console *c = app;
	const char *text = form_value(f, 0);
	struct act_val v[3] = {av_int(oc.w.id), av_time(sd_now()), av_str(text[0] ? text : NULL)};
	char err[512];
	int rc = oc_write(c, f->key, ACT_send_oncall_report, 3, v, NULL, err, sizeof err);

	return after(c, f, rc, _("on-call report sent"), err);
}

static void open_form(struct console *c, const char *what, form_submit_fn fn, const char *label, const char *h)
{
	struct form *f = &c->form;
	char t[128];

	snprintf(t, sizeof t, "SD-%lld: %s", (long long)oc.ticket, what);
	form_init(f, t, fn, NULL);
	f->ticket = oc.ticket;
	form_text(f, label, NULL, h);
	c->message[0] = '\0';
	console_push(c, &form_screen);
}

int oncall_action(struct console *c, int64_t ticket)
{
	int rc;

	oc.ticket = ticket;
	oc.cursor = 0;
	rc = load(c);
	if (rc < 0)
		return UI_REDRAW;
	if (rc == 1) {
		char key[37] = "", err[512];
		struct act_val v[3] = {av_null(), av_int(ticket), av_time(sd_now())};

		rc = oc_write(c, key, ACT_start_oncall, 3, v, NULL, err, sizeof err);
		if (rc < 0) {
			console_say(c, 1, _("SD-%lld: on-call work not started: %s"), (long long)ticket, err);
			return UI_REDRAW;
		}
		if (rc == 0) {
			console_say(c, 0, _("SD-%lld: on-call work start saved locally; sent when the database is back"),
				    (long long)ticket);
			return UI_REDRAW;
		}
		if (load(c) != 0)
			return UI_REDRAW;
		console_refresh(c, ticket);
		console_push(c, &oncall_screen);
		console_say(c, 0, _("on-call work started - %s"), hint);
		return UI_REDRAW;
	}
	console_push(c, &oncall_screen);
	console_say(c, 0, "%s", hint);
	return UI_REDRAW;
}

/* ---- the screen -------------------------------------------------------------- */

static void put_line(int *y, int top, int rows, int cols, int attr, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
static void put_line(int *y, int top, int rows, int cols, int attr, const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;

	if (*y >= top + rows) {
		(*y)++;
		return;
	}
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	ui_put(*y, 0, cols, attr, sb.buf ? sb.buf : "");
	sb_free(&sb);
	(*y)++;
}

static void oncall_draw(void *app, int top, int rows, int cols)
{
	struct console *c = app;
	const struct oncall_work *w = &oc.w;
	const char *state;
	char a[32], b[32];
	int y = top, n = 0, normal = theme_attr(EL_NORMAL);

	if (!oc.loaded) {
		put_line(&y, top, rows, cols, normal, _("No on-call work loaded."));
		return;
	}
	state = oncall_report_state(w, c->now);
	put_line(&y, top, rows, cols, theme_attr(EL_LABEL), _("On-call work %lld  %s  %s"), (long long)w->id,
		 w->ref, w->subject);
	put_line(&y, top, rows, cols, normal, _("  Customer: %s (%s), plan %s"), w->customer, w->account_code, w->plan);
	console_format_time(w->window_from, a, sizeof a);
	console_format_time(w->window_to, b, sizeof b);
	if (w->window_from != ONCALL_NO_TIME)
		put_line(&y, top, rows, cols, normal, _("  Window:   %s - %s"), a, b);
	else
		put_line(&y, top, rows, cols, normal, _("  Window:   none (outside the agreed on-call windows)"));
	console_format_time(w->started, a, sizeof a);
	console_format_time(w->ended, b, sizeof b);
	put_line(&y, top, rows, cols, normal, _("  Agent:    %s   started %s%s%s"), w->agent_name, a,
		 w->ended == ONCALL_NO_TIME ? _(", running") : _(", ended "), w->ended == ONCALL_NO_TIME ? "" : b);
	console_format_time(w->report_due, a, sizeof a);
	console_format_time(w->reported, b, sizeof b);
	if (w->ended == ONCALL_NO_TIME)
		put_line(&y, top, rows, cols, normal, _("  Report:   due the next working day after the work ends"));
	else if (w->reported != ONCALL_NO_TIME)
		put_line(&y, top, rows, cols, normal, _("  Report:   due %s, %s %s"), a, state, b);
	else
		put_line(&y, top, rows, cols, strcmp(state, "BREACHED") == 0 ? theme_attr(EL_BREACHED)
									: theme_attr(EL_AT_RISK),
			 _("%sReport:   due %s, %s (r when sent)"), strcmp(state, "BREACHED") == 0 ? "!!" : "! ", a,
			 state);
	put_line(&y, top, rows, cols, normal, "%s", "");
	put_line(&y, top, rows, cols, theme_attr(EL_LABEL), _("Checklist (seed 003)"));
	for (int i = 0; i < ONCALL_NITEMS; i++) {
		const struct oncall_tick *k = &w->ticks[i];
		int sel = i == oc.cursor;
		int attr = sel ? theme_attr(EL_SELECTION) : normal;

		if (k->done_at != ONCALL_NO_TIME)
			n++;
		put_line(&y, top, rows, cols, attr, "%s[%s] %d %s", sel ? "> " : "  ",
			 k->done_at != ONCALL_NO_TIME ? "x" : " ", i + 1, oncall_item_text((enum oncall_item)i));
		if (k->done_at != ONCALL_NO_TIME) {
			console_format_time(k->done_at, a, sizeof a);
			put_line(&y, top, rows, cols, normal, "        %s %s%s%s", k->done_by, a, k->note[0] ? "  " : "",
				 k->note);
		}
	}
	put_line(&y, top, rows, cols, normal, _("  %d of %d done"), n, ONCALL_NITEMS);
	if (w->report[0]) {
		put_line(&y, top, rows, cols, normal, "%s", "");
		put_line(&y, top, rows, cols, theme_attr(EL_LABEL), _("Notes"));
		put_line(&y, top, rows, cols, normal, "  %s", w->report);
	}
}

static int oncall_key(void *app, enum ui_request req, int key)
{
	struct console *c = app;

	c->message[0] = '\0';
	switch (req) {
	case REQ_UP:
	case REQ_PAGE_UP:
		oc.cursor = oc.cursor > 0 ? oc.cursor - 1 : 0;
		break;
	case REQ_HOME:
		oc.cursor = 0;
		break;
	case REQ_DOWN:
	case REQ_PAGE_DOWN:
	case REQ_END:
		oc.cursor = req == REQ_END || oc.cursor + 1 >= ONCALL_report ? ONCALL_report - 1 : oc.cursor + 1;
		break;
	case REQ_REFRESH:
		load(c);
		clearok(curscr, TRUE);
		break;
	case REQ_HELP:
		console_push(c, &help_screen);
		break;
	case REQ_BACK:
		console_pop(c);
		if (c->ticket_loaded)
			console_load_ticket(c, c->ticket_id);
		break;
	case REQ_OC_TICK: {
		const struct oncall_tick *k = &oc.w.ticks[oc.cursor];
		char t[96], when[32];

		if (!oc.loaded)
			break;
		if (k->done_at != ONCALL_NO_TIME) {
			console_format_time(k->done_at, when, sizeof when);
			console_say(c, 0, _("item %d was ticked by %s at %s"), oc.cursor + 1, k->done_by, when);
			break;
		}
		snprintf(t, sizeof t, _("tick %d %s"), oc.cursor + 1, oncall_item_code((enum oncall_item)oc.cursor));
		open_form(c, t, tick_submit, _("Note"), _("optional: what was found or done"));
		c->form.data[0] = oc.cursor;
		break;
	}
	case REQ_OC_END:
		if (!oc.loaded)
			break;
		if (oc.w.ended != ONCALL_NO_TIME) {
			console_say(c, 1, _("this on-call work has ended"));
			break;
		}
		open_form(c, _("end on-call work"), end_submit, _("Notes"), _("for the report: cause, measures, state"));
		break;
	case REQ_OC_SENT:
		if (!oc.loaded)
			break;
		if (oc.w.ended == ONCALL_NO_TIME) {
			console_say(c, 1, _("end the on-call work first (%s)"), keys_of(REQ_OC_END));
			break;
		}
		if (oc.w.reported != ONCALL_NO_TIME) {
			console_say(c, 0, _("the report was sent"));
			break;
		}
		open_form(c, _("the detailed report was sent"), sent_submit, _("Report"), _("optional: its text or where it is"));
		break;
	default:
		if (key != 0) {
			char name[32];

			console_say(c, 0, _("key %s does nothing here (%s)"), keys_name(key, name, sizeof name), hint);
		}
		break;
	}
	return UI_REDRAW;
}

const struct ui_screen oncall_screen = {
	.name = "on-call checklist",
	.id = UI_SCR_ONCALL,
	.key = oncall_key,
	.draw = oncall_draw,
};
