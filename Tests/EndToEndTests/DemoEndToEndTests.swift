import Foundation
import PostgresLoad
import TestSupport
import Testing

/// `referrals-etl demo`, the README's first command, through the built binary.
@Suite("demo end to end", .serialized)
struct DemoEndToEndTests {
    static func check(_ output: BinaryRunner.Output, referrals: Int, changes: Int, arrivals: Int) throws {
        #expect(output.status == 0, "\(output.stderr.suffix(500))")
        let summaries = output.stdout.split(separator: "\n").filter { $0.hasPrefix("{") }.map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) ?? [:]
        }
        try #require(summaries.count == 2, "\(output.stdout)")
        #expect(summaries[0]["mode"] as? String == "full")
        #expect((summaries[0]["inserted"] as? NSNumber)?.intValue == referrals)
        #expect(summaries[1]["mode"] as? String == "incremental")
        #expect((summaries[1]["updated"] as? NSNumber)?.intValue == changes)
        #expect((summaries[1]["inserted"] as? NSNumber)?.intValue == arrivals)
        let referralsLine = output.stdout.split(separator: "\n").first {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("referrals ")
        }
        #expect(referralsLine?.hasSuffix(" \(referrals + arrivals)") == true, "\(output.stdout)")
        for heading in ["Rows per table", "Top solutions by deal value", "Pending incoming leads"] {
            #expect(output.stdout.contains(heading))
        }
        // It ends with the HTML morning report's path, and the page is there.
        let last = output.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let path = try #require(last.split(separator: " ").last.map(String.init), "\(output.stdout)")
        #expect(last.hasPrefix("Morning report"), "\(last)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("Referrals morning report"))
        try? FileManager.default.removeItem(atPath: path)
    }

    @Test("demo on a given database: full load, changes, incremental, the report")
    func givenDatabase() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = try TestDatabase.url()
        let schema = TestDatabase.freshSchema("demo")
        let output = try BinaryRunner(environment: environment).run([
            "demo", "--referrals", "400", "--changes", "30", "--arrivals", "6", "--schema", schema.name, "--html",
            FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(schema.name).html").path,
        ])
        try Self.check(output, referrals: 400, changes: 30, arrivals: 6)
        let db = try TestDatabase.connect()
        #expect(
            try db.execute("SELECT count(*) FROM \(schema.table("etl_runs")) WHERE status = 'succeeded'").scalar == "2")
    }

    @Test("demo with no database: starts its own scratch PostgreSQL (the path of scripts/demo.sh)")
    func scratchDatabase() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = nil
        let output = try BinaryRunner(environment: environment).run([
            "demo", "--referrals", "200", "--changes", "10", "--arrivals", "2",
        ])
        try Self.check(output, referrals: 200, changes: 10, arrivals: 2)
        #expect(output.stderr.contains("starting a scratch PostgreSQL"))
    }
}
