/// The per-run retry time budget: wall-clock time from the extract's first request, attempts and sleeps alike.
///
/// A retry whose wait would end past the budget is not made: the request fails with disposition `temporary`
/// (exit 75), the pipeline commits what it has, and the next run resumes from the watermark. See
/// `docs/extract.md`, "Retries".
public actor RetryBudget {
    /// The budget, in seconds.
    public let total: Double
    /// When the extract's first request started (the budget's clock starts then).
    public private(set) var startedAt: Timestamp?
    /// Retry waits granted so far, the seconds they were granted, and when the newest ends (wall time): for the
    /// progress display and the metrics.
    public private(set) var retries = 0
    public private(set) var waited: Double = 0
    public private(set) var waitEnds: ContinuousClock.Instant?

    public init(seconds: Double) { self.total = max(0, seconds) }

    /// Starts the budget's clock at `now` unless it runs already.
    public func start(at now: Timestamp) {
        if startedAt == nil { startedAt = now }
    }

    /// Seconds left at `now` (the whole budget before the clock started).
    public func remaining(at now: Timestamp) -> Double {
        guard let startedAt else { return total }
        let elapsed = Double(now.ticks - startedAt.ticks) / Double(Timestamp.ticksPerSecond)
        return max(0, total - elapsed)
    }

    /// Whether a wait of `seconds` starting at `now` ends within the budget.
    public func reserve(_ seconds: Double, at now: Timestamp) -> Bool {
        start(at: now)
        guard seconds <= remaining(at: now) else { return false }
        retries += 1
        waited += seconds
        waitEnds = .now + .milliseconds(Int64(seconds * 1000))
        return true
    }
}
