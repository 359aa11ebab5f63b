import PartnerCenter

/// Collects referrals into one `RowBatch`, normalizing each as it arrives and deduplicating newest-wins.
///
/// The same referral id twice keeps the version with the greater `updatedDateTime` (a missing one counts as
/// oldest); on a tie the later one in the stream wins, and the children in the batch are the kept version's.
/// Customers keep the attributes of the newest referral naming them; requirements take the later non-nil
/// name. So `ON CONFLICT` never meets the same key twice. See docs/transform.md#batching.
public struct RowBatchBuilder: Sendable {
    private struct Entry: Sendable {
        /// The referral's rows, or what is kept of it when it was recognised stored unchanged; boxed, so entries
        /// stay small to move.
        indirect enum Version: Sendable {
            case rows(NormalizedReferral)
            case unchanged(UnchangedReferral)
        }
        var version: Version
        /// Arrival order, to break ties in favour of the later record.
        var sequence: Int
        var updatedAt: Timestamp?
        var id: String

        var rows: NormalizedReferral? {
            guard case .rows(let rows) = version else { return nil }
            return rows
        }
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

    /// Adds a page: its referrals in order, then its skimmed elements in order, then its undecodable items as
    /// rejections. `storedUnchanged` maps the index of a skimmed element found stored unchanged to that row:
    /// such an element is kept as an `UnchangedReferral`, not decoded; every other one is decoded (or taken from
    /// `decoded`, by index, when the caller decoded it already) and normalized.
    public mutating func add(
        _ page: ReferralPage, storedUnchanged: [Int: StoredVersion] = [:],
        decoded: [Int: SkimmedReferral.Decoded] = [:]
    ) {
        for referral in page.referrals { add(referral) }
        for (index, element) in page.skimmed.enumerated() {
            if let stored = storedUnchanged[index], let unchanged = UnchangedReferral(element, stored: stored) {
                add(unchanged)
            } else {
                add(decoded[index] ?? element.decoded())
            }
        }
        for item in page.undecodable { add(item) }
    }

    /// Adds a skimmed element, decoded: its rows, or its rejection.
    public mutating func add(_ element: SkimmedReferral) { add(element.decoded()) }

    /// Adds a decoded element: its rows, or its rejection.
    public mutating func add(_ decoded: SkimmedReferral.Decoded) {
        switch decoded {
        case .referral(let referral): add(referral)
        case .undecodable(let item): add(item)
        }
    }

    /// Adds a referral recognised stored unchanged: it takes part in newest-wins, without rows.
    public mutating func add(_ unchanged: UnchangedReferral) {
        count += 1
        sequence += 1
        keep(
            Entry(version: .unchanged(unchanged), sequence: sequence, updatedAt: unchanged.updatedAt, id: unchanged.id))
    }

    /// Adds one referral: its rows, or its rejection.
    public mutating func add(_ referral: Referral) {
        count += 1
        sequence += 1
        switch normalizer.normalize(referral) {
        case .rejected(let rejection):
            rejections.append(rejection)
        case .normalized(let rows):
            keep(
                Entry(
                    version: .rows(rows), sequence: sequence, updatedAt: rows.referral.updatedAt, id: rows.referral.id))
        }
    }

    /// Newest wins among the versions of one id.
    private mutating func keep(_ entry: Entry) {
        if let updatedAt = entry.updatedAt, maxUpdatedAt.map({ updatedAt > $0 }) ?? true {
            maxUpdatedAt = updatedAt
        }
        if let current = kept[entry.id] {
            supersededCount += 1
            if Self.isNewer(entry.updatedAt, than: current.updatedAt) { kept[entry.id] = entry }
        } else {
            kept[entry.id] = entry
            idsInOrder.append(entry.id)
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
            let rows: NormalizedReferral
            switch entry.version {
            case .unchanged(let unchanged):
                batch.unchanged.append(unchanged)
                continue
            case .rows(let normalized): rows = normalized
            }
            batch.referrals.append(rows.referral)
            batch.referralRequirements += rows.referralRequirements
            batch.teamMembers += rows.teamMembers
            if let customer = rows.customer {
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
            for requirement in rows.requirements where requirementIndex[requirement.requirementKey] == nil {
                requirementIndex[requirement.requirementKey] = batch.requirements.count
                batch.requirements.append(requirement)
            }
        }
        // Later non-nil names win: merge in arrival order, whatever the output order.
        for entry in entries.sorted(by: { $0.sequence < $1.sequence }) {
            for requirement in entry.rows?.requirements ?? [] {
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
