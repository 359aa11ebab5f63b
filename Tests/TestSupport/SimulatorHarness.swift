import Foundation
import Logging
import PartnerCenterSimulator

/// The bearer token `SimulatorHarness.configuration` accepts.
public let simulatorTestToken = "test-token"

/// Starts Partner Center simulators on a free loopback port for tests (docs/simulator.md).
public enum SimulatorHarness {
    /// A small configuration for tests: `referralCount` referrals, seed 42, and `simulatorTestToken` valid.
    public static func configuration(referrals: Int = 500, seed: UInt64 = 42, pageSize: Int = 100)
        -> SimulatorConfiguration
    {
        var configuration = SimulatorConfiguration(referralCount: referrals, seed: seed, pageSize: pageSize)
        configuration.auth.staticAccessTokens = [simulatorTestToken]
        configuration.threads = 1
        return configuration
    }
}

/// Runs `body` with a started simulator, and stops it afterwards whether `body` returns or throws.
public func withSimulator<T>(
    _ configuration: SimulatorConfiguration = SimulatorHarness.configuration(),
    _ body: (PartnerCenterSimulator) async throws -> T
) async throws -> T {
    var configuration = configuration
    configuration.port = 0
    configuration.host = "127.0.0.1"
    var logger = Logger(label: "simulator-test")
    logger.logLevel = .warning
    let simulator = PartnerCenterSimulator(configuration: configuration, logger: logger)
    try await simulator.start()
    do {
        let result = try await body(simulator)
        try await simulator.stop()
        return result
    } catch {
        try? await simulator.stop()
        throw error
    }
}

extension PartnerCenterSimulator {
    /// `GET {baseURL}{pathAndQuery}` with `simulatorTestToken` (or `token`, or none when nil).
    public func get(_ pathAndQuery: String, token: String? = simulatorTestToken, headers: [(String, String)] = [])
        async throws -> LoopbackHTTPResponse
    {
        var all = headers
        if let token { all.append(("Authorization", "Bearer \(token)")) }
        return try await LoopbackHTTPClient.send("GET", baseURL + pathAndQuery, headers: all)
    }

    /// `POST {baseURL}{path}` with a form-urlencoded body.
    public func postForm(_ path: String, _ fields: [(String, String)]) async throws -> LoopbackHTTPResponse {
        let body = fields.map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }.joined(separator: "&")
        return try await LoopbackHTTPClient.send(
            "POST", baseURL + path, headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(body.utf8))
    }

    /// Percent-encodes a query or form value (everything but unreserved characters).
    public static func formEncode(_ text: String) -> String {
        text.addingPercentEncoding(
            withAllowedCharacters: CharacterSet(
                charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? text
    }
}
