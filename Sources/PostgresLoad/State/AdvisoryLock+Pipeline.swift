extension AdvisoryLock {
    /// The lock that keeps one run per pipeline (and schema) at a time.
    public static func pipeline(_ pipeline: String, schema: SchemaName) -> AdvisoryLock {
        AdvisoryLock(name: "referrals-etl:\(schema.name):\(pipeline)")
    }

    /// The PostgreSQL backend pid holding the lock right now (any session), or nil when nobody does.
    public func holderPID(_ db: LibPQConnection) throws -> Int? {
        try db.execute(
            """
            SELECT pid FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND objsubid = 1
              AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)
            LIMIT 1
            """, [name]
        ).scalar.flatMap { Int($0) }
    }
}
