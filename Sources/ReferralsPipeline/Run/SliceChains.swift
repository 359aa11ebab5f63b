import Foundation
import Logging
import PartnerCenter

/// What a chain of a sliced read tells the batch writer, in the order it happened.
enum SliceEvent: Sendable {
    /// A page of window `window`, its referrals at or after the window's bound dropped.
    case page(window: Int, ReferralPage)
    /// A window cut from a running one (the cut window's `.finished` may come first).
    case opened(SliceWindow)
    /// Window `window`'s chain read all of it, the window ending at `upper` (nil: open-ended).
    case finished(window: Int, upper: Timestamp?)
    /// A chain failed; the read stops.
    case failed(any Error)
}

/// Runs the nextLink chains of a sliced read, one task per window, each feeding `events`. The windows and their
/// cuts are `SlicePlanner`'s, behind `SliceCoordinator`.
final class SliceChains: @unchecked Sendable {
    let client: PartnerCenterClient
    /// The read's query: the pipeline's own filter, `$orderby=createdDateTime asc`, the page size.
    let query: ReferralQuery
    /// The first window reads from the very beginning (no `ge`): the read has no lower bound of its own.
    let openBelow: Bool
    let coordinator: SliceCoordinator
    let credits: PageCredits
    let events: AsyncStream<SliceEvent>.Continuation
    let logger: Logger
    private let lock = NSLock()
    private var tasks: [Task<Void, Never>] = []
    private var closed = false

    init(
        client: PartnerCenterClient, query: ReferralQuery, openBelow: Bool, coordinator: SliceCoordinator,
        credits: PageCredits, events: AsyncStream<SliceEvent>.Continuation, logger: Logger
    ) {
        self.client = client
        self.query = query
        self.openBelow = openBelow
        self.coordinator = coordinator
        self.credits = credits
        self.events = events
        self.logger = logger
    }

    /// Starts the chain of `window`.
    func launch(_ window: SliceWindow) {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        tasks.append(Task { await self.read(window) })
    }

    /// Stops every chain (cancelled) and refuses new ones.
    func close() {
        lock.lock()
        closed = true
        let running = tasks
        tasks = []
        lock.unlock()
        for task in running { task.cancel() }
        let credits = credits
        Task { await credits.close() }
    }

    /// The query of one window: the pipeline's filter and the window's bounds, combined with `and`.
    func query(for window: SliceWindow) -> ReferralQuery {
        var query = query
        let lower = openBelow && window.id == 0 ? nil : window.lower
        query.incremental = ReferralQuery.createdWindow(from: lower, until: window.upper)
        return query
    }

    /// Tells the batch writer about windows cut from running ones, then starts their chains.
    private func open(_ windows: [SliceWindow]) {
        for window in windows {
            events.yield(.opened(window))
            logger.debug(
                "slice cut", metadata: ["slice.id": "\(window.id)", "slice.from": "\(window.lower.odataLiteral)"])
            launch(window)
        }
    }

    private func read(_ window: SliceWindow) async {
        let query = query(for: window)
        logger.debug(
            "slice started", metadata: ["slice.id": "\(window.id)", "odata.filter": "\(query.combinedFilter ?? "")"])
        var pages = client.pages(query, skimming: true).makeAsyncIterator()
        do {
            while true {
                guard await credits.acquire() else { return }
                guard let page = try await pages.next() else {
                    await credits.release()
                    break
                }
                let (kept, passed, opened) = await coordinator.accept(page, window: window.id)
                open(opened)
                events.yield(.page(window: window.id, kept))
                if passed { break }
            }
            let step = await coordinator.finish(window: window.id)
            events.yield(.finished(window: window.id, upper: step.finished?.upper))
            open(step.opened)
            if step.allFinished { events.finish() }
        } catch {
            events.yield(.failed(error))
        }
    }
}

/// `SlicePlanner` shared by the chains of a sliced read.
actor SliceCoordinator {
    private var planner: SlicePlanner

    init(_ planner: SlicePlanner) { self.planner = planner }

    /// See `SlicePlanner.accept`.
    func accept(
        _ page: ReferralPage, window id: Int
    ) -> (page: ReferralPage, passedUpper: Bool, opened: [SliceWindow]) {
        planner.accept(page, window: id)
    }

    /// See `SlicePlanner.finish`; `allFinished` when no chain runs any more.
    func finish(window id: Int) -> (finished: SliceWindow?, opened: [SliceWindow], allFinished: Bool) {
        let (finished, opened) = planner.finish(window: id)
        return (finished, opened, !planner.running)
    }
}
