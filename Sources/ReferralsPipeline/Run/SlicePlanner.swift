import PartnerCenter

/// One `createdDateTime` window of a sliced read, `[lower, upper)`; `upper` nil is open-ended (the last window,
/// which also reads referrals created while the run goes on).
struct SliceWindow: Sendable, Equatable {
    var id: Int
    var lower: Timestamp
    var upper: Timestamp?
}

/// Where the windows of a sliced read stand, and how they are cut and re-cut. Pure, so it is unit-tested; the
/// chains reach it through `SliceCoordinator`. See docs/pipeline.md#slices.
///
/// Each window's chain reads in ascending `createdDateTime`, so its position (the greatest `createdDateTime` it
/// delivered) says everything below it was read, and its last page says how densely referrals were created there.
/// Whenever fewer chains run than `target` (a chain finished), the running window expected to hold the most
/// referrals still to read (that density times the time it has left) is cut in the middle of what it has left: its
/// chain keeps the lower half (it drops referrals at or after the cut and stops there), a new chain takes the upper
/// half. A window is not cut when it is expected to hold fewer than two pages, so windows stay balanced when most
/// referrals were created in a few days, without chains spent on nearly empty windows.
struct SlicePlanner {
    /// A window and its chain's progress.
    struct Slice {
        var window: SliceWindow
        /// The greatest createdDateTime delivered, nil before the first.
        var position: Timestamp?
        /// Referrals per tick on the chain's last page with two or more; nil before one.
        var density: Double?
        var running = true
    }

    /// The shortest window worth a chain of its own: one second.
    static let minimumSpan: Int64 = Timestamp.ticksPerSecond
    private(set) var slices: [Slice]
    /// Where the open last window is expected to end (the greatest createdDateTime seen when the read began).
    let estimatedEnd: Timestamp
    /// Chains to keep running while there is enough to share.
    let target: Int
    /// Referrals per page: a window is cut only when expected to hold two pages or more.
    let pageSize: Int
    private var nextID: Int

    /// `count` windows of equal length from `lower` to `upper` (or to `estimatedEnd`, the last one then open);
    /// fewer when the range is shorter than `count` seconds.
    init(lower: Timestamp, upper: Timestamp?, estimatedEnd: Timestamp, count: Int, pageSize: Int = 100) {
        self.estimatedEnd = estimatedEnd
        self.target = max(1, count)
        self.pageSize = max(1, pageSize)
        let end = upper ?? max(estimatedEnd, lower)
        let span = end.ticks - lower.ticks
        let count = Int(max(1, min(Int64(max(1, count)), span / Self.minimumSpan)))
        slices = (0..<count).map { index in
            let start = index == 0 ? lower : Self.cut(lower.ticks + span / Int64(count) * Int64(index))
            let stop = index == count - 1 ? upper : Self.cut(lower.ticks + span / Int64(count) * Int64(index + 1))
            return Slice(window: SliceWindow(id: index, lower: start, upper: stop))
        }
        nextID = count
    }

    /// The windows, lowest first.
    var windows: [SliceWindow] { slices.map(\.window) }

    /// Whether some chain still runs.
    var running: Bool { slices.contains { $0.running } }

    /// Takes a page of window `id`: keeps the referrals and skimmed elements below its upper bound (and those
    /// without a readable createdDateTime), records the chain's position and density, says whether the chain has passed its bound,
    /// and returns the windows cut to keep `target` chains busy (start a chain on each).
    mutating func accept(
        _ page: ReferralPage, window id: Int
    ) -> (page: ReferralPage, passedUpper: Bool, opened: [SliceWindow]) {
        guard let index = slices.firstIndex(where: { $0.window.id == id }) else { return (page, true, []) }
        var page = page
        var passed = false
        if let upper = slices[index].window.upper {
            let beyond = { (createdDateTime: String?) -> Bool in
                guard let created = createdDateTime.flatMap(Timestamp.init(parsing:)), created >= upper else {
                    return false
                }
                passed = true
                return true
            }
            page.referrals.removeAll { beyond($0.createdDateTime) }
            page.skimmed.removeAll { beyond($0.createdDateTime) }
        }
        let created = page.sightings.compactMap { $0.created.flatMap(Timestamp.init(parsing:)) }
        if let first = created.min(), let last = created.max() {
            slices[index].position = max(slices[index].position ?? last, last)
            if created.count >= 2 {
                slices[index].density = Double(created.count) / Double(max(1, last.ticks - first.ticks))
            }
        }
        return (page, passed, passed ? [] : rebalance())
    }

    /// Marks window `id`'s chain finished; returns its final window, and the windows cut to keep `target` chains
    /// busy (start a chain on each).
    mutating func finish(window id: Int) -> (finished: SliceWindow?, opened: [SliceWindow]) {
        guard let index = slices.firstIndex(where: { $0.window.id == id }) else { return (nil, []) }
        slices[index].running = false
        return (slices[index].window, rebalance())
    }

    /// Cuts running windows while fewer than `target` chains are busy (running, and not on their last page as
    /// far as their density tells) and one is expected to hold two pages or more. The throttle, not this count,
    /// bounds the requests in flight.
    private mutating func rebalance() -> [SliceWindow] {
        var opened: [SliceWindow] = []
        while slices.count(where: { $0.running && ($0.density == nil || expected($0) >= Double(pageSize)) }) < target {
            let candidates = slices.indices.filter { slices[$0].running }.map { ($0, expected(slices[$0])) }
            guard let (cut, _) = candidates.max(by: { $0.1 < $1.1 }), expected(slices[cut]) >= Double(2 * pageSize)
            else { break }
            let from = start(slices[cut])
            let left = remaining(slices[cut])
            guard left >= 2 * Self.minimumSpan else { break }
            let middle = Self.cut(from.ticks + left / 2)
            let window = SliceWindow(id: nextID, lower: middle, upper: slices[cut].window.upper)
            nextID += 1
            slices[cut].window.upper = middle
            let at = slices.firstIndex { $0.window.lower > middle } ?? slices.endIndex
            slices.insert(Slice(window: window, density: slices[cut].density), at: at)
            opened.append(window)
        }
        return opened
    }

    /// Referrals a running window is expected to hold still: its chain's density times the time it has left.
    private func expected(_ slice: Slice) -> Double {
        guard let density = slice.density, remaining(slice) >= 2 * Self.minimumSpan else { return 0 }
        return density * Double(remaining(slice))
    }

    /// Where a running window's chain stands: just after its position, or its lower bound.
    private func start(_ slice: Slice) -> Timestamp {
        slice.position.map { Timestamp(ticks: $0.ticks + 1) } ?? slice.window.lower
    }

    /// The time a running window has left to read (to its bound, or to the estimated end when open).
    private func remaining(_ slice: Slice) -> Int64 {
        max(0, (slice.window.upper ?? estimatedEnd).ticks - start(slice).ticks)
    }

    /// A window bound at `ticks`, rounded down to the microsecond: PostgreSQL keeps a checkpoint there exactly.
    static func cut(_ ticks: Int64) -> Timestamp { Timestamp(ticks: ticks - ((ticks % 10) + 10) % 10) }

    /// A referral's createdDateTime, if readable.
    static func created(_ referral: Referral) -> Timestamp? {
        referral.createdDateTime.flatMap(Timestamp.init(parsing:))
    }
}
