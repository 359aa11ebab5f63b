/// A JSON value with ordered object keys, as the generator builds referrals and the filter evaluator reads them.
///
/// Numbers keep their literal text (`10000.50` stays `10000.50`), so no binary floating point ever rounds
/// a deal value the simulator serves.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A JSON number, as its literal text.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member `key` of an object, nil for anything else or a missing key.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The value at a `/`-separated path of object keys (`customerProfile/address/country`).
    public func value(at path: [String]) -> JSONValue? {
        var current: JSONValue? = self
        for key in path { current = current?[key] }
        return current
    }

    /// The string payload, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }
}

/// A JSON object that keeps its keys in insertion order (objects here are small, so lookup is linear).
public struct JSONObject: Sendable, Equatable {
    /// The members, in order.
    public private(set) var members: [(key: String, value: JSONValue)] = []

    public init() {}

    /// An object with `members` in order; a later duplicate key replaces the earlier value.
    public init(_ members: KeyValuePairs<String, JSONValue>) {
        for (key, value) in members { self[key] = value }
    }

    /// Reads a member; assigning nil removes it, assigning a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value }
        set {
            let index = members.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let i?, let v?): members[i].value = v
            case (let i?, nil): members.remove(at: i)
            case (nil, let v?): members.append((key, v))
            case (nil, nil): break
            }
        }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension JSONValue {
    /// Applies `change` to the object at `path` (creating nothing: a missing step leaves the value unchanged).
    mutating func modifyObject(at path: ArraySlice<String>, _ change: (inout JSONObject) -> Void) {
        guard case .object(var object) = self else { return }
        if let first = path.first {
            guard var child = object[first] else { return }
            child.modifyObject(at: path.dropFirst(), change)
            object[first] = child
        } else {
            change(&object)
        }
        self = .object(object)
    }
}
