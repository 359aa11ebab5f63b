import PartnerCenter
import PostgresLoad

/// What a run reads and how its watermark moves, decided from the configuration and the stored watermark.
/// Pure, so the choice is unit-tested. See docs/pipeline.md#incremental.
struct RunPlan: Equatable {
    /// `full`, `incremental`, `full-refresh` or `backfill` (recorded in etl_runs and the summary).
    var mode: String
    var query: ReferralQuery
    /// Scan: stop after the first page whose referrals are all older than this.
    var stopBefore: Timestamp?
    /// Move the watermark with every batch (filter strategy) rather than when the read completes.
    var advancePerBatch: Bool
    /// Move the watermark at all (a backfill does not).
    var movesWatermark: Bool
    /// Stamp unchanged referrals as seen and flag the unseen at the end (full refresh).
    var tracksSeen: Bool
    /// Commit a checkpoint with every batch so a failed or killed run resumes (`full`, `full-refresh`).
    var keepsCheckpoint = false
    /// The unfinished read of the same mode this run continues, if any. See docs/pipeline.md#resume.
    var resumes: LoadCheckpoint?

    init(configuration: PipelineConfiguration, watermark: Timestamp?, checkpoint: LoadCheckpoint? = nil) {
        let filter = configuration.filter
        defer { query.pageSize = configuration.pageSize }
        if configuration.isBackfill {
            var conditions: [String] = []
            if let since = configuration.since { conditions.append("createdDateTime ge \(since.odataLiteral)") }
            if let until = configuration.until { conditions.append("createdDateTime lt \(until.odataLiteral)") }
            mode = "backfill"
            query = ReferralQuery(
                filter: filter, incremental: conditions.joined(separator: " and "), orderBy: "createdDateTime asc")
            stopBefore = nil
            advancePerBatch = false
            movesWatermark = false
            tracksSeen = false
            return
        }
        guard let watermark, !configuration.fullRefresh else {
            mode = configuration.fullRefresh ? "full-refresh" : "full"
            query = ReferralQuery(filter: filter, orderBy: "createdDateTime asc")
            stopBefore = nil
            advancePerBatch = false
            movesWatermark = true
            tracksSeen = configuration.fullRefresh
            keepsCheckpoint = true
            // Resume after the last committed referral. `ge`, not `gt`: referrals created at that same instant
            // are read again (the API orders ties by nothing we may rely on); the upsert leaves them unchanged.
            if let checkpoint, checkpoint.mode == mode, let from = Timestamp(parsing: checkpoint.createdAt) {
                resumes = checkpoint
                query = ReferralQuery(
                    filter: filter, incremental: "createdDateTime ge \(from.odataLiteral)",
                    orderBy: "createdDateTime asc")
            }
            return
        }
        let from = watermark.adding(seconds: -configuration.lookbackSeconds)
        mode = "incremental"
        movesWatermark = true
        tracksSeen = false
        switch configuration.strategy {
        case .scan:
            query = ReferralQuery(filter: filter, orderBy: "updatedDateTime desc")
            stopBefore = from
            advancePerBatch = false
        case .filter:
            query = ReferralQuery(
                filter: filter, incremental: "updatedDateTime ge \(from.odataLiteral)", orderBy: "updatedDateTime asc")
            stopBefore = nil
            advancePerBatch = true
        }
    }
}
