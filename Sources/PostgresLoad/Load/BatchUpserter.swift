import ETLCore
import Logging
import Warehouse

/// Writes one `RowBatch` with set-based SQL: referrals received again unchanged are recognised first and not
/// sent; the rest is COPYed into staging tables and upserted, and children go straight into their tables.
/// See docs/load.md.
///
/// - a referral replaces the stored row only when it is newer, or as new with different content (another
///   digest and another JSON value): **newest wins**, and unchanged rows are not rewritten;
/// - the team and requirement rows of each replaced referral are replaced as a set, so members and
///   requirements removed upstream disappear here;
/// - `referral_status_history` gains a row when (status, substatus) differs from the last one recorded;
/// - rejections are stored with the run id;
/// - a full refresh records every referral id it received in `referrals_seen`.
/// The caller owns the transaction, so rows, counters and watermark commit together.
public struct BatchUpserter: Sendable {
    public let schema: SchemaName

    public init(schema: SchemaName) { self.schema = schema }

    /// Loads `batch` on `db` inside the caller's transaction. `fullRefreshStartedAt`, during a full refresh, is
    /// when that refresh began: the referrals received are recorded as seen by it (`PipelineState.flagMissing`).
    public func load(
        _ batch: RowBatch, runID: String, pipeline: String, fullRefreshStartedAt: String?, on db: LibPQConnection,
        logger: Logger
    ) throws -> BatchOutcome {
        let sightings = ReferralSightings(db: db, schema: schema)
        let sighted = try sightings.stage(batch)
        if let fullRefreshStartedAt {
            try sightings.recordSeen(batch, pipeline: pipeline, fullRefreshStartedAt: fullRefreshStartedAt)
        }
        let changed = sighted.unchanged.isEmpty ? batch : batch.without(referralIDs: sighted.unchanged)
        let staging = StagingTables(db: db)
        // Nothing to write touches no staging table (see `ReferralSightings.stage`).
        if !changed.customers.isEmpty {
            try staging.stage(changed.customers)
            try upsertCustomers(db)
        }
        if !changed.requirements.isEmpty {
            try staging.stage(changed.requirements)
            try upsertRequirements(db)
        }
        var written: [String: Bool] = [:]
        if !changed.referrals.isEmpty {
            try db.execute(
                "CREATE TEMP TABLE IF NOT EXISTS stage_changed (id text, inserted boolean, status text, substatus text, "
                    + "updated_at timestamptz) ON COMMIT DELETE ROWS")
            try db.execute("DELETE FROM stage_changed")
            written = try insertNew(
                changed.referrals.filter { sighted.new.contains($0.id) }, runID: runID, db, logger: logger)
            let stored = written.isEmpty ? changed.referrals : changed.referrals.filter { written[$0.id] == nil }
            if !stored.isEmpty {
                try staging.stage(stored)
                let upserted = try upsertReferrals(db, runID: runID)
                if upserted.count < stored.count { try sightings.adoptDigests() }
                written.merge(upserted) { _, upserted in upserted }
            }
        }
        try replaceChildren(of: written, from: changed, staging, db)
        if !written.isEmpty { try appendStatusHistory(db, runID: runID) }
        let newlyRejected = try storeRejections(batch.rejections, runID: runID, pipeline: pipeline, db)
        let inserted = written.values.filter { $0 }.count
        let outcome = BatchOutcome(
            inserted: inserted, updated: written.count - inserted,
            unchanged: batch.referralCount + batch.supersededCount - written.count,
            rejected: batch.rejections.count, newlyRejected: newlyRejected)
        logger.debug(
            "Batch loaded",
            metadata: [
                LogKey.batchRows: "\(batch.referrals.count)", "batch.inserted": "\(outcome.inserted)",
                "batch.updated": "\(outcome.updated)", "batch.skipped": "\(sighted.unchanged.count)",
                "batch.rejected": "\(outcome.rejected)",
            ])
        return outcome
    }

    private func upsertCustomers(_ db: LibPQConnection) throws {
        let columns = CustomerRow.columns.map { "\"\($0.name)\"" }
        let keys = CustomerRow.columns.filter(\.isKey).map { "\"\($0.name)\"" }
        let attributes = CustomerRow.columns.filter { !$0.isKey }.map { "\"\($0.name)\"" }
        try db.execute(
            """
            INSERT INTO \(schema.table(CustomerRow.table)) AS c (\(columns.joined(separator: ", ")))
            SELECT \(columns.joined(separator: ", ")) FROM \(StagingTables.name(CustomerRow.self))
            ON CONFLICT (\(keys.joined(separator: ", "))) DO UPDATE SET
                \(attributes.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")), last_seen_at = now()
            WHERE coalesce(EXCLUDED.source_updated_at, '-infinity') >= coalesce(c.source_updated_at, '-infinity')
              AND (\(attributes.map { "c.\($0)" }.joined(separator: ", ")))
                  IS DISTINCT FROM (\(attributes.map { "EXCLUDED.\($0)" }.joined(separator: ", ")))
            """)
    }

    /// A requirement's key columns never change (the key derives from them); the others take the staged value
    /// when it is not NULL.
    private func upsertRequirements(_ db: LibPQConnection) throws {
        let columns = RequirementRow.columns.map { "\"\($0.name)\"" }
        let keys = RequirementRow.columns.filter(\.isKey).map { "\"\($0.name)\"" }
        let merged = RequirementRow.columns.filter { !$0.isKey }.map {
            "coalesce(EXCLUDED.\"\($0.name)\", q.\"\($0.name)\")"
        }
        let attributes = RequirementRow.columns.filter { !$0.isKey }.map { "\"\($0.name)\"" }
        try db.execute(
            """
            INSERT INTO \(schema.table(RequirementRow.table)) AS q (\(columns.joined(separator: ", ")))
            SELECT \(columns.joined(separator: ", ")) FROM \(StagingTables.name(RequirementRow.self))
            ON CONFLICT (\(keys.joined(separator: ", "))) DO UPDATE SET
                (\(attributes.joined(separator: ", "))) = (\(merged.joined(separator: ", ")))
            WHERE (\(attributes.map { "q.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM
                  (\(merged.joined(separator: ", ")))
            """)
    }

    /// Upserts the staged referrals (newest wins) and returns the ids it wrote, true for a new one; they are also
    /// added to `stage_changed` for the children and the status history.
    private func upsertReferrals(_ db: LibPQConnection, runID: String) throws -> [String: Bool] {
        let columns = ReferralRow.columns.map { "\"\($0.name)\"" }
        let keys = ReferralRow.columns.filter(\.isKey).map { "\"\($0.name)\"" }
        let assignments = ReferralRow.columns.filter { !$0.isKey }.map { "\"\($0.name)\" = EXCLUDED.\"\($0.name)\"" }
        let result = try db.execute(
            """
            WITH written AS (
                INSERT INTO \(schema.table(ReferralRow.table)) AS r
                    (\(columns.joined(separator: ", ")), run_id, loaded_at, first_seen_at, last_seen_at)
                SELECT \(columns.joined(separator: ", ")), $1::uuid, now(), now(), now()
                FROM \(StagingTables.name(ReferralRow.self))
                ON CONFLICT (\(keys.joined(separator: ", "))) DO UPDATE SET
                    \(assignments.joined(separator: ",\n                    ")),
                    run_id = EXCLUDED.run_id, loaded_at = now(),
                    last_seen_at = now(), missing_since = NULL
                WHERE coalesce(EXCLUDED.updated_at, '-infinity') > coalesce(r.updated_at, '-infinity')
                   OR (coalesce(EXCLUDED.updated_at, '-infinity') = coalesce(r.updated_at, '-infinity')
                       AND (r.raw_digest = '' OR (EXCLUDED.raw_digest IS DISTINCT FROM r.raw_digest AND EXCLUDED.raw <> r.raw)))
                RETURNING r.id, (r.xmax = 0) AS inserted, r.status, r.substatus, r.updated_at
            )
            INSERT INTO stage_changed (id, inserted, status, substatus, updated_at)
            SELECT id, inserted, status, substatus, updated_at FROM written RETURNING id, inserted
            """, [runID])
        var written: [String: Bool] = [:]
        for row in result.rows {
            guard let id = row.first.flatMap({ $0 }) else { continue }
            written[id] = row.dropFirst().first.flatMap { $0 } == "t"
        }
        return written
    }

    /// Children of the written referrals replace the stored ones as a set: the old rows of the referrals that
    /// existed are deleted, then the new ones are COPYed straight into their tables (no staging: the batch's
    /// child keys are unique, and only written referrals' children are sent).
    private func replaceChildren(
        of written: [String: Bool], from batch: RowBatch, _ staging: StagingTables, _ db: LibPQConnection
    ) throws {
        guard !written.isEmpty else { return }
        if written.values.contains(false) {
            for table in [TeamMemberRow.table, ReferralRequirementRow.table] {
                try db.execute(
                    """
                    DELETE FROM \(schema.table(table)) t USING stage_changed c
                    WHERE t.referral_id = c.id AND NOT c.inserted
                    """)
            }
        }
        let members = batch.teamMembers.filter { written[$0.referralId] != nil }
        if !members.isEmpty { try staging.copy(members, into: schema.table(TeamMemberRow.table)) }
        let bridges = batch.referralRequirements.filter { written[$0.referralId] != nil }
        if !bridges.isEmpty { try staging.copy(bridges, into: schema.table(ReferralRequirementRow.table)) }
    }

    /// Reads the written referrals' states from `stage_changed`, not `referrals`: joined to the unanalysed
    /// staging table, the planner hashed all of `referrals` each batch. A referral just inserted has no history
    /// yet: it gets its first row without looking.
    private func appendStatusHistory(_ db: LibPQConnection, runID: String) throws {
        try db.execute(
            """
            INSERT INTO \(schema.table("referral_status_history")) (referral_id, status, substatus, updated_at, run_id)
            SELECT c.id, c.status, c.substatus, c.updated_at, $1::uuid FROM stage_changed c
            WHERE c.inserted OR NOT EXISTS (
                SELECT 1 FROM (
                    SELECT h.status, h.substatus FROM \(schema.table("referral_status_history")) h
                    WHERE h.referral_id = c.id ORDER BY h.id DESC LIMIT 1
                ) last
                WHERE last.status IS NOT DISTINCT FROM c.status AND last.substatus IS NOT DISTINCT FROM c.substatus
            )
            """, [runID])
    }

    /// Quarantines the batch's rejections once per pipeline and content: a record rejected before (a later
    /// run re-read it) only gets its `last_received_at` and `times_received` moved. Returns how many were new.
    private func storeRejections(_ rejections: [Rejection], runID: String, pipeline: String, _ db: LibPQConnection)
        throws -> Int
    {
        guard !rejections.isEmpty else { return 0 }
        try StagingTables(db: db).stage(rejections)
        let table = schema.table(Rejection.table)
        return Int(
            try db.execute(
                """
                WITH stored AS (
                    INSERT INTO \(table) AS t (run_id, pipeline, referral_id, reason, raw, raw_md5)
                    SELECT DISTINCT ON (md5(raw)) $1::uuid, $2, referral_id, reason, raw, md5(raw)
                    FROM \(StagingTables.name(Rejection.self)) ORDER BY md5(raw)
                    ON CONFLICT (pipeline, raw_md5) DO UPDATE
                    SET last_received_at = now(), times_received = t.times_received + 1
                    RETURNING xmax = 0 AS inserted
                )
                SELECT count(*) FILTER (WHERE inserted) FROM stored
                """, [runID, pipeline]
            ).scalar ?? "") ?? 0
    }
}
