import ArgumentParser
import Foundation
import Logging
import ReferralsPipeline

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--log-level` (or `LOG_LEVEL`) and `--log-format` (or `REFERRALS_ETL_LOG_FORMAT`): logs go to stderr;
/// stdout carries only results.
struct LoggingOptions: ParsableArguments {
    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp(
            "trace, debug, info, notice, warning, error (default: $LOG_LEVEL or info).",
            valueName: "level"))
    var logLevel: String?

    @Option(
        name: .customLong("log-format"),
        help: ArgumentHelp(
            "text or json: one JSON object per line (default: $REFERRALS_ETL_LOG_FORMAT, else text on a terminal "
                + "and json otherwise).",
            valueName: "format"))
    var logFormat: String?

    /// Sets up swift-log once for the process and returns the command's logger.
    func bootstrap(label: String) throws -> Logger {
        let environment = ProcessInfo.processInfo.environment
        let text = logLevel ?? environment["LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ValidationError(
                "--log-level must be one of trace, debug, info, notice, warning, error (got \"\(text)\")")
        }
        let format = try LogFormat.resolve(
            flag: logFormat, environment: environment["REFERRALS_ETL_LOG_FORMAT"],
            terminal: isatty(STDERR_FILENO) == 1)
        LoggingBootstrap.once(level: level, format: format)
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}

/// How log lines look on stderr.
enum LogFormat: String {
    case text, json

    var style: LogLineHandler.Style { self == .json ? .json : .text }

    /// Flag > environment > text on a terminal, JSON otherwise (log collectors, orchestrators).
    static func resolve(flag: String?, environment: String?, terminal: Bool) throws -> LogFormat {
        let (given, source) =
            flag.map { ($0, "--log-format") } ?? environment.flatMap {
                $0.isEmpty ? nil : ($0, "REFERRALS_ETL_LOG_FORMAT")
            }
            ?? (terminal ? "text" : "json", "default")
        guard let format = LogFormat(rawValue: given.lowercased()) else {
            throw ValidationError("\(source) must be text or json (got \"\(given.prefix(40))\")")
        }
        return format
    }
}

/// swift-log may be bootstrapped once per process.
enum LoggingBootstrap {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var bootstrapped = false
    nonisolated(unsafe) private static var chosen = LogFormat.text

    /// The format chosen at bootstrap (text before it): messages written outside swift-log follow it.
    static var format: LogFormat {
        lock.lock()
        defer { lock.unlock() }
        return chosen
    }

    static func once(level: Logger.Level, format: LogFormat) {
        lock.lock()
        defer { lock.unlock() }
        guard !bootstrapped else { return }
        bootstrapped = true
        chosen = format
        LoggingSystem.bootstrap { label in
            var handler = LogLineHandler(label: label, style: format.style) { StderrLines.shared.log($0) }
            handler.logLevel = level
            return handler
        }
    }
}
