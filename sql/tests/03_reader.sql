-- referrals_reader: a NOLOGIN role that reads every table and view of the schema, present and future, and
-- cannot write.
BEGIN;
SET search_path = :"schema", public;
SELECT plan(16);

SELECT has_role('referrals_reader');
SELECT is((SELECT rolcanlogin FROM pg_roles WHERE rolname = 'referrals_reader'), false, 'referrals_reader cannot log in');
SELECT isnt_superuser('referrals_reader');
SELECT schema_privs_are(:'schema', 'referrals_reader', ARRAY['USAGE']);
SELECT is_empty(format($$
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = %L AND c.relkind IN ('r', 'v') AND NOT has_table_privilege('referrals_reader', c.oid, 'SELECT')
$$, :'schema'), 'referrals_reader can select every table and view');
SELECT is_empty(format($$
    SELECT c.relname || ' ' || p.privilege FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p(privilege)
    WHERE n.nspname = %L AND c.relkind IN ('r', 'v') AND has_table_privilege('referrals_reader', c.oid, p.privilege)
$$, :'schema'), 'referrals_reader holds no other privilege on any table or view');
SELECT table_privs_are(:'schema', 'referrals', 'referrals_reader', ARRAY['SELECT']);
SELECT table_privs_are(:'schema', 'pending_response_sla', 'referrals_reader', ARRAY['SELECT']);
SELECT ok(NOT has_schema_privilege('referrals_reader', :'schema', 'CREATE'), 'referrals_reader cannot create in the schema');

-- A table created later by the migrating role is readable too (default privileges).
CREATE TABLE pgtap_future_table (x integer);
SELECT table_privs_are(:'schema', 'pgtap_future_table', 'referrals_reader', ARRAY['SELECT'], 'a future table is readable');

SET LOCAL ROLE referrals_reader;
SELECT lives_ok('SELECT count(*) FROM referral_overview', 'the reader selects from a view');
SELECT lives_ok('SELECT count(*) FROM pending_response_sla', 'the reader selects from a view that calls referrals_as_of()');
SELECT throws_ok($$INSERT INTO etl_state (pipeline) VALUES ('reader')$$, '42501', NULL, 'the reader cannot insert');
SELECT throws_ok($$UPDATE referrals SET name = 'x'$$, '42501', NULL, 'the reader cannot update');
SELECT throws_ok('DELETE FROM etl_runs', '42501', NULL, 'the reader cannot delete');
SELECT throws_ok('CREATE TABLE reader_table (x integer)', '42501', NULL, 'the reader cannot create tables');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
