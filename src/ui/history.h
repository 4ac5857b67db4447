/* A ticket's history in words (issue 12): "Anna Agent took the ticket",
 * "call 12 min, 12 from the free minutes", in the agent's language, from
 * the fields the database's history row set (db/queue.h, struct
 * queue_event). No curses here. */
#ifndef SDESK_UI_HISTORY_H
#define SDESK_UI_HISTORY_H

#include <stddef.h>

#include "db/queue.h"

/* Writes the sentence for e into buf (without the instant). */
void history_words(const struct queue_event *e, char *buf, size_t len);

#endif
