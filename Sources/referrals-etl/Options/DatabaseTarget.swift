import ETLCore
import Foundation
import PostgresLoad

/// The database URL and schema a command uses: flag, then environment, then default.
struct DatabaseTarget {
    let url: String
    let schema: SchemaName

    init(_ options: DatabaseOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        options.warnAboutPasswordInFlag()
        guard let url = options.databaseURL ?? environment["DATABASE_URL"], !url.isEmpty else {
            throw CommandLineError(
                .configuration, "no database given: set DATABASE_URL or pass --database-url postgres://USER@HOST/DB")
        }
        self.url = url
        self.schema = try SchemaName(options.schema ?? environment["REFERRALS_ETL_SCHEMA"] ?? SchemaName.defaultName)
    }
}

/// An error found by the command line itself, before any stage runs.
struct CommandLineError: DispositionedError {
    let disposition: ErrorDisposition
    let message: String
    init(_ disposition: ErrorDisposition, _ message: String) {
        self.disposition = disposition
        self.message = message
    }
    var codeName: String { "cli.\(disposition.rawValue)" }
    var description: String { message }
}
