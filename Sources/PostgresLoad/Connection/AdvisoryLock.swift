/// A session-level PostgreSQL advisory lock keyed by a name: one holder at a time across all clients.
///
/// Used for "one run per pipeline". The lock lives as long as the connection (or until `release`), so a
/// killed process frees it when its connection drops.
public struct AdvisoryLock: Sendable {
    /// The lock's name; its 64-bit key is `hashtextextended(name, 0)`, computed by the server.
    public let name: String

    public init(name: String) { self.name = name }

    /// Takes the lock without waiting. Returns nil on success, or a description of the holder.
    public func tryAcquire(_ db: LibPQConnection) throws -> String? {
        let taken = try db.execute("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", [name])
        if taken.scalar == "t" { return nil }
        let holder = try db.execute(
            """
            SELECT a.pid, coalesce(nullif(a.application_name, ''), '?'), coalesce(a.client_addr::text, 'local'),
                   to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
              AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended($1, 0)
            LIMIT 1
            """, [name])
        guard let row = holder.rows.first else { return "another session (it may just have finished)" }
        return "PostgreSQL backend pid \(row[0] ?? "?") (application \(row[1] ?? "?"), client \(row[2] ?? "?"), "
            + "connected since \(row[3] ?? "?"))"
    }

    /// Releases the lock if this session holds it.
    public func release(_ db: LibPQConnection) throws {
        try db.execute("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [name])
    }
}
