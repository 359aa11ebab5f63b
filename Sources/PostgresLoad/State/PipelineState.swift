/// The `etl_state` row of a pipeline: its watermark, moved only inside a data transaction.
public struct PipelineState: Sendable {
    public let schema: SchemaName
    public let pipeline: String

    public init(schema: SchemaName, pipeline: String) {
        self.schema = schema
        self.pipeline = pipeline
    }

    /// The stored watermark as ISO 8601 UTC text with microseconds, or nil before the first load.
    public func watermark(on db: LibPQConnection) throws -> String? {
        try db.execute(
            """
            SELECT to_char(watermark AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
            FROM \(schema.table("etl_state")) WHERE pipeline = $1
            """, [pipeline]
        ).scalar
    }

    /// Moves the watermark forward to `candidate` (never back) and records the run; call inside the
    /// batch's transaction so the watermark commits with the rows it covers.
    public func advance(to candidate: String?, strategy: String, runID: String, on db: LibPQConnection) throws {
        try db.execute(
            """
            INSERT INTO \(schema.table("etl_state")) AS s (pipeline, watermark, strategy, last_run_id, updated_at)
            VALUES ($1, $2::timestamptz, $3, $4::uuid, now())
            ON CONFLICT (pipeline) DO UPDATE SET
                watermark = greatest(s.watermark, EXCLUDED.watermark), strategy = EXCLUDED.strategy,
                last_run_id = EXCLUDED.last_run_id, updated_at = now()
            """, [pipeline, candidate, strategy, runID])
    }

    /// Records the end of a run on the state row (status; full refresh time when one completed).
    public func finish(status: String, fullRefreshStartedAt: String?, on db: LibPQConnection) throws {
        try db.execute(
            """
            UPDATE \(schema.table("etl_state")) SET last_status = $2,
                last_full_refresh_at = coalesce($3::timestamptz, last_full_refresh_at), updated_at = now()
            WHERE pipeline = $1
            """, [pipeline, status, fullRefreshStartedAt])
    }

    /// After a complete full refresh that started at `scanStart`: referrals this pipeline last wrote that the
    /// refresh did not see (not in `referrals_seen` under that start, not written since) are flagged
    /// `missing_since` (never deleted); then the refresh's sightings are dropped. Referrals another pipeline of the
    /// schema wrote (another filter, tenant or direction) are not this refresh's to judge. Returns how many were
    /// newly flagged.
    @discardableResult
    public func flagMissing(notSeenSince scanStart: String, on db: LibPQConnection) throws -> Int {
        // EXCEPT, a hashed set difference: NOT EXISTS planned against the freshly filled sightings (no statistics
        // yet) became a nested loop, quadratic in the referrals (25 s for 10,000).
        let flagged = try db.execute(
            """
            UPDATE \(schema.table("referrals")) r SET missing_since = now()
            FROM (
                SELECT id FROM \(schema.table("referrals"))
                WHERE last_seen_at < $1::timestamptz AND missing_since IS NULL
                  AND run_id IN (SELECT run_id FROM \(schema.table("etl_runs")) WHERE pipeline = $2)
                EXCEPT
                SELECT referral_id FROM \(schema.table("referrals_seen"))
                WHERE pipeline = $2 AND read_started_at = $1::timestamptz
            ) unseen
            WHERE r.id = unseen.id
            """, [scanStart, pipeline]
        ).affectedRows
        try db.execute("DELETE FROM \(schema.table("referrals_seen")) WHERE pipeline = $1", [pipeline])
        return flagged
    }

    /// The database's current time (the clock every `*_seen_at` uses), as ISO 8601 UTC text.
    public static func now(on db: LibPQConnection) throws -> String {
        try db.execute("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')").scalar ?? ""
    }
}
