import ETLCore

/// Why a run that reached the API and the database still did not succeed.
public struct PipelineError: DispositionedError, Equatable {
    public enum Code: String, Sendable {
        /// More records were rejected than the threshold allows (good rows were kept).
        case tooManyRejections = "run.rejections"
        /// SIGTERM or SIGINT.
        case cancelled = "run.cancelled"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var codeName: String { code.rawValue }
    public var description: String { message }
    public var disposition: ErrorDisposition { code == .cancelled ? .temporary : .dataUnusable }
    public static func == (lhs: PipelineError, rhs: PipelineError) -> Bool { lhs.code == rhs.code }
}
