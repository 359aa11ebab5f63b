import Foundation
import PartnerCenter
import PostgresLoad

/// Every setting of referrals-etl, each declared once (see `Setting`). docs/pipeline.md's configuration table lists
/// them; `SettingsTests` keeps the two in step.
public enum Settings {
    public static let pipelineName = Setting.text(
        key: "name", variable: "REFERRALS_ETL_PIPELINE", flag: "pipeline-name",
        help: "Pipeline name: its state row, lock and runs.", default: "default", valueName: "name",
        check: { name in
            !name.isEmpty && name.count <= 100 && name.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }
                ? nil : "is not a valid pipeline name: use letters, digits, - _ and ., at most 100"
        })
    public static let databaseURL = Setting.text(
        key: "database_url", variable: "DATABASE_URL", flag: "database-url",
        help: "PostgreSQL URL or conninfo.", default: "none", valueName: "url", quotable: false,
        check: { $0.isEmpty ? "is empty: give postgres://USER@HOST/DB" : nil })
    public static let schema = Setting.text(
        key: "schema", variable: "REFERRALS_ETL_SCHEMA", flag: "schema", help: "Warehouse schema.",
        default: SchemaName.defaultName, valueName: "name",
        check: { (try? SchemaName($0)) == nil ? "is not a valid schema name: use [a-z_][a-z0-9_]*, not pg_…" : nil })
    public static let apiBaseURL = Setting.text(
        key: "api_base_url", variable: PartnerCenterConfiguration.baseURLVariable, flag: "api-base-url",
        help: "API base URL.", default: PartnerCenterConfiguration.defaultBaseURL, valueName: "url",
        check: { base in
            do throws(PartnerCenterError) {
                _ = try APIEndpoint(baseURL: base)
                return nil
            } catch { return "is not usable: \(error.message)" }
        })
    public static let filter = Setting.text(
        key: "filter", variable: "REFERRALS_ETL_FILTER", flag: "filter",
        help: "The pipeline's own OData $filter, e.g. \"direction eq 'Incoming'\".", default: "none",
        valueName: "expression")
    public static let strategy = Setting<PipelineConfiguration.Strategy>(
        key: "strategy", variable: "REFERRALS_ETL_STRATEGY", flag: "strategy",
        help: "Incremental strategy: scan or filter.", default: "scan", valueName: "name", expected: "scan or filter",
        read: { PipelineConfiguration.Strategy(rawValue: $0) })
    public static let lookbackHours = Setting<Double>.number(
        key: "lookback_hours", variable: "REFERRALS_ETL_LOOKBACK_HOURS", flag: "lookback-hours",
        help: "How far before the watermark incremental runs read, in hours.", default: "24", in: 0...8_784,
        shownRange: "0 to 8784")
    public static let batchSize = Setting<Int>.number(
        key: "batch_size", variable: "REFERRALS_ETL_BATCH_SIZE", flag: "batch-size",
        help: "Referrals per transaction.", default: "1000", in: 1...100_000, shownRange: "1 to 100000")
    public static let pageSize = Setting<Int>.number(
        key: "page_size", variable: "REFERRALS_ETL_PAGE_SIZE", flag: "page-size",
        help: "Referrals per API page, sent as pagesize (never $top).", default: "the API's, 100", in: 1...100,
        shownRange: "1 to 100 (the API's maximum)")
    public static let slices = Setting<Int>.number(
        key: "slices", variable: "REFERRALS_ETL_SLICES", flag: "slices",
        help: "Concurrent createdDateTime windows a first load, full refresh or backfill reads.", default: "1",
        in: 1...32, shownRange: "1 to 32")
    public static let retryBudgetSeconds = Setting<Double>.number(
        key: "retry_budget_seconds", variable: "REFERRALS_ETL_RETRY_BUDGET_SECONDS", flag: "retry-budget",
        help: "Seconds a run may spend waiting to retry the API.", default: "900", in: 0...86_400,
        shownRange: "0 to 86400")
    public static let pageCap = Setting<Int>.number(
        key: "page_cap", variable: "REFERRALS_ETL_PAGE_CAP", flag: nil,
        help: "The most pages one listing may have (a loop guard).", default: "100000", in: 1...Int.max,
        shownRange: "1 or more")
    public static let maxRejectedPercent = Setting<Double>.number(
        key: "max_rejected_percent", variable: "REFERRALS_ETL_MAX_REJECTED_PERCENT", flag: nil,
        help: "Exit 65 when new rejections exceed this share of the records read and the count below.",
        default: "1", in: 0...100, shownRange: "0 to 100")
    public static let maxRejectedCount = Setting<Int>.number(
        key: "max_rejected_count", variable: "REFERRALS_ETL_MAX_REJECTED_COUNT", flag: nil,
        help: "Exit 65 when new rejections exceed this count and the share above.", default: "10", in: 0...Int.max,
        shownRange: "0 or more")
    public static let lockTimeoutSeconds = Setting<Double>.number(
        key: "lock_timeout_seconds", variable: SessionTimeouts.lockTimeoutVariable, flag: "lock-timeout",
        help: "Seconds a statement waits for a lock (ignored when the URL's options set lock_timeout).",
        default: "60", in: 0.001...86_400, shownRange: "0.001 to 86400")
    public static let statementTimeoutSeconds = Setting<Double>.number(
        key: "statement_timeout_seconds", variable: SessionTimeouts.statementTimeoutVariable,
        flag: "statement-timeout",
        help: "Seconds a statement may run; a silent server is given up after this plus up to 10 s.",
        default: "600", in: 0.001...86_400, shownRange: "0.001 to 86400")
    public static let httpTimeoutSeconds = Setting<Double>.number(
        key: "http_timeout_seconds", variable: PartnerCenterConfiguration.exchangeTimeoutVariable,
        flag: "http-timeout", help: "Seconds one HTTP exchange may take in all, headers and body (then retried).",
        default: "120", in: 0.001...3_600, shownRange: "0.001 to 3600")
    public static let metricsFile = Setting.text(
        key: "metrics_file", variable: "REFERRALS_ETL_METRICS_FILE", flag: "metrics-file",
        help: "Write the run's Prometheus metrics here when it ends (node_exporter's textfile collector).",
        default: "none", valueName: "path",
        check: { path in
            var isDirectory: ObjCBool = false
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            return FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue
                ? nil : "is in a directory that does not exist (\(directory)): create it or give another path"
        })
    public static let logFormat = Setting.text(
        key: nil, variable: "REFERRALS_ETL_LOG_FORMAT", flag: "log-format",
        help: "Log lines on stderr: text, or json (one object per line).", default: "text on a terminal, else json",
        valueName: "format",
        check: { ["text", "json"].contains($0.lowercased()) ? nil : "is not a log format: use text or json" })
    public static let logLevel = Setting.text(
        key: nil, variable: "LOG_LEVEL", flag: "log-level", help: "Log level on stderr.", default: "info",
        valueName: "level",
        check: {
            ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains($0.lowercased())
                ? nil : "is not a log level: use trace, debug, info, notice, warning, error or critical"
        })
    public static let tenantID = Setting.text(
        key: nil, variable: PartnerCenterCredentials.Variable.tenantID, flag: "tenant",
        help: "Tenant id or domain.", default: "none", valueName: "tenant")
    public static let clientID = Setting.text(
        key: nil, variable: PartnerCenterCredentials.Variable.clientID, flag: "client-id",
        help: "Application (client) id.", default: "none", valueName: "id")
    public static let tokenCache = Setting.text(
        key: nil, variable: PartnerCenterCredentials.Variable.tokenCache, flag: "token-cache",
        help: "Token cache file.", default: "~/.config/referrals-etl/token-cache.json", valueName: "file")

    /// Every setting, for documentation checks: (flag, variable, key).
    public static var all: [(flag: String?, variable: String?, key: String?)] {
        PipelineSettings.fields.map { ($0.flag, $0.variable, $0.key) }
            + [logLevel, logFormat, tenantID, clientID, tokenCache].map { ($0.flag, $0.variable, $0.key) }
    }
}
