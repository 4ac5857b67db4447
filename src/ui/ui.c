#include "config.h"

#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "base/i18n.h"
#include "ui/ui.h"

int ui_ascii;

static SCREEN *term;
static volatile sig_atomic_t got_signal;
static struct sigaction old_term, old_int, old_hup;

static void on_signal(int sig)
{
	got_signal = sig;
}

int ui_terminating(void)
{
	return got_signal != 0;
}

void ui_stop(void)
{
	if (!term)
		return;
	endwin();
	delscreen(term);
	term = NULL;
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	fflush(stdout);
}

int ui_start(int want_color, char *err, size_t errlen)
{
	struct sigaction sa;

	setlocale(LC_CTYPE, ""); /* main set the rest (base/i18n.h) */
	if (!sd_locale_utf8())
		ui_ascii = 1; /* no line or block characters either */
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(err, errlen, "%s", _("the console needs a terminal (standard input and output are not one)"));
		return -1;
	}
	term = newterm(NULL, stdout, stdin);
	if (!term) {
		const char *t = getenv("TERM");

		snprintf(err, errlen, _("cannot use terminal type '%s' (set TERM to e.g. xterm or vt100)"),
			 t ? t : "");
		return -1;
	}
	set_term(term);
	sdesk_set_fatal_hook(ui_stop);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGHUP, &sa, &old_hup);

	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	theme_init(want_color);
	return 0;
}

void ui_put(int y, int x, int cols, int attr, const char *s)
{
	char buf[4096];

	if (cols <= 0)
		return;
	text_fit(buf, sizeof buf, s, cols, ui_ascii);
	attrset(attr);
	mvaddstr(y, x, buf);
	attrset(A_NORMAL);
}

void ui_put_right(int y, int x, int cols, int attr, const char *s)
{
	char buf[4096];

	if (cols <= 0)
		return;
	text_fit_right(buf, sizeof buf, s, cols, ui_ascii);
	attrset(attr);
	mvaddstr(y, x, buf);
	attrset(A_NORMAL);
}

static int min_cols(const struct ui_screen *s)
{
	return s->min_cols > 0 ? s->min_cols : UI_MIN_COLS;
}

static int min_rows(const struct ui_screen *s)
{
	return s->min_rows > 0 ? s->min_rows : UI_MIN_ROWS;
}

static int too_small(const struct ui_screen *s)
{
	return COLS < min_cols(s) || LINES < min_rows(s);
}

static void draw_too_small(const struct ui_screen *s)
{
	char msg[96];

	erase();
	snprintf(msg, sizeof msg, _("terminal too small (need %dx%d, have %dx%d)"), min_cols(s),
		 min_rows(s), COLS, LINES);
	/* Wrap the message onto as many rows as needed; never beyond the screen. */
	int len = (int)strlen(msg);
	for (int row = 0, off = 0; off < len && row < LINES; row++, off += COLS)
		mvaddnstr(row, 0, msg + off, COLS);
}

static void draw(const struct ui_app *ua)
{
	const struct ui_screen *s = ua->screen(ua->app);

	if (too_small(s)) {
		draw_too_small(s);
	} else {
		int status = ua->status_rows ? ua->status_rows(ua->app, COLS) : 1;

		if (status > LINES / 2)
			status = LINES / 2;
		erase();
		ua->draw_header(ua->app, COLS);
		s->draw(ua->app, 1, LINES - 1 - status, COLS);
		ua->draw_status(ua->app, COLS);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* Reads every key that is waiting; returns ui_result flags. */
static int read_keys(const struct ui_app *ua)
{
	int flags = 0;
	wint_t wc;
	int rc;

	while (!(flags & UI_QUIT) && (rc = get_wch(&wc)) != ERR) {
		int key;
		const struct ui_screen *s = ua->screen(ua->app);

		if (rc == KEY_CODE_YES) {
			if (wc == KEY_RESIZE) {
				flags |= UI_REDRAW;
				continue;
			}
			key = wc == KEY_ENTER ? '\n' : UI_KEY_FN((int)wc);
		} else if (wc == '\r') {
			key = '\n';
		} else if (wc == 127 || wc == 8) {
			key = UI_KEY_FN(KEY_BACKSPACE);
		} else {
			key = (int)wc;
		}
		if (ua->on_key)
			flags |= ua->on_key(ua->app, key);
		if (too_small(s)) {
			/* Too small to show anything: only quitting works. */
			enum ui_request r = keys_lookup(s->id, key);

			if (r == REQ_QUIT || (r == REQ_BACK && s->id == UI_SCR_QUEUE))
				flags |= UI_QUIT;
			continue;
		}
		int f;

		if (s->wants_text && s->wants_text(ua->app))
			f = s->key(ua->app, REQ_NONE, key);
		else
			f = s->key(ua->app, keys_lookup(s->id, key), key);
		/* The fall-through: a key no screen has a use for is said once, here. */
		if ((f & UI_UNHANDLED) && ua->say) {
			char msg[128];

			ui_unhandled_text(key, msg, sizeof msg);
			ua->say(ua->app, msg);
			f |= UI_REDRAW;
		}
		flags |= f & ~UI_UNHANDLED;
	}
	return flags;
}

int ui_run(const struct ui_app *ua)
{
	int flags = UI_REDRAW;

	while (!got_signal) {
		struct pollfd pfd[2];
		int nfd = 1, fd = ua->fd ? ua->fd(ua->app) : -1;

		if (flags & UI_QUIT)
			break;
		if (flags & UI_REDRAW)
			draw(ua);
		flags = 0;
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[0].revents = 0;
		if (fd >= 0) {
			pfd[1].fd = fd;
			pfd[1].events = POLLIN;
			pfd[1].revents = 0;
			nfd = 2;
		}
		int n = poll(pfd, (nfds_t)nfd, ua->tick_ms > 0 ? ua->tick_ms : 1000);
		if (n < 0 && errno != EINTR)
			sdesk_die(1, "poll: %s", strerror(errno));
		/* A signal (SIGWINCH included) interrupts poll: look for keys anyway. */
		if (n < 0 || (pfd[0].revents & (POLLIN | POLLHUP | POLLERR)))
			flags |= read_keys(ua);
		if (n > 0 && pfd[0].revents & (POLLHUP | POLLERR))
			flags |= UI_QUIT; /* the terminal went away */
		if (n > 0 && nfd == 2 && pfd[1].revents && ua->on_fd)
			flags |= ua->on_fd(ua->app);
		if (ua->on_tick)
			flags |= ua->on_tick(ua->app);
	}
	return got_signal;
}

int ui_locale_notice(char *buf, size_t len)
{
	if (sd_locale_utf8())
		return 0;
	/* One line of the board at 80 columns with "C"; spelled in ASCII (an
	 * umlaut here would itself be transliterated). */
	snprintf(buf, len, _("locale %s is not UTF-8: ASCII only (ae, oe, ue, ss, EUR); try LANG=de_DE.UTF-8"),
		 sd_locale_name());
	return 1;
}

int ui_list_nav(enum ui_request req, size_t *pos, size_t n, int rows, int cursor)
{
	size_t page = rows > 1 ? (size_t)rows - 1 : 1;
	size_t max = cursor ? (n ? n - 1 : 0) : (n > (size_t)(rows > 0 ? rows : 0) ? n - (size_t)rows : 0);
	size_t p = *pos > max ? max : *pos;

	switch (req) {
	case REQ_UP:        p = p ? p - 1 : 0; break;
	case REQ_DOWN:      p = p < max ? p + 1 : max; break;
	case REQ_PAGE_UP:   p = p > page ? p - page : 0; break;
	case REQ_PAGE_DOWN: p = p + page < max ? p + page : max; break;
	case REQ_HOME:      p = 0; break;
	case REQ_END:       p = max; break;
	default:            return 0;
	}
	*pos = p;
	return 1;
}

void ui_unhandled_text(int key, char *buf, size_t len)
{
	char name[32], help[64];

	keys_name(key, name, sizeof name);
	snprintf(help, sizeof help, "%s", keys_of(REQ_HELP));
	if (strchr(help, ','))
		*strchr(help, ',') = '\0';
	snprintf(buf, len, _("key %s does nothing here (press %s for help)"), name, help);
}

/* The key bar: per screen, the requests worth a place, with a short word. */
static const struct {
	unsigned screen;
	enum ui_request req;
	const char *word;
} keybar[] = {
	{UI_SCR_QUEUE, REQ_HELP, N_("help")},      {UI_SCR_QUEUE, REQ_OPEN, N_("open")},
	{UI_SCR_QUEUE, REQ_SEARCH, N_("search")},  {UI_SCR_QUEUE, REQ_NEW, N_("new")},
	{UI_SCR_QUEUE, REQ_TAKE, N_("take")},      {UI_SCR_QUEUE, REQ_VIEW, N_("view")},
	{UI_SCR_QUEUE, REQ_MESSAGES, N_("msgs")},  {UI_SCR_QUEUE, REQ_QUIT, N_("quit")},
	{UI_SCR_TICKET, REQ_HELP, N_("help")},     {UI_SCR_TICKET, REQ_BACK, N_("back")},
	{UI_SCR_TICKET, REQ_TAKE, N_("take")},     {UI_SCR_TICKET, REQ_REPLY, N_("reply")},
	{UI_SCR_TICKET, REQ_CALL, N_("call")},     {UI_SCR_TICKET, REQ_LOG_TIME, N_("time")},
	{UI_SCR_TICKET, REQ_RESOLVE, N_("resolve")}, {UI_SCR_TICKET, REQ_MESSAGES, N_("msgs")},
	{UI_SCR_HELP, REQ_BACK, N_("back")},       {UI_SCR_HELP, REQ_DOWN, N_("down")},
	{UI_SCR_HELP, REQ_PAGE_DOWN, N_("page")},
	{UI_SCR_FORM, REQ_FORM_SAVE, N_("save")},  {UI_SCR_FORM, REQ_FORM_CANCEL, N_("cancel")},
	{UI_SCR_FORM, REQ_FORM_NEXT, N_("field")}, {UI_SCR_FORM, REQ_FORM_RIGHT, N_("choice")},
	{UI_SCR_BOARD, REQ_HELP, N_("help")},      {UI_SCR_BOARD, REQ_NEXT_LIST, N_("list")},
	{UI_SCR_BOARD, REQ_DOWN, N_("scroll")},    {UI_SCR_BOARD, REQ_REFRESH, N_("reload")},
	{UI_SCR_BOARD, REQ_QUIT, N_("quit")},
};

void ui_keybar(unsigned screen, char *buf, size_t len, int cols)
{
	size_t n = 0;
	int used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < SDESK_ARRAY_LEN(keybar); i++) {
		char key[64], item[96];
		int w;

		if (keybar[i].screen != screen || !(keys_req_screens(keybar[i].req) & screen))
			continue;
		snprintf(key, sizeof key, "%s", keys_of(keybar[i].req));
		if (strchr(key, ','))
			*strchr(key, ',') = '\0';
		if (!key[0])
			continue; /* unbound */
		snprintf(item, sizeof item, "%s%s %s", n ? "  " : "", key, _(keybar[i].word));
		w = text_width(item);
		if (used + w > cols)
			break;
		n += (size_t)snprintf(buf + n, len - n, "%s", item);
		if (n >= len)
			break;
		used += w;
	}
}

/* Bytes of the next line of s that fit in cols columns, breaking after a
 * space when there is one; *skip: bytes of blanks to drop after it. */
static size_t wrap_line(const char *s, int cols, size_t *skip)
{
	size_t i = 0, brk = 0;
	char tmp[4096];

	*skip = 0;
	while (s[i]) {
		size_t j = i + 1;

		while (s[j] && ((unsigned char)s[j] & 0xC0) == 0x80)
			j++;
		if (j >= sizeof tmp)
			break;
		memcpy(tmp, s, j);
		tmp[j] = '\0';
		if (text_width(tmp) > cols)
			break;
		if (s[i] == ' ')
			brk = i;
		i = j;
	}
	if (!s[i])
		return i;
	if (brk > 0)
		i = brk;
	if (i == 0) /* one character wider than cols */
		i = 1;
	while (s[i + *skip] == ' ')
		(*skip)++;
	return i;
}

int ui_wrap_rows(const char *text, int cols)
{
	int rows = 0;
	size_t skip;

	if (cols <= 0)
		return 1;
	while (*text) {
		text += wrap_line(text, cols, &skip) + skip;
		rows++;
	}
	return rows ? rows : 1;
}

void ui_put_wrapped(int y, int x, int rows, int cols, int attr, const char *text)
{
	char line[4096];
	size_t skip, n;

	for (int r = 0; r < rows; r++) {
		n = *text ? wrap_line(text, cols, &skip) : 0;
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, text, n);
		line[n] = '\0';
		ui_put(y + r, x, cols, attr, line);
		text += n + (*text ? skip : 0);
	}
}
