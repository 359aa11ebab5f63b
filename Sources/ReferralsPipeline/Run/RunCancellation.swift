import Foundation

/// Set by SIGTERM/SIGINT: the run finishes or rolls back the batch in flight, records `cancelled`, exits 75.
public final class RunCancellation: @unchecked Sendable {
    // @unchecked: every field is guarded by `lock`.
    private let lock = NSLock()
    private var cancelled = false
    private var handlers: [@Sendable () -> Void] = []

    public init() {}

    /// Asks the run to stop; runs the registered handlers once (they cancel in-flight HTTP).
    public func cancel() {
        lock.lock()
        guard !cancelled else {
            lock.unlock()
            return
        }
        cancelled = true
        let toRun = handlers
        handlers = []
        lock.unlock()
        toRun.forEach { $0() }
    }

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Runs `handler` on cancellation (at once if already cancelled).
    func onCancel(_ handler: @escaping @Sendable () -> Void) {
        lock.lock()
        if cancelled {
            lock.unlock()
            handler()
            return
        }
        handlers.append(handler)
        lock.unlock()
    }
}
