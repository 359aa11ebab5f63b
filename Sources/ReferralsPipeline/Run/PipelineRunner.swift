import ETLCore
import Foundation
import Logging
import PartnerCenter
import PostgresLoad
import Warehouse

/// Runs one pipeline once: extract → transform → load, with the run's state committed with its data.
///
/// Each batch is one transaction: its rows, the run's counters and (filter strategy) the watermark. The
/// next batch is fetched while the current one is written. A failure rolls back the batch in flight and
/// leaves every committed batch in place; the next run converges. See docs/pipeline.md.
public struct PipelineRunner: Sendable {
    public let configuration: PipelineConfiguration
    public let cancellation: RunCancellation
    /// Pages, batches and retries as they happen, for a live display or the metrics file.
    public let progress: RunProgress

    public init(
        configuration: PipelineConfiguration, cancellation: RunCancellation = RunCancellation(),
        progress: RunProgress = RunProgress()
    ) {
        self.configuration = configuration
        self.cancellation = cancellation
        self.progress = progress
    }

    /// Runs the pipeline. Never throws: failures are in the result, with a summary either way.
    public func run(logger baseLogger: Logger) async -> RunResult {
        let clock = ContinuousClock()
        let started = clock.now
        let runID = UUID().uuidString.lowercased()
        // Known before the first line is logged, so that every line of the run carries both ids.
        var configuration = configuration
        let correlationID = configuration.api.correlationID ?? UUID().uuidString.lowercased()
        configuration.api.correlationID = correlationID
        var logger = baseLogger
        logger[metadataKey: LogKey.runID] = "\(runID)"
        logger[metadataKey: LogKey.correlationID] = "\(correlationID)"
        logger[metadataKey: LogKey.pipelineName] = "\(configuration.pipelineName)"
        var summary = RunSummary(runID: runID, status: "failed", pipeline: configuration.pipelineName, mode: "unknown")
        summary.correlationID = correlationID
        let context = RunContext(configuration: configuration, runID: runID, logger: logger)
        context.progress = progress
        do {
            try await context.prepare(cancellation: cancellation)
            summary.mode = context.plan?.mode ?? "unknown"
            summary.correlationID = context.correlationID
            try await context.extractAndLoad(cancellation: cancellation)
            let status = try await context.complete()
            summary.status = status.status
            summary.error = status.error?.description
            let result = RunResult(summary: context.fill(summary, duration: clock.now - started), error: status.error)
            logger.info("Run finished", metadata: ["run.status": "\(result.summary.status)"])
            return result
        } catch {
            let cancelled = cancellation.isCancelled
            let failure: any DispositionedError =
                cancelled
                ? PipelineError(.cancelled, "the run was cancelled (SIGTERM/SIGINT); committed batches are kept")
                : (error as? any DispositionedError) ?? PipelineError.internalError(error)
            summary.status = cancelled ? "cancelled" : "failed"
            // The last line of defence: whatever a server echoed, no secret reaches the summary or etl_runs.
            summary.error = Redactor.scrub(failure.description)
            await context.abandon(status: summary.status, error: Redactor.scrub(failure.description))
            logger.error(
                "Run failed", metadata: [LogKey.errorCode: "\(failure.codeName)", LogKey.errorMessage: "\(failure)"])
            return RunResult(summary: context.fill(summary, duration: clock.now - started), error: failure)
        }
    }
}

extension PipelineError {
    /// An error nobody classified: a bug, exit 70.
    static func internalError(_ error: any Error) -> any DispositionedError {
        UnclassifiedError(message: "internal error: \(String(describing: error).prefix(300))")
    }
}

/// An error without a disposition of its own: internal (exit 70).
struct UnclassifiedError: DispositionedError {
    let message: String
    var disposition: ErrorDisposition { .internal }
    var codeName: String { "internal" }
    var description: String { message }
}
