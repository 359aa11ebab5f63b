/// One referral as the simulator holds it: the JSON tree (for filters and mutations), its pre-rendered
/// bytes (for fast serving), and the two sort keys as exact instants.
struct StoredReferral: Sendable {
    let id: String
    private(set) var object: JSONObject
    private(set) var bytes: [UInt8]
    private(set) var created: Instant
    private(set) var updated: Instant
    /// The bytes of the version before the last mutation, for the duplicate-ids fault.
    private(set) var previousBytes: [UInt8]?

    init(_ object: JSONObject) {
        self.id = object["id"]?.stringValue ?? ""
        self.object = object
        self.bytes = JSONValue.object(object).renderedBytes()
        self.created = Self.instant(object["createdDateTime"])
        self.updated = Self.instant(object["updatedDateTime"])
    }

    /// The JSON tree as a value, for the filter evaluator.
    var json: JSONValue { .object(object) }

    /// Replaces the JSON tree, keeps the old bytes as the previous version, and re-renders.
    mutating func replace(with newObject: JSONObject) {
        previousBytes = bytes
        object = newObject
        bytes = JSONValue.object(newObject).renderedBytes()
        created = Self.instant(newObject["createdDateTime"])
        updated = Self.instant(newObject["updatedDateTime"])
    }

    /// An older version: the one before the last mutation, or else this one with `updatedDateTime` one
    /// second earlier and another `eTag`.
    func olderVersionBytes() -> [UInt8] {
        if let previousBytes { return previousBytes }
        var older = object
        older["updatedDateTime"] = .string(updated.adding(seconds: -1).iso8601(fractionDigits: 7))
        older["eTag"] = .string("\"00000000-0000-0000-0000-\(String(id.suffix(12)))\"")
        return JSONValue.object(older).renderedBytes()
    }

    /// This referral with a defect no warehouse can store: an unparsable `updatedDateTime`, or (with
    /// `dealValue`) a non-numeric `details.dealValue`.
    func malformedBytes(dealValue: Bool) -> [UInt8] {
        var broken = object
        if dealValue, case .object(var details)? = object["details"] {
            details["dealValue"] = .string("a lot")
            broken["details"] = .object(details)
        } else {
            broken["updatedDateTime"] = .string("not-a-date")
        }
        return JSONValue.object(broken).renderedBytes()
    }

    /// The sort key for `field`.
    func key(_ field: OrderField) -> Instant { field == .createdDateTime ? created : updated }

    private static func instant(_ value: JSONValue?) -> Instant {
        value?.stringValue.flatMap { Instant(iso8601: $0) } ?? Instant(ticks: 0)
    }
}
