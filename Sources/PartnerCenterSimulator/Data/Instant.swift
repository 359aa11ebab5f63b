/// An instant in 100-nanosecond ticks since 1970-01-01T00:00:00Z: the API's finest timestamp precision.
///
/// The simulator's own type (it shares no code with the client). Comparisons are exact, whatever number of
/// fractional digits a timestamp was written with.
public struct Instant: Sendable, Hashable, Comparable {
    /// 100-nanosecond ticks since the Unix epoch.
    public var ticks: Int64

    static let ticksPerSecond: Int64 = 10_000_000
    static let ticksPerDay: Int64 = 86_400 * ticksPerSecond

    /// The instant `ticks` hundred-nanoseconds after the epoch.
    public init(ticks: Int64) { self.ticks = ticks }

    /// The instant `seconds` after the epoch.
    public init(seconds: Int64) { self.ticks = seconds * Self.ticksPerSecond }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.ticks < rhs.ticks }

    /// This instant moved by `seconds` (negative goes back).
    public func adding(seconds: Int64) -> Instant { Instant(ticks: ticks + seconds * Self.ticksPerSecond) }

    /// This instant moved by `days`.
    public func adding(days: Int64) -> Instant { Instant(ticks: ticks + days * Self.ticksPerDay) }

    /// The instant truncated to its UTC midnight.
    public var midnight: Instant {
        Instant(ticks: ticks - ((ticks % Self.ticksPerDay) + Self.ticksPerDay) % Self.ticksPerDay)
    }

    /// ISO 8601 UTC text with `fractionDigits` (0...7) digits: `2025-03-03T09:15:42Z`, `…42.457Z`, `…42.4579542Z`.
    /// Digits beyond `fractionDigits` are truncated.
    public func iso8601(fractionDigits: Int = 7) -> String {
        let days = ticks >= 0 ? ticks / Self.ticksPerDay : (ticks - Self.ticksPerDay + 1) / Self.ticksPerDay
        let rest = ticks - days * Self.ticksPerDay
        let (y, m, d) = Self.civil(fromDays: days)
        let seconds = rest / Self.ticksPerSecond
        let fraction = rest % Self.ticksPerSecond
        func two(_ v: Int64) -> String { String(v).leftPadded(2) }
        var text = "\(String(y).leftPadded(4))-\(two(m))-\(two(d))T\(two(seconds / 3600)):"
        text += "\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        let digits = min(max(fractionDigits, 0), 7)
        if digits > 0 {
            text += "." + String(String(fraction).leftPadded(7).prefix(digits))
        }
        return text + "Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.f{1,}](Z|±HH:MM)`; digits beyond the seventh are truncated.
    public init?(iso8601 text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count >= 20 else { return nil }
        func num(_ start: Int, _ count: Int) -> Int64? {
            var v: Int64 = 0
            for i in start..<(start + count) {
                guard u[i] >= 48, u[i] <= 57 else { return nil }
                v = v * 10 + Int64(u[i] - 48)
            }
            return v
        }
        guard u[4] == 45, u[7] == 45, u[10] == 84 || u[10] == 116, u[13] == 58, u[16] == 58,
            let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
            let s = num(17, 2), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        var i = 19
        var fraction: Int64 = 0
        if u[i] == 46 {
            i += 1
            var digits = 0
            while i < u.count, u[i] >= 48, u[i] <= 57 {
                if digits < 7 { fraction = fraction * 10 + Int64(u[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in min(digits, 7)..<7 { fraction *= 10 }
        }
        guard i < u.count else { return nil }
        var offset: Int64 = 0
        if u[i] == 90 || u[i] == 122 {
            i += 1
        } else if u[i] == 43 || u[i] == 45, u.count == i + 6, u[i + 3] == 58,
            let oh = num(i + 1, 2), let om = num(i + 4, 2)
        {
            offset = (oh * 3600 + om * 60) * (u[i] == 45 ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == u.count else { return nil }
        let days = Self.days(fromCivil: y, mo, d)
        ticks = (days * 86_400 + h * 3600 + mi * 60 + s - offset) * Self.ticksPerSecond + fraction
    }

    // Howard Hinnant's civil-from-days and days-from-civil algorithms.
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
