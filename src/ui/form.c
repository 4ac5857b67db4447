/* The reusable form widget (see form.h). */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/util.h"
#include "db/db.h"
#include "ui/form.h"
#include "ui/keys.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "ui/ui.h"

void form_init(struct form *f, const char *title, form_submit_fn submit, form_changed_fn changed)
{
	form_free(f);
	memset(f, 0, sizeof *f);
	snprintf(f->title, sizeof f->title, "%s", title);
	f->submit = submit;
	f->changed = changed;
	if (db_new_key(f->key) != 0)
		f->key[0] = '\0';
}

static struct form_field *add_field(struct form *f, const char *label, const char *hint)
{
	struct form_field *x;

	if (f->n >= FORM_MAX_FIELDS)
		sdesk_die(1, "form '%s': too many fields", f->title);
	x = &f->f[f->n++];
	memset(x, 0, sizeof *x);
	snprintf(x->label, sizeof x->label, "%s", label);
	snprintf(x->hint, sizeof x->hint, "%s", hint ? hint : "");
	return x;
}

int form_text(struct form *f, const char *label, const char *initial, const char *hint)
{
	struct form_field *x = add_field(f, label, hint);

	x->kind = FIELD_TEXT;
	snprintf(x->value, sizeof x->value, "%s", initial ? initial : "");
	x->pos = strlen(x->value);
	return f->n - 1;
}

int form_long(struct form *f, const char *label, const char *initial, const char *hint)
{
	struct form_field *x = add_field(f, label, hint);

	x->kind = FIELD_LONG;
	x->text = xcalloc(FORM_LONG_MAX, 1);
	snprintf(x->text, FORM_LONG_MAX, "%s", initial ? initial : "");
	x->pos = strlen(x->text);
	return f->n - 1;
}

void form_set_text(struct form *f, int i, const char *text)
{
	struct form_field *x = &f->f[i];

	if (x->kind == FIELD_LONG) {
		snprintf(x->text, FORM_LONG_MAX, "%s", text);
		x->pos = strlen(x->text);
	} else if (x->kind == FIELD_TEXT) {
		snprintf(x->value, sizeof x->value, "%s", text);
		x->pos = strlen(x->value);
	}
}

const char *form_editor(void)
{
	const char *e = getenv("VISUAL");

	if (!e || !*e)
		e = getenv("EDITOR");
	return e && *e ? e : NULL;
}

int form_run_editor(struct form *f, int i)
{
	struct form_field *x = &f->f[i];
	const char *ed = form_editor(), *tmpdir = getenv("TMPDIR");
	char path[4096], *cmd;
	struct sigaction ign, old_int, old_quit;
	FILE *fp;
	int fd, status = 0;
	pid_t pid;

	if (!ed)
		return 0;
	if (x->kind != FIELD_TEXT && x->kind != FIELD_LONG)
		return 0;
	snprintf(path, sizeof path, "%s/sdesk-text-XXXXXX.txt", tmpdir && *tmpdir ? tmpdir : "/tmp");
	fd = mkstemps(path, 4); /* mode 0600: the text is the agent's */
	if (fd < 0 || !(fp = fdopen(fd, "w"))) {
		form_error(f, _("editor: cannot make a file in %s: %s"), tmpdir && *tmpdir ? tmpdir : "/tmp", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	fputs(form_value(f, i), fp);
	if (*form_value(f, i))
		fputc('\n', fp);
	fclose(fp);
	/* As git does: the shell runs the editor's words with the file. */
	cmd = xasprintf("%s \"$1\"", ed);
	def_prog_mode();
	endwin();
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(cmd);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		unlink(path);
		form_error(f, _("the editor (%s) %s %d: the text is as it was"), ed,
			   pid < 0 ? _("could not start:") : WIFEXITED(status) ? _("exited with") : _("ended by signal"),
			   pid < 0 ? errno : WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		return -1;
	}
	{
		size_t cap = x->kind == FIELD_LONG ? FORM_LONG_MAX : sizeof x->value, n;
		char *buf = xcalloc(cap, 1);

		fp = fopen(path, "r");
		n = fp ? fread(buf, 1, cap - 1, fp) : 0;
		if (fp)
			fclose(fp);
		unlink(path);
		buf[n] = '\0';
		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' ' || buf[n - 1] == '\t' || buf[n - 1] == '\r'))
			buf[--n] = '\0';
		if (x->kind == FIELD_TEXT)
			for (char *p = buf; *p; p++)
				if (*p == '\n' || *p == '\r' || *p == '\t')
					*p = ' ';
		form_set_text(f, i, buf);
		free(buf);
	}
	return 1;
}

void form_set_choices(struct form *f, int i, const char *const *choices, size_t n, size_t sel)
{
	struct form_field *x = &f->f[i];

	for (size_t k = 0; k < x->nchoices; k++)
		free(x->choices[k]);
	free(x->choices);
	x->choices = xcalloc(n ? n : 1, sizeof *x->choices);
	for (size_t k = 0; k < n; k++)
		x->choices[k] = xstrdup(choices[k]);
	x->nchoices = n;
	x->choice = sel < n ? sel : 0;
	x->typed[0] = '\0';
}

int form_choice(struct form *f, const char *label, const char *const *choices, size_t n, size_t sel,
		const char *hint)
{
	struct form_field *x = add_field(f, label, hint);

	x->kind = FIELD_CHOICE;
	form_set_choices(f, f->n - 1, choices, n, sel);
	return f->n - 1;
}

const char *form_value(const struct form *f, int i)
{
	const struct form_field *x = &f->f[i];

	if (x->kind == FIELD_TEXT)
		return x->value;
	if (x->kind == FIELD_LONG)
		return x->text;
	return x->nchoices ? x->choices[x->choice] : "";
}

void form_error(struct form *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f->error, sizeof f->error, fmt, ap);
	va_end(ap);
}

void form_free(struct form *f)
{
	for (int i = 0; i < f->n && i < FORM_MAX_FIELDS; i++) {
		for (size_t k = 0; k < f->f[i].nchoices; k++)
			free(f->f[i].choices[k]);
		free(f->f[i].choices);
		f->f[i].choices = NULL;
		f->f[i].nchoices = 0;
		free(f->f[i].text);
		f->f[i].text = NULL;
	}
	f->n = 0;
}

static void pick(void *app, struct form *f, int i, size_t choice)
{
	struct form_field *x = &f->f[i];

	if (x->nchoices == 0 || choice == x->choice)
		return;
	x->choice = choice;
	f->error[0] = '\0';
	if (f->changed)
		f->changed(app, f, i);
}

/* Typed text in a choice list picks the first choice that contains it. */
static void type_choice(void *app, struct form *f, int i, int key)
{
	struct form_field *x = &f->f[i];

	form_edit(x->typed, sizeof x->typed, key);
	for (size_t k = 0; k < x->nchoices; k++)
		if (text_contains(x->choices[k], x->typed)) {
			pick(app, f, i, k);
			return;
		}
	form_error(f, _("no %s matches '%s'"), x->label, x->typed);
}

int form_key(void *app, struct form *f, int req, int key)
{
	struct form_field *x = f->n ? &f->f[f->cur] : NULL;

	switch (req) {
	case REQ_FORM_CANCEL:
		f->cancelled = 1;
		return 1;
	case REQ_FORM_SAVE:
		if (x && x->kind == FIELD_LONG && key == '\n') { /* a new line; F10 saves */
			form_edit_at(x->text, FORM_LONG_MAX, &x->pos, key, 1);
			return 0;
		}
		f->error[0] = '\0';
		return f->submit(app, f) == 0;
	case REQ_FORM_EDITOR:
		if (x && (x->kind == FIELD_TEXT || x->kind == FIELD_LONG)) {
			int rc = form_run_editor(f, f->cur);

			if (rc == 0)
				form_error(f, _("no editor: set VISUAL or EDITOR (as for git)"));
			else if (rc > 0)
				f->error[0] = '\0';
		}
		return 0;
	case REQ_FORM_NEXT:
		if (f->n)
			f->cur = (f->cur + 1) % f->n;
		return 0;
	case REQ_FORM_PREV:
		if (f->n)
			f->cur = (f->cur + f->n - 1) % f->n;
		return 0;
	case REQ_FORM_RIGHT:
	case REQ_FORM_LEFT:
		if (x && x->kind == FIELD_TEXT)
			form_edit_at(x->value, sizeof x->value, &x->pos, key, 0);
		if (x && x->kind == FIELD_LONG)
			form_edit_at(x->text, FORM_LONG_MAX, &x->pos, key, 1);
		if (x && x->kind != FIELD_CHOICE)
			return 0;
		if (x && x->kind == FIELD_CHOICE && x->nchoices) {
			size_t n = x->nchoices;

			x->typed[0] = '\0';
			pick(app, f, f->cur, req == REQ_FORM_RIGHT ? (x->choice + 1) % n : (x->choice + n - 1) % n);
		}
		return 0;
	default:
		break;
	}
	if (!x)
		return 0;
	if (x->kind == FIELD_TEXT)
		form_edit_at(x->value, sizeof x->value, &x->pos, key, 0);
	else if (x->kind == FIELD_LONG)
		form_edit_at(x->text, FORM_LONG_MAX, &x->pos, key, 1);
	else
		type_choice(app, f, f->cur, key);
	return 0;
}

/* Width of s[from..to). */
static int width_of(const char *s, size_t from, size_t to)
{
	char *t = xasprintf("%.*s", (int)(to - from), s + from);
	int w = text_width(t);

	free(t);
	return w;
}

/* The visual lines of a multi-line text `vw` columns wide: start offsets
 * into starts (at most max), their number returned; *cl the line of the
 * cursor pos. */
static size_t wrap_lines(const char *s, size_t pos, int vw, size_t *starts, size_t max, size_t *cl)
{
	size_t n = 0, i = 0, line = 0;
	int col = 0;

	*cl = 0;
	if (max == 0)
		return 0;
	starts[n++] = 0;
	while (s[i]) {
		size_t next = form_char_after(s, i);

		if (i == pos)
			*cl = n - 1;
		if (s[i] == '\n') {
			if (n < max)
				starts[n++] = next;
			col = 0;
			i = next;
			continue;
		}
		col += width_of(s, i, next);
		if (col > vw - 1) {
			if (n < max)
				starts[n++] = i;
			col = width_of(s, i, next);
		}
		i = next;
		line++;
	}
	if (pos >= i)
		*cl = n - 1;
	(void)line;
	return n;
}

void form_draw(const struct form *f, int top, int rows, int cols, int *cy, int *cx)
{
	int w = cols - 4 > 100 ? 100 : cols - 4;
	int nlong = 0, long_rows = 6;
	int h, x0, y0;
	int label_w = 14, y;
	int box = theme_attr(EL_STATUS), normal = theme_attr(EL_NORMAL);
	char buf[FORM_TEXT_MAX + 128];
	int cursor_y = -1, cursor_x = 0;

	for (int i = 0; i < f->n; i++)
		nlong += f->f[i].kind == FIELD_LONG;
	while (long_rows > 2 && f->n + 9 + nlong * (long_rows - 1) > rows)
		long_rows--;
	h = f->n + 9 + nlong * (long_rows - 1);
	x0 = (cols - w) / 2;
	y0 = top + (rows - h > 0 ? (rows - h) / 2 : 0);
	y = y0;
	ui_put(y++, x0, w, box, "");
	snprintf(buf, sizeof buf, " %s", f->title);
	ui_put(y0, x0, w, box, buf);
	ui_put(y++, x0, w, normal, "");
	for (int i = 0; i < f->n; i++, y++) {
		const struct form_field *x = &f->f[i];
		int sel = i == f->cur;
		int vw = w - label_w - 4;
		int vx = x0 + label_w + 2;
		char val[FORM_TEXT_MAX + 16];

		snprintf(buf, sizeof buf, "%s %s:", sel ? ">" : " ", x->label);
		ui_put(y, x0, label_w + 2, sel ? theme_attr(EL_LABEL) : normal, buf);
		if (x->kind == FIELD_LONG) {
			size_t starts[4096], cl, nl = wrap_lines(x->text, x->pos, vw, starts, 4096, &cl);
			size_t first = cl >= (size_t)long_rows ? cl - (size_t)long_rows + 1 : 0;

			for (int r = 0; r < long_rows; r++) {
				size_t li = first + (size_t)r;
				char *t = NULL;

				if (r > 0)
					ui_put(y + r, x0, label_w + 2, normal, "");
				if (li < nl) {
					size_t end = li + 1 < nl ? starts[li + 1] : strlen(x->text);

					while (end > starts[li] && x->text[end - 1] == '\n')
						end--;
					t = xasprintf("%.*s", (int)(end - starts[li]), x->text + starts[li]);
				}
				ui_put(y + r, vx, vw, sel ? theme_attr(EL_SELECTION) : normal, t ? t : "");
				ui_put(y + r, vx + vw, w - label_w - 2 - vw, normal, "");
				if (sel && li == cl) {
					cursor_y = y + r;
					cursor_x = vx + width_of(x->text, starts[li], x->pos);
				}
				free(t);
			}
			if (!x->text[0] && *x->hint && !sel)
				ui_put(y, vx, vw, theme_attr(EL_PAUSED), x->hint);
			y += long_rows - 1;
			continue;
		}
		if (x->kind == FIELD_CHOICE) {
			snprintf(val, sizeof val, "< %s >%s%s", form_value(f, i), *x->hint ? "  " : "", x->hint);
			ui_put(y, vx, vw, sel ? theme_attr(EL_SELECTION) : normal, val);
		} else {
			/* Show the part around the cursor of a long text. */
			size_t start = 0, pos = x->pos > strlen(x->value) ? strlen(x->value) : x->pos;

			while (start < pos && width_of(x->value, start, pos) > vw - 1)
				start = form_char_after(x->value, start);
			ui_put(y, vx, vw, sel ? theme_attr(EL_SELECTION) : normal, x->value + start);
			if (sel) {
				cursor_y = y;
				cursor_x = vx + width_of(x->value, start, pos);
			}
		}
		ui_put(y, vx + vw, w - label_w - 2 - vw, normal, "");
		if (x->kind == FIELD_TEXT && *x->hint && !x->value[0] && !sel)
			ui_put(y, vx, vw, theme_attr(EL_PAUSED), x->hint);
	}
	ui_put(y++, x0, w, normal, "");
	/* The message, word-wrapped onto up to three lines. */
	{
		const char *msg = f->error[0] ? f->error : f->note;
		int attr = f->error[0] ? theme_attr(EL_ERROR) : normal;
		char line[FORM_TEXT_MAX + 128];

		for (int l = 0; l < 3; l++) {
			size_t n = 0, best = 0;

			while (*msg == ' ')
				msg++;
			while (msg[n]) {
				size_t e = n;

				while (msg[e] == ' ')
					e++;
				while (msg[e] && msg[e] != ' ')
					e++;
				snprintf(line, sizeof line, " %.*s", (int)e, msg);
				if (text_width(line) > w - 1 && best)
					break;
				best = n = e;
			}
			snprintf(line, sizeof line, " %.*s", (int)best, msg);
			ui_put(y++, x0, w, *line && best ? attr : normal, line);
			msg += best;
		}
	}
	{
		char k1[64], k2[64], k3[64];

		snprintf(k1, sizeof k1, "%s", keys_of(REQ_FORM_SAVE));
		snprintf(k2, sizeof k2, "%s", keys_of(REQ_FORM_NEXT));
		snprintf(k3, sizeof k3, "%s", keys_of(REQ_FORM_RIGHT));
		if (f->cur < f->n && f->f[f->cur].kind == FIELD_LONG)
			snprintf(buf, sizeof buf, _(" Enter new line  F10 save  Tab next  %s $EDITOR  %s cancel"),
				 keys_of(REQ_FORM_EDITOR), keys_of(REQ_FORM_CANCEL));
		else
			snprintf(buf, sizeof buf, _(" %s save   %s next field   %s choose   %s cancel"), k1, k2, k3,
				 keys_of(REQ_FORM_CANCEL));
	}
	ui_put(y++, x0, w, box, buf);
	*cy = cursor_y;
	*cx = cursor_x;
}
