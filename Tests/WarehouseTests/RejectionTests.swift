import PartnerCenter
import Testing
import Warehouse

@Suite("Validation into rejections")
struct RejectionTests {
    @Test(
        "rejected fixtures name the field and quote the value",
        arguments: [
            ("bad-timestamp", #"updatedDateTime is not a timestamp: "yesterday""#),
            ("bad-deal-value", #"details.dealValue is not a decimal: "1,000""#),
            ("nul-in-notes", #"details.notes contains a NUL character: "call back\u0000later""#),
            ("nul-in-unknown-field", #"raw contains the escape \u0000 (NUL), which jsonb cannot store"#),
        ])
    func fixtures(name: String, reason: String) throws {
        let referral = try Fixture.referral(name)
        let rejection = try Normalize.rejection(referral)
        #expect(rejection.reason == reason)
        #expect(rejection.referralId == referral.id)
        #expect(rejection.raw == referral.raw)
    }

    @Test("an over-long requirement code is rejected with its path")
    func longRequirementCode() throws {
        let rejection = try Normalize.rejection(try Fixture.referral("long-requirement-code"))
        #expect(rejection.reason.hasPrefix("details.requirements.products[1].id is longer than 200 characters: \"XXX"))
        #expect(rejection.reason.hasSuffix("…\""))
    }

    static let long = String(repeating: "a", count: 201)

    static let cases: [(String, @Sendable (inout Referral) -> Void, String)] = [
        ("empty id", { $0.id = "" }, "id is empty"),
        ("long id", { $0.id = long }, "id is longer than 200 characters"),
        ("long engagementId", { $0.engagementId = long }, "engagementId is longer than 200 characters"),
        ("long organizationId", { $0.organizationId = long }, "organizationId is longer than 200 characters"),
        ("createdDateTime", { $0.createdDateTime = "2025-13-01T00:00:00Z" }, "createdDateTime is not a timestamp"),
        ("updatedDateTime", { $0.updatedDateTime = "" }, "updatedDateTime is not a timestamp"),
        ("expirationDateTime", { $0.expirationDateTime = "2025-02-30" }, "expirationDateTime is not a timestamp"),
        ("acceptedDateTime", { $0.acceptedDateTime = "1/2/2025" }, "acceptedDateTime is not a timestamp"),
        (
            "closingDateTime", { $0.details = Referral.Details(closingDateTime: "soon") },
            "details.closingDateTime is not a timestamp"
        ),
        ("year zero", { $0.createdDateTime = "0000-06-01T00:00:00Z" }, "createdDateTime is before year 1"),
        ("NaN", { $0.details = Referral.Details(dealValue: "NaN") }, "details.dealValue is not a decimal"),
        ("Infinity", { $0.details = Referral.Details(dealValue: "Infinity") }, "details.dealValue is not a decimal"),
        ("abc", { $0.details = Referral.Details(dealValue: "abc") }, "details.dealValue is not a decimal"),
        ("huge", { $0.details = Referral.Details(dealValue: "9e999999") }, "details.dealValue is out of range"),
        ("NUL in name", { $0.name = "a\u{0}" }, "name contains a NUL character"),
        (
            "NUL in partner email",
            { $0.team = [Referral.Member(), Referral.Member(email: "x\u{0}@y")] },
            "team[1].email contains a NUL character"
        ),
        (
            "NUL in customer contact locale",
            {
                $0.customerProfile = Referral.CustomerProfile(
                    name: "C", team: [Referral.Member(contactPreference: .init(locale: "en\u{0}"))])
            },
            "customerProfile.team[0].contactPreference.locale contains a NUL character"
        ),
        (
            "NUL in address",
            { $0.customerProfile = Referral.CustomerProfile(name: "C", address: .init(city: "\u{0}")) },
            "customerProfile.address.city contains a NUL character"
        ),
        (
            "NUL in solution name",
            {
                $0.details = Referral.Details(
                    requirements: .init(solutions: [Referral.Tag(id: "S", name: "n\u{0}")]))
            },
            "details.requirements.solutions[0].name contains a NUL character"
        ),
        (
            "NUL in invitedBy",
            { $0.inviteContext = .init(invitedBy: .init(organizationName: "\u{0}")) },
            "inviteContext.invitedBy.organizationName contains a NUL character"
        ),
        ("NUL in eTag", { $0.eTag = "\u{0}" }, "eTag contains a NUL character"),
        ("raw NUL", { $0.raw = "{\"id\":\"r-1\",\"x\":\"\u{0}\"}" }, "raw contains a NUL character"),
        ("raw lone surrogate", { $0.raw = #"{"id":"r-1","x":"\ud800"}"# }, "raw contains an unpaired surrogate"),
    ]

    @Test("each validation rule rejects with a reason naming the field", arguments: cases)
    func rule(label: String, change: @Sendable (inout Referral) -> Void, reasonPrefix: String) throws {
        var referral = Normalize.sample()
        change(&referral)
        let rejection = try Normalize.rejection(referral)
        #expect(rejection.reason.hasPrefix(reasonPrefix), "\(label): \(rejection.reason)")
        #expect(!rejection.reason.contains("\n"))
        #expect(!rejection.reason.contains("\u{0}"))
    }

    static let accepted: [(String, @Sendable (inout Referral) -> Void)] = [
        ("200-character id", { $0.id = String(repeating: "é", count: 200) }),
        ("long name", { $0.name = String(repeating: "n", count: 10_000) }),
        ("blank deal value", { $0.details = Referral.Details(dealValue: "") }),
        ("blank requirement id skipped", { $0.details = .init(requirements: .init(products: [.init(id: " ")])) }),
        ("odd enum values", { $0.status = "SomethingNew" }),
        ("leap second", { $0.createdDateTime = "2016-12-31T23:59:60Z" }),
        ("year one", { $0.createdDateTime = "0001-01-01T00:00:00Z" }),
        ("offset timestamp", { $0.updatedDateTime = "2025-01-01T01:00:00+01:00" }),
        ("NUL-free control characters", { $0.name = "tab\tnew\nline" }),
    ]

    @Test("nothing else is rejected", arguments: accepted)
    func notRejected(label: String, change: @Sendable (inout Referral) -> Void) throws {
        var referral = Normalize.sample()
        change(&referral)
        _ = try Normalize.rows(referral)
    }

    @Test("an undecodable item becomes a rejection, with the id when the item has a string id")
    func undecodable() {
        let withID = Rejection(UndecodableReferral(raw: #"{"id":"abc","team":5}"#, reason: "team is not an array"))
        #expect(withID.referralId == "abc")
        #expect(withID.reason == "team is not an array")
        #expect(withID.fields == ["abc", "team is not an array", #"{"id":"abc","team":5}"#])
        let withoutID = Rejection(UndecodableReferral(raw: "[1,2]", reason: "not an object"))
        #expect(withoutID.referralId == nil)
        #expect(withoutID.fields.first == .some(nil))
    }

    @Test("rejection rows are always storable: no NUL, one-line reason, no unstorable id")
    func storable() {
        let rejection = Rejection(referralId: "a\u{0}", reason: "bad\nthing", raw: "x\u{0}y")
        #expect(rejection.referralId == nil)
        #expect(rejection.reason == "bad thing")
        #expect(rejection.raw == "x\\u0000y")
        #expect(Rejection(referralId: String(repeating: "i", count: 201), reason: "r", raw: "").referralId == nil)
        #expect(Rejection(referralId: "", reason: "r", raw: "").referralId == nil)
    }
}
