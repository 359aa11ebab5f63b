import ArgumentParser
import Foundation
import Logging
import ReferralsPipeline

/// `--log-level` (or `LOG_LEVEL`): logs go to stderr; stdout carries only results.
struct LoggingOptions: ParsableArguments {
    @Option(name: Settings.logLevel.optionName, help: Settings.logLevel.argumentHelp)
    var logLevel: String?

    /// Sets up swift-log once for the process and returns the command's logger. A bad level exits 64 (flag) or 78
    /// (environment) with its message.
    func bootstrap(label: String) throws -> Logger {
        let text: String
        do {
            text =
                try Settings.logLevel.resolve(flag: logLevel, environment: ProcessInfo.processInfo.environment)
                ?? Settings.logLevel.shownDefault
        } catch {
            throw ExitStatus.report(error, command: String(label.split(separator: ".").last ?? ""))
        }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            preconditionFailure("Settings.logLevel accepted \(text)")
        }
        LoggingBootstrap.once(level: level)
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}

/// swift-log may be bootstrapped once per process.
enum LoggingBootstrap {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var bootstrapped = false

    static func once(level: Logger.Level) {
        lock.lock()
        defer { lock.unlock() }
        guard !bootstrapped else { return }
        bootstrapped = true
        LoggingSystem.bootstrap { label in
            var handler = RedactingLogHandler(wrapped: StreamLogHandler.standardError(label: label))
            handler.logLevel = level
            return handler
        }
    }
}
