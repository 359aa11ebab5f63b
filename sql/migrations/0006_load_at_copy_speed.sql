-- The load at the speed of COPY (docs/load.md#unchanged-referrals): a referral received again byte for byte is
-- recognised by a digest of its raw text before COPY and not sent, and a full refresh records the referrals it
-- saw in referrals_seen instead of rewriting each of their rows.

ALTER TABLE referrals ADD COLUMN raw_digest text;
-- content_hash (md5 of raw's jsonb text) cost 40 % of the referral upsert: jsonb output and md5 of every row. The
-- upsert now compares raw_digest, then the jsonb values themselves only when the digests differ.
ALTER TABLE referrals DROP COLUMN content_hash;
-- lz4 compresses and decompresses the TOASTed raw JSON several times faster than the default pglz (new rows only).
ALTER TABLE referrals ALTER COLUMN raw SET COMPRESSION lz4;

CREATE TABLE referrals_seen (
    pipeline        text NOT NULL,
    read_started_at timestamptz NOT NULL,
    referral_id     text NOT NULL,
    PRIMARY KEY (pipeline, read_started_at, referral_id)
);

COMMENT ON COLUMN referrals.raw_digest IS 'SHA-256 (hex) of raw exactly as received: a referral received again unchanged is not rewritten.';
COMMENT ON COLUMN referrals.last_seen_at IS 'When the exporter last wrote this referral (or found it again after it was flagged missing). A referral a full refresh saw unchanged keeps its row: missing_since stays NULL.';
COMMENT ON TABLE referrals_seen IS 'Bookkeeping of an unfinished full refresh: the referral ids it has seen so far (committed with each batch, emptied when the refresh completes).';
COMMENT ON COLUMN referrals_seen.pipeline IS 'The pipeline doing the full refresh.';
COMMENT ON COLUMN referrals_seen.read_started_at IS 'When that full refresh began (etl_state.resume_started_at while it is unfinished).';
COMMENT ON COLUMN referrals_seen.referral_id IS 'A referral id the refresh received (stored, unchanged or rejected).';
