import ArgumentParser
import ETLCore
import Logging

/// The only place that maps error dispositions to sysexits codes (see DESIGN.md, "Exit codes").
enum ExitStatus {
    static func code(for disposition: ErrorDisposition) -> Int32 {
        switch disposition {
        case .usage: return 64
        case .dataUnusable: return 65
        case .internal: return 70
        case .output: return 74
        case .temporary: return 75
        case .credentialsRejected: return 77
        case .configuration: return 78
        }
    }

    /// `status` found a pipeline unhealthy (see StatusCommand): not a failure of the command itself, so not a
    /// sysexits code; 1, as monitoring checks expect.
    static let unhealthy = ExitCode(1)

    /// Prints a one-line message for `error` on stderr and returns the exit code to leave with.
    /// Errors that do not know their disposition are internal errors (70). `metadata` (the run's ids) goes
    /// with the message when logs are JSON.
    static func report(_ error: Error, command: String, metadata: Logger.Metadata = [:]) -> ExitCode {
        if let error = error as? DispositionedError {
            StandardError.message(
                "referrals-etl \(command): \(Redactor.scrub(error.description))", metadata: metadata)
            return ExitCode(code(for: error.disposition))
        }
        StandardError.message(
            "referrals-etl \(command): internal error: \(Redactor.scrub(String(describing: error)))",
            metadata: metadata)
        return ExitCode(code(for: .internal))
    }
}
