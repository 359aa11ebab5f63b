import ETLCore
import Foundation
import Logging
import PartnerCenter
import PostgresLoad
import Warehouse

/// The state of one run in progress: its connection, lock, plan, source and counters.
final class RunContext {
    let configuration: PipelineConfiguration
    let runID: String
    let logger: Logger
    private let ledger: RunLedger
    private let state: PipelineState
    private let lock: AdvisoryLock
    private var worker: LoadWorker?
    private var locked = false
    private var opened = false
    private(set) var plan: RunPlan?
    private var client: PartnerCenterClient?
    private var source: (any RowBatchSource)?
    private var assembler: BatchAssembler?
    private var scanStart: String?
    /// When the read this run does or continues began: `scanStart`, or the resumed checkpoint's start.
    private var readStart: String?
    /// The greatest updatedDateTime the read accepted in committed batches (a resumed read's included).
    private var committedMaxUpdatedAt: Timestamp?
    private var checkpoint: LoadCheckpoint?
    private var watermarkAfter: String?
    private var counters = RunLedger.Counters()
    /// Where the batch loop's time goes, per stage (the summary's `stages`).
    let stages = StageTimes()
    private var reading = false
    /// Told of pages and committed batches as they happen (the live display, metrics).
    var progress: RunProgress?

    init(configuration: PipelineConfiguration, runID: String, logger: Logger) {
        self.configuration = configuration
        self.runID = runID
        self.logger = logger
        ledger = RunLedger(schema: configuration.schema)
        state = PipelineState(schema: configuration.schema, pipeline: configuration.pipelineName)
        lock = AdvisoryLock.pipeline(configuration.pipelineName, schema: configuration.schema)
    }

    var correlationID: String? { client?.correlationID }

    /// Connects, migrates, takes the pipeline lock, reads the watermark, plans, opens the run's ledger row.
    func prepare(cancellation: RunCancellation) async throws {
        let connector = DatabaseConnector(url: configuration.databaseURL, timeouts: configuration.databaseTimeouts)
        let db = try await BlockingWork.run { [logger] in try connector.connect(logger: logger) }
        cancellation.onCancelDatabase { db.cancel() }
        let worker = LoadWorker(db: db)
        self.worker = worker
        let (schema, pipeline, lock, logger) = (configuration.schema, configuration.pipelineName, lock, logger)
        try await worker.run { db in _ = try Migrator(schema: schema).migrateIfNeeded(db, logger: logger) }
        if let holder = try await worker.run({ db in try lock.tryAcquire(db) }) {
            throw LoadError(.lockHeld, "pipeline \(pipeline) is already running: its lock is held by \(holder)")
        }
        locked = true
        let (ledger, state) = (ledger, state)
        let (watermark, now, stored) = try await worker.run { db in
            try ledger.closeAbandoned(pipeline: pipeline, on: db)
            return (try state.watermark(on: db), try PipelineState.now(on: db), try state.checkpoint(on: db))
        }
        scanStart = now
        let plan = RunPlan(
            configuration: configuration, watermark: watermark.flatMap(Timestamp.init(parsing:)), checkpoint: stored)
        self.plan = plan
        readStart = plan.resumes?.startedAt ?? now
        committedMaxUpdatedAt = plan.resumes?.maxUpdatedAt.flatMap(Timestamp.init(parsing:))
        checkpoint = plan.resumes
        if let resumed = plan.resumes {
            logger.notice(
                "Resuming an unfinished read",
                metadata: [
                    "run.mode": "\(plan.mode)", "resume.created_at": "\(resumed.createdAt)",
                    "resume.referral_id": "\(resumed.referralID)", "resume.started_at": "\(resumed.startedAt)",
                ])
        }
        let sliced = SlicedBatchSource.applies(to: plan, slices: configuration.slices)
        let client = try PartnerCenterClient(
            configuration: configuration.api, logger: logger,
            throttle: sliced ? RequestThrottle(ceiling: configuration.slices) : nil, stages: stages)
        self.client = client
        let (runID, strategy, correlation) = (runID, configuration.strategy.rawValue, client.correlationID)
        try await worker.run { db in
            try ledger.open(
                runID: runID, pipeline: pipeline, mode: plan.mode, strategy: strategy, watermarkBefore: watermark,
                correlationID: correlation, on: db)
        }
        opened = true
        // After the ledger row: a warehouse locked by another session fails the run on the record.
        let lookups = try await lookupWorker(main: worker)
        if let lookups {
            // One handler cancels both connections' statements.
            let lookupDB = lookups.db
            cancellation.onCancelDatabase {
                db.cancel()
                lookupDB.cancel()
            }
        }
        let assembler = BatchAssembler(worker: lookups, schema: configuration.schema, stages: stages, logger: logger)
        self.assembler = assembler
        logger.info(
            "Run started",
            metadata: [
                "run.mode": "\(plan.mode)", LogKey.watermark: "\(watermark ?? "none")",
                LogKey.correlationID: "\(correlation)", "odata.filter": "\(plan.query.combinedFilter ?? "")",
            ])
        source =
            sliced
            ? SlicedBatchSource(
                client: client, query: plan.query, lower: plan.slicedLowerBound(configuration),
                upper: configuration.until, slices: configuration.slices, batchSize: configuration.batchSize,
                assembler: assembler, logger: logger)
            : BatchSource(
                pages: client.pages(plan.query, skimming: true), assembler: assembler,
                batchSize: configuration.batchSize, stopBefore: plan.stopBefore)
        // Pages as they arrive from the single listing (a sliced read reports its committed batches only).
        (source as? BatchSource)?.progress = progress
        progress?.begin(budget: client.retryBudget, readsToEnd: plan.stopBefore == nil)
    }

    /// The worker of a second, read-only connection on which the batch sources look up which referrals are stored
    /// unchanged (`BatchAssembler`), so lookups never wait for the writer; nil when `referrals` is empty (a first
    /// load: nothing to look up), or when the second connection cannot be had (the server's connection limit, say):
    /// lookups only save work, so the run then decodes everything rather than fail.
    private func lookupWorker(main: LoadWorker) async throws -> LoadWorker? {
        let lookup = UnchangedLookup(schema: configuration.schema)
        guard try await main.run({ db in try lookup.anyStored(on: db) }) else { return nil }
        let connector = DatabaseConnector(url: configuration.databaseURL, timeouts: configuration.databaseTimeouts)
        do {
            let db = try await BlockingWork.run { [logger] in
                let db = try connector.connect(logger: logger)
                try UnchangedLookup.prepare(db)
                return db
            }
            return LoadWorker(db: db)
        } catch {
            logger.warning(
                "No second connection for lookups; every referral will be decoded",
                metadata: [LogKey.errorMessage: "\(Redactor.scrub(String(describing: error)))"])
            return nil
        }
    }

    /// Reads and loads batch after batch until the source is exhausted. A failure or a cancellation ends the
    /// source, but only after the batch it cut short is written (`BatchSource`): the error comes next.
    func extractAndLoad(cancellation: RunCancellation) async throws {
        guard let source, let worker, let plan else { return }
        let upserter = BatchUpserter(schema: configuration.schema)
        let (ledger, state, runID, pipeline, logger) = (ledger, state, runID, configuration.pipelineName, logger)
        let strategy = configuration.strategy.rawValue
        let seenSince = plan.tracksSeen ? readStart : nil
        let stages = stages
        try await worker.run { db in db.stageTimes = stages }
        reading = true
        var pending = Task { try await source.next() }
        // A failed batch stops the prefetch too.
        defer { pending.cancel() }
        cancellation.onCancel { [pending] in pending.cancel() }
        source.writerWaits()
        while let batch = try await pending.value {
            // The source's counters are read only between fetches, before the next one starts.
            var snapshot = counters
            snapshot.pages = source.pagesRead
            snapshot.referrals = source.received
            let progress = snapshot
            let nextCheckpoint =
                plan.keepsCheckpoint ? advancedCheckpoint(after: batch, mode: plan.mode)?.at(source.resumePoint) : nil
            pending = Task { try await source.next() }
            cancellation.onCancel { [pending] in pending.cancel() }
            let committed = try await worker.run { db in
                try db.transaction {
                    var next = progress
                    next.outcome += try upserter.loadIsolatingRefusals(
                        batch, runID: runID, pipeline: pipeline, fullRefreshStartedAt: seenSince, on: db, logger: logger
                    )
                    try ledger.progress(runID: runID, next, on: db)
                    if plan.advancePerBatch, let max = batch.maxUpdatedAt {
                        try state.advance(to: max.postgresText, strategy: strategy, runID: runID, on: db)
                    }
                    if let nextCheckpoint { try state.saveCheckpoint(nextCheckpoint, runID: runID, on: db) }
                    return next
                }
            }
            counters = committed
            source.writerWaits()
            self.progress?.batchCommitted(referrals: batch.referralCount)
            if let nextCheckpoint {
                checkpoint = nextCheckpoint
                committedMaxUpdatedAt = nextCheckpoint.maxUpdatedAt.flatMap(Timestamp.init(parsing:))
            }
            logger.info(
                "Batch committed",
                metadata: [
                    LogKey.batchRows: "\(batch.referralCount)", LogKey.pageNumber: "\(committed.pages)",
                    "run.referrals": "\(committed.referrals)", "run.inserted": "\(committed.outcome.inserted)",
                    "run.updated": "\(committed.outcome.updated)",
                ])
        }
        counters.pages = source.pagesRead
        counters.referrals = source.received
        logger.info(
            "Read finished",
            metadata: [
                "run.referrals": "\(counters.referrals)",
                "referrals.recognised_unchanged": "\(assembler?.recognised ?? 0)",
            ])
    }

    /// The final transaction: watermark (when the read completed), missing flags, state and ledger.
    func complete() async throws -> (status: String, error: (any DispositionedError)?) {
        guard let worker, let plan, let source else { return ("failed", nil) }
        let maxSeen = [source.maxUpdatedAt, committedMaxUpdatedAt].compactMap { $0 }.max()
        let (ledger, state, runID, counters, scanStart) = (ledger, state, runID, counters, readStart ?? scanStart)
        let strategy = configuration.strategy.rawValue
        // Only records no earlier run quarantined count: a run that re-reads yesterday's bad records (the
        // lookback) does not fail again for them.
        let rejected = counters.outcome.newlyRejected
        let tooMany =
            rejected > configuration.maxRejectedCount
            && Double(rejected) > configuration.maxRejectedShare * Double(max(counters.referrals, 1))
        let failure: (any DispositionedError)? =
            tooMany
            ? PipelineError(
                .tooManyRejections,
                "\(rejected) of \(counters.referrals) records were newly rejected (over \(configuration.maxRejectedCount) "
                    + "and \(configuration.maxRejectedShare * 100)%); good rows were kept; see rejected_referrals")
            : nil
        let status = tooMany ? "failed" : "succeeded"
        let error = failure?.description
        let (watermark, flagged) = try await worker.run { db in
            try db.transaction {
                if plan.movesWatermark {
                    try state.advance(
                        to: plan.advancePerBatch ? nil : maxSeen?.postgresText, strategy: strategy, runID: runID, on: db
                    )
                }
                let flagged = plan.tracksSeen ? try state.flagMissing(notSeenSince: scanStart ?? "now", on: db) : 0
                try state.finish(status: status, fullRefreshStartedAt: plan.tracksSeen ? scanStart : nil, on: db)
                if plan.keepsCheckpoint { try state.clearCheckpoint(on: db) }
                let watermark = try state.watermark(on: db)
                try ledger.close(
                    runID: runID, status: status, counters, watermarkAfter: watermark, error: error, on: db)
                return (watermark, flagged)
            }
        }
        watermarkAfter = watermark
        if plan.tracksSeen {
            logger.info("Full refresh flagged missing referrals", metadata: ["referrals.missing": "\(flagged)"])
        }
        await release()
        return (status, failure)
    }

    /// After a failure: record it on the ledger (best effort; the database may be what failed), unlock.
    func abandon(status: String, error: String) async {
        if let worker, opened {
            let (ledger, state, runID, counters) = (ledger, state, runID, counters)
            watermarkAfter = try? await worker.run { db in
                try db.transaction {
                    let watermark = try state.watermark(on: db)
                    try ledger.close(
                        runID: runID, status: status, counters, watermarkAfter: watermark, error: error, on: db)
                    try state.finish(status: status, fullRefreshStartedAt: nil, on: db)
                    return watermark
                }
            }
        }
        await release()
    }

    /// The checkpoint after `batch` commits: the greatest (createdAt, id) of its referrals in listing order, the
    /// read's start, and its greatest updatedDateTime so far. The previous one when no referral had a createdAt.
    private func advancedCheckpoint(after batch: RowBatch, mode: String) -> LoadCheckpoint? {
        let last = batch.lastCreated
        let maxUpdated = [committedMaxUpdatedAt, batch.maxUpdatedAt].compactMap { $0 }.max()
        guard let last else {
            guard var kept = checkpoint else { return nil }
            kept.maxUpdatedAt = maxUpdated?.postgresText
            return kept
        }
        return LoadCheckpoint(
            mode: mode, createdAt: last.createdAt.postgresText, referralID: last.id, startedAt: readStart ?? "",
            maxUpdatedAt: maxUpdated?.postgresText)
    }

    /// Copies the counters and watermark into the summary.
    func fill(_ summary: RunSummary, duration: Duration) -> RunSummary {
        var summary = summary
        summary.pages = counters.pages
        summary.referrals = counters.referrals
        summary.inserted = counters.outcome.inserted
        summary.updated = counters.outcome.updated
        summary.unchanged = counters.outcome.unchanged
        summary.rejected = counters.outcome.rejected
        summary.newlyRejected = counters.outcome.newlyRejected
        summary.watermark = watermarkAfter.map(Self.trimmed)
        summary.durationSeconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        summary.stageSeconds = reading ? stages.seconds.map(\.seconds) : nil
        return summary
    }

    private func release() async {
        guard locked, let worker else { return }
        locked = false
        let lock = lock
        _ = try? await worker.run { db in try lock.release(db) }
    }

    /// `2025-03-05T16:02:10.120000Z` (PostgreSQL) → `2025-03-05T16:02:10.1200000Z`: the API's 7-digit form.
    static func trimmed(_ text: String) -> String {
        guard let timestamp = Timestamp(parsing: text) else { return text }
        return timestamp.odataLiteral
    }
}
