import PartnerCenter
import PostgresLoad
import Warehouse

/// Where a run's batches come from: one nextLink chain (`BatchSource`) or several (`SlicedBatchSource`).
/// `next()` is never called twice at once; the counters are read only between calls.
protocol RowBatchSource: AnyObject, Sendable {
    /// The next batch, or nil when the read is over; throws the failure that cut the previous batch short.
    func next() async throws -> RowBatch?
    /// Pages received so far.
    var pagesRead: Int { get }
    /// Records received so far.
    var received: Int { get }
    /// The greatest updatedDateTime among accepted referrals so far.
    var maxUpdatedAt: Timestamp? { get }
    /// Where a resumed read may start once the last batch returned is committed, when the source knows better than
    /// that batch's greatest createdDateTime (several chains); nil otherwise.
    var resumePoint: (createdAt: Timestamp, referralID: String)? { get }
    /// Tells the source that the writer has committed what it had and waits for the next batch: a source whose
    /// pages trickle in may then end the batch at the next page rather than fill it (any thread).
    func writerWaits()
}

extension BatchSource: RowBatchSource {
    var resumePoint: (createdAt: Timestamp, referralID: String)? { nil }
    /// One chain fills its batches: its pages come in order, one at a time.
    func writerWaits() {}
}

extension LoadCheckpoint {
    /// This checkpoint moved to `point` (a sliced read's), or unchanged when nil.
    func at(_ point: (createdAt: Timestamp, referralID: String)?) -> LoadCheckpoint {
        guard let point else { return self }
        var moved = self
        moved.createdAt = point.createdAt.postgresText
        moved.referralID = point.referralID
        return moved
    }
}
