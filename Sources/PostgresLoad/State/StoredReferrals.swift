/// The referrals already in the warehouse, read back by their `raw` JSON for `renormalize`: the same
/// records run through today's transform without asking the API again. See docs/operations.md.
public struct StoredReferrals: Sendable {
    public let schema: SchemaName

    public init(schema: SchemaName) { self.schema = schema }

    /// The pipelines whose runs wrote referrals, by name.
    public func pipelines(on db: LibPQConnection) throws -> [String] {
        try db.execute(
            """
            SELECT DISTINCT e.pipeline FROM \(schema.table("etl_runs")) e
            WHERE EXISTS (SELECT 1 FROM \(schema.table("referrals")) r WHERE r.run_id = e.run_id)
            ORDER BY 1
            """
        ).rows.compactMap { $0.first ?? nil }
    }

    /// Up to `limit` referrals last written by `pipeline`'s runs with an id after `after`, by id: (id, raw).
    public func raw(pipeline: String, after: String, limit: Int, on db: LibPQConnection) throws -> [(
        id: String, raw: String
    )] {
        try db.execute(
            """
            SELECT id, raw::text FROM \(schema.table("referrals"))
            WHERE id > $1 AND run_id IN (SELECT run_id FROM \(schema.table("etl_runs")) WHERE pipeline = $2)
            ORDER BY id LIMIT $3
            """, [after, pipeline, String(limit)]
        ).rows.map { ($0[0] ?? "", $0[1] ?? "null") }
    }

    /// Inside the batch's transaction, before the upsert: forgets the content hash of the referrals with ids
    /// in `(after, through]` (so the upsert rewrites them although nothing upstream changed) and keeps
    /// their seen stamps, which `restoreSeen` puts back: re-normalizing is not seeing a referral again.
    public func prepareRewrite(pipeline: String, after: String, through: String, on db: LibPQConnection) throws {
        try db.execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS renormalize_seen
            (id text, last_seen_at timestamptz, missing_since timestamptz) ON COMMIT DELETE ROWS
            """)
        try db.execute(
            """
            INSERT INTO renormalize_seen SELECT id, last_seen_at, missing_since FROM \(schema.table("referrals"))
            WHERE id > $1 AND id <= $2 AND run_id IN (SELECT run_id FROM \(schema.table("etl_runs")) WHERE pipeline = $3)
            """, [after, through, pipeline])
        try db.execute(
            """
            UPDATE \(schema.table("referrals")) SET raw_digest = '' WHERE id IN (SELECT id FROM renormalize_seen)
            """)
    }

    /// Puts back the seen stamps `prepareRewrite` kept.
    public func restoreSeen(on db: LibPQConnection) throws {
        try db.execute(
            """
            UPDATE \(schema.table("referrals")) r SET last_seen_at = s.last_seen_at, missing_since = s.missing_since
            FROM renormalize_seen s WHERE r.id = s.id
            """)
    }
}
