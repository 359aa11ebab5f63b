/// Percent-encoding of OData query values, applied exactly once.
///
/// Kept literal: RFC 3986 unreserved characters and `, / : ( )`, which OData expressions use and every server
/// reads as themselves. Everything else, space (`%20`, never `+`), quote (`%27`), `+`, `&`, `=`, `#`, `%`, `$`
/// inside values and all non-ASCII bytes (as UTF-8), is encoded with uppercase hex.
public enum QueryEncoding {
    /// Encodes one query value.
    public static func encode(_ value: String) -> String { percentEncode(value, keeping: isKept) }

    /// Makes a URL the server sent safe to put on the wire without re-encoding it: existing `%XX` escapes
    /// and every legal URL character stay as they are; only bytes that may never appear in a URL (space,
    /// quote, control, non-ASCII, ...) are escaped. Idempotent.
    public static func escapeIllegal(_ url: String) -> String { percentEncode(url, keeping: isLegalInURL) }

    /// `text` with every UTF-8 byte that `keep` refuses written as `%XX` (uppercase hex).
    private static func percentEncode(_ text: String, keeping keep: (UInt8) -> Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if keep(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ","),
            UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"):
            return true
        default:
            return false
        }
    }

    /// RFC 3986 unreserved, reserved and `%`.
    private static func isLegalInURL(_ byte: UInt8) -> Bool {
        if isKept(byte) { return true }
        switch byte {
        case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "@"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ";"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}
