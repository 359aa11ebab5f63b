import ArgumentParser
import Foundation
import PostgresLoad
import ReferralsPipeline

/// Where the warehouse is: `--pipeline FILE`, `--database-url` and `--schema`, shared by every command that touches
/// it. The pipeline file may name the database and the schema too (flag > environment > file > default). Also the
/// database session's timeouts.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("pipeline"), help: ArgumentHelp("A pipeline YAML file (see pipelines/).", valueName: "file"))
    var pipelineFile: String?

    @Option(name: Settings.databaseURL.optionName, help: Settings.databaseURL.argumentHelp)
    var databaseURL: String?

    @Option(name: Settings.schema.optionName, help: Settings.schema.argumentHelp)
    var schema: String?

    @Option(
        name: .customLong("lock-timeout"),
        help: ArgumentHelp(
            "Seconds a statement waits for a lock (default: $\(SessionTimeouts.lockTimeoutVariable) or 60; "
                + "ignored when the URL's options set lock_timeout).", valueName: "seconds"))
    var lockTimeout: Double?

    @Option(
        name: .customLong("statement-timeout"),
        help: ArgumentHelp(
            "Seconds a statement may run (default: $\(SessionTimeouts.statementTimeoutVariable) or 600); the "
                + "client gives a silent server up after this plus up to 10 s.", valueName: "seconds"))
    var statementTimeout: Double?

    /// The pipeline file, read, or nil when none was given.
    func file() throws -> PipelineFile? { try pipelineFile.map(PipelineFile.read) }

    /// Warns on stderr when `--database-url` carries a password: every local user can read it in the process
    /// list. DATABASE_URL, ~/.pgpass, PGPASSWORD or a service file keep it private (README, "Database").
    func warnAboutPasswordInFlag() {
        guard let databaseURL, ConninfoRedaction(databaseURL).hasPassword else { return }
        StandardError.write(
            "referrals-etl: warning: --database-url carries a password, visible to every local user in the process "
                + "list; put it in DATABASE_URL, ~/.pgpass, PGPASSWORD or a pg_service.conf service instead")
    }

    /// The session timeouts: flag, then environment, then default.
    func timeouts(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SessionTimeouts {
        try SessionTimeouts.resolve(
            lockTimeout: lockTimeout, statementTimeout: statementTimeout, environment: environment)
    }
}
