#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "ui/keys.h"

struct req_info {
	const char *name;
	const char *defaults;
	unsigned screens;
	const char *help;
};

static const struct req_info reqs[REQ_COUNT] = {
	[REQ_NONE] = {"none", "", 0, ""},
#define UI_X(id, name, keys, screens, help) [id] = {name, keys, screens, help},
	UI_REQUESTS(UI_X)
#undef UI_X
};

static int bound[REQ_COUNT][UI_KEYS_PER_REQ];
static int nbound[REQ_COUNT];
static int overridden[REQ_COUNT];

static const struct {
	const char *name;
	int key;
} named[] = {
	{"Up", UI_KEY_FN(KEY_UP)},         {"Down", UI_KEY_FN(KEY_DOWN)},
	{"Left", UI_KEY_FN(KEY_LEFT)},     {"Right", UI_KEY_FN(KEY_RIGHT)},
	{"PgUp", UI_KEY_FN(KEY_PPAGE)},    {"PgDn", UI_KEY_FN(KEY_NPAGE)},
	{"Home", UI_KEY_FN(KEY_HOME)},     {"End", UI_KEY_FN(KEY_END)},
	{"Insert", UI_KEY_FN(KEY_IC)},     {"Delete", UI_KEY_FN(KEY_DC)},
	{"Backspace", UI_KEY_FN(KEY_BACKSPACE)},
	{"Enter", '\n'},                   {"Esc", 27},
	{"Tab", '\t'},                     {"Space", ' '},
	{"S-Tab", UI_KEY_FN(KEY_BTAB)},
};

int keys_parse(const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < SDESK_ARRAY_LEN(named); i++)
		if (strcmp(named[i].name, name) == 0)
			return named[i].key;
	if (name[0] == 'F' && len >= 2 && len <= 3) {
		int n = 0;

		for (size_t i = 1; i < len; i++) {
			if (name[i] < '0' || name[i] > '9')
				return -1;
			n = n * 10 + (name[i] - '0');
		}
		return n >= 1 && n <= 12 ? UI_KEY_FN(KEY_F(n)) : -1;
	}
	if (len == 3 && name[0] == 'C' && name[1] == '-'
	    && ((name[2] >= 'a' && name[2] <= 'z') || (name[2] >= 'A' && name[2] <= 'Z')))
		return (name[2] | 0x20) - 'a' + 1;
	if (len == 1 && name[0] > ' ' && name[0] < 127)
		return (unsigned char)name[0];
	return -1;
}

const char *keys_name(int key, char *buf, size_t len)
{
	for (size_t i = 0; i < SDESK_ARRAY_LEN(named); i++)
		if (named[i].key == key) {
			snprintf(buf, len, "%s", named[i].name);
			return buf;
		}
	if (key & UI_KEY_FN_BIT) {
		int k = key & ~UI_KEY_FN_BIT;

		if (k >= KEY_F(1) && k <= KEY_F(12))
			snprintf(buf, len, "F%d", k - KEY_F0);
		else
			snprintf(buf, len, "key-%d", k);
	} else if (key >= 1 && key <= 26) {
		snprintf(buf, len, "C-%c", 'a' + key - 1);
	} else if (key > ' ' && key < 127) {
		snprintf(buf, len, "%c", key);
	} else {
		snprintf(buf, len, "U+%04X", (unsigned)key);
	}
	return buf;
}

void keys_reset(void)
{
	for (int r = 1; r < REQ_COUNT; r++) {
		char copy[64];
		char *save = NULL;

		nbound[r] = 0;
		overridden[r] = 0;
		snprintf(copy, sizeof copy, "%s", reqs[r].defaults);
		for (char *tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			int k = keys_parse(tok);

			if (k >= 0 && nbound[r] < UI_KEYS_PER_REQ)
				bound[r][nbound[r]++] = k;
		}
	}
}

enum ui_request keys_request_by_name(const char *name)
{
	for (int r = 1; r < REQ_COUNT; r++)
		if (strcmp(reqs[r].name, name) == 0)
			return (enum ui_request)r;
	return REQ_NONE;
}

int keys_bind(const char *request, const char *key, char *err, size_t errlen)
{
	enum ui_request r = keys_request_by_name(request);
	int k = keys_parse(key);

	if (r == REQ_NONE) {
		snprintf(err, errlen, _("unknown key action '%s' (see 'sdesk console --keys')"), request);
		return -1;
	}
	if (k < 0) {
		snprintf(err, errlen, _("unknown key name '%s' for '%s' (use e.g. j, /, Up, PgDn, Enter, Esc, F5, C-l)"),
			 key, request);
		return -1;
	}
	if (!overridden[r]) {
		overridden[r] = 1;
		nbound[r] = 0;
	}
	if (nbound[r] >= UI_KEYS_PER_REQ) {
		snprintf(err, errlen, _("too many keys for '%s' (at most %d)"), request, UI_KEYS_PER_REQ);
		return -1;
	}
	bound[r][nbound[r]++] = k;
	return 0;
}

enum ui_request keys_lookup(unsigned screen, int key)
{
	for (int r = 1; r < REQ_COUNT; r++) {
		if (!(reqs[r].screens & screen))
			continue;
		for (int i = 0; i < nbound[r]; i++)
			if (bound[r][i] == key)
				return (enum ui_request)r;
	}
	return REQ_NONE;
}

const char *keys_of(enum ui_request req)
{
	static char buf[128];
	size_t pos = 0;

	buf[0] = '\0';
	for (int i = 0; i < nbound[req] && pos < sizeof buf; i++) {
		char name[32];

		pos += (size_t)snprintf(buf + pos, sizeof buf - pos, "%s%s", i ? ", " : "",
					keys_name(bound[req][i], name, sizeof name));
	}
	return buf;
}

const char *keys_of_on(enum ui_request req, unsigned screen)
{
	static char buf[128];
	size_t pos = 0;

	buf[0] = '\0';
	for (int i = 0; i < nbound[req] && pos < sizeof buf; i++) {
		char name[32];

		if (keys_lookup(screen, bound[req][i]) != req)
			continue; /* an earlier row has the key on this screen */
		pos += (size_t)snprintf(buf + pos, sizeof buf - pos, "%s%s", pos ? ", " : "",
					keys_name(bound[req][i], name, sizeof name));
	}
	return buf;
}

const char *keys_req_name(enum ui_request req)
{
	return reqs[req].name;
}

const char *keys_req_help(enum ui_request req)
{
	return _(reqs[req].help);
}

unsigned keys_req_screens(enum ui_request req)
{
	return reqs[req].screens;
}

void keys_print(FILE *out)
{
	fprintf(out, "%-24s %-16s %-15s %s\n", "SCREENS", "KEYS", "NAME", "WHAT IT DOES");
	for (int r = 1; r < REQ_COUNT; r++) {
		unsigned s = reqs[r].screens;
		char screens[48];

		snprintf(screens, sizeof screens, "%s%s%s%s%s%s", s & UI_SCR_QUEUE ? "queue " : "",
			 s & UI_SCR_TICKET ? "ticket " : "", s & UI_SCR_HELP ? "help " : "",
			 s & UI_SCR_ONCALL && !(s & UI_SCR_QUEUE) ? "oncall " : "",
			 s & UI_SCR_BOARD ? "board " : "", s & UI_SCR_FORM ? "form" : "");
		fprintf(out, "%-24s %-16s %-15s %s\n", screens, keys_of((enum ui_request)r), reqs[r].name,
			_(reqs[r].help));
	}
}
