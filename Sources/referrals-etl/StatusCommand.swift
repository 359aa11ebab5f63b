import AnalystReport
import ArgumentParser
import Logging
import PostgresLoad
import ReferralsPipeline

/// `referrals-etl status`: each pipeline's watermark and its last runs, from the ledger in the warehouse.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each pipeline's watermark and its last runs.",
        discussion: """
            Exit codes for monitors: 0 healthy; 1 when a pipeline's newest finished run failed or was cancelled, \
            a run is marked running without holding the lock, or (with --max-age) its last success is older \
            than allowed; 78 when the schema is not migrated; 75 when the database is unreachable.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var health: StatusHealthOptions

    @Option(help: "Runs to show per pipeline.")
    var runs = 5

    func run() async throws {
        var healthy = true
        do {
            let logger = try logging.bootstrap(label: "referrals-etl.status")
            let target = try DatabaseTarget(database)
            let (health, runs) = (health, runs)
            // libpq blocks: off the cooperative pool.
            healthy = try await BlockingWork.run { try Self.show(target, health: health, runs: runs, logger: logger) }
        } catch {
            throw ExitStatus.report(error, command: "status")
        }
        if !healthy { throw ExitStatus.unhealthy }
    }

    /// Prints the status (text or JSON) and returns whether every pipeline is healthy.
    private static func show(_ target: DatabaseTarget, health: StatusHealthOptions, runs: Int, logger: Logger) throws
        -> Bool
    {
        do {
            let db = try DatabaseConnector(url: target.url, timeouts: target.timeouts).connect(logger: logger)
            let migrator = Migrator(schema: target.schema)
            if !(try migrator.pending(db)).isEmpty {
                throw LoadError(
                    .notMigrated, "schema \(target.schema) is not set up yet: run `referrals-etl migrate` (or a run)")
            }
            let report = StatusReport(schema: target.schema)
            if !health.json {
                print("Pipelines (schema \(target.schema))")
                print(TextTable.render(try report.pipelines(on: db)))
                let unfinished = try report.unfinished(on: db)
                if !unfinished.rows.isEmpty {
                    print("")
                    print("Unfinished loads (the next run of the same mode resumes at createdDateTime >= resumes_at)")
                    print(TextTable.render(unfinished))
                }
                print("")
                print("Last runs")
                print(TextTable.render(try report.runs(limit: max(1, runs), on: db)))
            }
            return try health.report(PipelineHealth.read(schema: target.schema, on: db), schema: target.schema)
        }
    }
}
