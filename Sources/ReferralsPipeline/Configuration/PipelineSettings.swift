/// The settings a person can give a pipeline, each optional: from flags, from the environment, or from a pipeline
/// file. `PipelineConfiguration.resolve` layers them: flag > environment > pipeline file > default. What each one is
/// called where, and which values it allows, is declared once in `Settings`; `fields` binds them to these properties.
public struct PipelineSettings: Sendable, Equatable {
    public var name: String?
    public var databaseURL: String?
    public var schema: String?
    public var apiBaseURL: String?
    public var filter: String?
    public var strategy: PipelineConfiguration.Strategy?
    public var lookbackHours: Double?
    public var batchSize: Int?
    public var pageSize: Int?
    public var slices: Int?
    public var retryBudgetSeconds: Double?
    public var pageCap: Int?
    public var maxRejectedPercent: Double?
    public var maxRejectedCount: Int?
    public var lockTimeoutSeconds: Double?
    public var statementTimeoutSeconds: Double?
    public var httpTimeoutSeconds: Double?
    public var metricsFile: String?

    public init() {}

    /// Each setting of a pipeline, bound to its property.
    static var fields: [Field] {
        [
            Field(Settings.pipelineName, \.name), Field(Settings.databaseURL, \.databaseURL),
            Field(Settings.schema, \.schema), Field(Settings.apiBaseURL, \.apiBaseURL),
            Field(Settings.filter, \.filter), Field(Settings.strategy, \.strategy),
            Field(Settings.lookbackHours, \.lookbackHours), Field(Settings.batchSize, \.batchSize),
            Field(Settings.pageSize, \.pageSize), Field(Settings.slices, \.slices),
            Field(Settings.retryBudgetSeconds, \.retryBudgetSeconds),
            Field(Settings.pageCap, \.pageCap), Field(Settings.maxRejectedPercent, \.maxRejectedPercent),
            Field(Settings.maxRejectedCount, \.maxRejectedCount),
            Field(Settings.lockTimeoutSeconds, \.lockTimeoutSeconds),
            Field(Settings.statementTimeoutSeconds, \.statementTimeoutSeconds),
            Field(Settings.httpTimeoutSeconds, \.httpTimeoutSeconds),
            Field(Settings.metricsFile, \.metricsFile),
        ]
    }

    /// A `Setting` bound to a property of `PipelineSettings`.
    struct Field {
        let key: String?
        let variable: String?
        let flag: String?
        /// Reads text from `source` into the property.
        let read: (inout PipelineSettings, _ text: String, _ source: String, _ isFlag: Bool) throws -> Void
        /// Reads the environment's value, if any, into the property.
        let readEnvironment: (inout PipelineSettings, [String: String]) throws -> Void
        /// Sets the property from `fallback` when it is not set.
        let fill: (inout PipelineSettings, _ fallback: PipelineSettings) -> Void

        init<Value>(_ setting: Setting<Value>, _ property: WritableKeyPath<PipelineSettings, Value?>) {
            key = setting.key
            variable = setting.variable
            flag = setting.flag
            read = { settings, text, source, isFlag in
                settings[keyPath: property] = try setting.value(text, from: source, isFlag: isFlag)
            }
            readEnvironment = { settings, environment in
                if let value = try setting.value(in: environment) { settings[keyPath: property] = value }
            }
            fill = { settings, fallback in
                if settings[keyPath: property] == nil { settings[keyPath: property] = fallback[keyPath: property] }
            }
        }
    }

    /// `self` where set, else `fallback`'s value.
    public func over(_ fallback: PipelineSettings) -> PipelineSettings {
        var merged = self
        for field in Self.fields { field.fill(&merged, fallback) }
        return merged
    }

    /// The settings the environment gives (`DATABASE_URL`, `PARTNER_CENTER_API_BASE_URL`, `REFERRALS_ETL_*`).
    /// A value that does not read or is out of range is a configuration error naming the variable.
    public static func environment(_ env: [String: String]) throws -> PipelineSettings {
        var settings = PipelineSettings()
        for field in fields { try field.readEnvironment(&settings, env) }
        return settings
    }

    /// The settings given as flags, as (flag name without dashes, text) pairs: a value that does not read is a usage
    /// error (64), one out of range a configuration error (78), both naming the flag.
    public static func flags(_ given: [(flag: String?, text: String?)]) throws -> PipelineSettings {
        var settings = PipelineSettings()
        for (flag, text) in given {
            guard let text else { continue }
            guard let field = fields.first(where: { $0.flag != nil && $0.flag == flag }) else {
                preconditionFailure("--\(flag ?? "?") is no setting's flag")
            }
            try field.read(&settings, text, "--\(flag ?? "")", true)
        }
        return settings
    }
}
