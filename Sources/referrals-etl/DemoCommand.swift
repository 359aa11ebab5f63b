import AnalystReport
import ArgumentParser
import Foundation
import Logging
import PartnerCenterSimulator
import PostgresLoad
import ReferralsPipeline
import ScratchPostgres

/// `referrals-etl demo`: the whole job on the embedded defaults — the simulator and a scratch PostgreSQL.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole job against the simulator and a scratch PostgreSQL.",
        discussion: """
            Starts the Partner Center simulator and a throwaway PostgreSQL (or uses --database-url / \
            DATABASE_URL), runs a full load, lets the simulator change some referrals, runs again \
            incrementally, prints both summaries and a short report read from the warehouse, and writes the \
            morning report (`referrals-etl report`) as an HTML page, ending with its path.
            """
    )

    @Option(help: "Referrals the simulator serves.") var referrals = 5_000
    @Option(help: "Referrals the simulator changes between the two runs.") var changes = 250
    @Option(help: "New referrals arriving between the two runs.") var arrivals = 50
    @Option(help: ArgumentHelp("Where to write the HTML morning report.", valueName: "file"))
    var html = FileManager.default.temporaryDirectory.appendingPathComponent("referrals-etl-report.html").path
    @Flag(help: "Keep the simulator and PostgreSQL running afterwards (until Ctrl-C) and print how to explore.")
    var keep = false
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = try logging.bootstrap(label: "referrals-etl.demo")
        var cluster: ScratchPostgres?
        // One lifecycle: SIGTERM/SIGINT cancel the run in progress, or end the --keep wait.
        let signals = ShutdownSignals()
        let cancellation = RunCancellation()
        signals.onSignal { _ in cancellation.cancel() }
        do {
            database.warnAboutPasswordInFlag()
            let url: String
            let file = try database.file()
            let given = try Settings.databaseURL.resolve(
                flag: database.databaseURL, environment: ProcessInfo.processInfo.environment,
                file: try file?.settings(environment: ProcessInfo.processInfo.environment).databaseURL)
            if let given {
                url = given
            } else {
                StandardError.write("==> starting a scratch PostgreSQL")
                cluster = try ScratchPostgres.start()
                url = cluster?.url ?? ""
            }
            StandardError.write("==> starting the Partner Center simulator with \(referrals) referrals")
            let token = "demo-\(UUID().uuidString)"
            let simulator = PartnerCenterSimulator(
                configuration: SimulatorConfiguration(referralCount: referrals, seed: 42, accessTokens: [token]),
                logger: logger)
            _ = try await simulator.start()
            var environment = ProcessInfo.processInfo.environment
            environment["PARTNER_CENTER_ACCESS_TOKEN"] = token
            environment["PARTNER_CENTER_API_BASE_URL"] = simulator.baseURL
            var flags = try PipelineSettings.flags(database.flags)
            flags.databaseURL = url
            flags.name = "demo"
            let configuration = try PipelineConfiguration.resolve(
                flags: flags, environment: environment, pipelineFile: file, userAgentVersion: ToolVersion.current)

            StandardError.write("==> run 1: full load")
            let first = await PipelineRunner(configuration: configuration, cancellation: cancellation).run(
                logger: logger)
            print(first.summary.jsonLine)
            if let error = first.error { throw error }
            let mutation = simulator.mutate(count: changes, new: arrivals)
            StandardError.write(
                "==> the simulator changed \(mutation.changed.count) referrals and added \(mutation.created.count)")
            StandardError.write("==> run 2: incremental")
            let second = await PipelineRunner(configuration: configuration, cancellation: cancellation).run(
                logger: logger)
            print(second.summary.jsonLine)
            if let error = second.error { throw error }

            // As of the simulator's clock: its referrals live two years before the wall clock. libpq blocks: off
            // the cooperative pool.
            let (schema, asOf) = (configuration.schema, mutation.now)
            let (summary, report) = try await BlockingWork.run {
                let db = try LibPQConnection(url)
                return (
                    try DemoReport(schema: schema).render(on: db, asOf: asOf),
                    try MorningReport.read(from: db, schema: schema, asOf: asOf)
                )
            }
            print(summary)
            try ReportCommand.write(try report.html(), to: html)
            print("\nMorning report (referrals-etl report --as-of \(mutation.now) --html FILE): \(html)")
            if keep {
                // A given database's password is not printed; the scratch cluster's is no secret.
                let shown = cluster == nil ? ConninfoRedaction(url).withoutPassword() : url
                print("\nExplore:  psql '\(shown)'   (schema \(configuration.schema))")
                print(
                    "API:      curl -H 'Authorization: Bearer \(token)' '\(simulator.baseURL)/v1.0/engagements/referrals?$top=2'"
                )
                print("Ctrl-C stops both.")
                // stdout may be a pipe (fully buffered): whoever reads it sees the lines before the wait.
                fflush(nil)
                _ = await signals.wait()
            }
            try? await simulator.stop()
            cluster?.stop()
        } catch {
            cluster?.stop()
            throw ExitStatus.report(error, command: "demo")
        }
    }
}
