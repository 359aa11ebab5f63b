import ETLCore

/// Supplies the bearer token for API requests (see `docs/extract.md`, "Tokens").
public protocol TokenProvider: Sendable {
    /// A currently valid access token (cached while it lasts).
    func accessToken() async throws -> Secret
    /// Called once after the API answered 401 to `rejected`: returns a fresh token, or throws a
    /// `PartnerCenterError` with code `credentialsRejected` when no fresh token can be had.
    func refreshAfterRejection(of rejected: Secret) async throws -> Secret
}

/// A fixed access token (`PARTNER_CENTER_ACCESS_TOKEN`): for short runs and tests; it cannot be refreshed.
public struct StaticTokenProvider: TokenProvider {
    private let token: Secret

    public init(_ token: Secret) { self.token = token }

    public func accessToken() async throws -> Secret { token }

    public func refreshAfterRejection(of rejected: Secret) async throws -> Secret {
        throw PartnerCenterError(
            .credentialsRejected,
            "the API rejected PARTNER_CENTER_ACCESS_TOKEN (401): it has probably expired (access tokens last about "
                + "an hour); use the refresh-token flow (PARTNER_CENTER_TENANT_ID, _CLIENT_ID, _CLIENT_SECRET, "
                + "_REFRESH_TOKEN or `referrals-etl login`)")
    }
}
