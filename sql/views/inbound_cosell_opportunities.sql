-- The API documentation's first sample question: the most recent inbound co-sell opportunities
-- ($filter=type eq 'Shared' and direction eq 'Incoming', $orderby=createdDateTime desc).
CREATE OR REPLACE VIEW inbound_cosell_opportunities AS
SELECT
    r.id,
    r.engagement_id,
    r.name,
    r.created_at,
    r.status,
    r.substatus,
    r.qualification,
    r.invited_by_organization_id,
    r.invited_by_organization_name,
    c.name AS customer_name,
    c.country AS customer_country,
    r.deal_value,
    r.currency,
    r.expires_at
FROM referrals r
LEFT JOIN customers c USING (customer_key)
WHERE r.type = 'Shared' AND r.direction = 'Incoming' AND r.missing_since IS NULL
ORDER BY r.created_at DESC, r.id COLLATE "C";
COMMENT ON VIEW inbound_cosell_opportunities IS 'Inbound co-sell opportunities (type Shared, direction Incoming), newest first: opportunities a Microsoft seller or another partner invited the partner into. One row per referral, in any status; referrals flagged missing_since are left out. The API docs'' first sample question.';
COMMENT ON COLUMN inbound_cosell_opportunities.id IS 'Referral id.';
COMMENT ON COLUMN inbound_cosell_opportunities.engagement_id IS 'Engagement id shared with the inviter''s side of the co-sell.';
COMMENT ON COLUMN inbound_cosell_opportunities.name IS 'Referral name.';
COMMENT ON COLUMN inbound_cosell_opportunities.created_at IS 'When it was created; the view is ordered by it, newest first.';
COMMENT ON COLUMN inbound_cosell_opportunities.status IS 'New, Active or Closed.';
COMMENT ON COLUMN inbound_cosell_opportunities.substatus IS 'Pending, Received, Accepted, Won, Lost, Declined or Expired.';
COMMENT ON COLUMN inbound_cosell_opportunities.qualification IS 'None, Direct, MarketingQualified or SalesQualified.';
COMMENT ON COLUMN inbound_cosell_opportunities.invited_by_organization_id IS 'Who invited the partner: msft for Microsoft, otherwise the other partner''s id.';
COMMENT ON COLUMN inbound_cosell_opportunities.invited_by_organization_name IS 'Name of the inviting organisation.';
COMMENT ON COLUMN inbound_cosell_opportunities.customer_name IS 'Customer organisation name.';
COMMENT ON COLUMN inbound_cosell_opportunities.customer_country IS 'Customer''s two-letter country code.';
COMMENT ON COLUMN inbound_cosell_opportunities.deal_value IS 'Estimated deal value in currency.';
COMMENT ON COLUMN inbound_cosell_opportunities.currency IS 'ISO 4217 currency of deal_value.';
COMMENT ON COLUMN inbound_cosell_opportunities.expires_at IS 'Deadline to answer while New.';
