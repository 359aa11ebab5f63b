/// Why a referral item could not become a `Referral`, in one line (e.g. `"team" is a string, expected an array`).
struct ReferralShapeError: Error {
    var reason: String
    /// The item's `id` when it is a string (the item is still quarantined under it).
    var referralId: String?
}

/// Typed, lenient access to one JSON object's members for the referral mapping: a missing member and `null`
/// both read as nil; any other type than the expected one is a `ReferralShapeError` naming the field's path.
struct JSONFields {
    let members: [String: JSONValue]
    let path: String

    init(_ members: [String: JSONValue], path: String = "") {
        self.members = members
        self.path = path
    }

    func name(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    private func present(_ key: String) -> JSONValue? {
        guard let value = members[key] else { return nil }
        if case .null = value { return nil }
        return value
    }

    private func mismatch(_ key: String, _ value: JSONValue, _ expected: String) -> ReferralShapeError {
        ReferralShapeError(reason: "\"\(name(key))\" is \(article(value.typeName)), expected \(expected)")
    }

    private func article(_ type: String) -> String { type == "array" || type == "object" ? "an \(type)" : "a \(type)" }

    func string(_ key: String) throws(ReferralShapeError) -> String? {
        guard let value = present(key) else { return nil }
        guard case .string(let text) = value else { throw mismatch(key, value, "a string") }
        return text
    }

    func bool(_ key: String) throws(ReferralShapeError) -> Bool? {
        guard let value = present(key) else { return nil }
        guard case .bool(let flag) = value else { throw mismatch(key, value, "a boolean") }
        return flag
    }

    /// A number's literal text, or a string's content (the API sends `dealValue` both ways).
    func numberText(_ key: String) throws(ReferralShapeError) -> String? {
        guard let value = present(key) else { return nil }
        switch value {
        case .number(let literal): return literal
        case .string(let text): return text
        default: throw mismatch(key, value, "a number or a numeric string")
        }
    }

    func object(_ key: String) throws(ReferralShapeError) -> JSONFields? {
        guard let value = present(key) else { return nil }
        guard case .object(let members) = value else { throw mismatch(key, value, "an object") }
        return JSONFields(members, path: name(key))
    }

    /// An array of objects, each mapped by `transform`.
    func objects<T>(
        _ key: String, _ transform: (JSONFields) throws(ReferralShapeError) -> T
    ) throws(ReferralShapeError) -> [T]? {
        guard let value = present(key) else { return nil }
        guard case .array(let elements) = value else { throw mismatch(key, value, "an array") }
        var out: [T] = []
        out.reserveCapacity(elements.count)
        for (position, element) in elements.enumerated() {
            let itemPath = "\(name(key))[\(position)]"
            guard case .object(let members) = element else {
                throw ReferralShapeError(reason: "\"\(itemPath)\" is \(article(element.typeName)), expected an object")
            }
            out.append(try transform(JSONFields(members, path: itemPath)))
        }
        return out
    }
}
