import Foundation
import PartnerCenterSimulator
import PostgresLoad
import TestSupport
import Testing

/// What a person at a terminal sees: the live progress line (in tmux). (`demo --keep` through a pipe: DemoKeepEndToEndTests.)
@Suite("terminal end to end", .serialized)
struct TerminalEndToEndTests {
    @Test("on a terminal (tmux) a run shows a live progress line with the @odata.count total, then clears it")
    func progressInTmux() async throws {
        var faults = FaultConfiguration()
        faults.pageDelayMilliseconds = 50
        try await RunEndToEndTests.withSetup(referrals: 400, faults: faults) { _, binary, _, _ in
            let socket = "/tmp/e2e-tmux-\(UUID().uuidString.prefix(8))"
            let session = "progress"
            let variables = [
                "DATABASE_URL", "PARTNER_CENTER_API_BASE_URL", "PARTNER_CENTER_ACCESS_TOKEN", "REFERRALS_ETL_SCHEMA",
            ]
            .map { "\($0)='\(binary.environment[$0] ?? "")'" }.joined(separator: " ")
            let command =
                "env TERM=xterm \(variables) '\(BinaryRunner.binary.path)' run --log-level warning --page-size 10 "
                + "--batch-size 100; echo EXIT=$?; sleep 15"
            try Shell.run(
                "/usr/bin/tmux", ["-S", socket, "new-session", "-d", "-s", session, "-x", "160", "-y", "40", command])
            // The test process may ignore SIGHUP and SIGTERM, and its children inherit that, so kill-server alone
            // may leave the server waiting for the pane's `sleep`: it gets SIGKILL too (the sleep ends by itself).
            let server = Int32(
                try Shell.run("/usr/bin/tmux", ["-S", socket, "display-message", "-p", "#{pid}"])
                    .trimmingCharacters(in: .whitespacesAndNewlines))
            defer {
                _ = try? Shell.run("/usr/bin/tmux", ["-S", socket, "kill-server"])
                if let server, server > 1 { kill(server, SIGKILL) }
                try? FileManager.default.removeItem(atPath: socket)
            }
            let (frames, panes) = await Self.watch(socket: socket, session: session)
            let pane = panes.last ?? ""
            #expect(pane.contains("EXIT=0"), "\(pane)")
            #expect(!frames.isEmpty, "no progress line seen in \(panes.count) captures: \(panes.suffix(4))")
            let pattern = #/^pages \d+ \| referrals \d+/400 \d+% \| \d+/s \| batches \d+ \| retries 0/#
            #expect(frames.contains { $0.contains(pattern) }, "\(frames.suffix(3))")
            let summary = pane.split(separator: "\n").first { $0.contains(#""status":"succeeded""#) }
            #expect(summary?.hasPrefix("{") == true, "\(pane)")
            #expect(!pane.split(separator: "\n").contains { $0.hasPrefix("pages ") }, "progress line left behind")
        }
    }

    /// Captures the pane every 50 ms until the command has printed `EXIT=` (at most 90 s): the progress lines
    /// seen, and every distinct pane. On a thread of its own: the other suites' binaries block the cooperative
    /// pool's two threads for seconds at a time, which would starve a polling task.
    static func watch(socket: String, session: String) async -> (frames: [String], panes: [String]) {
        await withCheckedContinuation { continuation in
            Thread {
                var frames: [String] = []
                var panes: [String] = []
                let deadline = Date().addingTimeInterval(90)
                while Date() < deadline {
                    let pane =
                        (try? Shell.run("/usr/bin/tmux", ["-S", socket, "capture-pane", "-p", "-t", session])) ?? ""
                    if panes.last != pane { panes.append(pane) }
                    frames += pane.split(separator: "\n").filter { $0.hasPrefix("pages ") }.map(String.init)
                    if pane.contains("EXIT=") { break }
                    Thread.sleep(forTimeInterval: 0.05)
                }
                continuation.resume(returning: (frames, panes))
            }.start()
        }
    }
}

/// Runs a short command to completion and returns its stdout, without Foundation's `Process` hang on
/// daemons (tmux starts its server in the background): through bash, closing every descriptor above 2.
enum Shell {
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let quoted = ([executable] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let prelude =
            "for fd in /proc/$$/fd/*; do n=${fd##*/}; [ \"$n\" -gt 2 ] && eval \"exec $n>&-\"; done 2>/dev/null; "
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", prelude + "exec " + quoted.joined(separator: " ") + " 2>/dev/null"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
