/* `sdesk plans load`: the plan catalogue into the database, and the due
 * instants of open tickets recomputed with the engine when their plan or one
 * of its calendars changed. Every write goes through the action wrappers
 * (db/actions.h); see doc/sla.md, "Loading the catalogue". */
#ifndef SDESK_DB_CATALOGUE_H
#define SDESK_DB_CATALOGUE_H

#include <stddef.h>
#include <stdint.h>

#include "conf/catjson.h"
#include "engine/sla.h"

struct db;

/* What a load did (or, dry run, would do). lines: one human line per change,
 * e.g. "plan invitario-gold: changed"; owned, free with catalogue_report_free. */
struct catalogue_report {
	int64_t catalogue_id;
	int cal_added, cal_changed, cal_unchanged;
	int plan_added, plan_changed, plan_unchanged, plan_retired;
	int tickets_checked;    /* open tickets of an affected plan */
	int tickets_moved;      /* of those, whose stored dues changed */
	int tickets_skipped;    /* category or plan unknown to the catalogue */
	char *lines;            /* "\n"-separated report, "" when nothing changed */
	char error[600];        /* on failure: what went wrong, one line */
};

/* Stores the catalogue cat (loaded by conf_load_plans from the file that js
 * was rendered from) in ONE transaction: register_catalogue, upsert_calendar
 * for each calendar, upsert_plan for each plan, retire_plans; then recomputes
 * the dues of open tickets (new, open, waiting) whose plan was added, changed
 * or re-activated, or uses a changed calendar, and stores them with
 * set_ticket_dues. dry_run: everything is rolled back at the end. now: the
 * instant "now" for the clocks (Unix seconds). Needs the rights of
 * sdesk_admin. Returns 0 with rep filled, or -1 with rep->error set and the
 * transaction rolled back. */
int catalogue_load(struct db *db, const struct sla_catalogue *cat, const struct conf_cat_json *js,
	int dry_run, int64_t now, struct catalogue_report *rep);
void catalogue_report_free(struct catalogue_report *rep);

/* The catalogue in force in the database (what the last `sdesk plans load`
 * stored, the one the engine inside the database uses), parsed into *cat
 * (free with sla_catalogue_free): clients preview with the database's rules,
 * never with a local plans.cfg. Returns 0, or -1 with a message in err (no
 * catalogue loaded yet, a database error, a catalogue that cannot be read). */
int catalogue_fetch(struct db *db, struct sla_catalogue *cat, char *err, size_t errlen);

#endif
