/// Decodes one page of the referrals API (`{"@odata.count", "value": [...], "@odata.nextLink"}`) into a
/// `ReferralPage`, giving each referral its original bytes as `raw`.
///
/// Two steps: `skim` parses the envelope with `JSONParser` and checks each element of `value` without building it,
/// recording its byte span and top-level `id` and timestamps (`SkimmedReferral`); then each element is decoded on
/// its own bytes, so `raw` is exactly the text the API sent. The pipeline skims, and decodes only the elements it
/// does not find stored unchanged. A UTF-8 byte order mark before the body is
/// skipped; the annotations are read in their OData 4.0, 4.01 (`@nextLink`) and 3 (`odata.nextLink`) spellings.
/// An element that is not a usable referral, or that does not parse (bad syntax, nesting too deep) while its
/// brackets still close, becomes an `UndecodableReferral` with its raw text; only a page whose envelope is not
/// well-formed JSON (or is truncated, or has no `value` array) throws. See `docs/extract.md`, "Decoding".
public enum ReferralPageDecoder {
    /// Why a page body could not be used at all (it is retried; see `RequestExecutor.failure`).
    public struct MalformedPage: Error, Sendable, Equatable, CustomStringConvertible {
        /// The parser's reason and byte offset.
        public var reason: String
        /// True when the body ended before the JSON did: a cut-off transfer, always temporary.
        public var truncated: Bool
        /// True when the same bytes failed the same way on enough attempts that retrying cannot help
        /// (set by the pager, which sees every attempt).
        public var settled: Bool
        public var description: String { reason }

        public init(reason: String, truncated: Bool = false, settled: Bool = false) {
            self.reason = reason
            self.truncated = truncated
            self.settled = settled
        }
    }

    /// The UTF-8 byte order mark, which some servers put before a JSON body (RFC 8259 lets a parser ignore it).
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Decodes a page body. `number` is the page's 1-based position in its chain.
    public static func decode(_ body: [UInt8], number: Int) throws(MalformedPage) -> ReferralPage {
        try skim(body, number: number).decodingSkimmed()
    }

    /// Reads a page body's envelope and checks every element of `value` as `decode` does (the same page failures,
    /// the same elements quarantined as not valid JSON), but leaves the elements skimmed, not decoded: each is
    /// its exact bytes and its top-level `id`, `createdDateTime` and `updatedDateTime` (`SkimmedReferral`).
    public static func skim(_ body: [UInt8], number: Int) throws(MalformedPage) -> ReferralPage {
        do {
            return try body.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> ReferralPage in
                var parser = JSONParser(buffer)
                if buffer.starts(with: byteOrderMark) { parser.index = byteOrderMark.count }
                return try decodeEnvelope(parser, body: body, number: number)
            }
        } catch {
            throw MalformedPage(reason: error.description, truncated: error.offset >= body.count)
        }
    }

    private static func decodeEnvelope(
        _ start: JSONParser, body: [UInt8], number: Int
    ) throws(JSONSyntaxError) -> ReferralPage {
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
                    try skimItems(&parser, body: body, into: &page)
                    sawValue = true
                // OData 4.01 lets a server drop the `odata.` prefix (`@nextLink`); OData 3 JSON light wrote
                // `odata.nextLink`. Missing either would end the listing after one page, silently.
                case "@odata.nextLink", "@nextLink", "odata.nextLink":
                    let value = try parser.parseValue()
                    if case .string(let link) = value, !link.isEmpty { page.nextLink = link }
                case "@odata.count", "@count", "odata.count":
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

    /// Skims the `value` array at `parser.index`, one element at a time, keeping each element's bytes.
    private static func skimItems(
        _ parser: inout JSONParser, body: [UInt8], into page: inout ReferralPage
    ) throws(JSONSyntaxError) {
        parser.index += 1
        parser.skipWhitespace()
        if !parser.isAtEnd, parser.bytes[parser.index] == UInt8(ascii: "]") {
            parser.index += 1
            return
        }
        while true {
            parser.skipWhitespace()
            let (start, depth) = (parser.index, parser.depth)
            do {
                let fields = try parser.skimReferral()
                page.skimmed.append(
                    SkimmedReferral(
                        bytes: body[start..<parser.index], id: fields.id, createdDateTime: fields.created,
                        updatedDateTime: fields.updated))
            } catch {
                // Step over this element alone when its brackets close; otherwise the page is malformed.
                guard let end = ElementSpan.end(of: parser.bytes, from: start) else {
                    throw JSONSyntaxError(offset: parser.bytes.count, reason: "unexpected end of input")
                }
                guard end > start else { throw error }
                parser.index = end
                parser.depth = depth
                page.skimmed.append(
                    SkimmedReferral(
                        bytes: body[start..<end], malformed: SkimmedReferral.invalidJSON(error, itemStart: start)))
            }
            if try parser.endOfContainer(UInt8(ascii: "]")) { return }
        }
    }
}
