-- The API documentation's second sample question: the most recent inbound leads and opportunities not yet
-- responded to ($filter=direction eq 'Incoming' and substatus eq 'Pending', $orderby=createdDateTime desc).
CREATE OR REPLACE VIEW inbound_awaiting_response AS
SELECT
    r.id,
    r.name,
    r.created_at,
    r.type,
    r.qualification,
    c.name AS customer_name,
    c.country AS customer_country,
    r.deal_value,
    r.currency,
    r.expires_at
FROM referrals r
LEFT JOIN customers c USING (customer_key)
WHERE r.direction = 'Incoming' AND r.substatus = 'Pending' AND r.missing_since IS NULL
ORDER BY r.created_at DESC, r.id COLLATE "C";
COMMENT ON VIEW inbound_awaiting_response IS 'Inbound leads and opportunities nobody has responded to yet (direction Incoming, substatus Pending), newest first; one row per referral, missing_since ones left out. The API docs'' second sample question. Received ones (seen but not answered) are in pending_response_sla too.';
COMMENT ON COLUMN inbound_awaiting_response.id IS 'Referral id.';
COMMENT ON COLUMN inbound_awaiting_response.name IS 'Referral name.';
COMMENT ON COLUMN inbound_awaiting_response.created_at IS 'When it was created; the view is ordered by it, newest first.';
COMMENT ON COLUMN inbound_awaiting_response.type IS 'Independent (lead) or Shared (co-sell).';
COMMENT ON COLUMN inbound_awaiting_response.qualification IS 'None, Direct, MarketingQualified or SalesQualified.';
COMMENT ON COLUMN inbound_awaiting_response.customer_name IS 'Customer organisation name.';
COMMENT ON COLUMN inbound_awaiting_response.customer_country IS 'Customer''s two-letter country code.';
COMMENT ON COLUMN inbound_awaiting_response.deal_value IS 'Estimated deal value in currency.';
COMMENT ON COLUMN inbound_awaiting_response.currency IS 'ISO 4217 currency of deal_value.';
COMMENT ON COLUMN inbound_awaiting_response.expires_at IS 'Deadline to answer before Partner Center archives it as Expired (14 days after creation).';
