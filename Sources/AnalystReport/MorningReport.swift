import PostgresLoad

/// The morning report: what needs an answer before Partner Center expires it, the funnel, the win rate, the
/// deal value by solution and the health of the pipelines, read from the analyst views (sql/views) as of one
/// moment. Rendered as text (`text()`) or as one self-contained HTML page (`html()`).
public struct MorningReport: Sendable, Equatable {
    /// The moment the views counted from (`referrals_as_of()`), as PostgreSQL prints it.
    public var asOf: String
    public var schema: String
    /// Incoming referrals still New, per deadline bucket, most urgent first (every bucket, zeros included).
    public var slaBuckets: [Count]
    /// The incoming referrals whose deadline comes next (not yet passed), soonest first.
    public var nextDeadlines: [Deadline]
    /// Referrals created per month over the last twelve months.
    public var funnel: [FunnelMonth]
    /// won / (won + lost) per quarter of creation over the last eight quarters.
    public var winRate: [WinRate]
    /// The same per solution over the last four quarters, the solutions with the most decided referrals first.
    public var winRateBySolution: [WinRate]
    /// The currency `dealValue` is in: the one most open referrals use.
    public var currency: String
    /// Open and won deal value per solution in `currency`, the largest open value first.
    public var dealValue: [SolutionValue]
    /// The last three runs of each pipeline.
    public var runs: [Run]

    /// A labelled count.
    public struct Count: Sendable, Equatable {
        public var label: String
        public var count: Int
    }

    /// A referral waiting for an answer.
    public struct Deadline: Sendable, Equatable {
        public var name: String
        public var customer: String
        public var hoursLeft: String
        public var expiresAt: String
    }

    /// One month of the funnel, all directions, types and qualifications together.
    public struct FunnelMonth: Sendable, Equatable {
        public var month: String
        public var created: Int
        public var accepted: Int
        public var won: Int
        public var lost: Int
        public var declined: Int
        public var expired: Int
        public var awaiting: Int
    }

    /// A win rate: `label` is a quarter or a solution; `percent` is won / (won + lost) in percent, one decimal.
    public struct WinRate: Sendable, Equatable {
        public var label: String
        public var won: Int
        public var lost: Int
        public var percent: String
    }

    /// Deal value of one solution in the report's currency, as exact decimal text.
    public struct SolutionValue: Sendable, Equatable {
        public var solution: String
        public var openReferrals: Int
        public var openValue: String
        public var wonReferrals: Int
        public var wonValue: String
    }

    /// One run of a pipeline.
    public struct Run: Sendable, Equatable {
        public var pipeline: String
        public var startedAt: String
        public var status: String
        public var mode: String
        public var inserted: Int
        public var updated: Int
        public var rejected: Int
        public var durationSeconds: String
        public var hoursSinceSuccess: String
    }
}
