#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes whole lines to stderr (file descriptor 2), unbuffered: messages for the person at the terminal.
#if canImport(Glibc)
    private let systemWrite = Glibc.write
#else
    private let systemWrite = Darwin.write
#endif

enum StandardError {
    static func write(_ line: String) {
        let text = line.hasSuffix("\n") ? line : line + "\n"
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes {
                systemWrite(2, $0.baseAddress.map { $0 + offset }, $0.count - offset)
            }
            if n <= 0 { return }
            offset += n
        }
        bytes.removeAll()
    }
}
