-- Every incoming referral still waiting for an answer and how long is left: the 14-day rule partners miss most.
CREATE OR REPLACE VIEW pending_response_sla AS
SELECT
    r.id,
    r.name,
    r.substatus,
    r.type,
    r.qualification,
    c.name AS customer_name,
    r.deal_value,
    r.currency,
    r.created_at,
    r.expires_at,
    round((extract(epoch FROM (r.expires_at - referrals_as_of())) / 3600)::numeric, 1) AS hours_left,
    CASE
        WHEN r.expires_at IS NULL THEN 'no deadline'
        WHEN r.expires_at <= referrals_as_of() THEN 'expired'
        WHEN r.expires_at < referrals_as_of() + interval '24 hours' THEN 'under 24 h'
        WHEN r.expires_at < referrals_as_of() + interval '3 days' THEN 'under 3 days'
        ELSE 'later'
    END AS bucket,
    CASE
        WHEN r.expires_at IS NULL THEN 5
        WHEN r.expires_at <= referrals_as_of() THEN 1
        WHEN r.expires_at < referrals_as_of() + interval '24 hours' THEN 2
        WHEN r.expires_at < referrals_as_of() + interval '3 days' THEN 3
        ELSE 4
    END AS bucket_order,
    referrals_as_of() AS as_of
FROM referrals r
LEFT JOIN customers c USING (customer_key)
WHERE r.direction = 'Incoming' AND r.status = 'New' AND r.missing_since IS NULL;
COMMENT ON VIEW pending_response_sla IS 'Every incoming referral still waiting for an answer (status New: substatus Pending or Received), one row each, with the hours left before Partner Center archives it as Expired (14 days after creation) and a bucket: expired, under 24 h, under 3 days, later. Counted from referrals_as_of() (now(), or the session''s referrals_etl.as_of). Expired here means overdue but not yet archived by Partner Center.';
COMMENT ON COLUMN pending_response_sla.id IS 'Referral id.';
COMMENT ON COLUMN pending_response_sla.name IS 'Referral name.';
COMMENT ON COLUMN pending_response_sla.substatus IS 'Pending (not opened) or Received (seen, not answered).';
COMMENT ON COLUMN pending_response_sla.type IS 'Independent (lead) or Shared (co-sell).';
COMMENT ON COLUMN pending_response_sla.qualification IS 'None, Direct, MarketingQualified or SalesQualified.';
COMMENT ON COLUMN pending_response_sla.customer_name IS 'Customer organisation name.';
COMMENT ON COLUMN pending_response_sla.deal_value IS 'Estimated deal value in currency.';
COMMENT ON COLUMN pending_response_sla.currency IS 'ISO 4217 currency of deal_value.';
COMMENT ON COLUMN pending_response_sla.created_at IS 'When the referral was created.';
COMMENT ON COLUMN pending_response_sla.expires_at IS 'Deadline to answer (expirationDateTime); null when the API sent none.';
COMMENT ON COLUMN pending_response_sla.hours_left IS 'Hours from as_of until expires_at, one decimal; negative when overdue, null without a deadline.';
COMMENT ON COLUMN pending_response_sla.bucket IS 'expired (deadline passed), under 24 h, under 3 days, later, or no deadline.';
COMMENT ON COLUMN pending_response_sla.bucket_order IS 'Sort key of bucket, most urgent first: 1 expired … 4 later, 5 no deadline.';
COMMENT ON COLUMN pending_response_sla.as_of IS 'The time hours_left counts from (referrals_as_of()).';
