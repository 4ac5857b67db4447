/* Hostile input (doc/security.md): texts that try to break the screen, bytes
 * that are not UTF-8, and parsers fed long, binary or control-laden input.
 * Every parser must refuse with a message (file:line for files) and never
 * crash; the sanitizers watch the rest. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/utf8.h"
#include "base/util.h"
#include "conf/config.h"
#include "conf/plans.h"
#include "engine/duration.h"
#include "engine/timefmt.h"
#include "ui/text.h"

/* ---- the screen --------------------------------------------------------- */

/* Nothing a terminal could act on may be left in fitted text. */
static void assert_inert(const char *out, const char *what)
{
	const unsigned char *u = (const unsigned char *)out;

	for (size_t i = 0; u[i]; i++) {
		ck_assert_msg(u[i] >= 0x20 && u[i] != 0x7f, "%s: control byte 0x%02x at %zu", what, u[i], i);
		ck_assert_msg(!(u[i] == 0xc2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f), "%s: C1 control at %zu", what, i);
		ck_assert_msg(!(u[i] == 0xe2 && u[i + 1] == 0x80 && u[i + 2] >= 0xaa && u[i + 2] <= 0xae),
			      "%s: bidi override at %zu", what, i);
	}
	ck_assert_msg(sd_utf8_valid(out, strlen(out), NULL), "%s: output is not UTF-8", what);
}

static const struct {
	const char *in;
	int cols;
	const char *want;
} screen[] = {
	/* Everything sd_escape escapes is drawn escaped (base/escape.h), the escape
	 * taking one column per character; a backslash stays itself here. */
	{"\x1b[2J\x1b[31mred", 10, "\\x1b[2J  \xe2\x80\xa6"}, /* ESC: clear screen, colours */
	{"line1\nline2\rX", 16, "line1\\nline2\\rX "},     /* newline and carriage return */
	{"tab\there", 8, "tab here"},                      /* a tab is one space */
	{"bell\x07" "back\x08" "del\x7f", 23, "bell\\x07back\\x08del\\x7f"},
	{"csi\xc2\x9b" "2J", 11, "csi\\u009b2J"},          /* C1 CSI (U+009B) */
	{"invoice\xe2\x80\xae" "fdp.exe", 20, "invoice\\u202efdp.exe"}, /* RIGHT-TO-LEFT OVERRIDE */
	{"iso\xe2\x81\xa6x\xe2\x81\xa9", 16, "iso\\u2066x\\u2069"}, /* isolates U+2066, U+2069 */
	{"rlm\xe2\x80\x8f" "alm\xd8\x9c", 18, "rlm\\u200falm\\u061c"}, /* RLM, ALM */
	{"bad\xff\xfe\xc0\x80", 19, "bad\\xff\\xfe\\xc0\\x80"}, /* invalid bytes, overlong NUL */
	{"cut\xe2\x82", 11, "cut\\xe2\\x82"},            /* a truncated sequence: two bad bytes */
	{"C:\\tmp", 6, "C:\\tmp"},                         /* a backslash is shown as typed */
	{"Grüße", 5, "Grüße"},                             /* ordinary text stays */
};

START_TEST(test_screen_text)
{
	char buf[512];

	for (size_t i = 0; i < SDESK_ARRAY_LEN(screen); i++) {
		int n = text_fit(buf, sizeof buf, screen[i].in, screen[i].cols, 0);

		ck_assert_msg(strcmp(buf, screen[i].want) == 0, "case %zu: [%s], want [%s]", i, buf, screen[i].want);
		ck_assert_int_eq(n, screen[i].cols);
		ck_assert_int_eq(text_width(buf), screen[i].cols);
		assert_inert(buf, screen[i].in);
	}
	/* Before setlocale (sdesk board --once): letters stay letters, controls not. */
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C"));
	text_fit(buf, sizeof buf, "M\xc3\xbcller\x1b[2J", 13, 0);
	ck_assert_str_eq(buf, "M\xc3\xbcller\\x1b[2J");
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
}
END_TEST

/* 100,000 bytes of mixed junk fitted to 80 columns: exactly 80 columns, inert. */
START_TEST(test_screen_long_junk)
{
	size_t n = 100000;
	char *s = xmalloc(n + 1), buf[1024];
	unsigned x = 12345;

	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		s[i] = (char)((x >> 16) % 255 + 1);
	}
	s[n] = '\0';
	ck_assert_int_eq(text_fit(buf, sizeof buf, s, 80, 0), 80);
	ck_assert_int_eq(text_width(buf), 80);
	assert_inert(buf, "junk");
	ck_assert_int_eq(text_fit_right(buf, sizeof buf, s, 80, 1), 80);
	assert_inert(buf, "junk right");
	free(s);
}
END_TEST

/* ---- UTF-8 before sending -------------------------------------------------- */

static const struct {
	const char *s;
	int ok;
	size_t bad;
} utf8[] = {
	{"plain", 1, 0},
	{"Grüße 日本 \xf0\x9f\x93\x9e", 1, 0}, /* 2, 3 and 4 byte forms */
	{"a\xff", 0, 1},
	{"\xc0\xaf", 0, 0},                    /* overlong '/' */
	{"ab\xe0\x80\xaf", 0, 2},              /* overlong 3-byte */
	{"\xed\xa0\x80", 0, 0},                /* a UTF-16 surrogate */
	{"\xf4\x90\x80\x80", 0, 0},            /* above U+10FFFF */
	{"x\xe2\x82", 0, 1},                   /* truncated */
	{"\x80", 0, 0},                        /* a lone continuation byte */
};

START_TEST(test_utf8_valid)
{
	for (size_t i = 0; i < SDESK_ARRAY_LEN(utf8); i++) {
		size_t bad = 999;
		int ok = sd_utf8_valid(utf8[i].s, strlen(utf8[i].s), &bad);

		ck_assert_msg(ok == utf8[i].ok, "case %zu: valid=%d", i, ok);
		if (!ok)
			ck_assert_msg(bad == utf8[i].bad, "case %zu: bad at %zu, want %zu", i, bad, utf8[i].bad);
	}
}
END_TEST

START_TEST(test_text_check)
{
	char err[256];

	ck_assert_int_eq(sd_text_check("--note", "Kunde ruft zurück", 100, 0, err, sizeof err), 0);
	ck_assert_int_eq(sd_text_check("--note", NULL, 100, 0, err, sizeof err), 0);
	ck_assert_int_eq(sd_text_check("--note", "two\nlines", 100, 1, err, sizeof err), 0);
	ck_assert_int_eq(sd_text_check("--note", "two\nlines", 100, 0, err, sizeof err), -1);
	ck_assert_str_eq(err, "--note: control character at byte 4");
	ck_assert_int_eq(sd_text_check("--name", "M\xfcller", 100, 0, err, sizeof err), -1);
	ck_assert_str_eq(err, "--name: invalid UTF-8 at byte 2");
	ck_assert_int_eq(sd_text_check("--name", "csi\xc2\x9b", 100, 0, err, sizeof err), -1);
	ck_assert_str_eq(err, "--name: control character at byte 4");
	ck_assert_int_eq(sd_text_check("subject", "aaaaaaaaaaa", 10, 0, err, sizeof err), -1);
	ck_assert_str_eq(err, "subject: too long (11 bytes, at most 10)");
}
END_TEST

/* ---- parsers ----------------------------------------------------------------- */

START_TEST(test_time_parsers)
{
	static const char *const bad[] = {
		"", "2026-03-02T10:00:00+01:00\n", "2026-03-02\x00T10:00Z", "2026-13-02T10:00Z",
		"2026-02-29T10:00Z", "2026-03-02T24:01Z", "9999-12-31T23:59:59-18:00", "\x1b[2J",
		"2026-03-02T10:00:00.Z", "2026-03-02T10:00+19:00", "+2026-03-02T10:00Z",
	};
	size_t lens[] = {0, 26, 17, 17, 17, 17, 25, 4, 21, 22, 18};
	sd_time t;
	const char *why;
	struct sd_duration d;
	int64_t sec;
	char *huge = xmalloc(1 << 20);

	for (size_t i = 0; i < SDESK_ARRAY_LEN(bad); i++) {
		why = NULL;
		ck_assert_msg(sd_parse_instant(bad[i], lens[i], &t, &why) == -1, "instant case %zu accepted", i);
		ck_assert_ptr_nonnull(why);
	}
	memset(huge, '9', (1 << 20) - 1);
	huge[(1 << 20) - 1] = '\0';
	ck_assert_int_eq(sd_parse_instant(huge, strlen(huge), &t, &why), -1);
	ck_assert_int_eq(sd_parse_duration(huge, strlen(huge), &d, &why), -1);
	ck_assert_int_eq(dur_parse(huge, &sec, NULL), DUR_ERANGE);
	ck_assert_int_eq(dur_parse("10000:43", &sec, NULL), DUR_ERANGE); /* found by fuzz_duration */
	ck_assert_int_eq(dur_parse("10000:00", &sec, NULL), DUR_OK);
	ck_assert_int_ne(dur_parse("1h\x1b[2J", &sec, NULL), DUR_OK);
	ck_assert_int_ne(dur_parse("1\xff" "h", &sec, NULL), DUR_OK);
	ck_assert_int_eq(sd_parse_duration("1d\n", 3, &d, &why), -1);
	free(huge);
}
END_TEST

static char tmpdir[256];

static const char *write_file(const char *name, const char *content, size_t len)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(content, 1, len, f), len);
	fclose(f);
	return path;
}

static const struct {
	const char *content;
	const char *want; /* in the message, after "PATH:" */
} bad_settings[] = {
	{"database = { conninfo = \"host=x\x1b[2J\"; };\n", "1: conninfo: control character at byte 7"},
	{"ui = {\n tick_seconds = 99999999999999999999;\n};\n", "2: "},
	{"ui = { color = true; };\n\x01\x02\x03\n", "2: "},
	{"journal = { path = \"\xff\xfe\"; };\n", "1: "},
	{"@include \"/etc/passwd\"\n", "/etc/passwd:1: "}, /* names the included file */
	{"database = { conninfo = \"password=secret\"; };\n", "1: conninfo must not contain a password"},
};

START_TEST(test_settings_hostile)
{
	struct sdesk_config cfg;
	char err[1024];

	for (size_t i = 0; i < SDESK_ARRAY_LEN(bad_settings); i++) {
		const char *path = write_file("sdesk.cfg", bad_settings[i].content, strlen(bad_settings[i].content));
		int rc = settings_load(&cfg, path, err, sizeof err);

		ck_assert_msg(rc == -1, "settings case %zu accepted", i);
		ck_assert_msg((strncmp(err, path, strlen(path)) == 0 || bad_settings[i].want[0] == '/') &&
			      strstr(err, bad_settings[i].want),
			      "settings case %zu: [%s]", i, err);
		settings_free(&cfg);
	}
}
END_TEST

/* A megabyte of binary junk, and a deeply nested group. */
START_TEST(test_loaders_junk)
{
	struct sdesk_config cfg;
	struct sla_catalogue cat;
	char err[1024];
	size_t n = 1 << 20;
	char *junk = xmalloc(n);
	unsigned x = 777;
	const char *path;

	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		junk[i] = (char)(x >> 16);
	}
	path = write_file("junk.cfg", junk, n);
	ck_assert_int_eq(settings_load(&cfg, path, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "junk.cfg:"), "%s", err);
	settings_free(&cfg);
	ck_assert_int_eq(conf_load_plans(path, &cat, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "junk.cfg:"), "%s", err);

	struct strbuf sb = {0};
	sb_append(&sb, "plans = ");
	for (int i = 0; i < 2000; i++)
		sb_append(&sb, "(");
	for (int i = 0; i < 2000; i++)
		sb_append(&sb, ")");
	sb_append(&sb, ";\n");
	path = write_file("deep.cfg", sb.buf, sb.len);
	ck_assert_int_eq(conf_load_plans(path, &cat, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "deep.cfg:"), "%s", err);
	sb_free(&sb);

	/* A plan whose texts carry control characters is refused or stored
	 * verbatim, never crashes; here the title has an escape sequence. */
	static const char plan[] =
		"calendars = { c = { zone = \"UTC\"; mon = [\"09:00-17:00\"]; }; };\n"
		"plans = ( { name = \"p\"; title = \"T\\x1b[2J\"; provider = \"X\"; model = \"levels\";\n"
		"  vat_percent = 19; channels = [\"ticket\"]; } );\n";
	path = write_file("ctl.cfg", plan, sizeof plan - 1);
	if (conf_load_plans(path, &cat, err, sizeof err) == 0)
		sla_catalogue_free(&cat);
	else
		ck_assert_msg(strstr(err, "ctl.cfg:"), "%s", err);
	free(junk);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = tcase_create("hostile");
	SRunner *sr;
	int failed;

	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 99;
	snprintf(tmpdir, sizeof tmpdir, "%s/sdesk-hostile-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmpdir))
		return 99;
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_screen_text);
	tcase_add_test(tc, test_screen_long_junk);
	tcase_add_test(tc, test_utf8_valid);
	tcase_add_test(tc, test_text_check);
	tcase_add_test(tc, test_time_parsers);
	tcase_add_test(tc, test_settings_hostile);
	tcase_add_test(tc, test_loaders_junk);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		failed++;
	free(cmd);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
