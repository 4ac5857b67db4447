/* The console's ticket actions: one form (or one key) per action, each
 * written as one entry of the local journal (db/journal.h: the SQL action
 * function and its parameters, as db/actions.h sends them) and then sent
 * (console_send); the SQL function writes the history entry in the same
 * transaction. Due instants come from the SLA engine (ui/qclock.h) and are
 * passed in. A form keeps its idempotency key until the entry is saved or
 * journaled, so a save retried after a lost connection is written once;
 * offline, the entry waits in the journal and is sent when LIVE again. */
#include "config.h"

#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/fmt.h"
#include "base/now.h"
#include "base/i18n.h"
#include "base/util.h"
#include "conf/config.h"
#include "db/actions.h"
#include "db/db.h"
#include "db/journal.h"
#include "ui/booking.h"
#include "ui/console.h"
#include "ui/form.h"
#include "ui/keys.h"
#include "ui/oncall.h"
#include "ui/qclock.h"

/* ---- the form screen ------------------------------------------------------ */

static int form_wants_text(void *app)
{
	(void)app;
	return 1;
}

static int form_screen_key(void *app, enum ui_request req, int key)
{
	struct console *c = app;

	(void)req;
	c->message[0] = '\0';
	if (form_key(c, &c->form, keys_lookup(UI_SCR_FORM, key), key)) {
		c->cursor_y = -1;
		console_pop(c);
		if (c->form.cancelled)
			booking_cancelled(c, &c->form); /* a call is never dropped by Esc */
	}
	return UI_REDRAW;
}

static void form_screen_draw(void *app, int top, int rows, int cols)
{
	struct console *c = app;
	const struct ui_screen *below = console_below(c);

	below->draw(app, top, rows, cols);
	form_draw(&c->form, top, rows, cols, &c->cursor_y, &c->cursor_x);
}

const struct ui_screen form_screen = {
	.name = "form",
	.id = UI_SCR_FORM,
	.wants_text = form_wants_text,
	.key = form_screen_key,
	.draw = form_screen_draw,
};

/* ---- helpers ---------------------------------------------------------------- */

static const char *ref_of(const struct console *c, int64_t ticket)
{
	static char buf[32];

	snprintf(buf, sizeof buf, "SD-%lld", (long long)ticket);
	(void)c;
	return buf;
}

/* Before an action that needs the database (lists): online and idle. */
static int ready(struct console *c, struct form *f)
{
	if (c->state == CON_LIVE && console_settle(c) == 0)
		return 0;
	if (f)
		form_error(f, _("offline: try again once LIVE"));
	else
		console_say(c, 1, _("offline: this needs the database; try again once LIVE"));
	return -1;
}

/* Journals action with p under the form's key (a fresh one without a form)
 * and sends it. 0 and a status message when it was saved or kept pending
 * (the form closes), -1 with the reason in the form (or the status line)
 * when it was refused or could not be journaled; *id: the function's result. */
static int write_entry(struct console *c, struct form *f, int64_t ticket, enum act_id action,
		       const struct act_args *p, const char *what, int64_t *id)
{
	char fresh[37], err[512];
	const char *key = f ? f->key : fresh;
	struct act_text t;
	int rc;

	if ((!f && db_new_key(fresh) != 0) || !key[0]) {
		snprintf(err, sizeof err, "%s", _("no randomness for an idempotency key"));
		rc = -1;
	} else if (act_texts(action, p->n, p->v, &t, err, sizeof err) != 0
		   || journal_add(c->journal, key, act_def(action)->name, t.n, t.v, err, sizeof err) != 0) {
		rc = -1;
	} else {
		rc = console_send(c, key, id, err, sizeof err);
		if (rc < 0 && f && db_new_key(f->key) != 0)
			f->key[0] = '\0'; /* refused and dropped: a corrected save is a new entry */
	}
	if (!ticket && rc == 1 && id)
		ticket = *id; /* a new ticket */
	if (rc < 0) {
		if (f)
			form_error(f, _("not saved: %s"), err);
		else
			console_say(c, 1, _("%s: not saved: %s"), ref_of(c, ticket), err);
		return -1;
	}
	if (rc == 0) {
		console_say(c, 0, _("%s: %s - saved locally, %zu pending; sent when the database is back"),
			    ticket ? ref_of(c, ticket) : _("new ticket"), what, c->pending);
		return 0;
	}
	console_say(c, 0, "%s: %s", ref_of(c, ticket), what);
	if (c->ticket_id == ticket && c->ticket_loaded)
		console_load_ticket(c, ticket);
	console_refresh(c, ticket); /* its row now; the NOTIFY tells the other consoles */
	return 0;
}

/* Shorthands: a ticket action with the ticket as first parameter. */
#define JP(p, ticket) struct act_args p = {.n = 0}; act_add(&p, av_int(ticket))

static const struct queue_row *row_of(const struct console *c, int64_t ticket)
{
	if (c->ticket_loaded && c->ticket.row.id == ticket)
		return &c->ticket.row;
	for (size_t i = 0; i < c->queue.n; i++)
		if (c->queue.rows[i].id == ticket)
			return &c->queue.rows[i];
	return NULL;
}

static void fmt_time(sd_time t, char *buf, size_t len)
{
	console_format_time(t == SLA_NO_TIME ? QUEUE_NO_TIME : t, buf, len);
}

static int64_t act_time(sd_time t)
{
	return t == SLA_NO_TIME ? ACT_NO_TIME : (int64_t)t;
}

static int load_lists(struct console *c)
{
	if (ready(c, NULL) != 0)
		return -1;
	if (queue_load_lists(c->db, &c->lists) != 0) {
		console_say(c, 1, _("could not load the lists: %s"), console_db_error(c));
		return -1;
	}
	return 0;
}

static void open_form(struct console *c)
{
	c->message[0] = '\0';
	console_push(c, &form_screen);
}

/* ---- new ticket --------------------------------------------------------------- */

enum { NT_CUSTOMER, NT_CONTACT, NT_CHANNEL, NT_CATEGORY, NT_SUBJECT, NT_TEXT };

static const struct queue_contact *contact_at(const struct console *c, int64_t account, size_t k)
{
	for (size_t i = 0; i < c->lists.ncontacts; i++)
		if (c->lists.contacts[i].account == account && k-- == 0)
			return &c->lists.contacts[i];
	return NULL;
}

static char *key_users(const struct console *c, int64_t account)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < c->lists.ncontacts; i++)
		if (c->lists.contacts[i].account == account && c->lists.contacts[i].key_user)
			sb_printf(&sb, "%s%s", sb.len ? ", " : "", c->lists.contacts[i].name);
	return sb.buf ? sb.buf : xstrdup(_("none"));
}

static void new_customer_changed(void *app, struct form *f, int i)
{
	struct console *c = app;
	const struct queue_account *a;
	const struct sla_plan *p;
	const char **v;
	size_t n = 0;

	if (i != NT_CUSTOMER || c->lists.naccounts == 0)
		return;
	a = &c->lists.accounts[f->f[NT_CUSTOMER].choice];
	v = xcalloc(c->lists.ncontacts + 1, sizeof *v);
	{
		char **names = xcalloc(c->lists.ncontacts + 1, sizeof *names);

		for (size_t k = 0; k < c->lists.ncontacts; k++)
			if (c->lists.contacts[k].account == a->id) {
				names[n] = xasprintf("%s (%s)", c->lists.contacts[k].name,
						     c->lists.contacts[k].key_user ? _("key user") : _("end user"));
				v[n] = names[n];
				n++;
			}
		form_set_choices(f, NT_CONTACT, v, n, 0);
		for (size_t k = 0; k < n; k++)
			free(names[k]);
		free(names);
	}
	p = c->cat ? sla_plan_find(c->cat, a->plan) : NULL;
	{
		const char **cv = xcalloc(p ? p->ncats + 1 : 1, sizeof *cv);

		n = 0;
		for (size_t k = 0; p && k < p->ncats; k++)
			cv[n++] = p->cats[k].name;
		form_set_choices(f, NT_CATEGORY, cv, n, 0);
		free(cv);
	}
	free(v);
	if (!a->contract)
		snprintf(f->note, sizeof f->note, _("%s has no contract"), a->name);
	else
		snprintf(f->note, sizeof f->note, _("plan %s, contract %s%s"), a->plan, a->valid,
			 a->running ? "" : "  NOT RUNNING TODAY");
}

/* Extra open windows are looked up this far ahead of a new ticket. */
#define WINDOW_HORIZON_S (120 * 86400)

static int new_submit(void *app, struct form *f)
{
	struct console *c = app;
	const struct queue_account *a;
	const struct queue_contact *k;
	sd_time now = (sd_time)sd_now(), reaction, resolution;
	char err[256];
	int64_t id = 0;
	int rc;

	if (c->lists.naccounts == 0) {
		form_error(f, _("there are no customers"));
		return -1;
	}
	a = &c->lists.accounts[f->f[NT_CUSTOMER].choice];
	if (!a->contract || !a->running) {
		form_error(f, _("refused: %s has no running contract (%s): support is only owed while a contract runs"),
			   a->name, a->contract ? a->valid : _("none"));
		return -1;
	}
	k = contact_at(c, a->id, f->f[NT_CONTACT].choice);
	if (!k) {
		form_error(f, _("%s has no contacts: add a key user first"), a->name);
		return -1;
	}
	if (!k->key_user) {
		char *ku = key_users(c, a->id);

		form_error(f, _("refused: %s is an end user; end users go through a key user. Key users: %s"), k->name, ku);
		free(ku);
		return -1;
	}
	{
		/* Booked standby and, for on-call reports, on-call windows open the
		 * calendar (doc/sla.md, "Extra open windows"). Offline: none. */
		int64_t *win = NULL;
		size_t nwin = 0;
		int bad;

		if (c->state == CON_LIVE
		    && queue_open_windows(c->db, a->id, now, now + WINDOW_HORIZON_S,
					  strcmp(form_value(f, NT_CHANNEL), "oncall") == 0, &win, &nwin) != 0)
			nwin = 0;
		bad = qclock_new_dues_open(c->cat, a->plan, form_value(f, NT_CATEGORY), form_value(f, NT_CHANNEL),
					   a->overrides, now, win, nwin, &reaction, &resolution, err, sizeof err);
		free(win);
		if (bad) {
			form_error(f, _("refused: %s"), err);
			return -1;
		}
	}
	if (!*form_value(f, NT_SUBJECT)) {
		f->cur = NT_SUBJECT;
		form_error(f, _("a subject is required"));
		return -1;
	}
	{
		struct act_args p = {.n = 0};

		act_add(&p, av_int(a->id));
		act_add(&p, av_int(a->contract));
		act_add(&p, av_id(k->id));
		act_add(&p, av_str(form_value(f, NT_CHANNEL)));
		act_add(&p, av_str(form_value(f, NT_CATEGORY)));
		act_add(&p, av_str(form_value(f, NT_SUBJECT)));
		act_add(&p, av_str(form_value(f, NT_TEXT)));
		act_add(&p, av_time(now));
		/* The database sets the dues (the engine there); the preview above
		 * only checked that the plan can give them. */
		rc = write_entry(c, f, 0, ACT_create_ticket, &p, _("created"), &id);
	}
	if (rc != 0)
		return -1;
	if (id > 0)
		c->selected_id = id;
	return 0;
}

static int new_ticket(struct console *c)
{
	struct form *f = &c->form;
	const char **names;
	const char *channels[SLA_NCHANNELS];
	size_t nch = 0;

	if (load_lists(c) != 0)
		return UI_REDRAW;
	form_init(f, _("New ticket"), new_submit, new_customer_changed);
	names = xcalloc(c->lists.naccounts + 1, sizeof *names);
	{
		char **own = xcalloc(c->lists.naccounts + 1, sizeof *own);

		for (size_t i = 0; i < c->lists.naccounts; i++) {
			own[i] = xasprintf("%s (%s)%s", c->lists.accounts[i].name, c->lists.accounts[i].code,
					   c->lists.accounts[i].running ? "" : _(" - no running contract"));
			names[i] = own[i];
		}
		form_choice(f, _("Customer"), names, c->lists.naccounts, 0, _("type to find"));
		for (size_t i = 0; i < c->lists.naccounts; i++)
			free(own[i]);
		free(own);
	}
	free(names);
	form_choice(f, _("Contact"), NULL, 0, 0, "");
	for (int ch = 0; ch < SLA_NCHANNELS; ch++)
		if (ch != SLA_CH_ONCALL)
			channels[nch++] = sla_channel_name((enum sla_channel)ch);
	form_choice(f, _("Channel"), channels, nch, 0, "");
	form_choice(f, _("Category"), NULL, 0, 0, "");
	form_text(f, _("Subject"), NULL, NULL);
	form_text(f, _("Text"), NULL, NULL);
	f->changed(c, f, NT_CUSTOMER);
	open_form(c);
	return UI_REDRAW;
}

/* ---- ticket actions ------------------------------------------------------------- */

static int assign_submit(void *app, struct form *f)
{
	struct console *c = app;
	const char *who = f->f[0].choice == 0 ? NULL : form_value(f, 0);
	char what[128];

	JP(p, f->ticket);
	act_add(&p, av_str(who));
	snprintf(what, sizeof what, _("assigned to %s"), who ? who : _("nobody"));
	return write_entry(c, f, f->ticket, ACT_assign_ticket, &p, what, NULL);
}

static int tier_submit(void *app, struct form *f)
{
	struct console *c = app;
	int tier = (int)f->f[0].choice + 1;
	char what[64];

	if (!*form_value(f, 1)) {
		f->cur = 1;
		form_error(f, _("a reason is required"));
		return -1;
	}
	JP(p, f->ticket);
	act_add(&p, av_int(tier));
	act_add(&p, av_str(form_value(f, 1)));
	snprintf(what, sizeof what, _("handed to %s"), form_value(f, 0));
	return write_entry(c, f, f->ticket, ACT_set_tier, &p, what, NULL);
}

static int contact_submit(void *app, struct form *f)
{
	struct console *c = app;
	const struct queue_row *r = row_of(c, f->ticket);
	sd_time now = (sd_time)sd_now(), est = SLA_NO_TIME;
	const char *cat = form_value(f, 0);
	char err[256], what[128], when[32];

	if (!r) {
		form_error(f, _("the ticket is no longer open"));
		return -1;
	}
	if (*form_value(f, 1)
	    && qclock_parse_estimate(c->cat, r, form_value(f, 1), now, &est, err, sizeof err) != 0) {
		f->cur = 1;
		form_error(f, "%s", err);
		return -1;
	}
	/* A new classification has its own resolution target: the database
	 * recomputes it from the received instant. */
	JP(p, f->ticket);
	act_add(&p, av_time((int64_t)now));
	act_add(&p, av_str(strcmp(cat, r->category) ? cat : NULL));
	act_add(&p, av_time(act_time(est)));
	fmt_time(est, when, sizeof when);
	snprintf(what, sizeof what, _("first qualified contact, %s%s"), est != SLA_NO_TIME ? _("estimate ") : _("no estimate"),
		 est != SLA_NO_TIME ? when : "");
	return write_entry(c, f, f->ticket, ACT_first_contact, &p, what, NULL);
}

static int extend_submit(void *app, struct form *f)
{
	struct console *c = app;
	const struct queue_row *r = row_of(c, f->ticket);
	sd_time now = (sd_time)sd_now(), est;
	char err[256], what[128], when[32];

	if (!r) {
		form_error(f, _("the ticket is no longer open"));
		return -1;
	}
	if (qclock_parse_estimate(c->cat, r, form_value(f, 0), now, &est, err, sizeof err) != 0) {
		f->cur = 0;
		form_error(f, "%s", err);
		return -1;
	}
	if (!*form_value(f, 1)) {
		f->cur = 1;
		form_error(f, _("a reason is required"));
		return -1;
	}
	JP(p, f->ticket);
	act_add(&p, av_time((int64_t)est));
	act_add(&p, av_str(form_value(f, 1)));
	fmt_time(est, when, sizeof when);
	snprintf(what, sizeof what, _("estimate extended to %s"), when);
	return write_entry(c, f, f->ticket, ACT_extend_estimate, &p, what, NULL);
}

static int escalate_submit(void *app, struct form *f)
{
	struct console *c = app;
	int level = (int)f->f[0].choice, extended = f->f[1].choice == 1;
	char what[64];

	if (!*form_value(f, 2)) {
		f->cur = 2;
		form_error(f, _("a reason is required"));
		return -1;
	}
	JP(p, f->ticket);
	act_add(&p, av_int(level));
	act_add(&p, av_bool(extended));
	act_add(&p, av_str(form_value(f, 2)));
	snprintf(what, sizeof what, _("escalation %d%s"), level, extended ? _(", extended") : "");
	return write_entry(c, f, f->ticket, ACT_set_escalation, &p, what, NULL);
}

static int pause_submit(void *app, struct form *f)
{
	struct console *c = app;

	JP(p, f->ticket);
	act_add(&p, av_time((int64_t)sd_now()));
	act_add(&p, av_str(form_value(f, 0)));
	return write_entry(c, f, f->ticket, ACT_pause_ticket, &p, _("waiting for the customer, clocks paused"), NULL);
}

static int resume(struct console *c, int64_t ticket)
{
	const struct queue_row *r = row_of(c, ticket);
	sd_time now = (sd_time)sd_now();

	if (!r) {
		console_say(c, 1, _("%s is not open"), ref_of(c, ticket));
		return UI_REDRAW;
	}
	{
		/* The database moves the dues by the paused business time. */
		JP(p, ticket);
		act_add(&p, av_time((int64_t)now));
		write_entry(c, NULL, ticket, ACT_resume_ticket, &p, _("resumed, clocks running again"), NULL);
	}
	return UI_REDRAW;
}

static int managed_submit(void *app, struct form *f)
{
	struct console *c = app;
	struct tm tm;
	int y, mo, d, h, mi;
	time_t told;

	if (sd_parse_datetime(form_value(f, 1), &y, &mo, &d, &h, &mi) != 0) {
		f->cur = 1;
		form_error(f, _("told at: type YYYY-MM-DD HH:MM"));
		return -1;
	}
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	told = mktime(&tm);
	JP(p, f->ticket);
	act_add(&p, av_time((int64_t)told));
	act_add(&p, av_str(form_value(f, 0)));
	return write_entry(c, f, f->ticket, ACT_mark_managed_service, &p, _("marked as managed service"), NULL);
}

static int incident_submit(void *app, struct form *f)
{
	struct console *c = app;

	if (c->lists.nincidents == 0) {
		form_error(f, _("there is no open incident"));
		return -1;
	}
	JP(p, f->ticket);
	act_add(&p, av_int(c->lists.incidents[f->f[0].choice].id));
	return write_entry(c, f, f->ticket, ACT_link_incident, &p, _("linked to the incident"), NULL);
}

static int dev_submit(void *app, struct form *f)
{
	struct console *c = app;
	int64_t id;

	for (int i = 0; i < 2; i++)
		if (!*form_value(f, i)) {
			f->cur = i;
			form_error(f, _("%s is required"), f->f[i].label);
			return -1;
		}
	JP(p, f->ticket);
	act_add(&p, av_str(form_value(f, 0)));
	act_add(&p, av_str(form_value(f, 1)));
	act_add(&p, av_str(form_value(f, 2)));
	act_add(&p, av_str(*form_value(f, 3) ? form_value(f, 3) : NULL));
	return write_entry(c, f, f->ticket, ACT_link_dev_ticket, &p, _("linked to the development tracker"), &id);
}

static int resolve_submit(void *app, struct form *f)
{
	struct console *c = app;

	JP(p, f->ticket);
	act_add(&p, av_time((int64_t)sd_now()));
	act_add(&p, av_str(form_value(f, 0)));
	return write_entry(c, f, f->ticket, ACT_resolve_ticket, &p, _("resolved"), NULL);
}

/* The text of a note or reply: without the blank lines and spaces an
 * editor leaves at its end. */
static const char *body_of(struct form *f, int i)
{
	struct form_field *x = &f->f[i];
	size_t n = strlen(x->text);

	while (n > 0 && (x->text[n - 1] == '\n' || x->text[n - 1] == ' ' || x->text[n - 1] == '\t'))
		x->text[--n] = '\0';
	if (x->pos > n)
		x->pos = n;
	return x->text;
}

static int note_submit(void *app, struct form *f)
{
	struct console *c = app;

	if (!*body_of(f, 0)) {
		form_error(f, _("the note is empty"));
		return -1;
	}
	JP(p, f->ticket);
	act_add(&p, av_str(body_of(f, 0)));
	return write_entry(c, f, f->ticket, ACT_post_note, &p, _("note saved in the thread"), NULL);
}

enum { RP_TEXT, RP_CHANNEL, RP_MAIL, RP_FIRST };
static const char *const reply_channels[] = {"phone", "email", "chat", "onsite"};

/* A reply to the customer (post_reply): saved in the ticket's thread with
 * its channel and, with Mail yes, queued in the outbox that `sdesk mail
 * send` (cron) sends once. Said before saving: when it is the first
 * qualified contact. */
static int reply_submit(void *app, struct form *f)
{
	struct console *c = app;
	int mail = strcmp(form_value(f, RP_MAIL), "yes") == 0;
	int first = f->n > RP_FIRST && strncmp(form_value(f, RP_FIRST), "yes", 3) == 0;
	char what[160];

	if (!*body_of(f, RP_TEXT)) {
		f->cur = RP_TEXT;
		form_error(f, _("the reply is empty"));
		return -1;
	}
	if (mail && strcmp(form_value(f, RP_CHANNEL), "email") != 0) {
		f->cur = RP_MAIL;
		form_error(f, _("only an e-mail reply is mailed: Mail no, or channel email"));
		return -1;
	}
	JP(p, f->ticket);
	act_add(&p, av_str(body_of(f, RP_TEXT)));
	act_add(&p, av_null());
	act_add(&p, av_bool(mail));
	act_add(&p, av_str(form_value(f, RP_CHANNEL)));
	act_add(&p, av_bool(first));
	if (mail)
		snprintf(what, sizeof what, _("reply saved; sdesk mail send mails it once%s"), first ? _("; first contact") : "");
	else
		snprintf(what, sizeof what, _("reply (%s) saved%s"), form_value(f, RP_CHANNEL),
			 first ? _("; first qualified contact: reaction clock stopped") : "");
	return write_entry(c, f, f->ticket, ACT_post_reply, &p, what, NULL);
}

static void reply_changed(void *app, struct form *f, int i)
{
	(void)app;
	if (i == RP_CHANNEL)
		f->f[RP_MAIL].choice = strcmp(form_value(f, RP_CHANNEL), "email") == 0 ? 0 : 1;
}

/* Opens a form whose first field is a text of several lines: straight into
 * $VISUAL / $EDITOR when one is set (as git commit does), then the form
 * shows the text for the rest (channel, save). */
static void open_text_form(struct console *c, struct form *f)
{
	if (form_editor() && form_run_editor(f, 0) >= 0)
		f->cur = f->f[0].text[0] && f->n > 1 ? 1 : 0;
	open_form(c);
}

static int reopen_submit(void *app, struct form *f)
{
	struct console *c = app;

	if (!*form_value(f, 0)) {
		form_error(f, _("a reason is required"));
		return -1;
	}
	JP(p, f->ticket);
	act_add(&p, av_str(form_value(f, 0)));
	return write_entry(c, f, f->ticket, ACT_reopen_ticket, &p, _("reopened"), NULL);
}

static void title(struct console *c, struct form *f, const char *what, int64_t ticket, form_submit_fn fn)
{
	char t[128];

	snprintf(t, sizeof t, "%s: %s", ref_of(c, ticket), what);
	form_init(f, t, fn, NULL);
	f->ticket = ticket;
}

int console_action(struct console *c, enum ui_request req, int64_t ticket)
{
	struct form *f = &c->form;
	const struct queue_row *r = ticket ? row_of(c, ticket) : NULL;
	char buf[64];

	switch (req) {
	case REQ_NEW:
		return new_ticket(c);
	case REQ_TAKE:
	{
		JP(p, ticket);
		write_entry(c, NULL, ticket, ACT_take_ticket, &p, _("taken"), NULL);
		return UI_REDRAW;
	}
	case REQ_ASSIGN: {
		const char **v;
		size_t sel = 0;

		if (load_lists(c) != 0)
			return UI_REDRAW;
		v = xcalloc(c->lists.nagents + 1, sizeof *v);
		v[0] = _("(nobody)");
		for (size_t i = 0; i < c->lists.nagents; i++) {
			v[i + 1] = c->lists.agents[i];
			if (r && strcmp(r->assignee, c->lists.agents[i]) == 0)
				sel = i + 1;
		}
		title(c, f, _("assign"), ticket, assign_submit);
		form_choice(f, _("Agent"), v, c->lists.nagents + 1, sel, _("type a login"));
		free(v);
		break;
	}
	case REQ_TIER: {
		static const char *const tiers[] = {"1st level", "2nd level", "3rd level"};
		size_t sel = r && r->tier < 3 ? (size_t)r->tier : 2;

		title(c, f, _("hand to another support level"), ticket, tier_submit);
		form_choice(f, _("Level"), tiers, 3, sel, "");
		form_text(f, _("Reason"), NULL, _("why it goes to that level"));
		break;
	}
	case REQ_CONTACT: {
		const struct sla_plan *p = r && c->cat ? sla_plan_find(c->cat, r->plan) : NULL;
		const char **v = xcalloc(p ? p->ncats + 1 : 2, sizeof *v);
		size_t n = 0, sel = 0;

		if (p)
			for (size_t i = 0; i < p->ncats; i++) {
				if (r && strcmp(p->cats[i].name, r->category) == 0)
					sel = n;
				v[n++] = p->cats[i].name;
			}
		if (n == 0 && r)
			v[n++] = r->category;
		title(c, f, _("first qualified contact"), ticket, contact_submit);
		form_choice(f, _("Category"), v, n, sel, _("the classification told"));
		form_text(f, _("Estimate"), NULL, _("told resolution: 4h, 2d (business time) or YYYY-MM-DD HH:MM"));
		snprintf(f->note, sizeof f->note, _("stops the reaction clock; the estimate is what the customer was told"));
		free(v);
		break;
	}
	case REQ_EXTEND:
		if (r && r->estimate_due == QUEUE_NO_TIME) {
			console_say(c, 1, _("%s has no estimate yet: give one with the first contact (%s)"),
				    ref_of(c, ticket), keys_of(REQ_CONTACT));
			return UI_REDRAW;
		}
		title(c, f, _("extend the estimate"), ticket, extend_submit);
		form_text(f, _("New estimate"), NULL, _("4h, 2d (business time) or YYYY-MM-DD HH:MM"));
		form_text(f, _("Reason"), NULL, _("why the estimate cannot be met"));
		if (r) {
			console_format_time(r->estimate_due, buf, sizeof buf);
			snprintf(f->note, sizeof f->note, _("current estimate %s; escalation goes to level %d"), buf,
				 r->escalation >= 1 ? 2 : 1);
		}
		break;
	case REQ_ESCALATE: {
		static const char *const levels[] = {"0", "1", "2", "3"};
		static const char *const ext[] = {"no", "yes"};

		title(c, f, _("escalation (team leads)"), ticket, escalate_submit);
		form_choice(f, _("Level"), levels, 4, r ? (size_t)r->escalation : 0, _("3: management decides"));
		form_choice(f, _("Extended"), ext, 2, r && r->extended ? 1 : 0, _("both companies' leadership"));
		form_text(f, _("Reason"), NULL, _("why"));
		break;
	}
	case REQ_WAIT:
		if (r && strcmp(r->status, "waiting") == 0)
			return resume(c, ticket);
		title(c, f, _("wait for the customer"), ticket, pause_submit);
		form_text(f, _("Reason"), NULL, _("what the customer is to send"));
		snprintf(f->note, sizeof f->note, _("the clocks the plan names stop until resumed (%s)"), keys_of(REQ_WAIT));
		break;
	case REQ_MANAGED: {
		static const char *const via[] = {"email", "phone", "ticket", "chat", "letter", "meeting"};

		console_format_time(sd_now(), buf, sizeof buf);
		title(c, f, _("mark as managed service"), ticket, managed_submit);
		form_choice(f, _("Told via"), via, 6, 0, _("how the customer was told"));
		form_text(f, _("Told at"), buf, _("YYYY-MM-DD HH:MM"));
		snprintf(f->note, sizeof f->note, _("not support: billed separately (rush rate the same day or off hours)"));
		break;
	}
	case REQ_INCIDENT: {
		const char **v;

		if (load_lists(c) != 0)
			return UI_REDRAW;
		if (c->lists.nincidents == 0) {
			console_say(c, 1, _("there is no open incident to link"));
			return UI_REDRAW;
		}
		v = xcalloc(c->lists.nincidents, sizeof *v);
		{
			char **own = xcalloc(c->lists.nincidents, sizeof *own);

			for (size_t i = 0; i < c->lists.nincidents; i++) {
				own[i] = xasprintf("%lld %s", (long long)c->lists.incidents[i].id,
						   c->lists.incidents[i].title);
				v[i] = own[i];
			}
			title(c, f, _("link to an incident"), ticket, incident_submit);
			form_choice(f, _("Incident"), v, c->lists.nincidents, 0, "");
			for (size_t i = 0; i < c->lists.nincidents; i++)
				free(own[i]);
			free(own);
		}
		free(v);
		snprintf(f->note, sizeof f->note, _("a broadcast about the incident counts as the first qualified contact"));
		break;
	}
	case REQ_DEVLINK: {
		static const char *const kinds[] = {"bug", "feature", "other"};

		title(c, f, _("link to a development tracker"), ticket, dev_submit);
		form_text(f, _("Tracker"), NULL, _("e.g. jira"));
		form_text(f, _("ID"), NULL, _("the tracker's ID"));
		form_choice(f, _("Kind"), kinds, 3, 0, "");
		form_text(f, _("URL"), NULL, _("optional"));
		break;
	}
	case REQ_RESOLVE:
		title(c, f, _("resolve"), ticket, resolve_submit);
		form_text(f, _("Note"), NULL, _("what solved it (optional)"));
		break;
	case REQ_NOTE:
		title(c, f, _("internal note"), ticket, note_submit);
		form_long(f, _("Note"), NULL, _("what was found, what the next agent must know"));
		snprintf(f->note, sizeof f->note, _("never mailed; shown in the ticket's thread"));
		open_text_form(c, f);
		return UI_REDRAW;
	case REQ_REPLY: {
		static const char *const yesno[] = {"yes", "no"};
		static const char *const first[] = {"yes: it stops the reaction clock", "no"};
		const char *ch = r ? r->channel : "email";
		size_t sel = 1;

		for (size_t i = 0; i < SDESK_ARRAY_LEN(reply_channels); i++)
			if (strcmp(ch, reply_channels[i]) == 0)
				sel = i;
		title(c, f, _("reply to the customer"), ticket, reply_submit);
		f->changed = reply_changed;
		form_long(f, _("Reply"), NULL, _("the text (C-x: $EDITOR)"));
		form_choice(f, _("Channel"), reply_channels, SDESK_ARRAY_LEN(reply_channels), sel, _("how the customer was told"));
		form_choice(f, _("Mail"), yesno, 2, sel == 1 ? 0 : 1, _("yes: mailed from the queue's address"));
		if (r && r->first_contact == QUEUE_NO_TIME && strcmp(r->status, "resolved") && strcmp(r->status, "closed")) {
			console_format_time(r->reaction_due, buf, sizeof buf);
			form_choice(f, _("1st contact"), first, 2, 0, "");
			snprintf(f->note, sizeof f->note,
				 _("this reply is the first qualified contact: it stops the reaction clock (due %s)"), buf);
		} else {
			snprintf(f->note, sizeof f->note, _("an e-mail goes out with [SD-n] and In-Reply-To"));
		}
		open_text_form(c, f);
		return UI_REDRAW;
	}
	case REQ_CLOSE: {
		JP(p, ticket);
		act_add(&p, av_time((int64_t)sd_now()));
		write_entry(c, NULL, ticket, ACT_close_ticket, &p, _("closed"), NULL);
		return UI_REDRAW;
	}
	case REQ_REOPEN:
		title(c, f, _("reopen"), ticket, reopen_submit);
		form_text(f, _("Reason"), NULL, _("why it is open again"));
		break;
	case REQ_CALL:
	case REQ_LOG_TIME:
		return booking_action(c, req, ticket);
	case REQ_ONCALL:
		return oncall_action(c, ticket);
	default:
		return UI_KEEP;
	}
	open_form(c);
	return UI_REDRAW;
}
