import Foundation
import Logging

/// A local stand-in for the Partner Center referrals API, for tests, `demo` and benchmarks (docs/simulator.md).
///
/// ```swift
/// let simulator = PartnerCenterSimulator(configuration: .init(referralCount: 500, accessTokens: ["dev"]))
/// let port = try await simulator.start()      // http://127.0.0.1:port/v1.0/engagements/referrals
/// let result = simulator.mutate(count: 10, new: 2)
/// try await simulator.stop()
/// ```
public final class PartnerCenterSimulator: Sendable {
    /// What this instance was made with.
    public let configuration: SimulatorConfiguration
    private let state: SimulatorState
    private let server = Locked<HTTPServer?>(nil)
    private let mutator = Locked<Task<Void, Never>?>(nil)

    /// Generates the referrals (deterministic from `configuration.seed` and `referralCount`); serves nothing yet.
    public init(configuration: SimulatorConfiguration, logger: Logger = Logger(label: "PartnerCenterSimulator")) {
        self.configuration = configuration
        self.state = SimulatorState(configuration: configuration, logger: logger)
    }

    /// Starts listening on `configuration.host:port` and returns the bound port (the real one when `port` is 0).
    @discardableResult
    public func start() async throws -> Int {
        let server = try await HTTPServer.start(
            host: configuration.host, port: configuration.port, threads: configuration.threads,
            router: SimulatorRouter(state: state))
        self.server.withLock { $0 = server }
        state.baseURL.withLock { $0 = "http://\(configuration.host):\(server.port)" }
        if let perMinute = configuration.mutationsPerMinute, perMinute > 0 {
            let interval = Duration.milliseconds(Int64(60_000 / perMinute))
            let task = Task { [state] in
                var tick = 0
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    if Task.isCancelled { break }
                    tick += 1
                    _ = state.store.withLock { $0.mutate(count: 1, new: tick % 5 == 0 ? 1 : 0) }
                }
            }
            mutator.withLock { $0 = task }
        }
        state.logger.info("simulator listening", metadata: ["http.port": "\(server.port)"])
        return server.port
    }

    /// Stops listening and releases the event loops.
    public func stop() async throws {
        mutator.withLock { $0?.cancel() }
        let server = self.server.withLock { current in
            defer { current = nil }
            return current
        }
        try await server?.stop()
    }

    /// The bound port (0 before `start()`).
    public var port: Int { server.withLock { $0?.port ?? 0 } }

    /// `http://HOST:PORT`: the API base (`{baseURL}/v1.0/engagements/referrals`) and the authority
    /// (`{baseURL}/{tenant}/oauth2/v2.0/token`).
    public var baseURL: String { state.baseURL.current }

    /// Changes `count` existing referrals and adds `new` ones (`POST /admin/mutate?count=&new=`).
    @discardableResult
    public func mutate(count: Int, new: Int = 0) -> MutationResult {
        state.store.withLock { $0.mutate(count: count, new: new) }
    }

    /// The request log, oldest first (`GET /admin/requests`).
    public func requests() -> [RequestLogEntry] { state.log.current }

    /// Empties the request log (`DELETE /admin/requests`).
    public func clearRequests() { state.log.withLock { $0.removeAll() } }

    /// `{"value":[...]}` with every current referral's JSON (`GET /admin/referrals`).
    public func allReferralsJSON() -> Data { Data(state.store.withLock { $0.allJSON() }) }

    /// How many referrals there are now.
    public var referralCount: Int { state.store.withLock { $0.records.count } }

    /// Replaces the faults in effect and restarts their decision sequence (`POST /admin/faults`).
    public func setFaults(_ faults: FaultConfiguration) { state.faults.withLock { $0 = FaultInjector(faults) } }

    /// The faults in effect.
    public var faults: FaultConfiguration { state.faults.withLock { $0.configuration } }

    /// Approves a pending device-code sign-in (`POST /admin/devicecode/approve?user_code=`).
    @discardableResult
    public func approveDeviceCode(userCode: String) -> Bool { state.tokens.withLock { $0.approve(userCode: userCode) } }
}
