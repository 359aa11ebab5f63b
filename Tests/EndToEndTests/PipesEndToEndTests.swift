import Foundation
import PostgresLoad
import TestSupport
import Testing

/// Closed pipes, through the built binary: SIGPIPE never kills the process, and a summary line that cannot
/// be written is exit 74.
@Suite("pipes end to end", .serialized)
struct PipesEndToEndTests {
    /// Runs the binary with stdout and/or stderr going to pipes nobody reads (their read ends closed).
    static func runWithClosedPipes(
        _ binary: BinaryRunner, _ arguments: [String], stdout closeOut: Bool, stderr closeErr: Bool
    ) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = arguments
        process.environment = binary.environment
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        let err = Pipe()
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("pipes-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        process.standardOutput = closeOut ? out : FileHandle.nullDevice
        process.standardError = closeErr ? err : try FileHandle(forWritingTo: errFile)
        // Closing the read ends first: the child's writes get EPIPE (or SIGPIPE, if it did not ignore it).
        try out.fileHandleForReading.close()
        try err.fileHandleForReading.close()
        try process.run()
        process.waitUntilExit()
        let text = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: errFile)
        return (process.terminationStatus, text)
    }

    @Test("a summary line that cannot be written: exit 74, the reason on stderr")
    func summaryUnwritable() async throws {
        try await RunEndToEndTests.withSetup(referrals: 100) { _, binary, _, _ in
            let (status, stderr) = try Self.runWithClosedPipes(binary, ["run"], stdout: true, stderr: false)
            #expect(status == 74, "\(stderr.suffix(400))")
            #expect(stderr.contains("could not write the result line to stdout"))
        }
    }

    @Test("a closed stderr does not kill migrate (SIGPIPE is ignored from the start)")
    func closedStderr() async throws {
        try await RunEndToEndTests.withSetup(referrals: 10) { _, binary, _, _ in
            let (status, _) = try Self.runWithClosedPipes(
                binary, ["migrate", "--log-level", "debug"], stdout: false, stderr: true)
            #expect(status == 0)
        }
    }
}
