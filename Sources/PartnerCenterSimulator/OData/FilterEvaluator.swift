/// Evaluates a `FilterExpression` against one referral's JSON.
///
/// Semantics (docs/simulator.md, "Filter semantics"): a missing member is null; `eq null` matches null or
/// missing; strings compare as instants when both sides are ISO 8601 date-times (so `'2024-01-01T00:00:00Z'`
/// and a bare DateTimeOffset compare by instant, whatever the fractional digits), else by UTF-8 bytes;
/// numbers compare numerically, a numeric string counting as a number; mismatched types are unequal and
/// unordered.
struct FilterEvaluator {
    private enum Scalar {
        case null, bool(Bool), number(Double), string(String), instant(Instant), other
    }

    /// Whether `referral` satisfies `expression`.
    static func matches(_ expression: FilterExpression, _ referral: JSONValue) -> Bool {
        evaluate(expression, root: referral, bindings: [:])
    }

    private static func evaluate(_ e: FilterExpression, root: JSONValue, bindings: [String: JSONValue]) -> Bool {
        switch e {
        case .and(let a, let b):
            return evaluate(a, root: root, bindings: bindings) && evaluate(b, root: root, bindings: bindings)
        case .or(let a, let b):
            return evaluate(a, root: root, bindings: bindings) || evaluate(b, root: root, bindings: bindings)
        case .not(let a): return !evaluate(a, root: root, bindings: bindings)
        case .truth(let operand):
            if case .bool(let b) = scalar(operand, root: root, bindings: bindings) { return b }
            return false
        case .compare(let l, let op, let r):
            return compare(scalar(l, root: root, bindings: bindings), op, scalar(r, root: root, bindings: bindings))
        case .any(let path, let variable, let body):
            guard let items = resolve(path, root: root, bindings: bindings)?.arrayValue else { return false }
            guard let body else { return !items.isEmpty }
            return items.contains { item in
                var inner = bindings
                inner[variable] = item
                return evaluate(body, root: root, bindings: inner)
            }
        case .all(let path, let variable, let body):
            guard let items = resolve(path, root: root, bindings: bindings)?.arrayValue else { return false }
            return items.allSatisfy { item in
                var inner = bindings
                inner[variable] = item
                return evaluate(body, root: root, bindings: inner)
            }
        }
    }

    private static func resolve(_ path: [String], root: JSONValue, bindings: [String: JSONValue]) -> JSONValue? {
        guard let first = path.first else { return nil }
        if let bound = bindings[first] { return bound.value(at: Array(path.dropFirst())) }
        return root.value(at: path)
    }

    private static func scalar(_ operand: FilterOperand, root: JSONValue, bindings: [String: JSONValue]) -> Scalar {
        switch operand {
        case .literal(.null): return .null
        case .literal(.bool(let b)): return .bool(b)
        case .literal(.number(let n)): return .number(n)
        case .literal(.string(let s)): return .string(s)
        case .literal(.dateTime(let d)): return .instant(d)
        case .path(let path):
            switch resolve(path, root: root, bindings: bindings) {
            case nil, .null?: return .null
            case .bool(let b)?: return .bool(b)
            case .number(let text)?: return Double(text).map(Scalar.number) ?? .other
            case .string(let s)?: return .string(s)
            case .array?, .object?: return .other
            }
        }
    }

    private static func compare(_ l: Scalar, _ op: ComparisonOperator, _ r: Scalar) -> Bool {
        let lNull: Bool, rNull: Bool
        if case .null = l { lNull = true } else { lNull = false }
        if case .null = r { rNull = true } else { rNull = false }
        if lNull || rNull {
            switch op {
            case .eq: return lNull && rNull
            case .ne: return !(lNull && rNull)
            default: return false
            }
        }
        guard let order = ordering(l, r) else { return op == .ne }
        switch op {
        case .eq: return order == 0
        case .ne: return order != 0
        case .gt: return order > 0
        case .ge: return order >= 0
        case .lt: return order < 0
        case .le: return order <= 0
        }
    }

    /// -1, 0, 1, or nil when the two are not comparable (null, or different types).
    private static func ordering(_ l: Scalar, _ r: Scalar) -> Int? {
        func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
        switch (l, r) {
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (a ? 1 : -1)
        case (.number(let a), .number(let b)): return sign(a, b)
        case (.instant(let a), .instant(let b)): return sign(a, b)
        case (.string(let s), .instant(let b)): return Instant(iso8601: s).map { sign($0, b) }
        case (.instant(let a), .string(let s)): return Instant(iso8601: s).map { sign(a, $0) }
        case (.string(let s), .number(let b)): return Double(s).map { sign($0, b) }
        case (.number(let a), .string(let s)): return Double(s).map { sign(a, $0) }
        case (.string(let a), .string(let b)):
            if let x = Instant(iso8601: a), let y = Instant(iso8601: b) { return sign(x, y) }
            return bytesOrder(a, b)
        default: return nil
        }
    }

    private static func bytesOrder(_ a: String, _ b: String) -> Int {
        if a.utf8.elementsEqual(b.utf8) { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }
}
