import PartnerCenter
import Testing
import Warehouse

/// Test helpers around `ReferralNormalizer`.
enum Normalize {
    struct Unexpected: Error, CustomStringConvertible { var description: String }

    /// The rows of a referral that must normalize.
    static func rows(_ referral: Referral) throws -> NormalizedReferral {
        switch ReferralNormalizer().normalize(referral) {
        case .normalized(let rows): return rows
        case .rejected(let rejection): throw Unexpected(description: "rejected: \(rejection.reason)")
        }
    }

    /// The rejection of a referral that must be rejected.
    static func rejection(_ referral: Referral) throws -> Rejection {
        switch ReferralNormalizer().normalize(referral) {
        case .normalized: throw Unexpected(description: "normalized, expected a rejection")
        case .rejected(let rejection): return rejection
        }
    }

    /// A small valid referral to vary in tests.
    static func sample(id: String = "r-1", updated: String? = "2025-01-01T00:00:00Z") -> Referral {
        var referral = Referral(id: id, raw: #"{"id":"\#(id)"}"#)
        referral.updatedDateTime = updated
        return referral
    }

    /// The timestamp of ISO text that must parse.
    static func timestamp(_ text: String) throws -> Timestamp {
        try #require(Timestamp(parsing: text))
    }
}
