import PartnerCenter

/// A row of `rejected_referrals`: a record that could not be normalized, quarantined with its reason and raw
/// text. The loader adds `run_id` and `received_at`. See docs/transform.md#validation.
public struct Rejection: WarehouseRow {
    /// The table this row goes to.
    public static let table = "rejected_referrals"

    /// The columns of its staging table, in COPY order.
    public static let columns: [WarehouseColumn<Self>] = [
        .text("referral_id", \.referralId), .text("reason", \.reason), .text("raw", \.raw),
    ]

    /// The referral's id when it is known and storable; nil otherwise.
    public var referralId: String?
    /// Why, in one line, naming the field and quoting the bad value.
    public var reason: String
    /// The original JSON text, with any literal NUL character written as `\u0000` so it can be stored in `text`.
    public var raw: String

    /// A rejection. An id that could not itself be stored (empty, over-long, holding NUL) is dropped; the raw
    /// text is made storable. The reason is kept to one line.
    public init(referralId: String?, reason: String, raw: String) {
        self.referralId = referralId.flatMap(Self.storableID)
        self.reason = StoredText.oneLine(reason)
        self.raw = StoredText.containsNUL(raw) ? Self.escapingNUL(raw) : raw
    }

    /// The rejection of a page item that did not decode, under the id the decoder read from it (if any).
    public init(_ undecodable: UndecodableReferral) {
        self.init(referralId: undecodable.referralId, reason: undecodable.reason, raw: undecodable.raw)
    }

    private static func escapingNUL(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\u{0}" { out += "\\u0000" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    private static func storableID(_ id: String) -> String? {
        guard !id.isEmpty, id.unicodeScalars.count <= ReferralValidator.maximumKeyLength, !id.contains("\u{0}")
        else { return nil }
        return id
    }
}
