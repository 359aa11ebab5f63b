/// Everything `PartnerCenterClient` needs to know, with the defaults of `docs/extract.md`.
public struct PartnerCenterConfiguration: Sendable {
    /// The default API base URL; requests go to `{base}/v1.0/engagements/referrals`.
    public static let defaultBaseURL = "https://api.partner.microsoft.com"
    /// The environment variable for `baseURL`.
    public static let baseURLVariable = "PARTNER_CENTER_API_BASE_URL"

    /// The API base URL (https, or http to loopback only).
    public var baseURL: String
    /// How the bearer token is obtained.
    public var credentials: PartnerCenterCredentials
    /// Seconds to establish a connection.
    public var connectTimeout: Double
    /// Seconds without data before a request fails.
    public var readTimeout: Double
    /// Seconds one HTTP exchange may take in all, headers and body (`REFERRALS_ETL_HTTP_TIMEOUT_SECONDS`).
    public var exchangeTimeout: Double = 120
    /// The environment variable for `exchangeTimeout`.
    public static let exchangeTimeoutVariable = "REFERRALS_ETL_HTTP_TIMEOUT_SECONDS"
    /// The most seconds one run may spend sleeping before retries; past it the run stops as `temporary`.
    public var retryBudget: Double
    /// When and how long to retry.
    public var retryPolicy: RetryPolicy
    /// The most pages one `nextLink` chain may have.
    public var pageCap: Int
    /// Sent as `User-Agent: referrals-etl/<version>`.
    public var userAgentVersion: String
    /// The run's `MS-CorrelationId`; nil makes a new GUID.
    public var correlationID: String?

    public init(
        baseURL: String = PartnerCenterConfiguration.defaultBaseURL, credentials: PartnerCenterCredentials,
        connectTimeout: Double = 10, readTimeout: Double = 60, retryBudget: Double = 900,
        retryPolicy: RetryPolicy = RetryPolicy(), pageCap: Int = 100_000, userAgentVersion: String,
        correlationID: String? = nil
    ) {
        self.baseURL = baseURL
        self.credentials = credentials
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.retryBudget = retryBudget
        self.retryPolicy = retryPolicy
        self.pageCap = pageCap
        self.userAgentVersion = userAgentVersion
        self.correlationID = correlationID
    }

    /// The base URL (`PARTNER_CENTER_API_BASE_URL`) and credentials from the environment, other settings default.
    public static func fromEnvironment(
        _ env: [String: String], userAgentVersion: String
    ) throws(PartnerCenterError) -> PartnerCenterConfiguration {
        let base = env[baseURLVariable].flatMap { $0.trimmed.isEmpty ? nil : $0.trimmed } ?? defaultBaseURL
        _ = try APIEndpoint(baseURL: base)
        return PartnerCenterConfiguration(
            baseURL: base, credentials: try PartnerCenterCredentials.fromEnvironment(env),
            userAgentVersion: userAgentVersion)
    }
}
