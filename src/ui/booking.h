/* Calls and time entries in the console (issue 5, doc/billing.md): a call
 * timer that runs in the status line while the agent keeps working, the call
 * form (duration from the timer or typed, phone or hotline) and the time
 * form (typed duration, kind). Both show the split or price before saving
 * (when LIVE) and save the request to the local journal (bq_journal_call /
 * bq_journal_time with the form's idempotency key), then send it
 * (console_send): bq_book_call / bq_book_time price and write it with that
 * key, now or, when offline, once the console is LIVE again, so it counts
 * once. The timer is one per console process; it is noted in the journal
 * when it starts (journal_timer_start), so no way out loses it. */
#ifndef SDESK_UI_BOOKING_H
#define SDESK_UI_BOOKING_H

#include <stddef.h>
#include <stdint.h>

#include "ui/keys.h"

struct console;

/* REQ_CALL: starts the call timer on `ticket` (warning when the plan has no
 * phone support or it is outside phone hours), or stops the running timer
 * and opens the call form. REQ_LOG_TIME: opens the time form. Returns
 * ui_result flags. */
int booking_action(struct console *c, enum ui_request req, int64_t ticket);

/* When a call timer runs: writes "CALL SD-10001 03:25 ..." into buf and
 * returns 1; else 0. now: Unix seconds. */
int booking_status(char *buf, size_t len, int64_t now);

/* When a call timer runs: "a call on SD-10001" into buf, 1; else 0. */
int booking_running(char *buf, size_t len);

/* The call form f was cancelled: asks whether to discard the call (it keeps
 * running otherwise). */
struct form;
void booking_cancelled(struct console *c, struct form *f);

/* At start: a call timer the journal holds (the console quit, crashed or
 * was killed while it ran) is offered to be logged or discarded. */
void booking_restore(struct console *c);

#endif
