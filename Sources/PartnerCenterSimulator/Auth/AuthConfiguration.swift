/// The identity side of the simulator: the one registered app, its credentials, and token behaviour.
public struct AuthConfiguration: Sendable, Equatable {
    /// The tenant accepted in `/{tenant}/oauth2/v2.0/...`; nil accepts any.
    public var tenantID: String?
    public var clientID = "sim-client-id"
    public var clientSecret = "sim-client-secret"
    /// The refresh token that works from the start (what `login` would have stored).
    public var initialRefreshToken = "sim-refresh-token"
    /// Bearer tokens that always work, besides those the token endpoint issues (`simulate --access-token`).
    public var staticAccessTokens: [String] = []
    /// After a refresh token is used (and so replaced), how long it keeps working.
    public var refreshTokenGraceSeconds: Double = 3600
    /// The `expires_in` the token endpoint reports.
    public var accessTokenExpiresIn = 3600
    /// Device codes are approved by themselves after this many `authorization_pending` polls; nil waits for
    /// `POST /admin/devicecode/approve?user_code=...`.
    public var deviceCodeAutoApproveAfterPolls: Int?
    /// The polling `interval` the device-code endpoint reports, in seconds.
    public var deviceCodeInterval = 1
    /// The device code's `expires_in`, in seconds.
    public var deviceCodeExpiresIn = 900

    /// The defaults above.
    public init() {}
}
