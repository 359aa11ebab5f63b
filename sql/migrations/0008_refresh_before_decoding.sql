-- A full refresh over unchanged data at a fraction of a load (docs/load.md#unchanged-referrals): the referrals it
-- finds stored unchanged are recognised before decoding; what it still writes per batch is its sightings.

-- Sightings are appended, never looked up one by one: flagMissing takes their set difference (EXCEPT), so a
-- duplicate (a resumed refresh reading ties again) is harmless. Without the primary key, recording them is a
-- plain append instead of an index insert per referral (most of a refresh's time in PostgreSQL, measured).
ALTER TABLE referrals_seen DROP CONSTRAINT referrals_seen_pkey;

-- The referrals flagged missing, usually none: clearing the flag of the sighted ones probes this instead of the
-- primary key once per sighted referral.
CREATE INDEX referrals_missing ON referrals (id) WHERE missing_since IS NOT NULL;
