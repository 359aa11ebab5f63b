import Dispatch
import Foundation

/// SIGTERM and SIGINT, handled one way by every command (`run`, `demo`, `simulate`): the signals stop killing
/// the process; the first one runs the registered handlers and wakes `wait()`. Later signals are ignored.
///
/// `@unchecked Sendable`: every field is guarded by `lock`; the dispatch sources are set once in `init`.
final class ShutdownSignals: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?
    private var handlers: [@Sendable (Int32) -> Void] = []
    private var sources: [any DispatchSourceSignal] = []

    /// Starts watching SIGTERM and SIGINT.
    init() {
        let queue = DispatchQueue(label: "referrals-etl.signals")
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.fire(number) }
            source.resume()
            return source
        }
    }

    /// Runs `handler` with the signal's number on the first signal (at once if one already came).
    func onSignal(_ handler: @escaping @Sendable (Int32) -> Void) {
        let already: Int32? = lock.withLock {
            if received == nil { handlers.append(handler) }
            return received
        }
        if let already { handler(already) }
    }

    /// Suspends until the first signal and returns its number.
    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in onSignal { continuation.resume(returning: $0) } }
    }

    /// Stops watching; the default actions come back.
    func stop() {
        for source in sources { source.cancel() }
        signal(SIGTERM, SIG_DFL)
        signal(SIGINT, SIG_DFL)
    }

    private func fire(_ number: Int32) {
        let toRun: [@Sendable (Int32) -> Void] = lock.withLock {
            guard received == nil else { return [] }
            received = number
            defer { handlers = [] }
            return handlers
        }
        for handler in toRun { handler(number) }
    }
}
