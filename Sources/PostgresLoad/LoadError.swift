import ETLCore

/// Every failure of the load stage: a code with its disposition, the server's SQLSTATE, message and
/// detail when there is one, and never a password. Compared by code.
public struct LoadError: DispositionedError, Equatable {
    public enum Code: String, Sendable {
        /// The database URL cannot be parsed.
        case invalidURL = "db.url"
        /// The server cannot be reached (down, wrong host or port, timeout).
        case unreachable = "db.unreachable"
        /// The server refused our login (password, role).
        case loginRejected = "db.login"
        /// The database named in the URL does not exist.
        case unknownDatabase = "db.database"
        /// Any other connection failure.
        case connect = "db.connect"
        /// The connection broke during a statement.
        case connectionLost = "db.connection_lost"
        /// A statement failed on the server.
        case statement = "db.statement"
        /// COPY failed.
        case copy = "db.copy"
        /// A value cannot travel to PostgreSQL (NUL byte in text).
        case invalidValue = "db.value"
        /// The schema name is not a plain identifier.
        case invalidSchema = "db.schema"
        /// An applied migration's file was changed afterwards.
        case migrationChanged = "db.migration_changed"
        /// The database has migrations this binary does not know (a newer version applied them).
        case migrationUnknown = "db.migration_unknown"
        /// The warehouse schema has not been created yet.
        case notMigrated = "db.not_migrated"
        /// Another process holds the pipeline's lock.
        case lockHeld = "db.lock_held"
        /// The server gave no answer in time (a silent network or a stopped server); the connection is dropped.
        case timedOut = "db.timeout"
    }

    public let code: Code
    /// One line, secret-free.
    public let message: String
    public var sqlState: String?
    /// The server's detail, without secrets (`Redactor`).
    public var detail: String?
    /// The server's hint, without secrets (`Redactor`).
    public var hint: String?

    public init(_ code: Code, _ message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil) {
        self.code = code
        self.message = Redactor.scrub(message)
        self.sqlState = sqlState
        self.detail = detail.map(Redactor.scrub)
        self.hint = hint.map(Redactor.scrub)
    }

    public static func == (lhs: LoadError, rhs: LoadError) -> Bool { lhs.code == rhs.code }

    public var codeName: String { code.rawValue }

    public var description: String {
        var text = message
        if let sqlState, !sqlState.isEmpty { text += " (SQLSTATE \(sqlState))" }
        if let detail, !detail.isEmpty { text += "; detail: \(detail)" }
        if let hint, !hint.isEmpty { text += "; hint: \(hint)" }
        return text
    }

    public var disposition: ErrorDisposition {
        switch code {
        case .invalidURL, .invalidSchema, .unknownDatabase, .migrationChanged, .migrationUnknown,
            .notMigrated:
            return .configuration
        case .unreachable, .connectionLost, .lockHeld, .copy, .timedOut:
            // COPY data fails to send only when the connection broke.
            return .temporary
        case .loginRejected:
            return .credentialsRejected
        case .invalidValue:
            return .dataUnusable
        case .connect:
            return .internal
        case .statement:
            return Self.disposition(sqlState: sqlState ?? "")
        }
    }

    /// Transient server conditions are worth a retry later; permission problems are credentials;
    /// anything else from our own SQL is a bug.
    static func disposition(sqlState: String) -> ErrorDisposition {
        if sqlState.hasPrefix("08") || sqlState.hasPrefix("53") || sqlState.hasPrefix("57") { return .temporary }
        if sqlState == "40001" || sqlState == "40P01" || sqlState == "55P03" { return .temporary }
        if sqlState.hasPrefix("28") || sqlState == "42501" { return .credentialsRejected }
        if sqlState == "3F000" || sqlState == "3D000" || sqlState == "25006" { return .configuration }
        if sqlState.hasPrefix("22") || sqlState.hasPrefix("23") { return .dataUnusable }
        return .internal
    }

    /// Classifies a failed connection from libpq's message (there is no SQLSTATE before a session exists).
    static func connectionFailed(message: String, target: String) -> LoadError {
        let lower = message.lowercased()
        if lower.contains("password authentication failed") || lower.contains("no password supplied")
            || lower.contains("authentication failed") || (lower.contains("role") && lower.contains("does not exist"))
            || lower.contains("pg_hba.conf")
        {
            return LoadError(
                .loginRejected, "PostgreSQL at \(target) rejected the login: \(message)",
                hint: "check the user and password in DATABASE_URL")
        }
        if lower.contains("invalid port") || lower.contains("invalid sslmode")
            || lower.contains("invalid integer value")
            || lower.contains("invalid value for parameter") || lower.contains("invalid connection option")
            || (lower.contains("invalid") && lower.contains("value:"))
        {
            return LoadError(
                .invalidURL, "the database URL is not valid for PostgreSQL at \(target): \(message)",
                hint: "fix that part of DATABASE_URL (see https://www.postgresql.org/docs/current/libpq-connect.html)")
        }
        if lower.contains("database") && lower.contains("does not exist") {
            return LoadError(
                .unknownDatabase, "PostgreSQL at \(target): \(message)",
                hint: "create the database or fix its name in DATABASE_URL")
        }
        if lower.contains("could not connect") || lower.contains("connection refused") || lower.contains("timeout")
            || lower.contains("could not translate host name") || lower.contains("no route to host")
            || lower.contains("is the server running") || lower.contains("server closed the connection")
            || lower.contains("connection to server")
        {
            return LoadError(
                .unreachable, "cannot reach PostgreSQL at \(target): \(message)",
                hint: "is the server running, and are host and port in DATABASE_URL right?")
        }
        return LoadError(.connect, "cannot connect to PostgreSQL at \(target): \(message)")
    }

    static func server(
        sqlState: String, message: String, detail: String?, hint: String?, statement: String, connectionOK: Bool
    ) -> LoadError {
        if !connectionOK {
            return LoadError(.connectionLost, "the connection to PostgreSQL was lost: \(message)", sqlState: sqlState)
        }
        if sqlState == "25006" {
            return LoadError(
                .statement, "the database is read-only: point DATABASE_URL at the primary (\(message))",
                sqlState: sqlState, hint: hint)
        }
        if sqlState == "55P03" {
            return LoadError(
                .statement, "gave up waiting for a lock (lock_timeout, --lock-timeout): \(message)", sqlState: sqlState,
                detail: detail, hint: "the next run retries")
        }
        return LoadError(.statement, message, sqlState: sqlState, detail: detail, hint: hint)
    }

    /// This lock-timeout error naming who holds the lock, when `holder` is known.
    func namingLockHolder(_ holder: String?) -> LoadError {
        guard let holder else { return self }
        return LoadError(code, "\(message); held by \(holder)", sqlState: sqlState, detail: detail, hint: hint)
    }
}
