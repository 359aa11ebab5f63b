import ETLCore
import Logging

/// A log handler that passes every message and metadata value through `Redactor` before the wrapped handler
/// writes it: a server's text in a log line never carries a secret the process holds.
struct RedactingLogHandler: LogHandler {
    var wrapped: any LogHandler

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        wrapped.log(
            level: level, message: "\(Redactor.scrub(message.description))",
            metadata: metadata?.mapValues(Self.scrub), source: source, file: file, function: function, line: line)
    }

    private static func scrub(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): return .string(Redactor.scrub(text))
        case .stringConvertible(let convertible): return .string(Redactor.scrub(convertible.description))
        case .array(let values): return .array(values.map(scrub))
        case .dictionary(let values): return .dictionary(values.mapValues(scrub))
        }
    }
}
