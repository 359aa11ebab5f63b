-- Won / (won + lost) by quarter of creation, qualification, direction and solution.
CREATE OR REPLACE VIEW win_rate AS
SELECT
    date_trunc('quarter', r.created_at AT TIME ZONE 'UTC')::date AS quarter,
    r.qualification,
    r.direction,
    q.code AS solution_code,
    q.name AS solution_name,
    count(*) FILTER (WHERE r.substatus = 'Won') AS won,
    count(*) FILTER (WHERE r.substatus = 'Lost') AS lost,
    round(count(*) FILTER (WHERE r.substatus = 'Won')::numeric
          / nullif(count(*) FILTER (WHERE r.substatus IN ('Won', 'Lost')), 0), 4) AS win_rate
FROM referrals r
LEFT JOIN referral_requirements rr ON rr.referral_id = r.id
    AND rr.requirement_key IN (SELECT requirement_key FROM requirements WHERE kind = 'solution')
LEFT JOIN requirements q ON q.requirement_key = rr.requirement_key
WHERE r.substatus IN ('Won', 'Lost') AND r.missing_since IS NULL
GROUP BY 1, 2, 3, 4, 5;
COMMENT ON VIEW win_rate IS 'Win rate of decided referrals: one row per quarter of creation (UTC), qualification, direction and requested solution, with won, lost and won / (won + lost). A referral naming two solutions counts in both; one naming none has a null solution. Only Won and Lost count: Declined and Expired referrals were never worked. missing_since referrals are left out.';
COMMENT ON COLUMN win_rate.quarter IS 'First day of the quarter the referrals were created in (UTC): a cohort, not the quarter they closed.';
COMMENT ON COLUMN win_rate.qualification IS 'None, Direct, MarketingQualified or SalesQualified.';
COMMENT ON COLUMN win_rate.direction IS 'Incoming or Outgoing.';
COMMENT ON COLUMN win_rate.solution_code IS 'Requested solution id; null for referrals naming no solution.';
COMMENT ON COLUMN win_rate.solution_name IS 'Solution display name.';
COMMENT ON COLUMN win_rate.won IS 'Referrals Closed as Won.';
COMMENT ON COLUMN win_rate.lost IS 'Referrals Closed as Lost.';
COMMENT ON COLUMN win_rate.win_rate IS 'won / (won + lost), between 0 and 1, four decimals.';
