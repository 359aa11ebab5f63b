/// Where an unfinished first load or full refresh stopped: the listing's order key (createdDateTime asc, id) of
/// the last referral its committed batches held. Committed in each batch's transaction; the next run of the same
/// kind reads from there instead of from the start. See docs/pipeline.md#resume.
public struct LoadCheckpoint: Sendable, Equatable {
    /// `full` (a first load) or `full-refresh`.
    public var mode: String
    /// `createdDateTime` of the last committed referral, ISO 8601 UTC with microseconds.
    public var createdAt: String
    /// Its id.
    public var referralID: String
    /// When the unfinished read began (database clock), ISO 8601 UTC with microseconds.
    public var startedAt: String
    /// The greatest `updatedDateTime` it accepted so far (ISO 8601 UTC), nil when none had one.
    public var maxUpdatedAt: String?

    /// A checkpoint.
    public init(mode: String, createdAt: String, referralID: String, startedAt: String, maxUpdatedAt: String?) {
        self.mode = mode
        self.createdAt = createdAt
        self.referralID = referralID
        self.startedAt = startedAt
        self.maxUpdatedAt = maxUpdatedAt
    }
}

extension PipelineState {
    /// The unfinished first load or full refresh of this pipeline, if any.
    public func checkpoint(on db: LibPQConnection) throws -> LoadCheckpoint? {
        let row = try db.execute(
            """
            SELECT resume_mode, \(Self.isoText("resume_created_at")), resume_referral_id,
                   \(Self.isoText("resume_started_at")), \(Self.isoText("resume_max_updated_at"))
            FROM \(schema.table("etl_state")) WHERE pipeline = $1 AND resume_mode IS NOT NULL
            """, [pipeline]
        ).rows.first
        guard let row, let mode = row[0], let createdAt = row[1], let id = row[2], let startedAt = row[3] else {
            return nil
        }
        return LoadCheckpoint(
            mode: mode, createdAt: createdAt, referralID: id, startedAt: startedAt, maxUpdatedAt: row[4])
    }

    /// Stores the checkpoint; call inside the batch's transaction so it commits with the rows it covers.
    public func saveCheckpoint(_ checkpoint: LoadCheckpoint, runID: String, on db: LibPQConnection) throws {
        try db.execute(
            """
            INSERT INTO \(schema.table("etl_state")) AS s (pipeline, updated_at, resume_mode, resume_created_at,
                resume_referral_id, resume_started_at, resume_max_updated_at, resume_run_id)
            VALUES ($1, now(), $2, $3::timestamptz, $4, $5::timestamptz, $6::timestamptz, $7::uuid)
            ON CONFLICT (pipeline) DO UPDATE SET updated_at = now(), resume_mode = EXCLUDED.resume_mode,
                resume_created_at = EXCLUDED.resume_created_at, resume_referral_id = EXCLUDED.resume_referral_id,
                resume_started_at = EXCLUDED.resume_started_at,
                resume_max_updated_at = EXCLUDED.resume_max_updated_at, resume_run_id = EXCLUDED.resume_run_id
            """,
            [
                pipeline, checkpoint.mode, checkpoint.createdAt, checkpoint.referralID, checkpoint.startedAt,
                checkpoint.maxUpdatedAt, runID,
            ])
    }

    /// Forgets the checkpoint: the read it belonged to completed.
    public func clearCheckpoint(on db: LibPQConnection) throws {
        try db.execute(
            """
            UPDATE \(schema.table("etl_state")) SET resume_mode = NULL, resume_created_at = NULL,
                resume_referral_id = NULL, resume_started_at = NULL, resume_max_updated_at = NULL, resume_run_id = NULL
            WHERE pipeline = $1 AND resume_mode IS NOT NULL
            """, [pipeline])
    }

    /// `column` as ISO 8601 UTC text with microseconds (NULL stays NULL).
    static func isoText(_ column: String) -> String {
        "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
    }
}
