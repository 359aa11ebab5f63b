/// The referrals matching one listing, in order, frozen when its first page was served.
struct Snapshot: Sendable {
    /// One served item: a referral, in its current or an older version (the duplicate-ids fault).
    struct Entry: Sendable {
        var record: StoredReferral
        var older = false
        /// The JSON bytes to serve.
        var bytes: [UInt8] { older ? record.olderVersionBytes() : record.bytes }
    }

    let id: Int
    let entries: [Entry]
    /// Distinct referrals that matched (`@odata.count`).
    let total: Int
}

/// The last few snapshots, least recently used evicted first.
struct SnapshotCache: Sendable {
    private var snapshots: [Int: Snapshot] = [:]
    private var recency: [Int] = []
    private var nextID = 1
    let capacity: Int

    init(capacity: Int = 64) { self.capacity = capacity }

    /// Stores a snapshot of `entries` and returns it with its new id.
    mutating func add(entries: [Snapshot.Entry], total: Int) -> Snapshot {
        let snapshot = Snapshot(id: nextID, entries: entries, total: total)
        nextID += 1
        snapshots[snapshot.id] = snapshot
        recency.append(snapshot.id)
        if recency.count > capacity { snapshots[recency.removeFirst()] = nil }
        return snapshot
    }

    /// The snapshot `id`, if still cached.
    mutating func get(_ id: Int) -> Snapshot? {
        guard let snapshot = snapshots[id] else { return nil }
        if let i = recency.firstIndex(of: id) {
            recency.remove(at: i)
            recency.append(id)
        }
        return snapshot
    }
}
