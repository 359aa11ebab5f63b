import PartnerCenter
import Testing

@Suite struct ReferralPageDecoderTests {
    static func decode(_ text: String, number: Int = 1) throws -> ReferralPage {
        try ReferralPageDecoder.decode(Array(text.utf8), number: number)
    }

    @Test func documentedPage() throws {
        let page = try Self.decode(PageFixtures.documented, number: 3)
        #expect(page.number == 3)
        #expect(page.odataCount == 1)
        #expect(page.nextLink == "http://api.partner.microsoft.com/v1.0/referrals?$skiptoken=k181pEdP0ykypkieJfcxX")
        #expect(page.undecodable.isEmpty)
        let referral = try #require(page.referrals.first)
        #expect(referral.id == "c5fbb3b6-be74-4795-9fb5-4324c73fed37")
        #expect(referral.createdDateTime == "2020-10-30T21:03:00.0000000Z")
        #expect(referral.customerProfile?.address?.addressLine2 == "")
        #expect(referral.details?.dealValue == "10000")
        #expect(referral.details?.requirements?.solutions?.first?.name == "Microsoft365")
        #expect(referral.updatedDateTime == nil)
    }

    @Test func rawIsTheExactBytesOfEachItem() throws {
        for fixture in [
            PageFixtures.documented, PageFixtures.dealValues, PageFixtures.unknownAndEscapes, PageFixtures.undecodable,
        ] {
            let page = try Self.decode(fixture)
            for raw in page.referrals.map(\.raw) + page.undecodable.map(\.raw) {
                #expect(fixture.contains(raw))
                #expect(raw.first == "{" || raw.first == "\"" || raw.first == "[")
            }
        }
        let page = try Self.decode(#"{"value":[ {"id" : "x" ,"a":[1, 2]} , {"id":"y"}]}"#)
        #expect(page.referrals.map(\.raw) == [#"{"id" : "x" ,"a":[1, 2]}"#, #"{"id":"y"}"#])
    }

    @Test func missingAndNullFields() throws {
        #expect(try Self.decode(PageFixtures.onlyID).referrals == [Referral(id: "a", raw: #"{"id":"a"}"#)])
        let page = try Self.decode(PageFixtures.allNull)
        #expect(page.undecodable.isEmpty)
        let referral = try #require(page.referrals.first)
        #expect(referral.id == "b" && referral.customerProfile == nil && referral.team == nil && referral.status == nil)
    }

    @Test func dealValueKeepsTheLiteralText() throws {
        let values = try Self.decode(PageFixtures.dealValues).referrals.map { $0.details?.dealValue }
        #expect(values == ["12345678901234567.89", "10000", "1.5E+3", "-0.001"])
    }

    @Test func customerProfileIDsInEveryShape() throws {
        let page = try Self.decode(PageFixtures.customerIDs)
        #expect(page.referrals.map { $0.customerProfile?.name } == ["A", "B", "C"])
        #expect(page.undecodable.isEmpty)
        #expect(page.referrals[2].raw.contains("795986822"))
    }

    @Test func unknownFieldsAndEscapes() throws {
        let referral = try #require(try Self.decode(PageFixtures.unknownAndEscapes).referrals.first)
        #expect(referral.name == "Quote \" backslash \\ slash / tab\t nl\n é é 😀 A")
        #expect(referral.raw.contains("futureField"))
        #expect(
            referral.team?.first?.contactPreference
                == Referral.ContactPreference(locale: "en-us", disableNotifications: true))
        #expect(referral.inviteContext?.invitedBy?.organizationId == "msft")
        #expect(referral.target == [Referral.Target(id: "SOL-1", type: "SolutionProfile")])
        #expect(referral.consent?.consentToContact == false)
    }

    @Test func undecodableItemsAreKeptNotFatal() throws {
        let page = try Self.decode(PageFixtures.undecodable)
        #expect(page.referrals.map(\.id) == ["ok1", "ok2"])
        #expect(
            page.undecodable.map(\.reason) == [
                "item is a string, expected an object",
                "missing \"id\"",
                "\"id\" is a number, expected a string",
                "\"team\" is a string, expected an array",
                "\"details.dealValue\" is a boolean, expected a number or a numeric string",
                "\"customerProfile.team[1]\" is a number, expected an object",
                "item is an array, expected an object",
            ])
        #expect(page.undecodable[3].raw == #"{"id":"t","team":"x"}"#)
    }

    @Test(arguments: [
        PageFixtures.truncated, PageFixtures.notJSON, PageFixtures.noValue, "", "[]", #"{"value":{}}"#,
        #"{"value":[]} x"#, #"{"value":[01]}"#, #"{"value":[{"id":"a"},,{"id":"b"}]}"#, #"{"value":[{"id":"a"}"#,
        #"{"value":[{"id":"a","x":[[[}]}"#,
    ])
    func malformedPagesThrow(text: String) {
        #expect(throws: ReferralPageDecoder.MalformedPage.self) { try Self.decode(text) }
    }

    @Test func emptyPageAndOddEnvelope() throws {
        let page = try Self.decode(#"{"@odata.count":"100","value":[],"@odata.nextLink":null}"#)
        #expect(page.referrals.isEmpty && page.nextLink == nil && page.odataCount == 100)
    }

    @Test func deepNestingIsQuarantinedNotCrashing() throws {
        let deep = #"{"id":"a","x":"# + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}"
        let page = try Self.decode(#"{"value":[{"id":"ok"},"# + deep + #",{"id":"ok2"}]}"#)
        #expect(page.referrals.map(\.id) == ["ok", "ok2"])
        #expect(page.undecodable.map(\.raw) == [deep])
        #expect(page.undecodable.first?.reason.contains("nesting deeper than") == true)
    }

    @Test(arguments: [
        #"{"id":"b","x":NaN}"#, #"{"id":"b","s":"\x"}"#, "{\"id\":\"b\",\"s\":\"tab\there\"}", #"{"id":"b" "x":1}"#,
        #"[1,}"#, "tru", #""\q""#,
    ])
    func anElementThatDoesNotParseIsQuarantinedAlone(element: String) throws {
        let page = try Self.decode(#"{"value":[{"id":"a"}, "# + element + #" ,{"id":"c"}],"@odata.nextLink":"?n"}"#)
        #expect(page.referrals.map(\.id) == ["a", "c"])
        #expect(page.undecodable.map(\.raw) == [element])
        #expect(page.undecodable.first?.reason.hasPrefix("item is not valid JSON: ") == true)
        #expect(page.nextLink == "?n")
    }

    @Test func truncationIsToldApart() {
        for (text, truncated) in [(#"{"value":[{"id":"a"},{"id":"#, true), (#"{"value":[}"#, false), ("", true)] {
            do {
                _ = try ReferralPageDecoder.decode(Array(text.utf8), number: 1)
                Issue.record("decoded \(text)")
            } catch {
                #expect(error.truncated == truncated, "\(text)")
            }
        }
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let page = try ReferralPageDecoder.decode(
            [0xEF, 0xBB, 0xBF] + Array(#"{"value":[{"id":"a"}]}"#.utf8), number: 1)
        #expect(page.referrals.map(\.id) == ["a"])
    }

    @Test(arguments: ["@odata.nextLink", "@nextLink", "odata.nextLink"])
    func nextLinkInEveryODataSpelling(key: String) throws {
        let page = try Self.decode(#"{"value":[{"id":"a"}],""# + key + #"":"?p=2","@count":7}"#)
        #expect(page.nextLink == "?p=2")
        #expect(page.odataCount == 7)
    }

    @Test func anElementThatIsNotUTF8IsQuarantinedAlone() throws {
        let body =
            Array(#"{"value":[{"id":"a"},{"id":"b","name":"ab"#.utf8) + [0xFF, 0xFE] + Array(#""},{"id":"c"}]}"#.utf8)
        let page = try ReferralPageDecoder.decode(body, number: 1)
        #expect(page.referrals.map(\.id) == ["a", "c"])
        #expect(page.undecodable.map(\.reason) == ["item is not valid UTF-8 at byte 20 of the item"])
    }
}
