import Warehouse

/// The referral ids a batch received, with the digest of each raw text (`stage_sightings`): which of them are
/// stored unchanged (not sent again), and, during a full refresh, the record that the refresh saw them.
/// See docs/load.md#unchanged-referrals.
struct ReferralSightings {
    let db: LibPQConnection
    let schema: SchemaName

    /// COPYs every referral id of `batch` (accepted ones with their `raw_digest`; those recognised unchanged before
    /// decoding, and rejected ones whose id could be read, without) and returns the ids of `batch.referrals`
    /// stored with the same digest: received again byte for byte.
    func stage(_ batch: RowBatch) throws -> Set<String> {
        try db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS stage_sightings (id text, raw_digest text) ON COMMIT DELETE ROWS")
        try db.execute("DELETE FROM stage_sightings")
        let rejectedIDs = batch.rejections.compactMap(\.referralId)
        guard !batch.referrals.isEmpty || !batch.unchanged.isEmpty || !rejectedIDs.isEmpty else { return [] }
        try db.copyIn("COPY stage_sightings (id, raw_digest) FROM STDIN") { writer in
            for referral in batch.referrals { try writer.writeRow([referral.id, referral.rawDigest]) }
            for referral in batch.unchanged { try writer.writeRow([referral.id, nil]) }
            for id in rejectedIDs { try writer.writeRow([id, nil]) }
        }
        guard !batch.referrals.isEmpty else { return [] }
        let result = try db.execute(
            """
            SELECT s.id FROM stage_sightings s
            JOIN \(schema.table(ReferralRow.table)) r ON r.id = s.id AND r.raw_digest = s.raw_digest
            """)
        return Set(result.rows.compactMap { $0.first ?? nil })
    }

    /// Records the staged ids as seen by the full refresh that began at `fullRefreshStartedAt`, and clears
    /// `missing_since` of those that were flagged (stamping `last_seen_at`): the only referral rows it rewrites.
    func recordSeen(pipeline: String, fullRefreshStartedAt: String) throws {
        try db.execute(
            """
            INSERT INTO \(schema.table("referrals_seen")) (pipeline, read_started_at, referral_id)
            SELECT $1, $2::timestamptz, id FROM stage_sightings
            """, [pipeline, fullRefreshStartedAt])
        // Few are flagged, usually none: the partial index `referrals_missing` finds them without a lookup per sighting.
        try db.execute(
            """
            UPDATE \(schema.table(ReferralRow.table)) SET last_seen_at = now(), missing_since = NULL
            WHERE id IN (SELECT id FROM stage_sightings) AND missing_since IS NOT NULL
            """)
    }

    /// Stored referrals the upsert left alone because their content is the same (same `updated_at`, equal `jsonb`)
    /// but whose digest differs (stored before digests existed, or sent re-serialised) take the
    /// staged digest, so the next run skips them before COPY. Counted unchanged: their content is.
    func adoptDigests() throws {
        try db.execute(
            """
            UPDATE \(schema.table(ReferralRow.table)) r SET raw_digest = s.raw_digest
            FROM \(StagingTables.name(ReferralRow.self)) s
            WHERE r.id = s.id AND r.raw_digest IS DISTINCT FROM s.raw_digest
              AND r.updated_at IS NOT DISTINCT FROM s.updated_at AND r.raw = s.raw
            """)
    }
}
