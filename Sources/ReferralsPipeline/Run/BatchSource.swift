import ETLCore
import PartnerCenter
import Warehouse

/// Pulls pages from the extract stage and turns them into row batches of about `batchSize` referrals.
///
/// The runner asks for the next batch (in a task) while the previous one is being written: pages are
/// fetched only when asked (the pager's backpressure), so at most one batch waits in memory.
///
/// A failure while a batch is being filled (HTTP, decoding, a paging guard, cancellation) never discards the
/// pages already fetched: the partial batch is returned first, and the failure is thrown by the next call.
/// `@unchecked Sendable`: the runner never has two `next()` calls in flight (it awaits one before it starts
/// the next), and reads the counters only between them; the page iterator is not Sendable.
final class BatchSource: @unchecked Sendable {
    private var pages: ReferralPages.Iterator
    private let batchSize: Int
    /// Scan strategy: stop after the first page whose referrals are all older than this.
    private let stopBefore: Timestamp?
    private var finished = false
    /// The failure that ended the last batch early, thrown by the next call.
    private var deferredFailure: (any Error)?
    private(set) var pagesRead = 0
    private(set) var received = 0
    /// The greatest updatedDateTime among accepted referrals so far (for watermarks that move when a read
    /// completes); rejected records never move a watermark.
    private(set) var maxUpdatedAt: Timestamp?
    /// Told of every page as it arrives (the live display).
    var progress: RunProgress?
    /// Where the time of normalizing and batching is added.
    private let stages: StageTimes

    init(pages: ReferralPages, batchSize: Int, stopBefore: Timestamp?, stages: StageTimes = StageTimes()) {
        self.stages = stages
        self.pages = pages.makeAsyncIterator()
        self.batchSize = max(1, batchSize)
        self.stopBefore = stopBefore
    }

    /// The next batch, or nil when the pages are exhausted (or the scan reached old data). Throws the failure
    /// that cut the previous batch short, or a failure that struck before this batch held anything.
    func next() async throws -> RowBatch? {
        if let failure = deferredFailure {
            deferredFailure = nil
            finished = true
            throw failure
        }
        guard !finished else { return nil }
        var builder = RowBatchBuilder()
        while builder.count < batchSize {
            let fetched: ReferralPage?
            do {
                try Task.checkCancellation()
                fetched = try await pages.next()
            } catch {
                guard !builder.isEmpty else {
                    finished = true
                    throw error
                }
                deferredFailure = error
                break
            }
            guard let page = fetched else {
                finished = true
                break
            }
            pagesRead += 1
            received += page.referrals.count + page.undecodable.count
            progress?.pageRead(items: page.referrals.count + page.undecodable.count, odataCount: page.odataCount)
            stages.measure(.transform) { builder.add(page) }
            if let stopBefore,
                let pageMax = page.referrals.compactMap({ $0.updatedDateTime.flatMap(Timestamp.init(parsing:)) }).max(),
                pageMax < stopBefore
            {
                finished = true
                break
            }
        }
        guard !builder.isEmpty else { return nil }
        let batch = stages.measure(.transform) { builder.build() }
        if let batchMax = batch.maxUpdatedAt { maxUpdatedAt = max(maxUpdatedAt ?? batchMax, batchMax) }
        return batch
    }
}
