/// The referral ids one chain delivered most recently, as 64-bit FNV-1a hashes: the last `capacity` of them (by
/// default 20,000, two hundred pages), so memory stays flat however long the listing (about 0.5 MB). Used only to
/// notice a page that repeats what we already have (drift: rows shifting while a listing is read repeat nearby
/// pages); a page repeating referrals read longer ago is loaded like any other, and a loop that long still ends at
/// the page cap. A hash collision could at worst hide one new id among repeats, which the guard tolerates (it
/// needs a whole page of repeats). Our own: no kept library has a bounded set.
struct SeenReferralIDs {
    /// How many of the latest ids are remembered.
    let capacity: Int
    private var hashes: [UInt64: Int] = [:]
    /// The remembered hashes in arrival order (a ring: `next` is where the oldest is replaced).
    private var ring: [UInt64] = []
    private var next = 0

    init(capacity: Int = 20_000) {
        self.capacity = max(1, capacity)
    }

    /// Distinct ids remembered.
    var count: Int { hashes.count }

    /// Records `ids`; returns true when the list is non-empty and every id had been seen before (among the
    /// latest `capacity`).
    mutating func insertAllSeen(_ ids: [String]) -> Bool {
        var allSeen = !ids.isEmpty
        for id in ids {
            let hash = Self.fnv1a(id)
            if hashes[hash] == nil { allSeen = false }
            remember(hash)
        }
        return allSeen
    }

    /// Adds `hash` as the latest, forgetting the oldest when full. A hash is remembered while any of its copies is.
    private mutating func remember(_ hash: UInt64) {
        hashes[hash, default: 0] += 1
        guard ring.count == capacity else {
            ring.append(hash)
            return
        }
        let oldest = ring[next]
        if let copies = hashes[oldest], copies > 1 { hashes[oldest] = copies - 1 } else { hashes[oldest] = nil }
        ring[next] = hash
        next = (next + 1) % capacity
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
