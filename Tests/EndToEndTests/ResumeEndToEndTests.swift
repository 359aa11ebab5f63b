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

    /// Runs blocking `work` on a thread of its own. The cooperative pool has two threads: a test that blocked one
    /// for a whole run (or a poll) would make the timers of every other suite running alongside come late.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    /// A value handed to another thread that only that thread uses from then on (a `Process`).
    struct Handed<T>: @unchecked Sendable { let value: T }

    /// Polls `condition` every 50 ms, on its own thread, until it holds, the process ends, or 300 s pass; then
    /// sends `signal` (from that thread, at once: the test's task may resume later on a busy pool).
    static func signal(
        _ signal: Int32, _ process: Process, when condition: @escaping @Sendable () throws -> Bool
    ) async throws {
        let handed = Handed(value: process)
        try await offPool {
            let deadline = Date().addingTimeInterval(300)
            while handed.value.isRunning, Date() < deadline, !(try condition()) {
                Thread.sleep(forTimeInterval: 0.05)
            }
            kill(handed.value.processIdentifier, signal)
        }
    }

    /// Reads the process's stdout to the end and waits for it, on its own thread.
    static func finish(_ process: Process, _ out: Pipe) async throws -> BinaryRunner.Output {
        let handed = Handed(value: (process, out))
        return try await offPool {
            let (process, out) = handed.value
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return BinaryRunner.Output(status: process.terminationStatus, stdout: stdout, stderr: "")
        }
    }

    static func checkpoint(_ db: LibPQConnection, _ schema: SchemaName) throws -> String? {
        try db.execute(
            "SELECT resume_mode FROM \(schema.table("etl_state")) WHERE pipeline = 'default'"
        ).scalar
    }

    @Test("the API failing mid-batch: what was fetched is committed and counted, then the failure's exit code")
    func failureKeepsFetchedPages() async throws {
        // Page 6 arrives cut short, and no retry budget is left to fetch it again: exit 75.
        var faults = FaultConfiguration()
        faults.truncatePage = 6
        try await Setup.withSetup(referrals: 3_000, faults: faults) { simulator, binary, schema, db in
            // One batch would hold everything: before, the failure on page 6 threw the first five away.
            let result = try await binary.runOffPool(["run", "--batch-size", "100000", "--retry-budget", "0"])
            #expect(result.status == 75, "\(result.stderr.suffix(400))")
            #expect(try Setup.count(db, schema, "referrals") == 500)
            #expect(result.int("pages") == 5)
            #expect(result.int("referrals") == 500)
            #expect(result.int("inserted") == 500)
            #expect(result.summary["status"] as? String == "failed")
            let ledger = try db.execute("SELECT pages, referrals, inserted, status FROM \(schema.table("etl_runs"))")
            #expect(ledger.rows == [["5", "500", "500", "failed"]])
            // The rerun resumes the first load after the last committed referral and completes it.
            simulator.setFaults(FaultConfiguration())
            simulator.clearRequests()
            let rerun = try await binary.runOffPool(["run"])
            #expect(rerun.status == 0, "\(rerun.stderr.suffix(400))")
            #expect(rerun.int("inserted") == 2_500)
            #expect(rerun.int("pages") <= 26)
            #expect(try Setup.count(db, schema, "referrals") == 3_000)
        }
    }

    @Test("SIGTERM while a big batch fills: the referrals already fetched are committed, then cancelled and 75")
    func cancellationKeepsFetchedPages() async throws {
        var faults = FaultConfiguration()
        faults.pageDelayMilliseconds = 100
        try await Setup.withSetup(referrals: 3_000, faults: faults) { simulator, binary, schema, db in
            let (process, out, _) = try binary.start(["run", "--batch-size", "100000"])
            try await Self.signal(SIGTERM, process) { simulator.requests().count >= 5 }
            let result = try await Self.finish(process, out)
            #expect(result.status == 75)
            #expect(result.summary["status"] as? String == "cancelled")
            let stored = try Setup.count(db, schema, "referrals")
            #expect(stored >= 400 && stored < 3_000, "stored \(stored)")
            #expect(result.int("inserted") == stored)
            #expect(try Self.checkpoint(db, schema) == "full")
        }
    }

    @Test("a 20,000-referral first load killed at about 80 % resumes: at most 30 % of the pages, same tables")
    func killedFirstLoadResumes() async throws {
        try await Setup.withSetup(referrals: 20_000) { simulator, binary, schema, db in
            #expect(try await binary.runOffPool(["migrate"]).status == 0)
            // The same data loaded by one uninterrupted run into another schema, alongside (to keep the test short).
            let reference = TestDatabase.freshSchema("e2e_ref")
            var uninterrupted = binary
            uninterrupted.environment["REFERRALS_ETL_SCHEMA"] = reference.name
            let (whole, wholeOut, _) = try uninterrupted.start(["run"])
            let (process, _, _) = try binary.start(["run"])
            try await Self.signal(SIGKILL, process) { try Setup.count(db, schema, "referrals") >= 16_000 }
            process.waitUntilExit()
            let partial = try Setup.count(db, schema, "referrals")
            #expect(partial >= 16_000 && partial < 20_000, "killed at \(partial)")
            #expect(try Self.checkpoint(db, schema) == "full")
            let status = try await binary.runOffPool(["status"])
            #expect(status.stdout.contains("Unfinished loads"), "\(status.stdout)")
            #expect(status.stdout.split(separator: "\n").contains { $0.contains("default") && $0.contains(" full ") })
            let wholeLine = try await Self.finish(whole, wholeOut)
            #expect(wholeLine.status == 0)

            simulator.clearRequests()
            let rerun = try await binary.runOffPool(["run"])
            #expect(rerun.status == 0, "\(rerun.stderr.suffix(400))")
            #expect(rerun.summary["mode"] as? String == "full")
            #expect(rerun.int("inserted") == 20_000 - partial)
            let pages = simulator.requests().filter { $0.path.hasSuffix("/referrals") }.count
            #expect(pages <= 60, "the rerun read \(pages) of 200 pages")
            #expect(try Self.checkpoint(db, schema) == nil)
            let after = try await binary.runOffPool(["status"])
            #expect(!after.stdout.contains("Unfinished loads"))

            // Equal tables and watermark.
            #expect(try ExpectedWarehouse.fingerprint(db, schema) == ExpectedWarehouse.fingerprint(db, reference))
            #expect(rerun.summary["watermark"] as? String == wholeLine.summary["watermark"] as? String)
        }
    }

    @Test(
        "a full refresh that fails resumes with the next one, and flags as missing only referrals not seen since it began"
    )
    func failedFullRefreshResumes() async throws {
        try await Setup.withSetup(referrals: 2_000) { simulator, binary, schema, db in
            #expect(try await binary.runOffPool(["run"]).status == 0)
            let referrals = schema.table("referrals")
            try RunModesEndToEndTests.insertGhost(db, schema)
            // Page 11 arrives cut short with no retry budget left: five batches of 200 are committed, then 75.
            var faults = FaultConfiguration()
            faults.truncatePage = 11
            simulator.setFaults(faults)
            let failed = try await binary.runOffPool([
                "run", "--full-refresh", "--batch-size", "200", "--retry-budget", "0",
            ])
            #expect(failed.status == 75, "\(failed.stderr.suffix(400))")
            #expect(failed.int("referrals") == 1_000)
            #expect(try Self.checkpoint(db, schema) == "full-refresh")
            #expect(try db.execute("SELECT count(*) FROM \(referrals) WHERE missing_since IS NOT NULL").scalar == "0")
            // A plain run in between neither resumes nor forgets the refresh.
            simulator.setFaults(FaultConfiguration())
            let plain = try await binary.runOffPool(["run"])
            #expect(plain.summary["mode"] as? String == "incremental")
            #expect(try Self.checkpoint(db, schema) == "full-refresh")

            let resumed = try await binary.runOffPool(["run", "--full-refresh"])
            #expect(resumed.status == 0, "\(resumed.stderr.suffix(400))")
            #expect(resumed.summary["mode"] as? String == "full-refresh")
            #expect(resumed.int("referrals") <= 1_001)
            let flagged = try db.execute("SELECT id FROM \(referrals) WHERE missing_since IS NOT NULL")
            #expect(flagged.rows == [["ghost-referral-1"]])
            #expect(try Self.checkpoint(db, schema) == nil)
            // The refresh began with the failed run: its start (read just before that run's ledger row was opened).
            let refreshedAt = try db.execute(
                "SELECT last_full_refresh_at <= (SELECT min(started_at) FROM \(schema.table("etl_runs")) "
                    + "WHERE mode = 'full-refresh') FROM \(schema.table("etl_state"))")
            #expect(refreshedAt.scalar == "t")
        }
    }
}

extension BinaryRunner {
    /// `run` on a thread of its own (see `ResumeEndToEndTests.offPool`).
    func runOffPool(_ arguments: [String]) async throws -> Output {
        let runner = self
        return try await ResumeEndToEndTests.offPool { try runner.run(arguments) }
    }
}
