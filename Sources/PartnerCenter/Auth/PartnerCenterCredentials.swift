import ETLCore
import Logging

/// How the client gets its bearer token: a fixed access token, or the App+User refresh-token flow.
public enum PartnerCenterCredentials: Sendable, Equatable {
    /// `PARTNER_CENTER_ACCESS_TOKEN`: used as is, never refreshed.
    case accessToken(Secret)
    /// The refresh-token flow. `refreshToken` may be nil when the token cache holds one (`referrals-etl login`).
    case refreshToken(endpoint: TokenEndpoint, refreshToken: Secret?, cachePath: String)

    /// The environment variables read by `fromEnvironment`.
    public enum Variable {
        public static let accessToken = "PARTNER_CENTER_ACCESS_TOKEN"
        public static let tenantID = "PARTNER_CENTER_TENANT_ID"
        public static let clientID = "PARTNER_CENTER_CLIENT_ID"
        public static let clientSecret = "PARTNER_CENTER_CLIENT_SECRET"
        public static let refreshToken = "PARTNER_CENTER_REFRESH_TOKEN"
        public static let authority = "PARTNER_CENTER_AUTHORITY_URL"
        /// Overrides the token cache path (default `~/.config/referrals-etl/token-cache.json`).
        public static let tokenCache = "PARTNER_CENTER_TOKEN_CACHE"
    }

    /// Picks the credentials from environment variables, purely (no file is read):
    /// `PARTNER_CENTER_ACCESS_TOKEN` wins; otherwise the refresh flow needs `PARTNER_CENTER_TENANT_ID`,
    /// `PARTNER_CENTER_CLIENT_ID` and `PARTNER_CENTER_CLIENT_SECRET` (the refresh token may come from the cache).
    /// Throws a `configuration` error naming the missing variables.
    public static func fromEnvironment(_ env: [String: String]) throws(PartnerCenterError) -> PartnerCenterCredentials {
        func value(_ name: String) -> String? {
            guard let text = env[name]?.trimmed, !text.isEmpty else { return nil }
            return text
        }
        if let token = value(Variable.accessToken) { return .accessToken(Secret(token)) }
        let required = [Variable.tenantID, Variable.clientID, Variable.clientSecret]
        let missing = required.filter { value($0) == nil }
        guard missing.isEmpty, let tenant = value(Variable.tenantID), let client = value(Variable.clientID),
            let secret = value(Variable.clientSecret)
        else {
            throw PartnerCenterError(
                .configuration,
                "no API credentials: set \(Variable.accessToken), or the refresh-token flow's variables; missing "
                    + missing.joined(separator: ", "),
                context: ["missing": missing.joined(separator: ",")])
        }
        let endpoint = TokenEndpoint(
            authority: value(Variable.authority) ?? TokenEndpoint.defaultAuthority, tenantID: tenant, clientID: client,
            clientSecret: Secret(secret))
        try endpoint.validate()
        return .refreshToken(
            endpoint: endpoint, refreshToken: value(Variable.refreshToken).map { Secret($0) },
            cachePath: value(Variable.tokenCache) ?? TokenCache.defaultPath(environment: env))
    }

    /// The token provider for these credentials.
    public func makeProvider(
        transport: any HTTPTransport, clock: any RetryClock = SystemRetryClock(), logger: Logger
    ) -> any TokenProvider {
        switch self {
        case .accessToken(let token):
            return StaticTokenProvider(token)
        case .refreshToken(let endpoint, let refreshToken, let cachePath):
            return RefreshTokenProvider(
                endpoint: endpoint, refreshToken: refreshToken, cache: TokenCache(path: cachePath),
                transport: transport, clock: clock, logger: logger)
        }
    }
}
