import ETLCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#else
    private let systemWrite = Darwin.write
#endif

/// Writes whole lines to stderr (file descriptor 2), unbuffered: messages for the person at the terminal.
/// `newline: false` writes the text as it is (the progress line redraws itself in place). Errors are ignored.
enum StandardError {
    static func write(_ line: String, newline: Bool = true) { _ = StandardStream.write(line, to: 2, newline: newline) }
}

/// Writes results to stdout (file descriptor 1), unbuffered, so a parent waiting for a line sees it at once.
enum StandardOutput {
    /// Writes `line`; a line that cannot be written (a closed pipe, a full disk) is an `output` error (74).
    static func write(_ line: String) throws {
        guard StandardStream.write(line, to: 1) else {
            throw CommandLineError(.output, "could not write the result line to stdout (\(StandardStream.lastError))")
        }
    }
}

/// Whole-line writes to a file descriptor. SIGPIPE is ignored from the start (`ReferralsETL.main`), so a
/// closed pipe is an EPIPE error here rather than a silent death.
private enum StandardStream {
    nonisolated(unsafe) static var lastError = ""

    static func write(_ line: String, to descriptor: Int32, newline: Bool = true) -> Bool {
        let bytes = Array((line.hasSuffix("\n") || !newline ? line : line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes {
                systemWrite(descriptor, $0.baseAddress.map { $0 + offset }, $0.count - offset)
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                lastError = String(cString: strerror(errno))
                return false
            }
            offset += n
        }
        return true
    }
}
