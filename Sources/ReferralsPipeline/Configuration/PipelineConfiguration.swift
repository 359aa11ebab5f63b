import PartnerCenter
import PostgresLoad

/// Everything one run needs, resolved from flags, environment, a YAML file and defaults (in that order).
public struct PipelineConfiguration: Sendable {
    /// How later runs find what changed. See docs/pipeline.md#incremental.
    public enum Strategy: String, Sendable, CaseIterable {
        /// `$orderby=updatedDateTime desc`, stop after the first page older than watermark − lookback; the
        /// watermark moves when the scan completes. Uses documented operators only (the default).
        case scan
        /// `$filter=updatedDateTime ge …` with `$orderby=updatedDateTime asc`; the watermark moves every batch.
        case filter
    }

    /// The pipeline's name: its state row, its lock, its runs.
    public var pipelineName: String = "default"
    public var databaseURL: String
    /// Lock, statement and connect timeouts of the run's database session.
    public var databaseTimeouts = SessionTimeouts()
    public var schema: SchemaName
    public var api: PartnerCenterConfiguration
    /// The pipeline's own OData filter, e.g. `direction eq 'Incoming'`.
    public var filter: String?
    public var strategy: Strategy = .scan
    /// How far before the watermark an incremental run starts reading, in seconds (default 24 h).
    public var lookbackSeconds: Int64 = 86_400
    /// Ignore the watermark, read everything, and flag referrals the API no longer returns.
    public var fullRefresh = false
    /// Backfill window on createdDateTime, `[since, until)`; does not move the watermark.
    public var since: Timestamp?
    public var until: Timestamp?
    /// Referrals per transaction.
    public var batchSize = Self.defaultBatchSize
    /// Referrals per transaction when no setting says.
    public static let defaultBatchSize = 1_000
    /// Referrals per API page, asked for with `pagesize`; nil leaves it to the API (100, its maximum).
    public var pageSize: Int?
    /// Concurrent `createdDateTime` windows (nextLink chains) of a first load, full refresh or backfill.
    public var slices = 1
    /// The run fails (exit 65, good rows kept) when rejections exceed both this share and this count.
    public var maxRejectedShare = 0.01
    public var maxRejectedCount = 10
    /// Where to write the run's Prometheus metrics at its end (node_exporter's textfile collector), if anywhere.
    public var metricsFile: String?

    public init(databaseURL: String, schema: SchemaName, api: PartnerCenterConfiguration) {
        self.databaseURL = databaseURL
        self.schema = schema
        self.api = api
    }

    /// Whether this run is a backfill of a window.
    public var isBackfill: Bool { since != nil || until != nil }
}
