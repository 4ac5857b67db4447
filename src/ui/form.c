/* The reusable form widget (see form.h). */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	return f->n - 1;
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
	}
	f->n = 0;
}

void form_edit(char *s, size_t len, int key)
{
	size_t n = strlen(s);

	if (key == UI_KEY_FN(KEY_BACKSPACE)) {
		while (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0)
			n--;
		s[n] = '\0';
		return;
	}
	if ((key & UI_KEY_FN_BIT) || key < ' ' || key == 127)
		return;
	unsigned u = (unsigned)key;
	char enc[4];
	size_t k;

	if (u < 0x80) {
		enc[0] = (char)u;
		k = 1;
	} else if (u < 0x800) {
		enc[0] = (char)(0xC0 | (u >> 6));
		enc[1] = (char)(0x80 | (u & 0x3F));
		k = 2;
	} else if (u < 0x10000) {
		enc[0] = (char)(0xE0 | (u >> 12));
		enc[1] = (char)(0x80 | ((u >> 6) & 0x3F));
		enc[2] = (char)(0x80 | (u & 0x3F));
		k = 3;
	} else {
		enc[0] = (char)(0xF0 | (u >> 18));
		enc[1] = (char)(0x80 | ((u >> 12) & 0x3F));
		enc[2] = (char)(0x80 | ((u >> 6) & 0x3F));
		enc[3] = (char)(0x80 | (u & 0x3F));
		k = 4;
	}
	if (n + k < len) {
		memcpy(s + n, enc, k);
		s[n + k] = '\0';
	}
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
	form_error(f, "no %s matches '%s'", x->label, x->typed);
}

int form_key(void *app, struct form *f, int req, int key)
{
	struct form_field *x = f->n ? &f->f[f->cur] : NULL;

	switch (req) {
	case REQ_FORM_CANCEL:
		f->cancelled = 1;
		return 1;
	case REQ_FORM_SAVE:
		f->error[0] = '\0';
		return f->submit(app, f) == 0;
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
		form_edit(x->value, sizeof x->value, key);
	else
		type_choice(app, f, f->cur, key);
	return 0;
}

void form_draw(const struct form *f, int top, int rows, int cols, int *cy, int *cx)
{
	int w = cols - 4 > 100 ? 100 : cols - 4;
	int h = f->n + 9;
	int x0 = (cols - w) / 2, y0 = top + (rows - h > 0 ? (rows - h) / 2 : 0);
	int label_w = 14, y = y0;
	int box = theme_attr(EL_STATUS), normal = theme_attr(EL_NORMAL);
	char buf[FORM_TEXT_MAX + 128];
	int cursor_y = -1, cursor_x = 0;

	ui_put(y++, x0, w, box, "");
	snprintf(buf, sizeof buf, " %s", f->title);
	ui_put(y0, x0, w, box, buf);
	ui_put(y++, x0, w, normal, "");
	for (int i = 0; i < f->n; i++, y++) {
		const struct form_field *x = &f->f[i];
		int sel = i == f->cur;
		int vw = w - label_w - 4;
		char val[FORM_TEXT_MAX + 16];

		snprintf(buf, sizeof buf, "%s %s:", sel ? ">" : " ", x->label);
		ui_put(y, x0, label_w + 2, sel ? theme_attr(EL_LABEL) : normal, buf);
		if (x->kind == FIELD_CHOICE)
			snprintf(val, sizeof val, "< %s >%s%s", form_value(f, i), *x->hint ? "  " : "", x->hint);
		else
			snprintf(val, sizeof val, "%s", x->value);
		/* Show the end of a long text being typed. */
		const char *shown = val;
		while (x->kind == FIELD_TEXT && text_width(shown) > vw - 1 && *shown)
			shown++;
		ui_put(y, x0 + label_w + 2, vw, sel ? theme_attr(EL_SELECTION) : normal, shown);
		ui_put(y, x0 + label_w + 2 + vw, w - label_w - 2 - vw, normal, "");
		if (sel && x->kind == FIELD_TEXT) {
			cursor_y = y;
			cursor_x = x0 + label_w + 2 + text_width(shown);
		}
		if (x->kind == FIELD_TEXT && *x->hint && !x->value[0] && !sel)
			ui_put(y, x0 + label_w + 2, vw, theme_attr(EL_PAUSED), x->hint);
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
		snprintf(buf, sizeof buf, " %s save   %s next field   %s choose   %s cancel", k1, k2, k3,
			 keys_of(REQ_FORM_CANCEL));
	}
	ui_put(y++, x0, w, box, buf);
	*cy = cursor_y;
	*cx = cursor_x;
}
