import ArgumentParser
import Foundation
import PostgresLoad

/// `--database-url`, `--schema` and the session timeouts, shared by the commands that touch the warehouse.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "PostgreSQL URL or conninfo (default: $DATABASE_URL). Prefer DATABASE_URL, ~/.pgpass or PGPASSWORD "
                + "for the password: flags are visible to every local user.",
            valueName: "url"))
    var databaseURL: String?

    @Option(
        help: ArgumentHelp("Warehouse schema (default: $REFERRALS_ETL_SCHEMA or partner_center).", valueName: "name"))
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
