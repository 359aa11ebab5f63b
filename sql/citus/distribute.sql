-- The warehouse on Citus (distributed PostgreSQL): the fact and its children distributed by referral id and
-- co-located, so a referral's batch (delete children, insert the new set, upsert the parent) touches one shard
-- group; the two small dimensions are reference tables (copied to every node), so every join stays local.
--
-- Run once on the coordinator, after `referrals-etl migrate` created the schema and before the first load:
--   psql "$DATABASE_URL" -v schema=partner_center -f sql/citus/distribute.sql
-- NOT RUN HERE: Citus is not packaged for this project's machines; see docs/SCALING.md for what was checked.
\set ON_ERROR_STOP on
SET search_path TO :"schema";

-- Dimensions: small (24,514 customers and 97 requirements per 100,000 referrals, measured), read by every join.
SELECT create_reference_table('customers');
SELECT create_reference_table('requirements');

-- A distributed table's primary key must contain the distribution column: the history's surrogate key gets the
-- referral id in front (its ordering index already starts with it).
ALTER TABLE referral_status_history DROP CONSTRAINT referral_status_history_pkey;
ALTER TABLE referral_status_history ADD PRIMARY KEY (referral_id, id);

-- The fact and its children, co-located by referral id. 32 shards suit 2 to 16 workers.
SELECT create_distributed_table('referrals', 'id', shard_count := 32);
SELECT create_distributed_table('referral_requirements', 'referral_id', colocate_with := 'referrals');
SELECT create_distributed_table('referral_team_members', 'referral_id', colocate_with := 'referrals');
SELECT create_distributed_table('referral_status_history', 'referral_id', colocate_with := 'referrals');
-- A full refresh's sightings, joined with referrals by id when it flags the missing ones: co-located too.
SELECT create_distributed_table('referrals_seen', 'referral_id', colocate_with := 'referrals');

-- etl_state, etl_runs, rejected_referrals and schema_migrations stay on the coordinator as Citus local tables: a few
-- rows per batch, written in the same transaction as the batch (Citus 11+ allows that), so a batch's rows and its
-- watermark still commit together.
SELECT citus_add_local_table_to_metadata('etl_state');
SELECT citus_add_local_table_to_metadata('etl_runs');
SELECT citus_add_local_table_to_metadata('rejected_referrals');
SELECT citus_add_local_table_to_metadata('schema_migrations');
