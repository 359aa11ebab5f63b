-- The API documentation's third sample question: the active co-sell opportunities the partner created that a
-- given seller works on ($filter=status eq 'Active' and direction eq 'Outgoing' and type eq 'Shared' and
-- team/any(t:t/email eq '...')), for every seller at once.
CREATE OR REPLACE VIEW outbound_cosell_by_seller AS
SELECT DISTINCT ON (lower(m.email), r.id)
    lower(m.email) AS seller_email,
    m.first_name AS seller_first_name,
    m.last_name AS seller_last_name,
    r.id AS referral_id,
    r.engagement_id,
    r.name AS referral_name,
    r.created_at,
    c.name AS customer_name,
    r.deal_value,
    r.currency,
    r.closing_at
FROM referrals r
JOIN referral_team_members m ON m.referral_id = r.id AND m.side = 'partner' AND m.email IS NOT NULL
LEFT JOIN customers c USING (customer_key)
WHERE r.status = 'Active' AND r.direction = 'Outgoing' AND r.type = 'Shared' AND r.missing_since IS NULL
ORDER BY lower(m.email), r.id, m.position;
COMMENT ON VIEW outbound_cosell_by_seller IS 'Active outbound co-sell opportunities (status Active, direction Outgoing, type Shared) by seller: one row per partner-side team member e-mail (lower case) and referral. Filter on seller_email for one seller; missing_since referrals are left out. The API docs'' third sample question.';
COMMENT ON COLUMN outbound_cosell_by_seller.seller_email IS 'The seller''s e-mail, lower-cased (Partner Center compares e-mails case-insensitively).';
COMMENT ON COLUMN outbound_cosell_by_seller.seller_first_name IS 'Seller''s first name as on this referral.';
COMMENT ON COLUMN outbound_cosell_by_seller.seller_last_name IS 'Seller''s last name as on this referral.';
COMMENT ON COLUMN outbound_cosell_by_seller.referral_id IS 'Referral id.';
COMMENT ON COLUMN outbound_cosell_by_seller.engagement_id IS 'Engagement id, shared with the other side of the co-sell.';
COMMENT ON COLUMN outbound_cosell_by_seller.referral_name IS 'Referral name.';
COMMENT ON COLUMN outbound_cosell_by_seller.created_at IS 'When the referral was created.';
COMMENT ON COLUMN outbound_cosell_by_seller.customer_name IS 'Customer organisation name.';
COMMENT ON COLUMN outbound_cosell_by_seller.deal_value IS 'Estimated deal value in currency (the whole deal, repeated for each seller on it).';
COMMENT ON COLUMN outbound_cosell_by_seller.currency IS 'ISO 4217 currency of deal_value.';
COMMENT ON COLUMN outbound_cosell_by_seller.closing_at IS 'Expected closing date.';
