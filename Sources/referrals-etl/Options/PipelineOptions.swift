import ArgumentParser
import Foundation
import PartnerCenter
import ReferralsPipeline

/// The flags of `run` (and `demo`): each overrides the environment and the pipeline file.
struct PipelineOptions: ParsableArguments {
    @Option(
        name: .customLong("pipeline"), help: ArgumentHelp("A pipeline YAML file (see pipelines/).", valueName: "file"))
    var pipelineFile: String?

    @Option(name: .customLong("pipeline-name"), help: "Pipeline name: its state, lock and runs (default: default).")
    var pipelineName: String?

    @Option(
        name: .customLong("api-base-url"),
        help: ArgumentHelp(
            "API base URL (default: $PARTNER_CENTER_API_BASE_URL or https://api.partner.microsoft.com).",
            valueName: "url"))
    var apiBaseURL: String?

    @Option(help: "The pipeline's own OData $filter, e.g. \"direction eq 'Incoming'\".")
    var filter: String?

    @Option(help: "Incremental strategy: scan (default) or filter.")
    var strategy: String?

    @Option(
        name: .customLong("lookback-hours"), help: "How far before the watermark incremental runs read (default 24).")
    var lookbackHours: Double?

    @Option(name: .customLong("batch-size"), help: "Referrals per transaction (default 1000).")
    var batchSize: Int?

    @Option(name: .customLong("page-size"), help: "Referrals per API page, 1-100 (default: the API's own, 100).")
    var pageSize: Int?

    @Option(name: .customLong("retry-budget"), help: "Seconds a run may spend waiting to retry the API (default 900).")
    var retryBudget: Double?

    @Option(
        name: .customLong("metrics-file"),
        help: ArgumentHelp(
            "Write Prometheus metrics here when the run ends (node_exporter textfile collector; "
                + "$REFERRALS_ETL_METRICS_FILE).", valueName: "path"))
    var metricsFile: String?

    @Flag(name: .customLong("full-refresh"), help: "Ignore the watermark; flag referrals the API no longer returns.")
    var fullRefresh = false

    @Option(help: ArgumentHelp("Backfill: referrals created at or after this instant (ISO 8601).", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Backfill: referrals created before this instant (ISO 8601).", valueName: "time"))
    var until: String?

    func validate() throws {
        if fullRefresh && (since != nil || until != nil) {
            throw ValidationError("--full-refresh and --since/--until cannot be combined")
        }
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, Timestamp(parsing: value) == nil {
                throw ValidationError("\(flag) \"\(value)\" is not an ISO 8601 instant like 2025-01-31T00:00:00Z")
            }
        }
        if let since = since.flatMap(Timestamp.init(parsing:)), let until = until.flatMap(Timestamp.init(parsing:)),
            since >= until
        {
            throw ValidationError("--since must be before --until")
        }
    }

    /// Resolves the configuration: flags > environment > pipeline file > defaults.
    func configuration(database: DatabaseOptions, environment: [String: String]) throws -> PipelineConfiguration {
        var flags = PipelineSettings()
        flags.name = pipelineName
        flags.databaseURL = database.databaseURL
        flags.schema = database.schema
        flags.apiBaseURL = apiBaseURL
        flags.filter = filter
        flags.strategy = strategy
        flags.lookbackHours = lookbackHours
        flags.batchSize = batchSize
        flags.pageSize = pageSize
        flags.retryBudgetSeconds = retryBudget
        flags.metricsFile = metricsFile
        var configuration = try PipelineConfiguration.resolve(
            flags: flags, environment: environment, pipelineFile: try pipelineFile.map(PipelineFile.read),
            userAgentVersion: ToolVersion.current)
        configuration.fullRefresh = fullRefresh
        configuration.since = since.flatMap(Timestamp.init(parsing:))
        configuration.until = until.flatMap(Timestamp.init(parsing:))
        return configuration
    }
}
