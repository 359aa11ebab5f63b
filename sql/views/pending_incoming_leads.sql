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
    floor(extract(epoch FROM (r.expires_at - now())) / 86400)::integer AS days_left
FROM referrals r
LEFT JOIN customers c USING (customer_key)
WHERE r.direction = 'Incoming' AND r.status = 'New' AND r.substatus IN ('Pending', 'Received')
  AND r.missing_since IS NULL;
COMMENT ON VIEW pending_incoming_leads IS 'Incoming leads and opportunities not yet accepted or declined; Partner Center archives them as Expired when days_left runs out.';
COMMENT ON COLUMN pending_incoming_leads.days_left IS 'Whole days until expires_at (negative when overdue).';
