import PartnerCenter
import Testing

/// The decoder notes, in its one pass, what a store may refuse, with the JSON path inside the referral.
@Suite("raw JSON notes")
struct RawJSONNoteTests {
    static func decode(_ item: String) throws -> ReferralPage {
        try ReferralPageDecoder.decode(
            Array(#"{"value":[{"id":"a"},"#.utf8) + Array(item.utf8) + Array("]}".utf8), number: 1)
    }

    @Test("NUL escapes, unpaired surrogates and exponent numbers are noted at their paths; plain values are not")
    func notes() throws {
        let page = try Self.decode(
            #"{"id":"b","n":1.5,"big":12e3,"team":[{},{"email":"x\u0000"}],"x":{"y":["\ud800",0.1E-2]},"k\u0000":1,"#
                + #""ok":"\ud83d\ude00\\u0000"}"#)
        #expect(page.referrals.first?.rawNotes == [])
        let notes = try #require(page.referrals.last?.rawNotes)
        #expect(
            notes == [
                RawJSONNote(.number("12e3"), at: "big"), RawJSONNote(.nulEscape, at: "team[1].email"),
                RawJSONNote(.unpairedSurrogate, at: "x.y[0]"), RawJSONNote(.number("0.1E-2"), at: "x.y[1]"),
                RawJSONNote(.nulEscape, at: "k\u{0}"),
            ])
    }

    @Test("a long plain number is noted, a short one is not")
    func longNumbers() throws {
        let long = String(repeating: "1", count: 1_001)
        let notes = try #require(try Self.decode(#"{"id":"b","a":\#(long),"b":123}"#).referrals.last?.rawNotes)
        #expect(notes == [RawJSONNote(.number(long), at: "a")])
    }

    @Test("an item of the wrong shape keeps the id the decoder read")
    func undecodableID() throws {
        let page = try Self.decode(#"{"id":"b","team":"x"}"#)
        #expect(page.undecodable.first?.referralId == "b")
        #expect(try Self.decode(#"{"id":5}"#).undecodable.first?.referralId == nil)
    }
}
