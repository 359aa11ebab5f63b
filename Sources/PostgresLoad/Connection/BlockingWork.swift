import Dispatch

/// Runs blocking libpq work off Swift's cooperative thread pool (2 threads here: a blocked one stalls every
/// task), on a Dispatch queue, and awaits its result. For commands that use one connection at a time; a run
/// keeps its connection on its own serial queue (`LoadWorker`).
public enum BlockingWork {
    private static let queue = DispatchQueue(label: "referrals-etl.blocking", attributes: .concurrent)

    /// The result of `work`, run on a thread outside the cooperative pool.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
