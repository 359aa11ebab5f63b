/// Decodes one page of the referrals API (`{"@odata.count", "value": [...], "@odata.nextLink"}`) into a
/// `ReferralPage`, giving each referral its original bytes as `raw`.
///
/// One pass over the bytes: the envelope is parsed by `JSONParser`, and each element of `value` is parsed with its
/// byte span recorded, so `raw` is exactly the text the API sent. An element that is not a usable referral
/// becomes an `UndecodableReferral`; only a page that is not well-formed JSON (or has no `value` array) throws.
public enum ReferralPageDecoder {
    /// Why a page body could not be used at all (it is retried, then fails the run).
    public struct MalformedPage: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Decodes a page body. `number` is the page's 1-based position in its chain.
    public static func decode(_ body: [UInt8], number: Int) throws(MalformedPage) -> ReferralPage {
        do {
            return try body.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> ReferralPage in
                try decodeEnvelope(JSONParser(buffer), number: number)
            }
        } catch {
            throw MalformedPage(reason: error.description)
        }
    }

    private static func decodeEnvelope(_ start: JSONParser, number: Int) throws(JSONSyntaxError) -> ReferralPage {
        var parser = start
        parser.skipWhitespace()
        guard !parser.isAtEnd, parser.bytes[parser.index] == UInt8(ascii: "{") else {
            throw parser.error("page is not a JSON object")
        }
        parser.index += 1
        var page = ReferralPage(number: number, referrals: [])
        var sawValue = false
        parser.skipWhitespace()
        if !parser.isAtEnd, parser.bytes[parser.index] == UInt8(ascii: "}") {
            parser.index += 1
        } else {
            while true {
                let key = try parser.parseKey()
                switch key {
                case "value":
                    parser.skipWhitespace()
                    guard !parser.isAtEnd, parser.bytes[parser.index] == UInt8(ascii: "[") else {
                        throw parser.error("\"value\" is not an array")
                    }
                    try decodeItems(&parser, into: &page)
                    sawValue = true
                case "@odata.nextLink":
                    let value = try parser.parseValue()
                    if case .string(let link) = value, !link.isEmpty { page.nextLink = link }
                case "@odata.count":
                    switch try parser.parseValue() {
                    case .number(let literal), .string(let literal): page.odataCount = Int(literal)
                    default: break
                    }
                default:
                    _ = try parser.parseValue()
                }
                if try parser.endOfContainer(UInt8(ascii: "}")) { break }
            }
        }
        parser.skipWhitespace()
        guard parser.isAtEnd else { throw parser.error("trailing characters after the page") }
        guard sawValue else { throw parser.error("page has no \"value\" array") }
        return page
    }

    /// Parses the `value` array at `parser.index`, one element at a time, keeping each element's byte span.
    private static func decodeItems(_ parser: inout JSONParser, into page: inout ReferralPage) throws(JSONSyntaxError) {
        parser.index += 1
        parser.skipWhitespace()
        if !parser.isAtEnd, parser.bytes[parser.index] == UInt8(ascii: "]") {
            parser.index += 1
            return
        }
        while true {
            parser.skipWhitespace()
            let start = parser.index
            parser.beginItem()
            let element = try parser.parseValue()
            let raw = String(decoding: UnsafeBufferPointer(rebasing: parser.bytes[start..<parser.index]), as: UTF8.self)
            do {
                page.referrals.append(try Referral(json: element, raw: raw, notes: parser.notes))
            } catch {
                page.undecodable.append(
                    UndecodableReferral(raw: raw, reason: error.reason, referralId: error.referralId))
            }
            if try parser.endOfContainer(UInt8(ascii: "]")) { return }
        }
    }
}
