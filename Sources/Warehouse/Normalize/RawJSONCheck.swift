/// Finds what PostgreSQL `jsonb` refuses in otherwise valid JSON text, so a referral whose `raw` cannot be
/// stored is rejected alone instead of failing its whole batch's COPY. See docs/transform.md#validation.
enum RawJSONCheck {
    /// Why the raw text cannot be stored as `jsonb`, or nil when it can: a `\u0000` escape or a literal NUL
    /// (PostgreSQL text cannot hold U+0000), or a `\uD800`–`\uDFFF` escape that is not half of a surrogate pair.
    static func problem(in raw: String) -> String? {
        let bytes = Array(raw.utf8)
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case 0:
                return "raw contains a NUL character, which jsonb cannot store"
            case 0x5c:  // backslash: only inside strings in valid JSON
                guard index + 1 < bytes.count, bytes[index + 1] == 0x75, let unit = hex4(bytes, at: index + 2) else {
                    index += 2
                    continue
                }
                if unit == 0 {
                    return "raw contains the escape \\u0000 (NUL), which jsonb cannot store"
                }
                if (0xD800...0xDBFF).contains(unit) {
                    guard index + 11 < bytes.count, bytes[index + 6] == 0x5c, bytes[index + 7] == 0x75,
                        let low = hex4(bytes, at: index + 8), (0xDC00...0xDFFF).contains(low)
                    else { return "raw contains an unpaired surrogate escape, which jsonb cannot store" }
                    index += 12
                    continue
                }
                if (0xDC00...0xDFFF).contains(unit) {
                    return "raw contains an unpaired surrogate escape, which jsonb cannot store"
                }
                index += 6
            default:
                index += 1
            }
        }
        return nil
    }

    private static func hex4(_ bytes: [UInt8], at start: Int) -> UInt16? {
        guard start + 4 <= bytes.count else { return nil }
        var value: UInt16 = 0
        for byte in bytes[start..<start + 4] {
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}
