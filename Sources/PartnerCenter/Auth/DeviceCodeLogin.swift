import ETLCore
import Logging

/// What the person at the terminal must do to sign in.
public struct DeviceCodePrompt: Sendable, Equatable {
    /// Where to sign in, e.g. `https://microsoft.com/devicelogin`.
    public var verificationURI: String
    /// The code to type there.
    public var userCode: String
    /// The identity platform's own instructions, when it sent some.
    public var message: String?
    /// Seconds before the code expires.
    public var expiresIn: Int64
}

/// The OAuth 2.0 device-code flow (`referrals-etl login`): gets a refresh token once, interactively, and stores
/// it in the `TokenCache` for unattended runs. See `docs/extract.md`, "Tokens".
public struct DeviceCodeLogin: Sendable {
    let endpoint: TokenEndpoint
    let transport: any HTTPTransport
    let clock: any RetryClock
    let logger: Logger

    public init(
        endpoint: TokenEndpoint, transport: any HTTPTransport, clock: any RetryClock = SystemRetryClock(),
        logger: Logger
    ) {
        self.endpoint = endpoint
        self.transport = transport
        self.clock = clock
        self.logger = logger
    }

    /// Requests a device code, shows it through `prompt`, polls until the user signs in (honouring `interval`,
    /// `authorization_pending`, `slow_down`, `expired_token`), stores the refresh token in `cache` and returns it.
    public func run(cache: TokenCache, prompt: @Sendable (DeviceCodePrompt) -> Void) async throws -> Secret {
        let start = endpoint.formRequest(endpoint.deviceCodeURL, [("scope", endpoint.scope)], includeSecret: false)
        let (status, code) = try await TokenRequests.send(start, transport: transport, clock: clock)
        guard status == 200, let deviceCode = code.deviceCode, let userCode = code.userCode,
            let verificationURI = code.verificationURI
        else { throw TokenRequests.failure(status: status, answer: code) }
        let lifetime = code.expiresIn ?? 900
        prompt(
            DeviceCodePrompt(
                verificationURI: verificationURI, userCode: userCode, message: code.message, expiresIn: lifetime))
        let deadline = clock.now().adding(seconds: lifetime)
        var interval = max(1, code.interval ?? 5)
        while clock.now() < deadline {
            try await clock.sleep(seconds: Double(interval))
            let poll = endpoint.formRequest(
                endpoint.tokenURL,
                [("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", deviceCode.revealed)])
            let (status, answer) = try await TokenRequests.send(poll, transport: transport, clock: clock)
            if status == 200, answer.accessToken != nil {
                guard let refreshToken = answer.refreshToken else {
                    throw PartnerCenterError(
                        .configuration,
                        "signed in, but no refresh token came back: the scope must include offline_access")
                }
                try cache.store(refreshToken, for: endpoint.cacheKey, now: clock.now())
                logger.info("refresh token stored", metadata: ["path": "\(cache.path)"])
                return refreshToken
            }
            switch answer.error {
            case "authorization_pending":
                continue
            case "slow_down":
                interval += 5
            case "expired_token":
                throw PartnerCenterError(
                    .credentialsRejected, "the code expired before sign-in; run `referrals-etl login` again")
            case "authorization_declined", "access_denied":
                throw PartnerCenterError(.credentialsRejected, "sign-in was declined", context: answer.context)
            default:
                throw TokenRequests.failure(status: status, answer: answer)
            }
        }
        throw PartnerCenterError(
            .credentialsRejected, "the code expired before sign-in; run `referrals-etl login` again")
    }
}
