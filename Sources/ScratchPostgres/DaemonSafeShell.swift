import Foundation

/// Runs a command to completion without the Foundation `Process` hang on daemons.
///
/// `Process` hands the child an extra descriptor and `waitUntilExit()` waits until every holder closed
/// it; `pg_ctl` daemonizes the postmaster, which inherits it, so the wait would last until the server
/// stops. We start the command through bash with a prelude that closes every descriptor above 2, read
/// the output to EOF, then wait (see reference/swift-on-this-machine.md).
enum DaemonSafeShell {
    /// Runs `command`; throws `ScratchPostgresError` with its output when it exits non-zero.
    /// `chownTo` first gives `paths` to that user (for initdb run as `postgres`).
    static func run(_ command: [String], chownTo user: String?, paths: [String]) throws {
        if let user, !paths.isEmpty {
            try run(["chown", "-R", "\(user):\(user)"] + paths, chownTo: nil, paths: [])
        }
        let prelude =
            "for fd in /proc/$$/fd/*; do n=${fd##*/}; [ \"$n\" -gt 2 ] && eval \"exec $n>&-\"; done 2>/dev/null; "
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", prelude + "exec " + command.map(quote).joined(separator: " ") + " 2>&1"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ScratchPostgresError(
                message: "\(command.joined(separator: " ")) exited \(process.terminationStatus): \(text)")
        }
    }

    /// Single-quotes a word for bash.
    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
