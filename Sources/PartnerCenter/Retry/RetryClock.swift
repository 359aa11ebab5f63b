import Foundation

/// The clock retries and token expiry read, and the sleeper retries wait on: injected so tests don't wait.
public protocol RetryClock: Sendable {
    /// The current wall-clock time.
    func now() -> Timestamp
    /// Waits `seconds` (throws `CancellationError` when the task is cancelled).
    func sleep(seconds: Double) async throws
    /// A uniform random number in `0..<1`, for jitter.
    func random() -> Double
}

/// The real clock: the system's wall clock, `Task.sleep` and the system random generator.
public struct SystemRetryClock: RetryClock {
    public init() {}

    public func now() -> Timestamp {
        Timestamp(ticks: Int64((Date().timeIntervalSince1970 * Double(Timestamp.ticksPerSecond)).rounded()))
    }

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }

    public func random() -> Double { Double.random(in: 0..<1) }
}
