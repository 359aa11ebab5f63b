import ArgumentParser
import Logging
import PartnerCenterSimulator

/// `referrals-etl simulate`: serves the Partner Center simulator until SIGINT or SIGTERM (docs/simulator.md).
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve a local stand-in for the Partner Center referrals API."
    )

    @Option(help: "Port to listen on (0 picks a free one).") var port = 8080
    @Option(help: "Loopback address to bind.") var host = "127.0.0.1"
    @Option(help: "Referrals to generate.") var referrals = 5000
    @Option(help: "Seed of the generated data.") var seed: UInt64 = 42
    @Option(help: "Referrals per page.") var pageSize = 100
    @Option(help: "Share (0 to 1) of referrals created in a three-day burst (skewed data).") var burstShare = 0.0
    @Option(help: "A bearer token that always works (repeatable).") var accessToken: [String] = []
    @Option(help: "Tenant accepted by the token endpoint (default: any).") var tenantId: String?
    @Option(help: "The registered app's client id.") var clientId = "sim-client-id"
    @Option(help: "The registered app's client secret.") var clientSecret = "sim-client-secret"
    @Option(help: "The refresh token that works from the start.") var refreshToken = "sim-refresh-token"
    @Option(help: "Seconds a replaced refresh token keeps working.") var refreshTokenGrace: Double = 3600
    @Option(help: "Approve device codes by themselves after this many polls.") var deviceCodeAutoApprove: Int?
    @Option(help: "Mutations per minute happening by themselves.") var mutationsPerMinute: Double?
    @OptionGroup var faults: SimulatorFaultOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard referrals >= 0 else { throw ValidationError("--referrals must be >= 0") }
        guard (0...1).contains(burstShare) else { throw ValidationError("--burst-share must be 0...1") }
        guard (1...1000).contains(pageSize) else { throw ValidationError("--page-size must be 1...1000") }
        try faults.validate()
    }

    func run() async throws {
        let signals = ShutdownSignals()
        LoggingBootstrap.once(level: .info, format: .text)
        var configuration = SimulatorConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.referralCount = referrals
        configuration.seed = seed
        configuration.pageSize = pageSize
        configuration.burstShare = burstShare
        configuration.auth.staticAccessTokens = accessToken
        configuration.auth.tenantID = tenantId
        configuration.auth.clientID = clientId
        configuration.auth.clientSecret = clientSecret
        configuration.auth.initialRefreshToken = refreshToken
        configuration.auth.refreshTokenGraceSeconds = refreshTokenGrace
        configuration.auth.deviceCodeAutoApproveAfterPolls = deviceCodeAutoApprove
        configuration.mutationsPerMinute = mutationsPerMinute
        configuration.faults = faults.configuration
        let simulator = PartnerCenterSimulator(configuration: configuration, logger: Logger(label: "simulate"))
        do {
            try await simulator.start()
        } catch {
            throw ExitStatus.report(error, command: "simulate")
        }
        try? StandardOutput.write("listening on \(simulator.baseURL)")
        let signal = await signals.wait()
        Logger(label: "simulate").info("shutting down", metadata: ["signal": "\(signal)"])
        try await simulator.stop()
    }
}
