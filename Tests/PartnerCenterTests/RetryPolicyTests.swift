import PartnerCenter
import Testing

@Suite struct RetryPolicyTests {
    static let now = Timestamp(parsing: "2025-03-01T12:00:00Z") ?? Timestamp(ticks: 0)
    static let policy = RetryPolicy(
        maxAttempts: 4, maxThrottledAttempts: 10, baseDelay: 1, maxDelay: 8, maxRetryAfter: 120)

    @Test(
        arguments: [
            // condition, attempt, Retry-After, random, expected
            (RetryCondition.status(429), 1, "7", 0.5, RetryDecision.retry(afterSeconds: 7)),
            (.status(429), 9, "7", 0.5, .retry(afterSeconds: 7)),
            (.status(429), 10, "7", 0.5, .fail),
            (.status(429), 1, "Sat, 01 Mar 2025 12:00:30 GMT", 0.5, .retry(afterSeconds: 30)),
            (.status(429), 1, "Saturday, 01-Mar-25 12:00:10 GMT", 0.5, .retry(afterSeconds: 10)),
            // A date in the past is no reason to retry at once: back off as without the header.
            (.status(429), 1, "Sat, 01 Mar 2025 11:00:00 GMT", 0.5, .retry(afterSeconds: 0.5)),
            (.status(429), 4, "Sat, 01 Mar 2025 11:00:00 GMT", 1.0, .retry(afterSeconds: 8)),
            (.status(429), 1, "0", 0.5, .retry(afterSeconds: 0.5)),
            (.status(429), 1, "3600", 0.5, .retry(afterSeconds: 120)),
            (.status(429), 1, "soon", 0.5, .retry(afterSeconds: 0.5)),
            (.status(429), 3, nil, 1.0, .retry(afterSeconds: 4)),
            (.status(503), 1, "2", 0.9, .retry(afterSeconds: 2)),
            (.status(503), 2, nil, 0.5, .retry(afterSeconds: 1)),
            (.status(503), 4, "2", 0.5, .fail),
            (.status(500), 1, "5", 0.5, .retry(afterSeconds: 0.5)),
            (.status(500), 2, nil, 0.5, .retry(afterSeconds: 1)),
            (.status(502), 3, nil, 0.25, .retry(afterSeconds: 1)),
            (.status(504), 3, nil, 1.0, .retry(afterSeconds: 4)),
            (.status(504), 4, nil, 0.5, .fail),
            (.timeout, 1, nil, 0.0, .retry(afterSeconds: 0)),
            (.connectionFailure, 3, nil, 0.5, .retry(afterSeconds: 2)),
            (.malformedBody, 2, nil, 0.5, .retry(afterSeconds: 1)),
            (.malformedBody, 4, nil, 0.5, .fail),
            (.status(400), 1, nil, 0.5, .fail),
            (.status(401), 1, nil, 0.5, .fail),
            (.status(403), 1, nil, 0.5, .fail),
            (.status(404), 1, "5", 0.5, .fail),
            (.status(501), 1, nil, 0.5, .fail),
        ] as [(RetryCondition, Int, String?, Double, RetryDecision)])
    func decides(condition: RetryCondition, attempt: Int, retryAfter: String?, random: Double, expected: RetryDecision)
    {
        #expect(
            Self.policy.decide(condition, attempt: attempt, retryAfter: retryAfter, now: Self.now, random: random)
                == expected)
    }

    @Test func backoffCeilingIsCappedAtMaxDelay() {
        let policy = RetryPolicy(maxAttempts: 50, baseDelay: 1, maxDelay: 8)
        #expect(
            policy.decide(.status(500), attempt: 40, now: Self.now, random: 0.999) == .retry(afterSeconds: 8 * 0.999))
    }

    @Test(arguments: [
        ("0", 0.0), ("120", 120.0), (" 5 ", 5.0), ("Sat, 01 Mar 2025 12:01:00 GMT", 60.0),
    ])
    func parsesRetryAfter(header: String, seconds: Double) {
        #expect(RetryAfter.seconds(from: header, now: Self.now) == seconds)
    }

    @Test(arguments: ["", "-1", "1.5", "tomorrow", "Sat, 01 Foo 2025 12:01:00 GMT", "99999999999"])
    func rejectsBadRetryAfter(header: String) {
        #expect(RetryAfter.seconds(from: header, now: Self.now) == nil)
    }

    @Test("the budget is wall-clock time from the first request: attempts count, not only sleeps")
    func budgetIsWallClock() async {
        let budget = RetryBudget(seconds: 10)
        #expect(await budget.remaining(at: Self.now) == 10)
        await budget.start(at: Self.now)
        #expect(await budget.reserve(6, at: Self.now))
        #expect(await !budget.reserve(5, at: Self.now.adding(seconds: 6)))
        #expect(await budget.reserve(4, at: Self.now.adding(seconds: 6)))
        // 9 s went by in attempts that never slept: only 1 s is left.
        #expect(await !budget.reserve(2, at: Self.now.adding(seconds: 9)))
        #expect(await budget.remaining(at: Self.now.adding(seconds: 12)) == 0)
    }
}
