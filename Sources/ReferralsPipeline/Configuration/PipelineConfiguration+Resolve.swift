import Foundation
import PartnerCenter
import PostgresLoad
import Yams

extension PipelineConfiguration {
    /// Layers flag > environment > YAML > default and checks the result. Credentials come from the
    /// environment only (never flags or files in a repository).
    public static func resolve(
        flags: PipelineSettings, environment: [String: String], yamlText: String?, userAgentVersion: String
    ) throws -> PipelineConfiguration {
        let file = try yamlText.map(parseYAML) ?? PipelineSettings()
        let settings = flags.over(try .environment(environment)).over(file)
        guard let databaseURL = settings.databaseURL else {
            throw ConfigurationError(
                "no database given: set DATABASE_URL or pass --database-url postgres://USER:PASSWORD@HOST/DB")
        }
        var env = environment
        if let base = settings.apiBaseURL { env[PartnerCenterConfiguration.baseURLVariable] = base }
        var api = try PartnerCenterConfiguration.fromEnvironment(env, userAgentVersion: userAgentVersion)
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
        var configuration = PipelineConfiguration(
            databaseURL: databaseURL, schema: try SchemaName(settings.schema ?? SchemaName.defaultName), api: api)
        if let name = settings.name {
            guard !name.isEmpty, name.count <= 100,
                name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) })
            else {
                throw ConfigurationError(
                    "pipeline name \"\(name.prefix(100))\" is not valid: use letters, digits, - _ and ., at most 100")
            }
            configuration.pipelineName = name
        }
        configuration.filter = settings.filter.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        if let strategy = settings.strategy {
            guard let parsed = Strategy(rawValue: strategy) else {
                throw ConfigurationError("strategy \"\(strategy)\" is not known: use scan or filter")
            }
            configuration.strategy = parsed
        }
        if let hours = settings.lookbackHours {
            guard hours >= 0, hours <= 24 * 366 else {
                throw ConfigurationError("lookback of \(hours) hours is out of range: use 0 to 8784")
            }
            configuration.lookbackSeconds = Int64(hours * 3600)
        }
        if let batch = settings.batchSize {
            guard (1...100_000).contains(batch) else {
                throw ConfigurationError("batch size \(batch) is out of range: use 1 to 100000")
            }
            configuration.batchSize = batch
        }
        if let pageSize = settings.pageSize {
            guard (1...100).contains(pageSize) else {
                throw ConfigurationError("page size \(pageSize) is out of range: use 1 to 100 (the API's maximum)")
            }
            configuration.pageSize = pageSize
        }
        if let percent = settings.maxRejectedPercent {
            guard (0...100).contains(percent) else {
                throw ConfigurationError("max rejected percent \(percent) is out of range: use 0 to 100")
            }
            configuration.maxRejectedShare = percent / 100
        }
        if let count = settings.maxRejectedCount {
            guard count >= 0 else {
                throw ConfigurationError("max rejected count \(count) is out of range: use 0 or more")
            }
            configuration.maxRejectedCount = count
        }
        return configuration
    }

    /// The settings of a pipeline file. A key the file format does not know is an error naming it (a typo
    /// such as `lookback: 48` would otherwise be ignored silently).
    static func parseYAML(_ text: String) throws -> PipelineSettings {
        let settings: PipelineSettings
        let keys: [String]
        do {
            settings = try YAMLDecoder().decode(PipelineSettings.self, from: text)
            keys = ((try Yams.load(yaml: text) as? [String: Any]) ?? [:]).keys.sorted()
        } catch {
            throw ConfigurationError("the pipeline file is not valid: \(String(describing: error).prefix(200))")
        }
        let known = Set(PipelineSettings.CodingKeys.allCases.map(\.stringValue))
        if let unknown = keys.first(where: { !known.contains($0) }) {
            throw ConfigurationError(
                "the pipeline file has an unknown key \"\(unknown.prefix(60))\": use \(known.sorted().joined(separator: ", "))"
            )
        }
        return settings
    }
}
