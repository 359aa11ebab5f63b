/// Everything a simulator instance is started with (`simulate` flags map one to one onto these fields).
public struct SimulatorConfiguration: Sendable, Equatable {
    /// The loopback address to bind.
    public var host = "127.0.0.1"
    /// The port to bind; 0 picks a free one (see `PartnerCenterSimulator.start()`).
    public var port = 0
    /// How many referrals are generated at start.
    public var referralCount = 5000
    /// The seed of the data (and of tokens); the same seed and count give the same referrals.
    public var seed: UInt64 = 42
    /// Referrals per page (the API's documented maximum is 100).
    public var pageSize = 100
    /// The app, its credentials and token behaviour.
    public var auth = AuthConfiguration()
    /// The faults in effect from the start.
    public var faults = FaultConfiguration()
    /// When set, this many mutations a minute happen by themselves (one changed referral each, and one new
    /// referral every fifth).
    public var mutationsPerMinute: Double?
    /// Share (0...1) of the generated referrals created in the three days before the data's start rather than
    /// across two years: skewed data, for sliced reads (`referrals-etl run --slices`).
    public var burstShare = 0.0
    /// Event-loop threads serving requests.
    public var threads = 2

    /// The defaults above.
    public init() {}

    /// A configuration with the usual knobs set.
    public init(referralCount: Int, seed: UInt64 = 42, pageSize: Int = 100, accessTokens: [String] = []) {
        self.referralCount = referralCount
        self.seed = seed
        self.pageSize = pageSize
        self.auth.staticAccessTokens = accessTokens
    }
}
