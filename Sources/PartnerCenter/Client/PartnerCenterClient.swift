import ETLCore
import Foundation
import Logging

/// The extract stage's entry point: a client of the Partner Center referrals API.
///
/// ```swift
/// let configuration = try PartnerCenterConfiguration.fromEnvironment(env, userAgentVersion: "0.1.0")
/// let client = try PartnerCenterClient(configuration: configuration, logger: logger)
/// for try await page in client.pages(ReferralQuery(incremental: ReferralQuery.updatedSince(watermark))) { ... }
/// ```
public struct PartnerCenterClient: Sendable {
    /// The run's `MS-CorrelationId`, sent on every request: log it and put it in the run summary.
    public let correlationID: String
    /// The configured API origin.
    public let endpoint: APIEndpoint
    /// The run's retry time budget (shared by every request of this client).
    public let retryBudget: RetryBudget
    let configuration: PartnerCenterConfiguration
    let executor: RequestExecutor

    /// - Parameters:
    ///   - transport: the HTTP transport; nil makes an `AsyncHTTPClientTransport` with the configured timeouts.
    ///   - tokenProvider: overrides the provider made from `configuration.credentials` (tests).
    ///   - clock: the clock and sleeper for retries and token expiry.
    ///   - throttle: the limit on API requests in flight shared by several concurrent listings (slices), if any.
    ///   - stages: where the time of fetching and decoding pages is added (the run's).
    public init(
        configuration: PartnerCenterConfiguration, logger: Logger, transport: (any HTTPTransport)? = nil,
        tokenProvider: (any TokenProvider)? = nil, clock: any RetryClock = SystemRetryClock(),
        throttle: RequestThrottle? = nil, stages: StageTimes = StageTimes()
    ) throws(PartnerCenterError) {
        let endpoint = try APIEndpoint(baseURL: configuration.baseURL)
        let transport =
            transport
            ?? AsyncHTTPClientTransport(
                connectTimeout: configuration.connectTimeout, readTimeout: configuration.readTimeout,
                exchangeTimeout: configuration.exchangeTimeout)
        let correlationID = configuration.correlationID ?? UUID().uuidString.lowercased()
        var logger = logger
        logger[metadataKey: LogKey.correlationID] = "\(correlationID)"
        let tokens =
            tokenProvider ?? configuration.credentials.makeProvider(transport: transport, clock: clock, logger: logger)
        let budget = RetryBudget(seconds: configuration.retryBudget)
        self.correlationID = correlationID
        self.endpoint = endpoint
        self.retryBudget = budget
        self.configuration = configuration
        self.executor = RequestExecutor(
            transport: throttle.map { ThrottledTransport(base: transport, throttle: $0) } ?? transport, tokens: tokens,
            policy: configuration.retryPolicy, budget: budget, clock: clock,
            correlationID: correlationID, userAgent: "referrals-etl/\(configuration.userAgentVersion)", logger: logger,
            stages: stages)
    }

    /// The pages of `query`, fetched one at a time as the consumer iterates.
    public func pages(_ query: ReferralQuery) -> ReferralPages {
        ReferralPages(
            executor: executor, endpoint: endpoint, query: query, pageCap: configuration.pageCap,
            logger: executor.logger)
    }
}
