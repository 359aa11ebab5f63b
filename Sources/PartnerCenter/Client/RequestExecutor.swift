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
    /// Where the time of HTTP exchanges (fetch) and of decoding their bodies (decode) is added.
    let stages: StageTimes

    /// The decoded 200 response of `url` and the URL that served it (`fallbackURL` after a 404 on `url`).
    /// `decode` failing counts as a retryable malformed body.
    func fetch<T>(
        _ url: String, fallbackURL: String?, page: Int,
        decode: (HTTPResponse) throws(ReferralPageDecoder.MalformedPage) -> T
    ) async throws -> (value: T, servedBy: String) {
        let requestID = UUID().uuidString.lowercased()
        await budget.start(at: clock.now())
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
                let sent = ContinuousClock.now
                let answer = try await transport.send(request)
                stages.add(.fetch, since: sent)
                response = answer
                logger.debug(
                    "response received",
                    metadata: [LogKey.httpStatus: "\(answer.status)", LogKey.requestID: "\(Self.requestID(answer))"])
                switch answer.status {
                case 200...299:
                    do {
                        let value = try stages.measure(.decode) { () throws(ReferralPageDecoder.MalformedPage) in
                            try decode(answer)
                        }
                        return (value, url)
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
                if let final = error.final(url: url, peer: "the API") { throw final }
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
            let now = clock.now()
            // A Retry-After is checked unclamped: asking for more than the budget has left ends the run now.
            let asked = response?.header("Retry-After").flatMap { RetryAfter.seconds(from: $0, now: now) } ?? 0
            guard await budget.reserve(max(seconds, asked), at: now) else {
                throw await budgetSpent(condition, response, attempt, wait: seconds, now: now)
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

    /// The error when the next wait does not fit in what is left of the retry budget; a `Retry-After` longer
    /// than that says so (the run stops at once rather than sleeping first).
    private func budgetSpent(
        _ condition: RetryCondition, _ response: HTTPResponse?, _ attempt: Int, wait: Double, now: Timestamp
    ) async -> PartnerCenterError {
        let left = await budget.remaining(at: now)
        var context = Self.facts(condition, response, attempt)
        context["retry.budget_s"] = "\(Int(budget.total))"
        context["retry.budget_left_s"] = "\(Int(left))"
        if let header = response?.header("Retry-After"), let asked = RetryAfter.seconds(from: header, now: now),
            asked > left
        {
            return PartnerCenterError(
                .unavailable,
                "the API asked to wait \(Int(asked.rounded(.up))) s (Retry-After), more than the "
                    + "\(Int(left)) s left of the retry budget: the run stops now and the next run resumes from the "
                    + "watermark", context: context)
        }
        return PartnerCenterError(
            .unavailable,
            "the retry time budget is spent (next wait \(Self.rounded(wait)) s, \(Self.rounded(left)) s left); the run "
                + "stops here and the next run resumes from the watermark", context: context)
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
