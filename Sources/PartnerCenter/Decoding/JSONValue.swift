/// A parsed JSON value. Numbers keep their literal text, so no value ever passes through binary floating point
/// (`12345678901234567.89` stays exactly that).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's literal text as it appeared, e.g. `-1.50e3`.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members by key; on a duplicate key the last one wins (as in most JSON parsers).
    case object([String: JSONValue])

    /// The JSON type's name, for messages: `null`, `boolean`, `number`, `string`, `array`, `object`.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Parses one complete JSON text.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> JSONValue in
            var parser = JSONParser(buffer)
            let value = try parser.parseValue()
            parser.skipWhitespace()
            guard parser.isAtEnd else { throw parser.error("trailing characters after the JSON value") }
            return value
        }
    }
}

/// A JSON text that is not well-formed: where and why.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the problem.
    public var offset: Int
    public var reason: String
    public var description: String { "\(reason) at byte \(offset)" }
}
