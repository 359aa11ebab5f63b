import PartnerCenter

/// A row of one warehouse table, ready for COPY: the loader writes `fields` under `columns`, in that order.
///
/// `fields` renders each value as PostgreSQL COPY input text, unescaped (escaping is the writer's job):
/// nil is SQL NULL and the empty string stays an empty string; timestamps are `Timestamp.postgresText`
/// (UTC, microseconds); booleans `t`/`f`; integers in decimal; numerics as validated decimal text.
public protocol WarehouseRow: Sendable, Equatable {
    /// The table's name, unqualified (the loader adds the schema).
    static var table: String { get }
    /// The PostgreSQL column names, in COPY order.
    static var columns: [String] { get }
    /// The COPY field values, one per column, in the order of `columns`.
    var fields: [String?] { get }
}

/// How typed row values render as COPY text. See docs/transform.md#rendering.
enum CopyField {
    static func timestamp(_ value: Timestamp?) -> String? { value?.postgresText }
    static func boolean(_ value: Bool?) -> String? { value.map { $0 ? "t" : "f" } }
    static func integer(_ value: Int) -> String { String(value) }
}
