import Foundation

/// Where a run spends its time: wall-clock seconds summed per stage of the batch loop. The stages overlap (the next
/// batch is fetched, decoded and transformed while the current one is written), so their sum exceeds the run's
/// duration; each says how busy that stage was. Shared by the extract, transform and load code of one run, from
/// several threads: every update takes `lock`, hence `@unchecked Sendable`. See docs/pipeline.md#stage-times.
public final class StageTimes: @unchecked Sendable {
    /// A stage of the batch loop, in pipeline order.
    public enum Stage: String, CaseIterable, Sendable {
        /// HTTP exchanges of API pages: request sent to body received (retry waits excluded).
        case fetch
        /// Page bodies parsed into referrals.
        case decode
        /// Referrals normalized into rows and batched.
        case transform
        /// COPY statements: rows encoded and streamed, and the server's work on them.
        case copy
        /// The other statements of the batch transactions: upserts, children, history, run state.
        case upsert
        /// COMMIT of the batch transactions.
        case commit
    }

    private let lock = NSLock()
    private var totals: [Stage: Duration] = [:]

    /// No time recorded yet.
    public init() {}

    /// Adds `duration` to `stage`.
    public func add(_ stage: Stage, _ duration: Duration) {
        lock.lock()
        totals[stage, default: .zero] += duration
        lock.unlock()
    }

    /// Adds the time since `start` (a `ContinuousClock` instant) to `stage`.
    public func add(_ stage: Stage, since start: ContinuousClock.Instant) {
        add(stage, ContinuousClock.now - start)
    }

    /// Runs `body`, adding its wall time to `stage` (also when it throws).
    public func measure<T, Failure: Error>(_ stage: Stage, _ body: () throws(Failure) -> T) throws(Failure) -> T {
        let start = ContinuousClock.now
        defer { add(stage, since: start) }
        return try body()
    }

    /// Seconds per stage, every stage in pipeline order (0 for one that did not run).
    public var seconds: [(stage: Stage, seconds: Double)] {
        lock.lock()
        defer { lock.unlock() }
        return Stage.allCases.map { stage in
            let components = (totals[stage] ?? .zero).components
            return (stage, Double(components.seconds) + Double(components.attoseconds) / 1e18)
        }
    }
}
