/// The rows of a statement as text (nil is NULL), in the order of `columns`.
public struct QueryResult: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String?]]
    /// What the server reports for INSERT/UPDATE/DELETE/COPY (`PQcmdTuples`), else 0.
    public var affectedRows: Int

    /// The first column of the first row, if any and not NULL.
    public var scalar: String? { rows.first?.first ?? nil }

    /// The value of `column` in `row`, or nil when NULL or absent.
    public func value(_ row: Int, _ column: String) -> String? {
        guard let index = columns.firstIndex(of: column), row < rows.count else { return nil }
        return rows[row][index]
    }
}
