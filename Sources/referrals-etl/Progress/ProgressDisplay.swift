import Foundation
import ReferralsPipeline

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The live progress line on stderr while a run goes, redrawn four times a second: only when stderr is a
/// terminal (and `TERM` is not `dumb`); off a terminal there is none. The text is `ProgressLine`.
///
/// Hand-written rather than console-kit's `ProgressBar`: console-kit's terminal writes to stdout, which
/// carries only the JSON summary here, and its bar shows one fraction where this line shows several counts.
struct ProgressDisplay {
    private let task: Task<Void, Never>?

    /// Starts drawing `progress`, or does nothing off a terminal.
    init(progress: RunProgress, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard isatty(STDERR_FILENO) == 1, environment["TERM"] != "dumb" else {
            task = nil
            return
        }
        task = Task {
            while !Task.isCancelled {
                let snapshot = await progress.snapshot()
                StderrLines.shared.showProgress(ProgressLine.render(snapshot, width: Self.columns()))
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    /// Stops drawing and removes the line.
    func stop() async {
        guard let task else { return }
        task.cancel()
        await task.value
        StderrLines.shared.showProgress(nil)
    }

    /// The terminal's width, when it says.
    private static func columns() -> Int? {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
