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

    @Option(name: Settings.lockTimeoutSeconds.optionName, help: Settings.lockTimeoutSeconds.argumentHelp)
    var lockTimeout: String?

    @Option(name: Settings.statementTimeoutSeconds.optionName, help: Settings.statementTimeoutSeconds.argumentHelp)
    var statementTimeout: String?

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

    /// The settings these flags give, for `PipelineSettings.flags`.
    var flags: [(flag: String?, text: String?)] {
        [
            (Settings.databaseURL.flag, databaseURL), (Settings.schema.flag, schema),
            (Settings.lockTimeoutSeconds.flag, lockTimeout),
            (Settings.statementTimeoutSeconds.flag, statementTimeout),
        ]
    }

    /// The session timeouts: flag, then environment, then the pipeline file, then default.
    func timeouts(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, file: PipelineSettings? = nil
    ) throws -> SessionTimeouts {
        var timeouts = SessionTimeouts()
        if let seconds = try Settings.lockTimeoutSeconds.resolve(
            flag: lockTimeout, environment: environment, file: file?.lockTimeoutSeconds)
        {
            timeouts.lockTimeout = seconds
        }
        if let seconds = try Settings.statementTimeoutSeconds.resolve(
            flag: statementTimeout, environment: environment, file: file?.statementTimeoutSeconds)
        {
            timeouts.statementTimeout = seconds
        }
        return timeouts
    }
}
