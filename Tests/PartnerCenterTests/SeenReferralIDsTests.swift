import Testing

@testable import PartnerCenter

@Suite("seen referral ids: drift detection in bounded memory")
struct SeenReferralIDsTests {
    static func page(_ range: Range<Int>) -> [String] { range.map { "ref-\($0)" } }

    /// Whether each page, recorded in turn, was all seen before.
    static func allSeen(_ seen: inout SeenReferralIDs, _ pages: [[String]]) -> [Bool] {
        pages.map { seen.insertAllSeen($0) }
    }

    @Test("a page is all seen only when every id is among the latest remembered; an empty page never is")
    func allSeen() {
        var seen = SeenReferralIDs(capacity: 300)
        let answers = Self.allSeen(
            &seen,
            [Self.page(0..<100), Self.page(50..<150), Self.page(0..<100), [], Self.page(99..<101) + ["ref-new"]])
        #expect(answers == [false, false, true, false, false])
    }

    @Test("memory stays flat: past the capacity the oldest ids are forgotten, the latest kept, repeats counted once")
    func bounded() {
        var seen = SeenReferralIDs(capacity: 1_000)
        let pages = stride(from: 0, to: 100_000, by: 100).map { Self.page($0..<$0 + 100) }
        #expect(!Self.allSeen(&seen, pages).contains(true))
        #expect(seen.count == 1_000)
        #expect(Self.allSeen(&seen, [Self.page(99_000..<100_000), Self.page(0..<100)]) == [true, false])
        // A page read twice in a row fills two slots per id, and its ids stay until both copies are replaced.
        var repeated = SeenReferralIDs(capacity: 200)
        let answers = Self.allSeen(
            &repeated, [Self.page(0..<100), Self.page(0..<100), Self.page(100..<200), Self.page(0..<100)])
        #expect(answers == [false, true, false, true])
        #expect(repeated.count == 200)
    }
}
