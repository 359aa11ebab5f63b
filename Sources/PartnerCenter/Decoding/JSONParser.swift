/// A small recursive-descent JSON parser over bytes (RFC 8259), with number literals kept as text.
///
/// Used by `ReferralPageDecoder`, which also needs the byte span of each `value` element; `index` is public to
/// the module for that. Nesting is limited to `maxDepth` so hostile input cannot overflow the stack.
///
/// In the same pass it notes, with their JSON paths, what a store may refuse (`RawJSONNote`): the decoder
/// hands them to the referral, so nothing scans the raw text a second time.
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var depth = 0
    static let maxDepth = 256
    /// Number literals longer than this (without an exponent) are noted: `numeric` holds 131,072 digits
    /// before the point and 16,383 after, so only long or exponent literals can be out of its range.
    static let notedNumberLength = 1_000
    /// The path of the value being parsed, relative to where the caller started.
    private(set) var path: [JSONPathComponent] = []
    /// What was noticed since the caller last emptied this.
    var notes: [RawJSONNote] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { index >= bytes.count }

    func error(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(offset: index, reason: reason) }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Parses the value at `index` (after optional whitespace) and leaves `index` just past it.
    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .object(try parseObject())
        case UInt8(ascii: "["): return .array(try parseArray())
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character")
        }
    }

    mutating func parseObject() throws(JSONSyntaxError) -> [String: JSONValue] {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            let noted = notes.count
            let key = try parseKey()
            path.append(.key(key))
            for index in noted..<notes.count { notes[index].path = JSONPathComponent.render(path) }
            members[key] = try parseValue()
            path.removeLast()
            if try endOfContainer(UInt8(ascii: "}")) { return members }
        }
    }

    mutating func parseArray() throws(JSONSyntaxError) -> [JSONValue] {
        try enter()
        defer { depth -= 1 }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return elements
        }
        while true {
            path.append(.index(elements.count))
            elements.append(try parseValue())
            path.removeLast()
            if try endOfContainer(UInt8(ascii: "]")) { return elements }
        }
    }

    /// After a member or element: consumes `,` (returns false) or the closing bracket (returns true).
    mutating func endOfContainer(_ close: UInt8) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            return false
        }
        guard bytes[index] == close else { throw error("expected ',' or closing bracket") }
        index += 1
        return true
    }

    /// A member's key and its `:`.
    mutating func parseKey() throws(JSONSyntaxError) -> String {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
        let key = try parseString()
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
        index += 1
        return key
    }

    mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth)") }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("unexpected end of input") }
        let start = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            throw error("invalid literal")
        }
        index += count
    }

    /// Starts a new item: its notes and paths are its own (also after a previous item failed to parse halfway).
    mutating func beginItem() {
        notes = []
        path = []
    }

    /// Records a note at the current path (a key's escape is noted at the member the key names).
    mutating func note(_ kind: RawJSONNote.Kind) {
        notes.append(RawJSONNote(kind, at: JSONPathComponent.render(path)))
    }

    /// A number's literal text, validated against the JSON grammar; noted when it may be beyond `numeric`.
    mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        try scanNumber()
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if literal.utf8.count > Self.notedNumberLength || literal.utf8.contains(where: { $0 | 0x20 == 0x65 }) {
            note(.number(literal))
        }
        return literal
    }

    /// Moves `index` past the number literal there, validated against the JSON grammar.
    mutating func scanNumber() throws(JSONSyntaxError) {
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
    }

    @inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
