/* On-call work in the console (seed 003, doc/console.md "On-call work"):
 * on the ticket screen REQ_ONCALL starts on-call work on the ticket (ops) or
 * opens the checklist of its running (else latest) work. The checklist
 * screen ticks items (who and when stored by check_oncall_item), ends the
 * work (end_oncall: the database sets the report's due instant, the end of
 * the next working day) and marks the detailed report sent
 * (send_oncall_report). Every write is a journal entry sent by
 * console_send, like the ticket actions. */
#ifndef SDESK_UI_ONCALL_H
#define SDESK_UI_ONCALL_H

#include <stdint.h>

struct console;

/* REQ_ONCALL on `ticket`. Returns ui_result flags. */
int oncall_action(struct console *c, int64_t ticket);

extern const struct ui_screen oncall_screen;

#endif
