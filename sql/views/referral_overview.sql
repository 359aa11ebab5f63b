-- One row per referral, flat for a BI tool: the customer, deal value, days open, team sizes and the requirement
-- lists as text. New columns go at the end: CREATE OR REPLACE VIEW keeps the earlier ones for dashboards.
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
    r.missing_since,
    r.organization_name,
    r.accepted_at,
    r.status_reason,
    c.city AS customer_city,
    r.status IN ('New', 'Active') AS is_open,
    floor(extract(epoch FROM (
        CASE WHEN r.status IN ('New', 'Active') THEN referrals_as_of() ELSE r.updated_at END - r.created_at
    )) / 86400)::integer AS days_open,
    coalesce(team.partner_members, 0) AS partner_team_size,
    coalesce(team.customer_contacts, 0) AS customer_contacts,
    reqs.solutions,
    reqs.products,
    reqs.industries,
    reqs.services
FROM referrals r
LEFT JOIN customers c USING (customer_key)
LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE m.side = 'partner') AS partner_members,
           count(*) FILTER (WHERE m.side = 'customer') AS customer_contacts
    FROM referral_team_members m WHERE m.referral_id = r.id
) team ON true
LEFT JOIN LATERAL (
    SELECT string_agg(coalesce(q.name, q.code), ', ' ORDER BY rr.position) FILTER (WHERE q.kind = 'solution') AS solutions,
           string_agg(q.code, ', ' ORDER BY rr.position) FILTER (WHERE q.kind = 'product') AS products,
           string_agg(q.code, ', ' ORDER BY rr.position) FILTER (WHERE q.kind = 'industry') AS industries,
           string_agg(q.code, ', ' ORDER BY rr.position) FILTER (WHERE q.kind = 'service') AS services
    FROM referral_requirements rr JOIN requirements q USING (requirement_key)
    WHERE rr.referral_id = r.id
) reqs ON true;
COMMENT ON VIEW referral_overview IS 'One row per referral (lead or co-sell opportunity), flat for BI tools: status, the documented referral category, customer, deal value, days open, team sizes and the requested solutions, products, industries and services as comma-separated lists. Includes referrals flagged missing_since.';
COMMENT ON COLUMN referral_overview.id IS 'Referral id (referrals.id).';
COMMENT ON COLUMN referral_overview.engagement_id IS 'Engagement id: both sides of one shared co-sell carry the same value.';
COMMENT ON COLUMN referral_overview.name IS 'Referral name as entered in Partner Center.';
COMMENT ON COLUMN referral_overview.status IS 'New, Active or Closed.';
COMMENT ON COLUMN referral_overview.substatus IS 'Pending or Received (New), Accepted (Active), Won, Lost, Declined or Expired (Closed).';
COMMENT ON COLUMN referral_overview.type IS 'Independent (one partner) or Shared (co-sell).';
COMMENT ON COLUMN referral_overview.qualification IS 'None, Direct, MarketingQualified or SalesQualified.';
COMMENT ON COLUMN referral_overview.direction IS 'Incoming (received) or Outgoing (created by the partner).';
COMMENT ON COLUMN referral_overview.category IS 'Marketplace lead, Qualified lead, Co-sell opportunity or Other, from type, qualification and who invited the partner (Partner Center''s referral categories).';
COMMENT ON COLUMN referral_overview.deal_value IS 'Estimated deal value in currency (never converted).';
COMMENT ON COLUMN referral_overview.currency IS 'ISO 4217 currency of deal_value.';
COMMENT ON COLUMN referral_overview.created_at IS 'When the referral was created (UTC).';
COMMENT ON COLUMN referral_overview.updated_at IS 'When it last changed in Partner Center.';
COMMENT ON COLUMN referral_overview.expires_at IS 'Deadline to answer before Partner Center archives it as Expired.';
COMMENT ON COLUMN referral_overview.closing_at IS 'Expected closing date of the deal.';
COMMENT ON COLUMN referral_overview.customer_name IS 'Customer organisation name.';
COMMENT ON COLUMN referral_overview.customer_country IS 'Customer''s two-letter country code.';
COMMENT ON COLUMN referral_overview.customer_size IS 'Customer size band, e.g. 51to500employees.';
COMMENT ON COLUMN referral_overview.missing_since IS 'Set when a full refresh no longer saw the referral (deleted or hidden upstream); filter it out for current figures.';
COMMENT ON COLUMN referral_overview.organization_name IS 'The partner organisation (location) that owns the referral.';
COMMENT ON COLUMN referral_overview.accepted_at IS 'When it was accepted; for outgoing referrals, the creation time.';
COMMENT ON COLUMN referral_overview.status_reason IS 'Why it is in its status, e.g. why it was lost.';
COMMENT ON COLUMN referral_overview.customer_city IS 'Customer''s city.';
COMMENT ON COLUMN referral_overview.is_open IS 'True while New or Active (not Closed).';
COMMENT ON COLUMN referral_overview.days_open IS 'Whole days from creation to referrals_as_of() while open, to the last update once closed.';
COMMENT ON COLUMN referral_overview.partner_team_size IS 'People on the partner''s team (referral_team_members side partner).';
COMMENT ON COLUMN referral_overview.customer_contacts IS 'Customer contacts (referral_team_members side customer).';
COMMENT ON COLUMN referral_overview.solutions IS 'Requested solutions by name, comma-separated in the API''s order; null when none.';
COMMENT ON COLUMN referral_overview.products IS 'Requested product ids, comma-separated; null when none.';
COMMENT ON COLUMN referral_overview.industries IS 'Customer industries, comma-separated; null when none.';
COMMENT ON COLUMN referral_overview.services IS 'Requested service ids, comma-separated; null when none.';
