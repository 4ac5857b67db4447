/* `sdesk board --once`: one snapshot laid out like the board and written as
 * plain text (no curses): every list whole, the chart as numbers. */
#include "config.h"

#include "base/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/exitcodes.h"
#include "base/now.h"
#include "conf/config.h"
#include "db/db.h"
#include "ui/board_int.h"
#include "ui/ui.h"

int board_once(const struct sdesk_config *cfg, const struct board_options *opt, FILE *out)
{
	struct board b;
	int rc = SDESK_EXIT_OK;
	char date[32], what[64] = "";
	char *db;

	ui_ascii = opt->plain || cfg->ascii_only || !sd_locale_utf8();
	if (board_open(&b, cfg, opt) != 0) {
		board_close(&b);
		return SDESK_EXIT_RUNTIME;
	}
	b.numbers = 1;
	b.conn = B_LIVE;
	if (board_q_load(b.db, &opt->filter, &b.data) != 0
	    || board_q_chart_load(b.db, cfg->board_chart_days, &b.chart) != 0) {
		fprintf(stderr, "sdesk: board: %s\n", db_last_error(b.db)->plain);
		board_close(&b);
		return SDESK_EXIT_RUNTIME;
	}
	b.snap_at = sd_now();
	board_recompute(&b);
	b.frame.rows = 0;
	b.frame.cols = opt->width > 0 ? opt->width : 80;
	board_layout(&b, &b.frame);

	/* The header as one line with the time of the snapshot, then the rows. */
	board_fmt_clock(b.view.now, "%Y-%m-%d %H:%M:%S %z", date, sizeof date);
	if (b.standby)
		board_replica_text(&b.rep, what, sizeof what);
	db = sd_escape(b.dbname, 0);
	fprintf(out, "sdesk board %s  db: %s%s%s\n", date, db, b.standby ? "  standby, " : "", what);
	free(db);
	frame_write(&b.frame, 1, ui_ascii, out);
	if (fflush(out) != 0) {
		fprintf(stderr, _("sdesk: board: cannot write: %s\n"), strerror(errno));
		rc = SDESK_EXIT_RUNTIME;
	}
	board_close(&b);
	return rc;
}
