import Foundation
import PostgresLoad
import TestSupport
import Testing

/// `demo --keep` on a given database: the explore line never shows the password, a password in
/// `--database-url` is warned about, and SIGTERM ends the wait (the one signal path of every command).
@Suite("demo --keep end to end", .serialized)
struct DemoKeepEndToEndTests {
    @Test("demo --keep prints a given database's URL without its password; SIGTERM ends it with 0")
    func keepHidesPassword() throws {
        let url = try TestDatabase.url()
        let password = try #require(URLComponents(string: url)?.password)
        let schema = TestDatabase.freshSchema("keep")
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = nil
        let (process, out, errURL) = try BinaryRunner(environment: environment).start([
            "demo", "--keep", "--referrals", "60", "--changes", "3", "--arrivals", "1", "--schema", schema.name,
            "--database-url", url,
        ])
        // Read stdout until the explore line, then stop the demo.
        var stdout = ""
        while !stdout.contains("Ctrl-C stops both") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            stdout += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGTERM)
        stdout += String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(stderr.suffix(400))")
        let explore = stdout.split(separator: "\n").first { $0.hasPrefix("Explore:") } ?? ""
        #expect(!explore.isEmpty, "\(stdout.suffix(400))")
        #expect(!explore.contains(":\(password)@"), "\(explore)")
        #expect(stderr.contains("--database-url carries a password"))
    }
}
