/// Finds where one JSON value ends by its brackets and string quotes alone, without parsing it and without a
/// nesting limit: how `ReferralPageDecoder` steps over a `value` element that does not parse (bad syntax, or
/// nesting deeper than `JSONParser.maxDepth`) so that element alone is quarantined.
enum ElementSpan {
    /// The index just past the value starting at `start` (after optional whitespace), or nil when the bytes end
    /// first (a truncated body: then the whole page is malformed).
    static func end(of bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    guard let after = stringEnd(bytes, index) else { return nil }
                    index = after
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default:
                    break
                }
                index += 1
            }
            return nil
        case UInt8(ascii: "\""):
            return stringEnd(bytes, index)
        default:
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x09, 0x0A, 0x0D: return index
                default: index += 1
                }
            }
            return nil
        }
    }

    /// The index just past the string whose opening quote is at `quote`, or nil when it is not closed.
    private static func stringEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ quote: Int) -> Int? {
        var index = quote + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return nil
    }
}
