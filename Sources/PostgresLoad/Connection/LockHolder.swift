/// Who holds the locks a statement gave up waiting for (`lock_timeout`, SQLSTATE 55P03), as far as
/// `pg_locks` and `pg_stat_activity` show it to this role.
enum LockHolder {
    /// Other sessions with an open transaction holding a lock stronger than a read on a user table, or an
    /// advisory lock, oldest transaction first. Read after the failed statement, so it is a best guess.
    static let query = """
        SELECT a.pid, coalesce(nullif(a.application_name, ''), '?'), coalesce(a.usename::text, '?'),
               coalesce(a.state, '?'),
               coalesce(to_char(a.xact_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), '?'),
               string_agg(DISTINCT coalesce(l.relation::regclass::text, l.locktype) || ' ' || l.mode, ', ')
        FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.granted AND l.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL
          AND ((l.locktype = 'relation' AND l.relation >= 16384 AND l.mode <> 'AccessShareLock')
               OR l.locktype = 'advisory')
        GROUP BY a.pid, a.application_name, a.usename, a.state, a.xact_start
        ORDER BY a.xact_start
        LIMIT 3
        """

    /// One line naming the holders, or nil when none is visible. `run` executes `query`.
    static func describe(_ run: (String) throws -> QueryResult) -> String? {
        guard let result = try? run(query), !result.rows.isEmpty else { return nil }
        return result.rows.map { row in
            "PostgreSQL backend pid \(row[0] ?? "?") (application \(row[1] ?? "?"), user \(row[2] ?? "?"), "
                + "\(row[3] ?? "?"), transaction open since \(row[4] ?? "?"), holding \(row[5] ?? "?"))"
        }.joined(separator: "; ")
    }
}
