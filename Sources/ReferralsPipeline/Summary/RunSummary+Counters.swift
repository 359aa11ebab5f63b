import PostgresLoad

extension RunSummary {
    /// Copies a run's counters into the summary.
    mutating func record(_ counters: RunLedger.Counters) {
        pages = counters.pages
        referrals = counters.referrals
        inserted = counters.outcome.inserted
        updated = counters.outcome.updated
        unchanged = counters.outcome.unchanged
        rejected = counters.outcome.rejected
        newlyRejected = counters.outcome.newlyRejected
    }
}
