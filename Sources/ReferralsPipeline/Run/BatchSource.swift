import PartnerCenter
import Warehouse

/// Pulls pages from the extract stage and turns them into row batches of about `batchSize` referrals. Pages come
/// skimmed; the `BatchAssembler` decodes only what it does not find stored unchanged.
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
    private let assembler: BatchAssembler
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

    init(pages: ReferralPages, assembler: BatchAssembler, batchSize: Int, stopBefore: Timestamp?) {
        self.pages = pages.makeAsyncIterator()
        self.assembler = assembler
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
        var arrivals: [BatchAssembler.Arrival] = []
        var items = 0
        while items < batchSize {
            let fetched: ReferralPage?
            do {
                try Task.checkCancellation()
                fetched = try await pages.next()
            } catch {
                guard items > 0 else {
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
            received += page.itemCount
            items += page.itemCount
            progress?.pageRead(items: page.itemCount, odataCount: page.odataCount)
            arrivals.append(assembler.arrived(page))
            if let stopBefore,
                let pageMax = page.sightings.compactMap({ $0.updated.flatMap(Timestamp.init(parsing:)) }).max(),
                pageMax < stopBefore
            {
                finished = true
                break
            }
        }
        guard items > 0 else { return nil }
        let batch = await assembler.batch(of: arrivals)
        if let batchMax = batch.maxUpdatedAt { maxUpdatedAt = max(maxUpdatedAt ?? batchMax, batchMax) }
        return batch
    }
}
