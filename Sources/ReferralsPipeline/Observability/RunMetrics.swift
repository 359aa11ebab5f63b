import ETLCore
import Foundation
import Logging
import PostgresLoad
import Prometheus

/// A finished run as Prometheus gauges, for node_exporter's textfile collector (`--metrics-file`).
///
/// Every series is labelled with the pipeline, so several pipelines can write files side by side. The last
/// success comes from the warehouse's `etl_runs`, so a failed run keeps reporting the previous success.
/// Rendered by swift-prometheus; written atomically (a temporary file in the same directory, then rename),
/// so the collector never reads half a file. See docs/operations.md.
public struct RunMetrics: Sendable {
    public var summary: RunSummary
    public var progress: RunProgress.Snapshot
    /// When the newest successful run of the pipeline finished (Unix seconds), if any.
    public var lastSuccess: Double?
    /// When this run ended (Unix seconds).
    public var finishedAt: Double

    public init(summary: RunSummary, progress: RunProgress.Snapshot, lastSuccess: Double?, finishedAt: Double) {
        self.summary = summary
        self.progress = progress
        self.lastSuccess = lastSuccess
        self.finishedAt = finishedAt
    }

    /// The exposition text.
    public func text() -> String {
        let registry = PrometheusCollectorRegistry()
        let pipeline = [("pipeline", summary.pipeline)]
        func gauge(
            _ subsystem: String, _ name: String, unit: String = "", _ help: String, _ value: Double,
            _ labels: [(String, String)] = []
        ) {
            let descriptor = MetricNameDescriptor(
                namespace: "referrals_etl", subsystem: subsystem, metricName: name, unitName: unit, helpText: help)
            registry.makeGauge(descriptor: descriptor, labels: pipeline + labels).set(value)
        }
        gauge("run", "duration", unit: "seconds", "Duration of the last run.", summary.durationSeconds)
        gauge("run", "success", "1 when the last run succeeded, else 0.", summary.status == "succeeded" ? 1 : 0)
        gauge("run", "finished_timestamp", unit: "seconds", "When the last run ended.", finishedAt)
        gauge("run", "pages", "API pages read by the last run.", Double(summary.pages))
        gauge(
            "run", "referrals_received", "Referrals received from the API by the last run.", Double(summary.referrals))
        let outcomes = [
            ("inserted", summary.inserted), ("updated", summary.updated), ("unchanged", summary.unchanged),
            ("rejected", summary.rejected),
        ]
        for (outcome, count) in outcomes {
            gauge("run", "referrals", "Referrals of the last run by outcome.", Double(count), [("outcome", outcome)])
        }
        gauge("run", "rejected", "Records the last run quarantined.", Double(summary.rejected))
        gauge("run", "rejected_new", "Of those, records no earlier run had quarantined.", Double(summary.newlyRejected))
        gauge("run", "retries", "Retry waits of the last run.", Double(progress.retries))
        gauge("run", "retry_wait", unit: "seconds", "Seconds the last run waited to retry.", progress.retryWaitSeconds)
        for (stage, seconds) in zip(StageTimes.Stage.allCases, summary.stageSeconds ?? []) {
            gauge(
                "run", "stage", unit: "seconds", "Seconds the last run spent per stage (they overlap).", seconds,
                [("stage", stage.rawValue)])
        }
        if let lastSuccess {
            gauge("last_success", "timestamp", unit: "seconds", "When the newest successful run finished.", lastSuccess)
        }
        return registry.emitToString()
    }

    /// Writes `text()` to `path` atomically: `path.tmp-PID` in the same directory, then rename.
    public func write(to path: String) throws {
        let temporary = "\(path).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try Data(text().utf8).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, path) == 0 else {
                throw ConfigurationError("cannot rename \(temporary) to \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// The pipeline's last success from `etl_runs`, or nil when there is none or the database cannot say.
    public static func lastSuccess(configuration: PipelineConfiguration, logger: Logger) -> Double? {
        do {
            let db = try DatabaseConnector(
                url: configuration.databaseURL, timeouts: configuration.databaseTimeouts, attempts: 1
            ).connect(logger: logger)
            return try RunLedger(schema: configuration.schema).lastSuccess(pipeline: configuration.pipelineName, on: db)
        } catch {
            logger.warning(
                "Could not read the last success for the metrics file", metadata: ["error.message": "\(error)"])
            return nil
        }
    }
}

extension RunMetrics {
    /// Writes the metrics of a finished run to the configured file, if one is configured. A file that cannot
    /// be written is logged as an error; it does not change the run's outcome.
    public static func write(
        _ result: RunResult, progress: RunProgress, configuration: PipelineConfiguration, logger: Logger
    ) async {
        guard let path = configuration.metricsFile else { return }
        // libpq blocks: off the cooperative pool.
        let last = (try? await BlockingWork.run { lastSuccess(configuration: configuration, logger: logger) }) ?? nil
        let metrics = RunMetrics(
            summary: result.summary, progress: await progress.snapshot(), lastSuccess: last,
            finishedAt: Date().timeIntervalSince1970)
        do {
            try metrics.write(to: path)
        } catch {
            logger.error(
                "Could not write the metrics file", metadata: ["path": "\(path)", "error.message": "\(error)"])
        }
    }
}
