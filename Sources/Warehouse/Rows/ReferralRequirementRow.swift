/// A row of `referral_requirements`, the bridge from a referral to its requirement items.
public struct ReferralRequirementRow: WarehouseRow {
    /// The table this row goes to.
    public static let table = "referral_requirements"

    /// The PostgreSQL column names, in COPY order.
    public static let columns = ["referral_id", "requirement_key", "position"]

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

    /// The COPY values, in the order of `columns`.
    public var fields: [String?] { [referralId, requirementKey, CopyField.integer(position)] }
}
