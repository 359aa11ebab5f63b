import Foundation

/// Set by SIGTERM/SIGINT: the run finishes or rolls back the batch in flight, records `cancelled`, exits 75.
public final class RunCancellation: @unchecked Sendable {
    // @unchecked: every field is guarded by `lock`.
    private let lock = NSLock()
    private var cancelled = false
    /// Cancels the fetch in flight. One slot, replaced per fetch: a list would keep every finished fetch task,
    /// and with it every batch, alive until the run ends.
    private var handler: (@Sendable () -> Void)?
    /// Cancels the database statement in flight (the run's one connection); kept for the whole run.
    private var databaseHandler: (@Sendable () -> Void)?

    public init() {}

    /// Asks the run to stop; runs the handlers once (they cancel in-flight HTTP and the statement in flight).
    public func cancel() {
        lock.lock()
        guard !cancelled else {
            lock.unlock()
            return
        }
        cancelled = true
        let toRun = [handler, databaseHandler]
        handler = nil
        lock.unlock()
        for run in toRun { run?() }
    }

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Runs `handler` on cancellation (at once if already cancelled) to stop the database statement in flight.
    func onCancelDatabase(_ handler: @escaping @Sendable () -> Void) { install(handler, in: \.databaseHandler) }

    /// Runs `handler` on cancellation (at once if already cancelled), replacing the previous handler.
    func onCancel(_ handler: @escaping @Sendable () -> Void) { install(handler, in: \.handler) }

    private func install(
        _ handler: @escaping @Sendable () -> Void,
        in slot: ReferenceWritableKeyPath<RunCancellation, (@Sendable () -> Void)?>
    ) {
        lock.lock()
        if cancelled {
            lock.unlock()
            handler()
            return
        }
        self[keyPath: slot] = handler
        lock.unlock()
    }
}
