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

    /// The earliest instant PostgreSQL `timestamptz` accepts in ISO form: 0001-01-01T00:00:00Z (no year 0).
    static let earliestTimestamp = Timestamp(secondsSinceEpoch: -62_135_596_800)

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

    /// The timestamp in `text`; nil when absent. Fails when present but not a timestamp PostgreSQL stores.
    static func timestamp(_ text: String?, field: String) throws(RejectionReason) -> Timestamp? {
        guard let text else { return nil }
        guard let value = Timestamp(parsing: text) else {
            throw RejectionReason(text: "\(field) is not a timestamp: \(StoredText.quoted(text))")
        }
        guard value >= earliestTimestamp else {
            throw RejectionReason(text: "\(field) is before year 1: \(StoredText.quoted(text))")
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

    /// Fails on the first stored text field holding U+0000, or on a raw text that `jsonb` refuses.
    static func checkStorableText(_ referral: Referral) throws(RejectionReason) {
        if let (field, value) = referral.firstFieldContainingNUL() {
            throw RejectionReason(text: "\(field) contains a NUL character: \(StoredText.quoted(value))")
        }
        if let problem = RawJSONCheck.problem(in: referral.raw) {
            throw RejectionReason(text: problem)
        }
    }
}
