/// What loading one batch did, counted by the database itself.
public struct BatchOutcome: Sendable, Equatable {
    /// Referrals new to the warehouse.
    public var inserted = 0
    /// Referrals that were newer (or the same age with different content) and replaced the stored row.
    public var updated = 0
    /// Referrals received again without change, or older than the stored version: not rewritten.
    public var unchanged = 0
    /// Records that could not be stored, quarantined in `rejected_referrals`.
    public var rejected = 0
    /// Of those, the ones not quarantined before (the rest were rejected by an earlier run already).
    public var newlyRejected = 0

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0, rejected: Int = 0, newlyRejected: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.rejected = rejected
        self.newlyRejected = newlyRejected
    }

    /// Adds another batch's counts.
    public static func += (lhs: inout BatchOutcome, rhs: BatchOutcome) {
        lhs.inserted += rhs.inserted
        lhs.updated += rhs.updated
        lhs.unchanged += rhs.unchanged
        lhs.rejected += rhs.rejected
        lhs.newlyRejected += rhs.newlyRejected
    }
}
