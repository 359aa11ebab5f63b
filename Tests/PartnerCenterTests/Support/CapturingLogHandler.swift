import Foundation
import Logging

/// A `LogHandler` that keeps every line (message and metadata, rendered as text) for assertions.
struct CapturingLogHandler: LogHandler {
    final class Store: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = self.metadata.merging(event.metadata ?? [:]) { $1 }
        let facts = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let error = event.error.map { " error=\(String(describing: $0))" } ?? ""
        store.append("\(event.level) \(event.message) \(facts)\(error)")
    }

    /// A trace-level logger writing into a new store.
    static func logger(_ label: String = "test") -> (Logger, Store) {
        let store = Store()
        let logger = Logger(label: label) { _ in CapturingLogHandler(store: store) }
        return (logger, store)
    }
}
