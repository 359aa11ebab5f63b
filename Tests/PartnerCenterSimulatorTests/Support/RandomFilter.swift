import Foundation
import PartnerCenterSimulator

/// A random `$filter` with an independent brute-force predicate (the test's own reading of the semantics in
/// docs/simulator.md: missing is null, `ne` matches null, ordering with null is false, date-times compare as
/// instants, numeric strings compare as numbers).
indirect enum RandomFilter: Sendable {
    case string(path: String, op: String, value: String)
    case time(path: String, op: String, literal: String, quoted: Bool)
    case number(path: String, op: String, value: Double)
    case null(path: String, op: String)
    case bool(path: String, op: String, value: Bool)
    case anyEmail(String)
    case anyLocale(String)
    case and(RandomFilter, RandomFilter)
    case or(RandomFilter, RandomFilter)
    case not(RandomFilter)

    var text: String {
        switch self {
        case .string(let path, let op, let value):
            return "\(path) \(op) '\(value.replacingOccurrences(of: "'", with: "''"))'"
        case .time(let path, let op, let literal, let quoted):
            return "\(path) \(op) \(quoted ? "'\(literal)'" : literal)"
        case .number(let path, let op, let value): return "\(path) \(op) \(String(format: "%.2f", value))"
        case .null(let path, let op): return "\(path) \(op) null"
        case .bool(let path, let op, let value): return "\(path) \(op) \(value)"
        case .anyEmail(let email): return "team/any(t:t/email eq '\(email)')"
        case .anyLocale(let locale): return "customerProfile/team/any(c: c/contactPreference/locale eq '\(locale)')"
        case .and(let a, let b): return "(\(a.text) and \(b.text))"
        case .or(let a, let b): return "(\(a.text) or \(b.text))"
        case .not(let a): return "not (\(a.text))"
        }
    }

    func matches(_ r: [String: Any]) -> Bool {
        switch self {
        case .string(let path, let op, let literal):
            let v = value(r, path) as? String
            return op == "eq" ? v == literal : v != literal
        case .time(let path, let op, let literal, _):
            guard let s = value(r, path) as? String, let a = ticks(s), let b = ticks(literal) else { return op == "ne" }
            return Self.compare(a, op, b)
        case .number(let path, let op, let literal):
            let raw = value(r, path)
            guard let a = (raw as? String).flatMap(Double.init) ?? (raw as? NSNumber)?.doubleValue else {
                return op == "ne"
            }
            return Self.compare(a, op, (literal * 100).rounded() / 100)
        case .null(let path, let op):
            return (value(r, path) == nil) == (op == "eq")
        case .bool(let path, let op, let literal):
            guard let v = value(r, path) as? Bool else { return op == "ne" }
            return op == "eq" ? v == literal : v != literal
        case .anyEmail(let email):
            return (r["team"] as? [[String: Any]] ?? []).contains { $0["email"] as? String == email }
        case .anyLocale(let locale):
            return (value(r, "customerProfile/team") as? [[String: Any]] ?? []).contains {
                value($0, "contactPreference/locale") as? String == locale
            }
        case .and(let a, let b): return a.matches(r) && b.matches(r)
        case .or(let a, let b): return a.matches(r) || b.matches(r)
        case .not(let a): return !a.matches(r)
        }
    }

    static func compare<T: Comparable>(_ a: T, _ op: String, _ b: T) -> Bool {
        switch op {
        case "eq": return a == b
        case "ne": return a != b
        case "gt": return a > b
        case "ge": return a >= b
        case "lt": return a < b
        default: return a <= b
        }
    }

    /// A random filter of nesting `depth` or less, with literals drawn from `data`.
    static func random(_ data: [[String: Any]], depth: Int, using rng: inout SplitMix64) -> RandomFilter {
        if depth > 0, Int.random(in: 0..<3, using: &rng) > 0 {
            let a = random(data, depth: depth - 1, using: &rng), b = random(data, depth: depth - 1, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0, 1: return .and(a, b)
            case 2, 3: return .or(a, b)
            default: return .not(a)
            }
        }
        let r = data[Int.random(in: 0..<data.count, using: &rng)]
        let orders = ["eq", "ne", "gt", "ge", "lt", "le"]
        switch Int.random(in: 0..<8, using: &rng) {
        case 0:
            let path =
                [
                    "status", "substatus", "type", "qualification", "direction", "customerProfile/address/country",
                    "inviteContext/invitedBy/organizationId", "engagementId", "customerProfile/name",
                ].randomElement(using: &rng) ?? "status"
            return .string(
                path: path, op: Bool.random(using: &rng) ? "eq" : "ne", value: value(r, path) as? String ?? "msft")
        case 1, 2:
            let path =
                ["createdDateTime", "updatedDateTime", "expirationDateTime", "acceptedDateTime"].randomElement(
                    using: &rng) ?? ""
            var literal = value(r, path) as? String ?? "2024-06-01T12:00:00Z"
            if Bool.random(using: &rng), literal.count > 23 { literal = String(literal.prefix(23)) + "Z" }
            return .time(
                path: path, op: orders.randomElement(using: &rng) ?? "eq", literal: literal,
                quoted: Bool.random(using: &rng))
        case 3:
            let raw = value(r, "details/dealValue")
            let v = (raw as? String).flatMap(Double.init) ?? (raw as? NSNumber)?.doubleValue ?? 100_000
            return .number(path: "details/dealValue", op: orders.randomElement(using: &rng) ?? "eq", value: v)
        case 4:
            let path =
                [
                    "inviteContext", "statusReason", "details/closingDateTime", "expirationDateTime", "consent",
                    "details/dealValue", "acceptedDateTime",
                ].randomElement(using: &rng) ?? ""
            return .null(path: path, op: Bool.random(using: &rng) ? "eq" : "ne")
        case 5:
            let path =
                ["consent/consentToContact", "consent/consentToToShareInfoWithOthers"].randomElement(using: &rng) ?? ""
            return .bool(path: path, op: Bool.random(using: &rng) ? "eq" : "ne", value: Bool.random(using: &rng))
        case 6:
            let team = r["team"] as? [[String: Any]] ?? []
            return .anyEmail(team.first?["email"] as? String ?? "nobody@contoso.example")
        default:
            return .anyLocale(["en-US", "en-us", "de-DE", "ja-JP"].randomElement(using: &rng) ?? "en-US")
        }
    }
}
