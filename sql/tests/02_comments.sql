-- Every table, view and column of the warehouse carries a comment written for analysts.
BEGIN;
SET search_path = :"schema", public;
SELECT plan(2);

SELECT is_empty(format($$
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = %L AND c.relkind IN ('r', 'v') AND obj_description(c.oid, 'pg_class') IS NULL
$$, :'schema'), 'every table and view has a comment');
SELECT is_empty(format($$
    SELECT c.relname || '.' || a.attname FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = %L AND c.relkind IN ('r', 'v') AND col_description(c.oid, a.attnum) IS NULL
$$, :'schema'), 'every table and view column has a comment');

SELECT * FROM finish();
ROLLBACK;
