/// One pipeline as a monitor sees it (`referrals-etl status --json`, `--max-age`): watermark, last run,
/// last success, and whether a run holds the pipeline's lock now. Read from `etl_state`, `etl_runs` and
/// `pg_locks`. Runs of `renormalize` read no API and are left out of "last run" and "last success".
public struct PipelineHealth: Sendable, Equatable, Encodable {
    /// The newest run of a pipeline.
    public struct LastRun: Sendable, Equatable, Encodable {
        public var runID: String
        /// `running`, `succeeded`, `failed` or `cancelled`.
        public var status: String
        public var mode: String?
        public var startedAt: String
        public var finishedAt: String?
        public var pages: Int
        public var referrals: Int
        public var inserted: Int
        public var updated: Int
        public var unchanged: Int
        public var rejected: Int
        public var error: String?

        public init(
            runID: String, status: String, mode: String?, startedAt: String, finishedAt: String?, pages: Int,
            referrals: Int, inserted: Int, updated: Int, unchanged: Int, rejected: Int, error: String?
        ) {
            (self.runID, self.status, self.mode, self.startedAt, self.finishedAt) =
                (runID, status, mode, startedAt, finishedAt)
            (self.pages, self.referrals, self.inserted, self.updated, self.unchanged, self.rejected, self.error) =
                (pages, referrals, inserted, updated, unchanged, rejected, error)
        }

        enum CodingKeys: String, CodingKey {
            case runID = "run_id"
            case status, mode, pages, referrals, inserted, updated, unchanged, rejected, error
            case startedAt = "started_at"
            case finishedAt = "finished_at"
        }
    }

    public var pipeline: String
    public var watermark: String?
    public var strategy: String?
    public var lastRun: LastRun?
    /// When the newest successful run finished, and how many seconds ago (by the database's clock).
    public var lastSuccessAt: String?
    public var lastSuccessAgeSeconds: Double?
    /// The backend holding the pipeline's lock: a run is going on now.
    public var lockHolderPID: Int?
    /// A first load or full refresh that did not finish, and where the next run of that mode resumes.
    public var unfinishedLoad: UnfinishedLoad?

    /// The resume checkpoint of an unfinished read (`etl_state.resume_*`, see `LoadCheckpoint`).
    public struct UnfinishedLoad: Sendable, Equatable, Encodable {
        /// `full` or `full-refresh`.
        public var mode: String
        public var startedAt: String?
        /// The next run reads from this `createdDateTime`, after this referral.
        public var resumesAt: String?
        public var afterReferral: String?

        enum CodingKeys: String, CodingKey {
            case mode
            case startedAt = "started_at"
            case resumesAt = "resumes_at"
            case afterReferral = "after_referral"
        }
    }

    public init(
        pipeline: String, watermark: String?, strategy: String?, lastRun: LastRun?, lastSuccessAt: String?,
        lastSuccessAgeSeconds: Double?, lockHolderPID: Int?
    ) {
        (self.pipeline, self.watermark, self.strategy, self.lastRun) = (pipeline, watermark, strategy, lastRun)
        (self.lastSuccessAt, self.lastSuccessAgeSeconds, self.lockHolderPID) =
            (lastSuccessAt, lastSuccessAgeSeconds, lockHolderPID)
    }

    enum CodingKeys: String, CodingKey {
        case pipeline, watermark, strategy
        case lastRun = "last_run"
        case lastSuccessAt = "last_success_at"
        case lastSuccessAgeSeconds = "last_success_age_s"
        case running
        case lockHolderPID = "lock_holder_pid"
        case unfinishedLoad = "unfinished_load"
    }

    /// Whether a run holds the pipeline's lock right now.
    public var running: Bool { lockHolderPID != nil }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pipeline, forKey: .pipeline)
        try container.encode(watermark, forKey: .watermark)
        try container.encode(strategy, forKey: .strategy)
        try container.encode(lastRun, forKey: .lastRun)
        try container.encode(lastSuccessAt, forKey: .lastSuccessAt)
        try container.encode(lastSuccessAgeSeconds, forKey: .lastSuccessAgeSeconds)
        try container.encode(running, forKey: .running)
        try container.encode(lockHolderPID, forKey: .lockHolderPID)
        try container.encode(unfinishedLoad, forKey: .unfinishedLoad)
    }

    /// What a monitor should be told about, empty when healthy: the newest finished run failed or was
    /// cancelled; a run is marked running but no process holds the lock (it was killed); or the last success
    /// is older than `maxAge` seconds (or there is none).
    public func problems(maxAgeSeconds maxAge: Double?) -> [String] {
        var problems: [String] = []
        if let lastRun {
            switch lastRun.status {
            case "failed", "cancelled":
                problems.append("last run \(lastRun.status): \(lastRun.error ?? "no error recorded")")
            case "running" where !running:
                problems.append("last run is marked running but no process holds the pipeline's lock (killed?)")
            default: break
            }
        }
        if let maxAge {
            if let age = lastSuccessAgeSeconds {
                if age > maxAge {
                    problems.append("last success \(Int(age)) s ago, more than the allowed \(Int(maxAge)) s")
                }
            } else {
                problems.append("no successful run yet")
            }
        }
        return problems
    }

    /// Every pipeline the schema knows (from its state rows and its runs), by name.
    public static func read(schema: SchemaName, on db: LibPQConnection) throws -> [PipelineHealth] {
        let iso = #"'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'"#
        let result = try db.execute(
            """
            WITH names AS (SELECT pipeline FROM \(schema.table("etl_state"))
                           UNION SELECT pipeline FROM \(schema.table("etl_runs")))
            SELECT n.pipeline, to_char(s.watermark AT TIME ZONE 'UTC', \(iso)), s.strategy,
                   r.run_id::text, r.status, r.mode, to_char(r.started_at AT TIME ZONE 'UTC', \(iso)),
                   to_char(r.finished_at AT TIME ZONE 'UTC', \(iso)), r.pages, r.referrals, r.inserted, r.updated,
                   r.unchanged, r.rejected, r.error,
                   to_char(ok.finished_at AT TIME ZONE 'UTC', \(iso)),
                   extract(epoch FROM now() - ok.finished_at)::float8,
                   s.resume_mode, to_char(s.resume_started_at AT TIME ZONE 'UTC', \(iso)),
                   to_char(s.resume_created_at AT TIME ZONE 'UTC', \(iso)), s.resume_referral_id
            FROM names n
            LEFT JOIN \(schema.table("etl_state")) s ON s.pipeline = n.pipeline
            LEFT JOIN LATERAL (SELECT * FROM \(schema.table("etl_runs")) WHERE pipeline = n.pipeline
                               AND \(RunLedger.readsAPI) ORDER BY started_at DESC LIMIT 1) r ON true
            LEFT JOIN LATERAL (SELECT max(finished_at) AS finished_at FROM \(schema.table("etl_runs"))
                               WHERE pipeline = n.pipeline AND status = 'succeeded' AND \(RunLedger.readsAPI)) ok ON true
            ORDER BY n.pipeline
            """)
        return try result.rows.map { row in
            func int(_ index: Int) -> Int { row[index].flatMap { Int($0) } ?? 0 }
            let pipeline = row[0] ?? ""
            var health = PipelineHealth(
                pipeline: pipeline, watermark: row[1], strategy: row[2], lastRun: nil, lastSuccessAt: row[15],
                lastSuccessAgeSeconds: row[16].flatMap { Double($0) },
                lockHolderPID: try AdvisoryLock.pipeline(pipeline, schema: schema).holderPID(db))
            if let mode = row[17] {
                health.unfinishedLoad = UnfinishedLoad(
                    mode: mode, startedAt: row[18], resumesAt: row[19], afterReferral: row[20])
            }
            if let runID = row[3], let status = row[4], let started = row[6] {
                health.lastRun = LastRun(
                    runID: runID, status: status, mode: row[5], startedAt: started, finishedAt: row[7],
                    pages: int(8), referrals: int(9), inserted: int(10), updated: int(11), unchanged: int(12),
                    rejected: int(13), error: row[14])
            }
            return health
        }
    }
}
