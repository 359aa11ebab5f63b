/// The referral ids one chain has delivered, as 64-bit FNV-1a hashes (8 bytes each: 10^6 ids ≈ 16 MB with the
/// set's overhead). Used only to notice a page that repeats what we already have; a hash collision could at worst
/// hide one new id among repeats, which the guard tolerates (it needs a whole page of repeats).
struct SeenReferralIDs {
    private var hashes: Set<UInt64> = []

    var count: Int { hashes.count }

    /// Records `ids`; returns true when the list is non-empty and every id had been seen before.
    mutating func insertAllSeen(_ ids: [String]) -> Bool {
        var allSeen = !ids.isEmpty
        for id in ids where hashes.insert(Self.fnv1a(id)).inserted {
            allSeen = false
        }
        return allSeen
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
