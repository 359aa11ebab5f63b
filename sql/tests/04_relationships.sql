-- The relationships the loader guarantees where the child tables have no foreign keys (migration 0007,
-- docs/load.md#foreign-keys): every child row names a stored referral, every bridge a stored requirement.
-- Run by scripts/pgtap.sh (pg_prove) with the psql variable schema set to a migrated (the end-to-end tests: loaded)
-- schema.
BEGIN;
SET search_path = :"schema", public;
SELECT plan(3);

SELECT is_empty(
    $$SELECT t.referral_id FROM referral_team_members t WHERE NOT EXISTS (SELECT 1 FROM referrals r WHERE r.id = t.referral_id)$$,
    'every team member belongs to a stored referral');
SELECT is_empty(
    $$SELECT b.referral_id FROM referral_requirements b WHERE NOT EXISTS (SELECT 1 FROM referrals r WHERE r.id = b.referral_id)$$,
    'every requirement bridge belongs to a stored referral');
SELECT is_empty(
    $$SELECT b.requirement_key FROM referral_requirements b
      WHERE NOT EXISTS (SELECT 1 FROM requirements q WHERE q.requirement_key = b.requirement_key)$$,
    'every requirement bridge names a stored requirement');

SELECT * FROM finish();
ROLLBACK;
