-- Placeholder on the mail branch only: the number is reserved for another
-- engineer's migration. DROP THIS FILE (and its line in schema/local.mk) when merging.
SELECT 1;
