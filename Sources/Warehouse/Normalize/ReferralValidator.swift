import PartnerCenter

/// Why a referral was rejected: one line naming the field and quoting the bad value.
struct RejectionReason: Error, Equatable {
    var text: String
}

/// The checks that decide whether a referral can be stored. It rejects only what PostgreSQL would refuse,
/// so one bad record never fails a batch's COPY; everything else is kept as sent. See docs/transform.md#validation.
enum ReferralValidator {
    /// Longest id, engagementId, organizationId or requirement code accepted, in characters (code points).
    static let maximumKeyLength = 200

    /// Fails when the id is empty.
    static func requireID(_ id: String) throws(RejectionReason) {
        if id.isEmpty { throw RejectionReason(text: "id is empty") }
    }

    /// Fails when a key is longer than `maximumKeyLength`.
    static func checkKeyLength(_ value: String?, field: String) throws(RejectionReason) {
        guard let value, value.unicodeScalars.count > maximumKeyLength else { return }
        throw RejectionReason(
            text: "\(field) is longer than \(maximumKeyLength) characters: \(StoredText.quoted(value))")
    }

    /// The timestamp in `text` (surrounding whitespace ignored); nil when absent, empty or blank (`raw` keeps
    /// what was sent). Fails when present but not ISO 8601. Every instant `Timestamp` parses (years 0000–9999,
    /// any zone or none) is one PostgreSQL stores. See docs/transform.md#timestamps.
    static func timestamp(_ text: String?, field: String) throws(RejectionReason) -> Timestamp? {
        guard let text, !StoredText.isBlank(text) else { return nil }
        guard let value = Timestamp(parsing: StoredText.trimmed(text)) else {
            throw RejectionReason(text: "\(field) is not a timestamp: \(StoredText.quoted(text))")
        }
        return value
    }

    /// The decimal in `text`; nil when absent or blank. Fails when present but not a storable decimal.
    static func decimal(_ text: String?, field: String) throws(RejectionReason) -> DecimalText? {
        guard let text, !StoredText.isBlank(text) else { return nil }
        switch DecimalText.parse(text) {
        case .success(let value):
            return value
        case .failure(.syntax):
            throw RejectionReason(text: "\(field) is not a decimal: \(StoredText.quoted(text))")
        case .failure(.outOfRange):
            throw RejectionReason(text: "\(field) is out of range for numeric: \(StoredText.quoted(text))")
        }
    }

    /// Fails on the first thing the decoder noted in the raw JSON that PostgreSQL refuses, naming its JSON path:
    /// a `\u0000` escape (text and `jsonb` cannot hold U+0000, whether in a known field or not), an unpaired
    /// surrogate escape (`jsonb` refuses it), or a number `numeric` (and so `jsonb`) cannot hold.
    static func checkStorableJSON(_ referral: Referral) throws(RejectionReason) {
        for note in referral.rawNotes {
            switch note.kind {
            case .nulEscape:
                throw RejectionReason(
                    text: "\(note.path) contains the escape \\u0000 (NUL), which PostgreSQL cannot store")
            case .unpairedSurrogate:
                throw RejectionReason(
                    text:
                        "\(note.path) contains an unpaired surrogate escape (\\uD800-\\uDFFF), which jsonb cannot store"
                )
            case .number(let literal):
                if case .failure(.outOfRange) = DecimalText.parse(literal) {
                    throw RejectionReason(
                        text: "\(note.path) is a number out of range for numeric/jsonb: \(StoredText.quoted(literal))")
                }
            }
        }
    }
}
