/// A row of one warehouse table, ready for COPY. Its `columns` are the one declaration of the table's columns the
/// loader writes: names, types and values, in COPY order.
///
/// Values render as PostgreSQL COPY input text, unescaped (escaping is the writer's job): nil is SQL NULL and the
/// empty string stays an empty string; timestamps are `Timestamp.postgresText` (UTC, microseconds); booleans
/// `t`/`f`; integers in decimal; numerics as validated decimal text.
public protocol WarehouseRow: Sendable, Equatable {
    /// The table's name, unqualified (the loader adds the schema).
    static var table: String { get }
    /// The columns the loader writes, in COPY order.
    static var columns: [WarehouseColumn<Self>] { get }
}

extension WarehouseRow {
    /// The PostgreSQL column names, in COPY order.
    public static var columnNames: [String] { columns.map(\.name) }

    /// The COPY field values, one per column, in the order of `columns`.
    public var fields: [String?] { Self.columns.map { $0.value(self) } }
}
