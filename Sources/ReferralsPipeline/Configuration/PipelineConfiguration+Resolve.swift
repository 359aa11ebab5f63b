import Foundation
import PartnerCenter
import PostgresLoad

extension PipelineConfiguration {
    /// Layers flag > environment > pipeline file > default and checks the result. Credentials come from the
    /// environment only (never flags or files in a repository).
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
            databaseURL: databaseURL, schema: try SchemaName(SchemaName.defaultName), api: api)
        try configuration.apply(settings)
        return configuration
    }

    /// Checks and applies every setting `settings` holds but the database and the API base URL (which
    /// `resolve` takes first). Throws a configuration error naming the setting and its valid range.
    mutating func apply(_ settings: PipelineSettings) throws {
        if let budget = settings.retryBudgetSeconds {
            guard budget >= 0, budget <= 86_400 else {
                throw ConfigurationError("retry budget of \(budget) seconds is out of range: use 0 to 86400")
            }
            api.retryBudget = budget
        }
        if let cap = settings.pageCap {
            guard cap >= 1 else { throw ConfigurationError("page cap \(cap) is out of range: use 1 or more") }
            api.pageCap = cap
        }
        if let name = settings.schema { schema = try SchemaName(name) }
        if let name = settings.name {
            guard !name.isEmpty, name.count <= 100,
                name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) })
            else {
                throw ConfigurationError(
                    "pipeline name \"\(name.prefix(100))\" is not valid: use letters, digits, - _ and ., at most 100")
            }
            pipelineName = name
        }
        if let text = settings.filter { filter = text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text }
        if let text = settings.strategy {
            guard let parsed = Strategy(rawValue: text) else {
                throw ConfigurationError("strategy \"\(text.prefix(40))\" is not known: use scan or filter")
            }
            strategy = parsed
        }
        if let hours = settings.lookbackHours {
            guard hours >= 0, hours <= 24 * 366 else {
                throw ConfigurationError("lookback of \(hours) hours is out of range: use 0 to 8784")
            }
            lookbackSeconds = Int64(hours * 3600)
        }
        if let batch = settings.batchSize {
            guard (1...100_000).contains(batch) else {
                throw ConfigurationError("batch size \(batch) is out of range: use 1 to 100000")
            }
            batchSize = batch
        }
        if let size = settings.pageSize {
            guard (1...100).contains(size) else {
                throw ConfigurationError("page size \(size) is out of range: use 1 to 100 (the API's maximum)")
            }
            pageSize = size
        }
        if let percent = settings.maxRejectedPercent {
            guard (0...100).contains(percent) else {
                throw ConfigurationError("max rejected percent \(percent) is out of range: use 0 to 100")
            }
            maxRejectedShare = percent / 100
        }
        if let count = settings.maxRejectedCount {
            guard count >= 0 else {
                throw ConfigurationError("max rejected count \(count) is out of range: use 0 or more")
            }
            maxRejectedCount = count
        }
        if let path = settings.metricsFile {
            var isDirectory: ObjCBool = false
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw ConfigurationError(
                    "metrics file \(path): the directory \(directory) does not exist; create it or give another path")
            }
            metricsFile = path
        }
    }
}
