/// The four timestamps of a generated referral, consistent with its status:
/// created ≤ accepted ≤ updated, expiration 14 days after creation for New and Expired referrals,
/// everything before `ReferralGenerator.start`.
struct ReferralTimes {
    /// A JSON member that may hold a timestamp, be null, or be absent.
    enum Field {
        case value(Instant, String)
        case null
        case absent
    }

    var created: Instant
    var createdText: String
    var updated: Instant
    var updatedText: String
    var expiration: Field
    var accepted: Field

    static let hour: Int64 = 3600
    static let day: Int64 = 86_400

    static func generate(
        status: String, substatus: String, outgoing: Bool, createdAt: Instant?, inBurst: Bool = false,
        using rng: inout SplitMix64
    ) -> ReferralTimes {
        let start = ReferralGenerator.start
        let latest = start.adding(seconds: -60)
        let oldest: Int64 = substatus == "Expired" || status == "Closed" ? 15 * day : hour
        let raw =
            createdAt
            ?? Instant(
                ticks: start.ticks
                    - Int64.random(
                        in: oldest * 10_000_000...(inBurst ? oldest + 3 * day : 730 * day) * 10_000_000, using: &rng))
        let (created, createdText) = TimestampStyle.stamp(raw, using: &rng)
        var times = ReferralTimes(
            created: created, createdText: createdText, updated: created, updatedText: createdText,
            expiration: .absent, accepted: .absent)

        let fourteen = created.adding(days: 14)
        if status == "New" || substatus == "Expired" || createdAt != nil {
            times.expiration =
                rng.chance(0.5)
                ? .value(fourteen.midnight, fourteen.midnight.iso8601(fractionDigits: 0))
                : .value(fourteen, fourteen.iso8601(fractionDigits: 7))
        } else {
            switch rng.int(0..<4) {
            case 0, 1: times.expiration = .value(fourteen.midnight, fourteen.midnight.iso8601(fractionDigits: 0))
            case 2: times.expiration = .null
            default: times.expiration = .absent
            }
        }
        var floor = created
        if status == "Active" || substatus == "Won" || substatus == "Lost" {
            if outgoing || createdAt != nil {
                times.accepted = .value(created, createdText)
            } else {
                let candidate = min(created.adding(seconds: Int64.random(in: hour...(10 * day), using: &rng)), latest)
                if candidate > created.adding(seconds: 1) {
                    let field = stamped(candidate, &rng)
                    times.accepted = field
                    if case .value(let instant, _) = field { floor = instant }
                } else {
                    times.accepted = .value(created, createdText)
                }
            }
        } else {
            times.accepted = rng.chance(0.5) ? .null : .absent
        }
        if substatus == "Expired", case .value(let instant, _) = times.expiration { floor = max(floor, instant) }
        if createdAt != nil || (floor == created && rng.chance(0.15)) { return times }
        let candidate = min(floor.adding(seconds: Int64.random(in: 1...(60 * day), using: &rng)), latest)
        let bumped = max(candidate, floor.adding(seconds: 1))
        if case .value(let instant, let text) = stamped(bumped, &rng) {
            times.updated = instant
            times.updatedText = text
        }
        return times
    }

    private static func stamped(_ instant: Instant, _ rng: inout SplitMix64) -> Field {
        let (truncated, text) = TimestampStyle.stamp(instant, using: &rng)
        return .value(truncated, text)
    }

    /// Writes `createdDateTime`, `updatedDateTime`, `expirationDateTime`, `acceptedDateTime` in that order.
    func write(into r: inout JSONObject) {
        r["createdDateTime"] = .string(createdText)
        r["updatedDateTime"] = .string(updatedText)
        for (key, field) in [("expirationDateTime", expiration), ("acceptedDateTime", accepted)] {
            switch field {
            case .value(_, let text): r[key] = .string(text)
            case .null: r[key] = .null
            case .absent: break
            }
        }
    }
}
