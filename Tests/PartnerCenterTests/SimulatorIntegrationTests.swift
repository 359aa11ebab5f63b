import ETLCore
import Foundation
import Logging
import PartnerCenter
import PartnerCenterSimulator
import Testing

/// The client against the in-process simulator over real HTTP: one test per fault. Every test captures the
/// client's log output at trace level and checks that no secret appears in it.
@Suite(.serialized) struct SimulatorIntegrationTests {
    /// A transport over real HTTP that remembers every bearer token it sent (to look for them in the logs) and can
    /// rewrite response bodies (to stage a nextLink loop the simulator does not offer).
    final class RecordingTransport: HTTPTransport, @unchecked Sendable {
        let inner = AsyncHTTPClientTransport(connectTimeout: 2, readTimeout: 10)
        private let lock = NSLock()
        private var secrets: Set<String> = []
        private var count = 0
        let rewrite: (@Sendable (Int, HTTPResponse) -> HTTPResponse)?

        init(rewrite: (@Sendable (Int, HTTPResponse) -> HTTPResponse)? = nil) { self.rewrite = rewrite }

        var sentSecrets: Set<String> { lock.withLock { secrets } }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            if let auth = request.header("Authorization") {
                lock.withLock { _ = secrets.insert(String(auth.dropFirst("Bearer ".count))) }
            }
            var response = try await inner.send(request)
            if let text = String(validating: response.body, as: UTF8.self), text.contains("access_token") {
                for key in ["access_token", "refresh_token"] {
                    if let value = Self.field(key, in: text) { lock.withLock { _ = secrets.insert(value) } }
                }
            }
            if let rewrite, request.header("Authorization") != nil {
                let index = lock.withLock {
                    count += 1
                    return count
                }
                response = rewrite(index, response)
            }
            return response
        }

        static func field(_ key: String, in text: String) -> String? {
            guard let range = text.range(of: "\"\(key)\":\"") else { return nil }
            return String(text[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    /// The real clock, recording each retry wait.
    final class RecordingClock: RetryClock, @unchecked Sendable {
        private let lock = NSLock()
        private var slept: [Double] = []
        let system = SystemRetryClock()
        var sleeps: [Double] { lock.withLock { slept } }
        func now() -> Timestamp { system.now() }
        func sleep(seconds: Double) async throws {
            lock.withLock { slept.append(seconds) }
            try await system.sleep(seconds: seconds)
        }
        func random() -> Double { 0.05 }
    }

    struct Run {
        var pages: [ReferralPage] = []
        var error: PartnerCenterError?
        var ids: [String] { pages.flatMap(\.referrals).map(\.id) }
    }

    static let secretsAlwaysChecked = ["sim-client-secret", "sim-refresh-token", "static-token-xyz"]

    /// Starts a simulator, runs `body`, checks the captured log for secrets, stops the simulator.
    static func withSimulator(
        referrals: Int = 250, pageSize: Int = 50, faults: FaultConfiguration = FaultConfiguration(),
        auth: (inout AuthConfiguration) -> Void = { _ in },
        _ body: (PartnerCenterSimulator, Logger, RecordingTransport) async throws -> Void,
        transport: RecordingTransport = RecordingTransport()
    ) async throws {
        var configuration = SimulatorConfiguration(
            referralCount: referrals, pageSize: pageSize, accessTokens: ["static-token-xyz"])
        configuration.faults = faults
        auth(&configuration.auth)
        let simulator = PartnerCenterSimulator(configuration: configuration)
        try await simulator.start()
        let (logger, store) = CapturingLogHandler.logger()
        do {
            try await body(simulator, logger, transport)
        } catch {
            try await simulator.stop()
            throw error
        }
        try await simulator.stop()
        let lines = store.all
        #expect(!lines.isEmpty)
        for secret in Set(secretsAlwaysChecked).union(transport.sentSecrets) where !secret.isEmpty {
            #expect(!lines.contains { $0.contains(secret) }, "a log line contains a secret")
        }
    }

    static func refreshEnvironment(
        _ simulator: PartnerCenterSimulator, cache: String, secret: String = "sim-client-secret",
        refreshToken: String = "sim-refresh-token"
    ) -> [String: String] {
        [
            "PARTNER_CENTER_API_BASE_URL": simulator.baseURL, "PARTNER_CENTER_AUTHORITY_URL": simulator.baseURL,
            "PARTNER_CENTER_TENANT_ID": "contoso", "PARTNER_CENTER_CLIENT_ID": "sim-client-id",
            "PARTNER_CENTER_CLIENT_SECRET": secret, "PARTNER_CENTER_REFRESH_TOKEN": refreshToken,
            "PARTNER_CENTER_TOKEN_CACHE": cache,
        ]
    }

    /// Timeouts and budget generous enough for a full parallel suite on 2 loaded cores: these tests check what
    /// is retried and how long each wait is, not how fast a loaded machine answers.
    static func staticConfiguration(
        _ simulator: PartnerCenterSimulator, token: String = "static-token-xyz", budget: Double = 300
    )
        -> PartnerCenterConfiguration
    {
        PartnerCenterConfiguration(
            baseURL: simulator.baseURL, credentials: .accessToken(Secret(token)), connectTimeout: 10, readTimeout: 30,
            retryBudget: budget, userAgentVersion: "test")
    }

    static func run(
        _ configuration: PartnerCenterConfiguration, _ logger: Logger, _ transport: RecordingTransport,
        clock: any RetryClock = RecordingClock(), query: ReferralQuery = ReferralQuery(orderBy: "createdDateTime asc")
    ) async throws -> Run {
        let client = try PartnerCenterClient(
            configuration: configuration, logger: logger, transport: transport, clock: clock)
        var run = Run()
        do {
            for try await page in client.pages(query) { run.pages.append(page) }
        } catch let error as PartnerCenterError {
            run.error = error
        }
        return run
    }

    static func apiRequests(_ simulator: PartnerCenterSimulator) -> [RequestLogEntry] {
        simulator.requests().filter { $0.path.contains("/referrals") }
    }

    @Test func throttlingStormFinishesAndWaitsAsTold() async throws {
        var faults = FaultConfiguration()
        faults.throttleRate = 0.4
        faults.retryAfterSeconds = 1
        try await Self.withSimulator(referrals: 200, faults: faults) { simulator, logger, transport in
            let clock = RecordingClock()
            let run = try await Self.run(Self.staticConfiguration(simulator), logger, transport, clock: clock)
            #expect(run.error == nil)
            #expect(Set(run.ids).count == 200)
            let throttled = Self.apiRequests(simulator).filter { $0.status == 429 }.count
            #expect(throttled > 0)
            #expect(clock.sleeps == Array(repeating: 1.0, count: throttled))
        }
    }

    @Test func serverErrorsRecover() async throws {
        var faults = FaultConfiguration()
        faults.serverErrorRate = 0.5
        faults.retryAfterSeconds = 1
        try await Self.withSimulator(referrals: 400, faults: faults) { simulator, logger, transport in
            let run = try await Self.run(Self.staticConfiguration(simulator), logger, transport)
            #expect(run.error == nil)
            #expect(Set(run.ids).count == 400)
            let requests = Self.apiRequests(simulator)
            #expect(requests.contains { $0.status >= 500 })
            // A retry keeps its request id; each page has its own.
            #expect(Set(requests.compactMap(\.clientRequestId)).count == run.pages.count)
            #expect(Set(requests.compactMap(\.correlationId)).count == 1)
        }
    }

    @Test func tokenExpiryRefreshesOncePerExpiryAndRotationLandsInTheCache() async throws {
        var faults = FaultConfiguration()
        faults.accessTokenMaxRequests = 2
        let cache = NSTemporaryDirectory() + "int-\(UUID().uuidString)/token-cache.json"
        try await Self.withSimulator(referrals: 250, faults: faults) { simulator, logger, transport in
            var configuration = try PartnerCenterConfiguration.fromEnvironment(
                Self.refreshEnvironment(simulator, cache: cache), userAgentVersion: "test")
            configuration.connectTimeout = 2
            let run = try await Self.run(configuration, logger, transport)
            #expect(run.error == nil)
            #expect(Set(run.ids).count == 250)
            let all = simulator.requests()
            let refreshes = all.filter { $0.path.hasSuffix("/oauth2/v2.0/token") }.count
            let rejections = all.filter { $0.path.contains("/referrals") && $0.status == 401 }.count
            #expect(rejections >= 2)
            #expect(refreshes == rejections + 1)
            let attributes = try FileManager.default.attributesOfItem(atPath: cache)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let text = try String(contentsOfFile: cache, encoding: .utf8)
            let stored = try #require(
                RecordingTransport.field("refreshToken", in: text.replacingOccurrences(of: "\" : \"", with: "\":\"")))
            #expect(stored != "sim-refresh-token")
            #expect(transport.sentSecrets.contains(stored))
        }
    }

    @Test func truncatedPageAndDroppedConnectionAreRetried() async throws {
        var faults = FaultConfiguration()
        faults.truncatePage = 2
        faults.dropConnectionPage = 4
        try await Self.withSimulator(referrals: 250, faults: faults) { simulator, logger, transport in
            let run = try await Self.run(Self.staticConfiguration(simulator), logger, transport)
            #expect(run.error == nil)
            #expect(Set(run.ids).count == 250)
            #expect(run.pages.count == 5)
            #expect(Self.apiRequests(simulator).count >= 7)
        }
    }

    @Test func foreignHostNextLinkIsRefusedAndTheForeignServerReceivesNothing() async throws {
        var foreignConfiguration = SimulatorConfiguration(referralCount: 10, accessTokens: [])
        foreignConfiguration.host = "127.0.0.2"
        let foreign = PartnerCenterSimulator(configuration: foreignConfiguration)
        try await foreign.start()
        var faults = FaultConfiguration()
        faults.foreignNextLinkBaseURL = foreign.baseURL
        try await Self.withSimulator(faults: faults) { simulator, logger, transport in
            let run = try await Self.run(Self.staticConfiguration(simulator), logger, transport)
            #expect(run.pages.count == 1)
            #expect(run.error?.code == .foreignHost)
            #expect(run.error?.description.contains("127.0.0.2") == true)
            #expect(run.error?.disposition == .dataUnusable)
        }
        #expect(foreign.requests().isEmpty)
        try await foreign.stop()
    }

    @Test func loopingNextLinkStops() async throws {
        // Real HTTP, but page 3's nextLink is replaced by page 1's: the simulator has no loop fault of its own.
        let firstLink = LockedBox<String?>(nil)
        let transport = RecordingTransport { index, response in
            guard let text = String(validating: response.body, as: UTF8.self),
                let link = RecordingTransport.field("@odata.nextLink", in: text)
            else { return response }
            if index == 1 { firstLink.set(link) }
            guard index == 3, let first = firstLink.get() else { return response }
            var looped = response
            looped.body = Array(text.replacingOccurrences(of: link, with: first).utf8)
            return looped
        }
        try await Self.withSimulator(
            referrals: 250,
            { simulator, logger, transport in
                let run = try await Self.run(Self.staticConfiguration(simulator), logger, transport)
                #expect(run.error?.code == .pagingLoop)
                #expect(run.pages.count == 3)
            }, transport: transport)
    }

    @Test(arguments: [false, true])
    func documentedOddNextLinksWork(legacyPathNotFound: Bool) async throws {
        var faults = FaultConfiguration()
        faults.oddNextLinks = true
        faults.legacyPathNotFound = legacyPathNotFound
        try await Self.withSimulator(referrals: 200, faults: faults) { simulator, logger, transport in
            let run = try await Self.run(Self.staticConfiguration(simulator), logger, transport)
            #expect(run.error == nil)
            #expect(Set(run.ids).count == 200)
            let requests = Self.apiRequests(simulator)
            let notFound = requests.filter { $0.status == 404 }.count
            #expect(notFound == (legacyPathNotFound ? 1 : 0))
        }
    }

    @Test func budgetExhaustionIsTemporary() async throws {
        var faults = FaultConfiguration()
        faults.throttleRate = 1
        faults.retryAfterSeconds = 1
        try await Self.withSimulator(faults: faults) { simulator, logger, transport in
            let clock = RecordingClock()
            // The budget is wall-clock: two 1 s waits and their attempts fit in 2.5 s, a third does not.
            let run = try await Self.run(
                Self.staticConfiguration(simulator, budget: 2.5), logger, transport, clock: clock)
            #expect(run.error?.disposition == .temporary)
            #expect(run.error?.code == .unavailable)
            #expect(clock.sleeps == [1, 1])
        }
    }

    @Test func badCredentialsAreRejected() async throws {
        let cache = NSTemporaryDirectory() + "int-\(UUID().uuidString)/token-cache.json"
        try await Self.withSimulator { simulator, logger, transport in
            let badToken = try await Self.run(
                Self.staticConfiguration(simulator, token: "wrong-token"), logger, transport)
            #expect(badToken.error?.disposition == .credentialsRejected)
            for env in [
                Self.refreshEnvironment(simulator, cache: cache, secret: "wrong-secret"),
                Self.refreshEnvironment(simulator, cache: cache, refreshToken: "wrong-refresh-token"),
            ] {
                let configuration = try PartnerCenterConfiguration.fromEnvironment(env, userAgentVersion: "test")
                let run = try await Self.run(configuration, logger, transport)
                #expect(run.error?.disposition == .credentialsRejected)
                #expect(run.pages.isEmpty)
                #expect(run.error.map { !$0.description.contains("wrong-") } ?? false)
            }
        }
    }

    @Test func deviceCodeLoginStoresTheRefreshToken() async throws {
        let cache = NSTemporaryDirectory() + "int-\(UUID().uuidString)/token-cache.json"
        try await Self.withSimulator(auth: { $0.deviceCodeAutoApproveAfterPolls = 1 }) { simulator, logger, transport in
            let endpoint = TokenEndpoint(authority: simulator.baseURL, tenantID: "contoso", clientID: "sim-client-id")
            let prompts = LockedBox<DeviceCodePrompt?>(nil)
            let token = try await DeviceCodeLogin(endpoint: endpoint, transport: transport, logger: logger)
                .run(cache: TokenCache(path: cache)) { prompts.set($0) }
            #expect(prompts.get()?.userCode.isEmpty == false)
            #expect(TokenCache(path: cache).refreshToken(for: endpoint.cacheKey) == token)
        }
    }
}

/// A value behind a lock, for test closures.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}
