import Testing

@testable import ReferralsPipeline

@Suite("when to look up unchanged referrals")
struct LookupPolicyTests {
    /// The decisions for `pages` pages where each lookup finds `found(n)` of 1,000 (n counts lookups).
    static func decisions(_ pages: Int, found: (Int) -> Int) -> [Bool] {
        var policy = LookupPolicy()
        var asked = 0
        return (0..<pages).map { _ in
            guard policy.shouldAsk() else { return false }
            policy.record(found: found(asked), asked: 1_000)
            asked += 1
            return true
        }
    }

    @Test("a refresh over unchanged data asks for every page")
    func unchangedAsksAlways() {
        #expect(Self.decisions(20) { _ in 1_000 } == Array(repeating: true, count: 20))
        #expect(Self.decisions(20) { _ in 100 } == Array(repeating: true, count: 20))
    }

    @Test("when lookups find little, they back off exponentially up to 32 pages, and resume once they pay")
    func backsOff() {
        let nothing = Self.decisions(200) { _ in 99 }
        // Asked at batch 0, then after skipping 1, 2, 4, 8, 16, 32, 32, ...
        let asked = nothing.indices.filter { nothing[$0] }
        #expect(Array(asked.prefix(8)) == [0, 2, 5, 10, 19, 36, 69, 102])
        #expect(nothing.count(where: { $0 }) < 12)
        // The third lookup pays: every batch is asked again.
        let recovers = Self.decisions(30) { $0 >= 2 ? 900 : 0 }
        #expect(Array(recovers.prefix(6)) == [true, false, true, false, false, true])
        #expect(recovers.dropFirst(5).allSatisfy { $0 })
    }
}
