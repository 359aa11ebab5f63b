extension JSONValue {
    /// Compact JSON text (UTF-8), non-ASCII characters written as themselves.
    public func renderedBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        render(into: &out)
        return out
    }

    /// Appends compact JSON text to `out`.
    public func render(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let s): JSONValue.renderString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.render(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            object.render(into: &out, only: nil)
        }
    }

    /// Appends `s` as a JSON string literal, escaping quotes, backslashes and control characters.
    public static func renderString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case 0x0A: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(contentsOf: String(byte, radix: 16).leftPadded(2).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension JSONObject {
    /// Appends the object as compact JSON; with `only`, just the members whose keys it contains.
    public func render(into out: inout [UInt8], only: Set<String>?) {
        out.append(UInt8(ascii: "{"))
        var first = true
        for member in members where only?.contains(member.key) ?? true {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONValue.renderString(member.key, into: &out)
            out.append(UInt8(ascii: ":"))
            member.value.render(into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}
