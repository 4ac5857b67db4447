/* The live breach board (`sdesk board`) and its text snapshot (--once).
 * See doc/board.md. */
#ifndef SDESK_UI_BOARD_H
#define SDESK_UI_BOARD_H

#include <stdio.h>

#include "db/board_q.h"
#include "ui/board_model.h"

struct sdesk_config;

struct board_options {
	struct board_filter filter;
	int plain;          /* no colour, ASCII only */
	int width;          /* --once: columns of the snapshot */
	const char *trace;  /* file to append "<unix ms> <payload>" to after each
	                     * repaint caused by a NOTIFY (benchmarks), or NULL */
	struct board_clock clock; /* how tickets are judged: the plan catalogue
	                           * (may be NULL: wall clock), thresholds */
};

/* Runs the full-screen board until q or a termination signal. Needs a
 * terminal. Returns an exit code; messages go to stderr after the terminal
 * is restored. */
int board_run(const struct sdesk_config *cfg, const struct board_options *opt);

/* Loads one snapshot and prints it as text to out (no curses). Returns an
 * exit code (1 when the database cannot be reached). */
int board_once(const struct sdesk_config *cfg, const struct board_options *opt, FILE *out);

#endif
