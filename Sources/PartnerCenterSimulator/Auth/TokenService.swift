/// Issues and checks tokens: access tokens, rotating refresh tokens with a grace period, and device codes.
/// Lives behind a lock in the simulator; times are real (monotonic) seconds.
struct TokenService: Sendable {
    /// The outcome of checking a bearer token.
    enum Check: Equatable {
        case valid
        case missing
        case invalid
        case expired
    }

    struct AccessToken: Sendable {
        var issuedAt: ContinuousClock.Instant
        var uses = 0
    }

    struct RefreshToken: Sendable {
        var supersededAt: ContinuousClock.Instant?
    }

    struct DeviceCode: Sendable {
        var userCode: String
        var scope: String
        var expiresAt: ContinuousClock.Instant
        var polls = 0
        var approved = false
        var redeemed = false
    }

    let configuration: AuthConfiguration
    private var rng: SplitMix64
    private var accessTokens: [String: AccessToken] = [:]
    private var refreshTokens: [String: RefreshToken]
    var deviceCodes: [String: DeviceCode] = [:]

    init(configuration: AuthConfiguration, seed: UInt64) {
        self.configuration = configuration
        self.rng = SplitMix64(seed: seed, stream: 0x70C3)
        self.refreshTokens = [configuration.initialRefreshToken: RefreshToken()]
    }

    /// Checks `token` for one API request and counts the use. Tokens from the token endpoint expire after
    /// `maxRequests` uses or `lifetime` seconds; static tokens never expire.
    mutating func check(_ token: String?, maxRequests: Int?, lifetime: Double?, now: ContinuousClock.Instant) -> Check {
        guard let token, !token.isEmpty else { return .missing }
        if configuration.staticAccessTokens.contains(token) { return .valid }
        guard var issued = accessTokens[token] else { return .invalid }
        issued.uses += 1
        accessTokens[token] = issued
        if let maxRequests, issued.uses > maxRequests { return .expired }
        if let lifetime, now - issued.issuedAt > .milliseconds(Int64(lifetime * 1000)) { return .expired }
        return .valid
    }

    /// A new access token and a new refresh token.
    mutating func issue(now: ContinuousClock.Instant) -> (access: String, refresh: String) {
        let access = "sim-at-" + rng.hex(40)
        let refresh = "sim-rt-" + rng.hex(40)
        accessTokens[access] = AccessToken(issuedAt: now)
        refreshTokens[refresh] = RefreshToken()
        return (access, refresh)
    }

    /// Redeems a refresh token: nil when unknown or past its grace; otherwise marks it replaced.
    mutating func redeem(refreshToken: String, now: ContinuousClock.Instant) -> Bool {
        guard var state = refreshTokens[refreshToken] else { return false }
        if let supersededAt = state.supersededAt {
            return now - supersededAt <= .milliseconds(Int64(configuration.refreshTokenGraceSeconds * 1000))
        }
        state.supersededAt = now
        refreshTokens[refreshToken] = state
        return true
    }

    /// Starts a device-code flow: (device code, user code).
    mutating func startDeviceCode(scope: String, now: ContinuousClock.Instant) -> (String, String) {
        let device = "sim-dc-" + rng.hex(32)
        let letters = Array("BCDFGHJKLMNPQRSTVWXZ23456789")
        let user = String((0..<9).map { _ in letters[rng.int(0..<letters.count)] })
        deviceCodes[device] = DeviceCode(
            userCode: user, scope: scope, expiresAt: now + .seconds(configuration.deviceCodeExpiresIn))
        return (device, user)
    }

    /// Approves the device code with `userCode`; false when there is none.
    mutating func approve(userCode: String) -> Bool {
        guard let key = deviceCodes.first(where: { $0.value.userCode == userCode })?.key else { return false }
        deviceCodes[key]?.approved = true
        return true
    }
}
