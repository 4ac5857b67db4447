/* The write path from db/actions.def: declarations, SQL text, one call. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/exitcodes.h"
#include "base/i18n.h"
#include "base/util.h"
#include "db/actions.h"
#include "db/db.h"

static const struct {
	const char *name;
	enum act_group group;
	const char *params;
	const char *help;
} table[] = {
#define ACTION(name, group, params, help) {#name, ACT_##group, params, help},
#include "db/actions.def"
#undef ACTION
};

/* Parsed on first use and kept (sdesk is single-threaded). */
static struct act_def defs[ACT_COUNT];
static char *sqls[ACT_COUNT];
static int parsed;

/* Names and types of the table are lower-case words, digits, _ and [] only:
 * they go into SQL text, so nothing else may. */
static int plain_word(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '[' || *s == ']'))
			return 0;
	return 1;
}

/* Splits "key uuid, ticket bigint" into defs[i].params. A malformed row is a
 * programming error caught by every test that writes: it aborts. */
static void parse_one(size_t i)
{
	struct act_def *d = &defs[i];
	const char *p = table[i].params;
	struct strbuf sql = {0};

	d->id = (enum act_id)i;
	d->name = table[i].name;
	if (!plain_word(d->name))
		sdesk_die(SDESK_EXIT_RUNTIME, "db/actions.def: '%s' is not a plain name", d->name);
	d->group = table[i].group;
	d->help = table[i].help;
	d->params_text = table[i].params;
	while (*p) {
		size_t n = strcspn(p, ",");
		char item[80];
		char *sp;

		if (d->nparams == ACT_MAXP || n >= sizeof(item))
			sdesk_die(SDESK_EXIT_RUNTIME, "db/actions.def: %s: too many or too long parameters", d->name);
		memcpy(item, p, n);
		item[n] = '\0';
		sp = strchr(item, ' ');
		if (!sp || !sp[1] || strchr(sp + 1, ' ') || strlen(item) >= sizeof(d->params[0].name)
		    || strlen(sp + 1) >= sizeof(d->params[0].type))
			sdesk_die(SDESK_EXIT_RUNTIME, "db/actions.def: %s: parameter '%s' is not 'name type'", d->name, item);
		*sp = '\0';
		if (!plain_word(item) || !plain_word(sp + 1))
			sdesk_die(SDESK_EXIT_RUNTIME, "db/actions.def: %s: parameter '%s %s' is not a plain name and type",
				  d->name, item, sp + 1);
		snprintf(d->params[d->nparams].name, sizeof(d->params[0].name), "%s", item);
		snprintf(d->params[d->nparams].type, sizeof(d->params[0].type), "%s", sp + 1);
		d->nparams++;
		p += n;
		if (*p == ',')
			p++;
		while (*p == ' ')
			p++;
	}
	d->keyed = d->nparams > 0 && strcmp(d->params[0].name, "key") == 0
		&& strcmp(d->params[0].type, "uuid") == 0;
	/* The statement holds identifiers and type names from the table
	 * compiled in, checked to be plain words above; values are always $n. */
	sb_append(&sql, "SELECT ");
	sb_append(&sql, d->name);
	sb_append(&sql, "(");
	for (int k = 0; k < d->nparams; k++) {
		sb_printf(&sql, "%s$%d::", k ? ", " : "", k + 1);
		sb_append(&sql, d->params[k].type);
	}
	sb_append(&sql, ")");
	sqls[i] = sql.buf;
}

static void parse_all(void)
{
	if (parsed)
		return;
	for (size_t i = 0; i < SDESK_ARRAY_LEN(table); i++)
		parse_one(i);
	parsed = 1;
}

const struct act_def *act_def(enum act_id a)
{
	if ((unsigned)a >= ACT_COUNT)
		return NULL;
	parse_all();
	return &defs[a];
}

const struct act_def *act_find(const char *name)
{
	parse_all();
	for (size_t i = 0; i < ACT_COUNT; i++)
		if (strcmp(defs[i].name, name) == 0)
			return &defs[i];
	return NULL;
}

const char *act_sql(enum act_id a)
{
	if ((unsigned)a >= ACT_COUNT)
		return NULL;
	parse_all();
	return sqls[a];
}

const char *act_group_role(enum act_group g)
{
	static const char *const roles[] = {"sdesk_agent", "sdesk_lead", "sdesk_ops", "sdesk_admin"};

	return (unsigned)g < SDESK_ARRAY_LEN(roles) ? roles[g] : "?";
}

const char *act_group_people(enum act_group g)
{
	static const char *const people[] = {N_("agents (sdesk_agent)"), N_("team leads (sdesk_lead)"),
					     N_("operations (sdesk_ops)"), N_("admins (sdesk_admin)")};

	return (unsigned)g < SDESK_ARRAY_LEN(people) ? _(people[g]) : "?";
}

/* ---------------------------------------------------------------- values */

struct act_val av_int(int64_t x)
{
	return (struct act_val){ACT_K_INT, x, NULL};
}

struct act_val av_id(int64_t x)
{
	return x <= 0 ? av_null() : av_int(x);
}

struct act_val av_time(int64_t t)
{
	return t == ACT_NO_TIME ? av_null() : (struct act_val){ACT_K_TIME, t, NULL};
}

struct act_val av_bool(int b)
{
	return (struct act_val){ACT_K_BOOL, b != 0, NULL};
}

struct act_val av_str(const char *s)
{
	return s ? (struct act_val){ACT_K_TEXT, 0, s} : av_null();
}

struct act_val av_null(void)
{
	return (struct act_val){ACT_K_NULL, 0, NULL};
}

void act_add(struct act_args *args, struct act_val v)
{
	if (args->n < ACT_MAXP)
		args->v[args->n] = v;
	args->n++; /* one too many is refused by act_texts */
}

/* Whether a value of kind k may be bound to a parameter of SQL type t. */
static int fits(enum act_kind k, const char *t)
{
	switch (k) {
	case ACT_K_NULL:
		return 1;
	case ACT_K_INT:
		return strcmp(t, "bigint") == 0 || strcmp(t, "integer") == 0 || strcmp(t, "smallint") == 0;
	case ACT_K_TIME:
		return strcmp(t, "timestamptz") == 0;
	case ACT_K_BOOL:
		return strcmp(t, "boolean") == 0;
	case ACT_K_TEXT:
		return strcmp(t, "text") == 0 || strcmp(t, "jsonb") == 0 || strcmp(t, "date") == 0
			|| strcmp(t, "text[]") == 0 || strcmp(t, "uuid") == 0;
	}
	return 0;
}

static const char *kind_name(enum act_kind k)
{
	static const char *const names[] = {"NULL", "a number", "an instant", "a boolean", "a text"};

	return (unsigned)k < SDESK_ARRAY_LEN(names) ? names[k] : "?";
}

int act_texts(enum act_id a, size_t n, const struct act_val *v, struct act_text *out, char *err,
	size_t errlen)
{
	const struct act_def *d = act_def(a);
	size_t first;

	if (!d) {
		snprintf(err, errlen, _("unknown action %d"), (int)a);
		return -1;
	}
	first = d->keyed ? 1 : 0;
	if (n != (size_t)d->nparams - first) {
		snprintf(err, errlen, _("%s takes %d values after the key, not %zu"), d->name,
			 d->nparams - (int)first, n);
		return -1;
	}
	out->n = n;
	for (size_t k = 0; k < n; k++) {
		const struct act_param *p = &d->params[k + first];
		struct tm tm;
		time_t tt;

		if (!fits(v[k].kind, p->type)) {
			snprintf(err, errlen, _("%s: parameter %zu %s is %s, not %s"), d->name, k + first + 1, p->name,
				 p->type, kind_name(v[k].kind));
			return -1;
		}
		switch (v[k].kind) {
		case ACT_K_NULL:
			out->v[k] = NULL;
			break;
		case ACT_K_INT:
			snprintf(out->buf[k], sizeof(out->buf[k]), "%" PRId64, v[k].i);
			out->v[k] = out->buf[k];
			break;
		case ACT_K_TIME:
			tt = (time_t)v[k].i;
			if (!gmtime_r(&tt, &tm)) {
				snprintf(err, errlen, _("%s: parameter %s: instant out of range"), d->name, p->name);
				return -1;
			}
			strftime(out->buf[k], sizeof(out->buf[k]), "%Y-%m-%dT%H:%M:%S+00:00", &tm);
			out->v[k] = out->buf[k];
			break;
		case ACT_K_BOOL:
			out->v[k] = v[k].i ? "true" : "false";
			break;
		case ACT_K_TEXT:
			out->v[k] = v[k].s;
			break;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------- calling */

int act_callv(struct db *db, enum act_id a, const char *key, int64_t *id, size_t n, const struct act_val *v)
{
	const struct act_def *d = act_def(a);
	struct act_text t;
	const char *params[ACT_MAXP];
	char fresh[37], err[256];
	struct db_result *res;
	const char *val;
	size_t np = 0;

	if (id)
		*id = 0;
	if (!d || act_texts(a, n, v, &t, err, sizeof(err)) < 0) {
		db_set_error(db, DB_INPUT, d ? err : _("unknown action"));
		return -1;
	}
	if (d->keyed) {
		if (!key) {
			if (db_new_key(fresh) != 0) {
				db_set_error(db, DB_OTHER, _("no randomness for an idempotency key"));
				return -1;
			}
			key = fresh;
		}
		params[np++] = key;
	} else if (key) {
		db_set_error(db, DB_INPUT, _("this action takes no idempotency key"));
		return -1;
	}
	for (size_t k = 0; k < t.n; k++)
		params[np++] = t.v[k];
	res = db_exec(db, act_sql(a), (int)np, params);
	if (!res)
		return -1;
	val = db_result_rows(res) > 0 ? db_result_value(res, 0, 0) : NULL;
	if (id)
		*id = val ? strtoll(val, NULL, 10) : 0;
	db_result_free(res);
	return 0;
}
