import Foundation

/// How long a session may wait on PostgreSQL: lock waits, statements, and a silent network.
///
/// `lock_timeout` and `statement_timeout` are set at connect unless the URL or conninfo sets them itself
/// (in `options`, or `PGOPTIONS`). The client also stops waiting for an answer after
/// `statement_timeout + min(statement_timeout, 10 s)`: a server that went silent (a network blackhole, a
/// stopped backend) never answers, and no server-side timeout can fire then. See docs/load.md, "Waits".
public struct SessionTimeouts: Sendable, Equatable {
    /// The environment variable for `lockTimeout`, in seconds (`Settings.lockTimeoutSeconds` reads it).
    public static let lockTimeoutVariable = "REFERRALS_ETL_LOCK_TIMEOUT_SECONDS"
    /// The environment variable for `statementTimeout`, in seconds (`Settings.statementTimeoutSeconds` reads it).
    public static let statementTimeoutVariable = "REFERRALS_ETL_STATEMENT_TIMEOUT_SECONDS"

    /// Seconds a statement waits for a lock (`lock_timeout`); default 60.
    public var lockTimeout: Double
    /// Seconds a statement may run (`statement_timeout`); default 600.
    public var statementTimeout: Double
    /// Seconds to connect (`connect_timeout` unless the URL sets it); default 10.
    public var connectTimeout: Int
    /// Seconds given to the statement in flight to stop after a cancellation (SIGTERM); default 5.
    public var cancelGrace: Double

    public init(
        lockTimeout: Double = 60, statementTimeout: Double = 600, connectTimeout: Int = 10, cancelGrace: Double = 5
    ) {
        self.lockTimeout = lockTimeout
        self.statementTimeout = statementTimeout
        self.connectTimeout = connectTimeout
        self.cancelGrace = cancelGrace
    }

    /// Seconds the client waits for any answer before it gives the connection up.
    public var answerTimeout: Double { statementTimeout + min(statementTimeout, 10) }

    /// `30s`-style milliseconds text for `SET`.
    static func milliseconds(_ seconds: Double) -> String { "\(Int((seconds * 1000).rounded()))ms" }
}
