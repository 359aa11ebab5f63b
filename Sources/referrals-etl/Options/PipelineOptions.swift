import ArgumentParser
import Foundation
import PartnerCenter
import ReferralsPipeline

/// The flags of `run` (and `demo`): each overrides the environment and the pipeline file. Names, help and checks
/// come from `Settings`; values are read there too, so a bad value gets the same message from every source.
struct PipelineOptions: ParsableArguments {
    @Option(name: Settings.pipelineName.optionName, help: Settings.pipelineName.argumentHelp)
    var pipelineName: String?

    @Option(name: Settings.apiBaseURL.optionName, help: Settings.apiBaseURL.argumentHelp)
    var apiBaseURL: String?

    @Option(name: Settings.filter.optionName, help: Settings.filter.argumentHelp)
    var filter: String?

    @Option(name: Settings.strategy.optionName, help: Settings.strategy.argumentHelp)
    var strategy: String?

    @Option(name: Settings.lookbackHours.optionName, help: Settings.lookbackHours.argumentHelp)
    var lookbackHours: String?

    @Option(name: Settings.batchSize.optionName, help: Settings.batchSize.argumentHelp)
    var batchSize: String?

    @Option(name: Settings.pageSize.optionName, help: Settings.pageSize.argumentHelp)
    var pageSize: String?

    @Option(name: Settings.slices.optionName, help: Settings.slices.argumentHelp)
    var slices: String?

    @Option(name: Settings.retryBudgetSeconds.optionName, help: Settings.retryBudgetSeconds.argumentHelp)
    var retryBudget: String?

    @Option(name: Settings.metricsFile.optionName, help: Settings.metricsFile.argumentHelp)
    var metricsFile: String?

    @Option(name: Settings.httpTimeoutSeconds.optionName, help: Settings.httpTimeoutSeconds.argumentHelp)
    var httpTimeout: String?

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
        database.warnAboutPasswordInFlag()
        let flags = try PipelineSettings.flags(
            database.flags + [
                (Settings.pipelineName.flag, pipelineName), (Settings.apiBaseURL.flag, apiBaseURL),
                (Settings.filter.flag, filter), (Settings.strategy.flag, strategy),
                (Settings.lookbackHours.flag, lookbackHours), (Settings.batchSize.flag, batchSize),
                (Settings.pageSize.flag, pageSize), (Settings.slices.flag, slices),
                (Settings.retryBudgetSeconds.flag, retryBudget), (Settings.httpTimeoutSeconds.flag, httpTimeout),
                (Settings.metricsFile.flag, metricsFile),
            ])
        var configuration = try PipelineConfiguration.resolve(
            flags: flags, environment: environment, pipelineFile: try database.file(),
            userAgentVersion: ToolVersion.current)
        configuration.fullRefresh = fullRefresh
        configuration.since = since.flatMap(Timestamp.init(parsing:))
        configuration.until = until.flatMap(Timestamp.init(parsing:))
        return configuration
    }
}
