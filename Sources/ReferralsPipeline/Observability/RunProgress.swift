import Foundation
import PartnerCenter

/// A run's progress as it happens: the pipeline records pages and committed batches, and whoever watches
/// (the live display on a terminal, the metrics file at the end) reads snapshots. Thread-safe.
///
/// `@unchecked Sendable`: every stored property is read and written under `lock`.
public final class RunProgress: @unchecked Sendable {
    /// What a run has done so far.
    public struct Snapshot: Sendable, Equatable {
        public var pages = 0
        /// Referrals received from the API (stored or rejected).
        public var referrals = 0
        /// Referrals in committed batches, and how many batches.
        public var committedReferrals = 0
        public var batches = 0
        /// Retry waits so far, and the seconds they took from the retry budget.
        public var retries = 0
        public var retryWaitSeconds = 0.0
        /// Seconds left of a retry wait in progress (nil when none is).
        public var retryWaitingSeconds: Double?
        /// `@odata.count` when it looked trustworthy: the same on every page, never below what arrived, and
        /// the run reads the query to its end (a scan that stops at the watermark does not).
        public var expected: Int?
        /// Seconds since the run started.
        public var elapsedSeconds = 0.0

        public init() {}

        /// Referrals received per second so far.
        public var rate: Double { elapsedSeconds > 0 ? Double(referrals) / elapsedSeconds : 0 }

        /// Seconds left at the current rate, when the expected total is known.
        public var remainingSeconds: Double? {
            guard let expected, rate > 0 else { return nil }
            return Double(max(0, expected - referrals)) / rate
        }
    }

    private let lock = NSLock()
    private let started = ContinuousClock.now
    private var current = Snapshot()
    private var countTrusted = true
    private var readsToEnd = true
    private var budget: RetryBudget?

    public init() {}

    /// Called once the run knows its client and plan.
    func begin(budget: RetryBudget, readsToEnd: Bool) {
        locked {
            self.budget = budget
            self.readsToEnd = readsToEnd
            if !readsToEnd { current.expected = nil }
        }
    }

    /// One page arrived with `items` records and the `@odata.count` it announced.
    func pageRead(items: Int, odataCount: Int?) {
        locked {
            current.pages += 1
            current.referrals += items
            guard countTrusted, readsToEnd else { return }
            if let odataCount, odataCount > 0, current.expected == nil || current.expected == odataCount,
                current.referrals <= odataCount
            {
                current.expected = odataCount
            } else {
                countTrusted = false
                current.expected = nil
            }
        }
    }

    /// A batch of `referrals` committed.
    func batchCommitted(referrals: Int) {
        locked {
            current.batches += 1
            current.committedReferrals += referrals
        }
    }

    /// The progress now, with the retry budget's figures.
    public func snapshot() async -> Snapshot {
        var (snapshot, budget) = locked { (current, self.budget) }
        if let budget {
            snapshot.retries = await budget.retries
            snapshot.retryWaitSeconds = await budget.waited
            if let ends = await budget.waitEnds, ends > .now {
                snapshot.retryWaitingSeconds = Self.seconds(ends - .now)
            }
        }
        snapshot.elapsedSeconds = Self.seconds(ContinuousClock.now - started)
        return snapshot
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
