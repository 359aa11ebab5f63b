-- A record rejected again (the next run re-reads its lookback window) is quarantined once per pipeline and
-- content: later receipts update last_received_at and times_received instead of adding a row.

ALTER TABLE rejected_referrals
    ADD COLUMN raw_md5 text,
    ADD COLUMN last_received_at timestamptz,
    ADD COLUMN times_received integer NOT NULL DEFAULT 1;

UPDATE rejected_referrals SET raw_md5 = md5(raw), last_received_at = received_at;

-- Fold rows received more than once before this migration into their first receipt.
WITH folded AS (
    SELECT min(id) AS keep, count(*) AS n, max(received_at) AS last
    FROM rejected_referrals GROUP BY pipeline, raw_md5 HAVING count(*) > 1
)
UPDATE rejected_referrals r SET times_received = f.n, last_received_at = f.last
FROM folded f WHERE r.id = f.keep;
DELETE FROM rejected_referrals r
USING rejected_referrals first
WHERE first.pipeline = r.pipeline AND first.raw_md5 = r.raw_md5 AND first.id < r.id;

ALTER TABLE rejected_referrals
    ALTER COLUMN raw_md5 SET NOT NULL,
    ALTER COLUMN last_received_at SET NOT NULL,
    ALTER COLUMN last_received_at SET DEFAULT now();
CREATE UNIQUE INDEX rejected_referrals_content_idx ON rejected_referrals (pipeline, raw_md5);

COMMENT ON COLUMN rejected_referrals.run_id IS 'The run that first received it.';
COMMENT ON COLUMN rejected_referrals.received_at IS 'When it was first received.';
COMMENT ON COLUMN rejected_referrals.raw_md5 IS 'md5 of raw: the same record received again is not stored twice.';
COMMENT ON COLUMN rejected_referrals.last_received_at IS 'When it was last received (a later run re-read it unchanged).';
COMMENT ON COLUMN rejected_referrals.times_received IS 'How many times it was received.';
COMMENT ON COLUMN referrals.last_seen_at IS 'When the exporter last wrote this referral, or (full refresh) last saw it unchanged in the API.';
