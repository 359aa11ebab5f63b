-- A first load or full refresh that fails or is killed resumes where its last committed batch ended: the
-- checkpoint on the listing's order key (createdDateTime asc; id breaks ties) commits with each batch.

ALTER TABLE etl_state
    ADD COLUMN resume_mode text,
    ADD COLUMN resume_created_at timestamptz,
    ADD COLUMN resume_referral_id text,
    ADD COLUMN resume_started_at timestamptz,
    ADD COLUMN resume_max_updated_at timestamptz,
    ADD COLUMN resume_run_id uuid;

COMMENT ON COLUMN etl_state.resume_mode IS 'full or full-refresh while one is unfinished (the next such run resumes it); NULL otherwise.';
COMMENT ON COLUMN etl_state.resume_created_at IS 'createdDateTime of the last committed referral of the unfinished read, in listing order: the next run reads from here.';
COMMENT ON COLUMN etl_state.resume_referral_id IS 'The id of that referral (ties on createdDateTime are read again, and left unchanged).';
COMMENT ON COLUMN etl_state.resume_started_at IS 'When the unfinished read began: a resumed full refresh flags only referrals not seen since then.';
COMMENT ON COLUMN etl_state.resume_max_updated_at IS 'The greatest updatedDateTime the unfinished read accepted so far: its watermark when it completes.';
COMMENT ON COLUMN etl_state.resume_run_id IS 'The run that committed the checkpoint last.';
