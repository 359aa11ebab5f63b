import Foundation

/// stderr shared by log lines and the live progress line: a log line first clears the progress line, which
/// is drawn again below it, so the two never mix on one line.
///
/// `@unchecked Sendable`: `progressLine` is read and written under `lock`, and writes happen under it too.
final class StderrLines: @unchecked Sendable {
    static let shared = StderrLines()

    private let lock = NSLock()
    private var progressLine: String?
    private static let clearLine = "\r\u{1B}[2K"

    /// Writes a whole log line (newline included).
    func log(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        if let progressLine {
            Self.write(Self.clearLine + line + progressLine)
        } else {
            Self.write(line)
        }
    }

    /// Draws `line` as the progress line in place of the previous one; nil removes it.
    func showProgress(_ line: String?) {
        lock.lock()
        defer { lock.unlock() }
        if line != nil || progressLine != nil { Self.write(Self.clearLine + (line ?? "")) }
        progressLine = line
    }

    /// Through `StandardError`: a closed stderr is ignored (Foundation's `FileHandle.write` would trap).
    private static func write(_ text: String) {
        StandardError.write(text, newline: false)
    }
}
