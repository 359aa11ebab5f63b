import ArgumentParser
import Foundation
import Logging
import ReferralsPipeline

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--log-level` (or `LOG_LEVEL`) and `--log-format` (or `REFERRALS_ETL_LOG_FORMAT`): logs go to stderr; stdout
/// carries only results.
struct LoggingOptions: ParsableArguments {
    @Option(name: Settings.logLevel.optionName, help: Settings.logLevel.argumentHelp)
    var logLevel: String?

    @Option(name: Settings.logFormat.optionName, help: Settings.logFormat.argumentHelp)
    var logFormat: String?

    /// Sets up swift-log once for the process and returns the command's logger. A bad level or format exits 64
    /// (flag) or 78 (environment) with its message.
    func bootstrap(label: String) throws -> Logger {
        let environment = ProcessInfo.processInfo.environment
        let text: String
        let format: LogFormat
        do {
            text =
                try Settings.logLevel.resolve(flag: logLevel, environment: environment)
                ?? Settings.logLevel.shownDefault
            format =
                try Settings.logFormat.resolve(flag: logFormat, environment: environment)
                .flatMap { LogFormat(rawValue: $0.lowercased()) } ?? (isatty(STDERR_FILENO) == 1 ? .text : .json)
        } catch {
            throw ExitStatus.report(error, command: String(label.split(separator: ".").last ?? ""))
        }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            preconditionFailure("Settings.logLevel accepted \(text)")
        }
        LoggingBootstrap.once(level: level, format: format)
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}

/// How log lines look on stderr: text on a terminal, JSON otherwise (log collectors, orchestrators).
enum LogFormat: String {
    case text, json

    var style: LogLineHandler.Style { self == .json ? .json : .text }
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
            var handler = RedactingLogHandler(
                wrapped: LogLineHandler(label: label, style: format.style) { StderrLines.shared.log($0) })
            handler.logLevel = level
            return handler
        }
    }
}
