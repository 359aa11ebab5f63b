import PartnerCenter
import Testing
import Warehouse

@Suite("Row batches: newest-wins dedupe")
struct RowBatchBuilderTests {
    /// A referral with a note marking the version, a partner team of `team` members, one product, and a customer.
    static func version(
        _ id: String, updated: String?, note: String, team: Int = 1, product: String = "Azure",
        customerCity: String = "Redmond"
    ) -> Referral {
        var referral = Normalize.sample(id: id, updated: updated)
        referral.raw = #"{"id":"\#(id)","note":"\#(note)"}"#
        referral.details = Referral.Details(
            notes: note, requirements: Referral.Requirements(products: [Referral.Tag(id: product)]))
        referral.team = (0..<team).map { Referral.Member(firstName: "\(note)-\($0)") }
        referral.customerProfile = Referral.CustomerProfile(
            name: "Fabrikam", address: Referral.Address(city: customerCity, postalCode: "98052", country: "US"))
        return referral
    }

    static func build(_ referrals: [Referral]) -> RowBatch {
        var builder = RowBatchBuilder()
        for referral in referrals { builder.add(referral) }
        return builder.build()
    }

    @Test("the newer version wins whichever order it arrives in")
    func newestWins() {
        let old = Self.version("a", updated: "2025-01-01T00:00:00Z", note: "old", team: 3, product: "Teams")
        let new = Self.version("a", updated: "2025-01-02T00:00:00Z", note: "new", team: 1, product: "Azure")
        for order in [[old, new], [new, old]] {
            let batch = Self.build(order)
            #expect(batch.referrals.map(\.notes) == ["new"])
            #expect(batch.teamMembers.map(\.firstName) == ["new-0"])
            #expect(
                batch.referralRequirements.map(\.requirementKey) == [RequirementKey.make(kind: .product, code: "Azure")]
            )
            #expect(batch.requirements.map(\.code) == ["Azure"])
            #expect(batch.supersededCount == 1)
            #expect(batch.inputCount == 2)
        }
    }

    @Test(
        "a tie goes to the later record, and so does a pair without timestamps",
        arguments: ["2025-01-01T00:00:00Z", nil])
    func tieGoesToLater(updated: String?) {
        let first = Self.version("a", updated: updated, note: "first", team: 2)
        let second = Self.version("a", updated: updated, note: "second", team: 1)
        let batch = Self.build([first, second])
        #expect(batch.referrals.map(\.notes) == ["second"])
        #expect(batch.teamMembers.map(\.firstName) == ["second-0"])
    }

    @Test("equal instants written differently are a tie")
    func tieAcrossFormats() {
        let first = Self.version("a", updated: "2025-01-01T01:00:00+01:00", note: "first")
        let second = Self.version("a", updated: "2025-01-01T00:00:00.0000000Z", note: "second")
        #expect(Self.build([first, second]).referrals.map(\.notes) == ["second"])
    }

    @Test("a version with a timestamp beats one without, in either order")
    func missingTimestampIsOldest() {
        let dated = Self.version("a", updated: "2020-01-01T00:00:00Z", note: "dated")
        let undated = Self.version("a", updated: nil, note: "undated")
        #expect(Self.build([dated, undated]).referrals.map(\.notes) == ["dated"])
        #expect(Self.build([undated, dated]).referrals.map(\.notes) == ["dated"])
    }

    @Test("referrals keep first-seen order of their ids; maxUpdatedAt is the true maximum")
    func orderAndWatermark() throws {
        let batch = Self.build([
            Self.version("b", updated: "2025-01-05T00:00:00Z", note: "b1"),
            Self.version("a", updated: "2025-01-09T00:00:00.1234567Z", note: "a1"),
            Self.version("c", updated: nil, note: "c1"),
            Self.version("b", updated: "2025-01-07T00:00:00Z", note: "b2"),
        ])
        #expect(batch.referrals.map(\.id) == ["b", "a", "c"])
        #expect(batch.referrals.map(\.notes) == ["b2", "a1", "c1"])
        #expect(batch.maxUpdatedAt == (try Normalize.timestamp("2025-01-09T00:00:00.1234567Z")))
        #expect(batch.teamMembers.map(\.referralId) == ["b", "a", "c"])
    }

    @Test("rejected referrals do not move the watermark nor replace an accepted version")
    func rejectionsAside() throws {
        let good = Self.version("a", updated: "2025-01-01T00:00:00Z", note: "good")
        var bad = Self.version("a", updated: "2025-06-01T00:00:00Z", note: "bad")
        bad.details?.dealValue = "lots"
        let batch = Self.build([good, bad])
        #expect(batch.referrals.map(\.notes) == ["good"])
        #expect(batch.rejections.map(\.referralId) == ["a"])
        #expect(batch.maxUpdatedAt == (try Normalize.timestamp("2025-01-01T00:00:00Z")))
        #expect(batch.rejectionCount == 1)
    }

    @Test("customers dedupe by key with the newest referral's attributes, tie to the later")
    func customers() throws {
        let batch = Self.build([
            Self.version("a", updated: "2025-01-03T00:00:00Z", note: "a", customerCity: "Newest"),
            Self.version("b", updated: "2025-01-01T00:00:00Z", note: "b", customerCity: "Older"),
            Self.version("c", updated: "2025-01-03T00:00:00Z", note: "c", customerCity: "Newest, later"),
            Self.version("d", updated: nil, note: "d", customerCity: "Undated"),
        ])
        #expect(batch.customers.count == 1)
        #expect(batch.customers.first?.city == "Newest, later")
        #expect(batch.customers.first?.sourceUpdatedAt == (try Normalize.timestamp("2025-01-03T00:00:00Z")))
        #expect(Set(batch.referrals.compactMap(\.customerKey)) == Set(batch.customers.map(\.customerKey)))
    }

    @Test("requirements dedupe by key across referrals, the later non-nil name winning")
    func requirements() {
        var first = Normalize.sample(id: "a")
        first.details = .init(requirements: .init(solutions: [.init(id: "S", name: "Old name", type: "Name")]))
        var second = Normalize.sample(id: "b")
        second.details = .init(requirements: .init(solutions: [.init(id: "S", name: "New name")]))
        var third = Normalize.sample(id: "c")
        third.details = .init(requirements: .init(solutions: [.init(id: "S")]))
        let batch = Self.build([first, second, third])
        #expect(batch.requirements.count == 1)
        #expect(batch.requirements.first?.name == "New name")
        #expect(batch.requirements.first?.solutionType == "Name")
        #expect(batch.referralRequirements.map(\.referralId) == ["a", "b", "c"])
    }

    @Test("a page adds its referrals and its undecodable items; counts add up")
    func page() {
        let page = ReferralPage(
            number: 1,
            referrals: [Self.version("a", updated: "2025-01-01T00:00:00Z", note: "a", team: 2)],
            undecodable: [UndecodableReferral(raw: "42", reason: "not an object")])
        var builder = RowBatchBuilder()
        #expect(builder.isEmpty)
        builder.add(page)
        #expect(builder.count == 2)
        let batch = builder.build()
        #expect(batch.referralCount == 1)
        #expect(batch.childRowCount == 3)
        #expect(batch.dimensionRowCount == 2)
        #expect(batch.rejections == [Rejection(referralId: nil, reason: "not an object", raw: "42")])
        #expect(batch.inputCount == 2)
        #expect(!batch.isEmpty)
        #expect(RowBatchBuilder().build() == RowBatch())
    }

    @Test("building is deterministic: the same input gives an equal batch")
    func deterministic() throws {
        let referrals = [
            try Fixture.referral("full-example"), try Fixture.referral("requirements-with-gaps"),
            try Fixture.referral("bad-timestamp"), try Fixture.referral("blank-customer-name"),
        ]
        #expect(Self.build(referrals) == Self.build(referrals))
        #expect(Self.build(referrals).referrals.count == 3)
    }
}
