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
		snprintf(err, errlen, "the console needs a terminal (standard input and output are not one)");
		return -1;
	}
	term = newterm(NULL, stdout, stdin);
	if (!term) {
		const char *t = getenv("TERM");

		snprintf(err, errlen, "cannot use terminal type '%s' (set TERM to e.g. xterm or vt100)",
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

static void draw_too_small(void)
{
	char msg[96];

	erase();
	snprintf(msg, sizeof msg, "terminal too small (need %dx%d, have %dx%d)", UI_MIN_COLS,
		 UI_MIN_ROWS, COLS, LINES);
	/* Wrap the message onto as many rows as needed; never beyond the screen. */
	int len = (int)strlen(msg);
	for (int row = 0, off = 0; off < len && row < LINES; row++, off += COLS)
		mvaddnstr(row, 0, msg + off, COLS);
}

static void draw(const struct ui_app *ua)
{
	const struct ui_screen *s = ua->screen(ua->app);

	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
		draw_too_small();
	} else {
		erase();
		ua->draw_header(ua->app, COLS);
		s->draw(ua->app, 1, LINES - 2, COLS);
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
		if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
			/* Too small to show anything: only quitting works. */
			enum ui_request r = keys_lookup(s->id, key);

			if (r == REQ_QUIT || (r == REQ_BACK && s->id == UI_SCR_QUEUE))
				flags |= UI_QUIT;
			continue;
		}
		if (s->wants_text && s->wants_text(ua->app))
			flags |= s->key(ua->app, REQ_NONE, key);
		else
			flags |= s->key(ua->app, keys_lookup(s->id, key), key);
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
	snprintf(buf, len, _("locale %s without UTF-8: drawing ASCII (\"ue\" for \"\xc3\xbc\", EUR for the euro sign); "
			     "set LANG=de_DE.UTF-8 or en_US.UTF-8"), sd_locale_name());
	return 1;
}
