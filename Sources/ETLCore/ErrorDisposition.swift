/// What a failure means for whoever runs the tool: each maps to one exit status (see `ExitStatus` in the CLI).
public enum ErrorDisposition: String, Sendable, Equatable, CaseIterable {
    /// The command line was wrong (sysexits EX_USAGE, 64).
    case usage
    /// The configuration is wrong or inconsistent (EX_CONFIG, 78).
    case configuration
    /// The API or the database refused our credentials (EX_NOPERM, 77).
    case credentialsRejected
    /// Try again later: unreachable after retries, throttled past the budget, lock held (EX_TEMPFAIL, 75).
    case temporary
    /// The input data cannot be used (EX_DATAERR, 65).
    case dataUnusable
    /// A bug or an impossible state (EX_SOFTWARE, 70).
    case `internal`
    /// The result could not be written to stdout: a closed pipe, a full disk (EX_IOERR, 74).
    case output
}

/// An error that knows its disposition and can describe itself in one secret-free line.
public protocol DispositionedError: Error, CustomStringConvertible {
    /// How the command line should exit because of this error.
    var disposition: ErrorDisposition { get }
    /// A stable machine-readable code, such as `http.status` or `db.connect`.
    var codeName: String { get }
}
