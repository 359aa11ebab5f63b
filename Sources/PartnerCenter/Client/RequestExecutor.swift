import ETLCore
import Foundation
import Logging

/// Sends one logical GET to the API: headers, bearer token, one refresh on 401, the odd-path 404 fallback, and
/// retries per `RetryPolicy` within the run's `RetryBudget`. The reasons are in `docs/extract.md`.
struct RequestExecutor: Sendable {
    let transport: any HTTPTransport
    let tokens: any TokenProvider
    let policy: RetryPolicy
    let budget: RetryBudget
    let clock: any RetryClock
    let correlationID: String
    let userAgent: String
    let logger: Logger

    /// The decoded 200 response of `url` and the URL that served it (`fallbackURL` after a 404 on `url`).
    /// `decode` failing counts as a retryable malformed body.
    func fetch<T>(
        _ url: String, fallbackURL: String?, page: Int,
        decode: (HTTPResponse) throws(ReferralPageDecoder.MalformedPage) -> T
    ) async throws -> (value: T, servedBy: String) {
        let requestID = UUID().uuidString.lowercased()
        var url = url
        var fallback = fallbackURL
        var token = try await tokens.accessToken()
        var refreshed = false
        var attempt = 1
        var lastMalformed: ReferralPageDecoder.MalformedPage?
        while true {
            try Task.checkCancellation()
            let request = HTTPRequest(
                url: url,
                headers: [
                    ("Authorization", "Bearer " + token.revealed), ("Accept", "application/json"),
                    ("client-request-id", requestID), ("MS-RequestId", requestID),
                    ("MS-CorrelationId", correlationID), ("User-Agent", userAgent),
                ])
            logger.debug(
                "requesting page",
                metadata: [LogKey.httpURL: "\(url)", LogKey.pageNumber: "\(page)", LogKey.attempt: "\(attempt)"])
            let condition: RetryCondition
            var response: HTTPResponse?
            do {
                let answer = try await transport.send(request)
                response = answer
                logger.debug(
                    "response received",
                    metadata: [LogKey.httpStatus: "\(answer.status)", LogKey.requestID: "\(Self.requestID(answer))"])
                switch answer.status {
                case 200...299:
                    do {
                        return (try decode(answer), url)
                    } catch {
                        lastMalformed = error
                        condition = .malformedBody
                    }
                case 401 where !refreshed:
                    refreshed = true
                    logger.debug("token rejected; refreshing once", metadata: [LogKey.httpStatus: "401"])
                    token = try await tokens.refreshAfterRejection(of: token)
                    continue
                case 404 where fallback != nil:
                    logger.debug("odd nextLink path not found; trying the documented path", metadata: [:])
                    url = fallback ?? url
                    fallback = nil
                    continue
                default:
                    condition = .status(answer.status)
                }
            } catch let error as HTTPTransportError {
                guard error.kind != .invalidRequest else {
                    throw PartnerCenterError(.internal, "could not send the request", underlying: error)
                }
                condition = error.kind == .timeout ? .timeout : .connectionFailure
            }
            // The pager settles a malformed body served identically several times: retrying cannot help.
            let decision =
                condition == .malformedBody && lastMalformed?.settled == true
                ? .fail
                : policy.decide(
                    condition, attempt: attempt, retryAfter: response?.header("Retry-After"), now: clock.now(),
                    random: clock.random())
            guard case .retry(let seconds) = decision else {
                throw failure(condition, response: response, attempts: attempt, malformed: lastMalformed)
            }
            guard await budget.reserve(seconds) else {
                throw PartnerCenterError(
                    .unavailable,
                    "the retry time budget is spent; the run stops here and the next run resumes from the watermark",
                    context: Self.facts(condition, response, attempt).merging(
                        ["retry.budget_s": "\(Int(budget.total))"]) { $1 })
            }
            logger.info(
                "retrying request",
                metadata: [
                    LogKey.httpStatus: "\(Self.statusText(condition))", LogKey.attempt: "\(attempt)",
                    LogKey.delay: "\(Self.rounded(seconds))", LogKey.pageNumber: "\(page)",
                ])
            try await clock.sleep(seconds: seconds)
            attempt += 1
        }
    }

    static func requestID(_ response: HTTPResponse) -> String {
        response.header("request-id") ?? response.header("MS-RequestId") ?? response.header("x-ms-request-id") ?? "-"
    }

    private static func statusText(_ condition: RetryCondition) -> String {
        switch condition {
        case .status(let code): return String(code)
        case .timeout: return "timeout"
        case .connectionFailure: return "connection-failure"
        case .malformedBody: return "malformed-body"
        }
    }

    private static func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }

    private static func facts(
        _ condition: RetryCondition, _ response: HTTPResponse?, _ attempts: Int
    ) -> [String: String] {
        var context = [LogKey.httpStatus: statusText(condition), "retry.attempts": String(attempts)]
        if let response { context[LogKey.requestID] = requestID(response) }
        return context
    }
}
