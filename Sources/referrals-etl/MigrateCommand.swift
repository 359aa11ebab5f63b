import ArgumentParser
import ETLCore
import Foundation
import PostgresLoad

/// `referrals-etl migrate`: creates or upgrades the warehouse schema. Safe to run any number of times.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or upgrade the warehouse schema.",
        discussion: "Applies the SQL migrations embedded in this binary that the schema does not have yet, "
            + "each in its own transaction, and (re)creates the analyst views. Running it again changes nothing."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        do {
            let logger = try logging.bootstrap(label: "referrals-etl.migrate")
            let target = try DatabaseTarget(database)
            let connector = DatabaseConnector(url: target.url, timeouts: target.timeouts)
            let schema = target.schema
            let outcome = try await BlockingWork.run {
                try Migrator(schema: schema).migrate(connector.connect(logger: logger), logger: logger)
            }
            print(
                "schema \(target.schema): \(outcome.applied.count) migration(s) applied, "
                    + "\(outcome.upToDate) already there, \(outcome.viewsApplied.count) view(s) (re)created")
        } catch {
            throw ExitStatus.report(error, command: "migrate")
        }
    }
}
