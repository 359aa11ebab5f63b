import ETLCore
import Foundation
import Logging

/// A swift-log handler that writes one line per event: JSON for log collectors (`--log-format json`) or
/// text for people.
///
/// JSON keys: `timestamp` (UTC, milliseconds), `level`, `label`, `message`, then every metadata key as given
/// (`run.id`, `correlation.id`, `pipeline.name`, …). Values are rendered with `description`, so a `Secret`
/// prints `<redacted>` here as everywhere. Each line goes out whole through `write`, one call per line
/// (the CLI's writer keeps the live progress display out of the way).
public struct LogLineHandler: LogHandler {
    /// How a line looks.
    public enum Style: String, Sendable {
        case text, json
    }

    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let style: Style
    private let write: @Sendable (String) -> Void

    /// - Parameter write: receives each finished line, newline included.
    public init(label: String, style: Style, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.style = style
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let given = event.metadata { merged.merge(given) { $1 } }
        let message = "\(event.message)"
        switch style {
        case .json: write(Self.json(level: event.level, label: label, message: message, metadata: merged, date: Date()))
        case .text: write(Self.text(level: event.level, label: label, message: message, metadata: merged, date: Date()))
        }
    }

    /// One log line as JSON: fixed keys first, then the metadata sorted by key.
    public static func json(
        level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, date: Date
    ) -> String {
        var fields = [
            ("timestamp", JSONString.quote(timestamp(date))), ("level", JSONString.quote(level.rawValue)),
            ("label", JSONString.quote(label)), ("message", JSONString.quote(message)),
        ]
        let reserved = Set(fields.map(\.0))
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) where !reserved.contains(key) {
            fields.append((key, json(value)))
        }
        return "{" + fields.map { "\(JSONString.quote($0.0)):\($0.1)" }.joined(separator: ",") + "}\n"
    }

    /// One log line as text: `timestamp level label: message key=value …`.
    public static func text(
        level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, date: Date
    ) -> String {
        let facts = metadata.sorted(by: { $0.key < $1.key }).map { "\($0.key)=\($0.value)" }
        return ([timestamp(date), level.rawValue, "\(label):", message] + facts).joined(separator: " ") + "\n"
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): return JSONString.quote(text)
        case .stringConvertible(let convertible): return JSONString.quote(convertible.description)
        case .array(let items): return "[" + items.map(json).joined(separator: ",") + "]"
        case .dictionary(let entries):
            return "{"
                + entries.sorted(by: { $0.key < $1.key }).map { "\(JSONString.quote($0.key)):\(json($0.value))" }
                .joined(separator: ",") + "}"
        }
    }

    /// `2025-03-05T16:02:10.120Z`.
    static func timestamp(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var time = time_t(millis / 1000)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(millis % 1000))
    }
}
