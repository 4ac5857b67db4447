/* plans.cfg: the plan catalogue (calendars, holidays and plans), validated
 * once into a struct sla_catalogue. The format is described in doc/sla.md. */
#ifndef SDESK_CONF_PLANS_H
#define SDESK_CONF_PLANS_H

#include <stddef.h>

#include "engine/sla.h"

/* Reads file: its holidays and calendars (conf_load_calendars), then the
 * `plans` list, then finishes the calendar set. Unknown keys, bad values and
 * targets naming a calendar that does not exist are errors.
 * Returns 0 with *cat filled (free with sla_catalogue_free), or -1 with
 * "FILE:LINE: message" in err and *cat empty. */
int conf_load_plans(const char *file, struct sla_catalogue *cat, char *err, size_t errlen);
/* The same from the catalogue's text (as `sdesk plans load` stored it in
 * plan_catalogue.source); `name` stands for the file in messages
 * ("catalogue 3:LINE: ..."). @include is not followed. */
int conf_load_plans_string(const char *text, const char *name, struct sla_catalogue *cat, char *err, size_t errlen);

/* The title in the language of the messages (base/i18n.h): title_de in
 * German when the catalogue has one, else title. */
const char *plan_title(const struct sla_plan *p);
const char *category_title(const struct sla_category *c);

#endif
