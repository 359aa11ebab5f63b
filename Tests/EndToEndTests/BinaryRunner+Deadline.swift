import Foundation

extension BinaryRunner {
    /// Runs the binary to completion, killing it (SIGKILL) if it has not exited after `seconds`; `timedOut`
    /// says whether that happened, so a hang fails the test instead of the suite.
    func run(_ arguments: [String], deadline seconds: Double) throws -> (output: Output, timedOut: Bool) {
        let (process, out, errURL) = try start(arguments)
        let watch = Watch()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            if watch.timeOut() { kill(pid, SIGKILL) }
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watch.finish()
        let errText = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: errURL)
        let output = Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: errText)
        return (output, watch.timedOut)
    }
}

/// Whether the process finished or the deadline came first, decided once under a lock.
private final class Watch: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = false
    private var expired = false
    /// At the deadline: true (and remembered) when the process has not finished yet.
    func timeOut() -> Bool {
        lock.withLock {
            expired = !finished
            return expired
        }
    }
    func finish() { lock.withLock { finished = true } }
    var timedOut: Bool { lock.withLock { expired } }
}
