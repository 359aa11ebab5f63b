/// A validated PostgreSQL schema name, and the one place that quotes it into SQL.
///
/// Only plain lowercase identifiers are accepted (`[a-z_][a-z0-9_]*`, at most 63 bytes), so the name
/// means the same quoted or not, in SQL, in psql and in analysts' queries.
public struct SchemaName: Sendable, Hashable, CustomStringConvertible {
    public let name: String

    /// The default warehouse schema.
    public static let defaultName = "partner_center"

    public init(_ name: String) throws {
        let bytes = Array(name.utf8)
        let valid =
            !bytes.isEmpty && bytes.count <= 63
            && bytes.enumerated().allSatisfy { index, byte in
                (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || (index > 0 && byte >= 0x30 && byte <= 0x39)
            }
        guard valid, !name.hasPrefix("pg_") else {
            throw LoadError(
                .invalidSchema,
                "schema name \"\(name.prefix(80))\" is not valid: use lowercase letters, digits and _, "
                    + "starting with a letter or _, at most 63 characters, not starting with pg_")
        }
        self.name = name
    }

    /// The name as a quoted SQL identifier: `"partner_center"`.
    public var quoted: String { "\"\(name)\"" }

    /// A qualified, quoted table name: `"partner_center"."referrals"`.
    public func table(_ table: String) -> String { "\(quoted).\"\(table)\"" }

    public var description: String { name }
}
