import ETLCore

/// Sending token-endpoint requests: a few retries on throttling, server errors and network failures, then a
/// `PartnerCenterError` whose message names the likely cause. Nothing secret reaches an error or a log.
enum TokenRequests {
    static let policy = RetryPolicy(
        maxAttempts: 4, maxThrottledAttempts: 4, baseDelay: 1, maxDelay: 8, maxRetryAfter: 30)

    /// The response's status and parsed body, after retrying transient failures.
    static func send(
        _ request: HTTPRequest, transport: any HTTPTransport, clock: any RetryClock
    ) async throws -> (Int, TokenResponse) {
        var attempt = 1
        while true {
            let condition: RetryCondition
            var retryAfter: String?
            do {
                let response = try await transport.send(request)
                if response.status < 500 && response.status != 429 {
                    return (response.status, TokenResponse(body: response.body))
                }
                condition = .status(response.status)
                retryAfter = response.header("Retry-After")
            } catch let error as HTTPTransportError {
                if let final = error.final(url: request.url, peer: "the token endpoint") { throw final }
                condition = error.kind == .timeout ? .timeout : .connectionFailure
            }
            let decision = policy.decide(
                condition, attempt: attempt, retryAfter: retryAfter, now: clock.now(), random: clock.random())
            guard case .retry(let seconds) = decision else {
                throw PartnerCenterError(
                    .unavailable, "the identity platform's token endpoint is unavailable; try again later",
                    context: ["condition": "\(condition)"])
            }
            try await clock.sleep(seconds: seconds)
            attempt += 1
        }
    }

    /// The error for a token-endpoint answer that gave no token.
    static func failure(status: Int, answer: TokenResponse) -> PartnerCenterError {
        var context = answer.context
        context[LogKey.httpStatus] = String(status)
        switch answer.error {
        case "invalid_client", "unauthorized_client":
            return PartnerCenterError(
                .credentialsRejected,
                "the identity platform rejected the app (\(answer.error ?? "")): check PARTNER_CENTER_CLIENT_ID and "
                    + "PARTNER_CENTER_CLIENT_SECRET (secrets expire)", context: context)
        case "invalid_grant", "interaction_required", "consent_required":
            return PartnerCenterError(
                .credentialsRejected,
                "the identity platform rejected the grant (\(answer.error ?? "")): run `referrals-etl login` again",
                context: context)
        case "invalid_request", "invalid_scope", "unsupported_grant_type":
            return PartnerCenterError(
                .configuration,
                "the token request was refused (\(answer.error ?? "")): check the tenant, client id "
                    + "and authority", context: context)
        default:
            if status == 401 || status == 403 {
                return PartnerCenterError(
                    .credentialsRejected, "the identity platform refused the credentials", context: context)
            }
            if status == 404 || status == 400 {
                return PartnerCenterError(
                    .configuration,
                    "the token endpoint refused the request: check PARTNER_CENTER_TENANT_ID and "
                        + "PARTNER_CENTER_AUTHORITY_URL", context: context)
            }
            return PartnerCenterError(
                .unavailable, "the token endpoint answered without a token; try again later", context: context)
        }
    }
}
