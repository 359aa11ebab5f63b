extension JSONParser {
    /// Moves `index` past the value there (after optional whitespace), checking it exactly as `parseValue` does,
    /// with the same errors at the same offsets, but building nothing: how a page is skimmed (`skimReferral`).
    mutating func skipValue() throws(JSONSyntaxError) {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try skipObject()
        case UInt8(ascii: "["): try skipArray()
        case UInt8(ascii: "\""): _ = try skipString()
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try scanNumber()
        default: throw error("unexpected character")
        }
    }

    /// The top-level `id`, `createdDateTime` and `updatedDateTime` of the element at `index` when they are strings
    /// (decoded as `parseString` does; on a repeated key the last one counts, as in `parseObject`), leaving `index`
    /// past the element, which is checked as `skipValue` checks it. All nil for an element that is not an object.
    mutating func skimReferral() throws(JSONSyntaxError) -> (id: String?, created: String?, updated: String?) {
        var fields: (id: String?, created: String?, updated: String?) = (nil, nil, nil)
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else {
            try skipValue()
            return fields
        }
        try walkContainer(UInt8(ascii: "}")) { (parser) throws(JSONSyntaxError) in
            guard let field = try parser.skimKey(reading: true) else { return try parser.skipValue() }
            parser.skipWhitespace()
            var text: String?
            if parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "\"") {
                text = try parser.parseString()
            } else {
                try parser.skipValue()
            }
            switch field {
            case .id: fields.id = text
            case .created: fields.created = text
            case .updated: fields.updated = text
            }
        }
        return fields
    }

    /// The top-level members a skim reads.
    private enum SkimmedField { case id, created, updated }

    /// A member's key and its `:`, checked as `parseKey` does; which skimmed field it names, when `reading`.
    private mutating func skimKey(reading: Bool) throws(JSONSyntaxError) -> SkimmedField? {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
        let start = index
        let field: SkimmedField?
        let escaped = try skipString()
        if !reading {
            field = nil
        } else if escaped {
            // Escapes in a key: rare, so read it in full.
            index = start
            switch try parseString() {
            case "id": field = .id
            case "createdDateTime": field = .created
            case "updatedDateTime": field = .updated
            default: field = nil
            }
        } else {
            let key = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(index - 1)])
            if key.elementsEqual("id".utf8) {
                field = .id
            } else if key.count != 15 {
                field = nil
            } else {
                field =
                    key.elementsEqual("createdDateTime".utf8)
                    ? .created : key.elementsEqual("updatedDateTime".utf8) ? .updated : nil
            }
        }
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
        index += 1
        return field
    }

    private mutating func skipObject() throws(JSONSyntaxError) {
        try walkContainer(UInt8(ascii: "}")) { (parser) throws(JSONSyntaxError) in
            _ = try parser.skimKey(reading: false)
            try parser.skipValue()
        }
    }

    private mutating func skipArray() throws(JSONSyntaxError) {
        try walkContainer(UInt8(ascii: "]")) { (parser) throws(JSONSyntaxError) in try parser.skipValue() }
    }

    /// Walks the object or array whose opening bracket is at `index`, as `parseObject` and `parseArray` do (depth
    /// limit, separators, the same errors): `item` reads each member or element.
    private mutating func walkContainer(
        _ close: UInt8, _ item: (inout JSONParser) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        try enter()
        defer { depth -= 1 }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == close {
            index += 1
            return
        }
        while true {
            try item(&self)
            if try endOfContainer(close) { return }
        }
    }

    /// Moves past the string whose opening quote is at `index`, checked as `parseString` checks it; true when it
    /// holds an escape. (A surrogate pair's halves are checked one after the other: the same errors, same offsets.)
    private mutating func skipString() throws(JSONSyntaxError) -> Bool {
        index += 1
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return escaped
            }
            if byte < 0x20 { throw error("control character in string") }
            index += 1
            guard byte == UInt8(ascii: "\\") else { continue }
            escaped = true
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                break
            case UInt8(ascii: "u"): _ = try hex4()
            default: throw error("invalid escape")
            }
        }
        throw error("unterminated string")
    }
}
