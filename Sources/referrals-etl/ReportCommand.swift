import AnalystReport
import ArgumentParser
import Foundation
import Logging
import PostgresLoad

/// `referrals-etl report`: the morning report from the analyst views, as text and optionally as an HTML page.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the morning report: deadlines, funnel, win rate, deal value, pipeline health.",
        discussion: """
            Reads the analyst views of the warehouse (see docs/ANALYSTS.md) and prints the referrals waiting for \
            an answer by time left before the 14-day expiry, the funnel of the last twelve months, the win rate, \
            the deal value by solution and the last runs of each pipeline. --html also writes the same report as \
            one self-contained HTML page (inline SVG charts, nothing fetched from anywhere).
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: ArgumentHelp("Also write the report as an HTML page to this file.", valueName: "file"))
    var html: String?

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Count deadlines and days from this time (e.g. 2025-07-01T00:00:00Z) instead of now.", valueName: "time"))
    var asOf: String?

    func run() async throws {
        do {
            let logger = try logging.bootstrap(label: "referrals-etl.report")
            let target = try DatabaseTarget(database)
            let asOf = asOf
            // libpq blocks: off the cooperative pool.
            let report = try await BlockingWork.run { try Self.read(target, asOf: asOf, logger: logger) }
            print(report.text())
            if let html {
                try Self.write(try report.html(), to: html)
                StandardError.write("wrote the HTML report to \(html)")
            }
        } catch {
            throw ExitStatus.report(error, command: "report")
        }
    }

    /// The report's figures, read from the warehouse `target` names.
    private static func read(_ target: DatabaseTarget, asOf: String?, logger: Logger) throws -> MorningReport {
        let db = try DatabaseConnector(url: target.url, timeouts: target.timeouts).connect(logger: logger)
        if !(try Migrator(schema: target.schema).pending(db)).isEmpty {
            throw LoadError(
                .notMigrated, "schema \(target.schema) is not set up yet: run `referrals-etl migrate` (or a run)")
        }
        if let asOf {
            do {
                try db.execute("SELECT $1::timestamptz", [asOf])
            } catch let error as LoadError where error.sqlState?.hasPrefix("22") == true {
                throw CommandLineError(
                    .usage, "--as-of \(asOf) is not a time PostgreSQL reads; use e.g. 2025-07-01T00:00:00Z")
            }
        }
        return try MorningReport.read(from: db, schema: target.schema, asOf: asOf)
    }

    /// Writes `page` to `path`, or fails naming the file and why (78).
    static func write(_ page: String, to path: String) throws {
        do {
            try Data(page.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandLineError(
                .configuration, "cannot write the HTML report to \(path): \(error.localizedDescription)")
        }
    }
}
