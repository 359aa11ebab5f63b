import PartnerCenter
import Testing

@testable import ReferralsPipeline

@Suite("slice planner")
struct SlicePlannerTests {
    static let day = 86_400 * Timestamp.ticksPerSecond
    static let origin = Timestamp(parsing: "2025-01-01T00:00:00Z")!

    static func at(days: Double) -> Timestamp { Timestamp(ticks: origin.ticks + Int64(days * Double(day))) }

    static func page(_ days: [Double]) -> ReferralPage {
        ReferralPage(
            number: 1,
            referrals: days.enumerated().map { index, offset in
                var referral = Referral(id: "r\(index)-\(offset)")
                referral.createdDateTime = at(days: offset).odataLiteral
                return referral
            })
    }

    @Test("the range is cut into equal contiguous windows, the last one open")
    func initial() {
        let planner = SlicePlanner(lower: Self.origin, upper: nil, estimatedEnd: Self.at(days: 8), count: 4)
        #expect(planner.windows.map(\.lower) == [0, 2, 4, 6].map { Self.at(days: $0) })
        #expect(planner.windows.map(\.upper) == [2, 4, 6].map { Self.at(days: $0) } + [nil])
    }

    @Test("a range shorter than a second per window gets fewer windows; a closed range keeps its bound")
    func short() {
        let end = Timestamp(ticks: Self.origin.ticks + 2 * Timestamp.ticksPerSecond)
        let planner = SlicePlanner(lower: Self.origin, upper: end, estimatedEnd: end, count: 8)
        #expect(planner.windows.count == 2)
        #expect(planner.windows.last?.upper == end)
    }

    @Test("a page past the bound is trimmed and stops its chain; one below it does not")
    func accept() {
        var planner = SlicePlanner(lower: Self.origin, upper: nil, estimatedEnd: Self.at(days: 8), count: 2)
        let below = planner.accept(Self.page([1, 2]), window: 0)
        #expect(below.page.referrals.count == 2 && !below.passedUpper)
        let across = planner.accept(Self.page([3, 4, 5]), window: 0)
        #expect(across.page.referrals.count == 1 && across.passedUpper)
    }

    @Test("a finished window cuts the running window expected to hold the most, from its position")
    func cut() {
        var planner = SlicePlanner(
            lower: Self.origin, upper: nil, estimatedEnd: Self.at(days: 8), count: 2, pageSize: 1)
        #expect(planner.accept(Self.page([4.4, 4.5]), window: 1).opened.isEmpty)
        let step = planner.finish(window: 0)
        #expect(step.finished?.upper == Self.at(days: 4))
        #expect(step.opened.count == 1)
        let opened = step.opened.first
        // Window 1 stood at day 4.5 of [4, 8): what is left is cut in the middle, about day 6.25.
        #expect(opened.map { abs($0.lower.ticks - Self.at(days: 6.25).ticks) <= 10 } == true)
        #expect(opened?.upper == nil)
        #expect(planner.windows.first { $0.id == 1 }?.upper == opened?.lower)
        // The running chain now drops what the new window reads.
        let trimmed = planner.accept(Self.page([6, 7]), window: 1)
        #expect(trimmed.page.referrals.count == 1 && trimmed.passedUpper)
        #expect(planner.running)
    }

    @Test("a window expected to hold under two pages is not cut")
    func sparse() {
        var planner = SlicePlanner(lower: Self.origin, upper: nil, estimatedEnd: Self.at(days: 8), count: 2)
        _ = planner.accept(Self.page([4.4, 4.5]), window: 1)
        #expect(planner.finish(window: 0).opened.isEmpty)
    }

    @Test("free chains cut a dense window into as many pieces")
    func dense() {
        var planner = SlicePlanner(
            lower: Self.origin, upper: nil, estimatedEnd: Self.at(days: 8), count: 4, pageSize: 1)
        _ = planner.finish(window: 0)
        _ = planner.finish(window: 1)
        _ = planner.finish(window: 2)
        let opened = planner.accept(Self.page([6.1, 6.2]), window: 3).opened
        #expect(opened.count == 3)
        let windows = planner.windows.filter { $0.id >= 3 }.sorted { $0.lower < $1.lower }
        #expect(zip(windows, windows.dropFirst()).allSatisfy { $0.upper == $1.lower })
        #expect(windows.last?.upper == nil)
    }

    @Test("nothing is cut when what is left is under two seconds")
    func noCut() {
        let end = Timestamp(ticks: Self.origin.ticks + 3 * Timestamp.ticksPerSecond)
        var planner = SlicePlanner(lower: Self.origin, upper: end, estimatedEnd: end, count: 2)
        #expect(planner.finish(window: 0).opened.isEmpty)
        #expect(planner.finish(window: 1).opened.isEmpty)
        #expect(!planner.running)
    }

    @Test("the resume point is the lowest position not yet delivered across windows")
    func resumePoint() {
        let windows = [
            SliceWindow(id: 0, lower: Self.at(days: 0), upper: Self.at(days: 2)),
            SliceWindow(id: 1, lower: Self.at(days: 2), upper: Self.at(days: 4)),
            SliceWindow(id: 2, lower: Self.at(days: 4), upper: nil),
        ]
        var progress = SliceProgress(start: Self.origin, windows: windows)
        #expect(progress.resumePoint.createdAt == Self.origin)
        progress.delivered(Self.page([2.5, 3]), window: 1)
        progress.delivered(Self.page([5]), window: 2)
        #expect(progress.resumePoint.createdAt == Self.origin)
        progress.delivered(Self.page([1]), window: 0)
        #expect(progress.resumePoint.createdAt == Self.at(days: 1))
        progress.finished(window: 0, upper: Self.at(days: 2))
        #expect(progress.resumePoint.createdAt == Self.at(days: 3))
        // Window 1 was cut at day 3.5 and finished; its upper half is not heard of yet: stop at the cut.
        progress.finished(window: 1, upper: Self.at(days: 3.5))
        #expect(progress.resumePoint.createdAt == Self.at(days: 3.5))
        progress.opened(SliceWindow(id: 3, lower: Self.at(days: 3.5), upper: Self.at(days: 4)))
        progress.finished(window: 3, upper: Self.at(days: 4))
        #expect(progress.resumePoint.createdAt == Self.at(days: 5))
    }
}

@Suite("request throttle")
struct RequestThrottleTests {
    @Test("a 429 halves the requests in flight once per round; answers raise it back additively")
    func aimd() async {
        let throttle = RequestThrottle(ceiling: 8)
        var tickets: [RequestThrottle.Ticket] = []
        for _ in 0..<8 { tickets.append(await throttle.acquire()) }
        #expect(await throttle.inFlight == 8)
        await throttle.release(tickets[0], throttled: true)
        #expect(await throttle.limit == 4)
        // A second 429 to a request sent before the halving does not halve again.
        await throttle.release(tickets[1], throttled: true)
        #expect(await throttle.limit == 4)
        for ticket in tickets[2...] { await throttle.release(ticket, throttled: false) }
        let limit = await throttle.limit
        #expect(limit > 5 && limit < 6)
        let fresh = await throttle.acquire()
        await throttle.release(fresh, throttled: true)
        #expect(await throttle.limit < 3)
        #expect(await throttle.inFlight == 0)
    }

    @Test("a request over the limit waits until one in flight is answered")
    func waits() async {
        let throttle = RequestThrottle(ceiling: 1)
        let first = await throttle.acquire()
        let second = Task { await throttle.acquire() }
        try? await Task.sleep(for: .milliseconds(50))
        #expect(await throttle.inFlight == 1)
        await throttle.release(first, throttled: false)
        let ticket = await second.value
        #expect(await throttle.inFlight == 1)
        await throttle.release(ticket, throttled: false)
    }
}
