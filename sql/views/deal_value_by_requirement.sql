-- Open and won deal value by requested solution, product, industry and service, per currency.
CREATE OR REPLACE VIEW deal_value_by_requirement AS
SELECT
    q.kind,
    q.code,
    coalesce(q.name, q.code) AS name,
    r.currency,
    count(*) FILTER (WHERE r.status IN ('New', 'Active')) AS open_referrals,
    coalesce(sum(r.deal_value) FILTER (WHERE r.status IN ('New', 'Active')), 0) AS open_deal_value,
    count(*) FILTER (WHERE r.substatus = 'Won') AS won_referrals,
    coalesce(sum(r.deal_value) FILTER (WHERE r.substatus = 'Won'), 0) AS won_deal_value
FROM referral_requirements rr
JOIN requirements q USING (requirement_key)
JOIN referrals r ON r.id = rr.referral_id
WHERE r.missing_since IS NULL
GROUP BY q.kind, q.code, q.name, r.currency;
COMMENT ON VIEW deal_value_by_requirement IS 'Open (New or Active) and won deal value per requirement (kind solution, product, industry or service) and currency, in the original currency: no exchange rates are invented, so add up rows of one currency only. A referral naming two solutions (or two products, ...) counts in both, so the rows of one kind add up to more than the total pipeline. missing_since referrals are left out.';
COMMENT ON COLUMN deal_value_by_requirement.kind IS 'solution, product, industry or service.';
COMMENT ON COLUMN deal_value_by_requirement.code IS 'The item''s id in Partner Center, e.g. DynamicsonAzure, Azure, Education.';
COMMENT ON COLUMN deal_value_by_requirement.name IS 'Display name (solutions), otherwise the id.';
COMMENT ON COLUMN deal_value_by_requirement.currency IS 'ISO 4217 currency of the values in this row; null for referrals without one.';
COMMENT ON COLUMN deal_value_by_requirement.open_referrals IS 'Open referrals (New or Active) naming the item.';
COMMENT ON COLUMN deal_value_by_requirement.open_deal_value IS 'Sum of their deal values in currency (a missing deal value counts as nothing).';
COMMENT ON COLUMN deal_value_by_requirement.won_referrals IS 'Referrals Closed as Won naming the item.';
COMMENT ON COLUMN deal_value_by_requirement.won_deal_value IS 'Sum of their deal values in currency.';
