/// An element of a page's `value` as the skim leaves it: its exact bytes and the three top-level fields paging,
/// slicing and checkpoints need, read without decoding the rest. Decoding it (`decoded()`) gives what the full
/// decoder gives for the same element, so a referral found stored unchanged need never be decoded at all.
/// See docs/extract.md, "Skimming".
public struct SkimmedReferral: Sendable, Equatable {
    /// The element's bytes exactly as sent (a slice of the page body).
    public var bytes: ArraySlice<UInt8>
    /// The top-level `id` when it is a string.
    public var id: String?
    /// The top-level `createdDateTime` when it is a string (as sent).
    public var createdDateTime: String?
    /// The top-level `updatedDateTime` when it is a string (as sent).
    public var updatedDateTime: String?
    /// Why the element is not well-formed JSON, when it is not (its brackets still close): it is then quarantined
    /// as it is, and the fields above are nil.
    public var malformed: String?

    /// A skimmed element.
    public init(
        bytes: ArraySlice<UInt8>, id: String? = nil, createdDateTime: String? = nil, updatedDateTime: String? = nil,
        malformed: String? = nil
    ) {
        self.bytes = bytes
        self.id = id
        self.createdDateTime = createdDateTime
        self.updatedDateTime = updatedDateTime
        self.malformed = malformed
    }

    /// What decoding the element gives: a referral, or an item to quarantine.
    public enum Decoded: Sendable, Equatable {
        case referral(Referral)
        case undecodable(UndecodableReferral)
    }

    /// The element decoded in full, exactly as `ReferralPageDecoder.decode` decodes it within its page.
    public func decoded() -> Decoded {
        bytes.withUnsafeBufferPointer { buffer in
            let raw = String(decoding: buffer, as: UTF8.self)
            if let malformed { return .undecodable(UndecodableReferral(raw: raw, reason: malformed)) }
            var parser = JSONParser(buffer)
            let element: JSONValue
            do throws(JSONSyntaxError) {
                element = try parser.parseValue()
            } catch {
                return .undecodable(UndecodableReferral(raw: raw, reason: Self.invalidJSON(error, itemStart: 0)))
            }
            if let offset = Self.invalidUTF8Offset(raw, buffer) {
                // JSON text is UTF-8 (RFC 8259); storing it would replace bytes, so `raw` would not be the text sent.
                return .undecodable(
                    UndecodableReferral(raw: raw, reason: "item is not valid UTF-8 at byte \(offset) of the item"))
            }
            do throws(ReferralShapeError) {
                return .referral(try Referral(json: element, raw: raw, notes: parser.notes))
            } catch {
                return .undecodable(UndecodableReferral(raw: raw, reason: error.reason, referralId: error.referralId))
            }
        }
    }

    /// The quarantine reason of an element that does not parse, its offset made relative to the element.
    static func invalidJSON(_ error: JSONSyntaxError, itemStart: Int) -> String {
        "item is not valid JSON: \(error.reason) at byte \(error.offset - itemStart) of the item"
    }

    /// The offset of the first byte that decoding as UTF-8 replaced, or nil when `text` is exactly `bytes`.
    private static func invalidUTF8Offset(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var text = text
        let same = text.withUTF8 { $0.count == bytes.count && $0.elementsEqual(bytes) }
        guard !same else { return nil }
        return zip(text.utf8, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0
    }
}
