-- Every table, view and column of the warehouse carries a comment written for analysts.
BEGIN;
SET search_path = :"schema", public;
SELECT plan(4);

SELECT is_empty(format($$
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = %L AND c.relkind = 'v' AND obj_description(c.oid, 'pg_class') IS NULL
$$, :'schema'), 'every view has a comment');
SELECT is_empty(format($$
    SELECT c.relname || '.' || a.attname FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = %L AND c.relkind = 'v' AND col_description(c.oid, a.attnum) IS NULL
$$, :'schema'), 'every view column has a comment');
SELECT is_empty(format($$
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = %L AND c.relkind = 'r' AND obj_description(c.oid, 'pg_class') IS NULL
$$, :'schema'), 'every table has a comment');
SELECT is_empty(format($$
    SELECT c.relname || '.' || a.attname FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = %L AND c.relkind = 'r' AND col_description(c.oid, a.attnum) IS NULL
$$, :'schema'), 'every table column has a comment');

SELECT * FROM finish();
ROLLBACK;
