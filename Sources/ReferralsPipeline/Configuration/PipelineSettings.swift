/// The settings a person can give, each optional: from flags, from the environment, or from a YAML file.
/// `PipelineConfiguration.resolve` layers them: flag > environment > YAML > default.
public struct PipelineSettings: Sendable, Equatable, Decodable {
    public var name: String?
    public var databaseURL: String?
    public var schema: String?
    public var apiBaseURL: String?
    public var filter: String?
    public var strategy: String?
    public var lookbackHours: Double?
    public var batchSize: Int?
    public var pageSize: Int?
    public var retryBudgetSeconds: Double?
    public var pageCap: Int?
    public var maxRejectedPercent: Double?
    public var maxRejectedCount: Int?
    public var metricsFile: String?

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, schema, filter, strategy
        case databaseURL = "database_url"
        case apiBaseURL = "api_base_url"
        case lookbackHours = "lookback_hours"
        case batchSize = "batch_size"
        case pageSize = "page_size"
        case retryBudgetSeconds = "retry_budget_seconds"
        case pageCap = "page_cap"
        case maxRejectedPercent = "max_rejected_percent"
        case maxRejectedCount = "max_rejected_count"
        case metricsFile = "metrics_file"
    }

    /// `self` where set, else `fallback`'s value.
    public func over(_ fallback: PipelineSettings) -> PipelineSettings {
        var merged = PipelineSettings()
        merged.name = name ?? fallback.name
        merged.databaseURL = databaseURL ?? fallback.databaseURL
        merged.schema = schema ?? fallback.schema
        merged.apiBaseURL = apiBaseURL ?? fallback.apiBaseURL
        merged.filter = filter ?? fallback.filter
        merged.strategy = strategy ?? fallback.strategy
        merged.lookbackHours = lookbackHours ?? fallback.lookbackHours
        merged.batchSize = batchSize ?? fallback.batchSize
        merged.pageSize = pageSize ?? fallback.pageSize
        merged.retryBudgetSeconds = retryBudgetSeconds ?? fallback.retryBudgetSeconds
        merged.pageCap = pageCap ?? fallback.pageCap
        merged.maxRejectedPercent = maxRejectedPercent ?? fallback.maxRejectedPercent
        merged.maxRejectedCount = maxRejectedCount ?? fallback.maxRejectedCount
        merged.metricsFile = metricsFile ?? fallback.metricsFile
        return merged
    }

    /// The settings the environment gives (`DATABASE_URL`, `PARTNER_CENTER_API_BASE_URL`, `REFERRALS_ETL_*`).
    /// A number that does not parse is a configuration error naming the variable, never silently ignored.
    public static func environment(_ env: [String: String]) throws -> PipelineSettings {
        func value(_ key: String) -> String? { env[key].flatMap { $0.isEmpty ? nil : $0 } }
        func number<N: LosslessStringConvertible>(_ key: String, as _: N.Type) throws -> N? {
            guard let text = value(key) else { return nil }
            guard let parsed = N(text.trimmingCharacters(in: .whitespaces)) else {
                throw ConfigurationError("\(key)=\"\(text.prefix(40))\" is not a number: unset it or give one")
            }
            return parsed
        }
        var settings = PipelineSettings()
        settings.name = value("REFERRALS_ETL_PIPELINE")
        settings.databaseURL = value("DATABASE_URL")
        settings.schema = value("REFERRALS_ETL_SCHEMA")
        settings.apiBaseURL = value("PARTNER_CENTER_API_BASE_URL")
        settings.filter = value("REFERRALS_ETL_FILTER")
        settings.strategy = value("REFERRALS_ETL_STRATEGY")
        settings.lookbackHours = try number("REFERRALS_ETL_LOOKBACK_HOURS", as: Double.self)
        settings.batchSize = try number("REFERRALS_ETL_BATCH_SIZE", as: Int.self)
        settings.pageSize = try number("REFERRALS_ETL_PAGE_SIZE", as: Int.self)
        settings.retryBudgetSeconds = try number("REFERRALS_ETL_RETRY_BUDGET_SECONDS", as: Double.self)
        settings.pageCap = try number("REFERRALS_ETL_PAGE_CAP", as: Int.self)
        settings.maxRejectedPercent = try number("REFERRALS_ETL_MAX_REJECTED_PERCENT", as: Double.self)
        settings.maxRejectedCount = try number("REFERRALS_ETL_MAX_REJECTED_COUNT", as: Int.self)
        settings.metricsFile = value("REFERRALS_ETL_METRICS_FILE")
        return settings
    }
}
