import ETLCore

/// A finished run: its summary, and the error when it did not succeed.
public struct RunResult: Sendable {
    public var summary: RunSummary
    public var error: (any DispositionedError)?

    /// How the command should exit: nil when the run succeeded.
    public var disposition: ErrorDisposition? { error?.disposition }
}
