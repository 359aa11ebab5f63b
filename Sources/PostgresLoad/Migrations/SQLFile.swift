/// One SQL file of `sql/`: its path in the repository and its text.
public struct SQLFile: Sendable, Equatable {
    /// `sql/migrations/0001_warehouse.sql`.
    public let path: String
    public let text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The file name without folder: `0001_warehouse.sql`.
    public var name: String { String(path.split(separator: "/").last ?? Substring(path)) }

    /// The number a migration's name starts with (`0001_…` → 1), or nil.
    public var version: Int? { Int(name.prefix { $0.isNumber }) }
}
