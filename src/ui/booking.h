/* Calls and time entries in the console (issue 5, doc/billing.md): a call
 * timer that runs in the status line while the agent keeps working, the call
 * form (duration from the timer or typed, phone or hotline) and the time
 * form (typed duration, kind). Both show the split or price before saving
 * and write through db/billing_q's bq_book_call / bq_book_time with the
 * form's idempotency key, so a save retried after a lost connection counts
 * once. The timer is one per console process. */
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

#endif
