-- The last runs of every pipeline from etl_runs, with the pipeline's state: for an operations dashboard.
CREATE OR REPLACE VIEW pipeline_health AS
SELECT
    runs.pipeline,
    runs.run_rank,
    runs.run_id,
    runs.started_at,
    runs.finished_at,
    round(extract(epoch FROM (runs.finished_at - runs.started_at))::numeric, 1) AS duration_s,
    runs.status,
    runs.mode,
    runs.pages,
    runs.referrals,
    runs.inserted,
    runs.updated,
    runs.unchanged,
    runs.rejected,
    runs.error,
    s.watermark,
    runs.last_success_at,
    round((extract(epoch FROM (now() - runs.last_success_at)) / 3600)::numeric, 1) AS hours_since_success
FROM (
    SELECT e.*,
           row_number() OVER (PARTITION BY e.pipeline ORDER BY e.started_at DESC, e.run_id) AS run_rank,
           max(e.finished_at) FILTER (WHERE e.status = 'succeeded') OVER (PARTITION BY e.pipeline) AS last_success_at
    FROM etl_runs e
) runs
LEFT JOIN etl_state s ON s.pipeline = runs.pipeline
WHERE runs.run_rank <= 10;
COMMENT ON VIEW pipeline_health IS 'The last ten runs of each pipeline (from etl_runs), newest first by run_rank, with the pipeline''s watermark and how long ago it last succeeded (wall clock now(), since runs happen on it). For an operations dashboard: alert when hours_since_success grows past a day or the newest run failed.';
COMMENT ON COLUMN pipeline_health.pipeline IS 'Pipeline name.';
COMMENT ON COLUMN pipeline_health.run_rank IS '1 for the pipeline''s newest run, 2 for the one before, ... up to 10.';
COMMENT ON COLUMN pipeline_health.run_id IS 'Run id (in the run''s JSON summary and logs).';
COMMENT ON COLUMN pipeline_health.started_at IS 'When the run started.';
COMMENT ON COLUMN pipeline_health.finished_at IS 'When it ended; null while running or if the process was killed.';
COMMENT ON COLUMN pipeline_health.duration_s IS 'finished_at - started_at in seconds.';
COMMENT ON COLUMN pipeline_health.status IS 'running, succeeded, failed or cancelled.';
COMMENT ON COLUMN pipeline_health.mode IS 'full, incremental, full-refresh or backfill.';
COMMENT ON COLUMN pipeline_health.pages IS 'API pages read.';
COMMENT ON COLUMN pipeline_health.referrals IS 'Referrals received.';
COMMENT ON COLUMN pipeline_health.inserted IS 'Referrals new to the warehouse.';
COMMENT ON COLUMN pipeline_health.updated IS 'Referrals that changed.';
COMMENT ON COLUMN pipeline_health.unchanged IS 'Referrals received again unchanged.';
COMMENT ON COLUMN pipeline_health.rejected IS 'Records quarantined in rejected_referrals.';
COMMENT ON COLUMN pipeline_health.error IS 'Why the run failed or was cancelled.';
COMMENT ON COLUMN pipeline_health.watermark IS 'The pipeline''s current watermark (etl_state): the newest updatedDateTime loaded.';
COMMENT ON COLUMN pipeline_health.last_success_at IS 'When the pipeline''s last successful run finished.';
COMMENT ON COLUMN pipeline_health.hours_since_success IS 'Hours from last_success_at to now() (wall clock); null if it never succeeded.';
