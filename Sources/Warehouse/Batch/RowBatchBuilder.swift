import PartnerCenter

/// Collects referrals into one `RowBatch`, normalizing each as it arrives and deduplicating newest-wins.
///
/// The same referral id twice keeps the version with the greater `updatedDateTime` (a missing one counts as
/// oldest); on a tie the later one in the stream wins, and the children in the batch are the kept version's.
/// Customers keep the attributes of the newest referral naming them; requirements take the later non-nil
/// name. So `ON CONFLICT` never meets the same key twice. See docs/transform.md#batching.
public struct RowBatchBuilder: Sendable {
    private struct Entry: Sendable {
        var rows: NormalizedReferral
        /// Arrival order, to break ties in favour of the later record.
        var sequence: Int
        var updatedAt: Timestamp? { rows.referral.updatedAt }
    }

    private let normalizer: ReferralNormalizer
    private var idsInOrder: [String] = []
    private var kept: [String: Entry] = [:]
    private var rejections: [Rejection] = []
    private var supersededCount = 0
    private var maxUpdatedAt: Timestamp?
    private var sequence = 0

    /// Records added so far: referrals (accepted, superseded or rejected) and undecodable items.
    public private(set) var count = 0

    /// An empty builder.
    public init(normalizer: ReferralNormalizer = ReferralNormalizer()) {
        self.normalizer = normalizer
    }

    /// True when nothing was added.
    public var isEmpty: Bool { count == 0 }

    /// Adds a page: its referrals in order, then its undecodable items as rejections.
    public mutating func add(_ page: ReferralPage) {
        for referral in page.referrals { add(referral) }
        for item in page.undecodable { add(item) }
    }

    /// Adds one referral: its rows, or its rejection.
    public mutating func add(_ referral: Referral) {
        count += 1
        sequence += 1
        switch normalizer.normalize(referral) {
        case .rejected(let rejection):
            rejections.append(rejection)
        case .normalized(let rows):
            let entry = Entry(rows: rows, sequence: sequence)
            if let updatedAt = entry.updatedAt, maxUpdatedAt.map({ updatedAt > $0 }) ?? true {
                maxUpdatedAt = updatedAt
            }
            let id = rows.referral.id
            if let current = kept[id] {
                supersededCount += 1
                if Self.isNewer(entry.updatedAt, than: current.updatedAt) { kept[id] = entry }
            } else {
                kept[id] = entry
                idsInOrder.append(id)
            }
        }
    }

    /// Adds a page item that did not decode, as a rejection.
    public mutating func add(_ undecodable: UndecodableReferral) {
        count += 1
        sequence += 1
        rejections.append(Rejection(undecodable))
    }

    /// The batch of everything added so far.
    public func build() -> RowBatch {
        let entries = idsInOrder.compactMap { kept[$0] }
        var batch = RowBatch(rejections: rejections, maxUpdatedAt: maxUpdatedAt, supersededCount: supersededCount)
        var customerIndex: [String: (index: Int, updatedAt: Timestamp?, sequence: Int)] = [:]
        var requirementIndex: [String: Int] = [:]
        for entry in entries {
            batch.referrals.append(entry.rows.referral)
            batch.referralRequirements += entry.rows.referralRequirements
            batch.teamMembers += entry.rows.teamMembers
            if let customer = entry.rows.customer {
                if let current = customerIndex[customer.customerKey] {
                    let newer =
                        entry.updatedAt == current.updatedAt
                        ? entry.sequence > current.sequence : Self.isNewer(entry.updatedAt, than: current.updatedAt)
                    if newer {
                        batch.customers[current.index] = customer
                        customerIndex[customer.customerKey] = (current.index, entry.updatedAt, entry.sequence)
                    }
                } else {
                    customerIndex[customer.customerKey] = (batch.customers.count, entry.updatedAt, entry.sequence)
                    batch.customers.append(customer)
                }
            }
            for requirement in entry.rows.requirements where requirementIndex[requirement.requirementKey] == nil {
                requirementIndex[requirement.requirementKey] = batch.requirements.count
                batch.requirements.append(requirement)
            }
        }
        // Later non-nil names win: merge in arrival order, whatever the output order.
        for entry in entries.sorted(by: { $0.sequence < $1.sequence }) {
            for requirement in entry.rows.requirements {
                if let index = requirementIndex[requirement.requirementKey] {
                    batch.requirements[index].merge(requirement)
                }
            }
        }
        return batch
    }

    /// Newest-wins order on `updatedDateTime`: equal counts as newer (the later record wins a tie), and a
    /// missing timestamp is older than any present one.
    static func isNewer(_ candidate: Timestamp?, than current: Timestamp?) -> Bool {
        switch (candidate, current) {
        case (nil, nil): true
        case (nil, .some): false
        case (.some, nil): true
        case (.some(let candidate), .some(let current)): candidate >= current
        }
    }
}
