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
            ("nul-in-notes", #"details.notes contains the escape \u0000 (NUL), which PostgreSQL cannot store"#),
            (
                "nul-in-unknown-field",
                #"links.self.uri contains the escape \u0000 (NUL), which PostgreSQL cannot store"#
            ),
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
        ("updatedDateTime", { $0.updatedDateTime = "1 Jan 2025" }, "updatedDateTime is not a timestamp"),
        ("expirationDateTime", { $0.expirationDateTime = "2025-02-30" }, "expirationDateTime is not a timestamp"),
        ("acceptedDateTime", { $0.acceptedDateTime = "1/2/2025" }, "acceptedDateTime is not a timestamp"),
        (
            "closingDateTime", { $0.details = Referral.Details(closingDateTime: "soon") },
            "details.closingDateTime is not a timestamp"
        ),
        ("NaN", { $0.details = Referral.Details(dealValue: "NaN") }, "details.dealValue is not a decimal"),
        ("Infinity", { $0.details = Referral.Details(dealValue: "Infinity") }, "details.dealValue is not a decimal"),
        ("abc", { $0.details = Referral.Details(dealValue: "abc") }, "details.dealValue is not a decimal"),
        ("huge", { $0.details = Referral.Details(dealValue: "9e999999") }, "details.dealValue is out of range"),
    ]

    /// Records whose raw JSON PostgreSQL refuses, decoded by the production decoder: the reason names the path.
    static let refusedJSON: [(String, String)] = [
        (#"{"id":"r-1","name":"a\u0000"}"#, "name contains the escape \\u0000"),
        (#"{"id":"r-1","team":[{},{"email":"x\u0000@y"}]}"#, "team[1].email contains the escape \\u0000"),
        (
            #"{"id":"r-1","customerProfile":{"name":"C","team":[{"contactPreference":{"locale":"en\u0000"}}]}}"#,
            "customerProfile.team[0].contactPreference.locale contains the escape \\u0000"
        ),
        (
            #"{"id":"r-1","details":{"requirements":{"solutions":[{"id":"S","name":"n\u0000"}]}}}"#,
            "details.requirements.solutions[0].name contains the escape"
        ),
        (#"{"id":"r-1","x":{"y":["\ud800"]}}"#, "x.y[0] contains an unpaired surrogate"),
        (#"{"id":"r-1","x":"\udc00a"}"#, "x contains an unpaired surrogate"),
        (#"{"id":"r-1","x":"\ud83d\u0041"}"#, "x contains an unpaired surrogate"),
        (#"{"id":"r-1","extra":{"n":1e131072}}"#, #"extra.n is a number out of range for numeric/jsonb: "1e131072""#),
        (#"{"id":"r-1","list":[0,1e-16384]}"#, #"list[1] is a number out of range for numeric/jsonb: "1e-16384""#),
        (#"{"id":"r-1","details":{"dealValue":1E131072}}"#, "details.dealValue is out of range for numeric"),
        (#"{"id":"r-1","a":0e-16384}"#, "a is a number out of range"),
        (#"{"id":"r-1","a":0e2000000000}"#, "a is a number out of range"),
        (#"{"id":"r-1","a":99999e131068}"#, "a is a number out of range"),
    ]

    @Test("raw JSON that PostgreSQL refuses is rejected with its path", arguments: refusedJSON)
    func refused(json: String, reasonPrefix: String) throws {
        let rejection = try Normalize.rejection(try Fixture.referral(json: json))
        #expect(rejection.reason.hasPrefix(reasonPrefix), "\(rejection.reason)")
        #expect(rejection.referralId == "r-1")
        #expect(rejection.raw == json)
    }

    /// Numbers and escapes `jsonb` stores, at the edges.
    static let storedJSON = [
        #"{"id":"r-1","a":1e131071,"b":9999e131068,"c":1e-16383,"d":0e999999,"e":0e-16383,"f":-5E+3}"#,
        #"{"id":"r-1","a":"\\u0000 is six characters","b":"\ud83d\ude00","c":"\uD83D\uDE00"}"#,
        "{\"id\":\"r-1\",\"a\":" + String(repeating: "9", count: 20_000) + "}",
        "{\"id\":\"r-1\",\"a\":0." + String(repeating: "1", count: 16_383) + "}",
    ]

    @Test("raw JSON that PostgreSQL stores is not rejected", arguments: storedJSON)
    func stored(json: String) throws {
        _ = try Normalize.rows(try Fixture.referral(json: json))
    }

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
        ("blank optional timestamps are NULL", { $0.acceptedDateTime = " " }),
        ("empty updatedDateTime is NULL", { $0.updatedDateTime = "" }),
        ("year zero is 1 BC", { $0.createdDateTime = "0000-06-01T00:00:00Z" }),
        ("zoneless timestamp is UTC", { $0.createdDateTime = "2023-05-01T10:00:00.1234567" }),
        ("year 9999 plus offset", { $0.createdDateTime = "9999-12-31T23:59:59.9999999-23:59" }),
    ]

    @Test("nothing else is rejected", arguments: accepted)
    func notRejected(label: String, change: @Sendable (inout Referral) -> Void) throws {
        var referral = Normalize.sample()
        change(&referral)
        _ = try Normalize.rows(referral)
    }

    @Test("an undecodable item becomes a rejection, with the id the decoder read when the item has a string id")
    func undecodable() throws {
        let raw = #"{"id":"abc","team":5}"#
        let withID = Rejection(try #require(try Fixture.item(json: raw).undecodable.first))
        #expect(withID.referralId == "abc")
        #expect(withID.fields == ["abc", #""team" is a number, expected an array"#, raw])
        let withoutID = Rejection(try #require(try Fixture.item(json: "[1,2]").undecodable.first))
        #expect(withoutID.referralId == nil)
        #expect(withoutID.fields.first == .some(nil))
        #expect(Rejection(try #require(try Fixture.item(json: #"{"id":7}"#).undecodable.first)).referralId == nil)
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
