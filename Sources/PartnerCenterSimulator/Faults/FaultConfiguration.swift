/// The misbehaviours the simulator can inject, each off by default. Settable at start
/// (`SimulatorConfiguration.faults`, `simulate` flags), at run time (`POST /admin/faults` with this as JSON,
/// missing keys taking their defaults) and in process (`PartnerCenterSimulator.setFaults`).
///
/// Decisions draw from a generator seeded with `seed`, reset whenever faults are set, so a test that sets
/// faults and then makes requests one at a time sees the same faults every run.
public struct FaultConfiguration: Sendable, Equatable, Codable {
    /// How the duplicate-ids fault repeats a referral on a later page.
    public enum DuplicateVersion: String, Sendable, Codable, CaseIterable {
        /// The later page carries an older version (newest-wins must keep the first).
        case older
        /// The earlier page carries an older version and the later page the current one.
        case newer
        /// Both carry the same version.
        case same
    }

    /// Seed of the fault decisions.
    public var seed: UInt64 = 1
    /// Share (0...1) of API requests answered 429 with `Retry-After`.
    public var throttleRate: Double = 0
    /// The `Retry-After` seconds of a 429 (and of a 503).
    public var retryAfterSeconds: Int = 1
    /// Share (0...1) of API requests answered 500 or 503 (half each).
    public var serverErrorRate: Double = 0
    /// Delay before each list page or by-id answer, in milliseconds.
    public var pageDelayMilliseconds: Int = 0
    /// Access tokens from the token endpoint stop working after this many API requests (then 401 `unauthenticated`).
    public var accessTokenMaxRequests: Int?
    /// Access tokens from the token endpoint stop working this many seconds after issue.
    public var accessTokenLifetimeSeconds: Double?
    /// The K-th list page served after faults are set (1-based) is cut in half, once; `Content-Length` matches.
    public var truncatePage: Int?
    /// The K-th list page served after faults are set is dropped mid-body, once: the connection closes after
    /// half of the declared `Content-Length`.
    public var dropConnectionPage: Int?
    /// nextLinks point at this base URL (`http://127.0.0.1:9999`) instead of the simulator's own.
    public var foreignNextLinkBaseURL: String?
    /// Share (0...1) of page boundaries after which a referral of an earlier page appears again.
    public var duplicateRate: Double = 0
    /// Which version the repeated referral carries.
    public var duplicateVersion: DuplicateVersion = .older
    /// nextLinks in the documented odd form `http://HOST:PORT/v1.0/referrals?$skiptoken=...`.
    public var oddNextLinks = false
    /// `/v1.0/referrals` answers 404 (so the client must fall back to `/v1.0/engagements/referrals`).
    public var legacyPathNotFound = false
    /// These referrals are served with a defect the warehouse cannot store, alternating by position in this
    /// list: an unparsable `updatedDateTime` (even positions) or a non-numeric `details.dealValue` (odd).
    public var malformedIDs: [String] = []

    /// No faults.
    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = FaultConfiguration()
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        throttleRate = try c.decodeIfPresent(Double.self, forKey: .throttleRate) ?? d.throttleRate
        retryAfterSeconds = try c.decodeIfPresent(Int.self, forKey: .retryAfterSeconds) ?? d.retryAfterSeconds
        serverErrorRate = try c.decodeIfPresent(Double.self, forKey: .serverErrorRate) ?? d.serverErrorRate
        pageDelayMilliseconds =
            try c.decodeIfPresent(Int.self, forKey: .pageDelayMilliseconds) ?? d.pageDelayMilliseconds
        accessTokenMaxRequests = try c.decodeIfPresent(Int.self, forKey: .accessTokenMaxRequests)
        accessTokenLifetimeSeconds = try c.decodeIfPresent(Double.self, forKey: .accessTokenLifetimeSeconds)
        truncatePage = try c.decodeIfPresent(Int.self, forKey: .truncatePage)
        dropConnectionPage = try c.decodeIfPresent(Int.self, forKey: .dropConnectionPage)
        foreignNextLinkBaseURL = try c.decodeIfPresent(String.self, forKey: .foreignNextLinkBaseURL)
        duplicateRate = try c.decodeIfPresent(Double.self, forKey: .duplicateRate) ?? d.duplicateRate
        duplicateVersion = try c.decodeIfPresent(DuplicateVersion.self, forKey: .duplicateVersion) ?? d.duplicateVersion
        oddNextLinks = try c.decodeIfPresent(Bool.self, forKey: .oddNextLinks) ?? d.oddNextLinks
        legacyPathNotFound = try c.decodeIfPresent(Bool.self, forKey: .legacyPathNotFound) ?? d.legacyPathNotFound
        malformedIDs = try c.decodeIfPresent([String].self, forKey: .malformedIDs) ?? d.malformedIDs
    }
}
