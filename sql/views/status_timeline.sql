-- From referral_status_history: each (status, substatus) a referral was seen in, and how long it stayed.
CREATE OR REPLACE VIEW status_timeline AS
SELECT
    h.referral_id,
    row_number() OVER w AS step,
    h.status,
    h.substatus,
    h.updated_at AS entered_at,
    lead(h.updated_at) OVER w AS left_at,
    lead(h.updated_at) OVER w IS NULL AS is_current,
    coalesce(lead(h.updated_at) OVER w, referrals_as_of()) - h.updated_at AS time_in_status,
    round((extract(epoch FROM (coalesce(lead(h.updated_at) OVER w, referrals_as_of()) - h.updated_at)) / 3600)::numeric, 1)
        AS hours_in_status
FROM referral_status_history h
WINDOW w AS (PARTITION BY h.referral_id ORDER BY h.id);
COMMENT ON VIEW status_timeline IS 'One row per (status, substatus) each referral was seen in, in order, from referral_status_history: when it entered (the updatedDateTime of the first version seen in it), when it left (the next one''s) and the time spent. The current one runs until referrals_as_of(). The exporter sees versions, not every change: a status passed through between two runs is missing, and the first step starts at the first version loaded.';
COMMENT ON COLUMN status_timeline.referral_id IS 'The referral (referrals.id).';
COMMENT ON COLUMN status_timeline.step IS '1 for the first status seen, then 2, 3, ...';
COMMENT ON COLUMN status_timeline.status IS 'Status: New, Active or Closed.';
COMMENT ON COLUMN status_timeline.substatus IS 'Substatus in that status.';
COMMENT ON COLUMN status_timeline.entered_at IS 'updatedDateTime of the first version seen in this status.';
COMMENT ON COLUMN status_timeline.left_at IS 'updatedDateTime of the version that moved it on; null for the current status.';
COMMENT ON COLUMN status_timeline.is_current IS 'True for the referral''s current status.';
COMMENT ON COLUMN status_timeline.time_in_status IS 'left_at - entered_at, or referrals_as_of() - entered_at for the current status.';
COMMENT ON COLUMN status_timeline.hours_in_status IS 'time_in_status in hours, one decimal.';
