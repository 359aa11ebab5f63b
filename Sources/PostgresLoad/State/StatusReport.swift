/// What `referrals-etl status` shows: each pipeline's state and its last runs, read from the ledger.
public struct StatusReport: Sendable {
    public let schema: SchemaName

    public init(schema: SchemaName) { self.schema = schema }

    /// One line per pipeline: name, watermark, strategy, last status, last full refresh.
    public func pipelines(on db: LibPQConnection) throws -> QueryResult {
        try db.execute(
            """
            SELECT pipeline,
                   coalesce(to_char(watermark AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), '-') AS watermark,
                   coalesce(strategy, '-') AS strategy, coalesce(last_status, '-') AS last_status,
                   coalesce(to_char(last_full_refresh_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), '-') AS full_refresh
            FROM \(schema.table("etl_state")) ORDER BY pipeline
            """)
    }

    /// Unfinished first loads and full refreshes: what the next such run resumes, and from where
    /// (`createdDateTime` at or after `resumes_at`). See docs/pipeline.md#resume.
    public func unfinished(on db: LibPQConnection) throws -> QueryResult {
        try db.execute(
            """
            SELECT pipeline, resume_mode AS unfinished,
                   to_char(resume_started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS since,
                   \(PipelineState.isoText("resume_created_at")) AS resumes_at, resume_referral_id AS after_referral
            FROM \(schema.table("etl_state")) WHERE resume_mode IS NOT NULL ORDER BY pipeline
            """)
    }

    /// The last `limit` runs of every pipeline, newest first.
    public func runs(limit: Int, on db: LibPQConnection) throws -> QueryResult {
        try db.execute(
            """
            SELECT pipeline, to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS started,
                   coalesce(to_char(finished_at - started_at, 'HH24:MI:SS'), '-') AS took, status, coalesce(mode, '-') AS mode,
                   pages, referrals, inserted, updated, unchanged, rejected, coalesce(left(error, 60), '') AS error
            FROM (SELECT *, row_number() OVER (PARTITION BY pipeline ORDER BY started_at DESC) AS n
                  FROM \(schema.table("etl_runs"))) r
            WHERE n <= $1 ORDER BY pipeline, started_at DESC
            """, [String(limit)])
    }
}
