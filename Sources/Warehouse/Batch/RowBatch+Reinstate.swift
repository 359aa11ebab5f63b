extension RowBatch {
    /// The batch with its unchanged referrals whose ids are in `ids` decoded and normalized after all, their rows
    /// (or rejections) merged in: what the loader writes when those stored rows changed, or went, between the
    /// lookup that recognised them and the batch's transaction. See docs/load.md#unchanged-referrals.
    public func reinstating(_ ids: Set<String>) -> RowBatch {
        var builder = RowBatchBuilder()
        var batch = self
        batch.unchanged = unchanged.filter { !ids.contains($0.id) }
        for item in unchanged where ids.contains(item.id) { builder.add(item.element) }
        let extra = builder.build()
        batch.referrals += extra.referrals
        batch.referralRequirements += extra.referralRequirements
        batch.teamMembers += extra.teamMembers
        batch.rejections += extra.rejections
        for customer in extra.customers {
            if let index = batch.customers.firstIndex(where: { $0.customerKey == customer.customerKey }) {
                if RowBatchBuilder.isNewer(customer.sourceUpdatedAt, than: batch.customers[index].sourceUpdatedAt) {
                    batch.customers[index] = customer
                }
            } else {
                batch.customers.append(customer)
            }
        }
        for requirement in extra.requirements {
            if let index = batch.requirements.firstIndex(where: { $0.requirementKey == requirement.requirementKey }) {
                batch.requirements[index].merge(requirement)
            } else {
                batch.requirements.append(requirement)
            }
        }
        return batch
    }
}
