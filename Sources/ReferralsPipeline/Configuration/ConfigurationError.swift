import ETLCore

/// A configuration or usage problem found before the run starts: one line saying what and how to fix it.
public struct ConfigurationError: DispositionedError, Equatable {
    public let disposition: ErrorDisposition
    public let message: String

    /// A configuration error (exit 78), or a usage error (64) when `usage` is true.
    public init(_ message: String, usage: Bool = false) {
        self.disposition = usage ? .usage : .configuration
        self.message = message
    }

    public var codeName: String { "config.\(disposition.rawValue)" }
    public var description: String { message }
}
