/// `POST /{tenant}/oauth2/v2.0/token` (refresh-token and device-code grants) and
/// `POST /{tenant}/oauth2/v2.0/devicecode`, answering as Entra ID does.
struct TokenEndpoint: Sendable {
    let state: SimulatorState
    static let defaultScope = "https://api.partner.microsoft.com/user_impersonation offline_access"

    /// Routes a request under `/{tenant}/oauth2/v2.0/`; `action` is `token` or `devicecode`.
    func handle(_ request: SimulatorRequest, tenant: String, action: String) -> SimulatorResponse {
        guard request.method == "POST" else {
            return .oauthError(405, "invalid_request", "AADSTS900561: The endpoint only accepts POST requests.")
        }
        let auth = state.configuration.auth
        if let expected = auth.tenantID, expected != tenant, tenant != "common", tenant != "organizations" {
            return .oauthError(400, "invalid_request", "AADSTS90002: Tenant '\(tenant)' not found.")
        }
        let form = Dictionary(
            FormURLEncoding.decode(String(decoding: request.body, as: UTF8.self)).map { ($0.name, $0.value) },
            uniquingKeysWith: { first, _ in first })
        guard form["client_id"] == auth.clientID else {
            return .oauthError(
                400, "invalid_client",
                "AADSTS700016: Application with identifier '\(form["client_id"] ?? "")' was not found.")
        }
        if let secret = form["client_secret"], secret != auth.clientSecret {
            return .oauthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.")
        }
        if action == "devicecode" { return deviceCode(scope: form["scope"] ?? Self.defaultScope) }
        switch form["grant_type"] {
        case "refresh_token"?:
            guard form["client_secret"] != nil else {
                return .oauthError(
                    401, "invalid_client", "AADSTS7000218: The request body must contain 'client_secret'.")
            }
            let now = ContinuousClock.now
            let redeemed = state.tokens.withLock { $0.redeem(refreshToken: form["refresh_token"] ?? "", now: now) }
            guard redeemed else {
                return .oauthError(
                    400, "invalid_grant", "AADSTS70000: The provided value for 'refresh_token' is not valid.")
            }
            return tokens(scope: form["scope"] ?? Self.defaultScope)
        case "urn:ietf:params:oauth:grant-type:device_code"?:
            return pollDeviceCode(form["device_code"] ?? "")
        case nil:
            return .oauthError(400, "invalid_request", "AADSTS900144: The request body must contain 'grant_type'.")
        case let other?:
            return .oauthError(
                400, "unsupported_grant_type", "AADSTS70003: The grant type '\(other)' is not supported.")
        }
    }

    private func tokens(scope: String) -> SimulatorResponse {
        let now = ContinuousClock.now
        let (access, refresh) = state.tokens.withLock { $0.issue(now: now) }
        let body = JSONObject([
            "token_type": .string("Bearer"), "scope": .string(scope),
            "expires_in": .number(String(state.configuration.auth.accessTokenExpiresIn)),
            "ext_expires_in": .number(String(state.configuration.auth.accessTokenExpiresIn)),
            "access_token": .string(access), "refresh_token": .string(refresh),
        ])
        return .json(200, JSONValue.object(body).renderedBytes())
    }

    private func deviceCode(scope: String) -> SimulatorResponse {
        let (device, user) = state.tokens.withLock { $0.startDeviceCode(scope: scope, now: .now) }
        let auth = state.configuration.auth
        let uri = "https://microsoft.com/devicelogin"
        let body = JSONObject([
            "device_code": .string(device), "user_code": .string(user), "verification_uri": .string(uri),
            "expires_in": .number(String(auth.deviceCodeExpiresIn)),
            "interval": .number(String(auth.deviceCodeInterval)),
            "message": .string(
                "To sign in, use a web browser to open the page \(uri) and enter the code \(user) to authenticate."),
        ])
        return .json(200, JSONValue.object(body).renderedBytes())
    }

    private func pollDeviceCode(_ device: String) -> SimulatorResponse {
        let autoApprove = state.configuration.auth.deviceCodeAutoApproveAfterPolls
        let now = ContinuousClock.now
        enum Outcome { case unknown, expired, pending, redeemed, approved(String) }
        let outcome: Outcome = state.tokens.withLock { tokens in
            guard var code = tokens.deviceCodes[device] else { return .unknown }
            defer { tokens.deviceCodes[device] = code }
            if code.redeemed { return .redeemed }
            if now > code.expiresAt { return .expired }
            if !code.approved, let autoApprove, code.polls >= autoApprove { code.approved = true }
            guard code.approved else {
                code.polls += 1
                return .pending
            }
            code.redeemed = true
            return .approved(code.scope)
        }
        switch outcome {
        case .unknown: return .oauthError(400, "invalid_grant", "AADSTS70000: The provided device code is not valid.")
        case .redeemed: return .oauthError(400, "invalid_grant", "AADSTS54005: The device code was already redeemed.")
        case .expired: return .oauthError(400, "expired_token", "AADSTS70020: The provided device code has expired.")
        case .pending:
            return .oauthError(
                400, "authorization_pending", "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending.")
        case .approved(let scope): return tokens(scope: scope)
        }
    }
}
