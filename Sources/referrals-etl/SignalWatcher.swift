import Dispatch
import Foundation

/// Turns SIGTERM and SIGINT into a callback (once), instead of killing the process mid-transaction.
final class SignalWatcher {
    private let sources: [any DispatchSourceSignal]

    init(_ onSignal: @escaping @Sendable () -> Void) {
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { onSignal() }
            source.resume()
            return source
        }
    }

    /// Stops watching; the default actions come back.
    func stop() {
        for source in sources { source.cancel() }
        signal(SIGTERM, SIG_DFL)
        signal(SIGINT, SIG_DFL)
    }
}
