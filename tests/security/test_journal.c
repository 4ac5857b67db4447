/* The local journal without a database: records, escaping, torn and corrupt
 * lines, compaction, paths (src/db/journal.h). */
#include "config.h"

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"
#include "db/journal.h"

static char dir[256], path[300], err[512];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "%s/sdesk-journal-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/state/sdesk/journal", dir);
}

static void teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

static const char K1[] = "0b6f3c1e-2d4a-4e5f-9a8b-7c6d5e4f3a21";
static const char K2[] = "1c7f4d2f-3e5b-4f60-8b9c-8d7e6f5a4b32";
static const char K3[] = "2d805e30-4f6c-4071-9cad-9e8f7a6b5c43";

static const char *const time_params[] = {"10001", "2026-03-02T10:00:00+01:00", "15", "support", "false", NULL,
	"note"};

static void append_raw(const char *s)
{
	FILE *f = fopen(path, "a");
	ck_assert_ptr_nonnull(f);
	fputs(s, f);
	fclose(f);
}

static char *slurp(void)
{
	FILE *f = fopen(path, "r");
	static char buf[65536];
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* journal_tidy compacts only when nothing is pending and the file is large. */
START_TEST(test_tidy)
{
	struct journal *j = journal_open(path, err, sizeof(err));

	ck_assert_ptr_nonnull(j);
	ck_assert_int_eq(journal_add(j, K1, "take_ticket", 1, (const char *const[]){"10001"}, err, sizeof(err)), 0);
	ck_assert_int_eq(journal_add(j, K2, "take_ticket", 1, (const char *const[]){"10002"}, err, sizeof(err)), 0);
	ck_assert_int_eq(journal_mark(j, K1, JOURNAL_DONE, NULL, NULL, err, sizeof(err)), 0);
	/* K2 still pending: the file stays as it is, whatever its size */
	ck_assert_int_eq(journal_tidy(j, 1, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(slurp(), K1));
	ck_assert_int_eq(journal_mark(j, K2, JOURNAL_DONE, NULL, NULL, err, sizeof(err)), 0);
	/* nothing pending but the file is below the limit: kept */
	ck_assert_int_eq(journal_tidy(j, 1 << 20, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(slurp(), K2));
	/* nothing pending and above the limit: compacted to the header */
	ck_assert_int_eq(journal_tidy(j, 1, err, sizeof(err)), 0);
	ck_assert_ptr_null(strstr(slurp(), K1));
	ck_assert_ptr_null(strstr(slurp(), K2));
	ck_assert_uint_eq(journal_count(j), 0);
	journal_close(j);
}
END_TEST

START_TEST(test_add_mark_reload)
{
	struct journal *j = journal_open(path, err, sizeof(err));
	struct stat st;

	ck_assert_msg(j != NULL, "%s", err);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(journal_add(j, K1, "book_time", 7, time_params, err, sizeof(err)), 0);
	ck_assert_int_eq(journal_add(j, K2, "take_ticket", 1, (const char *const[]){"10002"}, err, sizeof(err)), 0);
	ck_assert_uint_eq(journal_pending_count(j), 2);
	ck_assert_int_eq(journal_mark(j, K1, JOURNAL_DONE, NULL, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(journal_mark(j, K2, JOURNAL_FAILED, "42501", "SD-10002 is assigned to x", err, sizeof(err)), 0);
	journal_close(j);

	/* Another process reads the same state from the file. */
	j = journal_open(path, err, sizeof(err));
	ck_assert_ptr_nonnull(j);
	ck_assert_uint_eq(journal_count(j), 2);
	ck_assert_uint_eq(journal_pending_count(j), 0);
	ck_assert_uint_eq(journal_failed_count(j), 1);
	const struct journal_entry *e = journal_entry_at(j, 0);
	ck_assert_str_eq(e->key, K1);
	ck_assert_str_eq(e->action, "book_time");
	ck_assert_uint_eq(e->nparams, 7);
	ck_assert_str_eq(e->params[0], "10001");
	ck_assert_ptr_null(e->params[5]);
	ck_assert_int_eq(e->state, JOURNAL_DONE);
	e = journal_entry_at(j, 1);
	ck_assert_int_eq(e->state, JOURNAL_FAILED);
	ck_assert_str_eq(e->sqlstate, "42501");
	ck_assert_str_eq(e->message, "SD-10002 is assigned to x");
	ck_assert_uint_eq(journal_problems(j, NULL, 0), 0);
	journal_close(j);
}
END_TEST

/* Texts with every separator and escape character come back unchanged. */
START_TEST(test_escaping)
{
	static const char *const nasty[] = {"10001", "2026-03-02T10:00:00+01:00", "15", "support", "false", "\\N",
		"tab\there\nnew line\\N back\\slash \\t\r Grüße \x1b[2J"};
	struct journal *j = journal_open(path, err, sizeof(err));

	ck_assert_int_eq(journal_add(j, K1, "book_time", 7, nasty, err, sizeof(err)), 0);
	journal_close(j);
	j = journal_open(path, err, sizeof(err));
	const struct journal_entry *e = journal_entry_at(j, 0);
	ck_assert_ptr_nonnull(e);
	for (size_t i = 0; i < 7; i++)
		ck_assert_str_eq(e->params[i], nasty[i]);
	/* One record per line: the newline inside the text was escaped. */
	int lines = 0;
	for (const char *p = slurp(); *p; p++)
		lines += *p == '\n';
	ck_assert_int_eq(lines, 2); /* header + one record */
	journal_close(j);
}
END_TEST

START_TEST(test_refuses_bad_entries)
{
	struct journal *j = journal_open(path, err, sizeof(err));

	ck_assert_int_eq(journal_add(j, "not-a-key", "take_ticket", 1, (const char *const[]){"1"}, err, sizeof(err)), -1);
	ck_assert_int_eq(journal_add(j, K1, "drop_table", 1, (const char *const[]){"1"}, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "unknown action 'drop_table'"), "%s", err);
	ck_assert_int_eq(journal_add(j, K1, "take_ticket", 2, (const char *const[]){"1", "2"}, err, sizeof(err)), -1);
	ck_assert_int_eq(journal_add(j, K1, "take_ticket", 1, (const char *const[]){"1"}, err, sizeof(err)), 0);
	ck_assert_int_eq(journal_add(j, K1, "take_ticket", 1, (const char *const[]){"1"}, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "already in the journal"), "%s", err);
	/* A key the journal does not hold: refusing it is an error; confirming it
	 * is not (another process confirmed and compacted it), and adds nothing. */
	ck_assert_int_eq(journal_mark(j, K2, JOURNAL_FAILED, "23514", "x", err, sizeof(err)), -1);
	ck_assert_int_eq(journal_mark(j, K2, JOURNAL_DONE, NULL, NULL, err, sizeof(err)), 0);
	ck_assert_uint_eq(journal_count(j), 1);
	/* Texts are checked before they are kept: the message names the field. */
	static const char *const bad_note[] = {"10001", "2026-03-02T10:00:00+01:00", "15", "support", "false", NULL,
		"Gr\xfc\xdf" "e"};
	ck_assert_int_eq(journal_add(j, K2, "book_time", 7, bad_note, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "book_time: note is not valid UTF-8 (byte 3); nothing was saved");
	ck_assert_uint_eq(journal_count(j), 1);
	journal_close(j);
}
END_TEST

/* A crash in the middle of a write leaves a torn last line: it is kept and
 * reported, the entries before it survive, and the next record starts on a
 * line of its own. */
START_TEST(test_torn_tail)
{
	struct journal *j = journal_open(path, err, sizeof(err));
	char msg[512];

	ck_assert_int_eq(journal_add(j, K1, "take_ticket", 1, (const char *const[]){"10001"}, err, sizeof(err)), 0);
	journal_close(j);
	append_raw("1234abcd\tP\t17000\t2d805e30-4f6c-40");
	j = journal_open(path, err, sizeof(err));
	ck_assert_ptr_nonnull(j);
	ck_assert_uint_eq(journal_pending_count(j), 1);
	ck_assert_uint_eq(journal_problems(j, msg, sizeof(msg)), 1);
	ck_assert_msg(strstr(msg, "/journal:3: incomplete last record (torn write), kept"), "%s", msg);
	ck_assert_int_eq(journal_add(j, K2, "take_ticket", 1, (const char *const[]){"10002"}, err, sizeof(err)), 0);
	ck_assert_uint_eq(journal_pending_count(j), 2);
	ck_assert_uint_eq(journal_problems(j, msg, sizeof(msg)), 1);
	ck_assert_msg(strstr(msg, ":3: corrupt record"), "%s", msg);
	journal_close(j);
}
END_TEST

/* A changed byte fails the checksum: that record is skipped and reported. */
START_TEST(test_corrupt_record)
{
	struct journal *j = journal_open(path, err, sizeof(err));
	char msg[512];

	ck_assert_int_eq(journal_add(j, K1, "take_ticket", 1, (const char *const[]){"10001"}, err, sizeof(err)), 0);
	ck_assert_int_eq(journal_add(j, K2, "take_ticket", 1, (const char *const[]){"10002"}, err, sizeof(err)), 0);
	journal_close(j);
	char *s = slurp();
	char *p = strstr(s, "10002");
	ck_assert_ptr_nonnull(p);
	p[4] = '3';
	FILE *f = fopen(path, "w");
	fputs(s, f);
	fclose(f);
	j = journal_open(path, err, sizeof(err));
	ck_assert_uint_eq(journal_count(j), 1);
	ck_assert_uint_eq(journal_problems(j, msg, sizeof(msg)), 1);
	ck_assert_msg(strstr(msg, ":3: corrupt record (checksum mismatch)"), "%s", msg);
	journal_close(j);
}
END_TEST

START_TEST(test_compact)
{
	struct journal *j = journal_open(path, err, sizeof(err));
	char msg[256];

	ck_assert_int_eq(journal_add(j, K1, "take_ticket", 1, (const char *const[]){"10001"}, err, sizeof(err)), 0);
	ck_assert_int_eq(journal_add(j, K2, "take_ticket", 1, (const char *const[]){"10002"}, err, sizeof(err)), 0);
	ck_assert_int_eq(journal_add(j, K3, "take_ticket", 1, (const char *const[]){"10003"}, err, sizeof(err)), 0);
	ck_assert_int_eq(journal_mark(j, K1, JOURNAL_DONE, NULL, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(journal_mark(j, K3, JOURNAL_FAILED, "23514", "bad", err, sizeof(err)), 0);
	append_raw("garbage\n");
	ck_assert_int_eq(journal_compact(j, err, sizeof(err)), 0);
	ck_assert_uint_eq(journal_count(j), 2);
	ck_assert_str_eq(journal_entry_at(j, 0)->key, K2);
	ck_assert_int_eq(journal_entry_at(j, 1)->state, JOURNAL_FAILED);
	/* The damaged line is kept (after the entries), the confirmed entry goes. */
	ck_assert_uint_eq(journal_problems(j, msg, sizeof(msg)), 1);
	ck_assert_msg(strstr(msg, "/journal:5: corrupt record (no checksum)"), "%s", msg);
	ck_assert_ptr_nonnull(strstr(slurp(), "\ngarbage\n"));
	ck_assert_ptr_null(strstr(slurp(), K1));
	ck_assert_int_eq(journal_forget(j, K3, err, sizeof(err)), 0);
	ck_assert_uint_eq(journal_failed_count(j), 0);
	/* No temporary file is left behind. */
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	ck_assert_int_eq(access(tmp, F_OK), -1);
	free(tmp);
	journal_close(j);
}
END_TEST

/* Damaged lines are never dropped: listed with line and offset, kept by
 * every compaction (journal_compact and journal_tidy) byte for byte, never
 * sent. */
START_TEST(test_damage_kept)
{
	struct journal *j = journal_open(path, err, sizeof(err));
	const struct journal_damage *d;
	char *before;
	static const char flipped[] = "00000000\tP\t17000\t2d805e30-4f6c-4071-9cad-9e8f7a6b5c43\ttake_ticket\t10009";
	static const char binary[] = "\x1b[2J\xff\xfe";

	ck_assert_int_eq(journal_add(j, K1, "take_ticket", 1, (const char *const[]){"10001"}, err, sizeof(err)), 0);
	ck_assert_int_eq(journal_mark(j, K1, JOURNAL_DONE, NULL, NULL, err, sizeof(err)), 0);
	append_raw(flipped);
	append_raw("\n");
	append_raw(binary);
	append_raw("\n");
	append_raw("1234abcd\tD\t170"); /* torn */
	ck_assert_int_eq(journal_reload(j, err, sizeof(err)), 0);
	ck_assert_uint_eq(journal_damaged_count(j), 3);
	d = journal_damaged_at(j, 0);
	ck_assert_int_eq(d->line, 4);
	ck_assert_str_eq(d->raw, flipped);
	ck_assert_str_eq(d->why, "corrupt record (checksum mismatch)");
	before = slurp();
	ck_assert_int_eq(d->offset, (long long)(strstr(before, "00000000\tP") - before));
	d = journal_damaged_at(j, 1);
	ck_assert_int_eq(d->line, 5);
	ck_assert_str_eq(d->raw, binary);
	ck_assert_int_eq(d->offset, journal_damaged_at(j, 0)->offset + (long long)sizeof(flipped));
	d = journal_damaged_at(j, 2);
	ck_assert_int_eq(d->line, 6);
	ck_assert_str_eq(d->raw, "1234abcd\tD\t170");
	ck_assert_str_eq(d->why, "incomplete last record (torn write), kept");
	ck_assert_uint_eq(journal_pending_count(j), 0); /* the damaged P is never sent */

	/* Automatic compaction (nothing pending, file "large"): done entry gone, damage kept. */
	ck_assert_int_eq(journal_tidy(j, 1, err, sizeof(err)), 0);
	ck_assert_ptr_null(strstr(slurp(), K1));
	ck_assert_uint_eq(journal_damaged_count(j), 3);
	ck_assert_str_eq(slurp(), "sdesk-journal 1\n00000000\tP\t17000\t2d805e30-4f6c-4071-9cad-9e8f7a6b5c43"
				  "\ttake_ticket\t10009\n\x1b[2J\xff\xfe\n1234abcd\tD\t170\n");
	ck_assert_int_eq(journal_damaged_at(j, 0)->line, 2);
	ck_assert_int_eq(journal_damaged_at(j, 0)->offset, 16);
	/* sdesk journal compact, twice: the same bytes. */
	before = xstrdup(slurp());
	ck_assert_int_eq(journal_compact(j, err, sizeof(err)), 0);
	ck_assert_int_eq(journal_compact(j, err, sizeof(err)), 0);
	ck_assert_str_eq(slurp(), before);
	free(before);
	/* New entries go on working beside them. */
	ck_assert_int_eq(journal_add(j, K2, "take_ticket", 1, (const char *const[]){"10002"}, err, sizeof(err)), 0);
	ck_assert_uint_eq(journal_pending_count(j), 1);
	ck_assert_uint_eq(journal_damaged_count(j), 3);
	journal_close(j);
}
END_TEST

/* A journal that group or others may write is refused when it is opened,
 * read again or appended to; the message names the file and the fix. */
START_TEST(test_journal_private)
{
	struct journal *j = journal_open(path, err, sizeof(err));
	char want[1024];
	struct stat st;

	ck_assert_ptr_nonnull(j);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(journal_add(j, K1, "take_ticket", 1, (const char *const[]){"10001"}, err, sizeof(err)), 0);
	ck_assert_int_eq(chmod(path, 0620), 0);
	ck_assert_ptr_null(journal_open(path, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s: refusing the journal: its group may write it (mode 0620); run: chmod go-w %s",
		 path, path);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(journal_reload(j, err, sizeof(err)), -1);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(journal_add(j, K2, "take_ticket", 1, (const char *const[]){"10002"}, err, sizeof(err)), -1);
	ck_assert_str_eq(err, want);
	ck_assert_ptr_null(strstr(slurp(), K2));
	ck_assert_int_eq(chmod(path, 0602), 0);
	ck_assert_ptr_null(journal_open(path, err, sizeof(err)));
	ck_assert_msg(strstr(err, "refusing the journal: others may write it (mode 0602)"), "%s", err);
	ck_assert_int_eq(chmod(path, 0600), 0);
	journal_close(j);
	j = journal_open(path, err, sizeof(err));
	ck_assert_ptr_nonnull(j);
	ck_assert_uint_eq(journal_pending_count(j), 1);
	journal_close(j);
}
END_TEST

START_TEST(test_default_path)
{
	char buf[512];

	ck_assert_int_eq(journal_default_path("/srv/j", buf, sizeof(buf), err, sizeof(err)), 0);
	ck_assert_str_eq(buf, "/srv/j");
	setenv("XDG_STATE_HOME", "/x/state", 1);
	ck_assert_int_eq(journal_default_path(NULL, buf, sizeof(buf), err, sizeof(err)), 0);
	ck_assert_str_eq(buf, "/x/state/sdesk/journal");
	setenv("XDG_STATE_HOME", "relative", 1); /* the XDG spec says: ignore it */
	setenv("HOME", "/home/anna", 1);
	ck_assert_int_eq(journal_default_path("", buf, sizeof(buf), err, sizeof(err)), 0);
	ck_assert_str_eq(buf, "/home/anna/.local/state/sdesk/journal");
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	ck_assert_int_eq(journal_default_path(NULL, buf, sizeof(buf), err, sizeof(err)), -1);
}
END_TEST

START_TEST(test_action_table)
{
	ck_assert_int_eq(journal_action_params("book_call"), 5);
	ck_assert_int_eq(journal_action_params("book_time"), 8);
	ck_assert_int_eq(journal_action_params("log_call"), -1);
	ck_assert_int_eq(journal_action_params("create_ticket"), 9);
	ck_assert_int_eq(journal_action_params("ledger_correction"), 7);
	ck_assert_int_eq(journal_action_params("upsert_plan"), -1);
	ck_assert_int_eq(journal_action_params("book_call; DROP TABLE call"), -1);
}
END_TEST

/* The journal follows the database, not the server that answers: the hosts
 * of a failover pair name one journal, a service its own (issue 15). */
START_TEST(test_target)
{
	char a[512], b[512];

	ck_assert_int_eq(journal_target("host=/a,/b port=5432,5433 dbname=sd user=kim target_session_attrs=read-write",
					a, sizeof a), 0);
	ck_assert_str_eq(a, "kim@/a,/b:5432,5433/sd");
	ck_assert_int_eq(journal_target("host=/a,/b port=5432,5433 dbname=sd user=kim connect_timeout=3", b, sizeof b), 0);
	ck_assert_str_eq(a, b);
	ck_assert_int_eq(journal_target("service=sdesk user=kim dbname=sd", a, sizeof a), 0);
	ck_assert_int_eq(strncmp(a, "service=sdesk:kim@", 18), 0);
	ck_assert_int_eq(journal_target("service=other user=kim dbname=sd", b, sizeof b), 0);
	ck_assert_str_ne(a, b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("journal");
	TCase *tc = tcase_create("journal");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_add_mark_reload);
	tcase_add_test(tc, test_escaping);
	tcase_add_test(tc, test_refuses_bad_entries);
	tcase_add_test(tc, test_torn_tail);
	tcase_add_test(tc, test_corrupt_record);
	tcase_add_test(tc, test_compact);
	tcase_add_test(tc, test_damage_kept);
	tcase_add_test(tc, test_journal_private);
	tcase_add_test(tc, test_default_path);
	tcase_add_test(tc, test_action_table);
	tcase_add_test(tc, test_tidy);
	tcase_add_test(tc, test_target);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
