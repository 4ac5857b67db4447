/* The plan catalogue as stored in the database (`sdesk plans load`): each
 * calendar and plan of plans.cfg rendered as a stable JSON object, so the
 * database can keep the definition (jsonb) and notice when it changed.
 * Format of the objects: doc/sla.md, "Loading the catalogue". */
#ifndef SDESK_CONF_CATJSON_H
#define SDESK_CONF_CATJSON_H

#include <stddef.h>

struct conf_cat_item {
	char *name;  /* calendar or plan name */
	char *zone;  /* calendars: IANA zone; plans: NULL */
	char *json;  /* the definition, a JSON object */
};

/* Owns every string. */
struct conf_cat_json {
	char *source;  /* the file's whole text (hashed as the catalogue's identity) */
	struct conf_cat_item *cals;
	size_t ncals;
	struct conf_cat_item *plans;
	size_t nplans;
};

/* Reads file with libconfig and renders its calendars (each with the holiday
 * sets it uses, includes followed) and plans, in file order. Does not
 * validate the catalogue beyond syntax: load it with conf_load_plans first.
 * Returns 0 with *out filled (free with conf_cat_json_free), or -1 with
 * "FILE:LINE: message" in err. */
int conf_cat_json_read(const char *file, struct conf_cat_json *out, char *err, size_t errlen);
void conf_cat_json_free(struct conf_cat_json *c);

#endif
