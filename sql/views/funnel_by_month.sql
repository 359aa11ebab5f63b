-- Referrals created per month by direction, type and qualification, and where they are now.
CREATE OR REPLACE VIEW funnel_by_month AS
SELECT
    date_trunc('month', r.created_at AT TIME ZONE 'UTC')::date AS month,
    r.direction,
    r.type,
    r.qualification,
    count(*) AS created,
    count(*) FILTER (WHERE r.status = 'New') AS awaiting_response,
    count(*) FILTER (WHERE r.status = 'Active' OR r.substatus IN ('Won', 'Lost')) AS accepted,
    count(*) FILTER (WHERE r.status = 'Active') AS active,
    count(*) FILTER (WHERE r.substatus = 'Won') AS won,
    count(*) FILTER (WHERE r.substatus = 'Lost') AS lost,
    count(*) FILTER (WHERE r.substatus = 'Declined') AS declined,
    count(*) FILTER (WHERE r.substatus = 'Expired') AS expired
FROM referrals r
WHERE r.missing_since IS NULL
GROUP BY 1, 2, 3, 4;
COMMENT ON VIEW funnel_by_month IS 'The referral funnel: one row per month of creation (UTC), direction, type and qualification, with how many referrals were created then and how many of them are now awaiting a response, were accepted, are active, won, lost, declined or expired. Current status, not history (see status_timeline); missing_since referrals are left out.';
COMMENT ON COLUMN funnel_by_month.month IS 'First day of the month the referrals were created in (UTC).';
COMMENT ON COLUMN funnel_by_month.direction IS 'Incoming or Outgoing.';
COMMENT ON COLUMN funnel_by_month.type IS 'Independent or Shared.';
COMMENT ON COLUMN funnel_by_month.qualification IS 'None, Direct, MarketingQualified or SalesQualified.';
COMMENT ON COLUMN funnel_by_month.created IS 'Referrals created in the month.';
COMMENT ON COLUMN funnel_by_month.awaiting_response IS 'Of those, still New (Pending or Received).';
COMMENT ON COLUMN funnel_by_month.accepted IS 'Of those, accepted at some point: Active now, or Closed as Won or Lost (only accepted referrals are won or lost).';
COMMENT ON COLUMN funnel_by_month.active IS 'Of those, Active (accepted, being worked on) now.';
COMMENT ON COLUMN funnel_by_month.won IS 'Of those, Closed as Won.';
COMMENT ON COLUMN funnel_by_month.lost IS 'Of those, Closed as Lost.';
COMMENT ON COLUMN funnel_by_month.declined IS 'Of those, Closed as Declined (turned down by the partner).';
COMMENT ON COLUMN funnel_by_month.expired IS 'Of those, Closed as Expired (not answered within 14 days).';
