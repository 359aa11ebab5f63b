import ETLCore
import Logging
import Warehouse

/// Writes one `RowBatch` with set-based SQL: COPY into staging tables, then upserts. See docs/load.md.
///
/// - a referral replaces the stored row only when it is newer, or as new with different content (an md5
///   of its JSON): **newest wins**, and unchanged rows are not rewritten;
/// - the team and requirement rows of each replaced referral are replaced as a set, so members and
///   requirements removed upstream disappear here;
/// - `referral_status_history` gains a row when (status, substatus) differs from the last one recorded;
/// - rejections are stored with the run id.
/// The caller owns the transaction, so rows, counters and watermark commit together.
public struct BatchUpserter: Sendable {
    public let schema: SchemaName

    public init(schema: SchemaName) { self.schema = schema }

    /// Loads `batch` on `db` inside the caller's transaction. `touchSeen` also stamps `last_seen_at` on
    /// unchanged referrals (a full refresh needs it to tell which referrals the API no longer returns).
    public func load(
        _ batch: RowBatch, runID: String, pipeline: String, touchSeen: Bool, on db: LibPQConnection, logger: Logger
    ) throws -> BatchOutcome {
        let staging = StagingTables(db: db, schema: schema)
        try staging.stage(batch.customers)
        try staging.stage(batch.requirements)
        try staging.stage(batch.referrals)
        try staging.stage(batch.referralRequirements)
        try staging.stage(batch.teamMembers)
        try db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS stage_changed (id text, inserted boolean) ON COMMIT DELETE ROWS")
        try db.execute("DELETE FROM stage_changed")

        try upsertCustomers(db)
        try upsertRequirements(db)
        let changes = try upsertReferrals(db, runID: runID)
        try replaceChildren(db)
        try appendStatusHistory(db, runID: runID)
        let newlyRejected = try storeRejections(batch.rejections, runID: runID, pipeline: pipeline, db)
        if touchSeen {
            // A referral whose current version was rejected was still seen: it exists upstream.
            let rejectedIDs = batch.rejections.isEmpty ? "" : " UNION SELECT referral_id FROM stage_rejected_referrals"
            try db.execute(
                """
                UPDATE \(schema.table("referrals")) r SET last_seen_at = now(), missing_since = NULL
                WHERE r.id IN (SELECT id FROM stage_referrals\(rejectedIDs)) AND r.last_seen_at < now()
                """)
        }
        let outcome = BatchOutcome(
            inserted: changes.inserted, updated: changes.updated,
            unchanged: batch.referrals.count + batch.supersededCount - changes.inserted - changes.updated,
            rejected: batch.rejections.count, newlyRejected: newlyRejected)
        logger.debug(
            "Batch loaded",
            metadata: [
                LogKey.batchRows: "\(batch.referrals.count)", "batch.inserted": "\(outcome.inserted)",
                "batch.updated": "\(outcome.updated)", "batch.rejected": "\(outcome.rejected)",
            ])
        return outcome
    }

    private func upsertCustomers(_ db: LibPQConnection) throws {
        let columns = CustomerRow.columns.map { "\"\($0)\"" }
        let attributes = CustomerRow.columns.filter { $0 != "customer_key" }.map { "\"\($0)\"" }
        try db.execute(
            """
            INSERT INTO \(schema.table("customers")) AS c (\(columns.joined(separator: ", ")))
            SELECT \(columns.joined(separator: ", ")) FROM stage_customers
            ON CONFLICT (customer_key) DO UPDATE SET
                \(attributes.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")), last_seen_at = now()
            WHERE coalesce(EXCLUDED.source_updated_at, '-infinity') >= coalesce(c.source_updated_at, '-infinity')
              AND (\(attributes.map { "c.\($0)" }.joined(separator: ", ")))
                  IS DISTINCT FROM (\(attributes.map { "EXCLUDED.\($0)" }.joined(separator: ", ")))
            """)
    }

    private func upsertRequirements(_ db: LibPQConnection) throws {
        try db.execute(
            """
            INSERT INTO \(schema.table("requirements")) AS q (requirement_key, kind, code, name, solution_type)
            SELECT requirement_key, kind, code, name, solution_type FROM stage_requirements
            ON CONFLICT (requirement_key) DO UPDATE SET
                name = coalesce(EXCLUDED.name, q.name), solution_type = coalesce(EXCLUDED.solution_type, q.solution_type)
            WHERE (q.name, q.solution_type) IS DISTINCT FROM
                  (coalesce(EXCLUDED.name, q.name), coalesce(EXCLUDED.solution_type, q.solution_type))
            """)
    }

    private func upsertReferrals(_ db: LibPQConnection, runID: String) throws -> (inserted: Int, updated: Int) {
        let columns = ReferralRow.columns.map { "\"\($0)\"" }
        let assignments = ReferralRow.columns.filter { $0 != "id" }.map { "\"\($0)\" = EXCLUDED.\"\($0)\"" }
        let result = try db.execute(
            """
            WITH written AS (
                INSERT INTO \(schema.table("referrals")) AS r
                    (\(columns.joined(separator: ", ")), content_hash, run_id, loaded_at, first_seen_at, last_seen_at)
                SELECT \(columns.joined(separator: ", ")), md5(raw::text), $1::uuid, now(), now(), now()
                FROM stage_referrals
                ON CONFLICT (id) DO UPDATE SET
                    \(assignments.joined(separator: ",\n                    ")),
                    content_hash = EXCLUDED.content_hash, run_id = EXCLUDED.run_id, loaded_at = now(),
                    last_seen_at = now(), missing_since = NULL
                WHERE coalesce(EXCLUDED.updated_at, '-infinity') > coalesce(r.updated_at, '-infinity')
                   OR (coalesce(EXCLUDED.updated_at, '-infinity') = coalesce(r.updated_at, '-infinity')
                       AND EXCLUDED.content_hash <> r.content_hash)
                RETURNING r.id, (r.xmax = 0) AS inserted
            ), recorded AS (
                INSERT INTO stage_changed (id, inserted) SELECT id, inserted FROM written RETURNING inserted
            )
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM recorded
            """, [runID])
        let row = result.rows.first ?? []
        return (Int(row.first.flatMap { $0 } ?? "0") ?? 0, Int(row.dropFirst().first.flatMap { $0 } ?? "0") ?? 0)
    }

    private func replaceChildren(_ db: LibPQConnection) throws {
        let team = TeamMemberRow.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        try db.execute(
            """
            DELETE FROM \(schema.table("referral_team_members")) t USING stage_changed c
            WHERE t.referral_id = c.id AND NOT c.inserted
            """)
        try db.execute(
            """
            INSERT INTO \(schema.table("referral_team_members")) (\(team))
            SELECT \(team) FROM stage_referral_team_members s WHERE s.referral_id IN (SELECT id FROM stage_changed)
            ON CONFLICT DO NOTHING
            """)
        try db.execute(
            """
            DELETE FROM \(schema.table("referral_requirements")) b USING stage_changed c
            WHERE b.referral_id = c.id AND NOT c.inserted
            """)
        try db.execute(
            """
            INSERT INTO \(schema.table("referral_requirements")) (referral_id, requirement_key, position)
            SELECT DISTINCT ON (referral_id, requirement_key) referral_id, requirement_key, position
            FROM stage_referral_requirements s WHERE s.referral_id IN (SELECT id FROM stage_changed)
            ORDER BY referral_id, requirement_key, position
            """)
    }

    private func appendStatusHistory(_ db: LibPQConnection, runID: String) throws {
        try db.execute(
            """
            INSERT INTO \(schema.table("referral_status_history")) (referral_id, status, substatus, updated_at, run_id)
            SELECT r.id, r.status, r.substatus, r.updated_at, $1::uuid
            FROM \(schema.table("referrals")) r JOIN stage_changed c ON c.id = r.id
            WHERE NOT EXISTS (
                SELECT 1 FROM (
                    SELECT h.status, h.substatus FROM \(schema.table("referral_status_history")) h
                    WHERE h.referral_id = r.id ORDER BY h.id DESC LIMIT 1
                ) last
                WHERE last.status IS NOT DISTINCT FROM r.status AND last.substatus IS NOT DISTINCT FROM r.substatus
            )
            """, [runID])
    }

    /// Quarantines the batch's rejections once per pipeline and content: a record rejected before (a later
    /// run re-read it) only gets its `last_received_at` and `times_received` moved. Returns how many were new.
    private func storeRejections(_ rejections: [Rejection], runID: String, pipeline: String, _ db: LibPQConnection)
        throws -> Int
    {
        guard !rejections.isEmpty else { return 0 }
        try db.execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS stage_rejected_referrals
            (referral_id text, reason text, raw text) ON COMMIT DELETE ROWS
            """)
        try db.execute("DELETE FROM stage_rejected_referrals")
        let columns = Rejection.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        try db.copyIn("COPY stage_rejected_referrals (\(columns)) FROM STDIN") { writer in
            for rejection in rejections { try writer.writeRow(rejection.fields) }
        }
        let table = schema.table("rejected_referrals")
        return Int(
            try db.execute(
                """
                WITH stored AS (
                    INSERT INTO \(table) AS t (run_id, pipeline, referral_id, reason, raw, raw_md5)
                    SELECT DISTINCT ON (md5(raw)) $1::uuid, $2, referral_id, reason, raw, md5(raw)
                    FROM stage_rejected_referrals ORDER BY md5(raw)
                    ON CONFLICT (pipeline, raw_md5) DO UPDATE
                    SET last_received_at = now(), times_received = t.times_received + 1
                    RETURNING xmax = 0 AS inserted
                )
                SELECT count(*) FILTER (WHERE inserted) FROM stored
                """, [runID, pipeline]
            ).scalar ?? "") ?? 0
    }
}
