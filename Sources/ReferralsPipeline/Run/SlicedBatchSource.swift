import Logging
import PartnerCenter
import Warehouse

/// The batches of a first load, full refresh or backfill read over `slices` concurrent `createdDateTime` windows,
/// each its own nextLink chain, all feeding one batch writer. See docs/pipeline.md#slices.
///
/// The first call finds the read's range cheaply (the read's own bounds, else one single-referral page in each
/// order), cuts it into windows (`SlicePlanner`) and starts their chains (`SliceChains`); every call then batches
/// the pages as they come. As with one chain, a failure never discards the pages already fetched: the partial batch
/// comes first, the failure with the next call. After each batch, `resumePoint` is the lowest position some window
/// has not yet delivered (`SliceProgress`): the checkpoint committed with the batch never covers more than every
/// window has committed. `@unchecked Sendable` for the reason `BatchSource` gives.
final class SlicedBatchSource: RowBatchSource, @unchecked Sendable {
    private let client: PartnerCenterClient
    private let query: ReferralQuery
    private let lower: Timestamp?
    private let upper: Timestamp?
    private let slices: Int
    private let batchSize: Int
    private let logger: Logger
    private let credits: PageCredits
    private let assembler: BatchAssembler
    private var chains: SliceChains?
    private var events: AsyncStream<SliceEvent>.Iterator?
    private var progress: SliceProgress?
    private var started = false
    private var finished = false
    private var deferredFailure: (any Error)?
    private(set) var pagesRead = 0
    private(set) var received = 0
    private(set) var maxUpdatedAt: Timestamp?
    private(set) var resumePoint: (createdAt: Timestamp, referralID: String)?
    /// Set while the writer waits for a batch: the batch being filled then ends at the next page, so that the
    /// writer, idle while the API is slow, commits what came in rather than the last batch after the last page.
    private let writerWaiting = Flag()

    /// Whether a run of `plan` reads over slices: more than one asked for, and a read in `createdDateTime` order.
    static func applies(to plan: RunPlan, slices: Int) -> Bool {
        slices > 1 && plan.mode != "incremental"
    }

    /// - Parameters:
    ///   - query: the read's query; its `incremental` condition is replaced by each window's bounds.
    ///   - lower: the read's own lower bound (a backfill's `since`, a resumed read's checkpoint), or nil.
    ///   - upper: the read's own upper bound (a backfill's `until`), or nil.
    init(
        client: PartnerCenterClient, query: ReferralQuery, lower: Timestamp?, upper: Timestamp?, slices: Int,
        batchSize: Int, assembler: BatchAssembler, logger: Logger
    ) {
        self.client = client
        self.assembler = assembler
        self.query = query
        self.lower = lower
        self.upper = upper
        self.logger = logger
        self.slices = max(1, slices)
        self.batchSize = max(1, batchSize)
        let perPage = max(1, query.pageSize ?? 100)
        credits = PageCredits(self.slices + (self.batchSize + perPage - 1) / perPage)
    }

    deinit { chains?.close() }

    func next() async throws -> RowBatch? {
        if let failure = deferredFailure {
            deferredFailure = nil
            stop()
            throw failure
        }
        guard !finished else { return nil }
        if !started {
            started = true
            do { try await start() } catch {
                stop()
                throw error
            }
        }
        var arrivals: [BatchAssembler.Arrival] = []
        var items = 0
        var finishedEarly = false
        while items < batchSize, !finished, !finishedEarly {
            guard !Task.isCancelled, let event = await events?.next() else {
                finished = true
                if Task.isCancelled { deferredFailure = CancellationError() }
                break
            }
            switch event {
            case .page(let window, let page):
                await credits.release()
                pagesRead += 1
                received += page.itemCount
                items += page.itemCount
                arrivals.append(assembler.arrived(page))
                progress?.delivered(page, window: window)
                // Not on a page left empty (all beyond its window): an empty batch would end the read.
                if writerWaiting.value, items > 0 { finishedEarly = true }
            case .opened(let window):
                progress?.opened(window)
            case .finished(let window, let upper):
                progress?.finished(window: window, upper: upper)
            case .failed(let error):
                deferredFailure = error
                finished = true
            }
        }
        guard items > 0 else {
            if let failure = deferredFailure {
                deferredFailure = nil
                stop()
                throw failure
            }
            stop()
            return nil
        }
        writerWaiting.value = false
        let batch = await assembler.batch(of: arrivals)
        if let batchMax = batch.maxUpdatedAt { maxUpdatedAt = max(maxUpdatedAt ?? batchMax, batchMax) }
        resumePoint = progress?.resumePoint
        return batch
    }

    func writerWaits() { writerWaiting.value = true }

    private func stop() {
        finished = true
        chains?.close()
    }

    /// Finds the range, cuts it into windows and starts their chains.
    private func start() async throws {
        // Both ends at once: each probe is one slow page.
        async let earliest = lower == nil ? probe(ascending: true) : lower
        async let latest = upper == nil ? probe(ascending: false) : nil
        let (first, last) = try await (earliest, latest)
        let from = first ?? Timestamp(ticks: 0)
        let end = upper ?? last.map { Timestamp(ticks: $0.ticks + 1) } ?? from
        // Without a readable first createdDateTime there is nothing to cut: one window, as without slices.
        let planner = SlicePlanner(
            lower: from, upper: upper, estimatedEnd: end, count: first == nil ? 1 : slices,
            pageSize: query.pageSize ?? 100)
        let (stream, continuation) = AsyncStream.makeStream(of: SliceEvent.self)
        events = stream.makeAsyncIterator()
        progress = SliceProgress(start: from, windows: planner.windows)
        let chains = SliceChains(
            client: client, query: query, openBelow: lower == nil, coordinator: SliceCoordinator(planner),
            credits: credits, events: continuation, logger: logger)
        self.chains = chains
        logger.info(
            "Reading over slices",
            metadata: [
                "slices": "\(planner.windows.count)", "slices.from": "\(from.odataLiteral)",
                "slices.to": "\(upper?.odataLiteral ?? "open, about \(end.odataLiteral)")",
            ])
        for window in planner.windows { chains.launch(window) }
    }

    /// The createdDateTime of the first referral of the read in that order (one referral asked for), or nil.
    private func probe(ascending: Bool) async throws -> Timestamp? {
        var probe = query
        probe.incremental = ReferralQuery.createdWindow(from: lower, until: upper)
        probe.orderBy = "createdDateTime " + (ascending ? "asc" : "desc")
        probe.pageSize = 1
        probe.top = 1
        var pages = client.pages(probe).makeAsyncIterator()
        return try await pages.next()?.referrals.first.flatMap(SlicePlanner.created)
    }
}

extension RunPlan {
    /// The lower bound of a sliced read of this plan: a backfill's `since`, a resumed read's checkpoint, or nil.
    func slicedLowerBound(_ configuration: PipelineConfiguration) -> Timestamp? {
        configuration.isBackfill ? configuration.since : resumes.flatMap { Timestamp(parsing: $0.createdAt) }
    }
}
