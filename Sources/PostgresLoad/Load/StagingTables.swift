import Warehouse

/// Session-local staging tables, declared from each row type's `columns`, emptied at every commit.
///
/// Each is `CREATE TEMP TABLE IF NOT EXISTS stage_<table> (<name> <type>, …) ON COMMIT DELETE ROWS`: the column
/// types of the row type's declaration (so COPY parses timestamps, numerics and JSON once, on the way in; a test
/// checks them against the migrated tables) and no constraints. Created on first use in a session, and emptied
/// before each use: the backstop loads several parts of a batch in one transaction (docs/load.md#backstop).
struct StagingTables {
    let db: LibPQConnection

    /// The staging table's name for a row type: `stage_referrals`.
    static func name<Row: WarehouseRow>(_: Row.Type) -> String { "stage_\(Row.table)" }

    /// Creates the staging table for `Row` when this session has none (else empties it), then COPYs `rows`.
    /// `jsonb` columns compress with lz4, as `referrals.raw` does: `INSERT … SELECT` keeps a value compressed as
    /// it was staged, so a pglz staging column would leave pglz values in the warehouse.
    func stage<Row: WarehouseRow>(_ rows: [Row]) throws {
        let declarations = Row.columns.map {
            "\"\($0.name)\" \($0.type.rawValue)\($0.type == .jsonb ? " COMPRESSION lz4" : "")"
        }
        try db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS \(Self.name(Row.self)) (\(declarations.joined(separator: ", "))) "
                + "ON COMMIT DELETE ROWS")
        try db.execute("DELETE FROM \(Self.name(Row.self))")
        guard !rows.isEmpty else { return }
        try copy(rows, into: Self.name(Row.self))
    }

    /// COPYs `rows` into `table` (already qualified or session-local) under the row type's columns, then the
    /// `constants` columns, whose values are the same on every row.
    func copy<Row: WarehouseRow>(
        _ rows: [Row], into table: String, adding constants: KeyValuePairs<String, String> = [:]
    ) throws {
        let columns = Row.columns
        let names = (columns.map(\.name) + constants.map(\.key)).map { "\"\($0)\"" }.joined(separator: ", ")
        try db.copyIn("COPY \(table) (\(names)) FROM STDIN") { writer in
            var fields = [String?](repeating: nil, count: columns.count) + constants.map { Optional($0.value) }
            for row in rows {
                for index in columns.indices { fields[index] = columns[index].value(row) }
                try writer.writeRow(fields)
            }
        }
    }
}
