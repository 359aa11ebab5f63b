import AnalystReport
import ArgumentParser
import PostgresLoad

/// `referrals-etl status`: each pipeline's watermark and its last runs, from the ledger in the warehouse.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each pipeline's watermark and its last runs."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: "Runs to show per pipeline.")
    var runs = 5

    func run() async throws {
        do {
            let logger = try logging.bootstrap(label: "referrals-etl.status")
            let target = try DatabaseTarget(database)
            let db = try DatabaseConnector(url: target.url, timeouts: target.timeouts).connect(logger: logger)
            let migrator = Migrator(schema: target.schema)
            if !(try migrator.pending(db)).isEmpty {
                throw LoadError(
                    .notMigrated, "schema \(target.schema) is not set up yet: run `referrals-etl migrate` (or a run)")
            }
            let report = StatusReport(schema: target.schema)
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
        } catch {
            throw ExitStatus.report(error, command: "status")
        }
    }
}
