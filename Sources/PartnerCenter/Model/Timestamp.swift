/// An exact instant, in 100-nanosecond ticks since 1970-01-01T00:00:00Z (the API's finest precision).
///
/// The API writes timestamps with 0 to 7 fractional digits (`…T21:03:00Z`, `…T21:03:00.0000000Z`,
/// `…T21:03:42.4579542Z`); binary floating point would round the seventh digit, so none is used.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 100-nanosecond ticks since the Unix epoch.
    public let ticks: Int64

    public static let ticksPerSecond: Int64 = 10_000_000

    public init(ticks: Int64) { self.ticks = ticks }

    public init(secondsSinceEpoch seconds: Int64) { self.ticks = seconds * Self.ticksPerSecond }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.ticks < rhs.ticks }

    /// This instant moved by a number of seconds (negative goes back).
    public func adding(seconds: Int64) -> Timestamp { Timestamp(ticks: ticks + seconds * Self.ticksPerSecond) }

    /// Parses ISO 8601 date-time text: `YYYY-MM-DDTHH:MM:SS`, optional `.f` (1–7 digits; more are
    /// truncated), then `Z`, `±HH:MM` or nothing (no zone means UTC). A space may stand for `T`. Returns nil for
    /// anything else. See docs/transform.md#timestamps.
    public init?(parsing text: String) {
        var utf8 = Array(text.utf8)
        guard utf8.count >= 19 else { return nil }
        func number(_ start: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for i in start..<(start + count) {
                let c = utf8[i]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int64(c - 48)
            }
            return value
        }
        guard utf8[4] == 45, utf8[7] == 45, utf8[10] == 84 || utf8[10] == 116 || utf8[10] == 32,
            utf8[13] == 58, utf8[16] == 58,
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year),
            hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var index = 19
        var fraction: Int64 = 0
        if index < utf8.count, utf8[index] == 46 {
            index += 1
            var digits = 0
            while index < utf8.count, utf8[index] >= 48, utf8[index] <= 57 {
                if digits < 7 { fraction = fraction * 10 + Int64(utf8[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 7) { fraction *= 10 }
        }
        var offsetSeconds: Int64 = 0
        switch index < utf8.count ? utf8[index] : 90 {  // no zone: UTC
        case 90, 122:  // Z z
            index = min(index + 1, utf8.count)
        case 43, 45:  // + -
            guard utf8.count >= index + 6, utf8[index + 3] == 58,
                let oh = number(index + 1, 2), let om = number(index + 4, 2), oh <= 23, om <= 59
            else { return nil }
            offsetSeconds = (oh * 3600 + om * 60) * (utf8[index] == 45 ? -1 : 1)
            index += 6
        default:
            return nil
        }
        guard index == utf8.count else { return nil }
        utf8.removeAll()
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        self.ticks = seconds * Self.ticksPerSecond + fraction
    }

    /// ISO 8601 in UTC with 7 fractional digits, the API's own long form: `2020-10-30T21:03:00.0000000Z`.
    public var description: String { format(fractionDigits: 7) }

    /// ISO 8601 in UTC with microseconds (the seventh digit truncated), what PostgreSQL's `timestamptz` keeps:
    /// `2020-10-30T21:03:00.000000Z`. Years before 1 are written PostgreSQL's way: year 0 is `0001 … BC`.
    public var postgresText: String { format(fractionDigits: 6, era: true) }

    /// ISO 8601 in UTC without fraction when it is zero, for OData literals: `2020-10-30T21:03:00Z`.
    public var odataLiteral: String {
        ticks % Self.ticksPerSecond == 0 ? format(fractionDigits: 0) : format(fractionDigits: 7)
    }

    private func format(fractionDigits: Int, era: Bool = false) -> String {
        var seconds = ticks / Self.ticksPerSecond
        var fraction = ticks % Self.ticksPerSecond
        if fraction < 0 {
            fraction += Self.ticksPerSecond
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = Self.civilFromDays(days)
        let beforeChrist = era && year <= 0
        var out = pad(beforeChrist ? 1 - year : year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
        out += pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay % 3600 / 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if fractionDigits > 0 {
            var f = fraction
            for _ in fractionDigits..<7 { f /= 10 }
            out += "." + pad(f, fractionDigits)
        }
        return out + (beforeChrist ? "Z BC" : "Z")
    }

    private func pad(_ value: Int64, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilFromDays(_ z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day)
    }
}
