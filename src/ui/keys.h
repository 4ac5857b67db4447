/* The console's requests and their keys, written once.
 *
 * UI_REQUESTS is the only list: the enum, the default bindings, the `?` help
 * screen, `sdesk console --keys` and the names sdesk.cfg accepts in its
 * `keys` section all come from it. */
#ifndef SDESK_UI_KEYS_H
#define SDESK_UI_KEYS_H

#include "base/i18n.h" /* N_: the help texts are translated where shown */

#include <stddef.h>
#include <stdio.h>

/* Screens a request belongs to (bit mask). */
#define UI_SCR_QUEUE  0x1u
#define UI_SCR_TICKET 0x2u
#define UI_SCR_HELP   0x4u
#define UI_SCR_ONCALL 0x20u /* the on-call checklist (ui/oncall_view.c) */
#define UI_SCR_BOARD  0x8u  /* the breach board (ui/board.c) */
#define UI_SCR_ALL    (UI_SCR_QUEUE | UI_SCR_TICKET | UI_SCR_HELP | UI_SCR_BOARD | UI_SCR_ONCALL)
#define UI_SCR_FORM   0x10u /* a form of the console (ui/form.c) */
#define UI_SCR_ACT    (UI_SCR_QUEUE | UI_SCR_TICKET) /* ticket actions: the selected or open ticket */

/* X(enum, config name, default keys (space separated key names), screens, help)
 * The first row that binds a key on a screen wins: goto comes before home, so
 * g asks for a ticket number on the queue and a ticket (g g: the first line)
 * and is home on the other screens. */
#define UI_REQUESTS(X) \
	X(REQ_UP,        "up",        "Up k",          UI_SCR_ALL,    N_("move up one line")) \
	X(REQ_DOWN,      "down",      "Down j",        UI_SCR_ALL,    N_("move down one line")) \
	X(REQ_PAGE_UP,   "page-up",   "PgUp C-b",      UI_SCR_ALL,    N_("move up one page")) \
	X(REQ_PAGE_DOWN, "page-down", "PgDn C-f Space", UI_SCR_ALL,   N_("move down one page")) \
	X(REQ_GOTO,      "goto",      ": g",           UI_SCR_QUEUE | UI_SCR_TICKET, N_("go to a ticket by its number, open or not (g g: the first line)")) \
	X(REQ_HOME,      "home",      "Home g",        UI_SCR_ALL,    N_("go to the first line (queue, ticket: g g)")) \
	X(REQ_END,       "end",       "End G",         UI_SCR_ALL,    N_("go to the last line")) \
	X(REQ_OPEN,      "open",      "Enter",         UI_SCR_QUEUE,  N_("open the selected ticket")) \
	X(REQ_SEARCH,    "search",    "/",             UI_SCR_QUEUE,  N_("search ID, customer and subject as you type (Enter keeps, Esc clears)")) \
	X(REQ_CLEAR,     "clear",     "Esc",           UI_SCR_QUEUE,  N_("clear the search filter")) \
	X(REQ_NEXT_MATCH, "next-match", "n",           UI_SCR_QUEUE | UI_SCR_TICKET, N_("next ticket matching the search (on a ticket: open it)")) \
	X(REQ_PREV_MATCH, "prev-match", "N",           UI_SCR_QUEUE | UI_SCR_TICKET, N_("previous ticket matching the search")) \
	X(REQ_REFRESH,   "refresh",   "C-l F5",        UI_SCR_ALL | UI_SCR_BOARD, N_("reload from the database and redraw")) \
	X(REQ_HELP,      "help",      "? F1",          UI_SCR_QUEUE | UI_SCR_TICKET | UI_SCR_BOARD | UI_SCR_ONCALL, N_("show the keys of this screen")) \
	X(REQ_BACK,      "back",      "Esc q",         UI_SCR_TICKET | UI_SCR_HELP | UI_SCR_ONCALL, N_("back to the previous screen")) \
	X(REQ_QUIT,      "quit",      "q",             UI_SCR_QUEUE | UI_SCR_BOARD, N_("quit sdesk")) \
	X(REQ_VIEW,      "view",      "v",             UI_SCR_QUEUE,  N_("next view: all, mine, unassigned, my team's, this customer's, resolved, closed")) \
	X(REQ_F_CATEGORY, "filter-category", "c",      UI_SCR_QUEUE,  N_("filter by category (cycles through the categories in the queue)")) \
	X(REQ_F_TIER,    "filter-tier", "T",           UI_SCR_QUEUE,  N_("filter by support level (1st, 2nd, 3rd)")) \
	X(REQ_F_CHANNEL, "filter-channel", "h",        UI_SCR_QUEUE,  N_("filter by channel")) \
	X(REQ_F_CLEAR,   "clear-filters", "x",         UI_SCR_QUEUE,  N_("clear view, filters and search")) \
	X(REQ_NEW,       "new",       "+",             UI_SCR_QUEUE,  N_("new ticket (customer, key user, channel, category, subject, text)")) \
	X(REQ_TAKE,      "take",      "t",             UI_SCR_ACT,    N_("take the ticket (assign it to me)")) \
	X(REQ_ASSIGN,    "assign",    "a",             UI_SCR_TICKET, N_("assign to an agent (or nobody)")) \
	X(REQ_TIER,      "tier",      "l",             UI_SCR_TICKET, N_("hand to another support level (1st/2nd/3rd) with a reason")) \
	X(REQ_CONTACT,   "contact",   "f",             UI_SCR_TICKET, N_("first qualified contact: classification and the estimate told")) \
	X(REQ_EXTEND,    "extend",    "e",             UI_SCR_TICKET, N_("extend the estimate with a reason (escalation 1, then 2)")) \
	X(REQ_ESCALATE,  "escalate",  "E",             UI_SCR_TICKET, N_("set escalation level 0-3 or extended (team leads, with a reason)")) \
	X(REQ_WAIT,      "wait",      "w",             UI_SCR_TICKET, N_("wait for the customer (clocks stop) / resume")) \
	X(REQ_MANAGED,   "managed",   "m",             UI_SCR_TICKET, N_("mark as managed service (when and how the customer was told)")) \
	X(REQ_INCIDENT,  "incident",  "i",             UI_SCR_TICKET, N_("link to an incident")) \
	X(REQ_DEVLINK,   "dev-link",  "d",             UI_SCR_TICKET, N_("link to a development-tracker ID")) \
	X(REQ_RESOLVE,   "resolve",   "s",             UI_SCR_TICKET, N_("resolve the ticket (with a note)")) \
	X(REQ_REOPEN,    "reopen",    "o",             UI_SCR_TICKET, N_("reopen a resolved or closed ticket with a reason (the time it stood resolved pauses the clocks)")) \
	X(REQ_CLOSE,     "close",     "C",             UI_SCR_TICKET, N_("close a resolved ticket")) \
	X(REQ_REPLY,     "reply",     "r",             UI_SCR_TICKET, N_("reply to the customer (phone, e-mail, chat, on site): saved in the thread; an e-mail is mailed from the queue's address (doc/mail.md)")) \
	X(REQ_NOTE,      "note",      "c",             UI_SCR_TICKET, N_("write an internal note (comment) in the ticket's thread; never mailed")) \
	X(REQ_CALL,      "call",      "p",             UI_SCR_TICKET, N_("start a phone call (timer in the status line); again: stop it, see the split, log it")) \
	X(REQ_LOG_TIME,  "log-time",  "L",             UI_SCR_TICKET, N_("log time in 15-minute units: typed duration, kind, price shown before saving")) \
	X(REQ_ONCALL,    "oncall",    "O",             UI_SCR_TICKET, N_("on-call work (ops, 003): start it on the ticket, or open its checklist")) \
	X(REQ_OC_TICK,   "oncall-tick", "Enter x",     UI_SCR_ONCALL, N_("tick the selected item as done now, with an optional note")) \
	X(REQ_OC_END,    "oncall-end", "e",            UI_SCR_ONCALL, N_("end the on-call work, with notes (the report is due the next working day)")) \
	X(REQ_OC_SENT,   "oncall-sent", "r",           UI_SCR_ONCALL, N_("the detailed report was sent to the customer (stops its clock)")) \
	X(REQ_FORM_NEXT, "next-field", "Tab Down",     UI_SCR_FORM,   N_("next field")) \
	X(REQ_FORM_PREV, "prev-field", "S-Tab Up",     UI_SCR_FORM,   N_("previous field")) \
	X(REQ_FORM_RIGHT, "next-choice", "Right",      UI_SCR_FORM,   N_("next choice of a list")) \
	X(REQ_FORM_LEFT, "prev-choice", "Left",        UI_SCR_FORM,   N_("previous choice of a list")) \
	X(REQ_FORM_SAVE, "save",      "Enter F10",     UI_SCR_FORM,   N_("save (the form stays open with a message when it cannot be saved); in a text of several lines Enter starts a new line, F10 saves")) \
	X(REQ_FORM_EDITOR, "editor",  "C-x",           UI_SCR_FORM,   N_("edit the text in $VISUAL or $EDITOR; line editing: C-a C-e start/end, C-u C-k delete to start/end, C-w word")) \
	X(REQ_FORM_CANCEL, "cancel",  "Esc",           UI_SCR_FORM,   N_("cancel the form")) \
	X(REQ_NEXT_LIST, "next-list", "Tab",           UI_SCR_BOARD,  N_("next ticket list: the one the scroll keys move (its heading is marked)")) \
	X(REQ_MESSAGES,  "messages",  "M",             UI_SCR_QUEUE | UI_SCR_TICKET, N_("the last messages, whole, newest first"))

enum ui_request {
	REQ_NONE = 0,
#define UI_X(id, name, keys, screens, help) id,
	UI_REQUESTS(UI_X)
#undef UI_X
	REQ_COUNT
};

/* A key as the input loop sees it: a Unicode code point, or UI_KEY_FN(curses
 * KEY_* code) for function keys. Enter is always '\n', Backspace is
 * UI_KEY_FN(KEY_BACKSPACE), Escape is 27. */
#define UI_KEY_FN_BIT 0x1000000
#define UI_KEY_FN(k)  (UI_KEY_FN_BIT | (k))

#define UI_KEYS_PER_REQ 6

/* Restores the default bindings of the table. */
void keys_reset(void);

/* Parses a key name ("j", "/", "Up", "PgDn", "Enter", "Esc", "Space", "F5",
 * "C-l", "Backspace", ...). Returns the key, or -1 when the name is unknown. */
int keys_parse(const char *name);

/* Writes the name of key into buf (size len) and returns buf. */
const char *keys_name(int key, char *buf, size_t len);

/* The request with config name `name`, or REQ_NONE. */
enum ui_request keys_request_by_name(const char *name);

/* Binds key to request: the first call for a request (since keys_reset)
 * replaces its default keys, later calls add keys. Returns 0, or -1 with a
 * message in err when the request or key name is unknown or a request has too
 * many keys. */
int keys_bind(const char *request, const char *key, char *err, size_t errlen);

/* The request key stands for on the screens in mask `screen` (one UI_SCR_*),
 * or REQ_NONE. */
enum ui_request keys_lookup(unsigned screen, int key);

/* Text of the keys bound to req, e.g. "Up, k" (static buffer, valid until the
 * next call). */
const char *keys_of(enum ui_request req);

/* keys_of, but only the keys that stand for req on `screen` (one UI_SCR_*):
 * a key an earlier row binds there is left out (g is goto on the queue, so
 * home shows "Home" there). "" when none is left. */
const char *keys_of_on(enum ui_request req, unsigned screen);

/* Help line data for req: config name, help text and screens mask. */
const char *keys_req_name(enum ui_request req);
const char *keys_req_help(enum ui_request req);
unsigned keys_req_screens(enum ui_request req);

/* Prints the key table as an aligned text table with a heading line:
 * screens, keys, config name, what it does (used by `sdesk console --keys`). */
void keys_print(FILE *out);

#endif
