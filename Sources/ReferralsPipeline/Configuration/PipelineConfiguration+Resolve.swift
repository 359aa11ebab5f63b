import Foundation
import PartnerCenter
import PostgresLoad

extension PipelineConfiguration {
    /// Layers flag > environment > pipeline file > default. Each value was checked where it was read (`Setting`),
    /// so errors name the flag, the variable or the file's line. Credentials come from the environment only.
    public static func resolve(
        flags: PipelineSettings, environment: [String: String], pipelineFile: PipelineFile? = nil,
        userAgentVersion: String
    ) throws -> PipelineConfiguration {
        let file = try pipelineFile?.settings(environment: environment) ?? PipelineSettings()
        let settings = flags.over(try .environment(environment)).over(file)
        guard let databaseURL = settings.databaseURL else {
            throw ConfigurationError(
                "no database given: set DATABASE_URL or pass --database-url postgres://USER@HOST/DB")
        }
        var env = environment
        if let base = settings.apiBaseURL { env[PartnerCenterConfiguration.baseURLVariable] = base }
        let api = try PartnerCenterConfiguration.fromEnvironment(env, userAgentVersion: userAgentVersion)
        var configuration = PipelineConfiguration(
            databaseURL: databaseURL, schema: try SchemaName(settings.schema ?? SchemaName.defaultName), api: api)
        configuration.apply(settings)
        return configuration
    }

    /// Applies every setting `settings` holds but the database, the schema and the API base URL (which `resolve`
    /// takes first).
    mutating func apply(_ settings: PipelineSettings) {
        if let budget = settings.retryBudgetSeconds { api.retryBudget = budget }
        if let cap = settings.pageCap { api.pageCap = cap }
        if let name = settings.name { pipelineName = name }
        if let text = settings.filter { filter = text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text }
        if let strategy = settings.strategy { self.strategy = strategy }
        if let hours = settings.lookbackHours { lookbackSeconds = Int64(hours * 3600) }
        if let batch = settings.batchSize { batchSize = batch }
        if let size = settings.pageSize { pageSize = size }
        if let count = settings.slices { slices = count }
        if let percent = settings.maxRejectedPercent { maxRejectedShare = percent / 100 }
        if let count = settings.maxRejectedCount { maxRejectedCount = count }
        if let seconds = settings.lockTimeoutSeconds { databaseTimeouts.lockTimeout = seconds }
        if let seconds = settings.statementTimeoutSeconds { databaseTimeouts.statementTimeout = seconds }
        if let seconds = settings.httpTimeoutSeconds {
            api.exchangeTimeout = seconds
            api.readTimeout = min(api.readTimeout, seconds)
        }
        if let path = settings.metricsFile { metricsFile = path }
    }
}
