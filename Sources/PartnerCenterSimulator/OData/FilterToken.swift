/// A lexical token of a `$filter` expression.
enum FilterToken: Equatable {
    case open, close, colon, comma, slash
    case identifier(String)
    case string(String)
    case number(Double)
    case dateTime(Instant)
}

/// Splits `$filter` text into tokens, with the character offset of each.
struct FilterLexer {
    private let chars: [Character]
    private var i = 0

    init(_ text: String) { chars = Array(text) }

    /// All tokens, or an `ODataError` naming the first offending position.
    static func tokens(_ text: String) throws -> [(FilterToken, Int)] {
        var lexer = FilterLexer(text)
        var out: [(FilterToken, Int)] = []
        while let token = try lexer.next() { out.append(token) }
        return out
    }

    private mutating func next() throws -> (FilterToken, Int)? {
        while i < chars.count, chars[i].isWhitespace { i += 1 }
        guard i < chars.count else { return nil }
        let start = i
        let c = chars[i]
        let simple: [Character: FilterToken] = ["(": .open, ")": .close, ":": .colon, ",": .comma, "/": .slash]
        if let token = simple[c] {
            i += 1
            return (token, start)
        }
        if c == "'" { return (.string(try stringLiteral()), start) }
        if c.isASCII, c.isNumber || (c == "-" && i + 1 < chars.count && chars[i + 1].isNumber) {
            return (try numberOrDateTime(), start)
        }
        if c.isLetter || c == "_" || c == "$" {
            while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "$" {
                i += 1
            }
            return (.identifier(String(chars[start..<i])), start)
        }
        throw ODataError(message: "Syntax error: unexpected character '\(c)' at position \(start).", target: "$filter")
    }

    private mutating func stringLiteral() throws -> String {
        let start = i
        i += 1
        var value = ""
        while i < chars.count {
            if chars[i] == "'" {
                if i + 1 < chars.count, chars[i + 1] == "'" {
                    value.append("'")
                    i += 2
                    continue
                }
                i += 1
                return value
            }
            value.append(chars[i])
            i += 1
        }
        throw ODataError(message: "Syntax error: unterminated string literal at position \(start).", target: "$filter")
    }

    private mutating func numberOrDateTime() throws -> FilterToken {
        let start = i
        let allowed = Set("0123456789-+.:TtZzEe")
        while i < chars.count, allowed.contains(chars[i]) { i += 1 }
        // A `+` offset that a form encoder turned into a space: `2024-01-01T00:00:00 01:00`.
        if i + 6 <= chars.count, chars[i] == " ", chars[start..<i].contains("T"),
            chars[(i + 1)..<(i + 6)].enumerated().allSatisfy({
                $0.offset == 2 ? $0.element == ":" : $0.element.isNumber
            })
        {
            let text = String(chars[start..<i]) + "+" + String(chars[(i + 1)..<(i + 6)])
            i += 6
            if let instant = Instant(iso8601: text) { return .dateTime(instant) }
        }
        let text = String(chars[start..<i])
        if text.count >= 10, text.dropFirst(4).first == "-" {
            if let instant = Instant(iso8601: text) { return .dateTime(instant) }
            if text.count == 10, let instant = Instant(iso8601: text + "T00:00:00Z") { return .dateTime(instant) }
            throw ODataError(
                message: "Syntax error: '\(text)' at position \(start) is not a valid DateTimeOffset.",
                target: "$filter")
        }
        if let number = Double(text) { return .number(number) }
        throw ODataError(
            message: "Syntax error: '\(text)' at position \(start) is not a valid number.", target: "$filter")
    }
}
