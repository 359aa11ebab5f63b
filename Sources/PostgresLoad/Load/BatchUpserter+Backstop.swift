import ETLCore
import Logging
import Warehouse

/// The backstop for values nobody foresaw: PostgreSQL refuses a batch's data (SQLSTATE class 22, data
/// exception, or 23, integrity constraint violation) that transform let through. The batch is retried in halves,
/// each under a savepoint, until the refused referrals are found; they are quarantined with SQLSTATE, message and
/// id, and the rest commits. One bad record never fails a batch, nor every rerun. See docs/load.md#backstop.
extension BatchUpserter {
    /// Loads `batch` like `load`, quarantining the referrals PostgreSQL refuses instead of failing. Call inside
    /// the caller's transaction. Other errors (connection, our own SQL) are thrown as they are. Referrals the
    /// batch recognised unchanged before decoding are checked again first (`UnchangedLookup.recheckingUnchanged`).
    public func loadIsolatingRefusals(
        _ batch: RowBatch, runID: String, pipeline: String, fullRefreshStartedAt: String?, on db: LibPQConnection,
        logger: Logger
    ) throws -> BatchOutcome {
        let batch = try UnchangedLookup(schema: schema).recheckingUnchanged(batch, on: db)
        return try attempt(
            batch, runID: runID, pipeline: pipeline, fullRefreshStartedAt: fullRefreshStartedAt, on: db, logger: logger)
    }

    private func attempt(
        _ batch: RowBatch, runID: String, pipeline: String, fullRefreshStartedAt: String?, on db: LibPQConnection,
        logger: Logger
    ) throws -> BatchOutcome {
        try db.execute("SAVEPOINT referrals_etl_part")
        do {
            let outcome = try load(
                batch, runID: runID, pipeline: pipeline, fullRefreshStartedAt: fullRefreshStartedAt, on: db,
                logger: logger)
            try db.execute("RELEASE SAVEPOINT referrals_etl_part")
            return outcome
        } catch let error as LoadError where error.isDataRefusal {
            try db.execute("ROLLBACK TO SAVEPOINT referrals_etl_part")
            try db.execute("RELEASE SAVEPOINT referrals_etl_part")
            let count = batch.referrals.count
            guard count > 1 else {
                guard let referral = batch.referrals.first else { throw error }
                logger.warning(
                    "PostgreSQL refused a referral; quarantined",
                    metadata: [
                        "referral.id": "\(referral.id)", LogKey.errorCode: "\(error.sqlState ?? "")",
                        LogKey.errorMessage: "\(error.message)",
                    ])
                let rejection = Rejection(
                    referralId: referral.id,
                    reason:
                        "PostgreSQL refused referral \(referral.id): \(error.message) (SQLSTATE \(error.sqlState ?? ""))",
                    raw: referral.raw)
                return try attempt(
                    batch.onlyRejections(adding: [rejection]), runID: runID, pipeline: pipeline,
                    fullRefreshStartedAt: fullRefreshStartedAt,
                    on: db, logger: logger)
            }
            let middle = count / 2
            var outcome = try attempt(
                batch.part(0..<middle), runID: runID, pipeline: pipeline, fullRefreshStartedAt: fullRefreshStartedAt,
                on: db, logger: logger)
            outcome += try attempt(
                batch.part(middle..<count), runID: runID, pipeline: pipeline,
                fullRefreshStartedAt: fullRefreshStartedAt, on: db,
                logger: logger)
            return outcome
        }
    }
}

extension LoadError {
    /// PostgreSQL refused the data itself (SQLSTATE class 22 or 23), not the connection or our SQL.
    var isDataRefusal: Bool {
        guard code == .statement, let sqlState else { return false }
        return sqlState.hasPrefix("22") || sqlState.hasPrefix("23")
    }
}
