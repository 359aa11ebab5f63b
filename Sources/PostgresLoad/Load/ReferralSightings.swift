import Warehouse

/// The referrals a batch received: which of the decoded ones are stored unchanged (not sent again; their ids and
/// digests staged in `stage_sightings`), and, during a full refresh, the record that the refresh saw them.
/// See docs/load.md#unchanged-referrals.
struct ReferralSightings {
    let db: LibPQConnection
    let schema: SchemaName

    /// COPYs the decoded referrals of `batch` with their `raw_digest` and returns which of them are stored: with the
    /// same digest (received again byte for byte) or not at all (new to the warehouse when this statement ran). A
    /// batch without decoded referrals (all recognised unchanged before decoding) touches no temporary table: any
    /// use of one makes its commit empty every `ON COMMIT DELETE ROWS` table of the session, about 16 ms a commit.
    func stage(_ batch: RowBatch) throws -> SightedReferrals {
        guard !batch.referrals.isEmpty else { return SightedReferrals() }
        try db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS stage_sightings (id text, raw_digest text) ON COMMIT DELETE ROWS")
        try db.execute("DELETE FROM stage_sightings")
        try db.copyIn("COPY stage_sightings (id, raw_digest) FROM STDIN") { writer in
            for referral in batch.referrals { try writer.writeRow([referral.id, referral.rawDigest]) }
        }
        // One index probe per sighting (LIMIT keeps the subquery a per-row lookup): joined, the unanalysed
        // stage_sightings made the planner hash the whole referrals table until it held ~60,000 rows.
        let result = try db.execute(
            """
            SELECT s.id, r.raw_digest = s.raw_digest FROM stage_sightings s
            CROSS JOIN LATERAL (
                SELECT raw_digest FROM \(schema.table(ReferralRow.table)) WHERE id = s.id LIMIT 1
            ) r
            WHERE s.raw_digest IS NOT NULL
            """)
        var sighted = SightedReferrals(new: Set(batch.referrals.map(\.id)))
        for row in result.rows {
            guard let id = row.first ?? nil else { continue }
            sighted.new.remove(id)
            if row.dropFirst().first.flatMap({ $0 }) == "t" { sighted.unchanged.insert(id) }
        }
        return sighted
    }

    /// Records every referral id of `batch` (decoded, recognised unchanged, and rejected ones whose id could be
    /// read) as seen by the full refresh that began at `fullRefreshStartedAt`, and clears `missing_since` of those
    /// that were flagged (stamping `last_seen_at`): the only referral rows it rewrites.
    func recordSeen(_ batch: RowBatch, pipeline: String, fullRefreshStartedAt: String) throws {
        let ids = batch.referrals.map(\.id) + batch.unchanged.map(\.id) + batch.rejections.compactMap(\.referralId)
        guard !ids.isEmpty else { return }
        let array = UnchangedLookup.textArray(ids)
        try db.execute(
            """
            INSERT INTO \(schema.table("referrals_seen")) (pipeline, read_started_at, referral_id)
            SELECT $1, $2::timestamptz, unnest($3::text[])
            """, [pipeline, fullRefreshStartedAt, array])
        // Few are flagged, usually none: the partial index `referrals_missing` finds them without a lookup per id.
        try db.execute(
            """
            UPDATE \(schema.table(ReferralRow.table)) SET last_seen_at = now(), missing_since = NULL
            WHERE id = ANY($1::text[]) AND missing_since IS NOT NULL
            """, [array])
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

/// What the warehouse holds of a batch's referrals, as `ReferralSightings.stage` found it.
struct SightedReferrals {
    /// Stored with the same digest: received again byte for byte, not sent again.
    var unchanged: Set<String> = []
    /// Not stored at all: COPYed straight into `referrals` (docs/load.md#new-referrals).
    var new: Set<String> = []
}
