import PartnerCenter

/// A referral recognised before decoding as stored byte for byte already (same id, same `raw_digest`): what the
/// batch keeps of it instead of rows. Its timestamps move the checkpoint and the watermark as a decoded
/// referral's would; its bytes are decoded only if the stored row changed before the batch commits
/// (`RowBatch.reinstating`). See docs/load.md#unchanged-referrals.
public struct UnchangedReferral: Sendable, Equatable {
    /// The referral id.
    public var id: String
    /// The stored row it was found as.
    public var stored: StoredVersion
    /// `createdDateTime`, read as the normalizer reads it.
    public var createdAt: Timestamp?
    /// `updatedDateTime`, read as the normalizer reads it.
    public var updatedAt: Timestamp?
    /// The element as skimmed.
    public var element: SkimmedReferral

    /// The skimmed `element` found stored as `stored`; nil when it has no id, or a timestamp the normalizer would
    /// refuse (then it is decoded, and rejected, as any other).
    public init?(_ element: SkimmedReferral, stored: StoredVersion) {
        guard let id = element.id, element.malformed == nil,
            let createdAt = try? ReferralValidator.timestamp(element.createdDateTime, field: "createdDateTime"),
            let updatedAt = try? ReferralValidator.timestamp(element.updatedDateTime, field: "updatedDateTime")
        else { return nil }
        self.id = id
        self.stored = stored
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.element = element
    }
}

/// A stored `referrals` row as a lookup found it: its `raw_digest`, and where it lies (its `ctid`), so the writer
/// can check it is still that row version by position instead of by key.
public struct StoredVersion: Sendable, Equatable {
    /// The row's `raw_digest`.
    public var rawDigest: String
    /// The row version's `ctid`, as text (`(page,item)`).
    public var location: String

    /// A stored version.
    public init(rawDigest: String, location: String) {
        self.rawDigest = rawDigest
        self.location = location
    }
}

extension RawDigest {
    /// The hex SHA-256 of a skimmed element's bytes: equal to `of(raw)` of the referral it decodes to.
    public static func of(_ element: SkimmedReferral) -> String { KeyDigest.sha256(element.bytes) }
}
