/* The ticket screen (first version): subject, description, customer and
 * contact, clocks, history. Read-only; scrolls like a pager. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "ui/console.h"
#include "ui/text.h"
#include "ui/theme.h"

struct line {
	int attr;
	char *text;
};

struct lines {
	struct line *v;
	size_t n, cap;
};

static void add(struct lines *ls, int attr, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add(struct lines *ls, int attr, const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? ls->cap * 2 : 32;
		ls->v = xrealloc(ls->v, ls->cap * sizeof *ls->v);
	}
	ls->v[ls->n].attr = attr;
	ls->v[ls->n].text = sb.buf ? sb.buf : xstrdup("");
	ls->n++;
}

/* Adds text broken into lines of at most `cols` columns at word boundaries
 * (long words are cut), each indented by two spaces. */
static void add_wrapped(struct lines *ls, const char *text, int cols)
{
	struct strbuf line = {0};
	int width = 0;
	const char *p = text;

	cols -= 2;
	if (cols < 10)
		cols = 10;
	while (*p) {
		if (*p == '\n') {
			add(ls, theme_attr(EL_NORMAL), "  %s", line.buf ? line.buf : "");
			sb_reset(&line);
			width = 0;
			p++;
			continue;
		}
		const char *end = p;
		while (*end && *end != ' ' && *end != '\n')
			end++;
		char *word = xasprintf("%.*s", (int)(end - p), p);
		int ww = text_width(word);

		if (width > 0 && width + 1 + ww > cols) {
			add(ls, theme_attr(EL_NORMAL), "  %s", line.buf);
			sb_reset(&line);
			width = 0;
		}
		if (width > 0) {
			sb_append(&line, " ");
			width++;
		}
		sb_append(&line, word);
		width += ww;
		free(word);
		p = end;
		while (*p == ' ')
			p++;
	}
	if (width > 0 || !line.buf)
		add(ls, theme_attr(EL_NORMAL), "  %s", line.buf ? line.buf : "");
	sb_free(&line);
}

static void add_clock(struct lines *ls, const struct console *c, const char *name, int64_t due,
		      int done)
{
	char when[32], left[32];

	console_format_time(due, when, sizeof when);
	if (due == QUEUE_NO_TIME)
		add(ls, theme_attr(EL_NORMAL), "  %-12s -", name);
	else if (done)
		add(ls, theme_attr(EL_NORMAL), "  %-12s %s  (met)", name, when);
	else {
		int attr = due <= c->now ? theme_attr(EL_BREACHED) : theme_attr(EL_NORMAL);

		console_format_left(due, c->now, left, sizeof left);
		add(ls, attr, "  %-12s %s  %s %s", name, when, due <= c->now ? "BREACHED" : "left", left);
	}
}

static void build(const struct console *c, struct lines *ls, int cols)
{
	const struct queue_ticket *t = &c->ticket;
	const struct queue_row *r = &t->row;
	enum row_state st = console_row_state(c, r);
	char buf[32];
	const char *role = strcmp(t->contact_role, "key_user") == 0   ? "key user"
			   : strcmp(t->contact_role, "end_user") == 0 ? "end user"
								      : "";

	if (!c->ticket_loaded) {
		add(ls, theme_attr(EL_NORMAL), "Ticket could not be loaded.");
		return;
	}
	add(ls, theme_attr(EL_LABEL), "%s %s  %s", console_marker(st), r->ref, r->subject);
	add(ls, theme_attr(EL_NORMAL), "%s", "");
	add(ls, theme_attr(EL_NORMAL), "  Customer:   %s (%s)", r->customer, t->account_code);
	if (*t->contact)
		add(ls, theme_attr(EL_NORMAL), "  Contact:    %s, %s%s%s%s%s", t->contact, role,
		    *t->contact_email ? ", " : "", t->contact_email, *t->contact_phone ? ", " : "",
		    t->contact_phone);
	else
		add(ls, theme_attr(EL_NORMAL), "  Contact:    -");
	add(ls, theme_attr(EL_NORMAL), "  Plan:       %s    Category: %s    Channel: %s", r->plan,
	    r->category, r->channel);
	snprintf(buf, sizeof buf, r->extended ? "extended" : "%d", r->escalation);
	add(ls, (r->escalation || r->extended) ? theme_attr(EL_ESCALATED) : theme_attr(EL_NORMAL),
	    "  Level:      %d%s level    Escalation: %s", r->tier,
	    r->tier == 1 ? "st" : r->tier == 2 ? "nd" : "rd", buf);
	add(ls, st == ROW_PAUSED ? theme_attr(EL_PAUSED) : theme_attr(EL_NORMAL),
	    "  Status:     %s%s    Assignee: %s", r->status,
	    st == ROW_PAUSED ? " (clocks paused, waiting for the customer)" : "",
	    *r->assignee ? r->assignee : "-");
	add(ls, theme_attr(EL_NORMAL), "%s", "");
	add(ls, theme_attr(EL_LABEL), "Clocks");
	console_format_time(r->received, buf, sizeof buf);
	add(ls, theme_attr(EL_NORMAL), "  %-12s %s", "received", buf);
	add_clock(ls, c, "reaction", r->reaction_due, r->first_contact != QUEUE_NO_TIME);
	if (r->first_contact != QUEUE_NO_TIME) {
		console_format_time(r->first_contact, buf, sizeof buf);
		add(ls, theme_attr(EL_NORMAL), "  %-12s %s", "contacted", buf);
	}
	add_clock(ls, c, "estimate", r->estimate_due, 0);
	add_clock(ls, c, "resolution", r->resolution_due, 0);
	add(ls, theme_attr(EL_NORMAL), "%s", "");
	add(ls, theme_attr(EL_LABEL), "Description");
	add_wrapped(ls, *t->description ? t->description : "(none)", cols);
	add(ls, theme_attr(EL_NORMAL), "%s", "");
	add(ls, theme_attr(EL_LABEL), "History");
	if (t->nevents == 0)
		add(ls, theme_attr(EL_NORMAL), "  (none)");
	for (size_t i = 0; i < t->nevents; i++) {
		const struct queue_event *e = &t->events[i];

		console_format_time(e->at, buf, sizeof buf);
		add(ls, theme_attr(EL_NORMAL), "  %s  %-12s %s %s", buf, e->who, e->action, e->detail);
	}
}

static void free_lines(struct lines *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		free(ls->v[i].text);
	free(ls->v);
}

static size_t line_count(struct console *c, int cols)
{
	struct lines ls = {0};
	size_t n;

	build(c, &ls, cols);
	n = ls.n;
	free_lines(&ls);
	return n;
}

static void ticket_draw(void *app, int top, int rows, int cols)
{
	struct console *c = app;
	struct lines ls = {0};

	build(c, &ls, cols);
	c->page_rows = rows;
	if (ls.n <= (size_t)rows)
		c->ticket_scroll = 0;
	else if (c->ticket_scroll > ls.n - (size_t)rows)
		c->ticket_scroll = ls.n - (size_t)rows;
	for (int i = 0; i < rows && c->ticket_scroll + (size_t)i < ls.n; i++) {
		const struct line *l = &ls.v[c->ticket_scroll + (size_t)i];

		ui_put(top + i, 0, cols, l->attr, l->text);
	}
	free_lines(&ls);
}

static int ticket_key(void *app, enum ui_request req, int key)
{
	struct console *c = app;
	size_t page = c->page_rows > 1 ? (size_t)c->page_rows - 1 : 1;
	size_t n = line_count(c, COLS);
	size_t max = n > (size_t)c->page_rows ? n - (size_t)c->page_rows : 0;

	c->message[0] = '\0';
	switch (req) {
	case REQ_UP:        c->ticket_scroll = c->ticket_scroll ? c->ticket_scroll - 1 : 0; break;
	case REQ_DOWN:      c->ticket_scroll = c->ticket_scroll < max ? c->ticket_scroll + 1 : max; break;
	case REQ_PAGE_UP:   c->ticket_scroll = c->ticket_scroll > page ? c->ticket_scroll - page : 0; break;
	case REQ_PAGE_DOWN: c->ticket_scroll = c->ticket_scroll + page < max ? c->ticket_scroll + page : max; break;
	case REQ_HOME:      c->ticket_scroll = 0; break;
	case REQ_END:       c->ticket_scroll = max; break;
	case REQ_REFRESH:
		console_load_ticket(c, c->ticket_id);
		clearok(curscr, TRUE);
		break;
	case REQ_HELP:      console_push(c, &help_screen); break;
	case REQ_BACK:      console_pop(c); break;
	default:
		if (key != 0) {
			char name[32];

			console_say(c, 0, "key %s does nothing here (press %s for help)",
				    keys_name(key, name, sizeof name), keys_of(REQ_HELP));
		}
		break;
	}
	return UI_REDRAW;
}

static void ticket_enter(void *app)
{
	((struct console *)app)->ticket_scroll = 0;
}

const struct ui_screen ticket_screen = {
	.name = "ticket",
	.id = UI_SCR_TICKET,
	.enter = ticket_enter,
	.key = ticket_key,
	.draw = ticket_draw,
};
