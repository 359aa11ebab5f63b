/// The total order of a listing: the sort key, then the id, both ascending or both descending.
struct ReferralOrdering: Sendable {
    var field: OrderField
    var descending: Bool

    /// Whether (keyA, idA) comes before (keyB, idB).
    func precedes(_ keyA: Int64, _ idA: String, _ keyB: Int64, _ idB: String) -> Bool {
        if keyA != keyB { return descending ? keyA > keyB : keyA < keyB }
        if idA.utf8.elementsEqual(idB.utf8) { return false }
        let less = idA.utf8.lexicographicallyPrecedes(idB.utf8)
        return descending ? !less : less
    }

    /// The referrals matching `expression`, sorted.
    func matching(_ expression: FilterExpression?, in records: [StoredReferral]) -> [StoredReferral] {
        let matched = expression.map { e in records.filter { FilterEvaluator.matches(e, $0.json) } } ?? records
        return matched.sorted { precedes($0.key(field).ticks, $0.id, $1.key(field).ticks, $1.id) }
    }

    /// The index of the first entry strictly after (key, id) in this order (a keyset resume).
    func firstIndex(after key: Int64, id: String, in entries: [Snapshot.Entry]) -> Int {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            let record = entries[mid].record
            if precedes(key, id, record.key(field).ticks, record.id) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
