/* sdesk.cfg: lookup order, defaults, and errors that name file and line. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileperm.h"
#include "conf/config.h"

static char dir[256];

static char *write_file(const char *rel, const char *text)
{
	static char path[512];
	char sub[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	snprintf(sub, sizeof(sub), "%s", path);
	for (char *p = sub + strlen(dir) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(sub, 0700);
			*p = '/';
		}
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/sdesk-conf-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	unsetenv("SDESK_CONFIG");
	setenv("HOME", dir, 1);
	unsetenv("XDG_CONFIG_HOME");
}

static void teardown(void)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(defaults_without_file)
{
	struct sdesk_config cfg;
	char err[512];

	ck_assert_int_eq(settings_read(&cfg, NULL, err, sizeof(err)), 0);
	ck_assert_ptr_null(cfg.path);
	ck_assert_str_eq(cfg.conninfo, "");
	ck_assert_int_eq(cfg.color, 1);
	ck_assert_int_eq(cfg.tick_seconds, 1);
	ck_assert_int_eq(cfg.at_risk_minutes, 60);
	ck_assert_int_eq(cfg.board_chart_days, 30);
	settings_free(&cfg);
}
END_TEST

START_TEST(lookup_order)
{
	struct sdesk_config cfg;
	char err[512];
	char explicit_path[512], env_path[512], xdg_path[512];

	snprintf(xdg_path, sizeof(xdg_path), "%s", write_file("xdg/sdesk/sdesk.cfg", "ui = { tick_seconds = 3; };\n"));
	snprintf(env_path, sizeof(env_path), "%s", write_file("env.cfg", "ui = { tick_seconds = 2; };\n"));
	snprintf(explicit_path, sizeof(explicit_path), "%s", write_file("explicit.cfg", "ui = { tick_seconds = 1; };\n"));
	write_file(".config/sdesk/sdesk.cfg", "ui = { tick_seconds = 4; };\n");

	/* HOME/.config is the fallback when XDG_CONFIG_HOME is unset */
	ck_assert_int_eq(settings_read(&cfg, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(cfg.tick_seconds, 4);
	settings_free(&cfg);

	char xdg_dir[512];
	snprintf(xdg_dir, sizeof(xdg_dir), "%s/xdg", dir);
	setenv("XDG_CONFIG_HOME", xdg_dir, 1);
	ck_assert_int_eq(settings_read(&cfg, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(cfg.tick_seconds, 3);
	ck_assert_str_eq(cfg.path, xdg_path);
	settings_free(&cfg);

	setenv("SDESK_CONFIG", env_path, 1);
	ck_assert_int_eq(settings_read(&cfg, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(cfg.tick_seconds, 2);
	settings_free(&cfg);

	ck_assert_int_eq(settings_read(&cfg, explicit_path, err, sizeof(err)), 0);
	ck_assert_int_eq(cfg.tick_seconds, 1);
	ck_assert_str_eq(cfg.path, explicit_path);
	settings_free(&cfg);
}
END_TEST

START_TEST(explicit_missing_is_error)
{
	struct sdesk_config cfg;
	char err[512];
	char missing[300];

	snprintf(missing, sizeof(missing), "%s/nope.cfg", dir);
	ck_assert_int_eq(settings_read(&cfg, missing, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, missing));
	ck_assert_ptr_nonnull(strstr(err, "--config"));
	settings_free(&cfg);

	setenv("SDESK_CONFIG", missing, 1);
	ck_assert_int_eq(settings_read(&cfg, NULL, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "$SDESK_CONFIG"));
	settings_free(&cfg);
}
END_TEST

/* Each bad file and the "file:line: text" it must produce. */
static const struct {
	const char *text;
	int line;
	const char *message;
} bad_files[] = {
	{"ui = {\n  color = true;\n  tick_seconds = = 2;\n};\n", 3, "syntax error"},
	{"ui = {\n  colour = true;\n};\n", 2, "unknown setting 'colour' in 'ui'"},
	{"database = { conninfo = \"\"; };\n\nscreen = { };\n", 3, "unknown section 'screen'"},
	{"ui = {\n\n  tick_seconds = \"fast\";\n};\n", 3, "'tick_seconds' must be an integer"},
	{"ui = {\n  tick_seconds = 0;\n};\n", 2, "between 1 and 60, not 0"},
	{"board = {\n chart_days = 365;\n};\n", 2, "between 7 and 90"},
	{"ui = { color = 1; };\n", 1, "'color' must be true or false"},
	{"database = {\n  conninfo = \"host=db password=secret\";\n};\n", 2, "must not contain a password"},
	{"reconnect = {\n  min_ms = 5000;\n  max_ms = 1000;\n};\n", 3, "'max_ms' must not be below 'min_ms'"},
	{"ui = {\n  keys = {\n    search = 5;\n  };\n};\n", 3, "key binding 'search' must be a string"},
	{"ui = 3;\n", 1, "'ui' must be a group"},
};

START_TEST(errors_name_file_and_line)
{
	struct sdesk_config cfg;
	char err[512], want[600];
	const char *path = write_file("bad.cfg", bad_files[_i].text);

	ck_assert_int_eq(settings_load(&cfg, path, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s:%d: ", path, bad_files[_i].line);
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "case %d: got '%s', want prefix '%s'", _i, err, want);
	ck_assert_msg(strstr(err, bad_files[_i].message) != NULL, "case %d: '%s' lacks '%s'", _i, err,
		      bad_files[_i].message);
	settings_free(&cfg);
}
END_TEST

START_TEST(full_file_and_keys)
{
	struct sdesk_config cfg;
	char err[512];
	const char *path = write_file("full.cfg",
		"database = { conninfo = \"service=sdesk\"; connect_timeout = 5; };\n"
		"ui = { color = false; ascii_only = true; at_risk_minutes = 30;\n"
		"       keys = { search = \"s\"; quit = \"C-q\"; }; };\n"
		"journal = { path = \"/var/tmp/journal\"; };\n");

	ck_assert_int_eq(settings_load(&cfg, path, err, sizeof(err)), 0);
	ck_assert_str_eq(cfg.conninfo, "service=sdesk");
	ck_assert_int_eq(cfg.connect_timeout, 5);
	ck_assert_int_eq(cfg.color, 0);
	ck_assert_int_eq(cfg.ascii_only, 1);
	ck_assert_int_eq(cfg.at_risk_minutes, 30);
	ck_assert_uint_eq(cfg.nkeys, 2);
	ck_assert_str_eq(cfg.keys[0].action, "search");
	ck_assert_str_eq(cfg.keys[0].key, "s");
	ck_assert_str_eq(cfg.keys[1].key, "C-q");
	ck_assert_str_eq(cfg.journal_path, "/var/tmp/journal");
	settings_free(&cfg);
}
END_TEST

START_TEST(shipped_file_is_valid)
{
	struct sdesk_config cfg;
	char err[512], path[600];

	snprintf(path, sizeof(path), "%s/conf/sdesk.cfg", getenv("top_srcdir"));
	ck_assert_msg(settings_load(&cfg, path, err, sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(cfg.tick_seconds, 1);
	settings_free(&cfg);
}
END_TEST

/* database.conninfo: a password is refused wherever libpq would find one. */
static const struct {
	const char *conninfo;
	int refused;
} conninfos[] = {
	{"password=secret", 1},
	{"host=db password=secret", 1},
	{"host=db password = 'sec ret'", 1},
	{"host=db  Password=secret", 1},
	{"host=db pass%77ord=secret", 1},     /* percent-encoded key */
	{"%70assword=secret", 1},
	{"postgresql://u:secret@db/sdesk", 1}, /* URI user info */
	{"postgres://u:@db/sdesk", 1},
	{"postgresql://u:s%40cret@db:5433,db2/sdesk?sslmode=require", 1},
	{"postgresql://db/sdesk?password=secret", 1},
	{"postgresql://db/sdesk?sslmode=require&pass%77ord=secret", 1},
	{"postgresql:///sdesk?host=/tmp&%70assword=x", 1},
	{"", 0},
	{"host=db dbname=sdesk user=anna", 0},
	{"host=db passfile=/home/anna/.pgpass", 0},
	{"service=sdesk", 0},
	{"host=db application_name='password=x'", 0}, /* a value, not a key */
	{"postgresql://anna@db:5432,db2:5433/sdesk?sslmode=require", 0},
	{"postgresql:///sdesk?host=/var/run/postgresql", 0},
	{"postgresql://db/pass:word@x", 0}, /* '@' after the host part: a database name */
};

START_TEST(conninfo_password)
{
	struct sdesk_config cfg;
	char err[1024], text[512];
	const char *path;
	int rc;

	snprintf(text, sizeof text, "database = {\n  conninfo = \"%s\";\n};\n", conninfos[_i].conninfo);
	path = write_file("pw.cfg", text);
	rc = settings_load(&cfg, path, err, sizeof err);
	if (conninfos[_i].refused) {
		ck_assert_msg(rc == -1, "[%s] accepted", conninfos[_i].conninfo);
		ck_assert_msg(strstr(err, "pw.cfg:2: conninfo must not contain a password"), "[%s]: %s",
			      conninfos[_i].conninfo, err);
	} else {
		ck_assert_msg(rc == 0, "[%s] refused: %s", conninfos[_i].conninfo, err);
	}
	settings_free(&cfg);
}
END_TEST

/* A settings file someone else may write is refused, naming it and the fix. */
START_TEST(settings_file_private)
{
	struct sdesk_config cfg;
	char err[1024], path[300], xdg[300];
	static const struct {
		mode_t mode;
		const char *who; /* NULL: accepted */
	} modes[] = {
		{0600, NULL}, {0644, NULL}, {0640, NULL}, {0664, "its group may write it (mode 0664)"},
		{0646, "others may write it (mode 0646)"}, {0666, "group and others may write it (mode 0666)"},
		{0620, "its group may write it (mode 0620)"},
	};

	snprintf(path, sizeof path, "%s", write_file("xdg/sdesk/sdesk.cfg", "ui = { tick_seconds = 3; };\n"));
	snprintf(xdg, sizeof xdg, "%s/xdg", dir);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		ck_assert_int_eq(chmod(path, modes[i].mode), 0);
		for (int explicit_path = 0; explicit_path < 2; explicit_path++) {
			int rc = settings_read(&cfg, explicit_path ? path : NULL, err, sizeof err);

			if (!modes[i].who) {
				ck_assert_msg(rc == 0, "mode %04o refused: %s", (unsigned)modes[i].mode, err);
				ck_assert_int_eq(cfg.tick_seconds, 3);
			} else {
				char want[900];

				snprintf(want, sizeof want, "%s: refusing the settings file: %s; run: chmod go-w %s", path,
					 modes[i].who, path);
				ck_assert_msg(rc == -1, "mode %04o accepted", (unsigned)modes[i].mode);
				ck_assert_str_eq(err, want);
			}
			settings_free(&cfg);
		}
	}
}
END_TEST

/* The owner rule on its own (a file of another user needs root to make). */
START_TEST(owner_rule)
{
	struct stat st;
	char err[512];

	memset(&st, 0, sizeof st);
	st.st_mode = S_IFREG | 0600;
	st.st_uid = geteuid();
	ck_assert_int_eq(sd_file_private("/x/sdesk.cfg", &st, "the settings file", err, sizeof err), 0);
	st.st_uid = 0;
	ck_assert_int_eq(sd_file_private("/x/sdesk.cfg", &st, "the settings file", err, sizeof err), 0);
	st.st_uid = geteuid() + 4711;
	ck_assert_int_eq(sd_file_private("/x/journal", &st, "the journal", err, sizeof err), -1);
	ck_assert_msg(strstr(err, "/x/journal: refusing the journal: it belongs to another user (uid "), "%s", err);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("sdesk.cfg");
	SRunner *sr;
	int failed;

	umask(022); /* the files written here must pass the ownership check */
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, defaults_without_file);
	tcase_add_test(tc, lookup_order);
	tcase_add_test(tc, explicit_missing_is_error);
	tcase_add_loop_test(tc, errors_name_file_and_line, 0, (int)(sizeof(bad_files) / sizeof(bad_files[0])));
	tcase_add_test(tc, full_file_and_keys);
	tcase_add_test(tc, shipped_file_is_valid);
	tcase_add_loop_test(tc, conninfo_password, 0, (int)(sizeof(conninfos) / sizeof(conninfos[0])));
	tcase_add_test(tc, settings_file_private);
	tcase_add_test(tc, owner_rule);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
