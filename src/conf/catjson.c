/* plans.cfg settings rendered as JSON for the database's definition columns. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "base/i18n.h"
#include "base/util.h"
#include "conf/catjson.h"

static void json_string(struct strbuf *sb, const char *s)
{
	sb_append(sb, "\"");
	for (; s && *s; s++) {
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

/* Any libconfig setting as JSON: groups are objects (member order kept),
 * arrays and lists are arrays. */
static void json_setting(struct strbuf *sb, const config_setting_t *s)
{
	int n;

	switch (config_setting_type(s)) {
	case CONFIG_TYPE_GROUP:
		sb_append(sb, "{");
		n = config_setting_length(s);
		for (int i = 0; i < n; i++) {
			const config_setting_t *m = config_setting_get_elem(s, (unsigned)i);

			if (i)
				sb_append(sb, ", ");
			json_string(sb, config_setting_name(m));
			sb_append(sb, ": ");
			json_setting(sb, m);
		}
		sb_append(sb, "}");
		break;
	case CONFIG_TYPE_ARRAY:
	case CONFIG_TYPE_LIST:
		sb_append(sb, "[");
		n = config_setting_length(s);
		for (int i = 0; i < n; i++) {
			if (i)
				sb_append(sb, ", ");
			json_setting(sb, config_setting_get_elem(s, (unsigned)i));
		}
		sb_append(sb, "]");
		break;
	case CONFIG_TYPE_INT:
		sb_printf(sb, "%d", config_setting_get_int(s));
		break;
	case CONFIG_TYPE_INT64:
		sb_printf(sb, "%lld", config_setting_get_int64(s));
		break;
	case CONFIG_TYPE_FLOAT:
		sb_printf(sb, "%.17g", config_setting_get_float(s));
		break;
	case CONFIG_TYPE_BOOL:
		sb_append(sb, config_setting_get_bool(s) ? "true" : "false");
		break;
	case CONFIG_TYPE_STRING:
		json_string(sb, config_setting_get_string(s));
		break;
	default:
		sb_append(sb, "null");
		break;
	}
}

/* Adds holiday set `name` and the sets it includes to names (no repeats). */
static void collect_holidays(const config_setting_t *sets, const char *name, const char ***names,
	size_t *n)
{
	const config_setting_t *set, *inc;

	for (size_t i = 0; i < *n; i++)
		if (strcmp((*names)[i], name) == 0)
			return;
	*names = xrealloc(*names, (*n + 1) * sizeof(**names));
	(*names)[(*n)++] = name;
	set = sets ? config_setting_get_member(sets, name) : NULL;
	if (set && (inc = config_setting_get_member(set, "include"))) {
		for (int i = 0; i < config_setting_length(inc); i++) {
			const char *s = config_setting_get_string_elem(inc, i);

			if (s)
				collect_holidays(sets, s, names, n);
		}
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* {"calendar": <setting>, "holidays": {"de": <set>, ...}} */
static char *calendar_json(const config_setting_t *cal, const config_setting_t *sets)
{
	struct strbuf sb = { 0 };
	const config_setting_t *hs = config_setting_get_member(cal, "holidays");
	const char **names = NULL;
	size_t n = 0;

	for (int i = 0; hs && i < config_setting_length(hs); i++) {
		const char *s = config_setting_get_string_elem(hs, i);

		if (s)
			collect_holidays(sets, s, &names, &n);
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	sb_append(&sb, "{\"calendar\": ");
	json_setting(&sb, cal);
	sb_append(&sb, ", \"holidays\": {");
	for (size_t i = 0; i < n; i++) {
		const config_setting_t *set = sets ? config_setting_get_member(sets, names[i]) : NULL;

		if (i)
			sb_append(&sb, ", ");
		json_string(&sb, names[i]);
		sb_append(&sb, ": ");
		if (set)
			json_setting(&sb, set);
		else
			sb_append(&sb, "null");
	}
	sb_append(&sb, "}}");
	free(names);
	return sb.buf;
}

static char *read_all(const char *file, char *err, size_t errlen)
{
	FILE *f = fopen(file, "rb");
	struct strbuf sb = { 0 };
	char buf[8192];
	size_t got;

	if (!f) {
		snprintf(err, errlen, _("%s: cannot open: %m"), file);
		return NULL;
	}
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_appendn(&sb, buf, got);
	fclose(f);
	if (!sb.buf)
		sb_append(&sb, "");
	return sb.buf;
}

int conf_cat_json_read(const char *file, struct conf_cat_json *out, char *err, size_t errlen)
{
	config_t cfg;
	const config_setting_t *root, *sets, *cals, *plans;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	out->source = read_all(file, err, errlen);
	if (!out->source)
		return -1;
	config_init(&cfg);
	if (config_read_string(&cfg, out->source) != CONFIG_TRUE) {
		snprintf(err, errlen, "%s:%d: %s", file, config_error_line(&cfg), config_error_text(&cfg));
		goto done;
	}
	root = config_root_setting(&cfg);
	sets = config_setting_get_member(root, "holidays");
	cals = config_setting_get_member(root, "calendars");
	plans = config_setting_get_member(root, "plans");
	if (cals) {
		int n = config_setting_length(cals);

		out->cals = xcalloc((size_t)n + 1, sizeof(*out->cals));
		for (int i = 0; i < n; i++) {
			const config_setting_t *c = config_setting_get_elem(cals, (unsigned)i);
			const char *zone = NULL;

			config_setting_lookup_string(c, "zone", &zone);
			out->cals[i].name = xstrdup(config_setting_name(c));
			out->cals[i].zone = xstrdup(zone ? zone : "UTC");
			out->cals[i].json = calendar_json(c, sets);
			out->ncals++;
		}
	}
	if (plans) {
		int n = config_setting_length(plans);

		out->plans = xcalloc((size_t)n + 1, sizeof(*out->plans));
		for (int i = 0; i < n; i++) {
			const config_setting_t *p = config_setting_get_elem(plans, (unsigned)i);
			const char *name = NULL;
			struct strbuf sb = { 0 };

			if (!config_setting_lookup_string(p, "name", &name)) {
				snprintf(err, errlen, _("%s:%d: plan without a name"), file,
					config_setting_source_line(p));
				goto done;
			}
			json_setting(&sb, p);
			out->plans[i].name = xstrdup(name);
			out->plans[i].json = sb.buf;
			out->nplans++;
		}
	}
	rc = 0;
done:
	config_destroy(&cfg);
	if (rc != 0)
		conf_cat_json_free(out);
	return rc;
}

void conf_cat_json_free(struct conf_cat_json *c)
{
	for (size_t i = 0; i < c->ncals; i++) {
		free(c->cals[i].name);
		free(c->cals[i].zone);
		free(c->cals[i].json);
	}
	for (size_t i = 0; i < c->nplans; i++) {
		free(c->plans[i].name);
		free(c->plans[i].json);
	}
	free(c->cals);
	free(c->plans);
	free(c->source);
	memset(c, 0, sizeof(*c));
}
