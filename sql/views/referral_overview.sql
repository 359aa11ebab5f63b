-- Referrals with their customer and the documented referral category, for dashboards.
CREATE OR REPLACE VIEW referral_overview AS
SELECT
    r.id,
    r.engagement_id,
    r.name,
    r.status,
    r.substatus,
    r.type,
    r.qualification,
    r.direction,
    CASE
        WHEN r.type = 'Independent' AND r.qualification = 'Direct'
             AND (r.invited_by_organization_id = 'msft' OR r.invited_by_organization_id IS NULL)
            THEN 'Marketplace lead'
        WHEN r.type = 'Independent' AND r.qualification IN ('SalesQualified', 'MarketingQualified')
             AND r.invited_by_organization_id = 'msft'
            THEN 'Qualified lead'
        WHEN r.type IN ('Independent', 'Shared') AND r.qualification IN ('SalesQualified', 'None')
            THEN 'Co-sell opportunity'
        ELSE 'Other'
    END AS category,
    r.deal_value,
    r.currency,
    r.created_at,
    r.updated_at,
    r.expires_at,
    r.closing_at,
    c.name AS customer_name,
    c.country AS customer_country,
    c.size AS customer_size,
    r.missing_since
FROM referrals r
LEFT JOIN customers c USING (customer_key);
COMMENT ON VIEW referral_overview IS 'Referrals with customer name, country and size, and the referral category (Marketplace lead, Qualified lead, Co-sell opportunity) derived as Partner Center documents it.';
COMMENT ON COLUMN referral_overview.category IS 'Marketplace lead, Qualified lead, Co-sell opportunity or Other, from type, qualification and who invited the partner.';
