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
COMMENT ON VIEW solution_pipeline IS 'Number of referrals and total deal value per requested solution, status and currency (one row each). A referral naming two solutions counts in both.';
COMMENT ON COLUMN solution_pipeline.solution_code IS 'Solution id, e.g. DynamicsonAzure or SOL-Microsoft365.';
COMMENT ON COLUMN solution_pipeline.solution_name IS 'Solution display name.';
COMMENT ON COLUMN solution_pipeline.status IS 'Referral status: New, Active or Closed.';
COMMENT ON COLUMN solution_pipeline.currency IS 'ISO 4217 currency; values are never converted.';
COMMENT ON COLUMN solution_pipeline.referrals IS 'Referrals naming the solution.';
COMMENT ON COLUMN solution_pipeline.deal_value IS 'Sum of their deal values in currency.';
