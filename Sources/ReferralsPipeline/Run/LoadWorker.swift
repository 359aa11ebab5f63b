import Dispatch
import PostgresLoad

/// Runs libpq work on one dedicated thread, off Swift's cooperative pool.
///
/// libpq calls block; the pool has as many threads as cores (2 here), so blocking it would stall the
/// extract stage. Every use of the connection goes through this serial queue.
final class LoadWorker: Sendable {
    private let queue = DispatchQueue(label: "referrals-etl.load")
    let db: LibPQConnection

    init(db: LibPQConnection) { self.db = db }

    /// Runs `work` on the load thread and returns its result.
    func run<T: Sendable>(_ work: @escaping @Sendable (LibPQConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { [db] in continuation.resume(with: Result { try work(db) }) }
        }
    }
}
