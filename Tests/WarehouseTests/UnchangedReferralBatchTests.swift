import PartnerCenter
import Testing
import Warehouse

/// Referrals recognised stored unchanged before decoding: they take part in newest-wins without rows, move the
/// checkpoint and watermark like rows, and become rows after all when the writer finds them changed.
@Suite("Row batches: unchanged referrals")
struct UnchangedReferralBatchTests {
    static func element(_ id: String, created: String, updated: String, note: String = "n") -> String {
        #"{"id":"\#(id)","createdDateTime":"\#(created)","updatedDateTime":"\#(updated)","status":"New","#
            + #""team":[{"firstName":"\#(note)"}],"customerProfile":{"name":"Fabrikam","address":{"country":"US"}},"#
            + #""details":{"notes":"\#(note)","requirements":{"products":[{"id":"Azure"}]}}}"#
    }

    static func page(_ elements: [String]) throws -> ReferralPage {
        try ReferralPageDecoder.skim(Array((#"{"value":["# + elements.joined(separator: ",") + "]}").utf8), number: 1)
    }

    /// The batch of `page` with the elements at `stored` recognised unchanged.
    static func batch(_ page: ReferralPage, stored: [Int]) -> RowBatch {
        var builder = RowBatchBuilder()
        builder.add(
            page,
            storedUnchanged: Dictionary(
                uniqueKeysWithValues: stored.map { ($0, StoredVersion(rawDigest: "d\($0)", location: "(0,\($0))")) }))
        return builder.build()
    }

    @Test("an unchanged element is kept without rows; the others are decoded as without a lookup")
    func keptWithoutRows() throws {
        let page = try Self.page([
            Self.element("a", created: "2025-01-01T00:00:00Z", updated: "2025-03-01T00:00:00Z"),
            Self.element("b", created: "2025-01-05T00:00:00Z", updated: "2025-02-01T00:00:00Z"),
            #"{"id":"c","updatedDateTime":"not a time"}"#, "[1]",
        ])
        let batch = Self.batch(page, stored: [0])
        #expect(batch.unchanged.map(\.id) == ["a"])
        #expect(batch.unchanged.first?.stored == StoredVersion(rawDigest: "d0", location: "(0,0)"))
        #expect(batch.referrals.map(\.id) == ["b"])
        #expect(batch.teamMembers.map(\.referralId) == ["b"])
        #expect(batch.rejections.map(\.referralId) == ["c", nil])
        #expect(batch.referralCount == 2)
        #expect(batch.inputCount == 4)
        // The unchanged one still moves the watermark and the checkpoint.
        #expect(batch.maxUpdatedAt == Timestamp(parsing: "2025-03-01T00:00:00Z"))
        #expect(batch.lastCreated?.id == "b")
        let full = Self.batch(page, stored: [])
        #expect(full.unchanged.isEmpty)
        #expect(full.referrals.map(\.id) == ["a", "b"])
        #expect(full.rejections == batch.rejections)
    }

    @Test("newest wins between an unchanged version and a decoded one, whichever arrives first")
    func newestWinsAcrossKinds() throws {
        let old = Self.element("a", created: "2025-01-01T00:00:00Z", updated: "2025-01-01T00:00:00Z", note: "old")
        let new = Self.element("a", created: "2025-01-01T00:00:00Z", updated: "2025-01-02T00:00:00Z", note: "new")
        // The stored (unchanged) version is the newer one: the older decoded one is superseded.
        let storedNewer = Self.batch(try Self.page([new, old]), stored: [0])
        #expect(storedNewer.unchanged.map(\.id) == ["a"])
        #expect(storedNewer.referrals.isEmpty && storedNewer.teamMembers.isEmpty && storedNewer.customers.isEmpty)
        #expect(storedNewer.supersededCount == 1)
        // The stored version is the older one: the newer is written.
        let storedOlder = Self.batch(try Self.page([old, new]), stored: [0])
        #expect(storedOlder.unchanged.isEmpty)
        #expect(storedOlder.referrals.map(\.notes) == ["new"])
        #expect(storedOlder.supersededCount == 1)
        // A tie goes to the later one, as between decoded versions.
        let tie = Self.element("a", created: "2025-01-01T00:00:00Z", updated: "2025-01-02T00:00:00Z", note: "tie")
        #expect(Self.batch(try Self.page([new, tie]), stored: [0]).referrals.map(\.notes) == ["tie"])
        #expect(Self.batch(try Self.page([tie, new]), stored: [1]).unchanged.map(\.id) == ["a"])
    }

    @Test("reinstating decodes the named unchanged referrals into rows merged with the batch's")
    func reinstating() throws {
        let page = try Self.page([
            Self.element("a", created: "2025-01-01T00:00:00Z", updated: "2025-03-01T00:00:00Z", note: "a"),
            Self.element("b", created: "2025-01-05T00:00:00Z", updated: "2025-02-01T00:00:00Z", note: "b"),
            Self.element("c", created: "2025-01-06T00:00:00Z", updated: "2025-02-01T00:00:00Z", note: "c"),
        ])
        let batch = Self.batch(page, stored: [0, 2]).reinstating(["a"])
        #expect(batch.unchanged.map(\.id) == ["c"])
        #expect(Set(batch.referrals.map(\.id)) == ["a", "b"])
        #expect(Set(batch.teamMembers.map(\.referralId)) == ["a", "b"])
        #expect(batch.customers.count == 1)
        #expect(batch.customers.first?.sourceUpdatedAt == Timestamp(parsing: "2025-03-01T00:00:00Z"))
        #expect(batch.requirements.count == 1)
        #expect(batch.referralRequirements.count == 2)
        let all = Self.batch(page, stored: [])
        #expect(Self.batch(page, stored: [0, 1, 2]).reinstating(["a", "b", "c"]).referralCount == all.referralCount)
    }

    @Test("a batch part that starts at 0 keeps the unchanged referrals; the others do not")
    func parts() throws {
        let page = try Self.page([
            Self.element("a", created: "2025-01-01T00:00:00Z", updated: "2025-03-01T00:00:00Z"),
            Self.element("b", created: "2025-01-05T00:00:00Z", updated: "2025-02-01T00:00:00Z"),
            Self.element("c", created: "2025-01-06T00:00:00Z", updated: "2025-02-01T00:00:00Z"),
        ])
        let batch = Self.batch(page, stored: [1])
        #expect(batch.part(0..<1).unchanged.map(\.id) == ["b"])
        #expect(batch.part(1..<2).unchanged.isEmpty)
        #expect(batch.onlyRejections(adding: []).unchanged.map(\.id) == ["b"])
    }
}
