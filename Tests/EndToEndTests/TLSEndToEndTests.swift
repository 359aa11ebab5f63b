import Foundation
import Testing

/// A TLS certificate that does not verify is a configuration error naming the host (78), not a connection
/// failure retried into 75. The server is `openssl s_server` with a fresh self-signed certificate; the client is
/// the binary's `login`, which needs no database (the API client shares the same transport and classification).
@Suite("tls end to end", .serialized)
struct TLSEndToEndTests {
    /// Starts `openssl s_server` in the background with every descriptor above 2 closed first (a Foundation
    /// `Process` waits for every holder of its extra descriptor: see reference/swift-on-this-machine.md).
    /// Returns the server's pid.
    static func startServer(in directory: String, port: Int) throws -> Int32 {
        let prelude =
            "for fd in /proc/$$/fd/*; do n=${fd##*/}; [ \"$n\" -gt 2 ] && eval \"exec $n>&-\"; done 2>/dev/null; "
        let script =
            "cd '\(directory)' && openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 "
            + "-keyout key.pem -out cert.pem </dev/null >/dev/null 2>&1 && "
            + "{ timeout 60 openssl s_server -accept 127.0.0.1:\(port) -cert cert.pem -key key.pem -www -quiet "
            + "</dev/null >/dev/null 2>&1 & echo $! > pid; }"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", prelude + script]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = try String(contentsOfFile: directory + "/pid", encoding: .utf8)
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test(
        "a self-signed certificate: 78 naming the host",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
    func selfSigned() throws {
        let directory = NSTemporaryDirectory() + "tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = Int.random(in: 20_000...40_000)
        let pid = try Self.startServer(in: directory, port: port)
        defer { if pid > 0 { kill(pid, SIGTERM) } }
        Thread.sleep(forTimeInterval: 0.5)
        var environment = ProcessInfo.processInfo.environment
        environment["PARTNER_CENTER_AUTHORITY_URL"] = "https://127.0.0.1:\(port)"
        environment["PARTNER_CENTER_TENANT_ID"] = "tenant"
        environment["PARTNER_CENTER_CLIENT_ID"] = "client"
        let run = try BinaryRunner(environment: environment).run([
            "login", "--token-cache", directory + "/cache.json",
        ])
        #expect(run.status == 78, "\(run.stderr.suffix(600))")
        #expect(run.stderr.contains("TLS certificate verification failed for 127.0.0.1"), "\(run.stderr.suffix(600))")
    }
}
