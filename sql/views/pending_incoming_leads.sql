-- Incoming referrals still waiting for an answer, with the days left before the 14-day expiry.
CREATE OR REPLACE VIEW pending_incoming_leads AS
SELECT
    r.id,
    r.name,
    c.name AS customer_name,
    c.country AS customer_country,
    r.deal_value,
    r.currency,
    r.created_at,
    r.expires_at,
    floor(extract(epoch FROM (r.expires_at - referrals_as_of())) / 86400)::integer AS days_left
FROM referrals r
LEFT JOIN customers c USING (customer_key)
WHERE r.direction = 'Incoming' AND r.status = 'New' AND r.substatus IN ('Pending', 'Received')
  AND r.missing_since IS NULL;
COMMENT ON VIEW pending_incoming_leads IS 'Incoming leads and opportunities not yet accepted or declined (status New), one row per referral; Partner Center archives them as Expired when days_left runs out. pending_response_sla adds hours and buckets.';
COMMENT ON COLUMN pending_incoming_leads.id IS 'Referral id.';
COMMENT ON COLUMN pending_incoming_leads.name IS 'Referral name.';
COMMENT ON COLUMN pending_incoming_leads.customer_name IS 'Customer organisation name.';
COMMENT ON COLUMN pending_incoming_leads.customer_country IS 'Customer''s two-letter country code.';
COMMENT ON COLUMN pending_incoming_leads.deal_value IS 'Estimated deal value in currency.';
COMMENT ON COLUMN pending_incoming_leads.currency IS 'ISO 4217 currency of deal_value.';
COMMENT ON COLUMN pending_incoming_leads.created_at IS 'When the referral was created.';
COMMENT ON COLUMN pending_incoming_leads.expires_at IS 'Deadline to answer (expirationDateTime).';
COMMENT ON COLUMN pending_incoming_leads.days_left IS 'Whole days from referrals_as_of() until expires_at (negative when overdue).';
