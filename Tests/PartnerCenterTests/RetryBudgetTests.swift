import ETLCore
import Logging
import PartnerCenter
import Testing

/// The retry budget through the request executor: wall-clock, a long `Retry-After` fails at once, a past
/// `Retry-After` date backs off.
@Suite struct RetryBudgetTests {
    static func fail(_ transport: FakeTransport, clock: TestClock, budget: Double) async -> PartnerCenterError? {
        do {
            _ = try await ReferralPagesTests.collect(
                try ReferralPagesTests.client(transport, clock: clock, budget: budget).pages(ReferralQuery()))
            return nil
        } catch {
            return error as? PartnerCenterError
        }
    }

    @Test("a Retry-After longer than the budget left fails at once, without sleeping, and says so")
    func longRetryAfter() async {
        let transport = FakeTransport { _, _ in .json(429, "{}", headers: [("Retry-After", "3600")]) }
        let clock = TestClock()
        let error = await Self.fail(transport, clock: clock, budget: 900)
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("Retry-After") == true)
        #expect(error?.message.contains("3600 s") == true)
        #expect(clock.sleeps.isEmpty)
        #expect(transport.requests.count == 1)
    }

    @Test("a Retry-After date in the past backs off instead of retrying at once")
    func pastRetryAfter() async {
        let transport = FakeTransport { _, _ in
            .json(503, "{}", headers: [("Retry-After", "Wed, 01 Jan 2020 00:00:00 GMT")])
        }
        let clock = TestClock(random: 1.0)
        _ = await Self.fail(transport, clock: clock, budget: 900)
        #expect(clock.sleeps == [1, 2, 4, 8, 16])
    }

    @Test("time spent in attempts counts against the budget, not only the sleeps")
    func attemptsCount() async {
        let clock = TestClock(random: 0.5)
        // Every attempt takes 20 s (a slow timeout) before it fails.
        let transport = FakeTransport { _, _ in
            clock.advance(seconds: 20)
            return .json(500, "{}")
        }
        let error = await Self.fail(transport, clock: clock, budget: 30)
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("budget") == true)
        #expect(transport.requests.count == 2)
    }
}
