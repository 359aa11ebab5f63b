import PostgresLoad

/// An aligned plain-text table for a terminal, measured in display columns (`DisplayWidth`), so rows holding
/// CJK names or emoji line up with the others.
public struct TextTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]
    /// Columns aligned to the right (numbers), by index.
    public var rightAligned: Set<Int>

    public init(headers: [String], rows: [[String]], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rows = rows
        self.rightAligned = rightAligned
    }

    /// The table indented by two spaces, a dashed rule under the headers; `  (none)` without rows.
    public func render() -> String {
        guard !rows.isEmpty else { return "  (none)" }
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(DisplayWidth.of).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            let padded = widths.indices.map { column in
                let cell = column < cells.count ? cells[column] : ""
                return rightAligned.contains(column)
                    ? DisplayWidth.padLeft(cell, to: widths[column]) : DisplayWidth.pad(cell, to: widths[column])
            }
            var text = "  " + padded.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return ([line(headers), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line))
            .joined(separator: "\n")
    }

    /// A query result as a table: its column names and values (null as empty).
    public static func render(_ result: QueryResult) -> String {
        TextTable(headers: result.columns, rows: result.rows.map { $0.map { $0 ?? "" } }).render()
    }
}
