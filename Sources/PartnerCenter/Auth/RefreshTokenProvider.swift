import ETLCore
import Logging

/// The App+User refresh-token flow (reference §2): exchanges a refresh token for an access token at
/// `{authority}/{tenant}/oauth2/v2.0/token`, caches it until shortly before expiry, and persists every rotated
/// refresh token to the `TokenCache` (see `docs/extract.md`, "Tokens").
///
/// Refresh tokens tried, in order: the newest one this process holds, the cache file's, the environment's.
/// A rejected one (`invalid_grant`) moves on to the next; `invalid_client` stops at once.
public actor RefreshTokenProvider: TokenProvider {
    private let endpoint: TokenEndpoint
    private let environmentRefreshToken: Secret?
    private let cache: TokenCache?
    private let transport: any HTTPTransport
    private let clock: any RetryClock
    private let logger: Logger
    /// Seconds before expiry at which a cached access token is no longer used.
    private let expirySkew: Int64

    private var current: (token: Secret, expires: Timestamp)?
    private var newestRefreshToken: Secret?
    private var inFlight: Task<Secret, any Error>?
    /// How many token requests succeeded (for tests and logs).
    public private(set) var refreshCount = 0

    public init(
        endpoint: TokenEndpoint, refreshToken: Secret?, cache: TokenCache?, transport: any HTTPTransport,
        clock: any RetryClock = SystemRetryClock(), logger: Logger, expirySkew: Int64 = 120
    ) {
        self.endpoint = endpoint
        self.environmentRefreshToken = refreshToken.flatMap { $0.isEmpty ? nil : $0 }
        self.cache = cache
        self.transport = transport
        self.clock = clock
        self.logger = logger
        self.expirySkew = expirySkew
    }

    public func accessToken() async throws -> Secret {
        if let current, clock.now() < current.expires.adding(seconds: -expirySkew) { return current.token }
        return try await refresh()
    }

    public func refreshAfterRejection(of rejected: Secret) async throws -> Secret {
        if let current, current.token != rejected, clock.now() < current.expires.adding(seconds: -expirySkew) {
            return current.token
        }
        current = nil
        return try await refresh()
    }

    /// One refresh at a time: concurrent callers share the request in flight.
    private func refresh() async throws -> Secret {
        if let inFlight { return try await inFlight.value }
        let task = Task { try await self.exchange() }
        inFlight = task
        defer { inFlight = nil }
        return try await task.value
    }

    private func exchange() async throws -> Secret {
        var candidates: [Secret] = []
        for token in [newestRefreshToken, cache?.refreshToken(for: endpoint.cacheKey), environmentRefreshToken] {
            if let token, !candidates.contains(token) { candidates.append(token) }
        }
        guard !candidates.isEmpty else {
            throw PartnerCenterError(
                .configuration, "no refresh token: set PARTNER_CENTER_REFRESH_TOKEN or run `referrals-etl login`")
        }
        try cache?.checkWritable()
        var lastRejection: TokenResponse?
        for (position, refreshToken) in candidates.enumerated() {
            let request = endpoint.formRequest(
                endpoint.tokenURL,
                [("grant_type", "refresh_token"), ("refresh_token", refreshToken.revealed), ("scope", endpoint.scope)])
            let (status, answer) = try await TokenRequests.send(request, transport: transport, clock: clock)
            if status == 200, let accessToken = answer.accessToken {
                let lifetime = answer.expiresIn ?? 3600
                current = (accessToken, clock.now().adding(seconds: lifetime))
                refreshCount += 1
                let rotated = answer.refreshToken ?? refreshToken
                newestRefreshToken = rotated
                if let cache, answer.refreshToken != nil {
                    do {
                        try cache.store(rotated, for: endpoint.cacheKey, now: clock.now())
                    } catch {
                        throw PartnerCenterError(
                            .configuration,
                            "the rotated refresh token could not be saved to \(cache.path) (\(error.message)); the old "
                                + "one is used up: fix the cache's permissions, then sign in again with "
                                + "`referrals-etl login` (or set a new PARTNER_CENTER_REFRESH_TOKEN)",
                            context: error.context, underlying: error)
                    }
                }
                logger.debug(
                    "access token refreshed",
                    metadata: ["token.lifetime_s": "\(lifetime)", "token.candidate": "\(position + 1)"])
                return accessToken
            }
            if answer.error == "invalid_grant" {
                logger.debug("refresh token rejected; trying the next one", metadata: answer.logMetadata)
                lastRejection = answer
                continue
            }
            throw TokenRequests.failure(status: status, answer: answer)
        }
        throw PartnerCenterError(
            .credentialsRejected,
            "every refresh token was rejected (invalid_grant): it expired (90 days without use), was revoked, or the "
                + "password changed; run `referrals-etl login` or set a new PARTNER_CENTER_REFRESH_TOKEN",
            context: lastRejection?.context ?? [:])
    }
}

extension TokenResponse {
    var logMetadata: Logger.Metadata { context.mapValues { .string($0) } }
}
