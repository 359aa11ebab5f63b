/// What happened to one attempt, as far as retrying is concerned.
public enum RetryCondition: Sendable, Equatable {
    /// The server answered with this HTTP status.
    case status(Int)
    /// No complete response in time (connect or read timeout).
    case timeout
    /// The connection failed or was reset before a complete response.
    case connectionFailure
    /// A 200 whose body was not JSON or was truncated.
    case malformedBody
}

/// The outcome of `RetryPolicy.decide`.
public enum RetryDecision: Sendable, Equatable {
    /// Sleep this many seconds, then send the same request again (same request id).
    case retry(afterSeconds: Double)
    /// Do not retry: give up on this request now.
    case fail
}

/// When to retry a request and how long to wait first. A pure function of its inputs; the reasons are in
/// `docs/extract.md` ("Retries").
///
/// - 429 and 503 honour `Retry-After` (delta-seconds or HTTP-date relative to `now`); without a usable one
///   they back off like the others.
/// - 500, 502, 503, 504, timeouts, connection failures and malformed bodies back off exponentially with full
///   jitter: a uniformly random wait in `0 ... min(maxDelay, baseDelay * 2^(attempt-1))`.
/// - Any other status fails at once (401 is handled before the policy: refresh once, then fail).
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all (the first one included) for server errors, timeouts and bad bodies.
    public var maxAttempts: Int
    /// Attempts in all for 429: throttling is normal and bounded by the time budget, not by a small count.
    public var maxThrottledAttempts: Int
    /// The first backoff ceiling, in seconds.
    public var baseDelay: Double
    /// The largest backoff ceiling, in seconds.
    public var maxDelay: Double
    /// The longest `Retry-After` honoured; a longer one is clamped to this (the budget still applies).
    public var maxRetryAfter: Double

    public init(
        maxAttempts: Int = 6, maxThrottledAttempts: Int = 30, baseDelay: Double = 1, maxDelay: Double = 60,
        maxRetryAfter: Double = 600
    ) {
        self.maxAttempts = maxAttempts
        self.maxThrottledAttempts = maxThrottledAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// Decides whether attempt number `attempt` (1-based, the one that just failed) is retried, and after how long.
    /// - Parameters:
    ///   - retryAfter: the response's `Retry-After` header, if any.
    ///   - now: the current time, for an HTTP-date `Retry-After`.
    ///   - random: a uniform random number in `0..<1` (injected so tests are exact).
    public func decide(
        _ condition: RetryCondition, attempt: Int, retryAfter: String? = nil, now: Timestamp,
        random: Double
    ) -> RetryDecision {
        switch condition {
        case .status(429):
            guard attempt < maxThrottledAttempts else { return .fail }
            return .retry(afterSeconds: honoured(retryAfter, now: now) ?? backoff(attempt: attempt, random: random))
        case .status(503):
            guard attempt < maxAttempts else { return .fail }
            return .retry(afterSeconds: honoured(retryAfter, now: now) ?? backoff(attempt: attempt, random: random))
        case .status(500), .status(502), .status(504), .timeout, .connectionFailure, .malformedBody:
            guard attempt < maxAttempts else { return .fail }
            return .retry(afterSeconds: backoff(attempt: attempt, random: random))
        case .status:
            return .fail
        }
    }

    /// Full jitter: uniform in `0 ... min(maxDelay, baseDelay * 2^(attempt-1))`.
    func backoff(attempt: Int, random: Double) -> Double {
        let exponent = Double(max(0, min(attempt - 1, 30)))
        let ceiling = min(maxDelay, baseDelay * pow2(exponent))
        return ceiling * min(max(random, 0), 1)
    }

    /// The `Retry-After` wait, clamped to `maxRetryAfter`; nil when absent, unusable, zero or a date already past
    /// (such a header would otherwise turn into a burst of immediate retries: the backoff applies instead).
    private func honoured(_ retryAfter: String?, now: Timestamp) -> Double? {
        guard let retryAfter, let seconds = RetryAfter.seconds(from: retryAfter, now: now), seconds > 0 else {
            return nil
        }
        return min(seconds, maxRetryAfter)
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) { value *= 2 }
        return value
    }
}
