-- Deal value by requested solution and status.
CREATE OR REPLACE VIEW solution_pipeline AS
SELECT
    q.code AS solution_code,
    q.name AS solution_name,
    r.status,
    r.currency,
    count(*) AS referrals,
    sum(r.deal_value) AS deal_value
FROM referral_requirements rr
JOIN requirements q ON q.requirement_key = rr.requirement_key AND q.kind = 'solution'
JOIN referrals r ON r.id = rr.referral_id
GROUP BY q.code, q.name, r.status, r.currency;
COMMENT ON VIEW solution_pipeline IS 'Number of referrals and total deal value per requested solution, status and currency.';
