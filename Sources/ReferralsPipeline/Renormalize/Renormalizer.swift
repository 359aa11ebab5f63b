import ETLCore
import Foundation
import Logging
import PartnerCenter
import PostgresLoad
import Warehouse

/// `referrals-etl renormalize`: runs the stored `raw` of every referral back through the production
/// transform and load (`ReferralPageDecoder`, `RowBatchBuilder`, `BatchUpserter`), so an improved transform
/// reaches old data without spending API quota. See docs/operations.md#renormalize.
///
/// Per pipeline (each referral belongs to the pipeline whose run last wrote it): takes the pipeline's lock,
/// records a run with mode `renormalize` in `etl_runs`, and rewrites the referrals in batches by id, each batch
/// one transaction with its rows and the run's counters, exactly as a run's batch. The watermark does not move
/// and the seen stamps stay: nothing was read from the API. Customers, requirements, the bridge, team members
/// and the typed columns of `referrals` are rebuilt; a record today's transform refuses is quarantined.
public struct Renormalizer: Sendable {
    public let databaseURL: String
    public let schema: SchemaName
    public let batchSize: Int
    /// The session's lock and statement timeouts (the settings `run` reads too).
    public let timeouts: SessionTimeouts

    public init(
        databaseURL: String, schema: SchemaName, batchSize: Int = 1_000, timeouts: SessionTimeouts = SessionTimeouts()
    ) {
        self.databaseURL = databaseURL
        self.schema = schema
        self.timeouts = timeouts
        self.batchSize = max(1, batchSize)
    }

    /// Renormalizes `pipelines` (every pipeline that wrote referrals when empty), one result per pipeline.
    /// Stops at the first pipeline that fails.
    public func run(pipelines: [String], logger: Logger) async -> [RunResult] {
        let worker: LoadWorker
        let names: [String]
        do {
            let connector = DatabaseConnector(url: databaseURL, timeouts: timeouts)
            worker = LoadWorker(db: try await BlockingWork.run { try connector.connect(logger: logger) })
            let (schema, stored) = (schema, StoredReferrals(schema: schema))
            names = try await worker.run { db in
                _ = try Migrator(schema: schema).migrate(db, logger: logger)
                return pipelines.isEmpty ? try stored.pipelines(on: db) : pipelines
            }
        } catch {
            var summary = RunSummary(runID: "", status: "failed", pipeline: pipelines.first ?? "", mode: "renormalize")
            let failure = (error as? any DispositionedError) ?? PipelineError.internalError(error)
            summary.error = failure.description
            return [RunResult(summary: summary, error: failure)]
        }
        var results: [RunResult] = []
        for name in names {
            let result = await renormalize(pipeline: name, worker: worker, logger: logger)
            results.append(result)
            if result.error != nil { break }
        }
        return results
    }

    private func renormalize(pipeline: String, worker: LoadWorker, logger baseLogger: Logger) async -> RunResult {
        let started = ContinuousClock.now
        let runID = UUID().uuidString.lowercased()
        var logger = baseLogger
        logger[metadataKey: LogKey.runID] = "\(runID)"
        logger[metadataKey: LogKey.pipelineName] = "\(pipeline)"
        var summary = RunSummary(runID: runID, status: "failed", pipeline: pipeline, mode: "renormalize")
        let (ledger, state) = (RunLedger(schema: schema), PipelineState(schema: schema, pipeline: pipeline))
        let lock = AdvisoryLock.pipeline(pipeline, schema: schema)
        var counters = RunLedger.Counters()
        var locked = false
        var opened = false
        var failure: (any DispositionedError)?
        do {
            if let holder = try await worker.run({ db in try lock.tryAcquire(db) }) {
                throw LoadError(.lockHeld, "pipeline \(pipeline) is running: its lock is held by \(holder)")
            }
            locked = true
            summary.watermark = try await worker.run { db in
                let watermark = try state.watermark(on: db)
                try ledger.open(
                    runID: runID, pipeline: pipeline, mode: "renormalize", strategy: "raw", watermarkBefore: watermark,
                    correlationID: "", on: db)
                return watermark
            }
            opened = true
            logger.info("Renormalize started")
            var after = ""
            while let (batch, last, read) = try await nextBatch(pipeline: pipeline, after: after, worker: worker) {
                counters = try await write(
                    batch, pipeline: pipeline, runID: runID, range: (after, last), read: read, counters, worker, logger)
                after = last
                logger.info(
                    "Batch renormalized",
                    metadata: [LogKey.batchRows: "\(batch.referralCount)", "run.referrals": "\(counters.referrals)"])
            }
            summary.status = "succeeded"
        } catch {
            failure = (error as? any DispositionedError) ?? PipelineError.internalError(error)
            summary.error = failure?.description
            logger.error("Renormalize failed", metadata: [LogKey.errorMessage: "\(failure?.description ?? "")"])
        }
        let (status, error, finalCounters, watermark) = (summary.status, summary.error, counters, summary.watermark)
        if opened {
            _ = try? await worker.run { db in
                try ledger.close(
                    runID: runID, status: status, finalCounters, watermarkAfter: watermark, error: error, on: db)
            }
        }
        if locked { _ = try? await worker.run { db in try lock.release(db) } }
        summary.record(counters)
        summary.watermark = summary.watermark.map(RunContext.trimmed)
        summary.durationSeconds = RunProgress.seconds(ContinuousClock.now - started)
        return RunResult(summary: summary, error: failure)
    }

    /// The next stored referrals after `after`, as a batch through the production decoder and normalizer.
    private func nextBatch(pipeline: String, after: String, worker: LoadWorker) async throws -> (
        RowBatch, last: String, read: Int
    )? {
        let (stored, limit) = (StoredReferrals(schema: schema), batchSize)
        let rows = try await worker.run { db in try stored.raw(pipeline: pipeline, after: after, limit: limit, on: db) }
        guard let last = rows.last else { return nil }
        // The stored values as the page the API once sent: the decoder reads them exactly as it read that page.
        let body = Array(("{\"value\":[" + rows.map(\.raw).joined(separator: ",") + "]}").utf8)
        var builder = RowBatchBuilder()
        do {
            builder.add(try ReferralPageDecoder.decode(body, number: 1))
        } catch {
            throw PipelineError.internalError(error)
        }
        return (builder.build(), last.id, rows.count)
    }

    /// One batch, one transaction: rows rewritten, seen stamps kept, the run's counters.
    private func write(
        _ batch: RowBatch, pipeline: String, runID: String, range: (after: String, through: String), read: Int,
        _ counters: RunLedger.Counters, _ worker: LoadWorker, _ logger: Logger
    ) async throws -> RunLedger.Counters {
        let (stored, upserter, ledger) = (
            StoredReferrals(schema: schema), BatchUpserter(schema: schema), RunLedger(schema: schema)
        )
        return try await worker.run { db in
            try db.transaction {
                try stored.prepareRewrite(pipeline: pipeline, after: range.after, through: range.through, on: db)
                var next = counters
                next.pages += 1
                next.referrals += read
                next.outcome += try upserter.load(
                    batch, runID: runID, pipeline: pipeline, fullRefreshStartedAt: nil, on: db, logger: logger)
                try stored.restoreSeen(on: db)
                try ledger.progress(runID: runID, next, on: db)
                return next
            }
        }
    }
}
