/// A row of `referral_requirements`, the bridge from a referral to its requirement items.
public struct ReferralRequirementRow: WarehouseRow {
    /// The table this row goes to.
    public static let table = "referral_requirements"

    /// The columns, in COPY order.
    public static let columns: [WarehouseColumn<Self>] = [
        .text("referral_id", \.referralId).key(), .text("requirement_key", \.requirementKey).key(),
        .integer("position", \.position),
    ]

    /// The referral (`referrals.id`).
    public var referralId: String
    /// The requirement (`requirements.requirement_key`).
    public var requirementKey: String
    /// The item's index within its kind's array (the first occurrence when a code repeats).
    public var position: Int

    /// A bridge row.
    public init(referralId: String, requirementKey: String, position: Int) {
        self.referralId = referralId
        self.requirementKey = requirementKey
        self.position = position
    }
}
