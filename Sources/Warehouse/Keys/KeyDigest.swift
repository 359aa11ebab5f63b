/// Turns natural-key parts into a dimension key: 32 lowercase hex characters, the first 16 bytes of the
/// SHA-256 of the parts' UTF-8 joined by U+001F (unit separator). See docs/transform.md#keys.
enum KeyDigest {
    /// The separator between natural-key parts, a control character that does not occur in names or codes.
    static let separator = "\u{1F}"

    /// The 32-hex-character key of the parts, in order.
    static func key(_ parts: [String]) -> String {
        SHA256.hex(SHA256.digest(parts.joined(separator: separator).utf8).prefix(16))
    }
}
