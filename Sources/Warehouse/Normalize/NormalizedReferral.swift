/// One referral as rows: its fact row, its customer (when named), and its requirement and team children.
public struct NormalizedReferral: Sendable, Equatable {
    /// The `referrals` row.
    public var referral: ReferralRow
    /// The `customers` row, nil when the customer profile is missing or has no name.
    public var customer: CustomerRow?
    /// The `requirements` rows this referral names, one per distinct key, in array order.
    public var requirements: [RequirementRow]
    /// The `referral_requirements` bridge rows, one per distinct requirement key.
    public var referralRequirements: [ReferralRequirementRow]
    /// The `referral_team_members` rows: partner side first, then customer side, each in array order.
    public var teamMembers: [TeamMemberRow]

    /// A normalized referral.
    public init(
        referral: ReferralRow, customer: CustomerRow? = nil, requirements: [RequirementRow] = [],
        referralRequirements: [ReferralRequirementRow] = [], teamMembers: [TeamMemberRow] = []
    ) {
        self.referral = referral
        self.customer = customer
        self.requirements = requirements
        self.referralRequirements = referralRequirements
        self.teamMembers = teamMembers
    }

    /// Bridge and team rows: the children replaced as a set when the referral is loaded.
    public var childRowCount: Int { referralRequirements.count + teamMembers.count }
}

/// What the normalizer made of one referral.
public enum NormalizationOutcome: Sendable, Equatable {
    /// The referral's rows.
    case normalized(NormalizedReferral)
    /// The referral cannot be stored; the rejection says why.
    case rejected(Rejection)
}
