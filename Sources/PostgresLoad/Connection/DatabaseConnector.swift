import ETLCore
import Foundation
import Logging

/// Opens connections, retrying a few times when the server is unreachable (it may be restarting).
/// Other failures (login rejected, unknown database, bad URL) are final at once.
public struct DatabaseConnector: Sendable {
    public let url: String
    /// The waits every connection allows (lock and statement timeouts, connect timeout).
    public var timeouts: SessionTimeouts
    public var attempts: Int
    public var delaySeconds: Double

    public init(url: String, timeouts: SessionTimeouts = SessionTimeouts(), attempts: Int = 3, delaySeconds: Double = 1)
    {
        self.url = url
        self.timeouts = timeouts
        self.attempts = attempts
        self.delaySeconds = delaySeconds
    }

    /// A new connection; throws the last `LoadError` when every attempt failed.
    public func connect(logger: Logger) throws -> LibPQConnection {
        var attempt = 1
        while true {
            do {
                return try LibPQConnection(url, timeouts: timeouts)
            } catch let error as LoadError where error.code == .unreachable && attempt < attempts {
                logger.info(
                    "Database unreachable, retrying",
                    metadata: [LogKey.attempt: "\(attempt)", LogKey.errorMessage: "\(error.message)"])
                Thread.sleep(forTimeInterval: delaySeconds * Double(attempt))
                attempt += 1
            }
        }
    }
}
