/// The per-run retry time budget: the total time one client may spend sleeping before retries.
///
/// When a wait would overspend it, the request fails with disposition `temporary` (exit 75): the pipeline
/// commits what it has, and the next run resumes from the watermark. See `docs/extract.md`, "Retries".
public actor RetryBudget {
    /// The budget, in seconds.
    public let total: Double
    /// Seconds spent sleeping so far.
    public private(set) var spent: Double = 0
    /// Retry waits reserved so far (progress display, metrics).
    public private(set) var retries = 0
    /// When the newest reserved wait ends (wall time; the progress display shows a wait in progress).
    public private(set) var waitEnds: ContinuousClock.Instant?

    public init(seconds: Double) { self.total = max(0, seconds) }

    /// Seconds left.
    public var remaining: Double { max(0, total - spent) }

    /// Reserves `seconds` of sleep; false (and nothing reserved) when that would overspend the budget.
    public func reserve(_ seconds: Double) -> Bool {
        guard spent + seconds <= total else { return false }
        spent += seconds
        retries += 1
        waitEnds = .now + .milliseconds(Int64(seconds * 1000))
        return true
    }
}
