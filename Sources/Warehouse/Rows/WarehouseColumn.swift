import PartnerCenter

/// The PostgreSQL type of a warehouse column, as the staging DDL spells it.
public enum SQLType: String, Sendable, Equatable {
    /// `text`.
    case text
    /// `timestamptz`: rendered as `Timestamp.postgresText` (UTC, microseconds).
    case timestamptz
    /// `boolean`: rendered `t`/`f`.
    case boolean
    /// `integer`: rendered in decimal.
    case integer
    /// `numeric`: rendered as validated decimal text.
    case numeric
    /// `jsonb`: the JSON text as sent.
    case jsonb
}

/// One column of a warehouse table, declared once: its name, its SQL type, whether it is part of the table's key,
/// and how a row renders its value as COPY text (unescaped; nil is SQL NULL). The row type's list of these drives
/// the COPY encoder, the staging tables and the upserts (docs/load.md#columns).
public struct WarehouseColumn<Row>: Sendable {
    /// The PostgreSQL column name.
    public let name: String
    /// The column's type, as the staging table declares it.
    public let type: SQLType
    /// True for the columns of the table's primary key (the upsert's conflict target).
    public let isKey: Bool
    /// The row's value as COPY text; nil for NULL.
    public let value: @Sendable (Row) -> String?

    init(_ name: String, _ type: SQLType, isKey: Bool = false, value: @escaping @Sendable (Row) -> String?) {
        self.name = name
        self.type = type
        self.isKey = isKey
        self.value = value
    }

    /// The same column, marked as part of the primary key.
    func key() -> Self { Self(name, type, isKey: true, value: value) }

    /// A `text` column.
    static func text(_ name: String, _ path: KeyPath<Row, String?> & Sendable) -> Self {
        Self(name, .text) { $0[keyPath: path] }
    }

    /// A `text` column that is never NULL.
    static func text(_ name: String, _ path: KeyPath<Row, String> & Sendable) -> Self {
        Self(name, .text) { $0[keyPath: path] }
    }

    /// A `text` column holding an enumeration's raw value.
    static func text<Value: RawRepresentable<String>>(_ name: String, _ path: KeyPath<Row, Value> & Sendable) -> Self {
        Self(name, .text) { $0[keyPath: path].rawValue }
    }

    /// A `timestamptz` column.
    static func timestamp(_ name: String, _ path: KeyPath<Row, Timestamp?> & Sendable) -> Self {
        Self(name, .timestamptz) { $0[keyPath: path]?.postgresText }
    }

    /// A `boolean` column.
    static func boolean(_ name: String, _ path: KeyPath<Row, Bool?> & Sendable) -> Self {
        Self(name, .boolean) { row in row[keyPath: path].map { $0 ? "t" : "f" } }
    }

    /// An `integer` column.
    static func integer(_ name: String, _ path: KeyPath<Row, Int> & Sendable) -> Self {
        Self(name, .integer) { String($0[keyPath: path]) }
    }

    /// A `numeric` column.
    static func numeric(_ name: String, _ path: KeyPath<Row, DecimalText?> & Sendable) -> Self {
        Self(name, .numeric) { $0[keyPath: path]?.text }
    }

    /// A `jsonb` column.
    static func jsonb(_ name: String, _ path: KeyPath<Row, String> & Sendable) -> Self {
        Self(name, .jsonb) { $0[keyPath: path] }
    }
}
