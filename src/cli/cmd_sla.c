/* sdesk sla: business-time arithmetic from the plan file, no database.
 * Subcommands come from the table SLA_SUBCOMMANDS below. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/exitcodes.h"
#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/cmd_sla.h"
#include "cli/cmd_sla_due.h"
#include "conf/calendars.h"
#include "engine/calendar.h"
#include "engine/timefmt.h"

struct cal_set *cli_load_calendars(const struct sdesk_ctx *ctx, const char *cmd)
{
	char err[1024];
	struct cal_set *set = conf_read_calendar_file(cli_plans_path(ctx), err, sizeof(err));

	if (!set)
		fprintf(stderr, "sdesk: %s: %s\n", cmd, err);
	return set;
}

int cli_unknown_calendar(const struct cal_set *set, const char *cmd, const char *name, int with_holidays)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < cal_set_ncalendars(set); i++)
		sb_printf(&sb, "%s%s", sb.len ? ", " : "", cal_name(cal_set_calendar_at(set, i)));
	if (with_holidays)
		for (size_t i = 0; i < cal_set_nholidays(set); i++)
			sb_printf(&sb, "%s%s", sb.len ? ", " : "", cal_holidays_name(cal_set_holidays_at(set, i)));
	fprintf(stderr, _("sdesk: %s: unknown calendar '%s' (known: %s)\n"), cmd, name, sb.buf ? sb.buf : _("none"));
	sb_free(&sb);
	return SDESK_EXIT_USAGE;
}

/* ---- batch I/O: one big input and output buffer, no per-line allocation -- */

#define OUTBUF (1 << 20)
struct out {
	char *buf;
	size_t len;
	int failed;
};

static void out_flush(struct out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, stdout) != o->len)
		o->failed = 1;
	o->len = 0;
}

static char *out_reserve(struct out *o, size_t n)
{
	if (o->len + n > OUTBUF)
		out_flush(o);
	return o->buf + o->len;
}

static size_t fmt_int(char *p, int64_t v)
{
	char tmp[24];
	size_t n = 0, k = 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		p[k++] = '-';
	while (n)
		p[k++] = tmp[--n];
	return k;
}

/* One case: fields f[0..nf); writes the result line or returns an error text. */
typedef const char *(*batch_fn)(const struct calendar *cal, const char *const *f, const size_t *fl, struct out *o);

static const char *status_why(enum cal_status st)
{
	return _(cal_status_text(st));
}

static const char *do_add(const struct calendar *cal, const char *const *f, const size_t *fl, struct out *o)
{
	sd_time start, res;
	struct sd_duration d;
	const char *why;
	static char msg[160];
	enum cal_status st;

	if (sd_parse_instant(f[0], fl[0], &start, &why)) {
		snprintf(msg, sizeof(msg), "START '%.*s': %s", (int)(fl[0] > 60 ? 60 : fl[0]), f[0], _(why));
		return msg;
	}
	if (sd_parse_duration(f[1], fl[1], &d, &why)) {
		snprintf(msg, sizeof(msg), "DURATION '%.*s': %s", (int)(fl[1] > 60 ? 60 : fl[1]), f[1], _(why));
		return msg;
	}
	if ((st = sd_add_duration(cal, start, &d, &res)) != CAL_OK)
		return status_why(st);
	char *p = out_reserve(o, SD_INSTANT_LEN + 4);
	size_t n = sd_format_instant(res, cal_zone_offset(cal_zone(cal), res), p);
	p[n++] = '\n';
	o->len += n;
	return NULL;
}

static const char *do_between(const struct calendar *cal, const char *const *f, const size_t *fl, struct out *o)
{
	sd_time a, b;
	int64_t m;
	const char *why;
	static char msg[160];
	enum cal_status st;

	for (int i = 0; i < 2; i++)
		if (sd_parse_instant(f[i], fl[i], i ? &b : &a, &why)) {
			snprintf(msg, sizeof(msg), "%s '%.*s': %s", i ? "TO" : "FROM", (int)(fl[i] > 60 ? 60 : fl[i]), f[i], _(why));
			return msg;
		}
	if ((st = cal_between(cal, a, b, &m)) != CAL_OK)
		return status_why(st);
	char *p = out_reserve(o, 24);
	size_t n = fmt_int(p, m);
	p[n++] = '\n';
	o->len += n;
	return NULL;
}

/* Reads stdin line by line; each line holds exactly two blank-separated
 * fields. Returns the exit code. */
static int batch(const char *cmd, const struct calendar *cal, batch_fn fn)
{
	size_t cap = 1 << 20, have = 0;
	char *in = xmalloc(cap + 1);
	struct out o = {xmalloc(OUTBUF), 0, 0};
	long line = 0;
	int bad = 0, eof = 0;

	while (!eof) {
		ssize_t r = read(STDIN_FILENO, in + have, cap - have);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, _("sdesk: %s: reading standard input: %s\n"), cmd, strerror(errno));
			free(in);
			out_flush(&o);
			free(o.buf);
			return SDESK_EXIT_RUNTIME;
		}
		if (r == 0) {
			eof = 1;
			if (have && in[have - 1] != '\n')
				in[have++] = '\n'; /* cap + 1 bytes: room for it */
		}
		have += (size_t)r;
		char *p = in, *end = in + have;
		for (;;) {
			char *nl = memchr(p, '\n', (size_t)(end - p));
			if (!nl)
				break;
			line++;
			char *e = nl;
			if (e > p && e[-1] == '\r')
				e--;
			const char *f[2];
			size_t fl[2];
			int nf = 0;
			char *q = p;
			for (;;) {
				while (q < e && (*q == ' ' || *q == '\t'))
					q++;
				if (q == e)
					break;
				char *s = q;
				while (q < e && *q != ' ' && *q != '\t')
					q++;
				if (nf < 2) {
					f[nf] = s;
					fl[nf] = (size_t)(q - s);
				}
				nf++;
			}
			p = nl + 1;
			if (nf == 0)
				continue; /* blank line */
			const char *why = nf == 2 ? fn(cal, f, fl, &o)
					: nf < 2 ? _("expected two fields, got one") : _("expected two fields, got more");
			if (why) {
				bad = 1;
				out_flush(&o);
				fflush(stdout);
				fprintf(stderr, _("sdesk: %s: line %ld: %s\n"), cmd, line, why);
			}
		}
		have = (size_t)(end - p);
		memmove(in, p, have);
		if (have == cap) {
			cap *= 2;
			in = xrealloc(in, cap + 1);
		}
	}
	out_flush(&o);
	free(in);
	free(o.buf);
	if (fflush(stdout) != 0 || o.failed) {
		fprintf(stderr, _("sdesk: %s: writing standard output: %s\n"), cmd, strerror(errno));
		return SDESK_EXIT_RUNTIME;
	}
	return bad ? SDESK_EXIT_USAGE : SDESK_EXIT_OK;
}

/* ---- subcommands ------------------------------------------------------------ */

static int sla_add(struct sdesk_ctx *ctx, int argc, char **argv);
static int sla_between(struct sdesk_ctx *ctx, int argc, char **argv);

/* X(name, function, synopsis, summary). Add a subcommand with one line. */
#define SLA_SUBCOMMANDS(X) \
	X("add", sla_add, "add CAL START DURATION", N_("the instant DURATION of business time after START")) \
	X("between", sla_between, "between CAL FROM TO", N_("business minutes between two instants")) \
	X("due", cli_sla_due, "due PLAN CATEGORY RECEIVED [--channel C]", N_("reaction and resolution due instants of a plan"))

struct sla_sub {
	const char *name;
	int (*fn)(struct sdesk_ctx *ctx, int argc, char **argv);
	const char *synopsis, *summary;
};

static const struct sla_sub sla_subs[] = {
#define SLA_X(name, fn, synopsis, summary) {name, fn, synopsis, summary},
	SLA_SUBCOMMANDS(SLA_X)
#undef SLA_X
};

static const char instant_help[] = N_(
	"Instants are ISO 8601 with a UTC offset: 2026-03-02T09:00:00+01:00, 2026-03-02T08:00Z\n"
	"(seconds optional). Results are printed in the calendar's local offset.\n");

static int sla_add(struct sdesk_ctx *ctx, int argc, char **argv)
{
	if (argc >= 2 && cli_is_help(argv[1])) {
		printf(_("Usage: sdesk sla add CAL START DURATION\n"
		       "       sdesk sla add CAL - < FILE      (lines: START DURATION)\n"
		       "\n"
		       "Prints the instant that lies DURATION of business time of calendar CAL\n"
		       "after START. DURATION: 90m, 4h, 2d, 1h30m, 1d4h: d = working days (the same\n"
		       "local time on the N-th following working day, see doc/sla.md), then hours\n"
		       "and minutes of open time. With START '-' each line of standard input is a\n"
		       "case; a bad line is reported with its number on stderr, the run goes on,\n"
		       "and the exit code is 2 at the end.\n%s"),
		       _(instant_help));
		return SDESK_EXIT_OK;
	}
	int is_batch = argc >= 3 && strcmp(argv[2], "-") == 0;
	if (is_batch ? argc != 3 : argc != 4)
		return cli_usage_error("sla add", is_batch ? "with START '-', no DURATION argument (lines hold START DURATION)"
							 : "expected CAL START DURATION");
	struct sd_duration d;
	sd_time start;
	const char *why;
	if (!is_batch) {
		if (sd_parse_instant(argv[2], strlen(argv[2]), &start, &why))
			return cli_usage_error("sla add", "START '%s': %s", argv[2], _(why));
		if (sd_parse_duration(argv[3], strlen(argv[3]), &d, &why))
			return cli_usage_error("sla add", "DURATION '%s': %s", argv[3], _(why));
	}
	struct cal_set *set = cli_load_calendars(ctx, "sla add");
	if (!set)
		return SDESK_EXIT_USAGE;
	const struct calendar *cal = cal_set_calendar(set, argv[1]);
	int rc;
	if (!cal) {
		rc = cli_unknown_calendar(set, "sla add", argv[1], 0);
	} else if (is_batch) {
		rc = batch("sla add", cal, do_add);
	} else {
		sd_time res;
		enum cal_status st = sd_add_duration(cal, start, &d, &res);
		if (st != CAL_OK) {
			fprintf(stderr, _("sdesk: sla add: %s %s on calendar %s: %s\n"), argv[2], argv[3], argv[1], _(cal_status_text(st)));
			rc = SDESK_EXIT_USAGE;
		} else {
			char buf[SD_INSTANT_LEN + 8];
			sd_format_instant(res, cal_zone_offset(cal_zone(cal), res), buf);
			printf("%s\n", buf);
			rc = SDESK_EXIT_OK;
		}
	}
	cal_set_free(set);
	return rc;
}

static int sla_between(struct sdesk_ctx *ctx, int argc, char **argv)
{
	if (argc >= 2 && cli_is_help(argv[1])) {
		printf(_("Usage: sdesk sla between CAL FROM TO\n"
		       "       sdesk sla between CAL - < FILE  (lines: FROM TO)\n"
		       "\n"
		       "Prints the whole minutes of open time of calendar CAL between FROM and TO\n"
		       "(negative when TO is before FROM). With FROM '-' each line of standard\n"
		       "input is a case; bad lines are reported by number, exit code 2 at the end.\n%s"),
		       _(instant_help));
		return SDESK_EXIT_OK;
	}
	int is_batch = argc >= 3 && strcmp(argv[2], "-") == 0;
	if (is_batch ? argc != 3 : argc != 4)
		return cli_usage_error("sla between", is_batch ? "with FROM '-', no TO argument (lines hold FROM TO)"
							     : "expected CAL FROM TO");
	sd_time a = 0, b = 0;
	const char *why;
	if (!is_batch) {
		if (sd_parse_instant(argv[2], strlen(argv[2]), &a, &why))
			return cli_usage_error("sla between", "FROM '%s': %s", argv[2], _(why));
		if (sd_parse_instant(argv[3], strlen(argv[3]), &b, &why))
			return cli_usage_error("sla between", "TO '%s': %s", argv[3], _(why));
	}
	struct cal_set *set = cli_load_calendars(ctx, "sla between");
	if (!set)
		return SDESK_EXIT_USAGE;
	const struct calendar *cal = cal_set_calendar(set, argv[1]);
	int rc;
	if (!cal) {
		rc = cli_unknown_calendar(set, "sla between", argv[1], 0);
	} else if (is_batch) {
		rc = batch("sla between", cal, do_between);
	} else {
		int64_t m;
		enum cal_status st = cal_between(cal, a, b, &m);
		if (st != CAL_OK) {
			fprintf(stderr, "sdesk: sla between: %s %s: %s\n", argv[2], argv[3], _(cal_status_text(st)));
			rc = SDESK_EXIT_USAGE;
		} else {
			printf("%lld\n", (long long)m);
			rc = SDESK_EXIT_OK;
		}
	}
	cal_set_free(set);
	return rc;
}

static void sla_help(FILE *out)
{
	fprintf(out, "%s", _("Usage: sdesk sla SUBCOMMAND ...\n\nBusiness-time arithmetic on the calendars of the plan file (no database).\n\n"));
	for (size_t i = 0; i < SDESK_ARRAY_LEN(sla_subs); i++)
		fprintf(out, "  sdesk sla %-40s %s\n", sla_subs[i].synopsis, _(sla_subs[i].summary));
	fprintf(out, "%s", _("\n'sdesk sla SUBCOMMAND --help' explains one. Exit codes: 0 ok, 1 runtime error,\n"
			     "2 usage or input error.\n"));
}

int cmd_sla(struct sdesk_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error("sla", "missing subcommand (%s)", "add, between, due");
	if (cli_is_help(argv[1])) {
		sla_help(stdout);
		return SDESK_EXIT_OK;
	}
	for (size_t i = 0; i < SDESK_ARRAY_LEN(sla_subs); i++)
		if (strcmp(sla_subs[i].name, argv[1]) == 0)
			return sla_subs[i].fn(ctx, argc - 1, argv + 1);
	return cli_usage_error("sla", "unknown subcommand '%s'", argv[1]);
}
