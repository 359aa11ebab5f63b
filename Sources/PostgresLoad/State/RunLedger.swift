import Foundation

/// The `etl_runs` ledger: one row per run, opened when the run starts, kept current with every
/// batch (inside the batch's transaction) and closed with its final status.
public struct RunLedger: Sendable {
    public let schema: SchemaName

    public init(schema: SchemaName) { self.schema = schema }

    /// The counters of a run so far.
    public struct Counters: Sendable, Equatable {
        public var pages = 0
        public var referrals = 0
        public var outcome = BatchOutcome()
        public init() {}
    }

    /// Records a run as `running`. Its own small transaction: the run is visible even if it dies.
    public func open(
        runID: String, pipeline: String, mode: String, strategy: String, watermarkBefore: String?,
        correlationID: String, on db: LibPQConnection
    ) throws {
        try db.execute(
            """
            INSERT INTO \(schema.table("etl_runs"))
                (run_id, pipeline, started_at, status, mode, strategy, watermark_before, correlation_id, host, pid)
            VALUES ($1::uuid, $2, now(), 'running', $3, $4, $5::timestamptz, $6, $7, $8)
            """,
            [
                runID, pipeline, mode, strategy, watermarkBefore, correlationID, ProcessInfo.processInfo.hostName,
                String(ProcessInfo.processInfo.processIdentifier),
            ])
    }

    /// Writes the counters so far; call inside the batch's transaction.
    public func progress(runID: String, _ counters: Counters, on db: LibPQConnection) throws {
        try db.execute(
            """
            UPDATE \(schema.table("etl_runs")) SET pages = $2, referrals = $3, inserted = $4, updated = $5,
                unchanged = $6, rejected = $7
            WHERE run_id = $1::uuid
            """, [runID] + Self.values(counters))
    }

    /// Closes the run with its final status, counters, watermark and error (one line, secret-free).
    public func close(
        runID: String, status: String, _ counters: Counters, watermarkAfter: String?, error: String?,
        on db: LibPQConnection
    ) throws {
        try db.execute(
            """
            UPDATE \(schema.table("etl_runs")) SET pages = $2, referrals = $3, inserted = $4, updated = $5,
                unchanged = $6, rejected = $7, status = $8, finished_at = now(),
                watermark_after = $9::timestamptz, error = $10
            WHERE run_id = $1::uuid
            """, [runID] + Self.values(counters) + [status, watermarkAfter, error])
    }

    /// Runs still marked `running` whose process is gone (killed): marked failed, so the ledger tells the truth.
    /// Only called while holding the pipeline lock, so no live run of this pipeline can be among them.
    public func closeAbandoned(pipeline: String, on db: LibPQConnection) throws {
        try db.execute(
            """
            UPDATE \(schema.table("etl_runs")) SET status = 'failed', finished_at = now(),
                error = 'the process ended without closing the run (killed?)'
            WHERE pipeline = $1 AND status = 'running'
            """, [pipeline])
    }

    private static func values(_ c: Counters) -> [String?] {
        [c.pages, c.referrals, c.outcome.inserted, c.outcome.updated, c.outcome.unchanged, c.outcome.rejected]
            .map { String($0) }
    }
}
