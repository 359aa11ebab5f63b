/// The digest that recognises a referral received again byte for byte: SHA-256 of its raw JSON, lowercase hex.
public enum RawDigest {
    /// The hex SHA-256 of `raw`'s UTF-8 bytes (64 characters).
    public static func of(_ raw: String) -> String { KeyDigest.sha256(raw) }
}
