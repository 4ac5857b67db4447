/* SQL fragments that several query files of the database layer share, written
 * once. Only for the .c files of src/db: fixed text, never values (those are bound). */
#ifndef SDESK_DB_SQLFRAG_H
#define SDESK_DB_SQLFRAG_H

/* An instant as whole Unix seconds (bigint), NULL stays NULL. */
#define EPOCH(col) "floor(extract(epoch FROM " col "))::bigint"

/* A contract's target overrides as the text sla_overrides_parse() reads come
 * from the SQL function contract_overrides(c) (schema/functions), the one
 * the database's own due instants use. */

#endif
