import ETLCore
import Logging
import Warehouse

/// Referrals the warehouse does not hold yet (all of them on a first load) skip the staging table and the upsert:
/// they are COPYed straight into `referrals`, with the values the upsert would give them. See
/// docs/load.md#new-referrals.
extension BatchUpserter {
    /// COPYs `referrals`, found not stored when the batch was sighted, into `referrals` with this run's id and
    /// the transaction's time as `loaded_at`, `first_seen_at` and `last_seen_at`, adds them to `stage_changed`
    /// (with the state the status history needs)
    /// and returns them, each as inserted. Another pipeline (its own advisory lock) may have stored one of them
    /// since: the unique violation (23505) undoes this COPY only, under its own savepoint, and the result is
    /// empty, so the caller sends them through the upsert (newest wins) instead; nothing is quarantined.
    func insertNew(_ referrals: [ReferralRow], runID: String, _ db: LibPQConnection, logger: Logger) throws
        -> [String: Bool]
    {
        guard !referrals.isEmpty else { return [:] }
        let now = try db.execute("SELECT now()::text").scalar ?? ""
        try db.execute("SAVEPOINT referrals_etl_new")
        do {
            try StagingTables(db: db).copy(
                referrals, into: schema.table(ReferralRow.table),
                adding: ["run_id": runID, "loaded_at": now, "first_seen_at": now, "last_seen_at": now])
            try db.execute("RELEASE SAVEPOINT referrals_etl_new")
        } catch let error as LoadError where error.sqlState == "23505" {
            try db.execute("ROLLBACK TO SAVEPOINT referrals_etl_new")
            try db.execute("RELEASE SAVEPOINT referrals_etl_new")
            logger.info(
                "New referrals were stored meanwhile by another session; upserting them instead",
                metadata: [LogKey.batchRows: "\(referrals.count)", LogKey.errorMessage: "\(error.message)"])
            return [:]
        }
        _ = try db.copyIn("COPY stage_changed (id, inserted, status, substatus, updated_at) FROM STDIN") { writer in
            for referral in referrals {
                try writer.writeRow([
                    referral.id, "t", referral.status, referral.substatus, referral.updatedAt?.postgresText,
                ])
            }
        }
        return Dictionary(referrals.map { ($0.id, true) }, uniquingKeysWith: { first, _ in first })
    }
}
