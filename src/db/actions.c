/* The action wrappers: one bound-parameter call per SQL action function. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "db/actions.h"
#include "db/db.h"

#define MAXP 12

/* Parameters of one call; numbers and instants are formatted into buf. */
struct params {
	const char *v[MAXP];
	char buf[MAXP][48];
	char key[37];
	int n;
};

static void p_str(struct params *p, const char *s)
{
	p->v[p->n++] = s;
}

static void p_int(struct params *p, int64_t x)
{
	snprintf(p->buf[p->n], sizeof(p->buf[p->n]), "%" PRId64, x);
	p->v[p->n] = p->buf[p->n];
	p->n++;
}

/* x <= 0 is SQL NULL (ids start at 1). */
static void p_id(struct params *p, int64_t x)
{
	if (x <= 0)
		p->v[p->n++] = NULL;
	else
		p_int(p, x);
}

static void p_bool(struct params *p, int b)
{
	p->v[p->n++] = b ? "true" : "false";
}

static void p_time(struct params *p, int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (t == ACT_NO_TIME || !gmtime_r(&tt, &tm)) {
		p->v[p->n++] = NULL;
		return;
	}
	strftime(p->buf[p->n], sizeof(p->buf[p->n]), "%Y-%m-%dT%H:%M:%S+00:00", &tm);
	p->v[p->n] = p->buf[p->n];
	p->n++;
}

/* The idempotency key: the caller's, else a fresh one. */
static int p_key(struct params *p, const char *key)
{
	if (!key) {
		if (db_new_key(p->key) != 0)
			return -1;
		key = p->key;
	}
	p->v[p->n++] = key;
	return 0;
}

/* Runs sql and stores the first value of the first row as a number in *id
 * (when id is not NULL). */
static int run_id(struct db *db, const char *sql, struct params *p, int64_t *id)
{
	struct db_result *res = db_exec(db, sql, p->n, p->v);
	const char *v;

	if (!res)
		return -1;
	v = db_result_rows(res) > 0 ? db_result_value(res, 0, 0) : NULL;
	if (id)
		*id = v ? strtoll(v, NULL, 10) : 0;
	db_result_free(res);
	return 0;
}

#define KEYED(p, key) \
	struct params p; \
	p.n = 0; \
	if (p_key(&p, key) != 0) \
		return -1

/* ---------------------------------------------------------------- catalogue */

int act_register_catalogue(struct db *db, const char *hash, const char *source, int64_t *id)
{
	struct params p = { .n = 0 };

	p_str(&p, hash);
	p_str(&p, source);
	return run_id(db, "SELECT register_catalogue($1, $2)", &p, id);
}

int act_upsert_calendar(struct db *db, int64_t catalogue, const char *code, const char *title,
	const char *time_zone, const char *definition)
{
	struct params p = { .n = 0 };

	p_int(&p, catalogue);
	p_str(&p, code);
	p_str(&p, title);
	p_str(&p, time_zone);
	p_str(&p, definition);
	return run_id(db, "SELECT upsert_calendar($1, $2, $3, $4, $5::jsonb)", &p, NULL);
}

int act_upsert_plan(struct db *db, int64_t catalogue, const char *code, const char *title,
	const char *provider, int vat_bp, const char *definition)
{
	struct params p = { .n = 0 };

	p_int(&p, catalogue);
	p_str(&p, code);
	p_str(&p, title);
	p_str(&p, provider);
	p_int(&p, vat_bp);
	p_str(&p, definition);
	return run_id(db, "SELECT upsert_plan($1, $2, $3, $4, $5::integer, $6::jsonb)", &p, NULL);
}

int act_retire_plans(struct db *db, int64_t catalogue, int *count)
{
	struct params p = { .n = 0 };
	int64_t n = 0;
	int rc;

	p_int(&p, catalogue);
	rc = run_id(db, "SELECT retire_plans($1)", &p, &n);
	if (rc == 0 && count)
		*count = (int)n;
	return rc;
}

/* ---------------------------------------------------------------- admin */

int act_create_account(struct db *db, const char *key, const char *code, const char *name,
	const char *activated_on, int64_t *id)
{
	KEYED(p, key);
	p_str(&p, code);
	p_str(&p, name);
	p_str(&p, activated_on);
	return run_id(db, "SELECT create_account($1, $2, $3, $4::date)", &p, id);
}

int act_create_contract(struct db *db, const char *key, int64_t account, const char *plan,
	const char *valid_from, const char *valid_to, const char *overrides, int64_t *id)
{
	KEYED(p, key);
	p_int(&p, account);
	p_str(&p, plan);
	p_str(&p, valid_from);
	p_str(&p, valid_to);
	p_str(&p, overrides);
	return run_id(db, "SELECT create_contract($1, $2, $3, $4::date, $5::date, $6::jsonb)", &p, id);
}

int act_create_contact(struct db *db, const char *key, int64_t account, const char *name,
	const char *role, const char *email, const char *phone, int64_t *id)
{
	KEYED(p, key);
	p_int(&p, account);
	p_str(&p, name);
	p_str(&p, role);
	p_str(&p, email);
	p_str(&p, phone);
	return run_id(db, "SELECT create_contact($1, $2, $3, $4, $5, $6)", &p, id);
}

int act_create_team(struct db *db, const char *key, const char *name, int64_t *id)
{
	KEYED(p, key);
	p_str(&p, name);
	return run_id(db, "SELECT create_team($1, $2)", &p, id);
}

int act_create_agent(struct db *db, const char *key, const char *login, const char *display_name,
	int tier, int64_t team, int is_lead)
{
	KEYED(p, key);
	p_str(&p, login);
	p_str(&p, display_name);
	p_int(&p, tier);
	p_id(&p, team);
	p_bool(&p, is_lead);
	return run_id(db, "SELECT create_agent($1, $2, $3, $4::smallint, $5, $6::boolean)", &p, NULL);
}

/* ---------------------------------------------------------------- tickets */

int act_create_ticket(struct db *db, const char *key, int64_t account, int64_t contract,
	int64_t contact, const char *channel, const char *category, const char *subject,
	const char *description, int64_t received, int64_t reaction_due, int64_t resolution_due,
	int64_t *id)
{
	KEYED(p, key);
	p_int(&p, account);
	p_int(&p, contract);
	p_id(&p, contact);
	p_str(&p, channel);
	p_str(&p, category);
	p_str(&p, subject);
	p_str(&p, description);
	p_time(&p, received);
	p_time(&p, reaction_due);
	p_time(&p, resolution_due);
	return run_id(db, "SELECT create_ticket($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz,"
		" $10::timestamptz, $11::timestamptz)", &p, id);
}

int act_take_ticket(struct db *db, const char *key, int64_t ticket)
{
	KEYED(p, key);
	p_int(&p, ticket);
	return run_id(db, "SELECT take_ticket($1, $2)", &p, NULL);
}

int act_assign_ticket(struct db *db, const char *key, int64_t ticket, const char *agent)
{
	KEYED(p, key);
	p_int(&p, ticket);
	p_str(&p, agent);
	return run_id(db, "SELECT assign_ticket($1, $2, $3)", &p, NULL);
}

int act_set_tier(struct db *db, const char *key, int64_t ticket, int tier, const char *reason)
{
	KEYED(p, key);
	p_int(&p, ticket);
	p_int(&p, tier);
	p_str(&p, reason);
	return run_id(db, "SELECT set_tier($1, $2, $3::smallint, $4)", &p, NULL);
}

int act_first_contact(struct db *db, const char *key, int64_t ticket, int64_t at,
	const char *category, int64_t estimate_due, int64_t resolution_due)
{
	KEYED(p, key);
	p_int(&p, ticket);
	p_time(&p, at);
	p_str(&p, category);
	p_time(&p, estimate_due);
	p_time(&p, resolution_due);
	return run_id(db, "SELECT first_contact($1, $2, $3::timestamptz, $4, $5::timestamptz,"
		" $6::timestamptz)", &p, NULL);
}

int act_extend_estimate(struct db *db, const char *key, int64_t ticket, int64_t new_due,
	const char *reason)
{
	KEYED(p, key);
	p_int(&p, ticket);
	p_time(&p, new_due);
	p_str(&p, reason);
	return run_id(db, "SELECT extend_estimate($1, $2, $3::timestamptz, $4)", &p, NULL);
}

int act_set_escalation(struct db *db, const char *key, int64_t ticket, int level, int extended,
	const char *reason)
{
	KEYED(p, key);
	p_int(&p, ticket);
	p_int(&p, level);
	p_bool(&p, extended);
	p_str(&p, reason);
	return run_id(db, "SELECT set_escalation($1, $2, $3::smallint, $4::boolean, $5)", &p, NULL);
}

int act_pause_ticket(struct db *db, const char *key, int64_t ticket, int64_t at, const char *reason)
{
	KEYED(p, key);
	p_int(&p, ticket);
	p_time(&p, at);
	p_str(&p, reason);
	return run_id(db, "SELECT pause_ticket($1, $2, $3::timestamptz, $4)", &p, NULL);
}

int act_resume_ticket(struct db *db, const char *key, int64_t ticket, int64_t at,
	int64_t reaction_due, int64_t resolution_due)
{
	KEYED(p, key);
	p_int(&p, ticket);
	p_time(&p, at);
	p_time(&p, reaction_due);
	p_time(&p, resolution_due);
	return run_id(db, "SELECT resume_ticket($1, $2, $3::timestamptz, $4::timestamptz,"
		" $5::timestamptz)", &p, NULL);
}

int act_mark_managed_service(struct db *db, const char *key, int64_t ticket, int64_t told_at,
	const char *told_via)
{
	KEYED(p, key);
	p_int(&p, ticket);
	p_time(&p, told_at);
	p_str(&p, told_via);
	return run_id(db, "SELECT mark_managed_service($1, $2, $3::timestamptz, $4)", &p, NULL);
}

int act_link_dev_ticket(struct db *db, const char *key, int64_t ticket, const char *tracker,
	const char *ref, const char *kind, const char *url, int64_t *id)
{
	KEYED(p, key);
	p_int(&p, ticket);
	p_str(&p, tracker);
	p_str(&p, ref);
	p_str(&p, kind);
	p_str(&p, url);
	return run_id(db, "SELECT link_dev_ticket($1, $2, $3, $4, $5, $6)", &p, id);
}

int act_resolve_ticket(struct db *db, const char *key, int64_t ticket, int64_t at, const char *note)
{
	KEYED(p, key);
	p_int(&p, ticket);
	p_time(&p, at);
	p_str(&p, note);
	return run_id(db, "SELECT resolve_ticket($1, $2, $3::timestamptz, $4)", &p, NULL);
}

int act_reopen_ticket(struct db *db, const char *key, int64_t ticket, const char *reason,
	int64_t resolution_due)
{
	KEYED(p, key);
	p_int(&p, ticket);
	p_str(&p, reason);
	p_time(&p, resolution_due);
	return run_id(db, "SELECT reopen_ticket($1, $2, $3, $4::timestamptz)", &p, NULL);
}

int act_close_ticket(struct db *db, const char *key, int64_t ticket, int64_t at)
{
	KEYED(p, key);
	p_int(&p, ticket);
	p_time(&p, at);
	return run_id(db, "SELECT close_ticket($1, $2, $3::timestamptz)", &p, NULL);
}

int act_set_ticket_dues(struct db *db, const char *key, int64_t ticket, int64_t reaction_due,
	int64_t resolution_due)
{
	KEYED(p, key);
	p_int(&p, ticket);
	p_time(&p, reaction_due);
	p_time(&p, resolution_due);
	return run_id(db, "SELECT set_ticket_dues($1, $2, $3::timestamptz, $4::timestamptz)", &p, NULL);
}

/* ---------------------------------------------------------------- incidents */

int act_create_incident(struct db *db, const char *key, const char *title, const char *description,
	int64_t started_at, int64_t expected_fix_at, int64_t *id)
{
	KEYED(p, key);
	p_str(&p, title);
	p_str(&p, description);
	p_time(&p, started_at);
	p_time(&p, expected_fix_at);
	return run_id(db, "SELECT create_incident($1, $2, $3, $4::timestamptz, $5::timestamptz)", &p, id);
}

int act_broadcast_incident(struct db *db, const char *key, int64_t incident, const char *body,
	int64_t expected_fix_at, int64_t sent_at, int64_t *id)
{
	KEYED(p, key);
	p_int(&p, incident);
	p_str(&p, body);
	p_time(&p, expected_fix_at);
	p_time(&p, sent_at);
	return run_id(db, "SELECT broadcast_incident($1, $2, $3, $4::timestamptz, $5::timestamptz)", &p, id);
}

int act_resolve_incident(struct db *db, const char *key, int64_t incident, int64_t at)
{
	KEYED(p, key);
	p_int(&p, incident);
	p_time(&p, at);
	return run_id(db, "SELECT resolve_incident($1, $2, $3::timestamptz)", &p, NULL);
}

int act_link_incident(struct db *db, const char *key, int64_t ticket, int64_t incident)
{
	KEYED(p, key);
	p_int(&p, ticket);
	p_int(&p, incident);
	return run_id(db, "SELECT link_incident($1, $2, $3)", &p, NULL);
}

int act_create_maintenance(struct db *db, const char *key, const char *title, const char *scope,
	int64_t starts_at, int64_t ends_at, int64_t announced_at, int64_t *id)
{
	KEYED(p, key);
	p_str(&p, title);
	p_str(&p, scope);
	p_time(&p, starts_at);
	p_time(&p, ends_at);
	p_time(&p, announced_at);
	return run_id(db, "SELECT create_maintenance($1, $2, $3, $4::timestamptz, $5::timestamptz,"
		" $6::timestamptz)", &p, id);
}

/* ---------------------------------------------------------------- standby, on-call */

int act_book_standby(struct db *db, const char *key, int64_t contract, int64_t starts_at,
	int64_t ends_at, int64_t rate_cents, int64_t earliest_start, const char *override_reason,
	int64_t *id)
{
	KEYED(p, key);
	p_int(&p, contract);
	p_time(&p, starts_at);
	p_time(&p, ends_at);
	p_int(&p, rate_cents);
	p_time(&p, earliest_start);
	p_str(&p, override_reason);
	return run_id(db, "SELECT book_standby($1, $2, $3::timestamptz, $4::timestamptz, $5::bigint,"
		" $6::timestamptz, $7)", &p, id);
}

int act_start_oncall(struct db *db, const char *key, int64_t contract, int64_t ticket,
	int64_t started_at, int64_t *id)
{
	KEYED(p, key);
	p_int(&p, contract);
	p_id(&p, ticket);
	p_time(&p, started_at);
	return run_id(db, "SELECT start_oncall($1, $2, $3, $4::timestamptz)", &p, id);
}

int act_check_oncall_item(struct db *db, const char *key, int64_t work, const char *item,
	const char *note)
{
	KEYED(p, key);
	p_int(&p, work);
	p_str(&p, item);
	p_str(&p, note);
	return run_id(db, "SELECT check_oncall_item($1, $2, $3, $4)", &p, NULL);
}

int act_end_oncall(struct db *db, const char *key, int64_t work, int64_t ended_at, const char *report)
{
	KEYED(p, key);
	p_int(&p, work);
	p_time(&p, ended_at);
	p_str(&p, report);
	return run_id(db, "SELECT end_oncall($1, $2, $3::timestamptz, $4)", &p, NULL);
}

/* ---------------------------------------------------------------- calls, time, ledger */

static void json_string(struct strbuf *sb, const char *s)
{
	sb_append(sb, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			sb_printf(sb, "\\%c", c);
		else if (c < 0x20)
			sb_printf(sb, "\\u%04x", c);
		else
			sb_appendn(sb, s, 1);
	}
	sb_append(sb, "\"");
}

char *act_ledger_json(const struct act_ledger_row *rows, size_t n)
{
	struct strbuf sb = { 0 };

	sb_append(&sb, "[");
	for (size_t i = 0; i < n; i++) {
		sb_append(&sb, i ? ", {\"kind\": " : "{\"kind\": ");
		json_string(&sb, rows[i].kind ? rows[i].kind : "");
		sb_append(&sb, ", \"pool\": ");
		json_string(&sb, rows[i].pool ? rows[i].pool : "phone");
		sb_append(&sb, ", \"unit\": ");
		json_string(&sb, rows[i].unit ? rows[i].unit : "");
		sb_printf(&sb, ", \"amount\": %d, \"money_cents\": %" PRId64 "}", rows[i].amount,
			rows[i].money_cents);
	}
	sb_append(&sb, "]");
	return sb.buf;
}

int act_log_call(struct db *db, const char *key, int64_t ticket, int64_t started_at, int duration_s,
	const char *kind, const char *tariff_window, int64_t price_cents,
	const struct act_ledger_row *ledger, size_t nledger, int64_t *id)
{
	char *json = act_ledger_json(ledger, nledger);
	int rc;

	KEYED(p, key);
	p_int(&p, ticket);
	p_time(&p, started_at);
	p_int(&p, duration_s);
	p_str(&p, kind);
	p_str(&p, tariff_window);
	p_int(&p, price_cents);
	p_str(&p, json);
	rc = run_id(db, "SELECT log_call($1, $2, $3::timestamptz, $4::integer, $5, $6, $7::bigint,"
		" $8::jsonb)", &p, id);
	free(json);
	return rc;
}

int act_log_time(struct db *db, const char *key, int64_t ticket, int64_t started_at, int minutes,
	const char *kind, int rush, int64_t rate_cents, int64_t amount_cents, const char *note,
	const struct act_ledger_row *ledger, size_t nledger, int64_t *id)
{
	char *json = act_ledger_json(ledger, nledger);
	int rc;

	KEYED(p, key);
	p_int(&p, ticket);
	p_time(&p, started_at);
	p_int(&p, minutes);
	p_str(&p, kind);
	p_bool(&p, rush);
	p_int(&p, rate_cents);
	p_int(&p, amount_cents);
	p_str(&p, note);
	p_str(&p, json);
	rc = run_id(db, "SELECT log_time($1, $2, $3::timestamptz, $4::integer, $5, $6::boolean,"
		" $7::bigint, $8::bigint, $9, $10::jsonb)", &p, id);
	free(json);
	return rc;
}

int act_ledger_credit(struct db *db, const char *key, int64_t contract, const char *kind,
	const char *pool, const char *unit, int amount, int64_t money_cents, const char *period,
	const char *reason, int64_t *id)
{
	KEYED(p, key);
	p_int(&p, contract);
	p_str(&p, kind);
	p_str(&p, pool);
	p_str(&p, unit);
	p_int(&p, amount);
	p_int(&p, money_cents);
	p_str(&p, period);
	p_str(&p, reason);
	return run_id(db, "SELECT ledger_credit($1, $2, $3, $4, $5, $6::integer, $7::bigint, $8::date,"
		" $9)", &p, id);
}

int act_ledger_correction(struct db *db, const char *key, int64_t contract, const char *pool,
	const char *unit, int amount, int64_t money_cents, const char *reason, int64_t *id)
{
	KEYED(p, key);
	p_int(&p, contract);
	p_str(&p, pool);
	p_str(&p, unit);
	p_int(&p, amount);
	p_int(&p, money_cents);
	p_str(&p, reason);
	return run_id(db, "SELECT ledger_correction($1, $2, $3, $4, $5::integer, $6::bigint, $7)", &p, id);
}
