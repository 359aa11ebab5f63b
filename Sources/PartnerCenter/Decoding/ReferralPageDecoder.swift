/// Decodes one page of the referrals API (`{"@odata.count", "value": [...], "@odata.nextLink"}`) into a
/// `ReferralPage`, giving each referral its original bytes as `raw`.
///
/// One pass over the bytes: the envelope is parsed by `JSONParser`, and each element of `value` is parsed with its
/// byte span recorded, so `raw` is exactly the text the API sent. A UTF-8 byte order mark before the body is
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
        do {
            return try body.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> ReferralPage in
                var parser = JSONParser(buffer)
                if buffer.starts(with: byteOrderMark) { parser.index = byteOrderMark.count }
                return try decodeEnvelope(parser, number: number)
            }
        } catch {
            throw MalformedPage(reason: error.description, truncated: error.offset >= body.count)
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
            let (start, depth) = (parser.index, parser.depth)
            parser.beginItem()
            let element: JSONValue
            do {
                element = try parser.parseValue()
            } catch {
                // Step over this element alone when its brackets close; otherwise the page is malformed.
                guard let end = ElementSpan.end(of: parser.bytes, from: start) else {
                    throw JSONSyntaxError(offset: parser.bytes.count, reason: "unexpected end of input")
                }
                guard end > start else { throw error }
                parser.index = end
                parser.depth = depth
                page.undecodable.append(
                    UndecodableReferral(
                        raw: text(parser.bytes, start..<end),
                        reason: "item is not valid JSON: \(error.reason) at byte \(error.offset - start) of the item"))
                if try parser.endOfContainer(UInt8(ascii: "]")) { return }
                continue
            }
            let raw = text(parser.bytes, start..<parser.index)
            if let offset = invalidUTF8Offset(raw, parser.bytes[start..<parser.index]) {
                // JSON text is UTF-8 (RFC 8259); storing it would replace bytes, so `raw` would not be the text sent.
                page.undecodable.append(
                    UndecodableReferral(raw: raw, reason: "item is not valid UTF-8 at byte \(offset) of the item"))
            } else {
                do {
                    page.referrals.append(try Referral(json: element, raw: raw, notes: parser.notes))
                } catch {
                    page.undecodable.append(
                        UndecodableReferral(raw: raw, reason: error.reason, referralId: error.referralId))
                }
            }
            if try parser.endOfContainer(UInt8(ascii: "]")) { return }
        }
    }

    /// The offset of the first byte that decoding as UTF-8 replaced, or nil when `text` is exactly `bytes`.
    private static func invalidUTF8Offset(_ text: String, _ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !text.utf8.elementsEqual(bytes) else { return nil }
        return zip(text.utf8, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
