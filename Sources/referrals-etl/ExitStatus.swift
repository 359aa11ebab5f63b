import ArgumentParser
import ETLCore

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

    /// Prints a one-line message for `error` on stderr and returns the exit code to leave with.
    /// Errors that do not know their disposition are internal errors (70).
    static func report(_ error: Error, command: String) -> ExitCode {
        if let error = error as? DispositionedError {
            StandardError.write("referrals-etl \(command): \(Redactor.scrub(error.description))")
            return ExitCode(code(for: error.disposition))
        }
        StandardError.write("referrals-etl \(command): internal error: \(Redactor.scrub(String(describing: error)))")
        return ExitCode(code(for: .internal))
    }
}
