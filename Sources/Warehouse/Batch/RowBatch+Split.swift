/// Parts of a batch, for the loader's backstop: when PostgreSQL refuses a batch, it loads halves until it
/// finds the referrals it refuses (docs/load.md#backstop).
extension RowBatch {
    /// The batch restricted to the referrals at `positions` (indices into `referrals`), with their children and
    /// the dimension rows they name. Unchanged referrals, rejections and the superseded count stay with the part
    /// that starts at 0, so parts that cover the batch count each once.
    public func part(_ positions: Range<Int>) -> RowBatch {
        restricted(to: Array(referrals[positions]), keepingRest: positions.lowerBound == 0)
    }

    /// The batch without the referrals whose ids are in `ids`, nor their children, nor the dimension rows only
    /// they named: what is left to write once the loader found those referrals stored unchanged. Unchanged
    /// referrals, rejections, the superseded count and `maxUpdatedAt` stay.
    public func without(referralIDs ids: Set<String>) -> RowBatch {
        restricted(to: referrals.filter { !ids.contains($0.id) }, keepingRest: true)
    }

    private func restricted(to kept: [ReferralRow], keepingRest: Bool) -> RowBatch {
        let ids = Set(kept.map(\.id))
        let customerKeys = Set(kept.compactMap(\.customerKey))
        let bridges = referralRequirements.filter { ids.contains($0.referralId) }
        let requirementKeys = Set(bridges.map(\.requirementKey))
        return RowBatch(
            referrals: kept, customers: customers.filter { customerKeys.contains($0.customerKey) },
            requirements: requirements.filter { requirementKeys.contains($0.requirementKey) },
            referralRequirements: bridges, teamMembers: teamMembers.filter { ids.contains($0.referralId) },
            unchanged: keepingRest ? unchanged : [], rejections: keepingRest ? rejections : [],
            maxUpdatedAt: maxUpdatedAt,
            supersededCount: keepingRest ? supersededCount : 0)
    }

    /// The batch without its referral rows, with `extra` rejections appended: what is left to write once every
    /// referral of a part was refused.
    public func onlyRejections(adding extra: [Rejection]) -> RowBatch {
        RowBatch(
            unchanged: unchanged, rejections: rejections + extra, maxUpdatedAt: maxUpdatedAt,
            supersededCount: supersededCount)
    }
}
