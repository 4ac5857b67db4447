/* SQL fragments that several query files of the database layer share, written
 * once. Only for the .c files of src/db: fixed text, never values (those are bound). */
#ifndef SDESK_DB_SQLFRAG_H
#define SDESK_DB_SQLFRAG_H

/* An instant as whole Unix seconds (bigint), NULL stays NULL. */
#define EPOCH(col) "floor(extract(epoch FROM " col "))::bigint"

/* A contract's target overrides (contract.overrides->'targets', see
 * doc/data-model.md) as the text sla_overrides_parse() reads:
 * "CATEGORY:CLOCK:UNIT:AMOUNT,...", '' when there are none. c: the contract's alias. */
#define SQL_CONTRACT_OVERRIDES(c) \
	"coalesce((SELECT string_agg(coalesce(o->>'category', '*') || ':' || coalesce(o->>'clock', '') || ':' ||" \
	"   CASE WHEN o ? 'minutes' THEN 'm:' || (o->>'minutes') WHEN o ? 'hours' THEN 'h:' || (o->>'hours')" \
	"   ELSE 'd:' || coalesce(o->>'workdays', '') END, ',')" \
	"   FROM jsonb_array_elements(CASE WHEN jsonb_typeof(" c ".overrides->'targets') = 'array'" \
	"   THEN " c ".overrides->'targets' ELSE '[]'::jsonb END) o), '')"

#endif
