import ETLCore

/// Checks and renderings of text on its way into PostgreSQL `text` columns and rejection reasons.
enum StoredText {
    /// The longest value quoted in a rejection reason, in characters.
    static let quoteLimit = 100

    /// True when the text is missing, empty or only Unicode whitespace.
    static func isBlank(_ text: String?) -> Bool {
        text?.unicodeScalars.allSatisfy(\.properties.isWhitespace) ?? true
    }

    /// The text with Unicode whitespace removed at both ends.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// True when the text holds U+0000, which PostgreSQL `text` and `jsonb` cannot store.
    static func containsNUL(_ text: String) -> Bool { text.utf8.contains(0) }

    /// The value in double quotes for a reason: at most `quoteLimit` characters (then `…`), escaped as a JSON
    /// string so the reason stays one printable line.
    static func quoted(_ value: String) -> String {
        JSONString.quote(value.count > quoteLimit ? String(value.prefix(quoteLimit)) + "…" : value)
    }

    /// The text as one storable line: line breaks become spaces and other control characters `\uXXXX`.
    static func oneLine(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": out += " "
            case "\t": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    out += "\\u" + JSONString.hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
