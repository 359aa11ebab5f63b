import PartnerCenter

/// All rows of one batch, deduplicated and in a deterministic order, ready for the loader to COPY and upsert
/// in one transaction. Built by `RowBatchBuilder`.
public struct RowBatch: Sendable, Equatable {
    /// One row per referral id (the newest version seen), in first-seen order of the id.
    public var referrals: [ReferralRow]
    /// One row per customer key, with the attributes of the newest referral naming it.
    public var customers: [CustomerRow]
    /// One row per requirement key.
    public var requirements: [RequirementRow]
    /// The bridge rows of the kept referral versions.
    public var referralRequirements: [ReferralRequirementRow]
    /// The team rows of the kept referral versions.
    public var teamMembers: [TeamMemberRow]
    /// Referrals recognised as stored unchanged before they were decoded (newest-wins winners like `referrals`,
    /// no id in both): not written, counted unchanged.
    public var unchanged: [UnchangedReferral]
    /// Records that could not be stored, in arrival order.
    public var rejections: [Rejection]
    /// The greatest `updatedDateTime` among accepted referrals; nil when none had one.
    public var maxUpdatedAt: Timestamp?
    /// Accepted referral versions dropped because a newer version of the same id was in the batch.
    public var supersededCount: Int

    /// A batch; empty by default.
    public init(
        referrals: [ReferralRow] = [], customers: [CustomerRow] = [], requirements: [RequirementRow] = [],
        referralRequirements: [ReferralRequirementRow] = [], teamMembers: [TeamMemberRow] = [],
        unchanged: [UnchangedReferral] = [], rejections: [Rejection] = [], maxUpdatedAt: Timestamp? = nil,
        supersededCount: Int = 0
    ) {
        self.referrals = referrals
        self.customers = customers
        self.requirements = requirements
        self.referralRequirements = referralRequirements
        self.teamMembers = teamMembers
        self.unchanged = unchanged
        self.rejections = rejections
        self.maxUpdatedAt = maxUpdatedAt
        self.supersededCount = supersededCount
    }

    /// Distinct referral ids: rows and referrals recognised unchanged.
    public var referralCount: Int { referrals.count + unchanged.count }
    /// Bridge and team rows: the children of the referrals.
    public var childRowCount: Int { referralRequirements.count + teamMembers.count }
    /// Customer and requirement rows.
    public var dimensionRowCount: Int { customers.count + requirements.count }
    /// Rejected records.
    public var rejectionCount: Int { rejections.count }
    /// Records this batch was built from: accepted (kept or superseded) and rejected.
    public var inputCount: Int { referralCount + supersededCount + rejectionCount }
    /// True when the batch holds neither rows nor rejections.
    public var isEmpty: Bool { referrals.isEmpty && unchanged.isEmpty && rejections.isEmpty }

    /// The greatest (createdDateTime, id) among the accepted referrals, rows and unchanged ones: where a read in
    /// `createdDateTime` order resumes after this batch. Ties on the time go to the greater id (UTF-8 order).
    public var lastCreated: (createdAt: Timestamp, id: String)? {
        let rows = referrals.compactMap { row in row.createdAt.map { (createdAt: $0, id: row.id) } }
        let skipped = unchanged.compactMap { item in item.createdAt.map { (createdAt: $0, id: item.id) } }
        return (rows + skipped).max {
            $0.createdAt != $1.createdAt
                ? $0.createdAt < $1.createdAt : $0.id.utf8.lexicographicallyPrecedes($1.id.utf8)
        }
    }
}
