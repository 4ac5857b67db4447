/* `sdesk plans load`: catalogue upserts and due recomputation in one transaction. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "db/actions.h"
#include "conf/plans.h"
#include "db/catalogue.h"
#include "db/db.h"
#include "db/sqlfrag.h"


static const char cal_status_sql[] =
	"SELECT CASE WHEN c.code IS NULL THEN 'added'"
	" WHEN c.definition = $2::jsonb AND c.time_zone = $3 AND c.title = $4 THEN 'same'"
	" ELSE 'changed' END"
	" FROM (VALUES (1)) v LEFT JOIN calendar c ON c.code = $1";

static const char plan_status_sql[] =
	"SELECT CASE WHEN p.code IS NULL THEN 'added'"
	" WHEN p.definition = $2::jsonb AND p.title = $3 AND p.provider = $4 AND p.vat_bp = $5::integer"
	" THEN CASE WHEN p.active THEN 'same' ELSE 'reactivated' END"
	" ELSE 'changed' END"
	" FROM (VALUES (1)) v LEFT JOIN plan p ON p.code = $1";

/* Plans retire_plans just marked inactive (updated in this transaction). */
static const char retired_sql[] =
	"SELECT code FROM plan WHERE NOT active AND catalogue_id <> $1 AND updated_at = now()"
	" ORDER BY code";

static int status_of(struct db *db, const char *sql, int n, const char *const *params, char *out,
	size_t outlen)
{
	struct db_result *res = db_exec(db, sql, n, params);

	if (!res)
		return -1;
	snprintf(out, outlen, "%s", db_result_rows(res) > 0 && db_result_value(res, 0, 0)
		? db_result_value(res, 0, 0) : "changed");
	db_result_free(res);
	return 0;
}

static int in_list(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

static int targets_use(const struct sla_target *t, size_t n, const char *const *cals, size_t ncals)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].cal && in_list(cals, ncals, cal_name(t[i].cal)))
			return 1;
	return 0;
}

static int plan_uses(const struct sla_plan *p, const char *const *cals, size_t ncals)
{
	if (targets_use(p->targets, p->ntargets, cals, ncals))
		return 1;
	for (size_t i = 0; i < p->ncats; i++)
		if (targets_use(p->cats[i].targets, p->cats[i].ntargets, cals, ncals))
			return 1;
	return 0;
}

static const char *plan_json(const struct conf_cat_json *js, const char *name)
{
	for (size_t i = 0; i < js->nplans; i++)
		if (strcmp(js->plans[i].name, name) == 0)
			return js->plans[i].json;
	return NULL;
}

/* Recomputes the open tickets of the plans in `plans` inside the database
 * (recompute_dues: the engine there, with the catalogue just stored). */
static int recompute(struct db *db, const char *const *plans, size_t nplans, struct catalogue_report *rep,
	struct strbuf *lines)
{
	struct strbuf arr = { 0 };
	struct db_result *res;
	const char *param[1];

	if (nplans == 0)
		return 0;
	sb_append(&arr, "{");
	for (size_t i = 0; i < nplans; i++)
		sb_printf(&arr, "%s\"%s\"", i ? "," : "", plans[i]);
	sb_append(&arr, "}");
	param[0] = arr.buf;
	/* A statement of its own, so the read below sees the locked rows' latest versions. */
	if (act_call(db, ACT_lock_plan_tickets, NULL, NULL, av_str(arr.buf)) < 0) {
		sb_free(&arr);
		return -1;
	}
	res = db_exec(db,
		"SELECT t.ref, c.plan_code, recompute_dues(t.id) FROM ticket t JOIN contract c ON c.id = t.contract_id"
		" WHERE t.status IN ('new', 'open', 'waiting') AND c.plan_code = ANY($1::text[]) ORDER BY t.id",
		1, param);
	sb_free(&arr);
	if (!res)
		return -1;
	for (int r = 0; r < db_result_rows(res); r++) {
		int moved = atoi(db_result_value(res, r, 2));

		rep->tickets_checked++;
		if (moved < 0) {
			rep->tickets_skipped++;
			sb_printf(lines, _("%s: dues left as they are (category, channel or overrides"
				" do not fit plan %s)\n"), db_result_value(res, r, 0), db_result_value(res, r, 1));
		} else if (moved > 0) {
			rep->tickets_moved++;
			sb_printf(lines, _("%s: due instants recomputed\n"), db_result_value(res, r, 0));
		}
	}
	db_result_free(res);
	return 0;
}

int catalogue_load(struct db *db, const struct sla_catalogue *cat, const struct conf_cat_json *js,
	int dry_run, int64_t now, struct catalogue_report *rep)
{
	struct strbuf lines = { 0 };
	const char **changed_cals = xcalloc(js->ncals + 1, sizeof(char *));
	const char **affected = xcalloc(cat->nplans + 1, sizeof(char *));
	size_t nchanged_cals = 0, naffected = 0;
	struct db_result *res;
	char hash[64], st[32], idbuf[32];
	const char *param[5];
	int64_t retired = 0;
	int rc = -1;

	(void)now;
	memset(rep, 0, sizeof(*rep));
	if (db_command(db, "BEGIN", 0, NULL) != 0)
		goto out;
	param[0] = js->source;
	res = db_exec(db, "SELECT md5($1)", 1, param);
	if (!res)
		goto fail;
	snprintf(hash, sizeof(hash), "%s", db_result_value(res, 0, 0));
	db_result_free(res);
	if (act_call(db, ACT_register_catalogue, NULL, &rep->catalogue_id, av_str(hash),
		av_str(js->source)) != 0)
		goto fail;

	for (size_t i = 0; i < js->ncals; i++) {
		const struct conf_cat_item *c = &js->cals[i];

		param[0] = c->name;
		param[1] = c->json;
		param[2] = c->zone;
		param[3] = c->name;
		if (status_of(db, cal_status_sql, 4, param, st, sizeof(st)) != 0)
			goto fail;
		if (strcmp(st, "same") == 0) {
			rep->cal_unchanged++;
		} else {
			if (strcmp(st, "added") == 0)
				rep->cal_added++;
			else
				rep->cal_changed++;
			changed_cals[nchanged_cals++] = c->name;
			sb_printf(&lines, _("calendar %s: %s\n"), c->name, st);
		}
		if (act_call(db, ACT_upsert_calendar, NULL, NULL, av_int(rep->catalogue_id), av_str(c->name),
			av_str(c->name), av_str(c->zone), av_str(c->json)) != 0)
			goto fail;
	}
	for (size_t i = 0; i < cat->nplans; i++) {
		const struct sla_plan *p = &cat->plans[i];
		const char *json = plan_json(js, p->name);
		const char *title = p->title ? p->title : p->name;
		const char *provider = p->provider ? p->provider : "-";

		if (!json) {
			snprintf(rep->error, sizeof(rep->error), _("plan %s: not found in the rendered catalogue"),
				p->name);
			goto fail;
		}
		snprintf(idbuf, sizeof(idbuf), "%d", p->vat_bp);
		param[0] = p->name;
		param[1] = json;
		param[2] = title;
		param[3] = provider;
		param[4] = idbuf;
		if (status_of(db, plan_status_sql, 5, param, st, sizeof(st)) != 0)
			goto fail;
		if (strcmp(st, "same") == 0) {
			rep->plan_unchanged++;
		} else {
			if (strcmp(st, "added") == 0)
				rep->plan_added++;
			else
				rep->plan_changed++;
			sb_printf(&lines, _("plan %s: %s\n"), p->name, st);
		}
		if (strcmp(st, "same") != 0 || plan_uses(p, changed_cals, nchanged_cals))
			affected[naffected++] = p->name;
		if (act_call(db, ACT_upsert_plan, NULL, NULL, av_int(rep->catalogue_id), av_str(p->name),
			av_str(title), av_str(provider), av_int(p->vat_bp), av_str(json)) != 0)
			goto fail;
	}
	if (act_call(db, ACT_retire_plans, NULL, &retired, av_int(rep->catalogue_id)) != 0)
		goto fail;
	rep->plan_retired = (int)retired;
	if (rep->plan_retired > 0) {
		snprintf(idbuf, sizeof(idbuf), "%" PRId64, rep->catalogue_id);
		param[0] = idbuf;
		res = db_exec(db, retired_sql, 1, param);
		if (!res)
			goto fail;
		for (int r = 0; r < db_result_rows(res); r++)
			sb_printf(&lines, _("plan %s: retired (no longer in the catalogue)\n"),
				db_result_value(res, r, 0));
		db_result_free(res);
	}
	if (recompute(db, affected, naffected, rep, &lines) != 0)
		goto fail;
	if (db_command(db, dry_run ? "ROLLBACK" : "COMMIT", 0, NULL) != 0)
		goto out;
	rc = 0;
	goto out;
fail:
	if (!rep->error[0])
		snprintf(rep->error, sizeof(rep->error), "%s", db_last_error(db)->plain);
	db_rollback(db);
out:
	if (rc != 0 && !rep->error[0])
		snprintf(rep->error, sizeof(rep->error), "%s", db_last_error(db)->plain);
	if (!lines.buf)
		sb_append(&lines, "");
	rep->lines = lines.buf;
	free(changed_cals);
	free(affected);
	return rc;
}

void catalogue_report_free(struct catalogue_report *rep)
{
	free(rep->lines);
	rep->lines = NULL;
}

int catalogue_fetch(struct db *db, struct sla_catalogue *cat, char *err, size_t errlen)
{
	struct db_result *res = db_exec(db,
		"SELECT c.id, c.source FROM catalogue_current k JOIN plan_catalogue c ON c.id = k.catalogue_id", 0, NULL);
	char name[64];
	int rc;

	memset(cat, 0, sizeof(*cat));
	if (!res) {
		snprintf(err, errlen, _("reading the plan catalogue: %s"), db_last_error(db)->plain);
		return -1;
	}
	if (db_result_rows(res) != 1) {
		db_result_free(res);
		snprintf(err, errlen, _("no plan catalogue is loaded in the database: an admin runs sdesk plans load"));
		return -1;
	}
	snprintf(name, sizeof(name), "catalogue %s", db_result_value(res, 0, 0));
	rc = conf_load_plans_string(db_result_value(res, 0, 1), name, cat, err, errlen);
	db_result_free(res);
	return rc;
}
