import ArgumentParser
import Foundation
import Logging
import PartnerCenterSimulator
import ReferralsPipeline
import ScratchPostgres

/// `referrals-bench pipeline`: the whole run in process against the simulator and PostgreSQL — a full load,
/// an incremental run after changes, and a no-change run — printing referrals/s for each.
struct PipelineBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Measure full, incremental and no-change runs end to end (simulator + PostgreSQL)."
    )

    @Option(help: "Referrals the simulator serves.") var referrals = 20_000
    @Option(help: "Share of referrals changed before the incremental run.") var changeShare = 0.01
    @Option(help: "Referrals per load transaction.") var batchSize = 1_000
    @Option(help: "PostgreSQL URL; default: a scratch cluster.") var databaseURL: String?

    func run() async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        var cluster: ScratchPostgres?
        defer { cluster?.stop() }
        let url: String
        if let databaseURL {
            url = databaseURL
        } else {
            cluster = try ScratchPostgres.start()
            url = cluster?.url ?? ""
        }
        let token = "bench"
        let simulator = PartnerCenterSimulator(
            configuration: SimulatorConfiguration(referralCount: referrals, seed: 3, accessTokens: [token]),
            logger: logger)
        _ = try await simulator.start()
        do {
            var flags = PipelineSettings()
            flags.databaseURL = url
            flags.schema = "bench_\(UInt32.random(in: 0...UInt32.max))"
            flags.batchSize = batchSize
            let environment = ["PARTNER_CENTER_ACCESS_TOKEN": token, "PARTNER_CENTER_API_BASE_URL": simulator.baseURL]
            let configuration = try PipelineConfiguration.resolve(
                flags: flags, environment: environment, userAgentVersion: "bench")
            try await measure("full", configuration, logger)
            let changes = Int(Double(referrals) * changeShare)
            _ = simulator.mutate(count: changes, new: changes / 10)
            try await measure("incremental (\(changes) changed, \(changes / 10) new)", configuration, logger)
            try await measure("no change", configuration, logger)
            print("peak RSS of this process (simulator included): \(Self.peakRSSMegabytes()) MB")
        } catch {
            try? await simulator.stop()
            throw error
        }
        try? await simulator.stop()
    }

    private func measure(_ label: String, _ configuration: PipelineConfiguration, _ logger: Logger) async throws {
        let result = await PipelineRunner(configuration: configuration).run(logger: logger)
        if let error = result.error { throw ValidationError("\(label) run failed: \(error)") }
        let s = result.summary
        let figures = String(
            format: "%d referrals, %d pages, %d inserted, %d updated in %.2f s: %.0f referrals/s", s.referrals,
            s.pages, s.inserted, s.updated, s.durationSeconds, Double(s.referrals) / max(s.durationSeconds, 1e-9))
        print("\(label): \(figures)")
    }

    static func peakRSSMegabytes() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss / 1024
    }
}
