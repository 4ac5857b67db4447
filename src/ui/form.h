/* A small reusable form: text fields and choice lists, drawn as a box over the
 * screen below it, with a validation message line.
 *
 * Keys come from the key table (screen UI_SCR_FORM): next/previous field,
 * next/previous choice, save, cancel; every other key is typed into the
 * field (in a choice list, typed text picks the first choice containing it).
 * The form keeps what was typed when a save fails: submit returns -1 with
 * form_error() set and the form stays open. Esc cancels. */
#ifndef SDESK_UI_FORM_H
#define SDESK_UI_FORM_H

#include <stddef.h>
#include <stdint.h>

#define FORM_MAX_FIELDS 8
#define FORM_TEXT_MAX 512

#define FORM_LONG_MAX 65536 /* a multi-line text (a note, a reply) */

enum form_kind { FIELD_TEXT, FIELD_CHOICE, FIELD_LONG };

struct form_field {
	char label[32];
	enum form_kind kind;
	char value[FORM_TEXT_MAX]; /* FIELD_TEXT: UTF-8 text */
	char *text;                /* FIELD_LONG: UTF-8 text, FORM_LONG_MAX bytes (owned) */
	size_t pos;                /* FIELD_TEXT, FIELD_LONG: the cursor (byte offset) */
	char **choices;            /* FIELD_CHOICE: owned strings */
	size_t nchoices, choice;
	char typed[64];            /* FIELD_CHOICE: text typed to pick a choice */
	char hint[96];             /* shown beside the field, may be "" */
};

struct form;
/* Called on save: 0 = done (the form closes), -1 = stays open (set form_error). */
typedef int (*form_submit_fn)(void *app, struct form *f);
/* Called after the choice of field i changed (may change other fields). */
typedef void (*form_changed_fn)(void *app, struct form *f, int i);

struct form {
	char title[128];
	struct form_field f[FORM_MAX_FIELDS];
	int n, cur;
	char error[512];
	char note[256];            /* a neutral line under the fields, may be "" */
	form_submit_fn submit;
	form_changed_fn changed;
	int64_t ticket;            /* context of the action */
	char key[37];              /* idempotency key: kept across failed saves */
	int64_t data[4];           /* caller's small state */
	int cancelled;             /* closed by cancel (not saved) */
};

/* Clears f and sets its title, callbacks and a fresh idempotency key. */
void form_init(struct form *f, const char *title, form_submit_fn submit, form_changed_fn changed);
/* Adds a text field (initial may be NULL) and returns its index. */
int form_text(struct form *f, const char *label, const char *initial, const char *hint);
/* Adds a multi-line text field (Enter starts a new line; REQ_FORM_EDITOR
 * edits it in $VISUAL / $EDITOR) and returns its index. */
int form_long(struct form *f, const char *label, const char *initial, const char *hint);
/* Replaces the text of a text field (the cursor goes to its end). */
void form_set_text(struct form *f, int i, const char *text);
/* Edits the text of field i in $VISUAL, else $EDITOR (as git and mutt do:
 * the terminal is given to the editor and taken back). Returns 1 when the
 * text was changed, 0 when no editor is set, -1 with form_error when it
 * failed (the text is kept). */
int form_run_editor(struct form *f, int i);
/* The editor the environment names ($VISUAL, else $EDITOR), NULL when none. */
const char *form_editor(void);

/* Adds a choice field over n strings (copied), sel selected; returns its index. */
int form_choice(struct form *f, const char *label, const char *const *choices, size_t n, size_t sel,
		const char *hint);
/* Replaces the choices of field i (copied), selecting sel. */
void form_set_choices(struct form *f, int i, const char *const *choices, size_t n, size_t sel);
/* The text of field i, or its selected choice ("" when it has none). */
const char *form_value(const struct form *f, int i);
/* Sets the validation message (printf style); "" clears it. */
void form_error(struct form *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Frees the choice lists. */
void form_free(struct form *f);

/* Handles a key (request from UI_SCR_FORM, or REQ_NONE and a raw key).
 * Returns 1 when the form is to close (saved or cancelled), else 0. */
int form_key(void *app, struct form *f, int req, int key);

/* Draws f as a box centred in the body rows top..top+rows-1; *cy, *cx: where
 * the terminal cursor belongs (the text field being typed in), *cy -1: none. */
void form_draw(const struct form *f, int top, int rows, int cols, int *cy, int *cx);

/* Appends the UTF-8 encoding of code point u to s (size len) if it fits;
 * removes the last character on backspace. Shared with the search line. */
void form_edit(char *s, size_t len, int key);

/* Line editing at the cursor *pos of s (size len): a character is inserted,
 * Backspace and Delete remove one, Left/Right move, and as in a shell C-a /
 * C-e go to the start / end of the line, C-u deletes to its start, C-k to
 * its end, C-w the word before the cursor; with multi != 0, Enter inserts a
 * line break. Returns 1 when the key was an editing key. */
int form_edit_at(char *s, size_t len, size_t *pos, int key, int multi);
/* The offset of the character after the one at pos (UTF-8). */
size_t form_char_after(const char *s, size_t pos);

#endif
