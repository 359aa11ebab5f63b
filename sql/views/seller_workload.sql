-- Per partner-side team member: open referrals, their value per currency, the oldest one waiting for an answer.
CREATE OR REPLACE VIEW seller_workload AS
WITH assignments AS (
    SELECT DISTINCT ON (lower(m.email), r.id)
        lower(m.email) AS email, m.first_name, m.last_name, r.id, r.status, r.substatus, r.deal_value, r.currency,
        r.created_at, r.updated_at
    FROM referral_team_members m
    JOIN referrals r ON r.id = m.referral_id
    WHERE m.side = 'partner' AND m.email IS NOT NULL AND r.missing_since IS NULL
    ORDER BY lower(m.email), r.id, m.position
),
open_values AS (
    SELECT email, jsonb_object_agg(coalesce(currency, '?'), total ORDER BY currency) AS by_currency
    FROM (
        SELECT email, currency, sum(deal_value) AS total
        FROM assignments WHERE status IN ('New', 'Active') AND deal_value IS NOT NULL
        GROUP BY email, currency
    ) per_currency
    GROUP BY email
)
SELECT
    a.email AS seller_email,
    (array_agg(a.first_name ORDER BY a.updated_at DESC NULLS LAST, a.id))[1] AS seller_first_name,
    (array_agg(a.last_name ORDER BY a.updated_at DESC NULLS LAST, a.id))[1] AS seller_last_name,
    count(*) AS referrals,
    count(*) FILTER (WHERE a.status IN ('New', 'Active')) AS open_referrals,
    count(*) FILTER (WHERE a.status = 'New') AS awaiting_response,
    count(*) FILTER (WHERE a.status = 'Active') AS active_referrals,
    coalesce(v.by_currency, '{}'::jsonb) AS open_deal_value,
    min(a.created_at) FILTER (WHERE a.status = 'New') AS oldest_pending_created_at,
    (array_agg(a.id ORDER BY a.created_at, a.id COLLATE "C") FILTER (WHERE a.status = 'New'))[1] AS oldest_pending_referral_id
FROM assignments a
LEFT JOIN open_values v USING (email)
GROUP BY a.email, v.by_currency;
COMMENT ON VIEW seller_workload IS 'Workload per partner-side team member (referral_team_members side partner), one row per e-mail (lower case): referrals they are on, how many are open, awaiting a response or active, the open deal value per currency, and the oldest referral still waiting for an answer. A referral with three sellers counts for each of them. missing_since referrals are left out.';
COMMENT ON COLUMN seller_workload.seller_email IS 'The team member''s e-mail, lower-cased.';
COMMENT ON COLUMN seller_workload.seller_first_name IS 'First name, as on their most recently updated referral.';
COMMENT ON COLUMN seller_workload.seller_last_name IS 'Last name, as on their most recently updated referral.';
COMMENT ON COLUMN seller_workload.referrals IS 'Referrals with this person on the partner team, in any status.';
COMMENT ON COLUMN seller_workload.open_referrals IS 'Of those, open (New or Active).';
COMMENT ON COLUMN seller_workload.awaiting_response IS 'Of those, New: waiting for the partner to accept or decline.';
COMMENT ON COLUMN seller_workload.active_referrals IS 'Of those, Active: accepted and being worked on.';
COMMENT ON COLUMN seller_workload.open_deal_value IS 'Deal value of the open referrals per currency, as a JSON object such as {"EUR": 12000, "USD": 50000}; never converted.';
COMMENT ON COLUMN seller_workload.oldest_pending_created_at IS 'Creation time of the oldest referral still New; null when none.';
COMMENT ON COLUMN seller_workload.oldest_pending_referral_id IS 'That referral''s id.';
