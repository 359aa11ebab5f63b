import Foundation
import PartnerCenterSimulator
import PostgresLoad
import TestSupport
import Testing

/// Nothing fetched is lost: a failure writes what was fetched before it ends the run, and a first load or full
/// refresh that fails or is killed resumes after its last committed referral (docs/pipeline.md#resume).
@Suite("resume end to end", .serialized)
struct ResumeEndToEndTests {
    typealias Setup = RunEndToEndTests

    /// Polls `condition` every 50 ms until it holds, the process ends, or 300 s pass.
    static func wait(for process: Process, until condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(300)
        while process.isRunning, Date() < deadline, !(try condition()) {
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    static func checkpoint(_ db: LibPQConnection, _ schema: SchemaName) throws -> String? {
        try db.execute(
            "SELECT resume_mode FROM \(schema.table("etl_state")) WHERE pipeline = 'default'"
        ).scalar
    }

    @Test("the API failing mid-batch: what was fetched is committed and counted, then the failure's exit code")
    func failureKeepsFetchedPages() async throws {
        var faults = FaultConfiguration()
        faults.pageDelayMilliseconds = 50
        try await Setup.withSetup(referrals: 3_000, faults: faults) { simulator, binary, schema, db in
            // One batch would hold everything: before, a failure on page 6 threw the first five away.
            let (process, out, errURL) = try binary.start(["run", "--batch-size", "100000", "--retry-budget", "0"])
            try await Self.wait(for: process) { simulator.requests().count >= 5 }
            var broken = FaultConfiguration()
            broken.serverErrorRate = 1
            simulator.setFaults(broken)
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            let result = BinaryRunner.Output(status: process.terminationStatus, stdout: stdout, stderr: stderr)
            #expect(result.status == 75, "\(stderr.suffix(400))")
            let stored = try Setup.count(db, schema, "referrals")
            #expect(stored >= 500 && stored < 3_000)
            #expect(result.int("referrals") == stored)
            #expect(result.int("inserted") == stored)
            #expect(result.summary["status"] as? String == "failed")
            let ledger = try db.execute("SELECT referrals, inserted, status FROM \(schema.table("etl_runs"))")
            #expect(ledger.rows == [[String(stored), String(stored), "failed"]])
            // The rerun resumes the first load after the last committed referral and completes it.
            simulator.setFaults(FaultConfiguration())
            let rerun = try binary.run(["run"])
            #expect(rerun.status == 0, "\(rerun.stderr.suffix(400))")
            #expect(rerun.int("inserted") == 3_000 - stored)
            #expect(try Setup.count(db, schema, "referrals") == 3_000)
        }
    }

    @Test("a 20,000-referral first load killed at about 80 % resumes: at most 30 % of the pages, same tables")
    func killedFirstLoadResumes() async throws {
        try await Setup.withSetup(referrals: 20_000) { simulator, binary, schema, db in
            #expect(try binary.run(["migrate"]).status == 0)
            // The same data loaded by one uninterrupted run into another schema, alongside (to keep the test short).
            let reference = TestDatabase.freshSchema("e2e_ref")
            var uninterrupted = binary
            uninterrupted.environment["REFERRALS_ETL_SCHEMA"] = reference.name
            let (whole, wholeOut, _) = try uninterrupted.start(["run"])
            let (process, _, _) = try binary.start(["run"])
            try await Self.wait(for: process) { try Setup.count(db, schema, "referrals") >= 16_000 }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let partial = try Setup.count(db, schema, "referrals")
            #expect(partial >= 16_000 && partial < 20_000, "killed at \(partial)")
            #expect(try Self.checkpoint(db, schema) == "full")
            let status = try binary.run(["status"])
            #expect(status.stdout.contains("Unfinished loads"), "\(status.stdout)")
            #expect(status.stdout.split(separator: "\n").contains { $0.contains("default") && $0.contains(" full ") })
            let wholeSummary = String(decoding: wholeOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            whole.waitUntilExit()
            #expect(whole.terminationStatus == 0)

            simulator.clearRequests()
            let rerun = try binary.run(["run"])
            #expect(rerun.status == 0, "\(rerun.stderr.suffix(400))")
            #expect(rerun.summary["mode"] as? String == "full")
            #expect(rerun.int("inserted") == 20_000 - partial)
            let pages = simulator.requests().filter { $0.path.hasSuffix("/referrals") }.count
            #expect(pages <= 60, "the rerun read \(pages) of 200 pages")
            #expect(try Self.checkpoint(db, schema) == nil)
            #expect(!(try binary.run(["status"])).stdout.contains("Unfinished loads"))

            // Equal tables and watermark.
            #expect(try ExpectedWarehouse.fingerprint(db, schema) == ExpectedWarehouse.fingerprint(db, reference))
            let wholeLine = BinaryRunner.Output(status: 0, stdout: wholeSummary, stderr: "")
            #expect(rerun.summary["watermark"] as? String == wholeLine.summary["watermark"] as? String)
        }
    }

    @Test("a killed full refresh resumes, and flags as missing only referrals not seen since it began")
    func killedFullRefreshResumes() async throws {
        var faults = FaultConfiguration()
        faults.pageDelayMilliseconds = 100
        try await Setup.withSetup(referrals: 2_000) { simulator, binary, schema, db in
            #expect(try binary.run(["run"]).status == 0)
            let referrals = schema.table("referrals")
            try RunModesEndToEndTests.insertGhost(db, schema)
            simulator.setFaults(faults)
            let (process, _, _) = try binary.start(["run", "--full-refresh", "--batch-size", "200"])
            try await Self.wait(for: process) {
                try db.execute(
                    "SELECT count(*) >= 1000 FROM \(referrals) WHERE last_seen_at >= (SELECT max(started_at) FROM "
                        + "\(schema.table("etl_runs")) WHERE mode = 'full-refresh')"
                ).scalar == "t" && (try Self.checkpoint(db, schema)) == "full-refresh"
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(try Self.checkpoint(db, schema) == "full-refresh")
            // A plain run in between neither resumes nor forgets the refresh.
            simulator.setFaults(FaultConfiguration())
            let plain = try binary.run(["run"])
            #expect(plain.summary["mode"] as? String == "incremental")
            #expect(try Self.checkpoint(db, schema) == "full-refresh")

            simulator.clearRequests()
            let resumed = try binary.run(["run", "--full-refresh"])
            #expect(resumed.status == 0, "\(resumed.stderr.suffix(400))")
            #expect(resumed.int("referrals") < 1_100)
            let flagged = try db.execute("SELECT id FROM \(referrals) WHERE missing_since IS NOT NULL")
            #expect(flagged.rows == [["ghost-referral-1"]])
            #expect(try Self.checkpoint(db, schema) == nil)
        }
    }
}
