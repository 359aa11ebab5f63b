-- The warehouse's tables and the analyst views, with the columns dashboards depend on.
-- Run by scripts/pgtap.sh (pg_prove) with the psql variable schema set to a migrated schema.
BEGIN;
SET search_path = :"schema", public;
SELECT plan(27);

SELECT tables_are(:'schema', ARRAY[
    'customers', 'referrals', 'requirements', 'referral_requirements', 'referral_team_members',
    'referral_status_history', 'etl_state', 'etl_runs', 'rejected_referrals', 'schema_migrations',
    'referrals_seen'
]);
SELECT views_are(:'schema', ARRAY[
    'referral_overview', 'pending_incoming_leads', 'solution_pipeline', 'inbound_cosell_opportunities',
    'inbound_awaiting_response', 'outbound_cosell_by_seller', 'pending_response_sla', 'funnel_by_month', 'win_rate',
    'deal_value_by_requirement', 'seller_workload', 'status_timeline', 'pipeline_health'
]);
SELECT has_function(:'schema', 'referrals_as_of', ARRAY[]::name[]);
SELECT function_returns(:'schema', 'referrals_as_of', ARRAY[]::name[], 'timestamp with time zone');
SELECT is(referrals_as_of(), now(), 'referrals_as_of() is now() by default');
SELECT set_config('referrals_etl.as_of', '2025-07-01T00:00:00Z', true) IS NOT NULL AS as_of_set \gset
SELECT is(referrals_as_of(), '2025-07-01T00:00:00Z'::timestamptz, 'referrals_as_of() follows referrals_etl.as_of');

SELECT columns_are(:'schema', 'referral_overview', ARRAY[
    'id', 'engagement_id', 'name', 'status', 'substatus', 'type', 'qualification', 'direction', 'category',
    'deal_value', 'currency', 'created_at', 'updated_at', 'expires_at', 'closing_at', 'customer_name',
    'customer_country', 'customer_size', 'missing_since', 'organization_name', 'accepted_at', 'status_reason',
    'customer_city', 'is_open', 'days_open', 'partner_team_size', 'customer_contacts', 'solutions', 'products',
    'industries', 'services'
]);
SELECT columns_are(:'schema', 'pending_incoming_leads', ARRAY[
    'id', 'name', 'customer_name', 'customer_country', 'deal_value', 'currency', 'created_at', 'expires_at', 'days_left'
]);
SELECT columns_are(:'schema', 'solution_pipeline', ARRAY[
    'solution_code', 'solution_name', 'status', 'currency', 'referrals', 'deal_value'
]);
SELECT columns_are(:'schema', 'inbound_cosell_opportunities', ARRAY[
    'id', 'engagement_id', 'name', 'created_at', 'status', 'substatus', 'qualification', 'invited_by_organization_id',
    'invited_by_organization_name', 'customer_name', 'customer_country', 'deal_value', 'currency', 'expires_at'
]);
SELECT columns_are(:'schema', 'inbound_awaiting_response', ARRAY[
    'id', 'name', 'created_at', 'type', 'qualification', 'customer_name', 'customer_country', 'deal_value', 'currency',
    'expires_at'
]);
SELECT columns_are(:'schema', 'outbound_cosell_by_seller', ARRAY[
    'seller_email', 'seller_first_name', 'seller_last_name', 'referral_id', 'engagement_id', 'referral_name',
    'created_at', 'customer_name', 'deal_value', 'currency', 'closing_at'
]);
SELECT columns_are(:'schema', 'pending_response_sla', ARRAY[
    'id', 'name', 'substatus', 'type', 'qualification', 'customer_name', 'deal_value', 'currency', 'created_at',
    'expires_at', 'hours_left', 'bucket', 'bucket_order', 'as_of'
]);
SELECT columns_are(:'schema', 'funnel_by_month', ARRAY[
    'month', 'direction', 'type', 'qualification', 'created', 'awaiting_response', 'accepted', 'active', 'won', 'lost',
    'declined', 'expired'
]);
SELECT columns_are(:'schema', 'win_rate', ARRAY[
    'quarter', 'qualification', 'direction', 'solution_code', 'solution_name', 'won', 'lost', 'win_rate'
]);
SELECT columns_are(:'schema', 'deal_value_by_requirement', ARRAY[
    'kind', 'code', 'name', 'currency', 'open_referrals', 'open_deal_value', 'won_referrals', 'won_deal_value'
]);
SELECT columns_are(:'schema', 'seller_workload', ARRAY[
    'seller_email', 'seller_first_name', 'seller_last_name', 'referrals', 'open_referrals', 'awaiting_response',
    'active_referrals', 'open_deal_value', 'oldest_pending_created_at', 'oldest_pending_referral_id'
]);
SELECT columns_are(:'schema', 'status_timeline', ARRAY[
    'referral_id', 'step', 'status', 'substatus', 'entered_at', 'left_at', 'is_current', 'time_in_status',
    'hours_in_status'
]);
SELECT columns_are(:'schema', 'pipeline_health', ARRAY[
    'pipeline', 'run_rank', 'run_id', 'started_at', 'finished_at', 'duration_s', 'status', 'mode', 'pages', 'referrals',
    'inserted', 'updated', 'unchanged', 'rejected', 'error', 'watermark', 'last_success_at', 'hours_since_success'
]);
SELECT col_type_is(:'schema', 'pending_response_sla', 'hours_left', 'numeric', 'pending_response_sla.hours_left is numeric');
SELECT col_type_is(:'schema', 'referral_overview', 'days_open', 'integer', 'referral_overview.days_open is integer');
SELECT col_type_is(:'schema', 'deal_value_by_requirement', 'open_deal_value', 'numeric', 'deal_value_by_requirement.open_deal_value is numeric');
SELECT col_type_is(:'schema', 'seller_workload', 'open_deal_value', 'jsonb', 'seller_workload.open_deal_value is jsonb');
SELECT col_type_is(:'schema', 'win_rate', 'win_rate', 'numeric', 'win_rate.win_rate is numeric');
SELECT col_type_is(:'schema', 'funnel_by_month', 'month', 'date', 'funnel_by_month.month is date');

-- Every referral has one overview row; the SLA view holds exactly the incoming referrals still New.
SELECT is((SELECT count(*) FROM referral_overview), (SELECT count(*) FROM referrals), 'one overview row per referral');
SELECT set_eq(
    'SELECT id FROM pending_response_sla',
    $$SELECT id FROM referrals WHERE direction = 'Incoming' AND status = 'New' AND missing_since IS NULL$$,
    'pending_response_sla holds the incoming referrals still New');

SELECT * FROM finish();
ROLLBACK;
