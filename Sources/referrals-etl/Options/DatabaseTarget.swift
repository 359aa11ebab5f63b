import ETLCore
import Foundation
import PostgresLoad
import ReferralsPipeline

/// The database URL and schema a command uses, read like every setting: flag > environment > pipeline file > default.
struct DatabaseTarget {
    let url: String
    let schema: SchemaName
    let timeouts: SessionTimeouts

    init(_ options: DatabaseOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        options.warnAboutPasswordInFlag()
        let file = try options.file()?.settings(environment: environment)
        guard
            let url = try Settings.databaseURL.resolve(
                flag: options.databaseURL, environment: environment, file: file?.databaseURL)
        else {
            throw CommandLineError(
                .configuration, "no database given: set DATABASE_URL or pass --database-url postgres://USER@HOST/DB")
        }
        self.url = url
        self.timeouts = try options.timeouts(environment, file: file)
        self.schema = try SchemaName(
            try Settings.schema.resolve(flag: options.schema, environment: environment, file: file?.schema)
                ?? SchemaName.defaultName)
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
