import Warehouse

/// Session-local staging tables shaped like the warehouse tables, emptied at every commit.
///
/// Each is `CREATE TEMP TABLE … ON COMMIT DELETE ROWS AS SELECT <the row type's columns> FROM <table>
/// WITH NO DATA`: the same column types (so COPY parses timestamps, numerics and JSON once, on the way
/// in) and none of the constraints. Created on first use in a session, and emptied before each use: the
/// backstop loads several parts of a batch in one transaction (docs/load.md#backstop).
struct StagingTables {
    let db: LibPQConnection
    let schema: SchemaName

    /// The staging table's name for a row type: `stage_referrals`.
    static func name<Row: WarehouseRow>(_: Row.Type) -> String { "stage_\(Row.table)" }

    /// Creates the staging table for `Row` when this session has none (else empties it), then COPYs `rows`.
    func stage<Row: WarehouseRow>(_ rows: [Row]) throws {
        let columns = Row.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        try db.execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS \(Self.name(Row.self)) ON COMMIT DELETE ROWS AS
            SELECT \(columns) FROM \(schema.table(Row.table)) WITH NO DATA
            """)
        try db.execute("DELETE FROM \(Self.name(Row.self))")
        guard !rows.isEmpty else { return }
        try db.copyIn("COPY \(Self.name(Row.self)) (\(columns)) FROM STDIN") { writer in
            for row in rows { try writer.writeRow(row.fields) }
        }
    }
}
