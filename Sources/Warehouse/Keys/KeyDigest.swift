import Crypto

/// Turns natural-key parts into a dimension key: 32 lowercase hex characters, the first 16 bytes of the
/// SHA-256 (swift-crypto) of the parts' UTF-8 joined by U+001F (unit separator). See docs/transform.md#keys.
/// The one file of Warehouse that uses swift-crypto (scripts/fuzz.sh builds without it, with a stand-in).
enum KeyDigest {
    /// The separator between natural-key parts, a control character that does not occur in names or codes.
    static let separator = "\u{1F}"

    /// The 32-hex-character key of the parts, in order.
    static func key(_ parts: [String]) -> String {
        hex(SHA256.hash(data: Array(parts.joined(separator: separator).utf8)).prefix(16))
    }

    /// The lowercase hex SHA-256 of `text`'s UTF-8 bytes: 64 characters.
    static func sha256(_ text: String) -> String {
        var text = text
        return hex(text.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) })
    }

    /// The lowercase hex SHA-256 of `bytes`: 64 characters.
    static func sha256(_ bytes: ArraySlice<UInt8>) -> String {
        hex(bytes.withUnsafeBytes { SHA256.hash(data: $0) })
    }

    /// Lowercase hex of bytes, two characters per byte.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
