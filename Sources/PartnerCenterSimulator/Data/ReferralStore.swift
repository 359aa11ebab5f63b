/// All referrals the simulator serves, with the simulated clock and the mutation generator.
///
/// A value type: the simulator keeps it behind a lock; a copy of `records` is a consistent snapshot.
struct ReferralStore: Sendable {
    private(set) var records: [StoredReferral]
    private var indexByID: [String: Int]
    /// The simulated clock: every mutation happens at a later reading.
    private(set) var now: Instant
    let generator: ReferralGenerator
    var mutationRNG: SplitMix64
    /// The index the next new referral is generated with.
    var nextIndex: Int

    /// `count` referrals generated from `seed`; `burstShare` of them created in a three-day burst.
    init(seed: UInt64, count: Int, burstShare: Double = 0) {
        let generator = ReferralGenerator(seed: seed, referralCount: count, burstShare: burstShare)
        let records = (0..<count).map { StoredReferral(generator.referral(index: $0)) }
        self.generator = generator
        self.records = records
        indexByID = Dictionary(records.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        now = ReferralGenerator.start
        mutationRNG = SplitMix64(seed: seed, stream: 0x4D07A7E)
        nextIndex = count
    }

    /// The referral with `id`, if any.
    func record(id: String) -> StoredReferral? { indexByID[id].map { records[$0] } }

    /// Moves the simulated clock forward by `seconds` and returns the new reading.
    mutating func advanceClock(seconds: Int64 = 0, milliseconds: Int64 = 0) -> Instant {
        now = Instant(ticks: now.ticks + seconds * Instant.ticksPerSecond + milliseconds * 10_000)
        return now
    }

    mutating func update(at index: Int, to object: JSONObject) { records[index].replace(with: object) }

    mutating func append(_ object: JSONObject) {
        let record = StoredReferral(object)
        indexByID[record.id] = records.count
        records.append(record)
    }

    /// All referrals as `{"value":[...]}`, in generation order.
    func allJSON() -> [UInt8] {
        var out: [UInt8] = Array(#"{"value":["#.utf8)
        out.reserveCapacity(records.reduce(16) { $0 + $1.bytes.count + 1 })
        for (i, record) in records.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: record.bytes)
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }
}
