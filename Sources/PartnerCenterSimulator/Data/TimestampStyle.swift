/// How a generated timestamp is written: the API mixes 0, some and 7 fractional digits (reference §1.10).
enum TimestampStyle: CaseIterable {
    /// `2018-11-13T00:00:00Z`
    case seconds
    /// `2020-10-30T21:03:00.123Z`
    case milliseconds
    /// `2018-10-30T21:03:42.4579542Z`
    case ticks
    /// `2020-10-30T21:03:00.0000000Z`
    case zeroTicks

    var fractionDigits: Int {
        switch self {
        case .seconds: return 0
        case .milliseconds: return 3
        case .ticks, .zeroTicks: return 7
        }
    }

    /// `instant` truncated to what this style can write, so text and instant agree exactly.
    func truncate(_ instant: Instant) -> Instant {
        switch self {
        case .seconds, .zeroTicks: return Instant(ticks: instant.ticks - instant.ticks % Instant.ticksPerSecond)
        case .milliseconds: return Instant(ticks: instant.ticks - instant.ticks % 10_000)
        case .ticks: return instant
        }
    }

    /// A random style, then `instant` truncated and written in it.
    static func stamp(_ instant: Instant, using rng: inout SplitMix64) -> (Instant, String) {
        let style = rng.pick(allCases)
        let truncated = style.truncate(instant)
        return (truncated, truncated.iso8601(fractionDigits: style.fractionDigits))
    }
}
